"""Choosing the format and file of an export."""
from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.export import EXPORT_FORMATS

from ..widgets.footer import Footer
from .confirm import KeyHint

FORMAT_NAMES = {"markdown": "Markdown", "json": "JSON", "csv": "CSV"}
EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv"}


def default_file_name(fmt: str) -> str:
    return f"highlights{EXTENSIONS[fmt]}"


def export_path_problem(path: Path) -> str | None:
    """Why `path` cannot be written to, as a short message, or None."""
    if path.is_dir():
        return "That is a folder: add a file name."
    if not path.parent.is_dir():
        return f"No such folder: {path.parent}"
    return None


class ExportDialog(ModalScreen[tuple[str, Path] | None]):
    """Dismisses with (format, absolute path) on enter, None on escape. Moving through the formats
    changes the file's extension until the user edits the file name."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#export-format"
    BINDINGS = [
        # A priority binding: enter exports from the format list and from the file field alike,
        # while a click on a format only chooses it.
        Binding("enter", "submit", "Export", priority=True, id="export_dialog.submit"),
        Binding("escape", "cancel", "Cancel", id="export_dialog.cancel"),
    ]

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.fmt = EXPORT_FORMATS[0]
        self._replace_confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog") as dialog:
            noun = "highlight" if self.count == 1 else "highlights"
            dialog.border_title = f"Export all {self.count} {noun}"
            yield Label("Format", classes="dialog-label")
            yield OptionList(
                *(Option(FORMAT_NAMES[fmt], id=fmt) for fmt in EXPORT_FORMATS), id="export-format", compact=True
            )
            yield Label("File", classes="dialog-label")
            yield Input(default_file_name(self.fmt), select_on_focus=False, id="export-path")
            yield Static(
                Content.styled(f"Relative to {Path.cwd()}", "$text-muted"), classes="dialog-detail", id="export-folder"
            )
            yield Static("", classes="dialog-error", id="export-error")
            yield KeyHint(("↑↓", "format"), ("tab", "file"), ("enter", "export"), ("esc", "cancel"))
        yield Footer()

    @property
    def path_input(self) -> Input:
        return self.query_one("#export-path", Input)

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_moved(self, event: OptionList.OptionHighlighted) -> None:
        self.fmt = event.option.id or self.fmt
        # A default name is one the user has not edited: it follows the format.
        if self.path_input.value in {default_file_name(fmt) for fmt in EXPORT_FORMATS}:
            self.path_input.value = default_file_name(self.fmt)

    def action_submit(self) -> None:
        text = self.path_input.value.strip()
        if not text:
            self._show_error("Enter a file name.")
            return
        path = Path(text).expanduser().absolute()
        problem = export_path_problem(path)
        if problem:
            self._show_error(problem)
        elif path.exists() and self._replace_confirmed != path:
            self._replace_confirmed = path
            self._show_error(f"{path.name} exists: press enter again to replace it.")
        else:
            self.dismiss((self.fmt, path))

    @on(Input.Changed, "#export-path")
    def _path_edited(self) -> None:
        self._replace_confirmed = None
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
