"""A second quotedesk on the same database is read-only, shows it for as long as it runs, and every key that would
save says it is not saved."""
from __future__ import annotations

from pathlib import Path

from textual.widgets._header import HeaderTitle

from store import State
from tui.app import QuotedeskApp
from tui.dialogs.note import NoteDialog
from tui.screens.highlights import HighlightsScreen
from tui.screens.speakers import SpeakersScreen

from .helpers import indexed, opened


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def header(app) -> str:
    return str(app.screen.query_one(HeaderTitle).render())


async def until(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(what)


async def test_a_second_instance_says_read_only_in_the_header_and_on_every_saving_key(corpus: Path, db_path: Path):
    first = State(db_path)  # the first quotedesk, which holds the database
    app = QuotedeskApp([corpus], State(db_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await indexed(pilot)
            assert "read-only" in header(app)
            before = len(notices(app))
            await pilot.press("u")  # on the list: no other sign that it is not saved
            await until(pilot, lambda: len(notices(app)) > before, "u said nothing")
            assert notices(app)[-1].startswith("Marked") and notices(app)[-1].endswith("read-only: not saved.")
            await pilot.press("enter")
            await opened(pilot)
            await pilot.press("tab", "tab", "h")  # the sidebar's first quotation
            assert notices(app)[-1].startswith("Highlighted") and "read-only: not saved" in notices(app)[-1]
            await pilot.press("2")
            assert notices(app)[-1] == "Colour 2 — read-only: not saved."
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, NoteDialog), "no note dialog")
            await pilot.press(*"checked", "enter")
            await until(pilot, lambda: app.screen is screen, "the note dialog stayed")
            assert notices(app)[-1] == "Note saved — read-only: not saved."
            for key, kind in (("H", HighlightsScreen), ("s", SpeakersScreen)):  # the header says it everywhere
                await pilot.press(key)
                await until(pilot, lambda: isinstance(app.screen, kind), f"{key} opened nothing")
                assert "read-only" in header(app)
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is screen, "not back")
            assert "read-only" in header(app)
    finally:
        first.close()
    assert State.for_reading(db_path).highlights() == []
