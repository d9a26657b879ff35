"""A long article's quotations are read and listed after its text is shown, in the worker that opened it: what the
reader does meanwhile (a quotation added, a highlight made, another article opened) is what the lists show once
they arrive, and a correction made after shows at once."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from store import State
from tui.app import QuotedeskApp
from tui.screens.main import MainScreen

from ..conftest import write_article
from .helpers import indexed, opened, until
from .test_corrections import answer, dialog, speakers
from .test_long_article import PARAGRAPHS, long_text

FERRY_QUOTE = "“The ferry will sail at dawn,” said captain Ivo Berg."


def ferry_text() -> str:
    paragraphs = [f"Paragraph {n} of the ferry log: the crossing was calm, the cargo light and the deck swept."
                  for n in range(PARAGRAPHS)]
    return "date 2024-05-01 By Harbour Wire\n\n" + "\n\n".join([*paragraphs, FERRY_QUOTE]) + "\n"


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    folder = tmp_path / "long"
    write_article(folder, "2024-06-01_report.txt", long_text())
    write_article(folder, "2024-05-01_ferry.txt", ferry_text())
    return folder


@pytest.fixture
def held(monkeypatch):
    """The quotations of the first article opened are read only once `release` is set (the others' at once)."""
    release, reading = threading.Event(), threading.Event()
    original = MainScreen._read_quotations
    calls = []

    def read_quotations(self, article):
        calls.append(article.id)
        if len(calls) == 1:
            reading.set()
            assert release.wait(60), "the test never let the quotations be read"
        return original(self, article)

    monkeypatch.setattr(MainScreen, "_read_quotations", read_quotations)
    return reading, release


async def open_held(pilot, reading: threading.Event) -> MainScreen:
    """Open the first article listed (the newest: the harbour report); return once its text is shown and its
    quotations are being read."""
    screen = await indexed(pilot)  # listed in its final order
    await pilot.press("enter")
    await opened(pilot)
    await until(pilot, reading.is_set, "the quotations began to be read")
    assert screen.sidebar.border_title == "Quotes · finding…"
    return screen


async def select_words(pilot, screen: MainScreen, row: int, first: int, last: int) -> None:
    body = screen.reader.body
    await pilot.mouse_down(body, offset=(first, row))
    await pilot.hover(body, offset=(last, row))
    await pilot.mouse_up(body, offset=(last, row))


async def test_a_quotation_added_while_the_quotations_are_read_is_listed_with_them(harbour: Path, db_path: Path,
                                                                                  held):
    reading, release = held
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_held(pilot, reading)
        assert screen.reader.body.plain.startswith("Paragraph 0 of the harbour report")
        await select_words(pilot, screen, 0, 0, 11)  # "Paragraph 0"
        await pilot.press("plus")
        await dialog(pilot)
        await answer(pilot, *"Ana Berg", "enter")
        release.set()
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 2", "both quotations were listed")
        assert speakers(screen)[0] == "Ana Berg ✎ · added"
        assert "The pier will stand another century" in screen.sidebar.shown_texts()[1]
        assert [q.text for q in screen.reader.marks.quotations][0] == "Paragraph 0"


async def test_a_highlight_made_while_the_quotations_are_read_stays_marked(harbour: Path, db_path: Path, held):
    reading, release = held
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_held(pilot, reading)
        await select_words(pilot, screen, 0, 0, 11)
        await pilot.press("h")
        [highlight] = app.state.highlights()
        assert [h.id for h in screen.reader.marks.highlights] == [highlight.id]
        release.set()
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 1", "the quotation was listed")
        assert [h.id for h in screen.reader.marks.highlights] == [highlight.id]  # drawn with the quotations
        assert len(screen.reader.marks.quotations) == 1


async def test_an_article_opened_while_the_first_ones_quotations_are_read_shows_only_its_own(harbour: Path,
                                                                                             db_path: Path, held):
    reading, release = held
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_held(pilot, reading)
        first = screen.open_article
        assert first.text.startswith("Paragraph 0 of the harbour report")
        screen.article_list.focus()
        await pilot.press("j", "enter")
        release.set()  # the first one's quotations are read while the second one is opened
        await opened(pilot)
        second = screen.open_article
        assert second.text.startswith("Paragraph 0 of the ferry log")
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 1", "the second one's were listed")
        await until(pilot, lambda: not [w for w in app.workers if w.group == "open" and w.is_running],
                    "every opening ended")
        assert screen.open_article is second and screen.reader.article is second
        assert "The ferry will sail at dawn" in screen.sidebar.shown_texts()[0]
        assert [q.text for q in screen.reader.marks.quotations] == [screen.quotations(second)[0].text]
        assert "ferry" in screen.reader.marks.quotations[0].text


async def test_a_correction_in_a_long_articles_listing_shows_at_once(harbour: Path, db_path: Path):
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 1", "the quotation was listed")
        screen.sidebar.focus()
        await pilot.press("j", "c")
        await dialog(pilot)
        await answer(pilot, *"Ana Berg", "enter")
        assert speakers(screen)[0].startswith("Ana Berg ✎")
        assert screen.reader.marks.quotations[0].speaker == "Ana Berg"


@pytest.mark.parametrize("zoomed", [False, True])
async def test_the_read_mark_is_saved_once_the_article_is_shown_even_with_the_reader_hidden(harbour: Path,
                                                                                          db_path: Path, zoomed):
    # Written after the text is painted; with the list zoomed over the reader the text is not drawn, and it is
    # written all the same.
    app = QuotedeskApp([harbour], State(db_path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        if zoomed:
            await pilot.press("z")
            assert screen.maximized is screen.article_list
        await pilot.press("enter")
        await opened(pilot)
        article_id = screen.open_article.id
        await until(pilot, lambda: State.for_reading(db_path).is_read(article_id), "the read mark was saved")
        app.state.set_setting("probe", 1)  # a later change is written at once, as before
        assert State.for_reading(db_path).setting("probe") == 1
