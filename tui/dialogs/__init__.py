"""Small modal dialogs: a yes/no question, a note editor and the export form."""
from __future__ import annotations

from .confirm import ConfirmDialog
from .export import ExportDialog
from .note import NoteDialog

__all__ = ["ConfirmDialog", "ExportDialog", "NoteDialog"]
