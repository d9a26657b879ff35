"""A slim progress line under the article list while files are read and the corpus is indexed."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

STAGE_LABELS = {"reading": "Reading files", "indexing": "Indexing", "grouping": "Grouping quotations"}


class WorkProgress(Horizontal):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stage: str | None = None  # the stage the label names

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="progress-label")
        yield ProgressBar(show_eta=False, id="progress-bar")

    def on_mount(self) -> None:
        self.display = False

    def show(self, stage: str, done: int, total: int) -> None:
        if done >= total:
            self.display = False
            return
        self.display = True
        # The label only when the stage changes: each update of it lays the whole screen out again, and indexing
        # reports its progress every second.
        if stage != self._stage:
            self._stage = stage
            self.query_one("#progress-label", Static).update(Content(STAGE_LABELS.get(stage, stage)))
        self.query_one(ProgressBar).update(total=total, progress=done)

    def done(self) -> None:
        self.display = False
