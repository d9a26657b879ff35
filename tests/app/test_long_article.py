"""A long article is wrapped from the top, as far as the screen needs, and the rest after the first frame: jumps,
search matches, the end key and selections far down must still land on the right text."""
from __future__ import annotations

from pathlib import Path

import pytest

from store import State
from tui.app import QuotedeskApp

from ..conftest import write_article
from .helpers import loaded, opened, until
from .test_selection import drag

PARAGRAPHS = 3000  # about 400,000 characters: many slices of wrapping
CLOSING = "The lighthouse keeper counted seventeen gulls on the breakwater at dusk."
QUOTE = "“The pier will stand another century,” said harbour master Mara Lind."


def long_text() -> str:
    paragraphs = [f"Paragraph {n} of the harbour report: the council weighed the cost of dredging, the ferry "
                  f"timetable and the fishing quotas once more, and adjourned." for n in range(PARAGRAPHS)]
    return "date 2024-06-01 By Harbour Wire\n\n" + "\n\n".join([*paragraphs, QUOTE, CLOSING]) + "\n"


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    folder = tmp_path / "long"
    write_article(folder, "2024-06-01_report.txt", long_text())
    return folder


def visible_text(reader) -> str:
    """What the reader's body shows on screen now, its screen lines joined (a sentence may take two)."""
    body = reader.body
    top = round(reader.scroll_y) - body.virtual_region.y
    rows = [body.render_line(row).text for row in range(max(0, top), top + reader.scrollable_content_region.height)]
    return " ".join(" ".join(rows).split())


async def open_long(pilot):
    screen = await loaded(pilot)
    await pilot.press("enter")
    await opened(pilot)
    return screen


async def test_a_jump_to_a_quotation_at_the_end_shows_it(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long(pilot)
        reader = screen.reader
        assert screen.quotations(screen.open_article)  # the harbour master's
        screen.sidebar.focus()
        await pilot.press("G", "enter")
        await until(pilot, lambda: "The pier will stand another century" in visible_text(reader),
                    "the reader showed the quotation at the end")
        assert reader.scroll_y > 1000


async def test_the_end_key_right_after_opening_shows_the_last_line(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long(pilot)
        screen.reader.focus()
        await pilot.press("G")
        await until(pilot, lambda: CLOSING in visible_text(screen.reader), "the last line was shown")
        assert screen.reader.scroll_y == screen.reader.max_scroll_y


async def test_a_search_match_at_the_end_is_revealed(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long(pilot)
        await pilot.press("slash", *"gulls", "enter")
        await until(pilot, lambda: screen.reader.marks.hits, "the match was marked")
        await pilot.press("escape") if screen.focused is screen.search_bar else None
        screen.reader.focus()
        await pilot.press("n")
        await until(pilot, lambda: "seventeen gulls" in visible_text(screen.reader), "the match was shown")
        assert "match 1 of 1" in str(screen.reader.border_title)


async def test_a_selection_across_the_first_slice_wrapped_copies_the_text_between(harbour: Path, db_path: Path):
    from tui.widgets.article_text import SLICE

    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long(pilot)
        reader, body = screen.reader, screen.reader.body
        text = reader.article.text
        # The two screen lines either side of where the first slice of wrapping ended.
        line = next(n for n, start in enumerate(body.line_starts) if start > SLICE)
        row = next(y for y, (number, _start, _end) in enumerate(body.wrapped()) if number == line) - 1
        reader.scroll_to(y=body.virtual_region.y + row - 5, animate=False)
        await pilot.pause()
        y = reader.scrollable_content_region.y + 5  # the screen row of `row`
        await drag(pilot, (body.region.x + 3, y), (body.region.x + 10, y + 2))
        start, end = reader.selected_range()
        top_line, top_start, _ = body.wrapped()[row]
        bottom_line, bottom_start, _ = body.wrapped()[row + 2]
        assert start == body.line_starts[top_line] + top_start + 3
        assert end == body.line_starts[bottom_line] + bottom_start + 11  # the cell released on is taken
        await pilot.press("y")
        assert app.clipboard.startswith(text[start:end])
        assert "\n" in text[start:end]  # it spans the paragraphs either side


@pytest.mark.parametrize("text", [long_text(), "Ein Satz.\n\n\n日本語の記事もある。\nwith\ttabs and wide ones\n", "\n\nend\n"])
def test_wrapping_a_part_at_a_time_gives_the_screen_lines_of_wrapping_whole(text: str):
    from tui.widgets.article_text import wrap

    starts = [0] + [n + 1 for n, character in enumerate(text) if character == "\n"]
    for width in (7, 46, 80):
        parts = []
        for first in range(0, len(starts), 5):
            parts += wrap(text, starts, width, first, min(first + 5, len(starts)))
        assert parts == wrap(text, starts, width)


async def test_a_long_article_lists_its_quotations_after_its_text_even_with_the_reader_hidden(harbour: Path,
                                                                                               db_path: Path):
    """The quotations of a long article are read once its text is on screen; with the list zoomed over the reader,
    the text is not drawn, and they come all the same."""
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("z")  # the list takes the screen: the reader is not drawn
        assert screen.maximized is screen.article_list
        await pilot.press("enter")
        await opened(pilot)
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 1", "the quotations were listed")
        await pilot.press("z")
        await until(pilot, lambda: "Paragraph 0 of the harbour report" in visible_text(screen.reader),
                    "the text was shown")
        assert "The pier will stand another century" in screen.sidebar.shown_texts()[0]


def drawn_lines(reader) -> list[str]:
    """The body's lines on screen as drawn for the screen (the lines Textual keeps drawn, else drawn now)."""
    from textual.geometry import Region

    body = reader.body
    top = max(0, round(reader.scroll_y) - body.virtual_region.y)
    height = reader.scrollable_content_region.height
    return [strip.text for strip in body.render_lines(Region(0, top, body.size.width, height))]


async def test_paging_far_down_and_back_draws_the_lines_of_where_it_is(harbour: Path, db_path: Path):
    # The lines drawn are dropped every few screens (`KEPT_LINES`): those drawn again are the right ones.
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long(pilot)
        reader = screen.reader
        first = " ".join(drawn_lines(reader))
        for _ in range(30):
            reader.scroll_page_down(animate=False)
            await pilot.pause()
            assert " ".join(" ".join(drawn_lines(reader)).split()) == visible_text(reader)
        assert "Paragraph 0 of" not in visible_text(reader)
        reader.scroll_home(animate=False)
        await pilot.pause()
        assert " ".join(drawn_lines(reader)) == first and "Paragraph 0 of" in first
