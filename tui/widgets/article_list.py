"""The article list: two lines per article (headline, then date and source), newest first.

A line-API widget over a `RowSource`: it knows how many rows there are and asks for the ones it draws, so a
list of 100,000 articles appears, filters and scrolls in constant time and memory (an `OptionList` would
hold and measure every option)."""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from textual.binding import Binding
from textual.content import Content, Span
from textual.message import Message
from textual.strip import Strip

from store import Article, ArticleMeta

from .fitted_title import FittedTitle
from .list_keys import MAIN_IDS, moving_keys
from .row_list import RowList, cursor_css

UNREAD_MARK = "●"
ROW_HEIGHT = 2
DRAWN_LINES = 400  # lines kept drawn: a few screens


class RowSource(Protocol):
    """The rows to list, asked for one at a time (the screen answers from the corpus database)."""

    def __len__(self) -> int: ...

    def row(self, index: int) -> ArticleMeta | None: ...

    def index_of(self, article_id: str) -> int | None: ...


class NoRows:
    def __len__(self) -> int:
        return 0

    def row(self, index: int) -> ArticleMeta | None:
        return None

    def index_of(self, article_id: str) -> int | None:
        return None


def row_prompt(article: Article | ArticleMeta, read: bool, cursor: bool = False) -> Content:
    """Two lines: `● Headline…` then the date and source, muted. On the cursor row the mark takes the row's
    colour: no one colour reads on both the pane and every theme's cursor."""
    return Content("\n").join(row_lines(article, read, cursor))


def row_lines(article: Article | ArticleMeta, read: bool, cursor: bool = False) -> tuple[Content, Content]:
    """The two lines of `row_prompt`, apart (a line is drawn alone: splitting the two would cost more than
    making them)."""
    first = f"{UNREAD_MARK if not read else ' '} {article.title}"
    spans = [Span(0, 1, "bold" if cursor else "bold $unread-mark")]
    if not read:
        spans.append(Span(2, len(first), "bold"))
    meta = "  " + " · ".join(part for part in (article.date or "undated", article.source) if part)
    return Content(first, spans=spans), Content(meta, spans=[Span(0, len(meta), "$text-muted")])


def line_runs(lines: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in `lines` (ascending)."""
    runs: list[tuple[int, int]] = []
    for y in lines:
        if runs and runs[-1][1] == y - 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


class ArticleList(FittedTitle, RowList):
    """Shows articles; enter (or a click) posts `Opened`. The screen owns which article is open."""

    ROW_HEIGHT = ROW_HEIGHT
    COMPONENT_CLASSES = {"article-list--cursor"}
    DEFAULT_CSS = cursor_css("ArticleList", "article-list--cursor")
    BINDINGS = [
        Binding("enter", "select", "Open article", id="main.open"),
        # What the footer shows while the list has the focus (the screen does the work).
        Binding("u", "screen.toggle_read", "Read", id="main.toggle_read"),
        Binding("full_stop", "screen.next_unread", "Next unread", key_display=".", id="main.next_unread"),
        *moving_keys(MAIN_IDS, arrows=True),
        Binding("pagedown", "page_down", "Page Down", show=False, id="main.list_page_down"),
        Binding("pageup", "page_up", "Page Up", show=False, id="main.list_page_up"),
    ]

    @dataclass
    class Opened(Message):
        """The user asked to open an article."""

        article_id: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: RowSource = NoRows()
        self._count = 0
        self._is_read: Callable[[str], bool] = lambda _id: False
        self._empty = ""  # said in place of the rows when there are none
        # The lines drawn, by what they show (whatever row of whatever rows shows it): a row is made once for
        # the whole list, the matches of one key and of the next (a prefix typed on often lists the same articles).
        self._drawn: dict[tuple, Strip] = {}
        self._painted: dict[int, Strip] = {}  # the line last drawn at each line of the list on screen

    def on_resize(self) -> None:
        self.fit_title()

    # contents --------------------------------------------------------------------------------------
    def show_articles(self, rows: RowSource, is_read: Callable[[str], bool], *, keep: str | None = None,
                      empty: str = "") -> None:
        """Show `rows`, from the top; or with the cursor on the article `keep` when it is among them. `empty`: what
        the list says when there are no rows."""
        self._rows = rows
        self._empty = empty
        self._count = len(rows)
        self._is_read = is_read
        self.rows_changed()
        index = rows.index_of(keep) if keep is not None else None
        if index is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = index if index is not None else (0 if self._count else None)
        self._refresh_changed()

    def _refresh_changed(self) -> None:
        """Draw again the lines on screen that differ from those drawn: the rows a search keeps in place cost
        nothing (Textual would otherwise draw every line of the list again, with its borders)."""
        painted = self._painted.get
        changed = [y for y in range(self.scrollable_content_region.height) if self._line(y) is not painted(y)]
        scrolled = round(self.scroll_y)
        for first, last in line_runs(changed):
            self.refresh_lines(scrolled + first, last - first + 1)

    def rows_counted(self) -> None:
        """The rows shown were counted since (a search shows its first page first): the list reaches all of them;
        the cursor and the scroll position stay."""
        self._count = len(self._rows)
        self.rows_changed()

    @property
    def rows(self) -> RowSource:
        return self._rows

    @property
    def row_count(self) -> int:
        return self._count

    def article_at(self, index: int) -> ArticleMeta | None:
        return self._rows.row(index) if 0 <= index < self._count else None

    def index_of(self, article_id: str | None) -> int | None:
        return self._rows.index_of(article_id) if article_id else None

    def refresh_row(self, article: Article | ArticleMeta) -> None:
        """Redraw one row (its read mark changed); a row filtered out by a search is ignored."""
        index = self.index_of(article.id)
        if index is not None:
            self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def row_text(self, index: int) -> str:
        """The row's text as the user sees it (without truncation)."""
        article = self.article_at(index)
        return str(row_prompt(article, self._is_read(article.id))) if article is not None else ""

    def highlight_article(self, article_id: str) -> None:
        index = self.index_of(article_id)
        if index is not None:
            self.highlighted = index

    @property
    def highlighted_id(self) -> str | None:
        article = self.article_at(self.highlighted) if self.highlighted is not None else None
        return article.id if article is not None else None

    # cursor ----------------------------------------------------------------------------------------
    def action_select(self) -> None:
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(self.Opened(article_id))

    # rendering -------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        strip = self._painted[y] = self._line(y)
        return strip

    def _line(self, y: int) -> Strip:
        """The line `y` of the list on screen (kept drawn: the same line is the same `Strip`)."""
        width = self.scrollable_content_region.width
        index, line = divmod(round(self.scroll_y) + y, ROW_HEIGHT)
        cursor = index == self.highlighted
        style = self.get_visual_style("article-list--cursor") if cursor else self.get_visual_style()
        article = self.article_at(index)
        if article is None and not self._count and self._empty:
            lines = textwrap.wrap(self._empty, max(8, width - 2))
            note = Content.styled(f" {lines[y]}" if y < len(lines) else "", "italic $text-muted")
            return Strip(note.render_segments(style), note.cell_length).extend_cell_length(width, style.rich_style)
        if article is None or not self.shows_line(y):
            return Strip.blank(width, self.get_visual_style().rich_style)
        read = self._is_read(article.id)
        drawn = (article.title, article.date, article.source, read, cursor, width, style, self.app.theme)
        strip = self._drawn.get((line, drawn))
        if strip is None:
            if len(self._drawn) >= DRAWN_LINES:
                self._drawn.clear()
            for number, text in enumerate(row_lines(article, read, cursor)):  # made together: both are kept
                text = text.truncate(width, ellipsis=True)
                self._drawn[number, drawn] = Strip(text.render_segments(style), text.cell_length
                                                   ).extend_cell_length(width, style.rich_style)
            strip = self._drawn[line, drawn]
        return strip
