"""The reader's corrections counted in the corpus database: the speaker statistics, the speaker view and
`speaker:` search take each quotation's speaker as the reader corrected it, leave out the quotations the reader
hid and count the ones the reader added.

The `article_quotations` table holds what is counted. For an article the reader corrected, the engine's own quotations
(what the sidebar lists and applies the corrections to, `CorpusReader.quotations`) are kept aside in
`engine_quotations`, and `corrected` holds the fingerprint of the corrections applied
(`store.corrections.fingerprint`): an article whose corrections no longer have that fingerprint is counted again
(`count_corrections`, after every check of the files; `recount_article`, at once when the reader corrects the
open article). The corrections are placed on the article's text as everywhere else
(`store.corrections.CorrectionsByArticle`)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Container
from operator import attrgetter

from .corpus_db import QUOTATION_FIELDS, CorpusReader, replace_quotations, transaction
from .corrections import CorrectionsByArticle, apply_corrections, fingerprint
from .model import Article, ArticleMeta, Correction, Quotation

_COLUMNS = ", ".join(f'"{name}"' for name in QUOTATION_FIELDS)
_fields = attrgetter(*QUOTATION_FIELDS)  # a quotation's fields in column order, as one tuple


class DatabaseIds:
    """The ids of the corpus' articles, asked of the database."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.connection.execute(
            "SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def count_corrections(connection: sqlite3.Connection, corrections: CorrectionsByArticle,
                      cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Count every article whose corrections changed since they were last counted (the caller holds the writer
    lock); True when the database changed. An article is read from its file only when its corrections changed."""
    from .sources.article_files import load_article

    known = DatabaseIds(connection)
    changed = False
    for meta, counted in _candidates(connection, corrections):
        if cancelled():
            break
        if fingerprint(corrections.found(meta, known)) == counted:
            continue
        try:
            article = load_article(meta.path, meta.entry)
        except Exception:  # noqa: BLE001 - a file that changed or broke since: the next check reads it again
            continue
        if article.id != meta.id:
            continue
        with transaction(connection):
            changed = _count(connection, article, corrections, known) or changed
    if changed:
        with transaction(connection):
            _rebuild_speakers(connection)
    return changed


def recount_article(connection: sqlite3.Connection, article: Article, corrections: CorrectionsByArticle) -> bool:
    """Count the reader's corrections of one article now (the caller holds the writer lock); True when the
    database changed."""
    with transaction(connection):
        changed = _count(connection, article, corrections, DatabaseIds(connection))
        if changed:
            _rebuild_speakers(connection)
    return changed


def _candidates(connection: sqlite3.Connection,
                corrections: CorrectionsByArticle) -> list[tuple[ArticleMeta, str]]:
    """The articles that have corrections or had them when last counted, with the fingerprint counted then ("" for
    none)."""
    from .corpus_db import ARTICLE_COLUMNS, ARTICLE_FROM, article_meta

    ids = json.dumps(list(corrections.by_id))
    paths = json.dumps(sorted({path for path, _entry in corrections.by_file}))
    rows = connection.execute(
        f"SELECT {ARTICLE_COLUMNS}, coalesce(c.fingerprint, '') FROM {ARTICLE_FROM} "
        "LEFT JOIN corrected c ON c.article = a.num "
        "WHERE c.article IS NOT NULL OR a.id IN (SELECT value FROM json_each(?)) "
        "OR a.path IN (SELECT value FROM json_each(?))", (ids, paths))
    return [(article_meta(row[:-1]), row[-1]) for row in rows]


def _count(connection: sqlite3.Connection, article: Article, corrections: CorrectionsByArticle,
           known: Container[str]) -> bool:
    """Store what is counted of `article` with its corrections applied (inside the caller's transaction); True
    when that changed."""
    reader = CorpusReader(connection)
    number = reader.number_of(article.id)
    if number is None:
        return False
    found = corrections.found(article, known)
    wanted = fingerprint(found)
    row = connection.execute("SELECT fingerprint FROM corrected WHERE article = ?", (number,)).fetchone()
    if (row[0] if row else "") == wanted:
        return False
    engine = reader.quotations(article.id) or []
    if row is None:
        connection.executemany(f"INSERT INTO engine_quotations(article, seq, {_COLUMNS}) "
                               f"VALUES ({', '.join('?' * (len(QUOTATION_FIELDS) + 2))})",
                               [(number, seq, *_fields(quotation)) for seq, quotation in enumerate(engine)])
    if wanted:
        counted = _corrected(article, engine, corrections.place(found, article))
        connection.execute("INSERT OR REPLACE INTO corrected(article, fingerprint) VALUES (?, ?)", (number, wanted))
    else:  # no corrections any more: the engine's quotations count again
        counted = engine
        connection.execute("DELETE FROM engine_quotations WHERE article = ?", (number,))
        connection.execute("DELETE FROM corrected WHERE article = ?", (number,))
    _store_quotations(connection, number, counted)
    from .provenance.db_store import regroup  # the grouping knows quotations by their place: group them again

    regroup(connection, [article.id])
    return True


def _corrected(article: Article, engine: list[Quotation], corrections: list[Correction]) -> list[Quotation]:
    """The quotations counted: as the reader corrected them (the sidebar's)."""
    return [item.quotation for item in apply_corrections(article.text, engine, corrections)]


def _store_quotations(connection: sqlite3.Connection, number: int, quotations: list[Quotation]) -> None:
    from .search.fts5 import index_speakers
    from .search.query import indexed_words

    replace_quotations(connection, number, list(map(_fields, quotations)))
    speakers = list(dict.fromkeys(q.speaker for q in quotations if q.speaker))
    index_speakers(connection, number, indexed_words(*speakers))


def _rebuild_speakers(connection: sqlite3.Connection) -> None:
    from .speakers.table import rebuild_speakers

    rebuild_speakers(connection)
