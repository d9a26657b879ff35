"""Keeping the corpus database in step with the files: find what changed, read it, store it.

`store.freshness.changed_files` finds what changed (a walk of the folders: names, sizes and modification times
only). `Indexer` reads the new and changed files, parses them and finds
their quotations (in worker processes when there are many, one per core) and writes the results in
transactions from one thread, reporting progress; vanished files are dropped first, so a moved file is read as
itself. A killed indexer leaves the database as of its last transaction: what it had not stored is read again
next time."""
from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from . import corpus_db
from .freshness import DUPLICATE, Changes, changed_files, record_files_digest
from .sources.article_files import load_articles
from .corpus_db import QUOTATION_FIELDS, day_of, pack_quotations, speaker_counts, transaction
from .library import Event, Finished, Progress, Stored
from .model import Article, Quotation
from .search.output import json_record
from .text import NotText

if TYPE_CHECKING:
    from .corrections import CorrectionsByArticle
    from .provenance.prepared import PreparedQuotations
    from .read_worker import ReadingProcesses
    from .speakers.table import SpeakerTally

# Below this many files, reading them here costs less than starting worker processes.
POOL_THRESHOLD = 40
CHUNK = 16  # files per task given to a worker
FIRST_COMMIT = 50  # articles stored before the first commit: a new corpus is listed early
# Then a commit when a fifth of the run so far has passed since the last, within these bounds: readers see the
# corpus grow every second at first and never less than every ten seconds, while a long run commits less often.
# A commit writes the pages the transaction changed once however often it changed them, and late in a long run
# that is nearly every page of the indexes whose keys come in no order (the speakers' and the articles'): with a
# fifth rather than a tenth, the writer of a first indexing of 100,000 articles wrote a sixth fewer bytes and
# used 2-3% less CPU.
COMMIT_SECONDS = 1.0
COMMIT_SECONDS_MAX = 10.0
COMMIT_SHARE = 0.2
# Between commits, the articles read are written (and the progress reported) about this often: the full-text
# index takes each batch in the order of its numbers, and the records waiting take memory.
FLUSH_SECONDS = 1.0
# ... and sooner once this many wait: an article read holds tens of KB until it is written (its quotations'
# shingles, mostly), and after a commit the writer takes in the reading processes' answers faster than they came.
FLUSH_ARTICLES = 256
WRITER_CACHE_KB = 64 * 1024
# Index rows of articles written that may wait for the next commit (see `_Writer`): those of 2,500 articles hold
# some 8 MB, and the full-text index takes about twice as much to gather their words before writing them out.
INDEX_ROWS_WAITING = 2500
# Pages the log may hold before they are copied into the file (SQLite's default is 1,000): the indexes' pages,
# written again by every commit, are copied once per checkpoint, so fewer checkpoints copy fewer pages (40,000 of
# 8 KB: a log of up to 330 MB on disk while a first indexing runs; with 10,000, the writer of one of 100,000
# articles wrote a quarter more bytes, and used 2% more CPU).
WRITER_WAL_PAGES = 40_000
# During a long run the speaker statistics are recomputed at most this often, and only once the corpus has
# grown by half since they were last (a count reads every quotation: so all of them cost a few final ones).
SPEAKERS_SECONDS = 30.0
SPEAKERS_GROWTH = 1.5

# One article as a worker hands it over: (id, entry, title, title_key, date, source, url, format,
# quotations packed as the database keeps them (`corpus_db.pack_quotations`; None for none), search fields (title,
# body, speakers, source), the quotations prepared for grouping (`store.provenance.prepared.quotation_keys`),
# how many quotations, each one's speaker, how many each speaker has with each role (`corpus_db.speaker_counts`)).
# Packed where they are found: this process, which writes, neither takes the quotations' fields apart nor puts
# them together again.
ArticleRecord = tuple


@dataclass
class FileRecord:
    """What reading one file gave: its articles, and why it (or some of a feed's entries) could not be read."""

    path: str
    size: int
    mtime_ns: int
    articles: list[ArticleRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# --- reading one file (in a worker process or here) -------------------------------------------------------


def read_file(path: str, size: int, mtime_ns: int, folder_source: str | None = None) -> FileRecord:
    """Parse one file and find its articles' quotations. Never raises for a bad file: its reason is recorded.
    `folder_source`: see `store.sources.article_files.source_folder`."""
    record = FileRecord(path, size, mtime_ns)
    try:
        read = load_articles(path, folder_source)
    except (NotText, OSError) as exc:
        record.problems.append(getattr(exc, "strerror", None) or str(exc))
        return record
    record.problems += read.problems
    if read.articles:
        engine = _reading_modules()[0]
        record.articles += [article_record(article, engine.extract_quotations(article.text))
                            for article in read.articles]
    return record


@functools.cache
def _reading_modules() -> tuple[ModuleType, ModuleType, ModuleType, ModuleType]:
    """The engine and what makes an article's record, imported by whoever reads files (not at start-up), once: an
    import statement costs about a microsecond each time it runs, four of them for every article read. (Modules,
    not their functions: what is called is looked up when it is, as a test that replaces it expects.)"""
    from .provenance import prepared
    from .quotes import engine
    from .search import fts5, query

    return engine, prepared, fts5, query


def article_record(article: Article, quotations: list[Quotation]) -> ArticleRecord:
    """What the database stores of an article and its quotations, search fields included."""
    _engine, prepared, fts5, query = _reading_modules()
    indexed_words = query.indexed_words
    rows = list(map(_quotation_row, quotations))
    speakers = list(map(_speaker, quotations))
    fields = (indexed_words(article.title), indexed_words(article.text),
              indexed_words(*dict.fromkeys(filter(None, speakers))),
              fts5.source_field(indexed_words(article.source)))
    return (article.id, article.entry, article.title, query.fold(article.title), article.date, article.source,
            article.url, article.format, pack_quotations(rows) if rows else None, fields,
            prepared.quotation_keys(list(map(_text, quotations))), len(rows), speakers,
            speaker_counts(rows))


_quotation_row = attrgetter(*QUOTATION_FIELDS)  # a quotation's fields in column order, as one tuple
_speaker, _text = attrgetter("speaker"), attrgetter("text")  # mapped at C speed, not by a Python loop


# --- writing --------------------------------------------------------------------------------------------


class _Writer:
    """Applies reads and removals to the database; numbers new articles by date.

    New articles wait in `pending` until `flush` writes them in the order of their numbers, and their rows of the
    full-text index wait until a `flush` before a commit: the index takes rows in increasing rowid order best (an
    earlier rowid makes it write out everything it holds as one more segment, which it then merges with the others
    again and again; articles in the files' order, whose dates jump about, would cost one segment each, and each
    write between commits one more)."""

    def __init__(self, connection: sqlite3.Connection, first_indexing: bool = False) -> None:
        from .provenance.prepared import PreparedQuotations
        from .speakers.table import SpeakerTally

        self.connection = connection
        self.prepared = PreparedQuotations()  # the quotations written in this run, ready to be grouped
        self.speakers = SpeakerTally()  # what counting the speakers reads, kept up to date as quotations are added
        self.freed: dict[str, int] = {}  # id -> number of articles removed in this run (a moved file's)
        self.quotations_changed = False
        self.pending: list[tuple[int, str, ArticleRecord]] = []  # (number, path, article), not written yet
        self._unindexed: dict[int, tuple] = {}  # number -> search fields, of the articles written, not indexed yet
        self._pending_paths: dict[str, str] = {}  # id -> path, of the pending articles
        self._files: list[tuple] = []  # `files` rows of the files stored, not written yet (one statement a flush)
        self._next_number: dict[int, int] = {}  # day -> its next free number, once known
        self.added_ids: list[str] = []  # articles written and removed in this run (quotations to group again)
        self.removed_ids: list[str] = []
        # A first indexing, each file stored once: every article stored was written by this writer, so a file's
        # articles and an id's file are looked up in the database only when that can find one (a third of the
        # statements of a first indexing).
        self._first = first_indexing

    def remove_file(self, path: str) -> None:
        for number, article_id in self.connection.execute("SELECT num, id FROM articles WHERE path = ?",
                                                          (path,)).fetchall():
            self._remove_article(number, article_id)
        self.connection.execute("DELETE FROM files WHERE path = ?", (path,))

    def _remove_article(self, number: int, article_id: str) -> None:
        if self._unindexed.pop(number, None) is None:
            from .search.fts5 import unindex

            unindex(self.connection, number)
        if corpus_db.delete_quotations(self.connection, number):
            self.quotations_changed = True
            self.speakers.forget()
        self.connection.execute("DELETE FROM articles WHERE num = ?", (number,))
        self.freed[article_id] = number
        self.removed_ids.append(article_id)

    def store(self, record: FileRecord) -> int:
        """Replace what the database holds of this file by what was read (its row and new articles once
        `flush`ed); the number of articles added."""
        old = {} if self._first else {article_id: number for number, article_id in self.connection.execute(
            "SELECT num, id FROM articles WHERE path = ?", (record.path,))}
        problems = list(record.problems)
        if old:
            new_ids = {article[0] for article in record.articles}
            for article_id, number in old.items():
                if article_id not in new_ids:
                    self._remove_article(number, article_id)
        added = 0
        for article in record.articles:
            if article[0] in old:
                continue  # the same entry of a changed feed: unchanged
            other = self._pending_paths.get(article[0]) or self._stored_path(article[0])
            if other is not None:
                entry = f"entry ({article[2][:60]}): " if article[1] else ""
                problems.append(f"{entry}{DUPLICATE}{other}")
                continue
            self.pending.append((self._number(article[0], article[4]), record.path, article))
            self._pending_paths[article[0]] = record.path
            added += 1
        self._files.append((record.path, record.size, record.mtime_ns, "\n".join(problems) or None))
        return added

    def _stored_path(self, article_id: str) -> str | None:
        if self._first and article_id not in self.prepared:  # not written in this run: not stored
            return None
        row = self.connection.execute("SELECT path FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def flush(self, index: bool = True) -> None:
        """Write the rows of the files stored, and the pending articles and their quotations in the order of their
        numbers (inside the caller's transaction); with `index` (always before a commit), or once
        `INDEX_ROWS_WAITING` wait, the index rows of every article written since the last time too, in one order."""
        self.connection.executemany(
            "INSERT OR REPLACE INTO files(path, size, mtime_ns, problems) VALUES (?, ?, ?, ?)", self._files)
        self._files.clear()
        self.pending.sort(key=lambda item: item[0])
        self.added_ids += [article[0] for _number, _path, article in self.pending]
        # Each article's quotations take the ids after the last, in the order written.
        firsts = list(accumulate((article[11] for _number, _path, article in self.pending),
                                 initial=corpus_db.next_quotation_id(self.connection)))
        self.connection.executemany(
            "INSERT INTO articles(num, id, path, entry, title, title_key, date, source, url, format, json_record, "
            "first_quotation, quotation_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(number, article[0], path, *article[1:8], json_record(path, article[4], article[5], article[2]),
              first if article[11] else None, article[11])
             for (number, path, article), first in zip(self.pending, firsts)])
        with_quotations = [(number, article, first) for (number, _path, article), first in zip(self.pending, firsts)
                           if article[11]]
        self.connection.executemany(corpus_db.INSERT_QUOTATIONS, [
            (first, number, article[8]) for number, article, first in with_quotations])
        speaker_rows = [(speaker, role, number, count) for number, article, _first in with_quotations
                        for speaker, role, count in article[13]]
        self.connection.executemany(corpus_db.INSERT_SPEAKERS, speaker_rows)
        self.speakers.add(speaker_rows)
        self.quotations_changed = self.quotations_changed or bool(with_quotations)
        self._unindexed.update((number, article[9]) for number, _path, article in self.pending)
        if index or len(self._unindexed) >= INDEX_ROWS_WAITING:
            from .search.fts5 import index_rows

            index_rows(self.connection, [(number, *self._unindexed[number]) for number in sorted(self._unindexed)])
            self._unindexed.clear()
        for number, _path, article in self.pending:
            self.prepared.add(article[0], number, article[4], article[12], article[10])
        self.pending.clear()
        self._pending_paths.clear()

    def _number(self, article_id: str, date: str | None) -> int:
        """The article's number: the one it had if it was just removed (a moved file keeps its place) and
        its day is the same; else the next free one of its day."""
        day = day_of(date)
        freed = self.freed.pop(article_id, None)
        if freed is not None and freed >> corpus_db._DAY_SHIFT == day:
            return freed
        number = self._next_number.get(day)
        if number is None:
            low = day << corpus_db._DAY_SHIFT
            high = ((day + 1) << corpus_db._DAY_SHIFT) - 1
            last = self.connection.execute("SELECT max(num) FROM articles WHERE num BETWEEN ? AND ?",
                                           (low, high)).fetchone()[0]
            number = low if last is None else last + 1
        self._next_number[day] = number + 1
        return number


def configure_writer(connection: sqlite3.Connection) -> None:
    """The settings of the connection that writes the database: a larger page cache (fewer page writes as the
    index grows) and fewer, larger checkpoints (`WRITER_WAL_PAGES`)."""
    connection.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KB}")
    connection.execute(f"PRAGMA wal_autocheckpoint = {WRITER_WAL_PAGES}")


def _commit_interval(elapsed: float) -> float:
    """The time between two commits of a run that has been writing for `elapsed` seconds."""
    return max(COMMIT_SECONDS, min(COMMIT_SECONDS_MAX, COMMIT_SHARE * elapsed))


# --- the run ----------------------------------------------------------------------------------------------


class Indexer:
    """Brings the database at `path` in step with the files under `roots`."""

    def __init__(self, path: Path, roots: list[Path], report: Callable[[Event], None] = lambda event: None,
                 cancelled: Callable[[], bool] = lambda: False, workers: int | None = None,
                 corrections: CorrectionsByArticle | None = None) -> None:
        self.path = path
        self.roots = roots
        self.report = report
        self.cancelled = cancelled
        self.workers = workers if workers is not None else max(1, min(os.cpu_count() or 1, 4))
        self.corrections = corrections  # the reader's, counted once the files are (None: as last counted)

    def run(self, changes: Changes | None = None) -> bool:
        """Find and apply the changes (or apply `changes`, found already: applying them again after another
        process did is harmless); True when the database changed. Holds the writer lock meanwhile: a second
        quotedesk waits here, then finds little left to do."""
        with corpus_db.writer_lock(self.path):
            connection = corpus_db.connect(self.path)
            configure_writer(connection)
            self._readers = None
            self._reading: ReadingProcesses | None = None  # the processes reading, while they are
            listed = changes is None
            try:
                if listed:
                    self._readers = self._readers_before_listing(connection)
                    changes = changed_files(connection, self.roots)
                self._written: tuple[list[str], list[str]] = ([], [])
                self._prepared: PreparedQuotations | None = None  # what the reading processes prepared for grouping
                changed = self._apply(connection, changes, listed) if changes else False
                if changed or not changes.recorded:
                    with transaction(connection):
                        record_files_digest(connection)
                if self.corrections is not None and not self.cancelled():
                    from .corpus_corrections import count_corrections

                    changed = count_corrections(connection, self.corrections, self.cancelled) or changed
                if not self.cancelled():
                    changed = self._group_quotations(connection, *self._written) or changed
                self._prepared = None
            except sqlite3.DatabaseError as exc:
                if corpus_db.is_damage(exc):
                    raise corpus_db.CorpusDamaged(str(exc)) from exc
                raise
            finally:
                if self._readers is not None:
                    self._readers.close()
                connection.close()
        if not self.cancelled():
            self.report(Finished(changed))
        return changed

    def _readers_before_listing(self, connection: sqlite3.Connection) -> ReadingProcesses | None:
        """On a database that holds no file yet (every file found will be read), the reading processes, started
        now: they start up while the files are listed (a second at 100,000 files). Else None."""
        if self.workers < 2 or connection.execute("SELECT 1 FROM files LIMIT 1").fetchone() is not None:
            return None
        from .read_worker import ReadingProcesses

        return ReadingProcesses(self.workers)

    def _apply(self, connection: sqlite3.Connection, changes: Changes, listed: bool = False) -> bool:
        """`listed`: the changes were found by this run, which alone holds them: the list of files to read is let
        go as they are read (some 24 MB at 100,000 files, held until the end of reading otherwise, when this
        process's memory is near its peak)."""
        # The files to read are each listed once: with no article stored, this run is a first indexing.
        writer = _Writer(connection, connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None)
        self._written = (writer.added_ids, writer.removed_ids)
        self._prepared = writer.prepared
        with transaction(connection):
            # Until they are grouped, and until the files are all stored: a run killed before leaves no digest.
            connection.execute("DELETE FROM meta WHERE key IN ('provenance_complete', 'files_digest')")
            for path in changes.removed:
                writer.remove_file(path)
        files = changes.to_read
        total = len(files)
        if listed:
            changes.to_read = []
        self.report(Progress("reading", 0, total))
        began = last_commit = last_flush = time.monotonic()
        done, stored, next_speakers, counted, waiting = 0, 0, 0.0, 0, 0
        connection.execute("BEGIN IMMEDIATE")
        try:
            records, files = self._records(files), None
            for record in records:
                if self.cancelled():
                    break
                waiting += writer.store(record)
                done += 1
                now = time.monotonic()
                if done == FIRST_COMMIT or now - last_commit >= _commit_interval(now - began):
                    with self._writing():
                        writer.flush()
                        # The speakers too, now and then (the speaker view shows the corpus as read so far).
                        if done == FIRST_COMMIT or (now >= next_speakers and stored >= SPEAKERS_GROWTH * counted):
                            self._rebuild_speakers(connection, writer.speakers)
                            next_speakers, counted = time.monotonic() + SPEAKERS_SECONDS, stored
                        connection.execute("COMMIT")
                        stored = self._stored(connection, done, total)
                        last_commit = last_flush = time.monotonic()
                        connection.execute("BEGIN IMMEDIATE")
                    waiting = 0
                elif waiting >= FLUSH_ARTICLES or now - last_flush >= FLUSH_SECONDS:
                    with self._writing():
                        writer.flush(index=False)
                    waiting = 0
                    if now - last_flush >= FLUSH_SECONDS:
                        self.report(Progress("reading", done, total))
                        last_flush = now
            writer.flush()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        if not self.cancelled():
            if writer.quotations_changed or changes.removed:
                with transaction(connection):
                    self._rebuild_speakers(connection, writer.speakers)
            self._stored(connection, done, total)
        return True

    def _group_quotations(self, connection: sqlite3.Connection, added: list[str], removed: list[str]) -> bool:
        """Group the quotations of the articles written in this run with their other versions
        (`store.provenance`), and ungroup those of the articles removed. The quotations written are grouped as the
        reading processes prepared them."""
        from .provenance.db_store import update

        return update(connection, self.report, self.cancelled, workers=self.workers if self.workers > 1 else 0,
                      added=added, removed=removed, prepared=self._prepared)

    @staticmethod
    def _rebuild_speakers(connection: sqlite3.Connection, tally: SpeakerTally) -> None:
        from .speakers.table import rebuild_speakers

        rebuild_speakers(connection, tally)

    def _stored(self, connection: sqlite3.Connection, done: int, total: int) -> int:
        """Report a commit; the number of articles stored."""
        count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        self.report(Stored(count))
        self.report(Progress("reading", done, total))
        return count

    def _writing(self) -> AbstractContextManager[None]:
        """Around a write: the reading processes, if any, read further ahead meanwhile."""
        return nullcontext() if self._reading is None else self._reading.writing()

    def _records(self, files: list[tuple[str, int, int, str | None]]) -> Iterable[FileRecord]:
        """The files read, in their order: here when they are few, else by worker processes (each chunk let go
        once read: `files` is the caller's to keep or not)."""
        if len(files) < POOL_THRESHOLD or self.workers < 2:
            if self._readers is not None:
                self._readers.close()
            for item in files:
                if self.cancelled():
                    return
                yield read_file(*item)
            return
        from .read_worker import ReadingProcesses, WorkerDied

        chunks: list[list | None] = [files[at:at + CHUNK] for at in range(0, len(files), CHUNK)]
        del files
        processes = self._reading = self._readers or ReadingProcesses(self.workers)
        received = 0
        try:
            for records in processes.read(chunks):
                chunks[received] = None
                received += 1
                yield from records
                if self.cancelled():
                    return
        except WorkerDied:  # killed from outside, out of memory, or a crash: the rest is read here
            pass
        finally:
            self._reading = None
            processes.close()
        for item in (item for chunk in chunks[received:] for item in chunk):
            if self.cancelled():
                return
            yield read_file(*item)
