"""Snapshots of the main screens at 120x36 on the bundled sample data. The README shows these pictures.

Update them after an intended change with `pytest tests/app/test_snapshots.py --snapshot-update`."""
from __future__ import annotations

from pathlib import Path

from store import Highlight, State, bundled_sample_data
from tui.app import QuotedeskApp

from .helpers import indexed, opened, settled

SIZE = (120, 36)


def sample_app(db_path: Path) -> QuotedeskApp:
    return QuotedeskApp([bundled_sample_data()], State(db_path))


async def settle(pilot) -> None:
    await indexed(pilot)
    await settled(pilot)


def test_main_screen(snap_compare, db_path: Path):
    async def open_an_article(pilot):
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await opened(pilot)
        await pilot.press("tab", "tab", "j")
        await settled(pilot)

    assert snap_compare(sample_app(db_path), terminal_size=SIZE, run_before=open_an_article)


def test_help_screen(snap_compare, db_path: Path):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(sample_app(db_path), terminal_size=SIZE, run_before=open_help)


def test_highlights_view(snap_compare, db_path: Path):
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

    assert snap_compare(sample_app(db_path), terminal_size=SIZE, run_before=open_highlights)


def test_speakers_view(snap_compare):
    """The speaker view on the sample data, pushed by a bare app (the real app opens it with `s`)."""
    from store.library import Library
    from store.people import SpeakerDirectory
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

    assert snap_compare(SpeakersApp(), terminal_size=SIZE, run_before=counted)
