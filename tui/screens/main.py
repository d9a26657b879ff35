"""The main screen: article list, reader and quote sidebar, wired together."""
from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from store import Article, Quotation, State, extract_quotations, load_corpus

from ..messages import ArticleChosen, CorpusLoaded, QuotationChosen, QuotationHighlighted
from ..widgets.article_list import ArticleList
from ..widgets.quote_sidebar import QuoteSidebar
from ..widgets.reader import Reader


class MainScreen(Screen):
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_previous"),
        Binding("space", "page_down", "Page down", show=False, id="page_down"),
        Binding("b", "page_up", "Page up", show=False, id="page_up"),
        Binding("right_square_bracket", "next_article", "Next article", key_display="]", id="next_article"),
        Binding("left_square_bracket", "previous_article", "Previous article", key_display="[", id="previous_article"),
        Binding("u", "toggle_read", "Read/unread", id="toggle_read"),
    ]

    def __init__(self, paths: list[Path], state: State) -> None:
        super().__init__()
        self.paths = paths
        self.state = state
        self.articles: list[Article] = []
        self.by_id: dict[str, Article] = {}
        self.open_article: Article | None = None
        self._quotations: dict[str, list[Quotation]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            yield Reader(id="reader")
            yield QuoteSidebar(id="quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles · loading…"
        self.query_one(QuoteSidebar).border_title = "Quotes"
        self.reader.border_title = "Reader"
        self.article_list.focus()
        self.load()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def sidebar(self) -> QuoteSidebar:
        return self.query_one(QuoteSidebar)

    # loading ---------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        report = load_corpus(self.paths, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(CorpusLoaded(report))

    def on_corpus_loaded(self, message: CorpusLoaded) -> None:
        report = message.report
        self.articles = report.articles
        self.by_id = {a.id: a for a in self.articles}
        self.article_list.show_articles(self.articles, self.state.is_read)
        self._update_counts()
        if report.skipped:
            self.article_list.border_subtitle = f"{len(report.skipped)} skipped"
            listing = "\n".join(f"{s.path.name}: {s.reason}" for s in report.skipped[:5])
            more = f"\n… and {len(report.skipped) - 5} more" if len(report.skipped) > 5 else ""
            self.notify(
                f"{listing}{more}",
                title=f"Skipped {len(report.skipped)} unreadable file(s)",
                severity="warning",
                markup=False,
                timeout=8,
            )
        if not self.articles:
            self.notify("No articles found in the given paths.", severity="warning", markup=False)
            return
        last = self.state.last_article
        if last in self.by_id:
            self.article_list.highlight_article(last)
            self.show(self.by_id[last])
        else:
            self.article_list.highlighted = 0

    def _update_counts(self) -> None:
        unread = sum(1 for a in self.articles if not self.state.is_read(a.id))
        self.article_list.border_title = f"Articles · {unread} unread of {len(self.articles)}"

    # opening ---------------------------------------------------------------------------------------
    def quotations(self, article: Article) -> list[Quotation]:
        if article.id not in self._quotations:
            self._quotations[article.id] = [q for q in extract_quotations(article.text) if q.kind == "direct"]
        return self._quotations[article.id]

    @on(ArticleChosen)
    def on_article_chosen(self, message: ArticleChosen) -> None:
        article = self.by_id.get(message.article_id)
        if article is not None:
            self.show(article)

    def show(self, article: Article) -> None:
        self.save_position()
        self.open_article = article
        quotations = self.quotations(article)
        self.reader.show_article(article, quotations, self.state.position(article.id))
        self.sidebar.show_quotations(quotations)
        self.state.last_article = article.id
        if not self.state.is_read(article.id):
            self.set_read(article, True)

    def save_position(self) -> None:
        if self.open_article is not None:
            self.state.set_position(self.open_article.id, self.reader.position)

    def set_read(self, article: Article, read: bool) -> None:
        self.state.set_read(article.id, read)
        self.article_list.refresh_row(article, read)
        self._update_counts()

    # quotations ------------------------------------------------------------------------------------
    @on(QuotationHighlighted)
    def on_quotation_highlighted(self, message: QuotationHighlighted) -> None:
        self.reader.select_quotation(message.index)

    @on(QuotationChosen)
    def on_quotation_chosen(self, message: QuotationChosen) -> None:
        self.reader.select_quotation(message.index, to_top=True)

    # actions ---------------------------------------------------------------------------------------
    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        if not self.articles:
            return
        current = self.open_article.id if self.open_article else self.article_list.highlighted_id
        index = self.article_list.get_option_index(current) + step if current else 0
        index = max(0, min(len(self.articles) - 1, index))
        self.article_list.highlighted = index
        self.show(self.articles[index])

    def action_toggle_read(self) -> None:
        if self.article_list.has_focus or self.open_article is None:
            article = self.by_id.get(self.article_list.highlighted_id or "")
        else:
            article = self.open_article
        if article is not None:
            self.set_read(article, not self.state.is_read(article.id))
