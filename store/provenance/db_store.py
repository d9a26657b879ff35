"""Provenance kept in the corpus database, and kept in step with its articles.

Tables (made with the rest of the schema, `store.corpus_db.PROVENANCE_SCHEMA`):

- `provenance_article(id, first_quotation, quotation_count)`: the articles whose quotations are grouped (the
  ids of `articles`), each with the ids of its quotations: they run from `first_quotation` on (NULL when it
  has none), in the article's order (quotation number `seq` is `first_quotation + seq`). An article in
  `articles` and not here is still to be grouped, one here and not there has gone.
- `provenance_quotation(quotation_id, wording, group_id)`: each direct quotation of those articles, its
  wording and its group (a member's id). Ids increase in the order quotations were added: the latest
  postings of a shingle are its largest ids.
- `provenance_wording(wording, folded, shingles, uses)`: a wording's packed `Folded`, how many shingles it
  has, and how many quotations have it. A first grouping keeps each distinct wording once (a much-republished
  quotation is a row, not thousands of copies of one string), numbered by its first quotation; a quotation
  grouped later has a wording of its own, numbered by its id.
- `provenance_shingle(shingle, quotation_id)`: the postings of every shingle.
- `provenance_group(group_id, size, changed, speaker_conflict)`: every group of two or more, with its flags.

`update(connection, ...)` brings them in step after the indexer has stored articles (`store.indexing` calls
it, holding the writer lock): the quotations of articles gone leave their groups, those of new ones are
grouped, one transaction per batch of articles. A corpus grouped for the first time goes faster another way
(`_first_grouping`): the quotations are grouped in memory, oldest first, folded and shingled already by the
processes that read the files (`prepared`; else by worker processes while this one groups them), and
everything is written in one transaction at the end, the groups' flags worked out by the worker processes
meanwhile (readers see the tables as they were until then; a run stopped half way leaves them as they were).
"""
from __future__ import annotations

import gc
import json
import sqlite3
import time
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby, islice, repeat
from operator import lshift, or_, sub
from typing import TYPE_CHECKING, TypeVar

from ..corpus_db import (QUOTATION_FIELDS, QUOTATIONS_OF, return_freed_memory, stored_quotations, transaction,
                         unpack_quotations)
from ..library import Event, Progress
from .grouping import MIN_SHARED_SHINGLES, POSTINGS_LIMIT, DenseMemoryStore, Grouper
from .groups import flags
from .reader import QUOTATION_ROWS
from .relation import related
from .words import Folded, packed_features, shingles

if TYPE_CHECKING:
    from .prepared import PreparedQuotations
    from .workers import FlagsTask, WorkerProcesses

__all__ = ["DbStore", "FIRST_GROUPING_THRESHOLD", "regroup", "update"]

_TEXT, _SPEAKER = QUOTATION_FIELDS.index("text"), QUOTATION_FIELDS.index("speaker")
T = TypeVar("T")
STAGE = "grouping"  # the `Progress` stage reported
FIRST_GROUPING_THRESHOLD = 2_000  # quotations: from this many on, an empty corpus is grouped in memory
BATCH_ARTICLES = 200  # articles per transaction when grouping a few at a time
CHUNK = 2_000  # quotations per task given to a worker process
MAX_COMPOUND = 400  # shingles per query (SQLite allows 500 SELECTs in one UNION ALL)
SMALL_CACHE = -2000  # SQLite's default page cache (2,000 KB)
# A pass in C over millions of items holds the interpreter from start to end, and the app's thread, which needs it
# to answer a key, waits that long: up to two thirds of a second at the end of a first indexing of 100,000 articles.
# Such passes go in slices of this many items, the interpreter let go between two (`_in_slices`); so do the
# quotations written by one statement of a first grouping (their JSON array is made in one pass; all 1.5 million
# of a first indexing of 100,000 articles at once would take 80 MB).
SLICE = 25_000
BULK_CACHE_KB = 16 * 1024  # page cache while a first grouping is written (its rows go in in order: more saves no time)


class DbStore:
    """`ProvenanceStore` in the corpus database, on one connection (the caller's transactions). Which article's
    quotations the ids are is for the caller to write (`provenance_article`). Every group that may have changed
    is remembered in `touched` until `refresh_groups` writes the flags again."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.touched: set[int] = set()

    def next_id(self) -> int:
        return (self.connection.execute("SELECT max(quotation_id) FROM provenance_quotation").fetchone()[0] or 0) + 1

    def add(self, quotation_id: int, folded: str, shingles: Collection[int]) -> None:
        self.connection.execute("INSERT INTO provenance_wording VALUES (?, ?, ?, 1)",
                                (quotation_id, folded, len(shingles)))
        self.connection.execute("INSERT INTO provenance_quotation VALUES (?, ?, ?)",
                                (quotation_id, quotation_id, quotation_id))
        self.connection.executemany("INSERT INTO provenance_shingle VALUES (?, ?)",
                                    [(shingle, quotation_id) for shingle in shingles])

    def remove(self, quotation_id: int) -> None:
        wording = self._value("p.wording", quotation_id)
        own = shingles(Folded.unpack(self.folded(quotation_id)).keys)
        self.connection.executemany("DELETE FROM provenance_shingle WHERE shingle = ? AND quotation_id = ?",
                                    [(shingle, quotation_id) for shingle in own])
        self.touched.add(self.group_of(quotation_id))
        self.connection.execute("DELETE FROM provenance_quotation WHERE quotation_id = ?", (quotation_id,))
        self.connection.execute("UPDATE provenance_wording SET uses = uses - 1 WHERE wording = ?", (wording,))
        self.connection.execute("DELETE FROM provenance_wording WHERE wording = ? AND uses = 0", (wording,))

    def shared(self, shingles: Collection[int], limit: int) -> tuple[Counter[int], int]:
        counts: Counter[int] = Counter()
        per_shingle: Counter[int] = Counter()
        listed = list(shingles)
        for at in range(0, len(listed), MAX_COMPOUND):
            part = listed[at:at + MAX_COMPOUND]
            query = " UNION ALL ".join(
                ["SELECT * FROM (SELECT shingle, quotation_id FROM provenance_shingle WHERE shingle = ? "
                 "ORDER BY quotation_id DESC LIMIT ?)"] * len(part))
            rows = self.connection.execute(query, [value for shingle in part for value in (shingle, limit)])
            for shingle, quotation_id in rows:
                counts[quotation_id] += 1
                per_shingle[shingle] += 1
        return counts, len(listed) - sum(1 for count in per_shingle.values() if count >= limit)

    def add_shared(self, quotation_id: int, folded: str, shingles: Collection[int], limit: int
                   ) -> tuple[Counter[int], int]:
        shared = self.shared(shingles, limit)
        self.add(quotation_id, folded, shingles)
        return shared

    def _value(self, column: str, quotation_id: int):
        row = self.connection.execute(
            f"SELECT {column} FROM provenance_quotation p JOIN provenance_wording w ON w.wording = p.wording "
            "WHERE p.quotation_id = ?", (quotation_id,)).fetchone()
        if row is None:
            raise KeyError(quotation_id)
        return row[0]

    def folded(self, quotation_id: int) -> str:
        return self._value("w.folded", quotation_id)

    def shingle_count(self, quotation_id: int) -> int:
        return self._value("w.shingles", quotation_id)

    def group_of(self, quotation_id: int) -> int:
        row = self.connection.execute("SELECT group_id FROM provenance_quotation WHERE quotation_id = ?",
                                      (quotation_id,)).fetchone()
        if row is None:
            raise KeyError(quotation_id)
        return row[0]

    def members(self, group: int) -> list[int]:
        return [quotation_id for (quotation_id,) in self.connection.execute(
            "SELECT quotation_id FROM provenance_quotation WHERE group_id = ? ORDER BY quotation_id", (group,))]

    def _size(self, group: int) -> int:
        return self.connection.execute("SELECT count(*) FROM provenance_quotation WHERE group_id = ?",
                                       (group,)).fetchone()[0]

    def merge(self, group: int, other: int) -> int:
        if group == other:
            return group
        # as `MemoryStore`: the smaller group takes the larger's id; on a tie the older id stays
        if (self._size(group), -group) < (self._size(other), -other):
            group, other = other, group
        self.connection.execute("UPDATE provenance_quotation SET group_id = ? WHERE group_id = ?", (group, other))
        self.touched.update((group, other))
        return group

    def split(self, quotation_ids: Iterable[int]) -> None:
        alone = set(quotation_ids)
        for group in {self.group_of(quotation_id) for quotation_id in alone}:
            self.touched.add(group)
            rest = [member for member in self.members(group) if member not in alone]
            if rest and group in alone:  # the others stay together, under a member's id
                self.connection.execute("UPDATE provenance_quotation SET group_id = ? WHERE group_id = ?",
                                        (rest[0], group))
                self.touched.add(rest[0])
        self.connection.executemany("UPDATE provenance_quotation SET group_id = quotation_id WHERE quotation_id = ?",
                                    [(quotation_id,) for quotation_id in alone])
        self.touched.update(alone)

    def refresh_groups(self) -> None:
        """Write the size and flags of every touched group again (and forget those that are no group now)."""
        touched = sorted(self.touched)
        self.touched.clear()
        for at in range(0, len(touched), 500):
            part = touched[at:at + 500]
            marks = ", ".join("?" * len(part))
            self.connection.execute(f"DELETE FROM provenance_group WHERE group_id IN ({marks})", part)
            write_groups(self.connection, f"p.group_id IN ({marks})", part)


def write_groups(connection: sqlite3.Connection, where: str, parameters: Collection = ()) -> None:
    """Insert the `provenance_group` rows of the groups of two or more among the quotations `where` selects
    (a condition on `provenance_quotation p`, taking whole groups)."""
    rows = connection.execute(
        "SELECT p.group_id, p.quotation_id, a.date, p.quotation_id - r.first_quotation, q.packed, w.folded "
        f"FROM {QUOTATION_ROWS} JOIN provenance_wording w ON w.wording = p.wording "
        f"WHERE {where} ORDER BY p.group_id", tuple(parameters))
    found = []
    for group, members in groupby(rows, key=lambda row: row[0]):
        members = [(quotation_id, date, unpack_quotations(quotations)[seq][_SPEAKER], Folded.unpack(folded))
                   for _group, quotation_id, date, seq, quotations, folded in members]
        if len(members) > 1:
            found.append((group, len(members), *flags(members)))
    connection.executemany("INSERT INTO provenance_group VALUES (?, ?, ?, ?)", found)


# --- keeping the tables in step ----------------------------------------------------------------------------

_NEW_ARTICLES = ("SELECT id FROM articles WHERE id NOT IN (SELECT id FROM provenance_article) "
                 "ORDER BY num DESC")  # oldest first: the latest postings of a shingle are then the latest news
_GONE_ARTICLES = "SELECT id FROM provenance_article WHERE id NOT IN (SELECT id FROM articles)"
# The direct quotations not grouped yet, oldest article first, each in reading order: what a first grouping
# numbers (with their texts, dates and speakers); and those articles, with how many quotations each has.
_UNGROUPED_ARTICLES = "FROM articles a WHERE a.id NOT IN (SELECT id FROM provenance_article) ORDER BY a.num DESC"
_UNGROUPED = f"SELECT a.date, q.packed FROM articles a JOIN article_quotations q ON {QUOTATIONS_OF} " \
             "WHERE a.id NOT IN (SELECT id FROM provenance_article) ORDER BY a.num DESC"
_UNGROUPED_COUNTS = f"SELECT a.id, a.quotation_count {_UNGROUPED_ARTICLES}"


def _direct_quotations(connection: sqlite3.Connection) -> Iterator[tuple[str, str | None, str | None]]:
    """The (text, date, speaker) of each quotation `_UNGROUPED` holds, in its order."""
    for date, quotations in connection.execute(_UNGROUPED):
        for row in unpack_quotations(quotations):
            yield row[_TEXT], date, row[_SPEAKER]


def update(connection: sqlite3.Connection, report: Callable[[Event], None] = lambda event: None,
           cancelled: Callable[[], bool] = lambda: False, workers: int = 2, *,
           added: Collection[str] | None = None, removed: Collection[str] | None = None,
           prepared: PreparedQuotations | None = None) -> bool:
    """Group the quotations of articles not grouped yet and ungroup those of articles gone (the caller holds
    the writer lock); True when anything changed. `Progress("grouping", done, total)` is reported as it goes.

    `added` and `removed`, when given, are the ids of the articles the indexer just wrote and removed: only
    they are looked at, if the last update finished (the `provenance_complete` mark in `meta`, which the
    indexer takes away before it changes articles). Otherwise every article is compared with the tables.

    `prepared`, when given, holds the quotations of articles as they were found (`prepared`): those are not
    folded, shingled or read here again. An article the reader's corrections were counted for is read here."""
    if prepared is not None:
        prepared.forget(article_id for (article_id,) in connection.execute(
            "SELECT a.id FROM corrected c JOIN articles a ON a.num = c.article"))
    complete = connection.execute("SELECT 1 FROM meta WHERE key = 'provenance_complete'").fetchone() is not None
    if added is not None and removed is not None and complete:
        new, gone = _hinted(connection, added, removed)
    else:
        new = [article_id for (article_id,) in connection.execute(_NEW_ARTICLES)]
        gone = [article_id for (article_id,) in connection.execute(_GONE_ARTICLES)]
    if not new and not gone:
        done = False
    else:
        empty = connection.execute("SELECT 1 FROM provenance_article LIMIT 1").fetchone() is None
        if empty and not gone and _direct_count(connection) >= FIRST_GROUPING_THRESHOLD:
            done = _first_grouping(connection, new, report, cancelled, workers, prepared)
        else:
            done = _a_few_at_a_time(connection, new, gone, report, cancelled, prepared)
        if not done:
            return False  # stopped: the next update compares everything
    if not complete:
        connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('provenance_complete', 1)")
    return bool(new or gone)


def _hinted(connection: sqlite3.Connection, added: Collection[str], removed: Collection[str]
            ) -> tuple[list[str], list[str]]:
    """Of the articles written and removed, those to group and to ungroup (a moved file's article is both
    removed and written again, and stays as it was). One statement each: two an article took 1.3 CPU-s for
    100,000 articles added to a grouped corpus, these 0.3."""
    def those(article_ids: Collection[str], condition: str) -> list[str]:
        listed = json.dumps(list(dict.fromkeys(article_ids)))
        return [article_id for (article_id,) in connection.execute(
            f"SELECT value FROM json_each(?) WHERE {condition} ORDER BY key", (listed,))]

    return (those(added, "value IN (SELECT id FROM articles) AND value NOT IN (SELECT id FROM provenance_article)"),
            those(removed, "value NOT IN (SELECT id FROM articles) AND value IN (SELECT id FROM provenance_article)"))


def _direct_count(connection: sqlite3.Connection) -> int:
    return connection.execute("SELECT coalesce(sum(quotation_count), 0) FROM articles").fetchone()[0]


def _a_few_at_a_time(connection: sqlite3.Connection, new: list[str], gone: list[str],
                     report: Callable[[Event], None], cancelled: Callable[[], bool],
                     prepared: PreparedQuotations | None = None) -> bool:
    """Group and ungroup in transactions of a batch of articles each; False when stopped half way."""
    store = DbStore(connection)
    grouper = Grouper(store)
    total = len(new) + len(gone)
    batches = [(gone[at:at + BATCH_ARTICLES], []) for at in range(0, len(gone), BATCH_ARTICLES)]
    batches += [([], new[at:at + BATCH_ARTICLES]) for at in range(0, len(new), BATCH_ARTICLES)]
    done = 0
    for removed, added in batches:
        if cancelled():
            return False
        with transaction(connection):
            _ungroup(connection, grouper, removed)
            _forget_articles(connection, removed)
            _group(connection, store, grouper, added, prepared)
            store.refresh_groups()
        done += len(removed) + len(added)
        if total > BATCH_ARTICLES:
            report(Progress(STAGE, done, total))
    return True


def regroup(connection: sqlite3.Connection, article_ids: Collection[str]) -> None:
    """Group again the quotations of articles whose quotations were written again (the reader's
    corrections counted: a quotation hidden or added moves the others' `seq`), inside the caller's transaction.
    Articles not grouped yet are left to `update`."""
    grouped = [a for a in dict.fromkeys(article_ids) if connection.execute(
        "SELECT 1 FROM provenance_article WHERE id = ?", (a,)).fetchone() is not None]
    if not grouped:
        return
    store = DbStore(connection)
    grouper = Grouper(store)
    _ungroup(connection, grouper, grouped)
    _forget_articles(connection, grouped)
    _group(connection, store, grouper, grouped)
    store.refresh_groups()


def _ungroup(connection: sqlite3.Connection, grouper: Grouper, article_ids: list[str]) -> None:
    for article_id in article_ids:
        row = connection.execute("SELECT first_quotation, quotation_count FROM provenance_article WHERE id = ?",
                                 (article_id,)).fetchone()
        if row is not None and row[0] is not None:
            for quotation_id in range(row[0], row[0] + row[1]):
                grouper.remove(quotation_id)


def _group(connection: sqlite3.Connection, store: DbStore, grouper: Grouper, article_ids: list[str],
           prepared: PreparedQuotations | None = None) -> None:
    """Group the quotations of these articles, numbered after the last, and write which are whose."""
    quotation_id = store.next_id()
    articles = []
    for article_id in article_ids:
        keys = prepared.keys_of(article_id) if prepared is not None else None
        first = quotation_id
        if keys is None:
            for text in _texts_of(connection, article_id):
                store.touched.add(grouper.add(quotation_id, text))
                quotation_id += 1
        else:
            for packed, own in keys:
                store.touched.add(grouper.add_packed(quotation_id, packed, own))
                quotation_id += 1
        articles.append((article_id, first if quotation_id > first else None, quotation_id - first))
    connection.executemany("INSERT INTO provenance_article VALUES (?, ?, ?)", articles)


def _forget_articles(connection: sqlite3.Connection, article_ids: list[str]) -> None:
    connection.executemany("DELETE FROM provenance_article WHERE id = ?", [(a,) for a in article_ids])


def _texts_of(connection: sqlite3.Connection, article_id: str) -> list[str]:
    """The texts of the article's direct quotations, in reading order."""
    number = connection.execute("SELECT num FROM articles WHERE id = ?", (article_id,)).fetchone()
    return [row[_TEXT] for row in stored_quotations(connection, number[0])] if number else []


def _first_grouping(connection: sqlite3.Connection, new: list[str], report: Callable[[Event], None],
                    cancelled: Callable[[], bool], workers: int, prepared: PreparedQuotations | None = None) -> bool:
    from .workers import WorkerProcesses

    total = _direct_count(connection)
    report(Progress(STAGE, 0, total))
    with _page_cache_released(connection), WorkerProcesses(workers) as processes, _collector_paused():
        if prepared is not None and prepared.missing(new) <= len(new) // 10:
            order = _prepared_order(connection, prepared, new)
            grouped = _group_prepared(prepared, order, report, cancelled)
            counts: Iterable[tuple[str, int]] = zip(order, prepared.quotation_counts(order))
        else:
            grouped = _group_in_memory(connection, processes, total, report, cancelled)
            counts = connection.execute(_UNGROUPED_COUNTS).fetchall()
        if grouped is None:
            return False
        return_freed_memory()  # what grouping freed: copies left behind by the store's arrays as they grew
        _write_first_grouping(connection, processes, grouped, _article_rows(counts, len(grouped.store)),
                              max(0, workers - 1))
        del grouped  # before the collector is back, which would walk all of it once
    report(Progress(STAGE, total, total))
    return True


@contextmanager
def _page_cache_released(connection: sqlite3.Connection) -> Iterator[None]:
    """SQLite's default page cache while a first grouping runs, the memory of the writer's larger one given back
    to the system: the grouping reads its quotations once, in order, and this process's memory peaks then."""
    before = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = {SMALL_CACHE}")
    connection.execute("PRAGMA shrink_memory")
    return_freed_memory()
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {before}")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Grouping makes millions of objects and no garbage that only the collector could free (no reference
    cycles): it would walk them again and again for nothing, while they are grouped and while they are
    written."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Grouped:
    """A first grouping done in memory: the store (quotation ids from 1 in the order added) and, at index
    id - 1, each quotation's article date and speaker as numbers in `values` (one string per distinct date or
    name: a few bytes a quotation); and each distinct wording's first quotation (`_add`). Which article each
    id is, is read again as the rows are written."""

    store: DenseMemoryStore
    dates: array = field(default_factory=lambda: array("I"))
    speakers: array = field(default_factory=lambda: array("I"))
    values: list[str | None] = field(default_factory=list)
    first_of: dict[str, list] = field(default_factory=dict)


def _group_in_memory(connection: sqlite3.Connection, processes: WorkerProcesses, total: int,
                     report: Callable[[Event], None], cancelled: Callable[[], bool]) -> _Grouped | None:
    """Every direct quotation grouped in a `DenseMemoryStore`, folded and shingled by the worker processes.
    None when cancelled."""
    from .workers import each_prepared

    grouped = _Grouped(DenseMemoryStore(POSTINGS_LIMIT))
    store = grouped.store
    grouper = Grouper(store)
    # The first quotation of each wording, and whether it is a quotation at all (enough words to be grouped):
    # a verbatim copy joins its group at once, without looking for candidates.
    first_of = grouped.first_of
    next_id = 1
    for _chunk, prepared in processes.run("prepare", _chunks(connection, grouped)):
        if cancelled():
            return None
        for packed, own in each_prepared(prepared):
            _add(grouper, store, first_of, next_id, packed, own)
            next_id += 1
        report(Progress(STAGE, next_id - 1, total))
    return grouped


def _prepared_order(connection: sqlite3.Connection, prepared: PreparedQuotations, new: list[str]) -> list[str]:
    """The new articles oldest first (as `_UNGROUPED` orders them), those `prepared` lacks prepared here."""
    from .prepared import quotation_keys

    for article_id in new:
        if article_id in prepared:
            continue
        number, date = connection.execute("SELECT num, date FROM articles WHERE id = ?", (article_id,)).fetchone()
        rows = stored_quotations(connection, number)
        prepared.add(article_id, number, date, [row[_SPEAKER] for row in rows],
                     quotation_keys([row[_TEXT] for row in rows]))
    return prepared.oldest_first(new)


def _group_prepared(prepared: PreparedQuotations, order: list[str], report: Callable[[Event], None],
                    cancelled: Callable[[], bool]) -> _Grouped | None:
    """`_group_in_memory`, of quotations prepared as they were found: none is read or folded here."""
    dates, speakers = prepared.dates_and_speakers(order)
    grouped = _Grouped(DenseMemoryStore(POSTINGS_LIMIT), dates, speakers, prepared.values)
    store = grouped.store
    grouper = Grouper(store)
    first_of = grouped.first_of
    total = len(dates)
    quotations = prepared.quotations(order)
    next_id = 1
    while chunk := list(islice(quotations, CHUNK)):  # as `_group_in_memory` takes them: stopped and reported
        if cancelled():
            return None
        for packed, own in chunk:
            _add(grouper, store, first_of, next_id, packed, own)
            next_id += 1
        report(Progress(STAGE, next_id - 1, total))
    return grouped


def _article_rows(counts: Iterable[tuple[str, int]], total: int) -> list[tuple[str, int | None, int]]:
    """The `provenance_article` rows of a first grouping: each article (id, its number of quotations), in the order
    their quotations were numbered from 1. Raises when they do not hold `total` quotations."""
    rows, first = [], 1
    for article_id, count in counts:
        rows.append((article_id, first if count else None, count))
        first += count
    if first - 1 != total:
        raise RuntimeError(f"{first - 1} quotations in the articles grouped, {total} grouped")
    return rows


def _write_first_grouping(connection: sqlite3.Connection, processes: WorkerProcesses, grouped: _Grouped,
                          articles: list[tuple[str, int | None, int]], sorting_threads: int = 0) -> None:
    """Write a first grouping in one transaction, the groups' flags worked out by the worker processes
    meanwhile (handed out a few tasks at a time by a thread of this process, so that the groups' members are
    never all copied at once). The tables' secondary indexes are made again after their rows are in, which
    is faster than keeping them up to date row by row (the quotations' while the flags are worked out).
    `articles`: the `provenance_article` rows (`_article_rows`); `sorting_threads`: see `_bulk_writing`."""
    store = grouped.store
    with ThreadPoolExecutor(1) as flagging:
        flagged = flagging.submit(_group_rows, processes, grouped)
        with _bulk_writing(connection, sorting_threads), transaction(connection):
            indexes = _drop_indexes(connection, ("provenance_quotation", "provenance_article"))
            group_indexes = _drop_indexes(connection, ("provenance_group",))
            folded, groups = store.quotation_columns()
            # each quotation's wording: its first quotation's id (every copy holds the first one's string)
            first_ids = {packed: first[0] for packed, first in grouped.first_of.items()}
            wordings = array("q")
            for part in _in_slices(map(first_ids.__getitem__, folded)):
                wordings.extend(part)
            uses: Counter[int] = Counter()
            for part in _in_slices(wordings):
                uses.update(part)
            # The rows from JSON arrays, each quotation's wording and group one number (ids below 2**32: a corpus
            # that had more quotations would not fit in memory here): a third less CPU than a statement a row.
            # A quotation alone is a group of its own.
            rows = map(or_, map(lshift, wordings, repeat(32)), groups)
            first = 1
            for part in _in_slices(rows):
                connection.execute(
                    "INSERT INTO provenance_quotation SELECT ?1 + key, value >> 32, "
                    "coalesce(nullif(value & 4294967295, 0), ?1 + key) FROM json_each(?2)", (first, json.dumps(part)))
                first += len(part)
            del wordings, rows
            connection.executemany("INSERT INTO provenance_wording VALUES (?, ?, ?, ?)", [
                (first, packed, store.shingle_count(first), uses[first]) for packed, first in first_ids.items()])
            connection.executemany("INSERT INTO provenance_shingle VALUES (?, ?)", store.shingle_rows())
            connection.executemany("INSERT INTO provenance_article VALUES (?, ?, ?)", articles)
            for sql in indexes:  # while the flags are worked out
                connection.execute(sql)
            connection.executemany("INSERT INTO provenance_group VALUES (?, ?, ?, ?)", flagged.result())
            for sql in group_indexes:
                connection.execute(sql)


def _in_slices(items: Iterable[T]) -> Iterator[list[T]]:
    """`items` in lists of `SLICE`, the interpreter let go between two (to another thread that waits for it)."""
    iterator = iter(items)
    while part := list(islice(iterator, SLICE)):
        yield part
        time.sleep(0)


FLAGS_CHUNK = 20_000  # members per task given to a worker process (a larger group is a task alone)
FLAGS_AHEAD = 1  # tasks per worker process handed out before the first answer is waited for (each holds its members)


def _group_rows(processes: WorkerProcesses, grouped: _Grouped) -> list[tuple[int, int, bool, bool]]:
    """The `provenance_group` rows of a first grouping, their flags worked out by the worker processes, which are
    then stopped: their memory is not needed while the rest is written."""
    rows = [(group, size, changed, conflict)
            for task, results in processes.run("flags", _flags_tasks(grouped), ahead=FLAGS_AHEAD)
            for group, size, (changed, conflict) in zip(task[0], task[1], results)]
    processes.close()
    return rows


def _flags_tasks(grouped: _Grouped) -> Iterator[FlagsTask]:
    """The groups of two or more, by id, as `workers.FlagsTask`s of about `FLAGS_CHUNK` members."""
    store = grouped.store
    chunk: list[int] = []
    size = 0
    for group in store.group_ids():
        chunk.append(group)
        size += len(store.kept_members(group))
        if size >= FLAGS_CHUNK:
            yield _flags_task(grouped, chunk)
            chunk, size = [], 0
    if chunk:
        yield _flags_task(grouped, chunk)


def _flags_task(grouped: _Grouped, groups: list[int]) -> FlagsTask:
    """These groups as a `workers.FlagsTask`: numbers, made without an object per member."""
    store, values = grouped.store, grouped.values
    ids, sizes = array("q"), array("I")
    for group in groups:
        members = store.kept_members(group)
        ids.extend(members)
        sizes.append(len(members))
    # a member's date and speaker are at its id - 1
    dates = array("I", map(grouped.dates.__getitem__, map(sub, ids, repeat(1))))
    speakers = array("I", map(grouped.speakers.__getitem__, map(sub, ids, repeat(1))))
    folded = store.folded_of(ids)
    # each wording's number, in the order first met (every copy of a wording is the same string)
    numbers = {packed: number for number, packed in enumerate(dict.fromkeys(folded))}
    wordings = array("I", map(numbers.__getitem__, folded))
    table = {number: values[number] for number in {*dates, *speakers}}
    return array("q", groups), sizes, ids, dates, speakers, wordings, table, list(numbers)


@contextmanager
def _bulk_writing(connection: sqlite3.Connection, sorting_threads: int = 0) -> Iterator[None]:
    """A page cache of `BULK_CACHE_KB` while a first grouping is written: larger than SQLite's default (its rows
    would be spilled to the log and read back as the indexes are made), and no larger, since the memory of this
    process peaks then. And `sorting_threads` threads of SQLite's to help sort the rows of the indexes made: the
    other cores are idle by then (with one, the quotations' group index of a first indexing of 100,000 articles
    took a quarter less CPU of this thread, for a fifth more in all)."""
    before = connection.execute("PRAGMA cache_size").fetchone()[0], connection.execute("PRAGMA threads").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
    connection.execute(f"PRAGMA threads = {sorting_threads}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {before[0]}")
        connection.execute(f"PRAGMA threads = {before[1]}")


def _drop_indexes(connection: sqlite3.Connection, tables: Iterable[str]) -> list[str]:
    """Drop the secondary indexes of these tables; the statements that make them again."""
    found = []
    for table in tables:
        found += connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                    "AND sql IS NOT NULL", (table,)).fetchall()
    for name, _sql in found:
        connection.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _add(grouper: Grouper, store: DenseMemoryStore, first_of: dict[str, list], quotation_id: int, packed: str,
         own: Collection[int]) -> None:
    """`grouper.add_prepared`, but a quotation worded as one before joins that one's group at once: it has
    the same candidates, and is the same quotation as any of them it is like. Every copy of a wording keeps
    the first one's string (a much-republished quotation costs memory once)."""
    first = first_of.get(packed)
    if first is None:
        first_of[packed] = [quotation_id, None, packed]
    else:
        packed = first[2]
    if first is None or len(own) < MIN_SHARED_SHINGLES:
        grouper.add_packed(quotation_id, packed, own)
        return
    earlier, groupable, _packed = first
    if groupable is None:  # whether two copies of this wording are one quotation (enough words of content)
        mine = packed_features(packed)
        groupable = first[1] = related(mine, mine)
    store.add_copy(quotation_id, packed, own, earlier, store.group_of(earlier) if groupable else None)


def _chunks(connection: sqlite3.Connection, grouped: _Grouped) -> Iterator[list[str]]:
    """The texts of the direct quotations not grouped yet, oldest article first, in chunks; their dates and
    speakers appended to `grouped`'s arrays as they are read."""
    dates, speakers, values = grouped.dates, grouped.speakers, grouped.values
    numbers: dict[str | None, int] = {}
    rows = _direct_quotations(connection)
    while batch := list(islice(rows, CHUNK)):
        texts = []
        for text, date, speaker in batch:
            for value, numbered in ((date, dates), (speaker, speakers)):
                number = numbers.get(value)
                if number is None:
                    number = numbers[value] = len(values)
                    values.append(value)
                numbered.append(number)
            texts.append(text)
        yield texts
