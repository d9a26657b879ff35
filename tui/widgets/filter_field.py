"""The filter field above a list (the highlights view, the speaker view)."""
from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from .quiet_input import QuietInput


def filter_bindings(view: str, to_list: str, to_list_id: str) -> list[Binding]:
    """The field's keys; their ids are the view's (key bindings are configured by id)."""
    return [Binding("escape", "leave(True)", "Clear filter", id=f"{view}.clear_filter"),
            Binding("down", "leave(False)", to_list, show=False, id=f"{view}.{to_list_id}")]


class FilterField(QuietInput):
    """Enter or down goes to the list keeping the filter; escape clears it first. A view's field names the list
    it filters (`FILTERED`) and its keys (`filter_bindings`)."""

    FILTERED: ClassVar[type[Widget]]

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.screen.query_one(self.FILTERED).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_leave(False)
