"""A text field whose typing concerns the field alone."""
from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class QuietInput(Input):
    """An `Input` of a fixed size (its container's): a key repaints the field and lays nothing else out, however
    long the text grows. The search field and the views' filter fields are ones."""

    # No scrollbars: the horizontal one is 0 cells high anyway, and it was shown and hidden (a layout of the
    # screen each time) as a placeholder wider than the field gave way to a word.
    DEFAULT_CSS = "QuietInput { overflow: hidden hidden; }"

    # `Input` sets its virtual size (the text's width, which it scrolls through) on every change of its value,
    # and Textual's reactive lays the screen out for it. Only the field's own scrolling reads it (`max_scroll_x`),
    # and it never asks the compositor for it (`ScrollView` keeps its own). Redefined without the layout; the
    # search field's test (a long text keeps the cursor in view) would catch a Textual whose scrolling needed it.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
