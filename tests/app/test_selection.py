"""Selecting in the reader with the mouse: a drag past a line's end, onto the padding or the scrollbar, takes that
line to its end, never the rest of the article; `y` cites a selection as what it is."""
from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import QuotedeskApp
from store import State

from ..conftest import write_article
from .helpers import loaded, opened

LONG = (
    "Harbour works begin\n\n"
    # The first screen line ends well before the reader's edge: the next word is too long to fit beside it.
    + "The harbour board met on Monday, breakwater-and-container-terminal-builders waiting, and agreed after a "
      "long debate about money, dredging, the fishing fleet and the old ferry quay to start the works in spring.\n\n"
    + "\n\n".join(f"Paragraph {n} tells more about the works and the people who wait for them." for n in range(60))
    + "\n"
)


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    write_article(folder, "2024-05-01_harbour.txt", LONG)
    return folder


async def drag(pilot, start: tuple[int, int], end: tuple[int, int]) -> None:
    """A drag in screen coordinates, as a hand makes it: down, moving, up."""
    await pilot.mouse_down(None, offset=start)
    await pilot.hover(None, offset=end)
    await pilot.mouse_up(None, offset=end)


async def open_harbour(pilot):
    screen = await loaded(pilot)
    await pilot.press("enter")
    await opened(pilot)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("where", ["scrollbar", "padding"])
async def test_a_drag_past_the_end_of_a_line_selects_to_the_end_of_that_line(harbour: Path, db_path: Path,
                                                                             where: str):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        reader, body = screen.reader, screen.reader.body
        assert reader.max_scroll_y > 0  # the reader has a scrollbar
        first_line, start, end = body.wrapped()[0]
        assert end < len(body.plain.split("\n")[0])  # the paragraph wraps
        row = body.region.y
        x = reader.vertical_scrollbar.region.x if where == "scrollbar" else body.region.right - 1
        await drag(pilot, (body.region.x + 4, row), (x, row))
        text = reader.article.text
        selected = reader.selected_range()
        assert selected is not None
        assert text[selected[0]:selected[1]] == text[4:end].rstrip()  # that screen line, not the next word or more


async def test_releasing_below_a_wrapped_line_on_its_blank_end_does_not_take_the_next_line(harbour: Path,
                                                                                          db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        reader, body = screen.reader, screen.reader.body
        _, _, end = body.wrapped()[0]
        piece = body.plain[:end].rstrip()
        # Released in the blank a few cells after the first screen line's last word.
        release = body.region.x + len(piece) + 3
        assert release < body.region.right
        await drag(pilot, (body.region.x, body.region.y), (release, body.region.y))
        start, stop = reader.selected_range()
        assert reader.article.text[start:stop] == piece


WIRE = ("date 2021-04-02 By Coastal Wire\n\n"
        "The harbour board of the northern port approved on Friday a new container terminal that engineers say "
        "will double the port's capacity within ten years. Critics spoke against it.\n\n"
        "“It will carry the town for thirty years,” board chair Ann Berg said.\n")


async def test_y_cites_words_as_words_and_quotations_as_quotations_and_h_keeps_the_whole_headline(
        tmp_path: Path, db_path: Path):
    from tui.dialogs.note import NoteDialog

    write_article(tmp_path / "wire", "harbour.txt", WIRE)
    app = QuotedeskApp([tmp_path / "wire"], State(db_path))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await open_harbour(pilot)
        body = screen.reader.body
        await drag(pilot, (body.region.x + 4, body.region.y), (body.region.x + 25, body.region.y))
        start, end = screen.reader.selected_range()
        words = screen.reader.article.text[start:end]
        assert words.startswith("harbour board")
        await pilot.press("y")
        assert app.clipboard == f"{words} — Coastal Wire, 2021-04-02"  # no quote marks: nobody said it
        await pilot.press("h")
        [highlight] = app.state.highlights()
        assert highlight.title == ("The harbour board of the northern port approved on Friday a new container "
                                   "terminal that engineers say will double the port's capacity within ten years")
        assert screen.open_article.title.endswith("…")  # the list's cut
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"ask the board", "ctrl+j", *"and the port", "enter")
        assert app.state.highlight(highlight.id).note == "ask the board\nand the port"
        screen.sidebar.focus()
        await pilot.press("j", "y")
        assert app.clipboard == "“It will carry the town for thirty years” — Ann Berg, Coastal Wire, 2021-04-02"
