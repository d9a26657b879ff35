"""Editing the note of a highlight."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.text import printable

from .confirm import key_hint


class NoteDialog(ModalScreen[str | None]):
    """Dismisses with the note as typed (stripped; "" clears it) on enter, None on escape.
    `subject` (the highlighted text) is shown quoted on one line above the field, cut to fit."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#note-input"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, note: str = "", subject: str = "") -> None:
        super().__init__()
        # Both may come from a hand-edited state file: shown through the sanitiser.
        self.note = printable(note)
        self.subject = printable(subject)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Note"
            if self.subject:
                subject = f"“{self.subject}”"
                yield Static(Content.styled(subject, "italic $text-muted"), classes="dialog-detail dialog-subject")
            # Not selected on focus: typing should extend the note, not replace it.
            yield Input(self.note, placeholder="A note on this highlight", select_on_focus=False, id="note-input")
            yield Static(key_hint(("enter", "save"), ("empty", "clears"), ("esc", "cancel")), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
