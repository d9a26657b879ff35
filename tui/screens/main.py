"""The main screen: search, article list, reader and quote sidebar, wired together."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from store import extract_quotations
from store.model import Article, ArticleMeta, Highlight, Quotation, Skipped
from store.library import CorpusUnavailable, Finished, Library, Marks, Progress, Rebuilt, Stored
from store.text import NotText, printable

from ..messages import (
    ArticleChosen,
    LibraryEvent,
    QuotationChosen,
    QuotationHighlighted,
    SearchAccepted,
    SearchChanged,
    SearchCleared,
    UrlClicked,
)
from ..widgets.article_list import ArticleList
from ..widgets.quote_sidebar import QuoteSidebar
from ..widgets.reader import Reader, ReaderMarks

if TYPE_CHECKING:
    from store import State
    from store.listing import ArticleView
    from store.search import Query

    from ..widgets.progress import WorkProgress
    from ..widgets.search_bar import SearchBar


# Finding the quotations of an article this long (in characters) takes long enough to be done in a worker.
LONG_ARTICLE = 100_000
BACKGROUND_NICENESS = 10


def direct_quotations(quotations: list[Quotation]) -> list[Quotation]:
    return [q for q in quotations if q.kind == "direct"]


class CorpusRows:
    """The list's rows: a view of the corpus database, read with the screen's connection."""

    def __init__(self, view: ArticleView, library: Library) -> None:
        self.view = view
        self.library = library

    def __len__(self) -> int:
        return self.view.count

    def row(self, index: int) -> ArticleMeta | None:
        try:
            return self.view.row(self.library.connection, index)
        except sqlite3.DatabaseError:  # a damaged database: the background check rebuilds it
            return None

    def index_of(self, article_id: str) -> int | None:
        try:
            return self.view.index_of(self.library.connection, self.library.reader.number_of(article_id))
        except sqlite3.DatabaseError:
            return None


class KnownArticles:
    """"Is this article in the corpus?", asked of the database (for re-anchoring highlights)."""

    def __init__(self, library: Library | None) -> None:
        self.library = library

    def __contains__(self, article_id: object) -> bool:
        return (self.library is not None and isinstance(article_id, str)
                and self.library.reader.number_of(article_id) is not None)


def lower_priority() -> None:
    """Give this thread (background work) a lower priority than the UI's: on Linux, each thread has its own."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
    except (AttributeError, OSError):  # not Linux, or not allowed: the work just competes evenly
        pass


class SyncFailed:
    """Bringing the corpus up to date failed: why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


class MainScreen(Screen):
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_previous"),
        Binding("space", "page_down", "Page down", show=False, id="page_down"),
        Binding("b", "page_up", "Page up", show=False, id="page_up"),
        Binding("slash", "search", "Search", key_display="/", id="search"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("f", "toggle_quote_filter", "Matching / all quotes", show=False, id="quote_filter"),
        Binding("right_square_bracket", "next_article", "Next article", key_display="]", show=False, id="next_article"),
        Binding("left_square_bracket", "previous_article", "Previous article", key_display="[", show=False, id="previous_article"),
        Binding("u", "toggle_read", "Read/unread", id="toggle_read"),
        Binding("h", "highlight", "Highlight", id="highlight"),
        Binding("1", "color(1)", "Highlight colour 1", show=False, id="color_1"),
        Binding("2", "color(2)", "Highlight colour 2", show=False, id="color_2"),
        Binding("3", "color(3)", "Highlight colour 3", show=False, id="color_3"),
        Binding("4", "color(4)", "Highlight colour 4", show=False, id="color_4"),
        Binding("a", "note", "Note on highlight", show=False, id="note"),
        Binding("y", "copy", "Copy with citation", show=False, id="copy"),
        Binding("H", "highlights", "Highlights", id="highlights"),
        Binding("s", "speakers", "Speakers", id="speakers"),
        Binding("o", "open_url", "Open URL in browser", show=False, id="open_url"),
        Binding("e", "edit", "Edit file in $EDITOR", show=False, id="edit"),
    ]

    def __init__(self, paths: list[Path], state: State, *, mark_read_on_open: bool = True,
                 cache_dir: Path | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.state = state
        self.mark_read_on_open = mark_read_on_open
        self.cache_dir = cache_dir
        self.library: Library | None = None
        self.total = 0  # articles in the corpus
        self._unread = 0
        self.listed = False  # the list shows the corpus (once its first rows are known)
        self.open_article: Article | None = None
        self._quotations: tuple[str, list[Quotation]] | None = None  # the open article's
        self._finding = False  # its quotations are still being found (a long article)
        self.indexing = False  # the files are being checked and read
        self.query_text = ""
        self.search_query: Query | None = None  # parsed in the search worker; None: no search
        self.search_count = 0  # articles matching it
        self._search_generation = 0  # bumped by every change of the search text: older results are dropped
        self._search_connection: sqlite3.Connection | None = None  # the searches', kept open (its page cache)
        self._search_lock = threading.Lock()  # one search at a time on it
        self._searching: int | None = None  # the generation of the search running on it
        self._matching: tuple[str, str, set[int]] | None = None  # (article id, query text, matching quotations)
        self._reported_skipped = False
        self.narrow_quotes = True
        self.current_highlight: str | None = None  # id of the highlight that 1-4, a and y act on
        self._hidden_widgets_ready = asyncio.Event()  # the search field and the progress line are mounted

    def compose(self) -> ComposeResult:
        # The search field and the progress line are hidden at first: mounted after the first paint.
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
            yield Reader(id="reader")
            yield QuoteSidebar(id="quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles · loading…"
        self.sidebar.border_title = "Quotes"
        self.reader.border_title = "Reader"
        self.article_list.focus()
        self.call_after_refresh(self._mount_hidden_widgets)
        self.open_library()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def sidebar(self) -> QuoteSidebar:
        return self.query_one(QuoteSidebar)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search")

    @property
    def progress(self) -> WorkProgress:
        return self.query_one("#progress")

    async def _mount_hidden_widgets(self) -> None:
        from ..widgets.progress import WorkProgress
        from ..widgets.search_bar import SearchBar

        bar = SearchBar(id="search")
        bar.display = False
        left = self.query_one("#left")
        await left.mount(bar, before=self.article_list)
        await left.mount(WorkProgress(id="progress"))
        self._hidden_widgets_ready.set()

    # the corpus: listed from its database at once, then checked against the files --------------------------
    def open_library(self) -> None:
        """List the corpus as its database has it (a few milliseconds, whatever its size), then check the
        files in the background."""
        try:
            self.library = Library(self.paths, self.cache_dir)
        except CorpusUnavailable as exc:
            self.article_list.border_title = "Articles · unavailable"
            self.notify(str(exc), title="Cannot open the corpus", severity="error", markup=False, timeout=30)
            return
        if self.library.notice:
            self.notify(self.library.notice, title="Corpus cache", severity="warning", markup=False, timeout=10)
        self.indexing = True
        if self.library.reader.article_count():
            self.refresh_list()
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        await self._hidden_widgets_ready.wait()  # the progress line shows the check of the files
        last = self.state.last_article
        meta = self.library.reader.article(last) if last else None
        if meta is not None and self.open_article is None:
            self.article_list.highlight_article(meta.id)
            self.open(meta)
        self.sync()

    @work(thread=True, exclusive=True, group="sync")
    def sync(self) -> None:
        """Check every file's size and time, read what changed, drop what went: off the UI thread (worker
        processes read the files when there are many)."""
        worker = get_current_worker()
        lower_priority()
        try:
            self.library.sync(lambda event: self.post_message(LibraryEvent(event)),
                              cancelled=lambda: worker.is_cancelled)
        except (OSError, sqlite3.Error) as exc:
            self.post_message(LibraryEvent(SyncFailed(str(exc))))

    @on(LibraryEvent)
    def _library_event(self, message: LibraryEvent) -> None:
        event = message.event
        if isinstance(event, Progress):
            self.progress.show(event.stage, event.done, event.total)
        elif isinstance(event, Stored):
            self.refresh_list()
        elif isinstance(event, Finished):
            self._sync_finished(event)
        elif isinstance(event, Rebuilt):
            self.notify(event.notice, title="Corpus cache", severity="warning", markup=False, timeout=10)
        elif isinstance(event, SyncFailed):
            self.indexing = False
            self.progress.done()
            self.notify(f"The files could not all be checked: {event.reason}", title="Corpus",
                        severity="error", markup=False, timeout=15)

    def _sync_finished(self, event: Finished) -> None:
        self.indexing = False
        self.progress.done()
        self.refresh_list()
        skipped = self.library.reader.skipped()
        self.article_list.border_subtitle = f"{len(skipped)} skipped" if skipped else ""
        if not self._reported_skipped or event.changed:
            self._reported_skipped = True
            self._report_skipped(skipped)
        if not self.total:
            self.notify("No articles found in the given paths.", severity="warning", markup=False)
        from .speakers import SpeakersScreen

        if isinstance(self.app.screen, SpeakersScreen):
            self.app.screen.indexing_done()

    def _report_skipped(self, skipped: list[Skipped]) -> None:
        if not skipped:
            return
        listing = "\n".join(f"{printable(s.path.name)}: {printable(s.reason)}" for s in skipped[:5])
        more = f"\n… and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        self.notify(f"{listing}{more}", title=f"Skipped {len(skipped)} unreadable file(s) or feed entries",
                    severity="warning",
                    markup=False, timeout=8)

    def refresh_list(self) -> None:
        """Count the corpus again and show the list (or, during a search, search again): the database changed."""
        self.total = self.library.reader.article_count()
        self._unread = self.total - self.library.reader.counted_among(self.state.read_article_ids())
        if self.query_text:
            self.start_search(keep_position=True)
        else:
            self.show_list(self.library.view(), keep=self.article_list.highlighted_id)

    def show_list(self, view: ArticleView, keep: str | None = None) -> None:
        self.article_list.show_articles(CorpusRows(view, self.library), self.state.is_read, keep=keep)
        self.listed = True
        self._update_counts()

    def _update_counts(self) -> None:
        title = f"Articles · {self._unread:,} unread of {self.total:,}"
        if self.query_text:
            title = f"Articles · {self.article_list.row_count:,} of {self.total:,} match"
        self.article_list.border_title = title

    def article_meta(self, article_id: str | None) -> ArticleMeta | None:
        """The listed article with this id (None when it is not in the corpus)."""
        return self.library.reader.article(article_id) if self.library is not None and article_id else None

    # opening ---------------------------------------------------------------------------------------
    def quotations(self, article: Article) -> list[Quotation]:
        """The open article's direct quotations: as stored in the corpus database, or found when it is opened
        (none yet while a long article's are still being found)."""
        if self._quotations is None or self._quotations[0] != article.id:
            stored = self.library.reader.quotations(article.id) if self.library is not None else None
            found = stored if stored is not None else extract_quotations(article.text)
            self._quotations = (article.id, direct_quotations(found))
        return self._quotations[1]

    def _stored_quotations(self, article: Article) -> bool:
        return self.library is not None and self.library.reader.number_of(article.id) is not None

    @work(thread=True, exclusive=True, group="quotations")
    def find_quotations(self, article: Article) -> None:
        """A long article's quotations, off the UI thread: its text is shown at once, its quotations after."""
        found = direct_quotations(extract_quotations(article.text))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._quotations_found, article, found)

    def _quotations_found(self, article: Article, found: list[Quotation]) -> None:
        if self.open_article is None or self.open_article.id != article.id:
            return
        self._quotations, self._finding = (article.id, found), False
        self.reader.update_marks(quotations=found)
        self.refresh_sidebar()

    @on(ArticleChosen)
    def _article_chosen(self, message: ArticleChosen) -> None:
        meta = self.article_meta(message.article_id)
        if meta is not None:
            self.open(meta)

    def open(self, meta: ArticleMeta, *, at: int | None = None) -> None:
        """Read the article from its file and show it, at its saved reading position or at offset `at`."""
        from store.corpus import load_article  # the parsers: loaded once an article is opened

        try:
            article = load_article(meta.path, meta.entry)
        except (OSError, NotText) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            self.notify(f"{printable(meta.path)}: {reason}", title="Cannot open this article", severity="error",
                        markup=False, timeout=8)
            return
        if article.id != meta.id:
            # Changed on disk since it was listed: show what is there now, and bring list and index up to date.
            self.notify("The file changed on disk; showing it as it is now.", severity="warning", timeout=5)
            self.indexing = True
            self.sync()
        with self.state.batch():  # the old position, the read mark and the last article: one write
            self._show(article, at)

    def _show(self, article: Article, at: int | None) -> None:
        self.save_position()
        self.open_article = article
        self.current_highlight = None
        self.state.reanchor_highlights(article, KnownArticles(self.library))
        self._finding = len(article.text) > LONG_ARTICLE and not self._stored_quotations(article)
        if self._finding:
            self._quotations = (article.id, [])
            self.find_quotations(article)
        marks = ReaderMarks(
            quotations=self.quotations(article),
            highlights=self.state.highlights_for(article.id),
            hits=self._hits(article),
        )
        self.reader.show_article(article, marks, 0 if at is not None else self.state.position(article.id))
        if at is not None:
            self.reader.scroll_to_offset(at, to_top=True)
        self.refresh_sidebar()
        self.state.last_article = article.id
        if self.mark_read_on_open and not self.state.is_read(article.id):
            self.set_read(article, True)

    def _hits(self, article: Article) -> list[tuple[int, int]]:
        if not self.query_text or self.search_query is None:
            return []
        from store.search import find_hits

        return find_hits(article.text, self.search_query)

    def refresh_sidebar(self) -> None:
        article = self.open_article
        if article is None:
            return
        if self._finding:
            self.sidebar.show_finding()
            return
        quotations = self.quotations(article)
        items = list(enumerate(quotations))
        narrowed = bool(self.narrow_quotes and self.query_text and self._query_selects_quotes())
        if narrowed:
            matching = self._matching_quotations(article, quotations)
            items = [(i, q) for i, q in items if i in matching]
        by_range = {(h.start, h.end): h for h in self.state.highlights_for(article.id)}
        self.sidebar.show_quotations(items, len(quotations), by_range, narrowed=narrowed)

    def _query_selects_quotes(self) -> bool:
        q = self.search_query
        return q is not None and bool(q.words or q.phrases or q.speakers)

    def _matching_quotations(self, article: Article, quotations: list[Quotation]) -> set[int]:
        """Indexes of the quotations matching the search (found by the search worker when it could)."""
        if self._matching is None or self._matching[:2] != (article.id, self.query_text):
            from store.search import quotation_matches

            found = {i for i, q in enumerate(quotations) if quotation_matches(q.text, q.speaker, self.search_query)}
            self._matching = (article.id, self.query_text, found)
        return self._matching[2]

    def save_position(self) -> None:
        if self.open_article is not None:
            self.state.set_position(self.open_article.id, self.reader.position)

    def set_read(self, article: Article | ArticleMeta, read: bool) -> None:
        if self.state.is_read(article.id) != read and self.article_meta(article.id) is not None:
            self._unread += -1 if read else 1
        self.state.set_read(article.id, read)
        self.article_list.refresh_row(article)
        self._update_counts()

    # search: off the UI thread, the newest query only -----------------------------------------------
    async def action_search(self) -> None:
        await self._hidden_widgets_ready.wait()
        self.search_bar.open()

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        self.query_text = message.text.strip()
        self.start_search()

    @on(SearchAccepted)
    def _search_accepted(self) -> None:
        self.article_list.focus()

    @on(SearchCleared)
    def _search_cleared(self) -> None:
        self.query_text = ""
        self.start_search()
        self.article_list.focus()

    def start_search(self, *, keep_position: bool = False) -> None:
        """Search for `query_text` in a worker; a search still running is interrupted, and its results would
        be dropped anyway. An empty text shows every article again, at once."""
        self._search_generation += 1
        self._interrupt_search()
        if self.library is None:
            return
        if not self.query_text:
            self.search_query, self._matching = None, None
            self.show_list(self.library.view(), keep=self.article_list.highlighted_id if keep_position else None)
            self.search_bar.show_hint(Content(""))
            self._show_search_marks([], None)
            return
        marks = Marks()
        from store.search import fold

        if "is:" in fold(self.query_text):  # the state is read here, on its own thread
            marks = Marks(self.state.read_article_ids(), self.state.highlighted_article_ids())
        keep = self.article_list.highlighted_id if keep_position else None
        self.search(self._search_generation, self.query_text, marks, self.open_article, keep)

    def _interrupt_search(self) -> None:
        """Stop a search for an older text: its statement ends at once (and its worker with it)."""
        running = self._searching
        if running is not None and running != self._search_generation and self._search_connection is not None:
            self._search_connection.interrupt()

    @work(thread=True, exclusive=True, group="search")
    def search(self, generation: int, text: str, marks: Marks, article: Article | None, keep: str | None) -> None:
        """Parse and run the query, and find its matches in the open article and its quotations."""
        from store.search import parse_query

        query = parse_query(text)
        with self._search_lock:
            view = self._run_search(generation, query, marks)
        if view is None:
            return
        hits, matching = self._matches_in(article, query, generation)
        if generation == self._search_generation and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._searched, generation, query, view, article, hits, matching, keep)

    def _run_search(self, generation: int, query: Query, marks: Marks) -> ArticleView | None:
        """The articles of the query, counted, with their first page; None when a newer text came first."""
        from store.listing import ArticleView
        from store.search.plan import compile_query

        if self._search_connection is None:
            self._search_connection = self.library.connect()
        for _attempt in range(2):  # an interrupt meant for an older search may land on this one: once again
            if generation != self._search_generation:
                return None
            self._searching = generation
            try:
                return ArticleView.of(self._search_connection, compile_query(query), marks)
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    self.app.call_from_thread(self.notify, f"The search failed: {exc}", severity="error",
                                              markup=False)
                    return None
            finally:
                self._searching = None
        return None

    def _matches_in(self, article: Article | None, query: Query,
                    generation: int) -> tuple[list[tuple[int, int]], tuple[str, str, set[int]] | None]:
        """The query's matches in the open article, and which of its quotations match."""
        from store.search import find_hits, quotation_matches

        if article is None or generation != self._search_generation:
            return [], None
        hits = find_hits(article.text, query)
        stored = self._quotations[1] if self._quotations and self._quotations[0] == article.id else None
        if stored is None:
            return hits, None
        return hits, (article.id, query.text,
                      {i for i, q in enumerate(stored) if quotation_matches(q.text, q.speaker, query)})

    def _searched(self, generation: int, query: Query, view: ArticleView, article: Article | None,
                  hits: list[tuple[int, int]], matching: tuple[str, str, set[int]] | None, keep: str | None) -> None:
        if generation != self._search_generation:
            return  # the text changed meanwhile: a newer search is under way
        self.search_query, self.search_count = query, view.count
        self._matching = matching
        self.show_list(view, keep=keep)
        self.search_bar.show_hint(self._hint(query))
        if article is not None and self.open_article is not None and self.open_article.id == article.id:
            self._show_search_marks(hits, article)
        else:
            self._show_search_marks(self._hits(self.open_article) if self.open_article else [], None)

    def _show_search_marks(self, hits: list[tuple[int, int]], _article: Article | None) -> None:
        if self.open_article is not None:
            self.reader.update_marks(hits=hits, current_hit=None)
            self.refresh_sidebar()

    def _hint(self, query: Query) -> Content:
        if query.problems:
            return Content.styled(" · ".join(query.problems), "$text-warning")
        count = self.search_count
        found = f"{count:,} article{'s' if count != 1 else ''}"
        if self.indexing:
            found += " so far (indexing)"
        return Content.styled(f"{found} · enter: list · esc: clear", "$text-muted")

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        hits = self.reader.marks.hits
        if not hits:
            self.notify("No search matches in this article." if self.query_text else "Search first with /.",
                        timeout=3)
            return
        current = self.reader.marks.current_hit
        index = (0 if step > 0 else len(hits) - 1) if current is None else (current + step) % len(hits)
        self.reader.show_hit(index)

    def action_toggle_quote_filter(self) -> None:
        self.narrow_quotes = not self.narrow_quotes
        self.refresh_sidebar()

    # quotations ------------------------------------------------------------------------------------
    @on(QuotationHighlighted)
    def _quotation_highlighted(self, message: QuotationHighlighted) -> None:
        self.reader.select_quotation(message.index)
        highlight = self._highlight_of_quotation(message.index)
        if highlight is not None:
            self.current_highlight = highlight.id

    @on(QuotationChosen)
    def _quotation_chosen(self, message: QuotationChosen) -> None:
        self.reader.select_quotation(message.index, to_top=True)

    def _highlight_of_quotation(self, index: int | None) -> Highlight | None:
        if self.open_article is None or index is None:
            return None
        quotation = self.quotations(self.open_article)[index]
        for highlight in self.state.highlights_for(self.open_article.id):
            if (highlight.start, highlight.end) == (quotation.start, quotation.end):
                return highlight
        return None

    # highlights ------------------------------------------------------------------------------------
    def action_highlight(self) -> None:
        """Highlight the mouse selection in the reader, else toggle the quotation under the sidebar cursor."""
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            self._add_highlight(article, start, end, self._speaker_at(article, start, end))
            self.screen.clear_selection()
            return
        index = self.sidebar.highlighted_index
        if index is None:
            self.notify("Select a quotation in the sidebar or some text in the reader, then press h.", timeout=4)
            return
        existing = self._highlight_of_quotation(index)
        if existing is not None:
            self.state.delete_highlight(existing.id)
            self.current_highlight = None
            self.notify("Highlight removed.", timeout=2)
        else:
            quotation = self.quotations(article)[index]
            self._add_highlight(article, quotation.start, quotation.end, quotation.speaker)
        self._refresh_highlights()

    def _speaker_at(self, article: Article, start: int, end: int) -> str | None:
        for quotation in self.quotations(article):
            if quotation.start <= start and end <= quotation.end:
                return quotation.speaker
        return None

    def _add_highlight(self, article: Article, start: int, end: int, speaker: str | None) -> None:
        highlight = Highlight(
            id=uuid.uuid4().hex[:12],
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            speaker=speaker,
            title=article.title,
            source=article.source,
            date=article.date,
            path=str(article.path),
        )
        self.state.add_highlight(highlight)
        self.current_highlight = highlight.id
        self._refresh_highlights()
        self.notify("Highlighted: 1-4 colour, a note, y copy.", timeout=3)

    def _refresh_highlights(self) -> None:
        if self.open_article is not None:
            self.reader.update_marks(highlights=self.state.highlights_for(self.open_article.id))
            self.refresh_sidebar()

    def _current_highlight(self) -> Highlight | None:
        highlight = self.state.highlight(self.current_highlight) if self.current_highlight else None
        if highlight is None:
            self.notify("No highlight selected: press h on a quotation or a selection first.", timeout=4)
        return highlight

    def action_color(self, color: int) -> None:
        highlight = self._current_highlight()
        if highlight is not None:
            self.state.update_highlight(replace(highlight, color=color))
            self._refresh_highlights()

    def action_note(self) -> None:
        highlight = self._current_highlight()
        if highlight is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self.state.update_highlight(replace(highlight, note=note.strip()))
                self._refresh_highlights()

        from ..dialogs.note import NoteDialog

        self.app.push_screen(NoteDialog(highlight.note, highlight.text), save)

    def action_copy(self) -> None:
        article = self.open_article
        if article is None:
            return
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            text, speaker = article.text[start:end], self._speaker_at(article, start, end)
        elif self.sidebar.highlighted_index is not None:
            quotation = self.quotations(article)[self.sidebar.highlighted_index]
            text, speaker = quotation.text, quotation.speaker
        elif (highlight := self._current_highlight()) is not None:
            text, speaker = highlight.text, highlight.speaker
        else:
            return
        from store.export import clipboard_text

        self.app.copy_to_clipboard(clipboard_text(text, speaker, article.title, article.source, article.date))
        self.notify("Copied with its citation.", timeout=2)

    def action_highlights(self) -> None:
        self.save_position()

        def opened(highlight: Highlight | None) -> None:
            if highlight is None:
                self._refresh_highlights()
                return
            article = self.article_meta(highlight.article_id)
            if article is None:
                self.notify(f"That article is not in the open corpus: {printable(highlight.path)}", markup=False,
                            severity="warning")
                return
            if self.article_list.index_of(article.id) is None:  # filtered out by the search
                self.search_bar.action_clear()
            self.article_list.highlight_article(article.id)
            self.open(article, at=highlight.start)
            self.current_highlight = highlight.id
            if self.state.highlight(highlight.id).detached:
                self.notify("This highlight's text is no longer in the article; it is kept, detached.",
                            severity="warning", timeout=5)

        from .highlights import HighlightsScreen

        self.app.push_screen(HighlightsScreen(self.state), opened)

    # speakers --------------------------------------------------------------------------------------
    def action_speakers(self, speaker: str | None = None) -> None:
        """The speaker view; `speaker` (a key) lists that speaker's quotations at once."""
        if self.library is None:
            return
        from store.people import SpeakerDirectory

        from .speakers import SpeakersScreen

        library = self.library

        def directory() -> SpeakerDirectory:  # one for the view, one for each of its workers
            return SpeakerDirectory(library.connect())

        def chosen(result: tuple[str, int] | None) -> None:
            meta = self.article_meta(result[0]) if result else None
            if meta is None:
                return
            if self.article_list.index_of(meta.id) is None:  # hidden by a search
                self.search_bar.action_clear()
            self.article_list.highlight_article(meta.id)
            self.open(meta, at=result[1])

        self.save_position()
        self.app.push_screen(SpeakersScreen(directory, indexing=self.indexing, speaker=speaker), chosen)

    # other programs --------------------------------------------------------------------------------
    def action_open_url(self) -> None:
        article = self.open_article
        if article is None or not article.url:
            self.notify("This article has no URL.", timeout=3)
            return
        self.app.open_url(article.url)

    @on(UrlClicked)
    def _url_clicked(self, message: UrlClicked) -> None:
        self.app.open_url(message.url)

    def action_edit(self) -> None:
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return
        from ..launch import editor_command, run_editor

        command = editor_command(str(article.path))
        try:
            with self.app.suspend():
                returncode = run_editor(str(article.path))
        except SuspendNotSupported:  # no terminal to hand over (e.g. a test): run it alongside
            returncode = run_editor(str(article.path))
        except OSError as exc:
            self.notify(f"Could not start {command[0]}: {exc.strerror or exc}", severity="error", markup=False)
            return
        if returncode:
            self.notify(f"{command[0]} exited with status {returncode}.", severity="warning", markup=False)
        meta = self.article_meta(article.id)
        if meta is not None:
            self.open(meta)  # show the file as it is now; a change is noticed and re-indexed

    # reading ---------------------------------------------------------------------------------------
    def action_page_down(self) -> None:
        self.reader.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.reader.scroll_page_up(animate=False)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        count = self.article_list.row_count
        if not count:
            return
        current = self.open_article.id if self.open_article else self.article_list.highlighted_id
        position = self.article_list.index_of(current)
        index = 0 if position is None else max(0, min(count - 1, position + step))
        self.article_list.highlighted = index
        meta = self.article_list.article_at(index)
        if meta is not None:
            self.open(meta)

    def action_toggle_read(self) -> None:
        if self.article_list.has_focus or self.open_article is None:
            highlighted = self.article_list.highlighted
            article = self.article_list.article_at(highlighted) if highlighted is not None else None
        else:
            article = self.open_article
        if article is not None:
            self.set_read(article, not self.state.is_read(article.id))
