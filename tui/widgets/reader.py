"""The reader: headline, date and source, then the paragraphs with quotations, highlights and matches."""
from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from textual import events
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from store import Article, Highlight, Quotation
from store.text import printable

from . import styles
from .article_text import ArticleText, StyledSpans, styled_spans
from .list_keys import MAIN_IDS, SCROLL_ACTIONS, moving_keys


LAYOUT_TRIES = 3


@dataclass
class ReaderMarks:
    """Everything drawn over the article text; offsets index `Article.text`."""

    quotations: list[Quotation] = field(default_factory=list)
    selected: int | None = None  # index into quotations
    highlights: list[Highlight] = field(default_factory=list)
    hits: list[tuple[int, int]] = field(default_factory=list)
    current_hit: int | None = None  # index into hits
    # The evidence of the selected quotation's speaker, marked on `w`: its cue and the words naming the speaker.
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None


def header_content(article: Article) -> Content:
    meta = " · ".join(part for part in (article.date, article.source) if part) or "undated"
    text = f"{article.title}\n{meta}"
    spans = [Span(0, len(article.title), "bold"), Span(len(article.title) + 1, len(text), "$text-muted")]
    if article.url:
        start = len(text) + 1
        text += f"\n{article.url}"
        spans.append(Span(start, len(text), "underline $text-primary"))
    if article.notice:
        start = len(text) + 1
        text += f"\n{article.notice}"
        spans.append(Span(start, len(text), "italic $text-warning"))
    return Content(text, spans=spans)


def body_content(article: Article, marks: ReaderMarks) -> Content:
    """The article text as data (never markup). Later spans win: highlights over quotations, matches over
    highlights, the selected quotation and current match over them, and a speaker's evidence over everything."""
    spans = [Span(q.start, q.end, styles.QUOTATION) for q in marks.quotations]
    spans += [Span(h.start, h.end, styles.highlight_background(h.color)) for h in marks.highlights]
    spans += [Span(start, end, styles.SEARCH_HIT) for start, end in marks.hits]
    if marks.selected is not None and 0 <= marks.selected < len(marks.quotations):
        q = marks.quotations[marks.selected]
        spans.append(Span(q.start, q.end, styles.SELECTED_QUOTATION))
    if marks.current_hit is not None and 0 <= marks.current_hit < len(marks.hits):
        spans.append(Span(*marks.hits[marks.current_hit], styles.CURRENT_SEARCH_HIT))
    spans += [Span(*marked, style) for marked, style in ((marks.cue, styles.CUE), (marks.mention, styles.MENTION))
              if marked is not None]
    # The text went through store.text.clean when it was read: no control code is left to strip (a megabyte
    # would take a tenth of a second).
    return Content(article.text, spans=[s for s in spans if s.end > s.start], strip_control_codes=False)


@dataclass(frozen=True)
class PreparedBody:
    """The text of `article` with `marks` drawn over it, made in a worker: what `Reader.show_prepared` shows."""

    article: Article
    marks: ReaderMarks
    content: Content
    spans: StyledSpans


def prepare_body(article: Article, marks: ReaderMarks) -> PreparedBody:
    content = body_content(article, marks)
    return PreparedBody(article, marks, content, styled_spans(content))


class ArticleHeader(Static):
    """Headline, date and source, and the article's URL: a click on it posts `UrlClicked`."""

    @dataclass
    class UrlClicked(Message):
        """The article's URL was clicked; the app opens it in the browser."""

        url: str

    def on_click(self, event: events.Click) -> None:
        reader = self.parent
        article = reader.article if isinstance(reader, Reader) else None
        offset = event.get_content_offset(self)
        if article is None or not article.url or offset is None:
            return
        content = self.render()
        if isinstance(content, Content) and line_at_row(content, self.content_region.width, offset.y) == article.url:
            self.post_message(self.UrlClicked(article.url))


def line_at_row(content: Content, width: int, row: int) -> str | None:
    """The line of `content` shown on `row` once each line is wrapped to `width` (a long headline takes several
    rows); None below the last."""
    for line in content.split("\n", allow_blank=True):
        row -= max(1, len(line.wrap(width)))
        if row < 0:
            return line.plain
    return None


class Reader(VerticalScroll):
    """Shows one article. The screen tells it what to show; it knows nothing of the store."""

    ALLOW_MAXIMIZE = True  # `z` zooms it (scrolling containers are not, by default)

    # What the footer shows while the reader has the focus (the screen does the work).
    BINDINGS = [
        Binding("space", "screen.page_down", "Page", id="main.page_down"),
        Binding("slash", "screen.search", "Find", key_display="/", id="main.search"),
        Binding("h", "screen.highlight", "Highlight", id="main.highlight"),
        Binding("w", "screen.why", "Why", id="main.why"),
        *moving_keys(MAIN_IDS, SCROLL_ACTIONS, arrows=True),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.marks = ReaderMarks()

    def compose(self):
        yield ArticleHeader(Content("Choose an article and press enter."), id="reader-header")
        yield ArticleText(id="reader-body")

    @property
    def body(self) -> ArticleText:
        return self.query_one("#reader-body", ArticleText)

    def show_article(self, article: Article, marks: ReaderMarks, position: int = 0) -> None:
        self.article, self.marks = article, marks
        self._title_match()
        self.query_one("#reader-header", Static).update(header_content(article))
        # A feed entry or a saved page is better known by its URL than by the file it came in.
        where = article.url if article.format in ("feed", "web") and article.url else article.path.name
        self.border_subtitle = Content(printable(where))
        self.body.update(body_content(article, marks))
        self._show_scrollbar_if_taller()
        self.scroll_home(animate=False, immediate=True)
        if position:
            # The new text must be laid out before the position exists.
            self.call_after_refresh(self._scroll_to_row, position)

    def _show_scrollbar_if_taller(self) -> None:
        """Show the scrollbar before the first layout of a text with more lines than the reader has rows (it is
        surely taller): Textual would otherwise find it needed after that layout, and lay the screen out and
        paint it a second time (a long article's open would take a third longer)."""
        if not self.show_vertical_scrollbar and len(self.body.line_starts) > self.scrollable_content_region.height:
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True

    def update_marks(self, **changes) -> None:
        """Change some marks (highlights, hits, selected, ...) and redraw the text."""
        for name, value in changes.items():
            setattr(self.marks, name, value)
        self._title_match()
        if self.article is not None:
            self.body.update(body_content(self.article, self.marks))

    def show_prepared(self, prepared: PreparedBody) -> bool:
        """Show the text and marks prepared in a worker; False (nothing done) when the article or a mark other than
        the quotations changed since they were taken (a highlight made meanwhile): they would be out of date."""
        current = replace(self.marks, quotations=prepared.marks.quotations)
        if self.article is not prepared.article or current != prepared.marks:
            return False
        self.marks = replace(prepared.marks)  # its own: `update_marks` changes the reader's in place
        self._title_match()
        self.body.update(prepared.content, prepared.spans)
        return True

    def select_quotation(self, index: int | None, *, to_top: bool = False, follow: bool = True) -> None:
        """Emphasise quotation `index` and, when `follow`, bring it into view (to the top when `to_top`). The
        evidence marked for another quotation goes."""
        if index != self.marks.selected:
            self.marks.cue = self.marks.mention = None
        self.update_marks(selected=index)
        if follow and index is not None and 0 <= index < len(self.marks.quotations):
            self.scroll_to_offset(self.marks.quotations[index].start, to_top=to_top)

    def show_evidence(self, cue: tuple[int, int] | None, mention: tuple[int, int] | None) -> None:
        """Mark the evidence of the selected quotation's speaker, and bring it into view."""
        self.update_marks(cue=cue, mention=mention)
        marked = [span[0] for span in (cue, mention) if span is not None]
        if marked:
            self.scroll_to_offset(min(marked))

    def _title_match(self) -> None:
        """`match 2 of 7` in the border while n / N step through the search's matches."""
        current, hits = self.marks.current_hit, self.marks.hits
        where = f" · match {current + 1} of {len(hits)}" if current is not None and current < len(hits) else ""
        self.border_title = "Reader" + where

    def show_hit(self, index: int) -> None:
        self.update_marks(current_hit=index)
        self.scroll_to_offset(self.marks.hits[index][0], to_top=False)

    def scroll_to_offset(self, offset: int, *, to_top: bool = False) -> None:
        self.call_after_refresh(self._scroll_to_offset, offset, to_top)

    # A long article's text is wrapped a part at a time: a jump wraps as far as it goes, and waits for the new
    # height to be laid out (a few frames at most: then it goes as far as it can).
    def action_scroll_end(self, tries: int = LAYOUT_TRIES) -> None:
        if tries and self.body.wrap_to_row(sys.maxsize):
            self.call_after_refresh(self.action_scroll_end, tries - 1)
        else:
            super().action_scroll_end()

    def _scroll_to_row(self, y: int, tries: int = LAYOUT_TRIES) -> None:
        if tries and self.body.wrap_to_row(y - self.body.virtual_region.y + self.scrollable_content_region.height):
            self.call_after_refresh(self._scroll_to_row, y, tries - 1)
        else:
            self.scroll_to(y=y, animate=False)

    def _scroll_to_offset(self, offset: int, to_top: bool, tries: int = LAYOUT_TRIES) -> None:
        line = self.line_of_offset(offset)
        if tries and self.body.wrap_to_row(line + self.scrollable_content_region.height):
            self.call_after_refresh(self._scroll_to_offset, offset, to_top, tries - 1)
            return
        y = self.body.virtual_region.y + line
        visible = self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height - 1
        if to_top or not visible:
            self.scroll_to(y=max(0, y - 2), animate=False)

    def quotation_in_view(self) -> int | None:
        """The first quotation that starts at or below the top of the view (the one being read, or the next one),
        else the last one above it."""
        quotations = self.marks.quotations
        top = round(self.scroll_y) - self.body.virtual_region.y
        for index, quotation in enumerate(quotations):
            if self.line_of_offset(quotation.start) >= top:
                return index
        return len(quotations) - 1 if quotations else None

    def line_of_offset(self, offset: int) -> int:
        """The screen line of the body on which character `offset` is shown."""
        line_starts = self.body.line_starts
        line = bisect_right(line_starts, offset) - 1
        return self.body.screen_line_of(line, offset - line_starts[line])

    def selected_range(self) -> tuple[int, int] | None:
        """(start, end) in the article text of the mouse selection in the body, if any."""
        selection = self.body.text_selection
        if self.article is None or selection is None:
            return None
        text = self.article.text
        line_starts = self.body.line_starts

        def to_offset(point, default: int) -> int:
            if point is None:
                return default
            y = min(point.y, len(line_starts) - 1)
            line_end = line_starts[y + 1] - 1 if y + 1 < len(line_starts) else len(text)
            return min(line_starts[y] + point.x, line_end)

        start, end = to_offset(selection.start, 0), to_offset(selection.end, len(text))
        # Trim the whitespace a drag tends to catch at either end.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def selection_point(self, widget: Widget, x: int, y: int) -> tuple[int, int] | None:
        """Where to look for the text under screen cell (x, y) during a drag, when the cell is the reader's own (its
        padding, its scrollbar) rather than the text's: the body's nearest cell on that row. Without it the drag
        would end "past every line", and select to the end of the article."""
        if widget is not self and widget.parent is not self:
            return None
        region = self.body.region.intersection(self.scrollable_content_region)
        if not region:
            return None
        return min(max(x, region.x), region.right - 1), min(max(y, region.y), region.bottom - 1)

    @property
    def position(self) -> int:
        return round(self.scroll_y)
