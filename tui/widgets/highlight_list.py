"""The highlights view's list: every highlight in rows of the same height, drawn line by line.

A line-API widget, like the article list: only the rows on screen are built, so 10,000 highlights are listed,
filtered and scrolled at once (an `OptionList` measures every option whenever its options change: seconds)."""
from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip

from store import Highlight

from .list_keys import moving_keys
from .row_list import RowList, cursor_css

# A row: the headline, the text with its speaker (two lines at most), the note, and a rule between rows.
ROW_HEIGHT = 5
TEXT_LINES = 2
RULE = "─"


def row_lines(prompt: Content, width: int) -> list[Content]:
    """The `ROW_HEIGHT - 1` lines of a row at `width`, from its prompt ("headline\ntext[\nnote]")."""
    head, text, *note = prompt.split("\n", allow_blank=True)
    wrapped = text.wrap(width)
    shown = wrapped[:TEXT_LINES]
    if len(wrapped) > TEXT_LINES:  # cut: the last line shown says so
        shown[-1] = (shown[-1].rstrip() + Content("…")).truncate(width, ellipsis=True)
    shown += [Content("")] * (TEXT_LINES - len(shown))
    return [head.truncate(width, ellipsis=True), *shown, (note[0] if note else Content("")).truncate(width,
                                                                                                  ellipsis=True)]


class HighlightList(RowList):
    """Shows highlights (the screen decides which); enter or a click posts `Chosen`, a cursor move `Moved`."""

    ROW_HEIGHT = ROW_HEIGHT
    COMPONENT_CLASSES = {"highlight-list--cursor", "highlight-list--rule", "highlight-list--empty"}
    DEFAULT_CSS = cursor_css("HighlightList", "highlight-list--cursor") + """
    HighlightList > .highlight-list--rule {
        color: $foreground 15%;
    }
    HighlightList > .highlight-list--empty {
        color: $text-muted;
        text-style: italic;
    }
    """
    BINDINGS = [
        Binding("enter", "select", "Open", id="highlights.open"),
        *moving_keys(("highlights.cursor_down", "highlights.cursor_up", "highlights.top", "highlights.bottom"),
                     arrows=True),
        Binding("pagedown", "page_down", "Page Down", show=False, id="highlights.page_down"),
        Binding("pageup", "page_up", "Page Up", show=False, id="highlights.page_up"),
    ]

    class Chosen(Message):
        def __init__(self, highlight: Highlight) -> None:
            super().__init__()
            self.highlight = highlight

    class Moved(Message):
        """The cursor moved (or the list changed under it)."""

    def __init__(self, prompt: Callable[[Highlight], Content], **kwargs) -> None:
        super().__init__(**kwargs)
        self._prompt = prompt  # a highlight's "headline\ntext[\nnote]"
        self._highlights: list[Highlight] = []
        self._empty = ""
        self._rows: dict[tuple[int, int], list[Content]] = {}  # (index, width) -> lines, for the rows drawn

    # contents --------------------------------------------------------------------------------------
    def show(self, highlights: list[Highlight], empty_message: str, cursor: int = 0) -> None:
        """List `highlights` in this order, the cursor on `cursor` (clamped); `empty_message` when there are none."""
        self._highlights = highlights
        self._empty = empty_message
        self._rows.clear()
        self.rows_changed()  # a filter key that changes the count lays nothing out
        self.highlighted = min(cursor, len(highlights) - 1) if highlights else None
        if self.highlighted is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Moved())

    def replace(self, highlight: Highlight) -> None:
        """Show a changed highlight in place."""
        index = next((i for i, shown in enumerate(self._highlights) if shown.id == highlight.id), None)
        if index is not None:
            self._highlights[index] = highlight
            self._rows = {key: lines for key, lines in self._rows.items() if key[0] != index}
            self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    @property
    def highlights(self) -> list[Highlight]:
        return list(self._highlights)

    @property
    def highlighted_highlight(self) -> Highlight | None:
        index = self.highlighted
        return self._highlights[index] if index is not None and index < len(self._highlights) else None

    def shown_texts(self) -> list[str]:
        """The plain text of every row (unwrapped), or the empty message: what the list says."""
        return [self._prompt(highlight).plain for highlight in self._highlights] or [self._empty]

    # cursor ----------------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._highlights)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(old, new)
        if old != new:
            self.post_message(self.Moved())

    def action_select(self) -> None:
        highlight = self.highlighted_highlight
        if highlight is not None:
            self.post_message(self.Chosen(highlight))

    # rendering -------------------------------------------------------------------------------------
    def _lines(self, index: int, width: int) -> list[Content]:
        key = (index, width)
        if key not in self._rows:
            if len(self._rows) > 400:  # only the rows on screen are needed again
                self._rows.clear()
            self._rows[key] = row_lines(self._prompt(self._highlights[index]), width)
        return self._rows[key]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(round(self.scroll_y) + y, ROW_HEIGHT)
        base = self.get_visual_style()
        if not self._highlights:
            text = Content(self._empty if index == 0 and line == 0 else "").truncate(width, ellipsis=True)
            style = self.get_visual_style("highlight-list--empty")
        elif index >= len(self._highlights) or not self.shows_line(y):
            return Strip.blank(width, base.rich_style)
        elif line == ROW_HEIGHT - 1:
            text, style = Content(RULE * width), self.get_visual_style("highlight-list--rule")
        else:
            text = self._lines(index, width)[line]
            style = self.get_visual_style("highlight-list--cursor") if index == self.highlighted else base
        return Strip(text.render_segments(style), text.cell_length).extend_cell_length(width, style.rich_style)
