"""A horizontal bar chart of the most quoted speakers, drawn with block characters to the eighth of a cell."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content, Span
from textual.widget import Widget

from ..format import clip

if TYPE_CHECKING:
    from store.speakers.table import SpeakerStats

BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths of a cell


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of `value` out of `top` in `width` cells, to an eighth of a cell; at least a sliver
    for any value above 0."""
    if top <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


class BarChart(Widget):
    """Horizontal bars of the most quoted speakers, drawn with block characters to the eighth of a cell."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.speakers: list[SpeakerStats] = []
        self.current: str | None = None  # key of the highlighted speaker, marked in the chart

    def show(self, speakers: list[SpeakerStats], current: str | None = None) -> None:
        self.speakers, self.current = speakers, current
        self._retitle()
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self._retitle()

    @property
    def visible(self) -> list[SpeakerStats]:
        """The speakers that fit (all of them while the height is not known yet)."""
        height = self.size.height
        return self.speakers[:height] if height > 0 else self.speakers

    def _retitle(self) -> None:
        title = f"Most quoted · top {len(self.visible)}" if self.speakers else "Most quoted"
        if self.border_title != title:
            self.border_title = title

    def mark(self, current: str | None) -> None:
        if current != self.current:
            self.current = current
            self.refresh()

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.speakers))

    def render(self) -> Content:
        if not self.speakers:
            return Content.styled("No named speakers yet", "italic $text-muted")
        width = self.size.width
        speakers = self.visible
        top = speakers[0].quotations
        count_width = len(f"{top:,}")
        name_width = min(max(len(s.name) for s in speakers), max(6, width // 2))  # names before bar length
        bar_width = max(1, width - name_width - count_width - 2)
        lines, spans, at = [], [], 0
        for stats in speakers:
            name = clip(stats.name, name_width).ljust(name_width)
            line = f"{name} {bar(stats.quotations, top, bar_width - 1)} {stats.quotations:,}"
            current = stats.key == self.current
            spans.append(Span(at, at + name_width, "bold $text" if current else "$text-muted"))
            spans.append(Span(at + name_width + 1, at + len(line) - len(f" {stats.quotations:,}"),
                              "$accent" if current else "$primary"))
            lines.append(line)
            at += len(line) + 1
        return Content("\n".join(lines), spans=spans)
