"""The main screen's open article: read, parsed and its quotations taken from the corpus database (found, for an
article not in it) in a worker, then shown in the reader and the quote sidebar (a long one's text first); its
reading position and read mark. Mixed into `MainScreen`, whose corpus, state, reader and sidebar it uses."""
from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from textual.worker import get_current_worker

from store.text import NotText, printable

from ..workers import background
from .correction_actions import Listing, ListingBasis, make_listing

if TYPE_CHECKING:
    from store.model import Article, ArticleMeta, Quotation
    from store.provenance.reader import ArticleProvenance

    from ..widgets.reader import PreparedBody

# An article this long (in characters) is shown before its quotations are read (or found): its thousands of them
# take longer than its text.
LONG_ARTICLE = 100_000
PAINT_WAIT = 0.5  # seconds a long article's quotations wait for its text to be painted, at most


class PreparedQuotations(NamedTuple):
    """A long article's quotations as made in the worker that read them: their listing and the reader's text."""

    listing: Listing
    body: PreparedBody


class ArticleOpening:
    def quotations(self, article: Article) -> list[Quotation]:
        """The open article's direct quotations as listed, the reader's corrections applied (none while a long
        article's are still being found, or when they could not be found)."""
        return self.listing(article).quotations

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
            article = load_article(meta.path, meta.entry, source_folder(meta.path, self.corpus.paths))
        except (OSError, NotText) as exc:
            self.app.call_from_thread(self._cannot_open, meta, getattr(exc, "strerror", None) or str(exc))
            return
        except Exception as exc:  # a parser defeated by a strange file: say so on that file, never end the app
            self.app.call_from_thread(self._cannot_open, meta, f"it could not be read ({type(exc).__name__}: {exc})")
            return
        # A long article is shown at once and its quotations after (read from the database, else found: its
        # thousands of them take longer than its text); others with them.
        long = len(article.text) > LONG_ARTICLE
        found, provenance = (None, None) if long or worker.is_cancelled else self._read_quotations(article)
        if worker.is_cancelled:
            return
        painted = threading.Event()
        basis = self.app.call_from_thread(self._article_read, meta, article, at, found, then, provenance, painted)
        if basis is not None:
            # Its text is painted first: reading the quotations meanwhile would take the interpreter from it.
            painted.wait(PAINT_WAIT)
            found, provenance = self._read_quotations(article)
            prepared = None if worker.is_cancelled or isinstance(found, str) else self._prepare(found, basis)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._quotations_found, article, found, provenance, then, prepared)

    @staticmethod
    def _prepare(found: list[Quotation], basis: ListingBasis) -> PreparedQuotations:
        """In the worker, what the UI thread would make of thousands of quotations: their listing, the reader's
        corrections applied, and the text with them marked."""
        from ..widgets.reader import prepare_body

        article = basis.article
        listing = make_listing(article, (article.id, found), basis.corrections, basis.version, basis.show_hidden)
        return PreparedQuotations(listing, prepare_body(article, replace(basis.marks, quotations=listing.quotations)))

    def _read_quotations(self, article: Article) -> tuple[list[Quotation] | str, ArticleProvenance | None]:
        """The article's quotations as the database holds them (found now for an article it does not hold), and
        their provenance."""
        found = self.corpus.stored_quotations(article.id)
        if found is None:
            found = self._find_quotations(article)
        return found, self.corpus.provenance(article.id)

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
                      then: Callable[[], None] | None, provenance: ArticleProvenance | None,
                      painted: threading.Event) -> ListingBasis | None:
        """Show the article read; for one whose quotations are still to be read, what their listing is made from
        (None: another article was asked for since)."""
        if self.opening is not meta:
            painted.set()
            return None
        self.opening = None
        self._provenance = provenance
        if article.id != meta.id:
            # Changed on disk since it was listed: show what is there now, and bring list and index up to date.
            self.notify("The file changed on disk; showing it as it is now.", severity="warning", timeout=5)
            self.load()
        # The old position, the read mark and the last article: one write, once the text is painted (a write waits
        # for the disk, tens of milliseconds on a busy one), or after `PAINT_WAIT` if it is not (the list zoomed).
        written = ExitStack()
        written.enter_context(self.state.batch())
        self._show(article, at, found)
        self.reader.body.after_drawn(written.close)
        self.set_timer(PAINT_WAIT, written.close)
        if then is not None and found is not None:  # else once the quotations are there
            then()
        if found is not None:
            return None
        self.reader.body.after_drawn(painted.set)
        return self.listing_basis(article)

    def _quotations_found(self, article: Article, found: list[Quotation] | str,
                          provenance: ArticleProvenance | None, then: Callable[[], None] | None = None,
                          prepared: PreparedQuotations | None = None) -> None:
        """Show a long article's quotations. What the worker `prepared` is swapped in, unless what it was made from
        changed meanwhile (a correction or a highlight made): then it is made again here."""
        if self.open_article is None or self.open_article.id != article.id:
            return
        self._provenance = provenance
        self._set_quotations(article, found)
        if prepared is not None and prepared.body.article is article:
            self._quotations = prepared.listing.made_of[0]
            self._listing = prepared.listing  # `listing` makes it again if the corrections changed since
        quotations = self.quotations(article)
        if prepared is None or prepared.listing.quotations is not quotations or not self.reader.show_prepared(
                prepared.body):
            self.reader.update_marks(quotations=quotations)
        self.refresh_sidebar()
        if then is not None:
            then()

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
        from ..widgets.reader import ReaderMarks  # imported with the reader, after the first paint

        self.save_position()
        self.open_article = article
        self.current_highlight = None
        self.state.reanchor(article, self.corpus.known_ids(article))
        self._set_quotations(article, found)
        marks = ReaderMarks(
            quotations=self.quotations(article),
            highlights=self.state.highlights_for(article.id),
            hits=self._hits(article),
        )
        self.reader.show_article(article, marks, 0 if at is not None else self.state.position(article.id))
        if at is not None:
            self.reader.scroll_to_offset(at, to_top=True)
        # The sidebar's cursor is on a quotation of the text shown before: kept, it would bring the quotation of the
        # same number into view, over the reading position or the quotation asked for.
        self.sidebar.highlighted = None
        self.refresh_sidebar()
        self.call_after_refresh(self.place_sidebar_cursor)  # once the reader is at its position
        self.state.last_article = article.id
        if self.mark_read_on_open and not self.state.is_read(article.id):
            self.set_read(article, True)

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

    def save_position(self) -> None:
        if self.open_article is not None:
            self.state.set_position(self.open_article.id, self.reader.position)

    def set_read(self, article: Article | ArticleMeta, read: bool) -> None:
        if self.state.is_read(article.id) != read and self.corpus.article(article.id) is not None:
            self._unread += -1 if read else 1
            self._list_generation += 1
        self.state.set_read(article.id, read)
        self.article_list.refresh_row(article)
        self._update_counts()
