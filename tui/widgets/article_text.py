"""The article's text, drawn line by line.

A `Static` wraps and renders its whole text whenever it changes; for a long article (a megabyte holds
30,000 lines) that stalls the app for seconds. This widget wraps the plain text from the top, as far as the
screen needs (one regular expression over those lines when every character takes one cell, as in most
articles), and the rest after the first frame is painted, a slice at a time; until then the lines not yet
wrapped count for an estimate of their height. It keeps the styled spans apart, building the `Content` of a
screen line only when that line is drawn. New marks (a highlight, the next search match) redraw without
wrapping again. Selections work as in any Textual widget: offsets are (column, line) in the unwrapped text."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content, Span
from textual.geometry import Region
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


@lru_cache(maxsize=8)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    """A screen line of text whose characters take one cell each: as many words as fit, the spaces after the
    last one included (as rich's `divide_line` cuts), else a word cut at the width; or an empty line."""
    return re.compile(rf"(?m)^$|[^\n]{{1,{width}}}(?:[ \t]+|$)|[^\n]{{{width}}}")


SLICE = 64 * 1024  # characters of text wrapped at a time: a few milliseconds, and a few screens at least
MIN_SLICE = 4096  # characters wrapped at least to reach a screen line
KEPT_LINES = 200  # screen lines kept drawn (a few screens): a line drawn since as many others is drawn anew


# Characters outside the ranges rich itself knows to take one cell each (and line breaks): only these are
# measured, so that a megabyte of text is checked in milliseconds.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482]")


def one_cell_each(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does every character of `text[start:end]` (line breaks aside) take one cell? Asked of each distinct
    character."""
    found = _UNUSUAL.findall(text, start, len(text) if end is None else end)
    return all(cell_len(character) == 1 for character in set(found))


def wrap(text: str, line_starts: list[int], width: int, first: int = 0,
         last: int | None = None) -> list[tuple[int, int, int]]:
    """(text line, start, end) of every screen line of text lines `first` to `last` (excluded; None: to the end)
    at `width`; offsets within the text line."""
    last = len(line_starts) if last is None else last
    if first >= last:
        return []
    begin = line_starts[first]
    stop = line_starts[last] - 1 if last < len(line_starts) else len(text)  # the end of line `last - 1`
    if not one_cell_each(text, begin, stop):  # wide or zero-width characters, tabs: measured line by line
        return _wrap_lines(text, line_starts, width, first, last)
    wrapped = []
    line, next_start = first, line_starts[first + 1] if first + 1 < len(line_starts) else len(text) + 1
    # No screen line crosses a line break, so the lines wrap alone as they would in the whole text.
    for match in _wrap_pattern(width).finditer(text, begin, stop):
        start = match.start()
        while start >= next_start:
            line += 1
            next_start = line_starts[line + 1] if line + 1 < len(line_starts) else len(text) + 1
        base = line_starts[line]
        wrapped.append((line, start - base, match.end() - base))
    return wrapped


def _wrap_lines(text: str, line_starts: list[int], width: int, first: int,
                last: int) -> list[tuple[int, int, int]]:
    wrapped = []
    for number in range(first, last):
        start = line_starts[number]
        end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(text)
        plain = text[start:end]
        cuts = divide_line(plain, width, fold=True) if plain else []
        wrapped += [(number, low, high) for low, high in zip([0, *cuts], [*cuts, len(plain)])]
    return wrapped


class StyledSpans(NamedTuple):
    """A text's styled spans as the widget looks them up: (start, end, order, style) by start, their starts, and
    the length of the longest."""

    spans: list[tuple[int, int, int, object]]
    starts: list[int]
    longest: int


def styled_spans(content: Content) -> StyledSpans:
    """The spans of `content` as `ArticleText` looks them up (thousands for a long article: made in a worker)."""
    spans = sorted((span.start, span.end, order, span.style) for order, span in enumerate(content.spans)
                   if span.end > span.start)
    return StyledSpans(spans, [span[0] for span in spans], max((end - start for start, end, *_ in spans), default=0))


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
        # Per screen line of text lines 0 to `_wrapped_lines` (excluded): (text line, start, end).
        self._wrapped: list[tuple[int, int, int]] = []
        self._wrapped_lines = 0
        self._wrapped_width: int | None = None
        self._wrapping = 0  # bumped by a new text or width: a background step of an older wrap stops
        self._laid_out_height = 0  # the height last given to the layout
        self._when_drawn: list[Callable[[], object]] = []  # called once the text is next drawn
        self._lines_drawn = 0  # since the lines kept drawn were last dropped

    @property
    def plain(self) -> str:
        return self._text

    @property
    def line_starts(self) -> list[int]:
        """Where each line of the text starts."""
        return self._line_starts

    def update(self, content: Content, spans: StyledSpans | None = None) -> None:
        """Show `content` (its control codes already stripped, as any `Content`'s are unless it was made
        without), its `spans` as `styled_spans` gives them when they were prepared (in a worker). Only its spans
        changed (new marks): redrawn, not wrapped again."""
        new_text = content.plain != self._text
        if new_text:
            self._text = content.plain
            self._line_starts = [0] + [match.end() for match in re.finditer("\n", self._text)]
            self._wrapped, self._wrapped_lines, self._wrapped_width = [], 0, None
            self._wrapping += 1
        self._spans, self._span_starts, self._longest_span = spans if spans is not None else styled_spans(content)
        self.refresh(layout=new_text)

    def after_drawn(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the text is drawn (after the frame that draws it)."""
        self._when_drawn.append(callback)

    @property
    def wrapped_whole(self) -> bool:
        """Every line of the text is wrapped at the current width."""
        return self._wrapped_lines >= len(self._line_starts)

    def wrapped(self, width: int | None = None) -> list[tuple[int, int, int]]:
        """(text line, start, end) of every screen line at `width` (the current width by default)."""
        self._at_width(width if width is not None else self.size.width)
        self._wrap_to_line(len(self._line_starts))
        return self._wrapped

    def _at_width(self, width: int) -> None:
        """Wrap at `width` from now on: from the top again if it is a new width (or a new text), and the rest of
        the text in the background once the screen is painted."""
        width = max(1, width)
        if width != self._wrapped_width:
            self._wrapped, self._wrapped_lines, self._wrapped_width = [], 0, width
            self._wrapping += 1
            self.call_after_refresh(self._wrap_in_background, self._wrapping)

    def _wrap_to_line(self, last: int) -> bool:
        """Wrap the text lines up to `last` (excluded); False when they were already."""
        last = min(last, len(self._line_starts))
        if last <= self._wrapped_lines:
            return False
        self._wrapped += wrap(self._text, self._line_starts, self._wrapped_width, self._wrapped_lines, last)
        self._wrapped_lines = last
        return True

    def _wrap_slice(self, characters: int = SLICE) -> bool:
        """Wrap the next `characters`' worth of lines (a line at least); False when all are wrapped."""
        if self.wrapped_whole:
            return False
        end = bisect_right(self._line_starts, self._line_starts[self._wrapped_lines] + characters)
        return self._wrap_to_line(max(end, self._wrapped_lines + 1))

    def _wrap_to_row(self, row: int) -> bool:
        """Wrap until screen line `row` is known (or the text ends); False when it was already. The first slice of
        a text is about what the first screen holds (a tenth of a slice for a long article): it is laid out first."""
        wrapped_more = False
        while len(self._wrapped) <= row:
            first = min(SLICE, max(MIN_SLICE, (row + 1) * (self._wrapped_width + 1)))
            if not self._wrap_slice(SLICE if self._wrapped else first):
                break
            wrapped_more = True
        return wrapped_more

    def _wrap_in_background(self, wrapping: int) -> None:
        """One slice of the text left to wrap, then the next after a frame; the height is laid out anew at the
        end (the screen lines above the ones shown are always wrapped: nothing moves meanwhile)."""
        if wrapping != self._wrapping or not self._wrap_slice():
            return
        if self.wrapped_whole:
            self.refresh(layout=True)
        else:
            self.call_after_refresh(self._wrap_in_background, wrapping)

    def _height(self) -> int:
        """The screen lines wrapped, and an estimate for the lines not wrapped yet (each takes one, and one more
        per width of characters)."""
        if self.wrapped_whole:
            return len(self._wrapped)
        lines_left = len(self._line_starts) - self._wrapped_lines
        characters_left = len(self._text) - self._line_starts[self._wrapped_lines]
        return len(self._wrapped) + lines_left + characters_left // self._wrapped_width

    def screen_line_of(self, line: int, column: int) -> int:
        """The screen line showing `column` of text line `line`."""
        self._at_width(self.size.width)
        self._wrap_to_line(line + 1)
        wrapped = self._wrapped
        low, high = 0, len(wrapped)
        while low < high:  # the first screen line at or after (line, column)
            middle = (low + high) // 2
            if (wrapped[middle][0], wrapped[middle][2]) <= (line, column):
                low = middle + 1
            else:
                high = middle
        return min(low, len(wrapped) - 1)

    def wrap_to_row(self, row: int) -> bool:
        """Make sure screen line `row` is wrapped (before a jump there); True when the height is not the one laid
        out: it is laid out anew, and the jump must wait for the next refresh."""
        self._at_width(self.size.width)
        self._wrap_to_row(row)
        if self._height() == self._laid_out_height:
            return False
        self.refresh(layout=True)
        return True

    def get_content_height(self, container, viewport, width: int) -> int:
        self._at_width(width)
        self._wrap_to_row(viewport.height)
        self._laid_out_height = self._height()
        return self._laid_out_height

    def _piece(self, low: int, high: int) -> Content:
        """The text from `low` to `high` with the spans over it, in their order (later ones win)."""
        first = bisect_left(self._span_starts, low - self._longest_span)
        last = bisect_right(self._span_starts, high - 1)
        spans = sorted((order, max(start, low) - low, min(end, high) - low, style)
                       for start, end, order, style in self._spans[first:last] if end > low)
        return Content(self._text[low:high], spans=[Span(start, end, style) for _order, start, end, style in spans],
                       strip_control_codes=False)  # stripped from the whole text by `update`

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual keeps every line of a widget it has drawn (its styles cache) until the widget is refreshed whole.
        # The text is one widget as tall as the article: read to its end, a long one would keep tens of thousands
        # of lines, each a few dozen objects that every full pass of the garbage collector walks (after 50 pages
        # of a 1 MB article, a pass took three times as long). The lines are dropped every `KEPT_LINES` drawn:
        # the styles cache is Textual's, `_styles_cache.clear()` is what a whole refresh does to it.
        if self._lines_drawn >= KEPT_LINES:
            self._lines_drawn = 0
            self._styles_cache.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._lines_drawn += 1
        if self._when_drawn:
            for callback in self._when_drawn:
                self.call_after_refresh(callback)
            self._when_drawn = []
        width = self.size.width
        style = self.get_visual_style()
        self._at_width(width)
        if self._wrap_to_row(y):  # scrolled past the lines wrapped so far: the height estimated is now known better
            self.call_later(self.refresh, layout=True)
        wrapped = self._wrapped
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
