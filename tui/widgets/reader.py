"""The reader: headline, date and source, then the paragraphs with quotations styled."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

from store import Article, Quotation

QUOTATION_STYLE = "$text-accent"
SELECTED_QUOTATION_STYLE = "bold $text on $accent-muted"


def header_content(article: Article) -> Content:
    meta = " · ".join(part for part in (article.date, article.source) if part) or "undated"
    text = f"{article.title}\n{meta}"
    return Content(text, spans=[Span(0, len(article.title), "bold"), Span(len(article.title) + 1, len(text), "$text-muted")])


def body_content(article: Article, quotations: list[Quotation], selected: int | None) -> Content:
    """The article text as data (never markup), with a span per quotation."""
    spans = [Span(q.start, q.end, QUOTATION_STYLE) for q in quotations]
    if selected is not None and 0 <= selected < len(quotations):
        q = quotations[selected]
        spans.append(Span(q.start, q.end, SELECTED_QUOTATION_STYLE))
    return Content(article.text, spans=spans)


class Reader(VerticalScroll):
    """Shows one article. The screen tells it what to show; it knows nothing of the store."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.quotations: list[Quotation] = []
        self.selected: int | None = None

    def compose(self):
        yield Static(Content("Choose an article and press enter."), id="reader-header")
        yield Static(Content(""), id="reader-body")

    @property
    def _header(self) -> Static:
        return self.query_one("#reader-header", Static)

    @property
    def _body(self) -> Static:
        return self.query_one("#reader-body", Static)

    def show_article(self, article: Article, quotations: list[Quotation], position: int = 0) -> None:
        self.article, self.quotations, self.selected = article, quotations, None
        self._header.update(header_content(article))
        self.border_subtitle = Content(str(article.path))
        self._body.update(body_content(article, quotations, None))
        self.scroll_home(animate=False, immediate=True)
        if position:
            # The new text must be laid out before the position exists.
            self.call_after_refresh(self.scroll_to, y=position, animate=False)

    def select_quotation(self, index: int | None, *, to_top: bool = False) -> None:
        """Emphasise quotation `index` and bring it into view (to the top when `to_top`)."""
        if self.article is None:
            return
        self.selected = index
        self._body.update(body_content(self.article, self.quotations, index))
        if index is not None and 0 <= index < len(self.quotations):
            self.call_after_refresh(self._scroll_to_offset, self.quotations[index].start, to_top)

    def _scroll_to_offset(self, offset: int, to_top: bool) -> None:
        y = self._body.virtual_region.y + self.line_of_offset(offset)
        visible = self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height - 1
        if to_top or not visible:
            self.scroll_to(y=max(0, y - 2), animate=False)

    def line_of_offset(self, offset: int) -> int:
        """The wrapped line of the body on which character `offset` is shown."""
        assert self.article is not None
        width = max(1, self._body.content_region.width)
        text = self.article.text
        line = 0
        for start, end in self.article.paragraph_spans:
            wrapped = Content(text[start:end]).wrap(width) if end > start else [Content("")]
            if offset < end or (start, end) == self.article.paragraph_spans[-1]:
                position = start
                for i, piece in enumerate(wrapped):
                    found = text.find(piece.plain.strip(), position, end)
                    if found == -1:
                        break
                    next_position = found + len(piece.plain.strip())
                    if offset < next_position:
                        return line + i
                    position = next_position
                return line + len(wrapped) - 1
            line += len(wrapped) + 1  # the blank line between paragraphs
        return line

    @property
    def position(self) -> int:
        return round(self.scroll_y)
