"""Editing the note of a highlight: a few lines of text."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from store.text import printable

from ..widgets.footer import Footer
from .confirm import KeyHint


class NoteDialog(ModalScreen[str | None]):
    """Dismisses with the note as typed (stripped; "" clears it) on enter or ctrl+s, None on escape. A note may
    hold several lines: ctrl+j (or shift+enter, where the terminal tells it from enter) starts a new one.
    `subject` (the highlighted text) is shown quoted on one line above the field, cut to fit."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#note-input"
    BINDINGS = [
        # Priority: the text area would otherwise take enter as a new line.
        Binding("enter,ctrl+s", "save", "Save", priority=True, id="note_dialog.save"),
        Binding("ctrl+j,shift+enter", "new_line", "New line", priority=True, id="note_dialog.new_line"),
        Binding("escape", "cancel", "Cancel", id="note_dialog.cancel"),
    ]

    def __init__(self, note: str = "", subject: str = "") -> None:
        super().__init__()
        # Both may come from a hand-edited state file: shown through the sanitiser (a note keeps its lines).
        self.note = printable(note, lines=True)
        self.subject = printable(subject)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Note"
            if self.subject:
                subject = f"“{self.subject}”"
                yield Static(Content.styled(subject, "italic $text-muted"), classes="dialog-detail dialog-subject")
            yield TextArea(self.note, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                           placeholder="A note on this highlight", id="note-input")
            yield KeyHint(("enter", "save"), ("ctrl+j", "new line"), ("empty", "clears"), ("esc", "cancel"))
        yield Footer()

    def on_mount(self) -> None:
        # Typing should extend the note, not replace it: the cursor goes to its end.
        self.query_one(TextArea).move_cursor(self.query_one(TextArea).document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_new_line(self) -> None:
        self.query_one(TextArea).insert("\n")

    def action_cancel(self) -> None:
        self.dismiss(None)
