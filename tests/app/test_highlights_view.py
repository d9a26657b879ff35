from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Footer, Input, TextArea

from store import State
from store.model import Highlight
from tui.dialogs import ConfirmDialog, ExportDialog, NoteDialog
from tui.screens.highlights import EMPTY_MESSAGE, HighlightList, HighlightsScreen
from tui.widgets.filter_field import FilterField

SIZE = (100, 30)

HARBOUR = dict(article_id="harbour", title="Harbour board approves terminal", source="Coastal Wire",
               date="2021-04-02", path="/corpus/wire/harbour.txt")
LIBRARY = dict(article_id="library", title="County opens library bus", source="Inland Courier",
               date="2019-11-20", path="/corpus/wire/older.txt")

HIGHLIGHTS = [
    Highlight(id="h1", start=10, end=60, text="This terminal will carry the town for thirty years",
              created="2024-03-01T09:00:00+01:00", speaker="Marta Lindqvist", **HARBOUR),
    Highlight(id="h2", start=120, end=150, text="The dredging will ruin the bay", created="2024-03-02T09:00:00+01:00",
              speaker="Petter Holm", color=3, note="check with [b]the fisheries[/b] office", **HARBOUR),
    Highlight(id="h3", start=40, end=67, text="Books should come to people", created="2024-03-03T09:00:00+01:00",
              speaker="Anna Berg", detached=True, **LIBRARY),
]


class HighlightsApp(App[None]):
    """The real app pushes the screen the same way, with a callback for its result."""

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state
        self.results: list[Highlight | None] = []

    def on_mount(self) -> None:
        self.push_screen(HighlightsScreen(self.state), self.results.append)


@pytest.fixture
def app(state: State) -> HighlightsApp:
    for highlight in HIGHLIGHTS:
        state.add_highlight(highlight)
    return HighlightsApp(state)


def listed(app: HighlightsApp) -> list[str | None]:
    """Highlight ids in the order the list shows them."""
    return [highlight.id for highlight in app.screen.query_one(HighlightList).highlights]


def option_texts(listing: HighlightList) -> list[str]:
    return listing.shown_texts()


def notified(app: HighlightsApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_lists_every_highlight_newest_first(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(HighlightList)
        assert listed(app) == ["h3", "h2", "h1"]
        assert listing.border_title == "Highlights · 3"
        assert app.focused is listing
        library, dredging, terminal = option_texts(listing)
        assert library.startswith("▌ County opens library bus  2019-11-20 · Inland Courier  detached\n")
        assert "“Books should come to people”  — Anna Berg" in library
        # Markup in user text is shown as typed, never interpreted.
        assert dredging.endswith("\n✎ check with [b]the fisheries[/b] office")
        assert "detached" not in terminal and "✎" not in terminal


async def test_empty_state(state: State):
    app = HighlightsApp(state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen.query_one(HighlightList)
        assert option_texts(listing) == [EMPTY_MESSAGE]
        assert listing.border_title == "Highlights · 0"
        await pilot.press("enter", "d", "a")  # nothing selected: nothing happens
        assert isinstance(app.screen, HighlightsScreen) and app.results == []


async def test_filter_narrows_and_escape_clears_then_closes(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"HOLM")
        assert listed(app) == ["h2"]
        assert app.screen.query_one(HighlightList).border_title == "Highlights · 1 of 3"
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"fisheries")
        assert listed(app) == ["h2"]  # the note is searched too
        await pilot.press("escape")
        assert listed(app) == ["h3", "h2", "h1"]
        assert app.focused is app.screen.query_one(HighlightList)
        await pilot.press("escape")
        assert app.results == [None]


async def test_filter_with_no_match_says_so(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zebra")
        assert option_texts(app.screen.query_one(HighlightList)) == ["No highlights match “zebra”."]


async def test_delete_after_confirming(app: HighlightsApp, state: State):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "d")  # the second newest: the dredging quote
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert state.highlight("h2") is None
        assert listed(app) == ["h3", "h1"]
        assert app.screen.query_one(HighlightList).border_title == "Highlights · 2"
        assert app.screen.query_one(HighlightList).highlighted_highlight.id == "h1"


async def test_delete_declined_keeps_it(app: HighlightsApp, state: State):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", "n")
        assert isinstance(app.screen, HighlightsScreen)
        assert state.highlight("h3") is not None
        assert listed(app) == ["h3", "h2", "h1"]


async def test_number_sets_the_colour(app: HighlightsApp, state: State):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        assert state.highlight("h3").color == 2
        assert state.highlight("h2").color == 3


async def test_add_a_note(app: HighlightsApp, state: State):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        assert (await footer_shows(pilot, {"enter": True})).keys() == {"enter", "ctrl+j", "escape"}  # the note's
        await pilot.press(*"ask the county", "enter")
        assert state.highlight("h3").note == "ask the county"
        assert option_texts(app.screen.query_one(HighlightList))[0].endswith("\n✎ ask the county")


async def test_note_prefilled_cleared_and_cancelled(app: HighlightsApp, state: State):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "a")
        assert app.screen.query_one(TextArea).text == HIGHLIGHTS[1].note
        await pilot.press(*"!!", "escape")
        assert state.highlight("h2").note == HIGHLIGHTS[1].note
        await pilot.press("a")
        app.screen.query_one(TextArea).text = ""
        await pilot.press("enter")
        assert state.highlight("h2").note == ""


async def test_copy_a_citation(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "y")
        assert app.clipboard == (
            "“This terminal will carry the town for thirty years” — Marta Lindqvist, Coastal Wire, 2021-04-02"
        )
        assert "Copied the quotation to the clipboard." in notified(app)


async def test_enter_opens_the_highlight(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        assert app.results == [HIGHLIGHTS[1]]


async def export_to(pilot, path: str, *keys: str) -> None:
    await pilot.press("e")
    assert isinstance(pilot.app.screen, ExportDialog)
    assert (await footer_shows(pilot, {"enter": True})).keys() == {"enter", "escape"}  # the dialog's own keys
    await pilot.press(*keys)
    pilot.app.screen.query_one("#export-path", Input).value = path
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_export_markdown(app: HighlightsApp, tmp_path: Path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = tmp_path / "out.md"
        await export_to(pilot, str(target))
        assert isinstance(app.screen, HighlightsScreen)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Highlights")
        assert all(highlight.text in text for highlight in HIGHLIGHTS)
        assert f"Exported 3 highlights to {target}" in notified(app)


async def test_export_format_sets_the_extension_until_the_name_is_edited(app: HighlightsApp, tmp_path: Path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e", "down")
        path = app.screen.query_one("#export-path", Input)
        assert path.value == "highlights.json"
        path.value = str(tmp_path / "mine.txt")
        await pilot.press("down")
        assert path.value == str(tmp_path / "mine.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert (tmp_path / "mine.txt").read_text(encoding="utf-8").startswith("id,article_id,")


async def test_export_to_a_missing_folder_shows_a_message(app: HighlightsApp, tmp_path: Path):
    before = set(tmp_path.rglob("*"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export_to(pilot, str(tmp_path / "nowhere" / "out.md"))
        assert isinstance(app.screen, ExportDialog)
        assert "No such folder" in str(app.screen.query_one("#export-error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, HighlightsScreen)
        assert set(tmp_path.rglob("*")) == before


async def test_export_asks_before_replacing_a_file(app: HighlightsApp, tmp_path: Path):
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await export_to(pilot, str(target))
        assert isinstance(app.screen, ExportDialog)
        assert "exists" in str(app.screen.query_one("#export-error").render())
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert target.read_text(encoding="utf-8").startswith("# Highlights")


async def test_export_failure_is_a_message(app: HighlightsApp, tmp_path: Path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("store.files.os.replace", refuse)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = tmp_path / "out.md"
        await export_to(pilot, str(target))
        assert f"Could not export to {target}: Permission denied" in notified(app)
        assert not target.exists()


def footer_keys(app: HighlightsApp) -> dict[str, bool]:
    """The keys the footer shows, and whether each is enabled."""
    from textual.widgets._footer import FooterKey

    return {key.key: not key.has_class("-disabled") for key in app.screen.query_one(Footer).query(FooterKey)}


async def footer_shows(pilot, wanted: dict[str, bool]) -> dict[str, bool]:
    for _ in range(100):
        await pilot.pause(0.01)
        keys = footer_keys(pilot.app)
        if wanted.items() <= keys.items():
            return keys
    return footer_keys(pilot.app)


async def test_footer_follows_the_focus_and_the_selection(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        keys = await footer_shows(pilot, {"d": True, "slash": True})
        assert {"d": True, "slash": True}.items() <= keys.items()
        await pilot.press("slash")  # in the field: "/" types itself, escape clears
        keys = await footer_shows(pilot, {"escape": True})
        assert keys.get("escape") and "slash" not in keys
        await pilot.press(*"zebra", "enter")  # back in the list, nothing in it: delete shown disabled
        assert (await footer_shows(pilot, {"d": False}))["d"] is False
        await pilot.press("slash", "escape")  # the filter cleared
        assert (await footer_shows(pilot, {"d": True, "slash": True}))["d"] is True


async def test_footer_keeps_its_keys_when_they_do_not_change(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await footer_shows(pilot, {"d": True})
        footer = app.screen.query_one(Footer)
        before = list(footer.children)
        app.screen.refresh_bindings()  # the same keys: nothing to rebuild
        await pilot.pause()
        await pilot.pause()
        assert list(footer.children) == before
        await pilot.press("slash")  # other keys: rebuilt
        await footer_shows(pilot, {"escape": True})
        assert list(footer.children) != before


async def test_typing_in_the_filter_lays_nothing_out(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "z", "z")
        listing = app.screen.query_one(HighlightList)
        assert option_texts(listing) == ["No highlights match “zz”."]
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append, immediate=True)
        typed = "z" * (SIZE[0] + 10)  # longer than the field: it scrolls
        await pilot.press(*typed)
        assert option_texts(listing) == [f"No highlights match “zz{typed}”."]
        assert layouts == []
        field = app.screen.query_one(FilterField)
        assert field.scroll_x == field.max_scroll_x > 0
        await pilot.press("home")
        assert field.scroll_x == 0


async def test_narrowing_the_list_as_the_user_types_lays_nothing_out(app: HighlightsApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        listing = app.screen.query_one(HighlightList)
        layouts: list[object] = []
        app.screen.screen_layout_refresh_signal.subscribe(app.screen, layouts.append, immediate=True)
        await pilot.press("d", "r")  # every highlight has a "d"; one has "dr" (dredging)
        assert listed(app) == ["h2"]
        await pilot.press("x")
        assert option_texts(listing) == ["No highlights match “drx”."]
        await pilot.press("backspace", "backspace", "backspace")
        assert listed(app) == ["h3", "h2", "h1"]
        assert layouts == []
