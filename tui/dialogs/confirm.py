"""A yes/no question."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ..widgets.footer import Footer


class KeyHint(Widget):
    """`y yes  ·  n no`, keys in bold: the last line of every dialog. Where it needs more than one line, it breaks
    between two keys, never between a key and what it does ("ctrl+r" ended a line, "engine's answer" began the
    next)."""

    DEFAULT_CSS = "KeyHint { height: auto; }"
    SEPARATOR = "  ·  "

    def __init__(self, *pairs: tuple[str, str], classes: str = "dialog-hint") -> None:
        super().__init__(classes=classes)
        self.pairs = pairs

    def lines(self, width: int) -> list[Content]:
        """The pairs, as many on a line as fit in `width` cells (at least one)."""
        lines: list[list[Content]] = [[]]
        used = 0
        for key, meaning in self.pairs:
            pair = Content.assemble((key, "bold"), f" {meaning}")
            wanted = pair.cell_length + (len(self.SEPARATOR) if lines[-1] else 0)
            if lines[-1] and used + wanted > width:
                lines.append([])
                used, wanted = 0, pair.cell_length
            lines[-1].append(pair)
            used += wanted
        return [Content(self.SEPARATOR).join(line) for line in lines]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width))


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
            yield KeyHint(("y", "yes"), ("n", "no"))
        yield Footer()  # the dialog's keys, over the footer of the screen below, whose keys do not apply here

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
