"""The search field above the article list, with a one-line hint below it."""
from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from .quiet_input import QuietInput

PLACEHOLDER = 'words "a phrase" -not speaker: source: after: before: is:unread'
KEY_HELP = ("enter: list · esc: clear", "⏎ list · esc clear")  # after a count, the longest form that fits


class SearchField(QuietInput):
    """The search text. Its size is the bar's (3 lines, the whole width)."""


class SearchBar(Vertical):
    """Posts `Changed` on every change of the text, `Accepted` on enter, `Cleared` on escape. (The
    screen searches in a worker and drops a search overtaken by a newer text: no delay is needed to coalesce a burst
    of keys.)

    Keys typed ahead go where the keys before them sent the focus: Textual hands each key to the widget focused
    when the key arrives, and runs an ordinary binding only once the key has come back up, so in a burst ("/", a
    word, enter, "n") the later keys would go to the field of before. Opening the field, enter and escape are
    therefore handled as the key arrives (priority bindings), and each moves the focus at once (`set_focus`; a
    widget's `focus()` waits its turn behind the keys already in the queue)."""

    BINDINGS = [
        Binding("escape", "clear", "Clear search", key_display="esc", priority=True, id="main.clear_search"),
        Binding("enter", "accept", "List the matches", priority=True, id="main.accept_search"),
    ]

    @dataclass
    class Changed(Message):
        """The search text changed."""

        text: str

    class Accepted(Message):
        """Enter in the search field: the user is done typing."""

    class Cleared(Message):
        """Escape in the search field: back to every article."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._hint_width = 0  # cells of the hint shown: a one-line hint replaced by another needs no layout
        self._count: str | None = None  # the count shown in the hint, fitted again to a new width

    def compose(self) -> ComposeResult:
        yield SearchField(placeholder=PLACEHOLDER, id="search-input")
        yield Static(Content(""), id="search-hint")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self.input)

    def show_hint(self, hint: Content) -> None:
        self._count = None
        self._show(hint)

    def show_count(self, count: str) -> None:
        """`count` (the articles found), then the keys' help in the longest form that fits beside it on the line:
        the line stays one line high whatever the count (a second line would move the list and lay the screen
        out while the user types)."""
        self._count = count
        width = self.query_one("#search-hint", Static).content_region.width
        text = next((f"{count} · {keys}" for keys in KEY_HELP if cell_len(f"{count} · {keys}") <= width),
                    count)
        self._show(Content.styled(text, "$text-muted"))

    def on_resize(self) -> None:
        if self._count is not None:
            self.show_count(self._count)

    def _show(self, hint: Content) -> None:
        line = self.query_one("#search-hint", Static)
        width = line.content_region.width
        one_line = hint.cell_length <= width and self._hint_width <= width
        self._hint_width = hint.cell_length
        line.update(hint, layout=not one_line)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.input.value))

    def action_accept(self) -> None:
        # The keys after enter are no longer typed into the field: the screen takes them until it has given the
        # focus on (to the list).
        self.screen.set_focus(None)
        self.post_message(self.Accepted())

    def action_clear(self) -> None:
        self.display = False
        if self.input.has_focus:  # esc from another pane leaves the focus where it is
            self.screen.set_focus(None)
        # Emptied after the keys already handed to the field (this binding acts ahead of them).
        self.input.call_later(self._empty)

    def _empty(self) -> None:
        self.input.value = ""
        self.post_message(self.Cleared())
