"""The quote sidebar of an article with hundreds of quotations: every one is listed (more than are measured at
once), the keys and the mouse move the cursor over all of them, and what acts on the chosen quotation acts on
the one under the cursor, far down as well."""
from __future__ import annotations

from pathlib import Path

import pytest

from store import State
from tui.app import QuotedeskApp

from ..conftest import write_article
from .helpers import loaded, opened, until

QUOTATIONS = 600  # many screens, and many slices of the sidebar's wrapping


def quotation(number: int) -> str:
    return f"Ferry route {number} stays open through the winter"


def many_quotes_text() -> str:
    paragraphs = [f"“{quotation(n)},” said harbour master Mara Lind." for n in range(QUOTATIONS)]
    return "date 2024-06-01 By Harbour Wire\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    write_article(folder, "2024-06-01_ferries.txt", many_quotes_text())
    return folder


def sidebar_screen(sidebar) -> str:
    """What the sidebar shows now, its lines joined."""
    return " ".join(" ".join(sidebar.render_line(row).text for row in range(sidebar.scrollable_content_region.height))
                    .split())


async def open_article(pilot):
    screen = await loaded(pilot)
    await pilot.press("enter")
    await opened(pilot)
    await until(pilot, lambda: screen.sidebar.border_title == f"Quotes · {QUOTATIONS}", "the quotations are listed")
    return screen


async def test_every_quotation_is_listed_and_the_cursor_reaches_the_last(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        sidebar = screen.sidebar
        texts = sidebar.shown_texts()
        assert len(texts) == QUOTATIONS
        assert texts[-1].startswith("Mara Lind") and texts[-1].endswith(f"\n“{quotation(QUOTATIONS - 1)}”")
        assert quotation(0) in sidebar_screen(sidebar) and quotation(QUOTATIONS - 1) not in sidebar_screen(sidebar)
        sidebar.focus()
        await pilot.press("G")
        await until(pilot, lambda: quotation(QUOTATIONS - 1) in sidebar_screen(sidebar), "the last one was shown")
        assert sidebar.highlighted_index == QUOTATIONS - 1
        assert screen.reader.marks.selected == QUOTATIONS - 1  # and chosen in the reader
        assert sidebar.scroll_y == sidebar.max_scroll_y  # the height is known to its last line
        await pilot.press("pageup")
        above = sidebar.highlighted_index
        assert QUOTATIONS - 20 < above < QUOTATIONS - 1
        await pilot.press("k")
        assert sidebar.highlighted_index == above - 1
        await pilot.press("g")
        assert sidebar.highlighted_index == 0 and sidebar.scroll_y == 0


async def test_a_page_down_and_a_click_choose_the_quotation_under_them(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        sidebar = screen.sidebar
        sidebar.focus()
        await pilot.press("j", "pagedown", "pagedown")
        index = sidebar.highlighted_index
        assert 10 < index < 40 and quotation(index) in sidebar_screen(sidebar)
        top = round(sidebar.scroll_y)
        rows = [sidebar.render_line(row).text for row in range(sidebar.scrollable_content_region.height)]
        row, clicked = next((row, number) for row, text in enumerate(rows) for number in range(QUOTATIONS)
                            if f"“Ferry route {number} stays" in text and number != index)
        await pilot.click(sidebar, offset=(3, 1 + row))  # under the top border
        await until(pilot, lambda: sidebar.highlighted_index == clicked, "the click moved the cursor")
        assert round(sidebar.scroll_y) == top and screen.reader.marks.selected == clicked


async def test_hiding_the_chosen_quotation_far_down_hides_that_one(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        screen.sidebar.focus()
        await pilot.press("G", "k", "x")
        await until(pilot, lambda: screen.sidebar.border_title == f"Quotes · {QUOTATIONS - 1} · 1 hidden",
                    "the quotation was hidden")
        texts = screen.sidebar.shown_texts()
        assert not any(quotation(QUOTATIONS - 2) in text for text in texts)
        assert quotation(QUOTATIONS - 1) in texts[-1] and quotation(QUOTATIONS - 3) in texts[-2]


async def test_a_click_on_the_last_line_of_a_quotation_chooses_that_quotation(harbour: Path, db_path: Path):
    """A click was placed one line too low (the border counted as a line of the sidebar): on the last line of a
    quotation it chose the one below, or nothing."""
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_article(pilot)
        sidebar = screen.sidebar
        rows = [sidebar.render_line(row).text.strip() for row in range(sidebar.scrollable_content_region.height)]
        rule = next(row for row, text in enumerate(rows) if text.startswith("─"))
        second = next(row for row, text in enumerate(rows) if row > rule and text.startswith("─"))
        for row, index in ((rule - 1, 0), (second - 1, 1)):  # the last line of the first and second quotations
            await pilot.click(sidebar, offset=(3, 1 + row))  # under the top border
            await until(pilot, lambda: sidebar.highlighted_index == index, f"quotation {index} chosen")
