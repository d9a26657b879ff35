"""The article list: one entry per article (headline, then date and source), newest first."""
from __future__ import annotations

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store import Article

from ..messages import ArticleChosen

UNREAD_MARK = "●"


def row_prompt(article: Article, read: bool) -> Content:
    """Two lines: `● Headline…` then the date and source, muted."""
    marker = " " if read else UNREAD_MARK
    first = f"{marker} {article.title}"
    meta = " · ".join(part for part in (article.date or "undated", article.source) if part)
    text = f"{first}\n\u00a0\u00a0{meta}"  # no-break spaces: wrapping would strip an ordinary indent
    spans = [Span(0, 1, "bold $accent"), Span(len(first) + 1, len(text), "$text-muted")]
    if not read:
        spans.append(Span(2, len(first), "bold"))
    return Content(text, spans=spans)


class ArticleList(OptionList):
    """Shows articles; enter posts `ArticleChosen`. The screen owns which article is open."""

    BINDINGS = [
        Binding("enter", "select", "Open article", show=False, id="open"),
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g", "first", "Top", show=False, id="top"),
        Binding("G", "last", "Bottom", show=False, id="bottom"),
    ]

    def show_articles(self, articles: list[Article], is_read) -> None:
        self.set_options(Option(row_prompt(a, is_read(a.id)), id=a.id) for a in articles)

    def refresh_row(self, article: Article, read: bool) -> None:
        if self.index_of(article.id) is not None:  # it may be filtered out by a search
            self.replace_option_prompt(article.id, row_prompt(article, read))

    def index_of(self, article_id: str | None) -> int | None:
        try:
            return self.get_option_index(article_id) if article_id else None
        except OptionDoesNotExist:
            return None

    def highlight_article(self, article_id: str) -> None:
        index = self.index_of(article_id)
        if index is not None:
            self.highlighted = index

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(ArticleChosen(event.option.id))
