"""Every highlight in the corpus: filter, recolour, annotate, copy, delete, export, or open one."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList
from textual.widgets.option_list import Option

from store import Highlight, State
from store.export import clipboard_text, render, write_atomically
from store.model import HIGHLIGHT_COLORS

from ..dialogs import ConfirmDialog, ExportDialog, NoteDialog
from ..widgets import styles

MARKER = "▌ "  # as in the quote sidebar
TEXT_LIMIT = 300  # characters of a highlight shown in the list; the rest is elided
EMPTY_MESSAGE = "No highlights yet: press h on a quotation."


def one_line(text: str, limit: int | None = None) -> str:
    """`text` with its line breaks and runs of spaces collapsed, cut at `limit` characters."""
    flat = " ".join(text.split())
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def highlight_prompt(highlight: Highlight) -> Content:
    """Headline, date and source; the text with its speaker; the note. Built from spans, never markup:
    every piece of it comes from an article or the user."""
    parts: list[str | tuple[str, str]] = [
        (MARKER, f"bold {styles.highlight_marker(highlight.color)}"),
        (one_line(highlight.title) or Path(highlight.path).name or "Untitled", "bold"),
    ]
    meta = " · ".join(part for part in (highlight.date, highlight.source) if part)
    if meta:
        parts.append((f"  {meta}", "$text-muted"))
    if highlight.detached:
        parts.append(("  detached", "italic $text-error"))
    parts.append(f"\n“{one_line(highlight.text, TEXT_LIMIT)}”")
    if highlight.speaker:
        parts += [("  — ", "$text-muted"), (one_line(highlight.speaker), "bold")]
    if highlight.note:
        parts.append((f"\n✎ {one_line(highlight.note)}", "italic $text-muted"))
    return Content.assemble(*parts)


def matches(highlight: Highlight, query: str) -> bool:
    """Case-insensitive substring over title, speaker, text, note and source."""
    needle = query.casefold()
    fields = (highlight.title, highlight.speaker, highlight.text, highlight.note, highlight.source)
    return any(needle in field.casefold() for field in fields if field)


class HighlightFilter(Input):
    """The filter field. Enter or down goes to the list keeping the filter; escape clears it first."""

    BINDINGS = [
        Binding("escape", "leave(True)", "Clear filter", id="highlights.clear_filter"),
        Binding("down", "leave(False)", "To the list", show=False, id="highlights.filter_to_list"),
    ]

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.screen.query_one(HighlightList).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_leave(False)


class HighlightList(OptionList):
    """One option per highlight, its id the highlight's id; enter (or a click) opens it."""

    BINDINGS = [
        Binding("enter", "select", "Open", id="highlights.open"),
        Binding("j", "cursor_down", "Down", show=False, id="highlights.cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="highlights.cursor_up"),
        Binding("g", "first", "Top", show=False, id="highlights.top"),
        Binding("G", "last", "Bottom", show=False, id="highlights.bottom"),
    ]


class HighlightsScreen(Screen[Highlight | None]):
    """Dismisses with the chosen Highlight (open the article there) or None (closed)."""

    CSS_PATH = "highlights.tcss"
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield HighlightFilter(placeholder="/ Filter by headline, speaker, text, note or source", id="highlights-filter")
        yield HighlightList(id="highlights-list")
        yield Footer()

    def on_mount(self) -> None:
        self.highlight_list.border_subtitle = "1–4 colour"
        self.show_highlights()

    @property
    def highlight_list(self) -> HighlightList:
        return self.query_one(HighlightList)

    @property
    def query_text(self) -> str:
        return self.query_one(HighlightFilter).value.strip()

    @property
    def selected(self) -> Highlight | None:
        option = self.highlight_list.highlighted_option
        if option is None or option.id is None:
            return None
        return self.state.highlight(option.id)

    def show_highlights(self, index: int = 0) -> None:
        """Fill the list from the state, newest first, narrowed by the filter; put the cursor on `index`
        (clamped)."""
        everything = self.state.highlights()[::-1]
        query = self.query_text
        shown = [h for h in everything if matches(h, query)] if query else everything
        options: list[Option | None] = []
        for highlight in shown:
            if options:
                options.append(None)  # a divider line between highlights
            options.append(Option(highlight_prompt(highlight), id=highlight.id))
        listing = self.highlight_list
        listing.set_options(options)
        if shown:
            listing.highlighted = min(index, len(shown) - 1)
        else:
            message = f"No highlights match “{query}”." if everything else EMPTY_MESSAGE
            listing.add_option(Option(Content.styled(message, "italic $text-muted"), disabled=True))
        count = f"{len(shown)} of {len(everything)}" if query else str(len(everything))
        listing.border_title = f"Highlights · {count}"
        self.refresh_bindings()

    def redraw(self, highlight: Highlight) -> None:
        """Show a changed highlight in place, keeping the scroll position."""
        self.highlight_list.replace_option_prompt(highlight.id, highlight_prompt(highlight))

    @on(Input.Changed, "#highlights-filter")
    def _filter_changed(self) -> None:
        self.show_highlights()

    @on(OptionList.OptionHighlighted, "#highlights-list")
    def _cursor_moved(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#highlights-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        highlight = self.state.highlight(event.option.id) if event.option.id else None
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
            self.redraw(changed)

    def action_delete(self) -> None:
        highlight = self.selected
        if highlight is None:
            return
        index = self.highlight_list.highlighted or 0

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                self.state.delete_highlight(highlight.id)
                self.show_highlights(index)

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
                self.redraw(changed)

        self.app.push_screen(NoteDialog(highlight.note, highlight.text), save)

    def action_copy(self) -> None:
        highlight = self.selected
        if highlight is None:
            return
        self.app.copy_to_clipboard(
            clipboard_text(highlight.text, highlight.speaker, highlight.title, highlight.source, highlight.date)
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

        self.app.push_screen(ExportDialog(len(highlights)), export)

    @work(thread=True, exclusive=True, group="export")
    def export(self, highlights: list[Highlight], fmt: str, path: Path) -> None:
        """Write the export off the event loop; report success or the OS's reason, never a traceback."""
        try:
            write_atomically(path, render(highlights, fmt))
        except OSError as exc:
            message = f"Could not export to {path}: {exc.strerror or exc}"
            self.app.call_from_thread(self.app.notify, message, severity="error", markup=False, timeout=10)
        else:
            message = f"Exported {plural(len(highlights), 'highlight')} to {path}"
            self.app.call_from_thread(self.app.notify, message, markup=False)
