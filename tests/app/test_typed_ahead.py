"""Keys typed ahead, in one burst, go where the keys before them sent the focus.

A terminal hands over a burst (a fast typist, a paste, keys pressed while the app is busy) as one read: every key of
it is queued before the first is handled. `Pilot.press` waits for the app to settle after each key, so these tests
queue the burst the way the terminal's input thread does, through the driver, all at once."""
from __future__ import annotations

from pathlib import Path

from textual import events

from tui.widgets.search_bar import SearchBar

from .helpers import indexed, make_app, opened

CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b", "tab": "\t", "space": " "}


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


def burst(app, *keys: str) -> None:
    """Queue every key before any is handled, as a terminal read of several keys does."""
    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


async def settled(pilot, condition, what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def test_a_query_typed_right_after_slash_goes_into_the_search_field(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("tab")  # the reader: "e" there would start the editor, "a" ask for a note, space page
        burst(app, "slash", *typed("tired people"), "enter", "n")
        await settled(pilot, lambda: screen.reader.marks.current_hit is not None, "the first match shown")
        assert screen.search_bar.value == "tired people"  # not one key lost to a binding, "n" not typed in
        assert screen.search_query is not None and screen.search_query.text == "tired people"
        assert app.focused is screen.article_list
        assert screen.reader.marks.current_hit == 0 and screen.reader.marks.hits
        assert not app._notifications  # no "Open an article first", "Search first with /"


async def test_escape_then_keys_in_a_burst_leave_the_search_field(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash", *"dredg")
        burst(app, "escape", "slash", *"library", "escape", "q")
        await settled(pilot, lambda: app._exit, "q to quit the app")
        assert not screen.query_one(SearchBar).display
        assert screen.search_bar.value == ""


async def test_tab_in_a_burst_moves_the_focus_before_the_next_key(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        burst(app, "tab", "tab", "slash", *"board")
        await settled(pilot, lambda: screen.search_bar.value == "board", "the query typed")
        assert app.focused is screen.search_bar.input


async def test_keys_typed_right_after_q_open_nothing_on_the_way_out(corpus: Path, db_path: Path):
    """"qs" or "qe" in one read: the app is quitting, so "s" must not build the speaker view while the app is torn
    down (it failed half built, with a traceback) and "e" must not start the editor."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await indexed(pilot)
        burst(app, "q", "s", "e")
        await settled(pilot, lambda: app._exit, "q to quit the app")
        await pilot.pause()
        assert [type(screen).__name__ for screen in app.screen_stack] == ["MainScreen"]
    assert app.return_code == 0
