"""The main screen: search, article list, reader and quote sidebar, wired together."""
from __future__ import annotations

import gc
import uuid
from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from store import Article, ArticleMeta, Highlight, Quotation, Skipped, State, extract_quotations, load_article
from store.corrections import (
    CorrectedQuotation,
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
from store.export import clipboard_text
from store.library import IndexOpened, Indexed, Listed, Progress, open_library
from store.model import Correction
from store.people import QuotationTable
from store.search import Query, SearchIndex, find_hits, parse_query, quotation_matches
from store.text import NotText, printable

from ..dialogs.note import NoteDialog
from ..feedback import tell_change
from ..dialogs.speaker import SpeakerAnswer, SpeakerDialog
from ..launch import editor_command, run_editor
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
from ..widgets.progress import WorkProgress
from ..widgets.quote_sidebar import QuoteSidebar
from ..widgets.reader import Reader, ReaderMarks
from ..widgets.search_bar import SearchBar
from ..workers import ReportsFailures, background
from .highlights import HighlightsScreen
from .speakers import SpeakersScreen


# Finding the quotations of an article this long (in characters) takes long enough to be done in a worker.
LONG_ARTICLE = 100_000


def direct_quotations(text: str) -> list[Quotation]:
    return [q for q in extract_quotations(text) if q.kind == "direct"]


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


class MainScreen(ReportsFailures, Screen):
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
        Binding("w", "why", "Why this speaker", show=False, id="why"),
        Binding("c", "correct_speaker", "Correct the speaker", show=False, id="correct_speaker"),
        Binding("x", "hide_quotation", "Not a quotation / restore it", show=False, id="hide_quotation"),
        Binding("X", "toggle_hidden", "Show / leave out hidden quotations", show=False, id="show_hidden"),
        Binding("plus", "add_quotation", "Add the selection as a quotation", key_display="+", show=False,
                id="add_quotation"),
    ]
    show_hidden = False  # the quotations the reader hid are listed too (marked), so that x can restore them
    _listing: Listing | None = None

    def __init__(self, paths: list[Path], state: State, *, mark_read_on_open: bool = True,
                 cache_dir: Path | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.state = state
        self.mark_read_on_open = mark_read_on_open
        self.cache_dir = cache_dir
        self.articles: list[ArticleMeta] = []
        self.by_id: dict[str, ArticleMeta] = {}
        self._unread = 0
        self.open_article: Article | None = None
        self.opening: ArticleMeta | None = None  # being read in a worker, shown when ready
        self._quotations: tuple[str, list[Quotation]] | None = None  # the open article's
        self._finding = False  # its quotations are still being found (a long article)
        self._quotation_problem: str | None = None  # why its quotations could not be found
        self.index: SearchIndex | None = None
        self.quotation_table: QuotationTable | None = None
        self.indexing = False
        self.query_text = ""
        self.search_query: Query = parse_query("")
        self.narrow_quotes = True
        self.current_highlight: str | None = None  # id of the highlight that 1-4, a and y act on

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield SearchBar(id="search")
                yield ArticleList(id="articles")
                yield WorkProgress(id="progress")
            yield Reader(id="reader")
            yield QuoteSidebar(id="quotes")
        yield Footer()

    def on_mount(self) -> None:
        self.search_bar.display = False
        self.article_list.border_title = "Articles · loading…"
        self.sidebar.border_title = "Quotes"
        self.reader.border_title = "Reader"
        self.article_list.focus()
        self.load()

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
        return self.query_one(SearchBar)

    @property
    def progress(self) -> WorkProgress:
        return self.query_one(WorkProgress)

    # loading and indexing ---------------------------------------------------------------------------
    @background("Reading the corpus", group="load", exclusive=True)
    def load(self) -> None:
        """Open the corpus off the UI thread: the cached list first, then the files checked, then the index."""
        worker = get_current_worker()
        open_library(self.paths, lambda event: self.post_message(LibraryEvent(event)),
                     cancelled=lambda: worker.is_cancelled, cache_dir=self.cache_dir)

    @on(LibraryEvent)
    def _library_event(self, message: LibraryEvent) -> None:
        event = message.event
        if isinstance(event, Listed):
            self._listed(event)
        elif isinstance(event, Progress):
            self.progress.show(event.stage, event.done, event.total)
        elif isinstance(event, IndexOpened):
            self.index, self.quotation_table = event.index, event.table
            self.indexing = True
        elif isinstance(event, Indexed):
            self.index, self.quotation_table = event.index, event.table
            self.indexing = False
            self.progress.done()
            if isinstance(self.app.screen, SpeakersScreen):
                self.app.screen.indexing_done()
            # The corpus and its index are millions of long-lived objects: keep the cyclic garbage collector
            # from walking them again and again (each full pass stalled the UI for 200 ms at 10k articles).
            gc.freeze()
        if isinstance(event, (Listed, Indexed)) and self.query_text:
            self.apply_search()

    def _listed(self, listed: Listed) -> None:
        first = not self.articles
        self.articles = listed.articles
        self.by_id = {meta.id: meta for meta in self.articles}
        self._unread = sum(1 for meta in self.articles if not self.state.is_read(meta.id))
        if not self.query_text:
            self.show_list(self.articles)
        if listed.skipped:
            self.article_list.border_subtitle = f"{len(listed.skipped)} skipped"
        if listed.complete:
            self._report_skipped(listed.skipped)
            if not self.articles:
                self.notify("No articles found in the given paths.", severity="warning", markup=False)
        if first and self.articles:
            last = self.state.last_article
            if last in self.by_id:
                self.article_list.highlight_article(last)
                self.open(self.by_id[last])

    def _report_skipped(self, skipped: list[Skipped]) -> None:
        if not skipped:
            return
        listing = "\n".join(f"{printable(s.path.name)}: {printable(s.reason)}" for s in skipped[:5])
        more = f"\n… and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        self.notify(f"{listing}{more}", title=f"Skipped {len(skipped)} unreadable file(s) or feed entries",
                    severity="warning",
                    markup=False, timeout=8)

    def show_list(self, articles: list[ArticleMeta]) -> None:
        keep = self.article_list.highlighted_id
        self.article_list.show_articles(articles, self.state.is_read)
        if keep is not None:
            self.article_list.highlight_article(keep)
        self._update_counts()

    def _update_counts(self) -> None:
        title = f"Articles · {self._unread:,} unread of {len(self.articles):,}"
        if self.query_text:
            title = f"Articles · {self.article_list.row_count:,} of {len(self.articles):,} match"
        self.article_list.border_title = title

    # opening ---------------------------------------------------------------------------------------
    def quotations(self, article: Article) -> list[Quotation]:
        """The open article's direct quotations as listed, the reader's corrections applied (none while a long
        article's are still being found, or when they could not be found)."""
        return self.listing(article).quotations

    @on(ArticleChosen)
    def _article_chosen(self, message: ArticleChosen) -> None:
        meta = self.by_id.get(message.article_id)
        if meta is not None:
            self.open(meta)

    def open(self, meta: ArticleMeta, *, at: int | None = None, then: Callable[[], None] | None = None) -> None:
        """Show the article at its saved reading position or at offset `at`, then call `then`. It is read, parsed
        and its quotations found in a worker (a saved page can take seconds); opening another before it is shown
        cancels it."""
        self.opening = meta
        self.read_article(meta, at, then)

    @background("Opening the article", group="open", exclusive=True)
    def read_article(self, meta: ArticleMeta, at: int | None, then: Callable[[], None] | None) -> None:
        worker = get_current_worker()
        try:
            article = load_article(meta.path, meta.entry)
        except (OSError, NotText) as exc:
            self.app.call_from_thread(self._cannot_open, meta, getattr(exc, "strerror", None) or str(exc))
            return
        except Exception as exc:  # a parser defeated by a strange file: say so on that file, never end the app
            self.app.call_from_thread(self._cannot_open, meta, f"it could not be read ({type(exc).__name__}: {exc})")
            return
        # A long article is shown at once and its quotations after; a short one with them.
        found = None if len(article.text) > LONG_ARTICLE or worker.is_cancelled else self._find_quotations(article)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._article_read, meta, article, at, found, then)
        if found is None:
            found = self._find_quotations(article)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._quotations_found, article, found)

    @staticmethod
    def _find_quotations(article: Article) -> list[Quotation] | str:
        """The article's direct quotations, or why they could not be found: an engine failure on one strange
        article is reported on that article."""
        try:
            return direct_quotations(article.text)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__

    def _cannot_open(self, meta: ArticleMeta, reason: str) -> None:
        if self.opening is meta:
            self.opening = None
            self.notify(f"{printable(meta.path)}: {printable(reason)}", title="Cannot open this article",
                        severity="error", markup=False, timeout=8)

    def _article_read(self, meta: ArticleMeta, article: Article, at: int | None, found: list[Quotation] | str | None,
                      then: Callable[[], None] | None) -> None:
        if self.opening is not meta:
            return  # another article was asked for since
        self.opening = None
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
        return find_hits(article.text, self.search_query) if self.query_text else []

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
            items = [(i, q) for i, q in items if quotation_matches(q.text, q.speaker, self.search_query)]
        by_range = {(h.start, h.end): h for h in self.state.highlights_for(article.id)}
        listing = self.listing(article)
        self.sidebar.show_quotations(items, len(quotations), by_range, narrowed=narrowed, listed=listing.items,
                                     detached=listing.detached, hidden=listing.hidden)

    def _query_selects_quotes(self) -> bool:
        q = self.search_query
        return bool(q.words or q.phrases or q.speakers)

    def save_position(self) -> None:
        if self.open_article is not None:
            self.state.set_position(self.open_article.id, self.reader.position)

    def set_read(self, article: Article | ArticleMeta, read: bool) -> None:
        if self.state.is_read(article.id) != read and article.id in self.by_id:
            self._unread += -1 if read else 1
        self.state.set_read(article.id, read)
        self.article_list.refresh_row(article)
        self._update_counts()

    # search ----------------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.search_bar.open()

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        self.query_text = message.text.strip()
        self.search_query = parse_query(self.query_text)
        self.apply_search()

    @on(SearchAccepted)
    def _search_accepted(self) -> None:
        self.article_list.focus()

    @on(SearchCleared)
    def _search_cleared(self) -> None:
        self.query_text = ""
        self.search_query = parse_query("")
        self.apply_search()
        self.article_list.focus()

    def apply_search(self) -> None:
        query = self.search_query
        if not self.query_text or self.index is None:
            self.show_list(self.articles)
        else:
            found = set(self.index.search(query, is_read=self.state.is_read,
                                          highlighted=self.state.highlighted_article_ids()))
            self.show_list([meta for meta in self.articles if meta.id in found])  # in the list's order
        self.search_bar.show_hint(self._hint(query))
        if self.open_article is not None:
            self.reader.update_marks(hits=self._hits(self.open_article), current_hit=None)
            self.refresh_sidebar()

    def _hint(self, query: Query) -> Content:
        if query.problems:
            return Content.styled(" · ".join(query.problems), "$text-warning")
        if not self.query_text:
            return Content("")
        count = self.article_list.row_count
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
            article = self.by_id.get(highlight.article_id)
            if article is None:
                self.notify(f"That article is not in the open corpus: {printable(highlight.path)}", markup=False,
                            severity="warning")
                return
            if self.article_list.index_of(article.id) is None:  # filtered out by the search
                self.search_bar.action_clear()
            self.article_list.highlight_article(article.id)
            self.open(article, at=highlight.start, then=lambda: self._select_highlight(highlight.id))

        self.app.push_screen(HighlightsScreen(self.state), opened)

    def _select_highlight(self, highlight_id: str) -> None:
        """Make the highlight current (1-4, a and y act on it), once its article is shown."""
        self.current_highlight = highlight_id
        highlight = self.state.highlight(highlight_id)
        if highlight is not None and highlight.detached:
            self.notify("This highlight's text is no longer in the article; it is kept, detached.",
                        severity="warning", timeout=5)

    # speakers --------------------------------------------------------------------------------------
    def action_speakers(self, speaker: str | None = None) -> None:
        """The speaker view; `speaker` (a key) lists that speaker's quotations at once."""

        def read(article_id: str) -> Article | None:  # called from the view's worker thread
            meta = self.by_id.get(article_id)
            try:
                article = load_article(meta.path, meta.entry) if meta else None
            except (OSError, NotText):
                return None
            return article if article is not None and article.id == article_id else None

        def chosen(result: tuple[str, int] | None) -> None:
            meta = self.by_id.get(result[0]) if result else None
            if meta is None:
                return
            if self.article_list.index_of(meta.id) is None:  # hidden by a search
                self.search_bar.action_clear()
            self.article_list.highlight_article(meta.id)
            self.open(meta, at=result[1])

        self.save_position()
        self.app.push_screen(SpeakersScreen(self.quotation_table, read, indexing=self.indexing, speaker=speaker),
                             chosen)

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
        meta = self.by_id.get(article.id)
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
        article_id = self.article_list.highlighted_id
        if article_id is not None:
            self.open(self.by_id[article_id])

    def action_toggle_read(self) -> None:
        if self.article_list.has_focus or self.open_article is None:
            article = self.by_id.get(self.article_list.highlighted_id or "")
        else:
            article = self.open_article
        if article is not None:
            read = not self.state.is_read(article.id)
            self.set_read(article, read)
            tell_change(self, "Marked read" if read else "Marked unread", quiet=True, read_only=self.state.read_only)

    # corrections: the reader has the last word ---------------------------------------------------------
    def known_ids(self, article: Article) -> Container[str]:
        """The ids of the corpus' articles, for finding the records made on an earlier version of `article`'s file.
        A file changed on disk since it was listed is listed under its old id until the list is read again: that
        id is no longer the file's."""
        if article.id in self.by_id:
            return self.by_id
        path = str(article.path)
        return self.by_id.keys() - {meta.id for meta in self.articles
                                    if meta.file == path and meta.entry == article.entry}

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
        engine = self._quotations[1] if self._quotations is not None and self._quotations[0] == article.id else []
        self.app.push_screen(SpeakerDialog(subject, current, said, people=lambda: article_people(article.text, engine),
                                           speakers=self._corpus_speakers(), engine_answer=engine_answer), then)

    def _corpus_speakers(self) -> Callable[[], list[str]]:
        """What suggests the corpus' speakers (called in a worker): the named speakers of the speaker table, once
        the corpus is indexed, and the speakers the reader has given."""
        table = self.quotation_table
        given = [c.speaker for c in self.state.corrections() if c.speaker]

        def speakers() -> list[str]:
            named = [stats.name for stats in table.speakers() if stats.named] if table is not None else []
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
        tell_change(self, printable(said), read_only=self.state.read_only)

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
