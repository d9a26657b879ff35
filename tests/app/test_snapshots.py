"""Snapshots of the main screens at 120x36 on the bundled sample data (the README shows these pictures), and of
the main screen, the speaker view and the highlights view at the smallest and a large terminal.

Update them after an intended change with `pytest tests/app/test_snapshots.py --snapshot-update`."""
from __future__ import annotations

from pathlib import Path

import pytest

from store import Highlight, State, bundled_sample_data
from tui.app import QuotedeskApp

from .helpers import indexed, opened, settled

SIZE = (120, 36)
SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])  # smallest, large


def sample_app(db_path: Path) -> QuotedeskApp:
    return QuotedeskApp([bundled_sample_data()], State(db_path))


async def settle(pilot) -> None:
    """The corpus indexed, the list's cursor on its first row (it stays on the article it was on while rows
    arrive, and on a loaded machine the first rows listed are not the newest)."""
    await indexed(pilot)
    pilot.app.screen.article_list.focus()
    await pilot.press("g")
    await settled(pilot)


async def open_an_article(pilot):
    await settle(pilot)
    await pilot.press("j", "j", "enter")
    await opened(pilot)
    await pilot.press("tab", "tab")
    await settled(pilot)


def test_main_screen(snap_compare, db_path: Path):
    assert snap_compare(sample_app(db_path), terminal_size=SIZE, run_before=open_an_article)


@SIZES
def test_main_screen_at(snap_compare, db_path: Path, size: tuple[int, int]):
    """At 80 columns the quote sidebar waits until asked for, and with the list hidden (l) the reader has the
    width."""
    async def read(pilot):
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await opened(pilot)
        await pilot.press("l" if size[0] < 120 else "tab")
        await settled(pilot)

    assert snap_compare(sample_app(db_path), terminal_size=size, run_before=read)


def test_help_screen(snap_compare, db_path: Path):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(sample_app(db_path), terminal_size=SIZE, run_before=open_help)


def test_highlights_view(snap_compare, db_path: Path):
    assert highlights_view(snap_compare, db_path, SIZE)


@SIZES
def test_highlights_view_at(snap_compare, db_path: Path, size: tuple[int, int]):
    assert highlights_view(snap_compare, db_path, size)


def highlights_view(snap_compare, db_path: Path, size: tuple[int, int]) -> bool:
    state = State(db_path)
    for number, (text, speaker, color, note) in enumerate([
        ("We cannot allocate water that never fell from the sky", "Elena Barrachina", 1, "the line for the lede"),
        ("A pipe does not make rain", "Lucía Gaspar", 3, ""),
        ("Poaching is still the biggest threat", "Yerlan Abdrakhmanov", 2, "check the 2024 figures"),
    ]):
        state.add_highlight(Highlight(id=f"h{number}", article_id=f"a{number}", start=0, end=len(text), text=text,
                                      created=f"2025-0{number + 1}-01T09:00:00+00:00", speaker=speaker, color=color,
                                      note=note, title="A sample article", source="Valley Gazette",
                                      date="2024-05-0{}".format(number + 1), path="sample.txt"))
    state.close()

    async def open_highlights(pilot):
        await settle(pilot)
        await pilot.press("H")
        await settled(pilot)

    return snap_compare(sample_app(db_path), terminal_size=size, run_before=open_highlights)


def test_speakers_view(snap_compare):
    assert speakers_view(snap_compare, SIZE)


@SIZES
def test_speakers_view_at(snap_compare, size: tuple[int, int]):
    assert speakers_view(snap_compare, size)


def speakers_view(snap_compare, size: tuple[int, int]) -> bool:
    """The speaker view on the sample data, pushed by a bare app (the real app opens it with `s`)."""
    from store.library import Library
    from store.speakers.table import SpeakerDirectory
    from tui.screens.speakers import SpeakersScreen
    from textual.app import App

    library = Library([bundled_sample_data()])
    library.sync(workers=1)

    class SpeakersApp(App[None]):
        TITLE = "quotedesk"

        def on_mount(self) -> None:
            self.push_screen(SpeakersScreen(lambda: SpeakerDirectory(library.connect())))

    async def counted(pilot):
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(pilot.app.screen, SpeakersScreen) and pilot.app.screen.speakers:
                break
        await pilot.press("j", "j")
        await settled(pilot)

    return snap_compare(SpeakersApp(), terminal_size=size, run_before=counted)


def test_provenance_view(snap_compare, db_path: Path):
    """p on a quotation that was reprinted, given to another speaker and changed (the README shows it)."""
    from tui.screens.provenance import ProvenanceScreen

    async def open_provenance(pilot):
        screen = await indexed(pilot)
        first = "2018-10-03_lofoten-maternity-ward.txt"
        [meta] = [m for m in screen.library.reader.newest(100) if m.path.name == first]
        screen.open(meta)
        await opened(pilot)
        quotations = screen.quotations(screen.open_article)
        index = next(i for i, q in enumerate(quotations) if q.text.startswith("We delivered"))
        screen.sidebar.focus()
        screen.sidebar.highlight_index(index)
        await pilot.press("p")
        for _ in range(250):
            if isinstance(pilot.app.screen, ProvenanceScreen) and pilot.app.screen.group is not None:
                break
            await pilot.pause(0.02)
        await settled(pilot)

    assert snap_compare(sample_app(db_path), terminal_size=(120, 40), run_before=open_provenance)
