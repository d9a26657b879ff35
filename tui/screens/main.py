"""The main screen: search, article list, reader and quote sidebar, wired together. What it does is in the mixins
beside it, a module each: the corpus listed and checked (`corpus_sync`), the open article (`article_opening`), the
search (`search_actions`), the panes (`layout_actions`), feed-reader habits (`reading_actions`), highlights,
corrections and provenance (`*_actions`)."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input

from store.search.fts5 import SORTS

from ..widgets.article_list import ArticleList
from ..workers import ReportsFailures
from .article_opening import ArticleOpening
from .correction_actions import CorrectionActions
from .corpus_sync import CorpusSync
from .highlight_actions import HighlightActions
from .layout_actions import PaneLayout
from .provenance_actions import ProvenanceActions
from .reading_actions import FeedReading
from .search_actions import Matching, SearchActions

if TYPE_CHECKING:
    from store import State
    from store.library import Library
    from store.model import Article, ArticleMeta, Quotation
    from store.search import Query

    from ..corpus import Corpus
    from ..widgets.progress import WorkProgress
    from ..widgets.quote_sidebar import QuoteSidebar
    from ..widgets.reader import ArticleHeader, Reader
    from ..widgets.search_bar import SearchBar


class MainScreen(ReportsFailures, CorpusSync, ArticleOpening, SearchActions, PaneLayout, FeedReading,
                 HighlightActions, CorrectionActions, ProvenanceActions, Screen):
    BINDINGS = [
        # Keys that move the focus act as they arrive (priority), so that the keys typed after them in a burst go
        # where the focus went (see `SearchBar`).
        Binding("tab", "app.focus_next", "Next pane", show=False, priority=True, id="main.focus_next"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, priority=True, id="main.focus_previous"),
        Binding("space", "page_down", "Page down", show=False, id="main.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="main.page_up"),
        Binding("slash", "search", "Search", key_display="/", priority=True, id="main.search"),  # shown in every pane
        Binding("escape", "clear_search", "Clear search", show=False, id="main.clear_search"),
        Binding("n", "next_match", "Next match", show=False, id="main.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="main.previous_match"),
        Binding("f", "toggle_quote_filter", "Matching / all quotes", show=False, id="main.quote_filter"),
        Binding("right_square_bracket", "next_article", "Next article", key_display="]", show=False, id="main.next_article"),
        Binding("left_square_bracket", "previous_article", "Previous article", key_display="[", show=False, id="main.previous_article"),
        Binding("full_stop", "next_unread", "Next unread", key_display=".", show=False, id="main.next_unread"),
        Binding("comma", "previous_unread", "Previous unread", key_display=",", show=False, id="main.previous_unread"),
        Binding("A", "mark_all_read", "Mark all listed read", show=False, id="main.mark_all_read"),
        Binding("S", "cycle_sort", "Sort: date / source / most quoted", show=False, id="main.sort"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="main.toggle_read"),
        Binding("h", "highlight", "Highlight", show=False, id="main.highlight"),
        Binding("1", "color(1)", "Highlight colour 1", show=False, id="main.color_1"),
        Binding("2", "color(2)", "Highlight colour 2", show=False, id="main.color_2"),
        Binding("3", "color(3)", "Highlight colour 3", show=False, id="main.color_3"),
        Binding("4", "color(4)", "Highlight colour 4", show=False, id="main.color_4"),
        Binding("a", "note", "Note on highlight", show=False, id="main.note"),
        Binding("y", "copy", "Copy with citation", show=False, id="main.copy"),
        Binding("H", "highlights", "Highlights", show=False, id="main.highlights"),
        Binding("s", "speakers", "Speakers", show=False, id="main.speakers"),
        Binding("o", "open_url", "Open URL in browser", show=False, id="main.open_url"),
        Binding("e", "edit", "Edit file in $EDITOR", show=False, id="main.edit"),
        Binding("w", "why", "Why this speaker", show=False, id="main.why"),
        Binding("c", "correct_speaker", "Correct the speaker", show=False, id="main.correct_speaker"),
        Binding("x", "hide_quotation", "Not a quotation / restore it", show=False, id="main.hide_quotation"),
        Binding("X", "toggle_hidden", "Show / leave out hidden quotations", show=False, id="main.show_hidden"),
        Binding("plus", "add_quotation", "Add the selection as a quotation", key_display="+", show=False,
                id="main.add_quotation"),
        Binding("z", "zoom", "Zoom the pane / back", show=False, id="main.zoom"),
        Binding("l", "toggle_list", "Show / hide the article list", show=False, id="main.toggle_list"),
        Binding("quotation_mark", "toggle_quotes", "Show / hide the quote sidebar", key_display='"', show=False,
                id="main.toggle_quotes"),
        Binding("p", "provenance", "Where else this quotation was printed", show=False, id="main.provenance"),
    ]
    # Below this width the quote sidebar is hidden until asked for: the reader keeps room for its text.
    NARROW = 120
    # Below this width the list and the sidebar are never shown together: beside both (at their least widths, 30
    # and 26) the reader had 20 columns of text at 80 columns; from 100 it keeps 39.
    THREE_PANES = 100
    ALLOW_IN_MAXIMIZED_VIEW = "Header, Footer"

    article_list = getters.query_one(ArticleList)
    # The first screen is the article list alone: the other panes and lines are mounted once it is painted
    # (`_mount_panes`), their modules imported then.
    reader: Reader = getters.query_one("#reader")
    sidebar: QuoteSidebar = getters.query_one("#quotes")
    search_bar: SearchBar = getters.query_one("#search")
    progress: WorkProgress = getters.query_one("#progress")

    def __init__(self, corpus: Corpus, state: State, *, mark_read_on_open: bool = True) -> None:
        super().__init__()
        self.corpus = corpus
        self.state = state
        self.mark_read_on_open = mark_read_on_open
        self._unread = 0
        self.listed = False  # the list shows the corpus (once its first rows are known)
        self.open_article: Article | None = None
        self.opening: ArticleMeta | None = None  # being read in a worker, shown when ready
        self._quotations: tuple[str, list[Quotation]] | None = None  # the open article's
        self._finding = False  # its quotations are still being found (a long article)
        self._quotation_problem: str | None = None  # why its quotations could not be found
        self.query_text = ""
        self.search_query: Query | None = None  # parsed in the search worker; None: no search
        self.search_count: int | None = 0  # articles matching it; None while they are being counted
        self._search_generation = 0  # bumped by every change of the search text: older results are dropped
        self._step_after_search = 0  # n/N pressed before the results of the text typed were shown
        self._search_connection: sqlite3.Connection | None = None  # the searches', kept open (its page cache)
        self._search_lock = threading.Lock()  # one search at a time on it
        self._matching: Matching | None = None  # the open article's quotations that match the search
        self._reported_skipped = False
        self._skipped_note = ""  # "3 skipped", under the list beside its order
        self.narrow_quotes = True
        self.current_highlight: str | None = None  # id of the highlight that 1-4, a and y act on
        self._panes_mounted = asyncio.Event()  # everything the first screen leaves out is mounted
        self.list_shown = True
        self.quotes_shown: bool | None = None  # None: as the width suits (hidden below NARROW columns)
        self.sort = next(iter(SORTS))  # the list's order: by date
        self._list_generation = 0  # bumped whenever the list or the counts change otherwise than by `relist`
        self._relist_due = False  # a relist is waiting for its turn
        self._relisted_at = 0.0  # when the last one began (time.monotonic())

    @property
    def paths(self) -> list[Path]:
        return self.corpus.paths

    @property
    def library(self) -> Library | None:
        """The corpus database, once open."""
        return self.corpus.library

    @property
    def indexing(self) -> bool:
        """The files are being checked and read."""
        return self.corpus.indexing

    def compose(self) -> ComposeResult:
        # The first screen is the list alone, so that it is painted as soon as its first rows are read; where the
        # reader and the quote sidebar go is kept empty meanwhile, so that the list already has its width.
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield ArticleList(id="articles")
            yield Widget(id="panes-to-come")

    def on_mount(self) -> None:
        self.article_list.show_title("Articles · loading…", "loading…")
        self.article_list.focus()
        self.apply_layout()
        self.call_after_refresh(self._mount_panes)
        self.open_library()

    async def _mount_panes(self) -> None:
        """Mount the reader, the quote sidebar, the search field (hidden), the progress line and the footer, all at
        once (one layout), just after the first paint; the keys typed meanwhile are then handled
        (`QuotedeskApp.main_screen_ready`)."""
        from ..widgets.footer import Footer

        from ..widgets.progress import WorkProgress
        from ..widgets.quote_sidebar import QuoteSidebar
        from ..widgets.reader import Reader
        from ..widgets.search_bar import SearchBar

        reader, sidebar, bar = Reader(id="reader"), QuoteSidebar(id="quotes"), SearchBar(id="search")
        reader.border_title = "Reader"
        sidebar.show_title("Quotes", "Quotes")
        bar.display = False
        left = self.query_one("#left")
        to_come = self.query_one("#panes-to-come")
        to_come.display = False
        try:
            mounted = [to_come.remove(), self.query_one("#panes").mount(reader, sidebar),
                       left.mount(bar, before=self.article_list), left.mount(WorkProgress(id="progress")),
                       self.mount(Footer())]
            sidebar.show_note("Open an article: its quotations are listed here.")
            self.apply_layout()  # before the panes are first drawn: the sidebar waits below `NARROW` columns
            for mounting in mounted:
                await mounting
            self.refresh_bindings()  # the footer shows the keys once told they changed
            self._panes_mounted.set()
        finally:
            self.app.main_screen_ready()

    def help_entries(self) -> list[tuple[str, DOMNode]]:
        """What the help screen lists, under these names."""
        return [("Main screen", self), ("Article list", self.article_list), ("Reader", self.reader),
                ("Quote sidebar", self.sidebar)]

    def get_widget_and_offset_at(self, x: int, y: int):
        # A drag in the reader that goes past a line's end onto its padding or scrollbar ends on that line.
        widget, offset = super().get_widget_and_offset_at(x, y)
        if offset is None and widget is not None and self._selecting:
            point = self.reader.selection_point(widget, x, y)
            if point is not None:
                return super().get_widget_and_offset_at(*point)
        return widget, offset

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and isinstance(self.focused, Input):
            return False  # "/" is typed into the search field (its binding acts before the field sees keys)
        return True

    def on_resize(self) -> None:
        self.apply_layout()

    def _screen_resized(self, size: Size) -> None:
        # Textual lays the whole screen out and draws it again for each resize it is told of, and as the app starts
        # it tells a new screen three times of the size it already has (the terminal's, the app's first, the
        # screen's own first layout): laid out once, at that size, it is drawn once (2% of a launch's instructions).
        if size != self._compositor.size:
            super()._screen_resized(size)

    # what the widgets ask for (their messages, handled by name) --------------------------------------------
    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        meta = self.corpus.article(message.article_id)
        if meta is not None:
            self.open(meta)

    def on_quote_sidebar_highlighted(self, message: QuoteSidebar.Highlighted) -> None:
        self.reader.select_quotation(message.index, follow=message.follow)
        highlight = self._highlight_of_quotation(message.index)
        if highlight is not None:
            self.current_highlight = highlight.id

    def on_quote_sidebar_chosen(self, message: QuoteSidebar.Chosen) -> None:
        self.reader.select_quotation(message.index, to_top=True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "quotes":
            self.place_sidebar_cursor()

    def place_sidebar_cursor(self) -> None:
        """A focused sidebar shows its cursor, on the quotation being read: `w`, `c`, `h` act on it at once."""
        if self.sidebar.has_focus and self.sidebar.highlighted is None:
            index = self.reader.quotation_in_view()
            if index is not None:
                self.sidebar.place_cursor(index)

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        if message.text.strip() != self.query_text:  # a space typed at the end, or a search already cleared
            self.query_text = message.text.strip()
            self.start_search()

    def on_search_bar_accepted(self) -> None:
        self.article_list.focus()

    def on_search_bar_cleared(self) -> None:
        if self.query_text:
            self.query_text = ""
            self.start_search()
        if self.list_shown and self.focused not in (self.reader, self.sidebar):
            self.article_list.focus()

    def on_article_header_url_clicked(self, message: ArticleHeader.UrlClicked) -> None:
        self.app.open_url(message.url)

    # what the views and the palette ask for -----------------------------------------------------------
    def reveal(self, article: ArticleMeta, at: int | None = None, *, then: Callable[[], None] | None = None) -> None:
        """Open `article` (at offset `at`, then call `then`) with the list's cursor on it: a search that leaves it
        out of the list is cleared first."""
        if self.article_list.index_of(article.id) is None:  # hidden by a search
            self.search_bar.action_clear()
            self.query_text = ""
            self.start_search(keep=article.id)
        self.article_list.highlight_article(article.id)
        self.open(article, at=at, then=then)

    def action_speakers(self, speaker: str | None = None) -> None:
        """The speaker view; `speaker` (a key) lists that speaker's quotations at once."""
        if self.corpus.library is None:
            return
        from .speakers import SpeakersScreen

        def chosen(result: tuple[str, int] | None) -> None:
            meta = self.corpus.article(result[0]) if result else None
            if meta is not None:
                self.reveal(meta, at=result[1])

        self.save_position()
        self.app.push_screen(SpeakersScreen(self.corpus.speaker_directory, speaker=speaker, corpus=self.corpus),
                             chosen)
