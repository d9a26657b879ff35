"""The article list: two lines per article (headline, then date and source), newest first.

A line-API widget: only the visible rows are rendered, so a list of 100,000 articles appears, filters and
scrolls in constant time (an `OptionList` measures every option each time its options change)."""
from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import Article

from ..messages import ArticleChosen

UNREAD_MARK = "●"
ROW_HEIGHT = 2


def row_prompt(article: Article, read: bool, cursor: bool = False) -> Content:
    """Two lines: `● Headline…` then the date and source, muted. On the cursor row the mark takes the row's
    colour: no one colour reads on both the pane and every theme's cursor."""
    marker = " " if read else UNREAD_MARK
    first = f"{marker} {article.title}"
    meta = " · ".join(part for part in (article.date or "undated", article.source) if part)
    text = f"{first}\n  {meta}"
    spans = [Span(0, 1, "bold" if cursor else "bold $unread-mark"), Span(len(first) + 1, len(text), "$text-muted")]
    if not read:
        spans.append(Span(2, len(first), "bold"))
    return Content(text, spans=spans)


class ArticleList(ScrollView, can_focus=True):
    """Shows articles; enter (or a click) posts `ArticleChosen`. The screen owns which article is open."""

    COMPONENT_CLASSES = {"article-list--cursor"}
    DEFAULT_CSS = """
    ArticleList > .article-list--cursor {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ArticleList:focus > .article-list--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """
    BINDINGS = [
        Binding("enter", "select", "Open article", show=False, id="open"),
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "first", "Top", show=False, id="top"),
        Binding("G,end", "last", "Bottom", show=False, id="bottom"),
        Binding("pagedown", "page_down", "Page Down", show=False, id="list_page_down"),
        Binding("pageup", "page_up", "Page Up", show=False, id="list_page_up"),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._articles: list[Article] = []
        self._positions: dict[str, int] = {}
        self._is_read: Callable[[str], bool] = lambda _id: False

    # contents --------------------------------------------------------------------------------------
    def show_articles(self, articles: list[Article], is_read: Callable[[str], bool]) -> None:
        self._articles = articles
        self._positions = {article.id: index for index, article in enumerate(articles)}
        self._is_read = is_read
        self.virtual_size = Size(self.scrollable_content_region.width, len(articles) * ROW_HEIGHT)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = 0 if articles else None
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._articles)

    def article_at(self, index: int) -> Article:
        return self._articles[index]

    def index_of(self, article_id: str | None) -> int | None:
        return self._positions.get(article_id) if article_id else None

    def refresh_row(self, article: Article) -> None:
        """Redraw one row (its read mark changed); a row filtered out by a search is ignored."""
        index = self.index_of(article.id)
        if index is not None:
            self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def row_text(self, index: int) -> str:
        """The row's text as the user sees it (without truncation)."""
        article = self._articles[index]
        return str(row_prompt(article, self._is_read(article.id)))

    def highlight_article(self, article_id: str) -> None:
        index = self.index_of(article_id)
        if index is not None:
            self.highlighted = index

    @property
    def highlighted_id(self) -> str | None:
        index = self.highlighted
        return self._articles[index].id if index is not None and index < len(self._articles) else None

    # cursor ----------------------------------------------------------------------------------------
    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._articles:
            return None
        return max(0, min(len(self._articles) - 1, index))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        if new is not None:
            self.scroll_to_region(Region(0, new * ROW_HEIGHT, 1, ROW_HEIGHT), animate=False, immediate=True)

    def _move(self, delta: int) -> None:
        if self._articles:
            self.highlighted = (self.highlighted or 0) + delta if self.highlighted is not None else 0

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._articles) - 1

    def action_page_down(self) -> None:
        self._move(max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1))

    def action_page_up(self) -> None:
        self._move(-max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1))

    def action_select(self) -> None:
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(ArticleChosen(article_id))

    def on_click(self, event: events.Click) -> None:
        index = (round(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= index < len(self._articles):
            self.highlighted = index
            self.action_select()

    # rendering -------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, line = divmod(round(self.scroll_y) + y, ROW_HEIGHT)
        cursor = index == self.highlighted
        style = self.get_visual_style("article-list--cursor") if cursor else self.get_visual_style()
        if index >= len(self._articles):
            return Strip.blank(width, style.rich_style)
        article = self._articles[index]
        text = row_prompt(article, self._is_read(article.id), cursor).split("\n")[line]
        text = text.truncate(width, ellipsis=True)
        return Strip(text.render_segments(style), text.cell_length).extend_cell_length(width, style.rich_style)
