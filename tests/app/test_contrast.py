"""Contrast: every text the main screen draws meets WCAG AA (4.5:1) in every theme the app offers, and the
highlight marker 3:1, measured on the colours actually rendered, cell by cell.

One app renders the main screen once per theme and focus: the list focused (its cursor row focused, the
sidebar's blurred), then the sidebar focused with its cursor on a highlight of colour 3."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.segment import Segment

from store import bundled_sample_data
from tui.widgets.article_list import ArticleList
from tui.widgets.quote_sidebar import QuoteSidebar

from .helpers import make_app, opened, loaded

TEXT_MINIMUM = 4.5
MARKER_MINIMUM = 3.0
MARKER = "▌"
# Borders, rules, scrollbars and spaces carry no text.
GRAPHICS = set("▁▂▃▄▅▆▇█▌▐▏▕▔─│╭╮╰╯━┃┏┓┗┛┄┈╌═║ ")


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Shortfall:
    what: str  # "text" or "marker"
    ratio: float
    text: str
    x: int
    y: int
    colours: str = ""  # "foreground on background"

    def __str__(self) -> str:
        return f"{self.what} {self.text!r} at ({self.x}, {self.y}): {self.ratio:.2f}:1 ({self.colours})"


def screen_lines(app) -> list[list[Segment]]:
    """The screen as the terminal gets it: a line of segments per row, colours resolved."""
    return [list(strip) for strip in app.screen._compositor.render_strips()]


def shortfalls(app, marker_column: int) -> list[Shortfall]:
    """Every run of text below 4.5:1 and every highlight marker (the `▌` in the sidebar's first column) below 3:1.
    A cell without a colour of its own (a terminal's default) cannot be checked and counts as a shortfall."""
    found = []
    for y, line in enumerate(screen_lines(app)):
        x = 0
        for segment in line:
            text, style = segment.text, segment.style
            start, x = x, x + segment.cell_length
            marker = text.startswith(MARKER) and start == marker_column
            if not marker and all(char in GRAPHICS for char in text):
                continue
            fg = style.color.get_truecolor() if style and style.color else None
            bg = style.bgcolor.get_truecolor() if style and style.bgcolor else None
            if fg is None or bg is None:
                found.append(Shortfall("text", 0.0, text.strip(), start, y))
                continue
            if style.dim:
                fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
            ratio = contrast(tuple(fg), tuple(bg))
            colours = "#{:02x}{:02x}{:02x} on #{:02x}{:02x}{:02x}".format(*fg, *bg)
            if marker and ratio < MARKER_MINIMUM:
                found.append(Shortfall("marker", ratio, text[:1], start, y, colours))
            if any(char not in GRAPHICS for char in text) and ratio < TEXT_MINIMUM:
                found.append(Shortfall("text", ratio, text.strip()[:30], start, y, colours))
    return found


async def test_every_text_meets_wcag_aa_in_every_offered_theme(db_path: Path):
    app = make_app([bundled_sample_data()], db_path)
    failures: list[str] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        # Four highlights, one of each colour; the sidebar's cursor ends on colour 3, the list's on the first row.
        await pilot.press("tab", "tab", "h", "j", "h", "2", "j", "h", "3", "j", "h", "4", "k")
        sidebar, article_list = app.screen.query_one(QuoteSidebar), app.screen.query_one(ArticleList)
        await pilot.pause()
        app.clear_notifications()
        assert sidebar.highlighted == 2 and sorted(h.color for h in app.state.highlights()) == [1, 2, 3, 4]
        marker_column = sidebar.content_region.x
        for name in sorted(app.available_themes):
            app.theme = name
            for focused in (sidebar, article_list):
                focused.focus()
                await pilot.pause()
                problems = sorted(set(map(str, shortfalls(app, marker_column))))
                failures.extend(f"{name} ({focused.id} focused): {problem}" for problem in problems)
    assert not failures, "\n".join(failures)
