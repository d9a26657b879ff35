"""A correction made in the app reaches the corpus database at once: the speaker view, `speaker:` search and the
speaker dialog's suggestions agree with the sidebar."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.sources.article_files import load_article
from store.corrections import apply_corrections, speaker_correction
from store.library import Library
from store.quotes.engine import extract_quotations
from tui.screens.speakers import SpeakersScreen

from ..conftest import write_article
from .helpers import indexed, make_app, opened, row_texts
from .test_corrections import answer, dialog, until

BRIDGE = """
    date 2022-05-03 By Harbour Wire

    Bridge to be rebuilt

    “The bridge will open in June,” said Olga Berg, the mayor.

    Ferries will run until then.
    """

MARKET = """
    date 2022-05-04 By Harbour Wire

    Market moves to the square

    “We need the space,” said Tomas Lind, a shopkeeper.
    """


@pytest.fixture
def town(tmp_path: Path) -> Path:
    folder = tmp_path / "town"
    write_article(folder, "bridge.txt", BRIDGE)
    write_article(folder, "market.txt", MARKET)
    return folder


async def open_bridge(pilot):
    screen = await indexed(pilot)
    screen.article_list.highlight_article(load_article(screen.paths[0] / "bridge.txt").id)
    await pilot.press("enter")
    await opened(pilot)
    return screen


async def search(pilot, screen, text: str) -> list[str]:
    await pilot.press("slash", "ctrl+a", "ctrl+k", *text, "enter")
    await until(pilot, lambda: screen.search_query is not None and screen.search_query.text == text, "the search")
    await pilot.pause()
    return row_texts(screen.article_list)


async def test_a_correction_reaches_the_speaker_view_and_speaker_search_at_once(town: Path, db_path: Path):
    app = make_app([town], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_bridge(pilot)
        await pilot.press("tab", "tab", "c")
        await dialog(pilot)
        await answer(pilot, *"Ada Novak", "enter")
        await pilot.press("slash", *"speaker:novak", "enter")
        await until(pilot, lambda: any("Bridge" in row for row in row_texts(screen.article_list)),
                    "the corrected speaker found by the search")
        assert not any("Bridge" in row for row in await search(pilot, screen, "speaker:berg"))
        await pilot.press("escape")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SpeakersScreen), "the speaker view")
        names = [app.screen.speaker_table.get_row_at(i)[0] for i in range(app.screen.speaker_table.row_count)]
        assert any("Ada Novak" in str(name) for name in names)
        assert not any("Olga Berg" in str(name) for name in names)


async def test_the_speaker_dialog_suggests_the_corpus_speakers_from_the_database(town: Path, db_path: Path):
    app = make_app([town], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_bridge(pilot)
        await pilot.press("tab", "tab", "c")
        box = await dialog(pilot)
        assert "Tomas Lind" in box.speakers  # quoted in the other article


async def test_corrections_made_before_are_counted_on_launch(town: Path, db_path: Path):
    """A correction counted neither by the app nor in the database yet (made with another copy of the corpus
    database, or before it was made) is counted by the check of the files at launch."""
    Library([town]).sync(workers=1)
    article = load_article(town / "bridge.txt")
    [item] = apply_corrections(article.text, extract_quotations(article.text), [])
    app = make_app([town], db_path)
    app.state.save_correction(speaker_correction(article, item, "Ada Novak"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        assert any("Bridge" in row for row in await search(pilot, screen, "speaker:novak"))
