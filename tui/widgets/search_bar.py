"""The search field above the article list, with a one-line hint below it."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, Static

from ..messages import SearchAccepted, SearchChanged, SearchCleared

# Coalesces a burst of keys (a paste, key repeat); a search is fast enough to run for every keystroke.
DEBOUNCE_SECONDS = 0.01
PLACEHOLDER = 'words "a phrase" -not speaker: source: after: before: is:unread'


class SearchBar(Vertical):
    """Posts `SearchChanged` a moment after the last keystroke, `SearchCleared` on escape."""

    BINDINGS = [Binding("escape", "clear", "Clear search", show=False, id="clear_search")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input")
        yield Static(Content(""), id="search-hint")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        self.display = True
        self.input.focus()

    def show_hint(self, hint: Content) -> None:
        self.query_one("#search-hint", Static).update(hint)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._announce)

    def _announce(self) -> None:
        self._debounce = None
        self.post_message(SearchChanged(self.input.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._debounce is not None:
            self._debounce.stop()
            self._announce()
        self.post_message(SearchAccepted())

    def action_clear(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        self.input.value = ""
        self.display = False
        self.post_message(SearchCleared())
