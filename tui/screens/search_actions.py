"""The main screen's search: run off the UI thread, the newest text only (an older search is interrupted and its
results dropped), shown in the list, as marks in the reader and, narrowing it, in the quote sidebar; n and N step
through the matches. Mixed into `MainScreen`, whose corpus, list, reader and search field it uses."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from textual.content import Content
from textual.worker import get_current_worker

from store.library import Marks

from ..corpus import CorpusRows
from ..format import plural
from ..workers import background

if TYPE_CHECKING:
    from store.listing import ArticleView
    from store.model import Article, Quotation
    from store.search import Query

T = TypeVar("T")
# A search's statement asks whether its text is still the one typed this often (in SQLite's steps, about a
# millisecond): each time it needs the interpreter, which the screen may be holding.
SEARCH_CHECK_STEPS = 100_000


@dataclass(frozen=True)
class Matching:
    """Which of an article's listed quotations match a search."""

    article_id: str
    listed: list[Quotation]  # the quotations as listed when they were matched
    query_text: str
    indexes: set[int]

    def made_for(self, article_id: str, listed: list[Quotation], query: Query) -> bool:
        return (self.article_id, self.query_text) == (article_id, query.text) and self.listed is listed


def matching_quotations(article_id: str, listed: list[Quotation], query: Query) -> Matching:
    from store.search import quotation_matches

    return Matching(article_id, listed, query.text,
                    {i for i, q in enumerate(listed) if quotation_matches(q.text, q.speaker, query)})


class SearchActions:
    def action_search(self) -> None:
        if not self.list_shown or self.maximized is not None or not self.query_one("#left").display:
            self.list_shown = True  # the results are in the list, and the field above it
            if self.size.width < self.THREE_PANES and self.query("#quotes") and self.sidebar.display:
                self.quotes_shown = False  # the list takes the sidebar's place: the field was typed in unseen
            self.minimize()
            self.apply_layout()
        self.search_bar.open()  # the focus moves now: the keys typed next go into the field

    def action_clear_search(self) -> None:
        """esc, from any pane: the whole list again."""
        if self.query_text and self._panes_mounted.is_set():
            self.search_bar.action_clear()

    def start_search(self, *, keep_position: bool = False, keep: str | None = None) -> None:
        """Search for `query_text` in a worker; a search still running stops (see `_on_search_connection`), its
        results would be dropped anyway. An empty text shows every article again, at once. The cursor goes to the
        top, or stays on its article (`keep_position`), or goes to the article `keep`."""
        self._search_generation += 1
        if keep is None and keep_position:
            keep = self.article_list.highlighted_id
        if self.corpus.library is None:
            return
        if not self.query_text:
            self.search_query, self._matching = None, None
            self.show_list(self.corpus.library.view(sort=self.sort), keep=keep)
            self.search_bar.show_hint(Content(""))
            self._show_search_marks([])
            return
        marks = Marks()
        from store.search import fold

        if "is:" in fold(self.query_text):  # the state is read here, on its own thread
            marks = Marks(self.state.read_article_ids(), self.state.highlighted_article_ids())
        article = self.open_article
        listed = self.quotations(article) if article is not None else None
        self.search(self._search_generation, self.query_text, marks, article, listed, keep)

    @background("Searching", group="search", exclusive=True)
    def search(self, generation: int, text: str, marks: Marks, article: Article | None,
               listed: list[Quotation] | None, keep: str | None) -> None:
        """Parse and run the query, and find its matches in the open article and its `listed` quotations."""
        from store.search import parse_query

        query = parse_query(text)
        with self._search_lock:
            view = self._run_search(generation, query, marks)
        if view is None:
            return
        hits, matching = self._matches_in(article, listed, query, generation)
        if generation != self._search_generation or get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._searched, generation, query, view, article, hits, matching, keep)
        if view.count is None:  # the first page is shown: now the count, unless the text changes meanwhile
            with self._search_lock:
                counted = self._on_search_connection(generation, view.counted)
            if counted is not None and generation == self._search_generation:
                self.app.call_from_thread(self._counted, generation, view)

    def _run_search(self, generation: int, query: Query, marks: Marks) -> ArticleView | None:
        """The first page of the articles of the query (counted later, see `search`); None when a newer text came
        first."""
        from store.listing import ArticleView
        from store.search.plan import compile_query

        plan = compile_query(query)
        return self._on_search_connection(
            generation, lambda connection: ArticleView.of(connection, plan, marks, sort=self.sort, count=False))

    def _on_search_connection(self, generation: int, run: Callable[[sqlite3.Connection], T]) -> T | None:
        """`run(connection)` on the searches' connection (the caller holds `_search_lock`); None when a newer
        text came first, before or while it ran: its statement then stops at once."""
        if generation != self._search_generation:
            return None
        if self._search_connection is None:
            self._search_connection = self.corpus.connect()
        connection = self._search_connection
        # Asked every SEARCH_CHECK_STEPS steps of the statement: a newer text stops it, even one typed before it
        # began (where `interrupt()` would find nothing to stop).
        connection.set_progress_handler(lambda: generation != self._search_generation, SEARCH_CHECK_STEPS)
        try:
            return run(connection)
        except sqlite3.OperationalError as exc:
            if generation == self._search_generation:  # not stopped for a newer text: failed
                self.app.call_from_thread(self.notify, f"The search failed: {exc}", severity="error", markup=False)
            return None
        finally:
            connection.set_progress_handler(None, 0)

    def _matches_in(self, article: Article | None, listed: list[Quotation] | None, query: Query,
                    generation: int) -> tuple[list[tuple[int, int]], Matching | None]:
        """The query's matches in the open article, and which of its listed quotations match."""
        from store.search import find_hits

        if article is None or generation != self._search_generation:
            return [], None
        hits = find_hits(article.text, query)
        if listed is None:
            return hits, None
        return hits, matching_quotations(article.id, listed, query)

    def _searched(self, generation: int, query: Query, view: ArticleView, article: Article | None,
                  hits: list[tuple[int, int]], matching: Matching | None, keep: str | None) -> None:
        if generation != self._search_generation:
            return  # the text changed meanwhile: a newer search is under way
        self.search_query, self.search_count = query, view.count
        self._matching = matching
        self.show_list(view, keep=keep)
        self._show_hint(query)
        if article is not None and self.open_article is not None and self.open_article.id == article.id:
            self._show_search_marks(hits)
        else:
            self._show_search_marks(self._hits(self.open_article) if self.open_article else [])
        step, self._step_after_search = self._step_after_search, 0
        if step and self._searched_text() == self.query_text:
            self._step_match(step)

    def _counted(self, generation: int, view: ArticleView) -> None:
        """The articles of the search shown were counted: the list reaches all of them, and says how many."""
        rows = self.article_list.rows
        if generation != self._search_generation or not isinstance(rows, CorpusRows) or rows.view is not view:
            return
        self.search_count = view.count
        self.article_list.rows_counted()
        self._update_counts()
        if self.search_query is not None:
            self._show_hint(self.search_query)

    def _show_search_marks(self, hits: list[tuple[int, int]]) -> None:
        if self.open_article is not None:
            self.reader.update_marks(hits=hits, current_hit=None)
            self.refresh_sidebar()

    def _hits(self, article: Article) -> list[tuple[int, int]]:
        """The search's matches in `article`."""
        if not self.query_text or self.search_query is None:
            return []
        from store.search import find_hits

        return find_hits(article.text, self.search_query)

    def _query_selects_quotes(self) -> bool:
        q = self.search_query
        return q is not None and bool(q.words or q.phrases or q.speakers)

    def _matching_quotations(self, article: Article, quotations: list[Quotation]) -> set[int]:
        """Indexes of the listed quotations matching the search (found by the search worker when it could;
        again once the listing changed, by a correction)."""
        matching = self._matching
        if matching is None or not matching.made_for(article.id, quotations, self.search_query):
            matching = self._matching = matching_quotations(article.id, quotations, self.search_query)
        return matching.indexes

    def _show_hint(self, query: Query) -> None:
        """Below the search field: what is wrong with the query, or how many articles it found."""
        if query.problems:
            self.search_bar.show_hint(Content.styled(" · ".join(query.problems), "$text-warning"))
            return
        count = self.search_count
        if count is None:
            self.search_bar.show_count("counting…")
            return
        found = plural(count, "article", grouped=True)
        if self.corpus.indexing:
            found += " so far (indexing)"
        self.search_bar.show_count(found)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _searched_text(self) -> str:
        return self.search_bar.value.strip() if self._panes_mounted.is_set() else ""

    def _step_match(self, step: int) -> None:
        if self._searched_text() and (self._searched_text() != self.query_text or self.search_query is None
                                      or self.search_query.text != self.query_text):
            self._step_after_search = step  # typed ahead of its search (/, words, enter, n): once it is shown
            return
        hits = self.reader.marks.hits
        if not hits:
            self.notify(self._no_match_message(), timeout=3)
            return
        current = self.reader.marks.current_hit
        index = (0 if step > 0 else len(hits) - 1) if current is None else (current + step) % len(hits)
        self.reader.show_hit(index)

    def _no_match_message(self) -> str:
        query = self.search_query
        if not self.query_text:
            return "Search first with /."
        if query is not None and not (query.words or query.phrases):
            return ("This search has no words to mark in the text: speaker:, source:, dates and is: "
                    "only choose the articles.")
        return "No search matches in this article."

    def action_toggle_quote_filter(self) -> None:
        self.narrow_quotes = not self.narrow_quotes
        self.refresh_sidebar()
