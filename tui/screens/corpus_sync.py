"""The main screen's corpus: listed from its database at once, then checked against the files in a worker whose
progress the screen shows (`LibraryEvent`), and counted again whenever the database changed. Mixed into
`MainScreen`, whose corpus, list and progress line it uses."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from store.library import CorpusUnavailable, Finished, Progress, Rebuilt, Stored, paced
from store.search.fts5 import SORTS
from store.text import printable

from ..workers import background

if TYPE_CHECKING:
    from store.corrections import CorrectionsByArticle
    from store.listing import ArticleView
    from store.model import Skipped

BACKGROUND_NICENESS = 10
RELIST_SECONDS = 0.5  # while the corpus is indexed, the list is counted and shown again at most this often


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


@dataclass
class LibraryEvent(Message):
    """Progress of the check of the files, posted by its worker to the screen: a `store.library` event, or
    `SyncFailed`."""

    event: object


class CorpusSync:
    def open_library(self) -> None:
        """List the corpus as its database has it (a few milliseconds, whatever its size), then check the
        files in the background."""
        try:
            library = self.corpus.open()
        except CorpusUnavailable as exc:
            self.article_list.show_title("Articles · unavailable", "unavailable")
            self.notify(str(exc), title="Cannot open the corpus", severity="error", markup=False, timeout=30)
            return
        if library.notice:
            self.notify(library.notice, title="Corpus cache", severity="warning", markup=False, timeout=10)
        self.corpus.indexing = True
        if self.corpus.count():
            self.refresh_list(counted=True)
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        await self._panes_mounted.wait()  # the progress line shows the check of the files
        last = self.state.last_article
        meta = self.corpus.article(last) if last else None
        if meta is not None and self.open_article is None:
            self.article_list.highlight_article(meta.id)
            self.open(meta)
        self.load()

    def load(self) -> None:
        """Check the files against the database in the background (again: a feed's new copy may have arrived);
        the reader's corrections go with them, to be counted as the reader made them."""
        from store.corrections import CorrectionsByArticle

        self.corpus.indexing = True
        self.sync(CorrectionsByArticle(self.state.corrections()))

    @background("Checking the files", group="sync", exclusive=True)
    def sync(self, corrections: CorrectionsByArticle | None = None) -> None:
        """Check every file's size and time, read what changed, drop what went, and count the articles whose
        corrections changed as corrected: off the UI thread (worker processes read the files when there are
        many)."""
        worker = get_current_worker()
        lower_priority()
        try:
            self.corpus.library.sync(paced(lambda event: self.post_message(LibraryEvent(event))),
                                     cancelled=lambda: worker.is_cancelled, corrections=corrections)
        except (OSError, sqlite3.Error) as exc:
            self.post_message(LibraryEvent(SyncFailed(str(exc))))

    def on_library_event(self, message: LibraryEvent) -> None:
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
            self.corpus.indexing = False
            self.progress.done()
            self.notify(f"The files could not all be checked: {event.reason}", title="Corpus",
                        severity="error", markup=False, timeout=15)

    def _sync_finished(self, event: Finished) -> None:
        self.corpus.indexing = False
        self.progress.done()
        self.refresh_list()
        if event.changed and self.open_article is not None:  # its quotations may be grouped now, or otherwise
            self.reread_provenance(self.open_article.id)
        skipped = self.corpus.skipped()
        self._skipped_note = f"{len(skipped)} skipped" if skipped else ""
        self._update_list_notes()
        if not self._reported_skipped or event.changed:
            self._reported_skipped = True
            self._report_skipped(skipped)
        if not self.corpus.total:
            self.notify("No articles found in the given paths.", severity="warning", markup=False)
        self.corpus.indexing_finished()

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

        counted = self.corpus.read(read)
        if counted is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._relisted, generation, sort, query_text, *counted)

    def _relisted(self, generation: int, sort: str, query_text: str, total: int, unread: int,
                  view: ArticleView | None) -> None:
        if (generation, sort, query_text) != (self._list_generation, self.sort, self.query_text):
            return  # listed, sorted, searched or marked read meanwhile: this is out of date
        self.corpus.total, self._unread = total, unread
        if self.query_text:
            self.start_search(keep_position=True)
        else:
            # The cursor stays on its article once the reader has moved it or opened one; untouched, it stays on top,
            # on the newest article as it arrives.
            moved = bool(self.article_list.highlighted) or self.open_article is not None
            self.show_list(view, keep=self.article_list.highlighted_id if moved else None)

    def refresh_list(self, *, counted: bool = False) -> None:
        """Count the corpus again (unless it was just `counted`) and show the list (or, during a search, search
        again): the database changed."""
        self._list_generation += 1
        if not counted:
            self.corpus.count()
        self._unread = self.corpus.unread(self.state.read_article_ids())
        if self.query_text:
            self.start_search(keep_position=True)
        else:
            # The cursor stays on its article when the reader put it there (an article open, a row below the top);
            # at the top with nothing open it stays at the top: articles listed while the corpus is first read
            # took it, row after row, to the oldest.
            articles = self.article_list
            kept = articles.highlighted_id if articles.highlighted or self.open_article is not None else None
            self.show_list(self.corpus.library.view(sort=self.sort), keep=kept)

    def show_list(self, view: ArticleView, keep: str | None = None) -> None:
        empty = f"No article matches “{printable(self.query_text)}”, esc clears" if self.query_text else "No articles"
        self.article_list.show_articles(self.corpus.rows(view), self.state.is_read, keep=keep, empty=empty)
        self.listed = True
        self._update_counts()

    def _update_counts(self) -> None:
        total = self.corpus.total
        counts = f"{self._unread:,} unread of {total:,}"
        if self.query_text:
            shown = f"{self.article_list.row_count:,}" + ("+" if self.search_count is None else "")
            counts = f"{shown} of {total:,} match"
        self.article_list.show_title(f"Articles · {counts}", counts)
        self._update_list_notes()

    def _update_list_notes(self) -> None:
        """Under the list: its order when not by date, and the files skipped. Not in its title, where at 80 columns
        the count left no room for the order ("840 unread of 840 · by …")."""
        order = f"by {self.sort}" if self.sort != next(iter(SORTS)) else ""
        notes = " · ".join(note for note in (order, self._skipped_note) if note)
        if notes != self.article_list.border_subtitle:  # set again, it would draw the whole list again
            self.article_list.border_subtitle = notes
