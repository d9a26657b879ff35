"""Small modal dialogs: a yes/no question, a note editor, the export form and a speaker's correction."""
from __future__ import annotations

from .confirm import ConfirmDialog
from .export import ExportDialog
from .note import NoteDialog
from .speaker import SpeakerAnswer, SpeakerDialog

__all__ = ["ConfirmDialog", "ExportDialog", "NoteDialog", "SpeakerAnswer", "SpeakerDialog"]
