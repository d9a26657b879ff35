"""The article's text, drawn line by line.

A `Static` wraps and renders its whole text whenever it changes; for a long article (a megabyte holds
30,000 lines) that stalls the app for seconds. This widget wraps the plain text once per width (one regular
expression over the whole text when every character takes one cell, as in most articles) and keeps the styled
spans apart, building the `Content` of a screen line only when that line is drawn. New marks (a highlight, the
next search match) redraw without wrapping again. Selections work as in any Textual widget: offsets are
(column, line) in the unwrapped text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content, Span
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


@lru_cache(maxsize=8)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    """A screen line of text whose characters take one cell each: as many words as fit, the spaces after the
    last one included (as rich's `divide_line` cuts), else a word cut at the width; or an empty line."""
    return re.compile(rf"(?m)^$|[^\n]{{1,{width}}}(?:[ \t]+|$)|[^\n]{{{width}}}")


# Characters outside the ranges rich itself knows to take one cell each (and line breaks): only these are
# measured, so that a megabyte of text is checked in milliseconds.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482]")


def one_cell_each(text: str) -> bool:
    """Does every character of `text` (line breaks aside) take one cell? Asked of each distinct character."""
    return all(cell_len(character) == 1 for character in set(_UNUSUAL.findall(text)))


def wrap(text: str, line_starts: list[int], width: int) -> list[tuple[int, int, int]]:
    """(text line, start, end) of every screen line of `text` at `width`; offsets within the text line."""
    if not one_cell_each(text):  # wide or zero-width characters, tabs: measured line by line
        return _wrap_lines(text, line_starts, width)
    wrapped = []
    line, next_start = 0, line_starts[1] if len(line_starts) > 1 else len(text) + 1
    for match in _wrap_pattern(width).finditer(text):
        start = match.start()
        while start >= next_start:
            line += 1
            next_start = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
        base = line_starts[line]
        wrapped.append((line, start - base, match.end() - base))
    return wrapped


def _wrap_lines(text: str, line_starts: list[int], width: int) -> list[tuple[int, int, int]]:
    wrapped = []
    for number, start in enumerate(line_starts):
        end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(text)
        plain = text[start:end]
        cuts = divide_line(plain, width, fold=True) if plain else []
        wrapped += [(number, low, high) for low, high in zip([0, *cuts], [*cuts, len(plain)])]
    return wrapped


class ArticleText(Widget):
    DEFAULT_CSS = """
    ArticleText {
        height: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._line_starts = [0]  # where each line of the text starts
        self._spans: list[tuple[int, int, int, object]] = []  # (start, end, order, style), by start
        self._span_starts: list[int] = []
        self._longest_span = 0
        self._wrapped: list[tuple[int, int, int]] = []  # per screen line: (text line, start, end)
        self._wrapped_width: int | None = None

    @property
    def plain(self) -> str:
        return self._text

    def update(self, content: Content) -> None:
        """Show `content` (its control codes already stripped, as any `Content`'s are unless it was made
        without). Only its spans changed (new marks): redrawn, not wrapped again."""
        if content.plain != self._text:
            self._text = content.plain
            self._line_starts = [0] + [match.end() for match in re.finditer("\n", self._text)]
            self._wrapped_width = None
        spans = sorted((span.start, span.end, order, span.style) for order, span in enumerate(content.spans)
                       if span.end > span.start)
        self._spans = spans
        self._span_starts = [span[0] for span in spans]
        self._longest_span = max((end - start for start, end, _order, _style in spans), default=0)
        self.refresh(layout=self._wrapped_width is None)

    def wrapped(self, width: int | None = None) -> list[tuple[int, int, int]]:
        """(text line, start, end) of every screen line at `width` (the current width by default)."""
        width = max(1, width if width is not None else self.size.width)
        if width != self._wrapped_width:
            self._wrapped, self._wrapped_width = wrap(self._text, self._line_starts, width), width
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

    def _piece(self, low: int, high: int) -> Content:
        """The text from `low` to `high` with the spans over it, in their order (later ones win)."""
        first = bisect_left(self._span_starts, low - self._longest_span)
        last = bisect_right(self._span_starts, high - 1)
        spans = sorted((order, max(start, low) - low, min(end, high) - low, style)
                       for start, end, order, style in self._spans[first:last] if end > low)
        return Content(self._text[low:high], spans=[Span(start, end, style) for _order, start, end, style in spans],
                       strip_control_codes=False)  # stripped from the whole text by `update`

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.get_visual_style()
        wrapped = self.wrapped()
        if y >= len(wrapped):
            return Strip.blank(width, style.rich_style)
        number, start, end = wrapped[y]
        base = self._line_starts[number]
        piece = self._piece(base + start, base + end)
        selection = self.text_selection
        span = selection.get_span(number) if selection is not None else None
        if span is not None:
            low, high = span
            line_end = (self._line_starts[number + 1] - 1 if number + 1 < len(self._line_starts)
                        else len(self._text))
            high = line_end - base if high == -1 else high
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
        return selection.extract(self._text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()
