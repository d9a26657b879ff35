"""Lines that Textual draws leave no cyclic garbage.

Textual's `Strip` caches what it derives from a line in the line itself; two of its methods (`crop_extend` to the
line's own width, and `divide` at its own end, which the compositor calls on every line it draws) derive the line
itself and so cache the line in itself. Each such line is then a cycle that only a full pass of the garbage
collector frees: some 700 objects a search as you type, which every later full pass walks (a third of a 10,000
article session's tracked objects were such lines). Answered here without caching, the same result: the lines are
freed as soon as they are no longer drawn, and full passes stay short."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.strip import Strip

_crop_extend = Strip.crop_extend
_divide = Strip.divide


def _crop_extend_uncycled(self: Strip, start: int, end: int, style) -> Strip:
    if start <= 0 and end == self.cell_length:  # the line as it is: Textual's would cache it in itself
        return self
    return _crop_extend(self, start, end, style)


def _divide_uncycled(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = [cut for cut in cuts if cut <= self.cell_length]
    if cuts == [self.cell_length]:  # one piece, the line itself: Textual's would cache it in itself
        return [self]
    return _divide(self, cuts)


def break_strip_cycles() -> None:
    """Install the two methods above on `Strip` (once; the results are the same as Textual's)."""
    Strip.crop_extend = _crop_extend_uncycled
    Strip.divide = _divide_uncycled
