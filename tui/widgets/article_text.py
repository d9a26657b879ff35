"""The article's text, drawn line by line.

A `Static` wraps and renders its whole text whenever it changes; for a long article (a megabyte holds
30,000 lines) that stalls the app for seconds. This widget wraps plain text once per width and renders only
the lines on screen. Selections work as in any Textual widget: offsets are (column, line) in the unwrapped
text."""
from __future__ import annotations

from rich._wrap import divide_line
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


class ArticleText(Widget):
    DEFAULT_CSS = """
    ArticleText {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._content = Content("")
        self._lines: list[Content] = [Content("")]  # the text split at newlines, with its spans
        self._wrapped: list[tuple[int, int, int]] = []  # per screen line: (text line, start, end)
        self._wrapped_width: int | None = None

    @property
    def plain(self) -> str:
        return self._content.plain

    def update(self, content: Content) -> None:
        self._content = content
        self._lines = content.split("\n", allow_blank=True)
        self._wrapped_width = None
        self.refresh(layout=True)

    def wrapped(self, width: int | None = None) -> list[tuple[int, int, int]]:
        """(text line, start, end) of every screen line at `width` (the current width by default)."""
        width = max(1, width if width is not None else self.size.width)
        if width != self._wrapped_width:
            wrapped = []
            for number, line in enumerate(self._lines):
                plain = line.plain
                cuts = divide_line(plain, width, fold=True) if plain else []
                wrapped += [(number, start, end) for start, end in zip([0, *cuts], [*cuts, len(plain)])]
            self._wrapped, self._wrapped_width = wrapped, width
        return self._wrapped

    def screen_line_of(self, line: int, column: int) -> int:
        """The screen line showing `column` of text line `line`."""
        wrapped = self.wrapped()
        low, high = 0, len(wrapped)
        while low < high:  # the first screen line at or after (line, column)
            middle = (low + high) // 2
            if (wrapped[middle][0], wrapped[middle][2]) <= (line, column):
                low = middle + 1
            else:
                high = middle
        return min(low, len(wrapped) - 1)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.wrapped(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.get_visual_style()
        wrapped = self.wrapped()
        if y >= len(wrapped):
            return Strip.blank(width, style.rich_style)
        number, start, end = wrapped[y]
        piece = self._lines[number][start:end]
        selection = self.text_selection
        span = selection.get_span(number) if selection is not None else None
        if span is not None:
            low, high = span
            high = len(self._lines[number].plain) if high == -1 else high
            low, high = max(low, start) - start, min(high, end) - start
            if low < high:
                piece = piece.stylize(Style.from_styles(self.screen.get_component_styles("screen--selection")),
                                      low, high)
        piece = piece.rstrip_end(width)
        strip = Strip(piece.render_segments(style), piece.cell_length).apply_offsets(start, number)
        # The blank after the text is the end of this screen line for a selection: a drag released there takes the
        # line to its end, never the start of the next screen line (which offsets counting on would give).
        padding = width - strip.cell_length
        if padding <= 0:
            return strip
        end_of_piece = RichStyle.from_meta({"offset": (max(start, end - 1), number)})
        blank = Segment(" ", style.rich_style + end_of_piece)
        return Strip([*strip, *([blank] * padding)], width)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._content.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
