"""A corpus opened: its database found or made (`store.corpus_db`), a connection for the thread that opened
it, the list and search over it, and bringing it up to date with the files (`store.indexing`). The app and
the command line both go through here."""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from collections import namedtuple
from pathlib import Path
TYPE_CHECKING = False  # typing's flag, without importing typing

from . import corpus_db
from .corpus_db import CorpusDamaged, CorpusReader, CorpusUnavailable, database_path, open_database
from .search.fts5 import Marks
from .search.plan import SearchPlan

if TYPE_CHECKING:
    from .corrections import CorrectionsByArticle
    from .freshness import Changes, Listing
    from .listing import ArticleView
    from .model import Article

# --- what indexing reports as it goes ---------------------------------------------------------------------
# Named tuples, not dataclasses: `quotedesk search` would spend a sixth of its time making dataclasses.


class Progress(namedtuple("Progress", "stage done total")):
    """`stage` ("reading": reading and indexing files), `done` of `total`."""

    __slots__ = ()


class Stored(namedtuple("Stored", "articles")):
    """Some changes were committed: the list and counts may differ now (`articles` in the corpus now)."""

    __slots__ = ()


class Finished(namedtuple("Finished", "changed")):
    """`changed`: the database changed in this run."""

    __slots__ = ()


class Rebuilt(namedtuple("Rebuilt", "notice")):
    """The database was found damaged and is being made again: the `notice` to tell the user."""

    __slots__ = ()


Event = Progress | Stored | Finished | Rebuilt

# What shows a stage's progress is given it at most this often (`paced`): the grouping reports every 2,000
# quotations, some 600 times a second, and the app, which showed each report, answered a key pressed meanwhile up to
# almost a second late.
PROGRESS_SECONDS = 0.1


def paced(report: Callable[[Event], None], clock: Callable[[], float] = time.monotonic) -> Callable[[Event], None]:
    """`report`, given a stage's `Progress` at most every `PROGRESS_SECONDS` (its first and its last always; every
    other event as it comes)."""
    stage: str | None = None  # of the last progress passed on
    passed_at = 0.0

    def pass_on(event: Event) -> None:
        nonlocal stage, passed_at
        if isinstance(event, Progress):
            now = clock()
            if event.stage == stage and event.done < event.total and now - passed_at < PROGRESS_SECONDS:
                return
            stage, passed_at = event.stage, now
        report(event)
    return pass_on


__all__ = ["CorpusUnavailable", "Event", "Finished", "Library", "Marks", "Progress", "Rebuilt", "Stored", "paced"]


class Library:
    """The corpus under `roots`. `connection` and `reader` belong to the thread that made the library;
    other threads ask `connect()` for their own."""

    def __init__(self, roots: list[Path], cache_dir: Path | None = None) -> None:
        # Absolute, so that files are known by one name from any working folder (and so is the database).
        self.roots = [Path(os.path.abspath(root)) for root in roots]
        self.path = database_path(self.roots, cache_dir)
        self.connection, self.notice = open_database(self.path, self.roots)
        self.reader = CorpusReader(self.connection)
        corpus_db.remove_old_cache(self.roots, cache_dir)

    def connect(self) -> sqlite3.Connection:
        return corpus_db.connect(self.path)

    def close(self) -> None:
        self.connection.close()

    def view(self, plan: SearchPlan | None = None, marks: Marks = Marks(),
             connection: sqlite3.Connection | None = None, sort: str = "date") -> ArticleView:
        """The articles `plan` selects (all of them without one) in `sort` order, counted, with their first page
        read."""
        from .listing import ArticleView  # not needed by `quotedesk search`

        return ArticleView.of(connection or self.connection, plan, marks, sort=sort)

    def changes(self, connection: sqlite3.Connection | None = None, listing: Listing | None = None) -> Changes:
        """What differs between the files and the database (sizes and times only; `listing`: find's listing of
        the roots, started earlier, see `store.freshness`)."""
        from .freshness import changed_files

        return changed_files(connection or self.connection, self.roots, listing)

    def sync(self, report: Callable[[Event], None] = lambda event: None,
             cancelled: Callable[[], bool] = lambda: False, *, changes: Changes | None = None,
             workers: int | None = None, corrections: CorrectionsByArticle | None = None) -> bool:
        """Bring the database in step with the files (in the calling thread; worker processes read the files
        when there are many), and with the reader's `corrections` when given (`store.corpus_corrections`); True
        when something changed. A database found damaged meanwhile is made again and filled from the files
        (`Rebuilt` is reported first)."""
        from .indexing import Indexer

        try:
            return Indexer(self.path, self.roots, report, cancelled, workers, corrections).run(changes)
        except CorpusDamaged as exc:
            report(Rebuilt(f"The corpus cache was damaged ({exc}) and is being rebuilt from the files."))
            self.rebuild()
            return Indexer(self.path, self.roots, report, cancelled, workers, corrections).run()

    def recount(self, article: Article, corrections: CorrectionsByArticle,
                cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Count the reader's corrections of `article` at once (the reader just made one), in the calling thread;
        True when the database changed. Waits while the files are being checked."""
        from .corpus_corrections import recount_article

        with corpus_db.writer_lock(self.path):
            if cancelled():  # a later correction is on its way
                return False
            connection = self.connect()
            try:
                return recount_article(connection, article, corrections)
            finally:
                connection.close()

    def rebuild(self) -> None:
        """Replace the database by a new, empty one. The old connection is left open, not closed: another
        thread may be reading through it; it sees the old file until it asks for `connection` again."""
        with corpus_db.writer_lock(self.path):
            corpus_db.remove_database(self.path)
        self.connection, _notice = open_database(self.path, self.roots)
        self.reader = CorpusReader(self.connection)

    def search_while_checking(self, run: Callable[[sqlite3.Connection], object],
                              report: Callable[[Event], None] = lambda event: None,
                              listing: Listing | None = None) -> object:
        """`run(connection)` on the database as it is while the files are checked, here, at the same time (by
        `listing` when given: see `changes`); if anything changed, the database is brought up to date and `run`
        runs again. Either way the answer reflects the files as they are now."""
        early = InThread(self.connect, run, "quotedesk-search")
        changes = self.changes(listing=listing)
        early.join()
        if changes or not changes.recorded:
            self.sync(report, changes=changes)
        if changes:
            return run(self.connection)
        return early.result()


class InThread:
    """`run(connection)` on a connection of its own (`connect()`), in a thread started at once: `result()` waits
    for it and returns its answer, or raises its exception in the caller's thread."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], run: Callable[[sqlite3.Connection], object],
                 name: str) -> None:
        self._answer: list[object] = []
        self._failure: list[BaseException] = []

        def work() -> None:
            connection = connect()
            try:
                self._answer.append(run(connection))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                self._failure.append(exc)
            finally:
                connection.close()

        self._thread = threading.Thread(target=work, name=name, daemon=True)
        self._thread.start()

    def join(self) -> None:
        self._thread.join()

    def result(self) -> object:
        self._thread.join()
        if self._failure:
            raise self._failure[0]
        return self._answer[0]
