"""Every highlight in the corpus: filter, recolour, annotate, copy, delete, export, or open one."""
from __future__ import annotations

from dataclasses import replace
from itertools import compress
from pathlib import Path

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, Input

from store import Highlight, State
from store.export import clipboard_text, render, write_atomically
from store.model import HIGHLIGHT_COLORS
from store.text import printable

from ..feedback import tell_change
from ..format import one_line, plural
from ..widgets import styles
from ..widgets.footer import Footer
from ..widgets.filter_field import FilterField, filter_bindings
from ..widgets.highlight_list import HighlightList
from ..workers import ReportsFailures, background

MARKER = "▌ "  # as in the quote sidebar
TEXT_LIMIT = 300  # characters of a highlight shown in the list; the rest is elided
EMPTY_MESSAGE = "No highlights yet: press h on a quotation."
FILTERS_KEPT = 32


def highlight_prompt(highlight: Highlight) -> Content:
    """Headline, date and source; the text with its speaker; where it was first seen and the note. Built from spans,
    never markup: every piece of it comes from an article or the user."""
    parts: list[str | tuple[str, str]] = [
        (MARKER, f"bold {styles.highlight_marker(highlight.color)}"),
        (one_line(highlight.title) or one_line(Path(highlight.path).name) or "Untitled", "bold"),
    ]
    meta = one_line(" · ".join(part for part in (highlight.date, highlight.source) if part))
    if meta:
        parts.append((f"  {meta}", "$text-muted"))
    if highlight.detached:
        parts.append(("  detached", "italic $text-error"))
    parts.append(f"\n“{one_line(highlight.text, TEXT_LIMIT)}”")
    if highlight.speaker:
        parts += [("  — ", "$text-muted"), (one_line(highlight.speaker), "bold")]
    # The last line: where the quotation was first seen, and the note.
    last = [("first seen: " + one_line(highlight.first_seen), "$text-muted")] if highlight.first_seen else []
    if highlight.note:
        last.append((("  " if last else "") + f"✎ {one_line(highlight.note)}", "italic $text-muted"))
    if last:
        parts += ["\n", *last]
    return Content.assemble(*parts)


def searchable(highlight: Highlight) -> str:
    """What the filter looks in: title, speaker, text, note and source, casefolded, one field a line."""
    fields = (highlight.title, highlight.speaker, highlight.text, highlight.note, highlight.source)
    return "\n".join(filter(None, fields)).casefold()


def matches(highlight: Highlight, query: str) -> bool:
    """Case-insensitive substring over title, speaker, text, note and source."""
    return query.casefold() in searchable(highlight)


class HighlightFilter(FilterField):
    BINDINGS = filter_bindings("highlights", "To the list", "filter_to_list")
    FILTERED = HighlightList


class HighlightsScreen(ReportsFailures, Screen[Highlight | None]):
    """Dismisses with the chosen Highlight (open the article there) or None (closed)."""

    CSS_PATH = ["../panes.tcss", "highlights.tcss"]
    SUB_TITLE = "highlights"
    AUTO_FOCUS = "HighlightList"
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", key_display="/", id="highlights.filter"),
        Binding("d", "delete", "Delete", id="highlights.delete"),
        Binding("a", "edit_note", "Note", id="highlights.note"),
        Binding("y", "copy", "Copy", id="highlights.copy"),
        Binding("e", "export", "Export all", id="highlights.export"),
        *(
            Binding(str(n), f"set_color({n})", f"Colour {n}", show=False, id=f"highlights.color_{n}")
            for n in range(1, HIGHLIGHT_COLORS + 1)
        ),
        Binding("escape,q", "close", "Close", key_display="esc", id="highlights.close"),
    ]
    # Actions that work on the selected highlight: shown dimmed when there is none.
    SELECTION_ACTIONS = {"delete", "edit_note", "copy", "set_color"}

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state
        # Every highlight, newest first; their searchable texts; and the results of the last filters (a key that
        # only adds to one narrows its result; backspace finds the earlier one again).
        self._everything: list[Highlight] | None = None
        self._texts: list[str] | None = None
        self._results: dict[str, tuple[list[Highlight], list[str]]] = {}
        self._had_selection: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield HighlightFilter(placeholder="/ Filter by headline, speaker, text, note or source", id="highlights-filter")
        yield HighlightList(highlight_prompt, id="highlights-list", classes="pane")
        yield Footer()

    def on_mount(self) -> None:
        self.highlight_list.border_subtitle = "1–4 colour"
        self.show_highlights()
        self.call_after_refresh(self._searchable)  # ready for the first key of the filter

    highlight_list = getters.query_one(HighlightList)

    def help_entries(self) -> list[tuple[str, DOMNode]]:
        """What the help screen lists, under these names."""
        return [("Highlights", self), ("Highlight list", self.highlight_list)]

    @property
    def query_text(self) -> str:
        return self.query_one(HighlightFilter).value.strip()

    @property
    def selected(self) -> Highlight | None:
        shown = self.highlight_list.highlighted_highlight
        return self.state.highlight(shown.id) if shown is not None else None

    def _filtered(self, needle: str) -> tuple[list[Highlight], int]:
        """The highlights whose searchable text holds `needle`, newest first, and how many there are in all."""
        everything = self._all()
        if not needle:
            return everything, len(everything)
        found = self._results.get(needle)
        if found is None:  # narrow the result of the longest filter it extends (typing), else filter them all
            base = max((done for done in self._results if needle.startswith(done)), key=len, default=None)
            highlights, texts = self._results[base] if base else (everything, self._searchable())
            matched = [needle in text for text in texts]
            found = self._results[needle] = (list(compress(highlights, matched)), list(compress(texts, matched)))
            if len(self._results) > FILTERS_KEPT:
                del self._results[next(iter(self._results))]  # the oldest
        return found[0], len(everything)

    def _all(self) -> list[Highlight]:
        if self._everything is None:
            self._everything, self._texts, self._results = self.state.highlights()[::-1], None, {}
        return self._everything

    def _searchable(self) -> list[str]:
        """Each highlight's searchable text, in the order of `_all`. Casefolding every highlight at each key would
        take a second at 10,000 highlights: it is done once, just after the view is shown."""
        if self._texts is None:
            self._texts = [searchable(highlight) for highlight in self._all()]
        return self._texts

    def changed(self) -> None:
        """The stored highlights changed: list them again at the next filter."""
        self._everything = None

    def show_highlights(self, index: int = 0) -> None:
        """Fill the list from the state, newest first, narrowed by the filter; put the cursor on `index`
        (clamped)."""
        query = self.query_text
        shown, total = self._filtered(query.casefold())
        message = f"No highlights match “{one_line(query)}”." if total else EMPTY_MESSAGE
        listing = self.highlight_list
        listing.show(shown, message, index)
        listing.border_title = f"Highlights · {len(shown):,} of {total:,}" if query else f"Highlights · {total:,}"
        self._selection_changed()

    def _selection_changed(self) -> None:
        # The footer is rebuilt whenever bindings are refreshed: only when the selection comes or goes.
        has_selection = self.highlight_list.highlighted_highlight is not None
        if has_selection != self._had_selection:
            self._had_selection = has_selection
            self.refresh_bindings()

    def redraw(self, highlight: Highlight) -> None:
        """Show a changed highlight in place, keeping the scroll position."""
        self.highlight_list.replace(highlight)

    @on(Input.Changed, "#highlights-filter")
    def _filter_changed(self) -> None:
        self.show_highlights()

    @on(HighlightList.Moved)
    def _cursor_moved(self) -> None:
        self._selection_changed()

    @on(HighlightList.Chosen)
    def _open(self, event: HighlightList.Chosen) -> None:
        highlight = self.state.highlight(event.highlight.id)
        if highlight is not None:
            self.dismiss(highlight)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.SELECTION_ACTIONS and self.selected is None:
            return None
        # Typing "/" in the filter types it: no footer hint for it there.
        return not (action == "focus_filter" and isinstance(self.focused, HighlightFilter))

    # actions ------------------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one(HighlightFilter).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_set_color(self, color: int) -> None:
        highlight = self.selected
        if highlight is not None and highlight.color != color:
            changed = replace(highlight, color=color)
            self.state.update_highlight(changed)
            self.changed()
            self.redraw(changed)
            tell_change(self, f"Colour {color}", quiet=True, read_only=self.state.read_only)

    def action_delete(self) -> None:
        highlight = self.selected
        if highlight is None:
            return
        index = self.highlight_list.highlighted or 0

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.state.delete_highlight(highlight.id)
                self.changed()
                self.show_highlights(index)
                tell_change(self, "Highlight deleted", quiet=True, read_only=self.state.read_only)

        from ..dialogs import ConfirmDialog  # (the dialogs are imported when first asked for: the view opens sooner)

        detail = f"“{one_line(highlight.text, 160)}”"
        self.app.push_screen(ConfirmDialog("Delete this highlight?", detail), delete)

    def action_edit_note(self) -> None:
        highlight = self.selected
        if highlight is None:
            return

        def save(note: str | None) -> None:
            current = self.state.highlight(highlight.id)
            if note is not None and current is not None:
                changed = replace(current, note=note)
                self.state.update_highlight(changed)
                self.changed()
                self.redraw(changed)
                tell_change(self, "Note saved" if note else "Note cleared", read_only=self.state.read_only)

        from ..dialogs import NoteDialog

        self.app.push_screen(NoteDialog(highlight.note, highlight.text), save)

    def action_copy(self) -> None:
        highlight = self.selected
        if highlight is None:
            return
        self.app.copy_to_clipboard(
            clipboard_text(highlight.text, highlight.speaker, highlight.title, highlight.source, highlight.date,
                           highlight.url, quotation=highlight.speaker is not None)
        )
        self.notify("Copied the quotation to the clipboard.", markup=False)

    def action_export(self) -> None:
        highlights = self.state.highlights()
        if not highlights:
            self.notify("There are no highlights to export.", severity="warning")
            return

        def export(choice: tuple[str, Path] | None) -> None:
            if choice is not None:
                fmt, path = choice
                self.export(highlights, fmt, path)

        from ..dialogs import ExportDialog

        self.app.push_screen(ExportDialog(len(highlights)), export)

    @background("Exporting the highlights", group="export", exclusive=True)
    def export(self, highlights: list[Highlight], fmt: str, path: Path) -> None:
        """Write the export off the event loop; report success or the OS's reason, never a traceback."""
        try:
            write_atomically(path, render(highlights, fmt))
        except OSError as exc:
            message = f"Could not export to {printable(path)}: {exc.strerror or exc}"
            self.app.call_from_thread(self.app.notify, message, severity="error", markup=False, timeout=10)
        else:
            message = f"Exported {plural(len(highlights), 'highlight')} to {printable(path)}"
            self.app.call_from_thread(self.app.notify, message, markup=False)
