"""A yes/no question."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.footer import Footer


def key_hint(*pairs: tuple[str, str]) -> Content:
    """`y yes  ·  n no`, keys in bold: the last line of every dialog."""
    parts: list[str | tuple[str, str]] = []
    for key, meaning in pairs:
        if parts:
            parts.append("  ·  ")
        parts += [(key, "bold"), f" {meaning}"]
    return Content.assemble(*parts)


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True for y or enter, False for n or escape. `detail` is shown as plain text
    under the question (it may quote an article)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm_dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_dialog.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.question, "bold"), classes="dialog-question")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            yield Static(key_hint(("y", "yes"), ("n", "no")), classes="dialog-hint")
        yield Footer()  # the dialog's keys, over the footer of the screen below, whose keys do not apply here

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
