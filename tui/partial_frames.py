"""A frame draws the lines it updates, not every line of every widget behind them.

To update part of the screen, Textual's compositor asks each widget that overlaps the lines to update for every
one of its lines (from its styles cache, each passed through the colour filter again), then keeps the lines it
updates. A one-line change of the search hint thus went through some 140 lines of the screen, the panes and the
search bar. Asked here for the lines of the update alone, each widget draws the same lines as before, and the
frame the same screen."""
from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_get_renders = Compositor._get_renders


def _get_renders_of_lines(self: Compositor, crop: Region | None = None
                          ) -> Iterable[tuple[Region, Region, list[Strip]]]:
    if not crop or crop == self.size.region:  # the whole screen: every line of every widget
        return _get_renders(self, crop)
    return _get_renders_in(self, crop)


def _get_renders_in(self: Compositor, crop: Region) -> Iterable[tuple[Region, Region, list[Strip]]]:
    """Textual's renders, each widget's clipped to the lines of `crop` (the part Textual already renders of a
    widget clipped by its container)."""
    top, bottom = crop.y, crop.bottom
    for widget, (region, clip) in self.visible_widgets.items():
        clip = clip.intersection(Region(clip.x, top, clip.width, bottom - top))
        if not (clip and crop.overlaps(clip)):
            continue
        x, y, width, height = region.intersection(clip)
        if width and height:
            yield region, clip, widget.render_lines(Region(x - region.x, y - region.y, width, height))


def draw_only_updated_lines() -> None:
    """Install the method above on Textual's compositor (once; the screen drawn is the same)."""
    Compositor._get_renders = _get_renders_of_lines
