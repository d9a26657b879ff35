"""The main screen: search, article list, reader and quote sidebar, wired together."""
from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input
from textual.worker import get_current_worker

from store.corrections import (
    CorrectedQuotation,
    CorrectionsByArticle,
    addition,
    apply_corrections,
    article_people,
    detached,
    explain_corrected,
    hiding,
    highlight_speakers,
    selected_quotation,
    speaker_correction,
)
from store.library import CorpusUnavailable, Finished, Library, Marks, Progress, Rebuilt, Stored
from store.model import Article, ArticleMeta, Correction, Highlight, Quotation, Skipped
from store.search.fts5 import SORTS
from store.text import NotText, printable

from ..feedback import tell_change
from ..format import plural
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
from ..workers import ReportsFailures, background
from .provenance_actions import ProvenanceActions

if TYPE_CHECKING:
    from store import State
    from store.listing import ArticleView
    from store.provenance.reader import ArticleProvenance
    from store.search import Query

    from ..dialogs.speaker import SpeakerAnswer
    from ..widgets.progress import WorkProgress
    from ..widgets.search_bar import SearchBar


# Finding the quotations of an article this long (in characters) takes long enough to be done in a worker.
LONG_ARTICLE = 100_000
BACKGROUND_NICENESS = 10
RELIST_SECONDS = 0.5  # while the corpus is indexed, the list is counted and shown again at most this often
SUGGESTED_SPEAKERS = 5000  # the corpus' most quoted speakers offered when a speaker is corrected


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
    """"Is this article in the corpus?", asked of the database (for re-anchoring highlights and corrections);
    `excluded`: ids that count as gone (a changed file's old version)."""

    def __init__(self, library: Library | None, excluded: Container[str] = ()) -> None:
        self.library = library
        self.excluded = excluded

    def __contains__(self, article_id: object) -> bool:
        return (self.library is not None and isinstance(article_id, str) and article_id not in self.excluded
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


@dataclass(frozen=True)
class Listing:
    """The open article's quotations as listed: the engine's, the reader's corrections applied."""

    made_of: tuple  # (the engine's quotations, the corrections' version, hidden ones shown): what it was made from
    every: list[CorrectedQuotation]  # hidden ones too
    items: list[CorrectedQuotation]  # hidden ones only while they are shown
    quotations: list[Quotation]  # the items' quotations: what the sidebar, the reader, y and h act on
    detached: list[Correction]  # corrections whose text is gone from the article

    @property
    def hidden(self) -> int:
        return sum(1 for item in self.every if item.hidden is not None)


class MainScreen(ReportsFailures, ProvenanceActions, Screen):
    BINDINGS = [
        # Keys that move the focus act as they arrive (priority), so that the keys typed after them in a burst go
        # where the focus went (see `SearchBar`).
        Binding("tab", "app.focus_next", "Next pane", show=False, priority=True, id="focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, priority=True, id="focus_previous"),
        Binding("space", "page_down", "Page down", show=False, id="page_down"),
        Binding("b", "page_up", "Page up", show=False, id="page_up"),
        Binding("slash", "search", "Search", key_display="/", priority=True, id="search"),  # shown in every pane
        Binding("escape", "clear_search", "Clear search", show=False, id="clear_search"),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("f", "toggle_quote_filter", "Matching / all quotes", show=False, id="quote_filter"),
        Binding("right_square_bracket", "next_article", "Next article", key_display="]", show=False, id="next_article"),
        Binding("left_square_bracket", "previous_article", "Previous article", key_display="[", show=False, id="previous_article"),
        Binding("full_stop", "next_unread", "Next unread", key_display=".", show=False, id="next_unread"),
        Binding("comma", "previous_unread", "Previous unread", key_display=",", show=False, id="previous_unread"),
        Binding("A", "mark_all_read", "Mark all listed read", show=False, id="mark_all_read"),
        Binding("S", "cycle_sort", "Sort: date / source / most quoted", show=False, id="sort"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="toggle_read"),
        Binding("h", "highlight", "Highlight", show=False, id="highlight"),
        Binding("1", "color(1)", "Highlight colour 1", show=False, id="color_1"),
        Binding("2", "color(2)", "Highlight colour 2", show=False, id="color_2"),
        Binding("3", "color(3)", "Highlight colour 3", show=False, id="color_3"),
        Binding("4", "color(4)", "Highlight colour 4", show=False, id="color_4"),
        Binding("a", "note", "Note on highlight", show=False, id="note"),
        Binding("y", "copy", "Copy with citation", show=False, id="copy"),
        Binding("H", "highlights", "Highlights", show=False, id="highlights"),
        Binding("s", "speakers", "Speakers", show=False, id="speakers"),
        Binding("o", "open_url", "Open URL in browser", show=False, id="open_url"),
        Binding("e", "edit", "Edit file in $EDITOR", show=False, id="edit"),
        Binding("w", "why", "Why this speaker", show=False, id="why"),
        Binding("c", "correct_speaker", "Correct the speaker", show=False, id="correct_speaker"),
        Binding("x", "hide_quotation", "Not a quotation / restore it", show=False, id="hide_quotation"),
        Binding("X", "toggle_hidden", "Show / leave out hidden quotations", show=False, id="show_hidden"),
        Binding("plus", "add_quotation", "Add the selection as a quotation", key_display="+", show=False,
                id="add_quotation"),
        Binding("z", "zoom", "Zoom the pane / back", show=False, id="zoom"),
        Binding("l", "toggle_list", "Show / hide the article list", show=False, id="toggle_list"),
        Binding("quotation_mark", "toggle_quotes", "Show / hide the quote sidebar", key_display='"', show=False,
                id="toggle_quotes"),
        Binding("p", "provenance", "Where else this quotation was printed", show=False, id="provenance"),
    ]
    # Below this width the quote sidebar is hidden until asked for: the reader keeps room for its text.
    NARROW = 120
    ALLOW_IN_MAXIMIZED_VIEW = "Header, Footer"
    show_hidden = False  # the quotations the reader hid are listed too (marked), so that x can restore them
    _listing: Listing | None = None

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
        self.opening: ArticleMeta | None = None  # being read in a worker, shown when ready
        self._quotations: tuple[str, list[Quotation]] | None = None  # the open article's
        self._finding = False  # its quotations are still being found (a long article)
        self._quotation_problem: str | None = None  # why its quotations could not be found
        self.indexing = False  # the files are being checked and read
        self.query_text = ""
        self.search_query: Query | None = None  # parsed in the search worker; None: no search
        self.search_count = 0  # articles matching it
        self._search_generation = 0  # bumped by every change of the search text: older results are dropped
        self._step_after_search = 0  # n/N pressed before the results of the text typed were shown
        self._search_connection: sqlite3.Connection | None = None  # the searches', kept open (its page cache)
        self._search_lock = threading.Lock()  # one search at a time on it
        self._searching: int | None = None  # the generation of the search running on it
        self._matching: Matching | None = None  # the open article's quotations that match the search
        self._reported_skipped = False
        self.narrow_quotes = True
        self.current_highlight: str | None = None  # id of the highlight that 1-4, a and y act on
        self._hidden_widgets_ready = asyncio.Event()  # the search field and the progress line are mounted
        self.list_shown = True
        self.quotes_shown: bool | None = None  # None: as the width suits (hidden below NARROW columns)
        self.sort = next(iter(SORTS))  # the list's order: by date
        self._list_generation = 0  # bumped whenever the list or the counts change otherwise than by `relist`
        self._relist_due = False  # a relist is waiting for its turn
        self._relisted_at = 0.0  # when the last one began (time.monotonic())

    def compose(self) -> ComposeResult:
        # The search field and the progress line are hidden at first, and the footer is redrawn for every change
        # of focus and bindings while the screen is mounted: all three are mounted after the first paint.
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
            yield Reader(id="reader")
            yield QuoteSidebar(id="quotes")

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles · loading…"
        self.sidebar.border_title = "Quotes"
        self.reader.border_title = "Reader"
        self.sidebar.show_note("Open an article: its quotations are listed here.")
        self.article_list.focus()
        self.call_after_refresh(self._mount_hidden_widgets)
        self.open_library()

    def get_widget_and_offset_at(self, x: int, y: int):
        # A drag in the reader that goes past a line's end onto its padding or scrollbar ends on that line.
        widget, offset = super().get_widget_and_offset_at(x, y)
        if offset is None and widget is not None and self._selecting:
            point = self.reader.selection_point(widget, x, y)
            if point is not None:
                return super().get_widget_and_offset_at(*point)
        return widget, offset

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
        from textual.widgets import Footer

        from ..widgets.progress import WorkProgress
        from ..widgets.search_bar import SearchBar

        bar = SearchBar(id="search")
        bar.display = False
        left = self.query_one("#left")
        await left.mount(bar, before=self.article_list)
        await left.mount(WorkProgress(id="progress"))
        await self.mount(Footer())
        self.refresh_bindings()  # the footer shows the keys once told they changed
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
        self.load()

    def load(self) -> None:
        """Check the files against the database in the background (again: a feed's new copy may have arrived);
        the reader's corrections go with them, to be counted as the reader made them."""
        from store.corrections import CorrectionsByArticle

        self.indexing = True
        self.sync(CorrectionsByArticle(self.state.corrections()))

    @background("Checking the files", group="sync", exclusive=True)
    def sync(self, corrections: CorrectionsByArticle | None = None) -> None:
        """Check every file's size and time, read what changed, drop what went, and count the articles whose
        corrections changed as corrected: off the UI thread (worker processes read the files when there are
        many)."""
        worker = get_current_worker()
        lower_priority()
        try:
            self.library.sync(lambda event: self.post_message(LibraryEvent(event)),
                              cancelled=lambda: worker.is_cancelled, corrections=corrections)
        except (OSError, sqlite3.Error) as exc:
            self.post_message(LibraryEvent(SyncFailed(str(exc))))

    @on(LibraryEvent)
    def _library_event(self, message: LibraryEvent) -> None:
        event = message.event
        if isinstance(event, Progress):
            self.progress.show(event.stage, event.done, event.total)
        elif isinstance(event, Stored):
            self._relist_soon()
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
        if event.changed and self.open_article is not None:  # its quotations may be grouped now, or otherwise
            self.reread_provenance(self.open_article.id)
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

    def _relist_soon(self) -> None:
        """The database grew (indexing commits about once a second): count and list it again in a worker, at
        most every `RELIST_SECONDS`, so that the keys pressed meanwhile are answered at once."""
        if self._relist_due:
            return
        self._relist_due = True
        wait = self._relisted_at + RELIST_SECONDS - time.monotonic()
        if wait > 0:
            self.set_timer(wait, self._start_relist)
        else:
            self.call_later(self._start_relist)

    def _start_relist(self) -> None:
        self._relist_due = False
        self._relisted_at = time.monotonic()
        self.relist(self._list_generation, self.sort, self.query_text, self.state.read_article_ids(),
                    self.article_list.highlighted_id)

    @background("Listing the articles read so far", group="relist", exclusive=True)
    def relist(self, generation: int, sort: str, query_text: str, read_ids: set[str], keep: str | None) -> None:
        """Count the corpus, and read the list's first page and the page of the article under the cursor, on a
        connection of this worker's own: the screen only shows them."""
        from store.corpus_db import CorpusReader
        from store.listing import ArticleView

        def read(connection: sqlite3.Connection) -> tuple[int, int, ArticleView | None]:
            reader = CorpusReader(connection)
            total = reader.article_count()
            unread = total - reader.counted_among(read_ids)
            if query_text:  # a search is run again by the screen, in its own worker
                return total, unread, None
            view = ArticleView.of(connection, sort=sort)
            index = view.index_of(connection, reader.number_of(keep)) if keep else None
            if index is not None:
                view.row(connection, index)  # its page is read here, not when the list is drawn
            return total, unread, view

        counted = self.read_corpus(read)
        if counted is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._relisted, generation, sort, query_text, *counted)

    def _relisted(self, generation: int, sort: str, query_text: str, total: int, unread: int,
                  view: ArticleView | None) -> None:
        if (generation, sort, query_text) != (self._list_generation, self.sort, self.query_text):
            return  # listed, sorted, searched or marked read meanwhile: this is out of date
        self.total, self._unread = total, unread
        if self.query_text:
            self.start_search(keep_position=True)
        else:
            self.show_list(view, keep=self.article_list.highlighted_id)

    def refresh_list(self) -> None:
        """Count the corpus again and show the list (or, during a search, search again): the database changed."""
        self._list_generation += 1
        self.total = self.library.reader.article_count()
        self._unread = self.total - self.library.reader.counted_among(self.state.read_article_ids())
        if self.query_text:
            self.start_search(keep_position=True)
        else:
            self.show_list(self.library.view(sort=self.sort), keep=self.article_list.highlighted_id)

    def show_list(self, view: ArticleView, keep: str | None = None) -> None:
        empty = f"No article matches “{printable(self.query_text)}”, esc clears" if self.query_text else "No articles"
        self.article_list.show_articles(CorpusRows(view, self.library), self.state.is_read, keep=keep, empty=empty)
        self.listed = True
        self._update_counts()

    def _update_counts(self) -> None:
        title = f"Articles · {self._unread:,} unread of {self.total:,}"
        if self.query_text:
            title = f"Articles · {self.article_list.row_count:,} of {self.total:,} match"
        if self.sort != next(iter(SORTS)):
            title += f" · by {self.sort}"
        self.article_list.border_title = title

    def article_meta(self, article_id: str | None) -> ArticleMeta | None:
        """The listed article with this id (None when it is not in the corpus)."""
        return self.library.reader.article(article_id) if self.library is not None and article_id else None

    # opening ---------------------------------------------------------------------------------------
    def quotations(self, article: Article) -> list[Quotation]:
        """The open article's direct quotations as listed, the reader's corrections applied (none while a long
        article's are still being found, or when they could not be found)."""
        return self.listing(article).quotations

    @on(ArticleChosen)
    def _article_chosen(self, message: ArticleChosen) -> None:
        meta = self.article_meta(message.article_id)
        if meta is not None:
            self.open(meta)

    def open(self, meta: ArticleMeta, *, at: int | None = None, then: Callable[[], None] | None = None) -> None:
        """Show the article at its saved reading position or at offset `at`, then call `then`. It is read, parsed
        and its quotations taken from the corpus database (found, for an article not in it) in a worker (a saved
        page can take seconds); opening another before it is shown cancels it."""
        self.opening = meta
        self.read_article(meta, at, then)

    @background("Opening the article", group="open", exclusive=True)
    def read_article(self, meta: ArticleMeta, at: int | None, then: Callable[[], None] | None) -> None:
        from store.sources.article_files import load_article, source_folder  # the parsers: loaded when needed

        worker = get_current_worker()
        try:
            article = load_article(meta.path, meta.entry, source_folder(meta.path, self.paths))
        except (OSError, NotText) as exc:
            self.app.call_from_thread(self._cannot_open, meta, getattr(exc, "strerror", None) or str(exc))
            return
        except Exception as exc:  # a parser defeated by a strange file: say so on that file, never end the app
            self.app.call_from_thread(self._cannot_open, meta, f"it could not be read ({type(exc).__name__}: {exc})")
            return
        # A long article the database does not hold is shown at once and its quotations after; others with them.
        found = None if worker.is_cancelled else self._stored_quotations(article)
        if found is None and len(article.text) <= LONG_ARTICLE and not worker.is_cancelled:
            found = self._find_quotations(article)
        provenance = None if worker.is_cancelled else self._read_provenance(article.id)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._article_read, meta, article, at, found, then, provenance)
        if found is None:
            found = self._find_quotations(article)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._quotations_found, article, found)

    def _stored_quotations(self, article: Article) -> list[Quotation] | None:
        """The article's direct quotations as the engine found them when the corpus was read (with this thread's
        own connection); None when the database does not hold the article."""
        from store.corpus_db import CorpusReader

        return self.read_corpus(lambda connection: CorpusReader(connection).quotations(article.id))

    def read_corpus(self, read: Callable[[sqlite3.Connection], object]):
        """`read` on a connection of the calling worker's own, closed after; None when there is no corpus
        database or it cannot be read (a damaged one: the background check rebuilds it; the caller does without)."""
        if self.library is None:
            return None
        try:
            connection = self.library.connect()
        except sqlite3.Error:
            return None
        try:
            return read(connection)
        except sqlite3.Error:
            return None
        finally:
            connection.close()

    @staticmethod
    def _find_quotations(article: Article) -> list[Quotation] | str:
        """The article's quotations, or why they could not be found: an engine failure on one strange
        article is reported on that article."""
        from store.quotes.engine import extract_quotations  # the engine: loaded once it is needed

        try:
            return extract_quotations(article.text)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__

    def _cannot_open(self, meta: ArticleMeta, reason: str) -> None:
        if self.opening is meta:
            self.opening = None
            self.notify(f"{printable(meta.path)}: {printable(reason)}", title="Cannot open this article",
                        severity="error", markup=False, timeout=8)

    def _article_read(self, meta: ArticleMeta, article: Article, at: int | None, found: list[Quotation] | str | None,
                      then: Callable[[], None] | None, provenance: ArticleProvenance | None = None) -> None:
        if self.opening is not meta:
            return  # another article was asked for since
        self.opening = None
        self._provenance = provenance
        if article.id != meta.id:
            # Changed on disk since it was listed: show what is there now, and bring list and index up to date.
            self.notify("The file changed on disk; showing it as it is now.", severity="warning", timeout=5)
            self.load()
        with self.state.batch():  # the old position, the read mark and the last article: one write
            self._show(article, at, found)
        if then is not None:
            then()

    def _quotations_found(self, article: Article, found: list[Quotation] | str) -> None:
        if self.open_article is None or self.open_article.id != article.id:
            return
        self._set_quotations(article, found)
        self.reader.update_marks(quotations=self.quotations(article))
        self.refresh_sidebar()

    def _set_quotations(self, article: Article, found: list[Quotation] | str | None) -> None:
        """None: still being found; a string: why they could not be (said once, on this article)."""
        self._finding = found is None
        self._quotation_problem = found if isinstance(found, str) else None
        self._quotations = (article.id, found if isinstance(found, list) else [])
        if self._quotation_problem:
            self.notify(f"{printable(article.title)}: {printable(self._quotation_problem)}",
                        title="The quotations of this article could not be found", severity="error",
                        markup=False, timeout=10)

    def _show(self, article: Article, at: int | None, found: list[Quotation] | str | None) -> None:
        self.save_position()
        self.open_article = article
        self.current_highlight = None
        self.state.reanchor(article, self.known_ids(article))
        self._set_quotations(article, found)
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
        if self._quotation_problem:
            self.sidebar.show_failure(self._quotation_problem)
            return
        quotations = self.quotations(article)
        items = list(enumerate(quotations))
        narrowed = bool(self.narrow_quotes and self.query_text and self._query_selects_quotes())
        if narrowed:
            matching = self._matching_quotations(article, quotations)
            items = [(i, q) for i, q in items if i in matching]
        by_range = {(h.start, h.end): h for h in self.state.highlights_for(article.id)}
        listing = self.listing(article)
        provenance = self._provenance_of(article)
        self.sidebar.show_quotations(items, len(quotations), by_range, narrowed=narrowed, listed=listing.items,
                                     detached=listing.detached, hidden=listing.hidden,
                                     elsewhere=provenance.marks if provenance is not None else None)

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

    def save_position(self) -> None:
        if self.open_article is not None:
            self.state.set_position(self.open_article.id, self.reader.position)

    def set_read(self, article: Article | ArticleMeta, read: bool) -> None:
        if self.state.is_read(article.id) != read and self.article_meta(article.id) is not None:
            self._unread += -1 if read else 1
            self._list_generation += 1
        self.state.set_read(article.id, read)
        self.article_list.refresh_row(article)
        self._update_counts()

    # layout: what fits the terminal -------------------------------------------------------------------
    def on_resize(self) -> None:
        self.apply_layout()

    def apply_layout(self) -> None:
        """Show the panes the user asked for, the quote sidebar only when there is room for it unless asked for;
        a hidden pane gives up the focus to the reader."""
        narrow = self.size.width < self.NARROW
        self.set_class(narrow, "-narrow")
        self.query_one("#left").display = self.list_shown
        self.sidebar.display = self.quotes_shown if self.quotes_shown is not None else not narrow
        focused = self.focused
        if focused is not None and not focused.display or focused is not None and not focused.parent.display:
            self.reader.focus()

    def action_toggle_list(self) -> None:
        self.list_shown = not self.list_shown
        self.maximized = None
        self.apply_layout()
        if self.list_shown:
            self.article_list.focus()

    def action_toggle_quotes(self) -> None:
        self.quotes_shown = not self.sidebar.display
        self.maximized = None
        self.apply_layout()
        if self.quotes_shown:
            self.sidebar.focus()

    def action_zoom(self) -> None:
        """The focused pane takes the whole width, or gives it back."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            pane = next((node for node in self.focused.ancestors_with_self
                         if node in (self.article_list, self.reader, self.sidebar)), None)
            if pane is not None:
                self.maximize(pane, container=False)

    # search: off the UI thread, the newest query only -----------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and isinstance(self.focused, Input):
            return False  # "/" is typed into the search field (its binding acts before the field sees keys)
        return True

    def action_search(self) -> None:
        # Never awaited here: a priority binding runs in the app's own turn, which must go on.
        if not self._hidden_widgets_ready.is_set():  # the field is mounted just after the first paint
            self.call_after_refresh(self.action_search)
            return
        if not self.list_shown or self.maximized is not None:  # the results are in the list
            self.list_shown = True
            self.minimize()
            self.apply_layout()
        self.search_bar.open()  # the focus moves now: the keys typed next go into the field

    def action_clear_search(self) -> None:
        """esc, from any pane: the whole list again."""
        if self.query_text and self._hidden_widgets_ready.is_set():
            self.search_bar.action_clear()

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
        if self.list_shown and self.focused not in (self.reader, self.sidebar):
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
            self.show_list(self.library.view(sort=self.sort),
                           keep=self.article_list.highlighted_id if keep_position else None)
            self.search_bar.show_hint(Content(""))
            self._show_search_marks([], None)
            return
        marks = Marks()
        from store.search import fold

        if "is:" in fold(self.query_text):  # the state is read here, on its own thread
            marks = Marks(self.state.read_article_ids(), self.state.highlighted_article_ids())
        keep = self.article_list.highlighted_id if keep_position else None
        article = self.open_article
        listed = self.quotations(article) if article is not None else None
        self.search(self._search_generation, self.query_text, marks, article, listed, keep)

    def _interrupt_search(self) -> None:
        """Stop a search for an older text: its statement ends at once (and its worker with it)."""
        running = self._searching
        if running is not None and running != self._search_generation and self._search_connection is not None:
            self._search_connection.interrupt()

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
                return ArticleView.of(self._search_connection, compile_query(query), marks, sort=self.sort)
            except sqlite3.OperationalError as exc:
                if "interrupt" not in str(exc):
                    self.app.call_from_thread(self.notify, f"The search failed: {exc}", severity="error",
                                              markup=False)
                    return None
            finally:
                self._searching = None
        return None

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
        self.search_bar.show_hint(self._hint(query))
        if article is not None and self.open_article is not None and self.open_article.id == article.id:
            self._show_search_marks(hits, article)
        else:
            self._show_search_marks(self._hits(self.open_article) if self.open_article else [], None)
        step, self._step_after_search = self._step_after_search, 0
        if step and self._searched_text() == self.query_text:
            self._step_match(step)

    def _show_search_marks(self, hits: list[tuple[int, int]], _article: Article | None) -> None:
        if self.open_article is not None:
            self.reader.update_marks(hits=hits, current_hit=None)
            self.refresh_sidebar()

    def _hint(self, query: Query) -> Content:
        if query.problems:
            return Content.styled(" · ".join(query.problems), "$text-warning")
        count = self.search_count
        found = plural(count, "article", grouped=True)
        if self.indexing:
            found += " so far (indexing)"
        return Content.styled(f"{found} · enter: list · esc: clear", "$text-muted")

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _searched_text(self) -> str:
        return self.search_bar.value.strip() if self._hidden_widgets_ready.is_set() else ""

    def _step_match(self, step: int) -> None:
        if self._searched_text() and (self._searched_text() != self.query_text or self.search_query is None
                                      or self.search_query.text != self.query_text):
            self._step_after_search = step  # typed ahead of its search (/, words, enter, n): once it is shown
            return
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
            tell_change(self, "Highlight removed", read_only=self.state.read_only)
        else:
            quotation = self.quotations(article)[index]
            self._add_highlight(article, quotation.start, quotation.end, quotation.speaker)
        self._refresh_highlights()

    def _quotation_holding(self, article: Article, start: int, end: int) -> Quotation | None:
        return next((q for q in self.quotations(article) if q.start <= start and end <= q.end), None)

    def _speaker_at(self, article: Article, start: int, end: int) -> str | None:
        quotation = self._quotation_holding(article, start, end)
        return quotation.speaker if quotation else None

    def _add_highlight(self, article: Article, start: int, end: int, speaker: str | None) -> None:
        import uuid  # with `platform`, which it imports: a few milliseconds the first screen does without

        highlight = Highlight(
            id=uuid.uuid4().hex[:12],
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            speaker=speaker,
            title=article.headline,
            source=article.source,
            date=article.date,
            path=str(article.path),
            author=article.author,
            url=article.url,
            **self._first_seen(article, start, end),
        )
        self.state.add_highlight(highlight)
        self.current_highlight = highlight.id
        self._refresh_highlights()
        tell_change(self, "Highlighted: 1-4 colour, a note, y copy", read_only=self.state.read_only)

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
            tell_change(self, f"Colour {color}", quiet=True, read_only=self.state.read_only)

    def action_note(self) -> None:
        highlight = self._current_highlight()
        if highlight is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self.state.update_highlight(replace(highlight, note=note.strip()))
                self._refresh_highlights()
                tell_change(self, "Note saved" if note.strip() else "Note cleared", read_only=self.state.read_only)

        from ..dialogs.note import NoteDialog

        self.app.push_screen(NoteDialog(highlight.note, highlight.text), save)

    def action_copy(self) -> None:
        article = self.open_article
        if article is None:
            return
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            text, quotation = article.text[start:end], self._quotation_holding(article, start, end)
        elif self.sidebar.highlighted_index is not None:
            quotation = self.quotations(article)[self.sidebar.highlighted_index]
            text = quotation.text
        elif (highlight := self._current_highlight()) is not None:
            text, quotation = highlight.text, self._quotation_holding(article, highlight.start, highlight.end)
        else:
            return
        from store.export import clipboard_text

        self.app.copy_to_clipboard(clipboard_text(text, quotation.speaker if quotation else None, article.headline,
                                                  article.source, article.date, article.url,
                                                  quotation=quotation is not None))
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
            self.open(article, at=highlight.start, then=lambda: self._select_highlight(highlight.id))

        from .highlights import HighlightsScreen

        self.app.push_screen(HighlightsScreen(self.state), opened)

    def _select_highlight(self, highlight_id: str) -> None:
        """Make the highlight current (1-4, a and y act on it), once its article is shown."""
        self.current_highlight = highlight_id
        highlight = self.state.highlight(highlight_id)
        if highlight is not None and highlight.detached:
            self.notify("This highlight's text is no longer in the article; it is kept, detached.",
                        severity="warning", timeout=5)
        elif highlight is not None:  # where opening placed it: the text may have moved since the list was shown
            self.reader.scroll_to_offset(highlight.start, to_top=True)

    # speakers --------------------------------------------------------------------------------------
    def action_speakers(self, speaker: str | None = None) -> None:
        """The speaker view; `speaker` (a key) lists that speaker's quotations at once."""
        if self.library is None:
            return
        from store.speakers.table import SpeakerDirectory

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
        # From the article asked for last, which may still be on its way.
        shown = self.opening or self.open_article
        current = shown.id if shown else self.article_list.highlighted_id
        position = self.article_list.index_of(current)
        index = 0 if position is None else max(0, min(count - 1, position + step))
        self.article_list.highlighted = index
        meta = self.article_list.article_at(index)
        if meta is not None:
            self.open(meta)

    # feed-reader habits -----------------------------------------------------------------------------
    def action_next_unread(self) -> None:
        self._step_unread(1)

    def action_previous_unread(self) -> None:
        self._step_unread(-1)

    def _step_unread(self, step: int) -> None:
        """Open the next (previous) unread article of the list: after the highlighted row when the list has the
        focus, else after the open article; before any is open, from the highlighted row on."""
        shown = self.opening or self.open_article
        current = self.article_list.highlighted_id if self.article_list.has_focus or shown is None else shown.id
        position = self.article_list.index_of(current)
        index = (-1 if step > 0 else self.article_list.row_count) if position is None else position
        if shown is None and position is not None:
            index -= step  # the highlighted row itself may be the one
        while 0 <= (index := index + step) < self.article_list.row_count:
            meta = self.article_list.article_at(index)
            if meta is not None and not self.state.is_read(meta.id):
                self.article_list.highlighted = index
                self.open(meta)
                return
        self.notify(f"No unread article {'below' if step > 0 else 'above'} this one in the list.", timeout=3)

    def action_mark_all_read(self) -> None:
        """Mark every listed article read (a search's results, or the whole corpus), once the user says so."""
        count = self.article_list.row_count
        if not count or self.library is None:
            self.notify("No article is listed.", timeout=3)
            return
        from ..dialogs.confirm import ConfirmDialog

        listed = "the article listed" if count == 1 else f"the {count:,} articles listed"
        if self.query_text:
            listed += " (the search's results)"
        view = self.article_list.rows.view if isinstance(self.article_list.rows, CorpusRows) else None
        self.app.push_screen(ConfirmDialog(f"Mark {listed} read?"),
                             lambda yes: self._mark_all_read(view) if yes and view is not None else None)

    def _mark_all_read(self, view: ArticleView) -> None:
        ids = view.ids(self.library.connection)
        with self.state.batch():  # one write for them all
            for article_id in ids:
                self.state.set_read(article_id, True)
        self._unread = self.total - self.library.reader.counted_among(self.state.read_article_ids())
        self._list_generation += 1
        self.article_list.refresh()
        self._update_counts()
        tell_change(self, f"Marked {len(ids):,} read", read_only=self.state.read_only)

    def action_cycle_sort(self) -> None:
        """By date, by source, most quoted first, and again; the cursor stays on its article."""
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.refresh_list()
        self.notify(f"Sorted by {self.sort}", timeout=2)

    def action_toggle_read(self) -> None:
        if self.article_list.has_focus or self.open_article is None:
            highlighted = self.article_list.highlighted
            article = self.article_list.article_at(highlighted) if highlighted is not None else None
        else:
            article = self.open_article
        if article is not None:
            read = not self.state.is_read(article.id)
            self.set_read(article, read)
            tell_change(self, "Marked read" if read else "Marked unread", quiet=True, read_only=self.state.read_only)

    # corrections: the reader has the last word ---------------------------------------------------------
    def known_ids(self, article: Article) -> Container[str]:
        """The ids of the corpus' articles, for finding the records made on an earlier version of `article`'s file.
        A file changed on disk since it was listed is listed under its old id until the database is brought up to
        date: that id is no longer the file's."""
        known = KnownArticles(self.library)
        if self.library is None or article.id in known:
            return known
        return KnownArticles(self.library, excluded=self.library.reader.ids_of_file(article.path, article.entry))

    def listing(self, article: Article) -> Listing:
        """The open article's quotations with the reader's corrections applied (`store.corrections`), made again
        only when the quotations, the corrections or `show_hidden` changed."""
        found = self._quotations if self._quotations is not None and self._quotations[0] == article.id else None
        made_of = (found, self.state.corrections_version, self.show_hidden)
        listing = self._listing
        if listing is None or listing.made_of[0] is not found or listing.made_of[1:] != made_of[1:]:
            corrections = self.state.corrections_of(article, self.known_ids(article)) if found else []
            every = apply_corrections(article.text, found[1] if found else [], corrections, include_hidden=True)
            items = every if self.show_hidden else [item for item in every if item.hidden is None]
            listing = self._listing = Listing(made_of, every, items, [item.quotation for item in items],
                                              detached(corrections))
        return listing

    def _quotation_to_act_on(self, key: str) -> tuple[Article, int, CorrectedQuotation] | None:
        """The quotation `w`, `c` and `x` act on: the one holding the reader's selection, else the one under the
        sidebar's cursor; None, said, when there is none."""
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return None
        if self._finding:
            self.notify("The quotations of this article are still being found.", timeout=3)
            return None
        items = self.listing(article).items
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            index = next((i for i, item in enumerate(items)
                          if item.quotation.start < end and start < item.quotation.end), None)
            if index is None:
                self.notify("The selection is in no listed quotation (+ adds it as one).", timeout=4)
                return None
        else:
            index = self.sidebar.highlighted_index
            if index is None or index >= len(items):
                self.notify(f"Choose a quotation in the sidebar (or select its words in the reader), then press "
                            f"{key}.", timeout=4)
                return None
        return article, index, items[index]

    def action_why(self) -> None:
        """Mark the cue and the words naming the speaker in the reader, and say how the speaker was found."""
        target = self._quotation_to_act_on("w")
        if target is None:
            return
        article, index, item = target
        engine = item.engine
        self.reader.select_quotation(index)
        self.sidebar.highlight_index(index)
        if engine is not None:
            cue = (engine.cue_start, engine.cue_end) if engine.cue_start is not None else None
            mention = (engine.mention_start, engine.mention_end) if engine.mention_start is not None else None
            self.reader.show_evidence(cue, mention)
        self.notify(printable(explain_corrected(item, article.text)), title="Why this speaker", markup=False,
                    timeout=12)

    def action_correct_speaker(self) -> None:
        """Ask who said the quotation: the reader's answer wins over the engine's everywhere."""
        target = self._quotation_to_act_on("c")
        if target is None:
            return
        article, _, item = target
        said = explain_corrected(item, article.text)
        # The engine's answer is offered back only to a speaker the reader changed (ctrl+r says so otherwise).
        answer = item.extracted_speaker or "" if item.correction is not None and not item.added else None
        self._ask_speaker(article, item.quotation.text, item.quotation.speaker, said, answer,
                          lambda reply: self._speaker_answered(article, item, reply))

    def _ask_speaker(self, article: Article, subject: str, current: str | None, said: str, engine_answer: str | None,
                     then: Callable[[SpeakerAnswer | None], None]) -> None:
        from ..dialogs.speaker import SpeakerDialog

        engine = self._quotations[1] if self._quotations is not None and self._quotations[0] == article.id else []
        self.app.push_screen(SpeakerDialog(subject, current, said, people=lambda: article_people(article.text, engine),
                                           speakers=self._corpus_speakers(), engine_answer=engine_answer), then)

    def _corpus_speakers(self) -> Callable[[], list[str]]:
        """What suggests the corpus' speakers (called in a worker): the named speakers of the corpus database, most
        quoted first, as far as it is indexed (with the reader's corrections), and the speakers the reader has
        given."""
        library = self.library
        given = [c.speaker for c in self.state.corrections() if c.speaker]

        def speakers() -> list[str]:
            named: list[str] = []
            if library is not None:
                from store.speakers.table import SpeakerDirectory

                directory = SpeakerDirectory(library.connect())  # this thread's own connection
                try:
                    named = [stats.name for stats in directory.speakers(limit=SUGGESTED_SPEAKERS) if stats.named]
                except sqlite3.Error:  # a damaged database: the background check rebuilds it
                    pass
                finally:
                    directory.connection.close()
            return list(dict.fromkeys(named + given))

        return speakers

    def _speaker_answered(self, article: Article, item: CorrectedQuotation, reply: SpeakerAnswer | None) -> None:
        if reply is None or self.open_article is not article:
            return
        if reply.reset and item.added:
            self.notify("A quotation you added has no answer of the engine's to return to (x hides it).", timeout=5)
            return
        correction = None if reply.reset else speaker_correction(article, item, reply.speaker)
        with self.state.batch():
            if correction is not None:
                self.state.save_correction(correction)
                said = f"Speaker: {correction.speaker or 'unknown'}"
            elif item.correction is not None:
                self.state.delete_correction(item.correction.id)
                said = f"Back to the engine's answer: {item.extracted_speaker or 'unattributed'}"
            else:
                self.notify("Unchanged: that is the engine's answer.", timeout=3)
                return
            self._corrections_changed(article, (item.quotation.start, item.quotation.end), said)

    def action_hide_quotation(self) -> None:
        """Say that a listed span is no quotation; on a hidden one (shown with X), take that back."""
        target = self._quotation_to_act_on("x")
        if target is None:
            return
        article, _, item = target
        with self.state.batch():
            if item.hidden is not None:
                self.state.delete_correction(item.hidden.id)
                said = "Restored as a quotation"
            else:
                self.state.save_correction(hiding(article, item))
                said = "Hidden: not a quotation (X lists hidden ones, x restores one)"
            self._corrections_changed(article, (item.quotation.start, item.quotation.end), said)

    def action_toggle_hidden(self) -> None:
        article = self.open_article
        index = self.sidebar.highlighted_index
        quotations = self.quotations(article) if article is not None else []
        at = (quotations[index].start, quotations[index].end) if index is not None and index < len(quotations) else None
        self.show_hidden = not self.show_hidden
        if article is not None:
            self._show_listing(article, at)
        hidden = self.listing(article).hidden if article is not None else 0
        if not self.show_hidden:
            self.notify("Hidden quotations are left out.", timeout=3)
        elif hidden:
            self.notify(f"Hidden quotations are listed, marked ✗ ({hidden} here): x restores one.", timeout=4)
        else:
            self.notify("Hidden quotations are listed, marked ✗: none in this article.", timeout=4)

    def action_add_quotation(self) -> None:
        """The words selected in the reader are a quotation the engine missed: ask who said it, then list it."""
        article = self.open_article
        selected = self.reader.selected_range() if article is not None else None
        span = selected_quotation(article.text, *selected) if selected is not None else None
        if article is None or span is None:
            self.notify("Select the words of the quotation in the reader with the mouse, then press +.", timeout=4)
            return
        start, end = span
        overlapped = [item for item in self.listing(article).every
                      if item.quotation.start < end and start < item.quotation.end]
        if overlapped and overlapped[0].hidden is not None:
            self.notify("That is a quotation you hid: X lists hidden ones, and x restores one.", timeout=5)
            return
        if overlapped:
            speaker = overlapped[0].quotation.speaker or "unattributed"
            self.notify(f"That is part of a listed quotation ({printable(speaker)}): c corrects its speaker, x hides "
                        "it.", markup=False, timeout=5)
            return

        def answered(reply: SpeakerAnswer | None) -> None:
            if reply is None or self.open_article is not article:
                return
            if reply.reset:
                self.notify("Not added: the engine found no quotation there to return to.", timeout=4)
                return
            with self.state.batch():
                self.state.save_correction(addition(article, start, end, reply.speaker))
                self._corrections_changed(article, span, f"Added a quotation by {reply.speaker or 'someone unknown'}")
            self.screen.clear_selection()

        self._ask_speaker(article, article.text[start:end], None, "A quotation the engine missed.", None, answered)

    def _corrections_changed(self, article: Article, span: tuple[int, int], said: str) -> None:
        """Show what a correction of the quotation at `span` changed, and say it (and that it is not saved, when
        the state is read-only). The highlights of that quotation take its speaker as it is now listed, so that
        their exports agree with the sidebar (`store.corrections.highlight_speakers`)."""
        for highlight in highlight_speakers(self.state.highlights_for(article.id), self.listing(article).every):
            self.state.update_highlight(highlight)
        self._show_listing(article, span)
        if self.library is not None:
            self.recount(article, CorrectionsByArticle(self.state.corrections()))
        tell_change(self, printable(said), read_only=self.state.read_only)

    @background("Counting the correction", group="recount", exclusive=True)
    def recount(self, article: Article, corrections: CorrectionsByArticle) -> None:
        """Count the article's corrections in the corpus database at once, so that the speaker view and `speaker:`
        search agree with the sidebar; a later correction cancels this one (it carries every correction)."""
        worker = get_current_worker()
        if self.library.recount(article, corrections, cancelled=lambda: worker.is_cancelled):
            self.app.call_from_thread(self.refresh_list)
            self._provenance_read(article.id, self._read_provenance(article.id))

    def _show_listing(self, article: Article, span: tuple[int, int] | None) -> None:
        """Show the article's quotations as now listed in the reader and the sidebar, the cursor on the one at
        `span` when it is listed."""
        quotations = self.quotations(article)
        index = None if span is None else next(
            (i for i, q in enumerate(quotations) if q.start < span[1] and span[0] < q.end), None)
        self.reader.update_marks(quotations=quotations, highlights=self.state.highlights_for(article.id),
                                 selected=index)
        self.refresh_sidebar()
        if index is not None:
            self.sidebar.highlight_index(index)
