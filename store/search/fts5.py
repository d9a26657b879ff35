"""A search plan run on the corpus database: its terms as an FTS5 query over the `search` table, its dates as
a range of article numbers (`store.corpus_db` numbers articles by date), the user's marks as lists of ids.

Everything SQLite-specific about searching is here; `plan.py` stays engine-neutral."""
from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from collections.abc import Iterable
TYPE_CHECKING = False  # typing's flag, without importing typing

from ..corpus_db import ARTICLE_COLUMNS, SEARCH_FIELDS, number_range
from .plan import TEXT_FIELDS, Clause, SearchPlan

if TYPE_CHECKING:
    from .query import Query, Term

# After every word that starts with a given prefix, in the index's (binary) order of terms.
_PAST_PREFIX = "\U0010ffff"


# Named tuples, not dataclasses: `quotedesk search` would spend a sixth of its time making dataclasses.
class Marks(namedtuple("Marks", "read highlighted", defaults=((), ()))):
    """The user's marks the `is:` fields ask about, from the state: collections of article ids."""

    __slots__ = ()


# Every word of the `source` field is stored with this mark in front: no word of a query can hold it (it is
# not a letter), so words and phrases, which are looked for in the other fields, need no column filter (which
# makes FTS5 read every match's positions: 2-6 times slower for common words), and `source:` asks for the
# marked words.
SOURCE_MARK = "\ue001"


def source_field(indexed: str) -> str:
    """The `source` field as stored: `indexed_words(source)`, each word marked."""
    return SOURCE_MARK + indexed.replace(" ", " " + SOURCE_MARK) if indexed else ""  # a mark after every space


# --- writing the index ---------------------------------------------------------------------------------------

_COLUMNS = ", ".join(SEARCH_FIELDS)
_MARKS = ", ".join("?" * len(SEARCH_FIELDS))


def index_rows(connection: sqlite3.Connection, rows: list[tuple]) -> None:
    """Add the articles' rows to the full-text index: (number, *fields in `SEARCH_FIELDS` order) each, best in
    increasing numbers (see `store.indexing._Writer`), and keep their fields in `search_rows`."""
    connection.executemany(f"INSERT INTO search(rowid, {_COLUMNS}) VALUES (?, {_MARKS})", rows)
    connection.executemany(f"INSERT INTO search_rows(num, {_COLUMNS}) VALUES (?, {_MARKS})", rows)


def unindex(connection: sqlite3.Connection, number: int) -> tuple | None:
    """Take the article's row out of the full-text index; its fields (None when it had none). The index keeps no
    text: it is told which words the row had, as it was given them."""
    fields = connection.execute(f"SELECT {_COLUMNS} FROM search_rows WHERE num = ?", (number,)).fetchone()
    if fields is None:
        return None
    connection.execute(f"INSERT INTO search(search, rowid, {_COLUMNS}) VALUES ('delete', ?, {_MARKS})",
                       (number, *fields))
    connection.execute("DELETE FROM search_rows WHERE num = ?", (number,))
    return fields


def index_speakers(connection: sqlite3.Connection, number: int, speakers: str) -> None:
    """Index the article's `speakers` field anew (its other fields as they were), if it has a row."""
    fields = unindex(connection, number)
    if fields is not None:
        at = SEARCH_FIELDS.index("speakers")
        index_rows(connection, [(number, *fields[:at], speakers, *fields[at + 1:])])


def phrase(term: Term, mark: str = "") -> str:
    """The term as an FTS5 phrase: its words (letters, digits and inner apostrophes only, so they need no
    escaping inside the quotes), the last a prefix when the term says so."""
    return '"' + " ".join(mark + word for word in term.words) + '"' + ("*" if term.prefix else "")


def _clause(clause: Clause) -> str:
    if clause.fields == TEXT_FIELDS:  # every field but the source, whose words no term can match
        return phrase(clause.term)
    if clause.fields == ("source",):
        return phrase(clause.term, SOURCE_MARK)
    return "{" + " ".join(clause.fields) + "}: " + phrase(clause.term)


class Rendered(namedtuple("Rendered", "match exclude_only numbers id_filters")):
    """A plan as the pieces of SQL `ArticleQuery` puts together: `match`, the FTS5 query of what must match (and
    what must not), or None; `exclude_only`, the FTS5 query of what must not match when nothing else must;
    `numbers`, the range of article numbers of the date fields, or None; `id_filters`, (in or not in, JSON array
    of article ids) pairs."""

    __slots__ = ()


def render(plan: SearchPlan, marks: Marks = Marks()) -> Rendered:
    required = " AND ".join(_clause(clause) for clause in plan.required)
    excluded = " OR ".join(_clause(clause) for clause in plan.excluded)
    match = exclude_only = None
    if required:
        match = f"({required}) NOT ({excluded})" if excluded else required
    elif excluded:
        exclude_only = excluded
    filters = []
    if "read" in plan.flags:
        filters.append((True, json.dumps(list(marks.read))))
    if "unread" in plan.flags:
        filters.append((False, json.dumps(list(marks.read))))
    if "highlighted" in plan.flags:
        filters.append((True, json.dumps(list(marks.highlighted))))
    return Rendered(match, exclude_only, number_range(plan.after, plan.before), tuple(filters))


# The list's orders, each after an SQL value of the article (ascending), then the article's number (newest first):
# a page continues from the last row's (value, number), so paging by key works in every order.
SORTS: dict[str, str | None] = {
    "date": None,  # the number alone: articles are numbered by date
    "source": "lower(coalesce(a.source, char(1114111)))",  # articles without a source last
    "most quoted": "-a.quotation_count",
}


class ArticleQuery:
    """The articles a plan selects, as SQL: counted, listed in `sort` order from a given row on, and where one
    article is among them. The key column is `s.rowid` when the full-text index drives the query (its matches
    come in number order, so a page by date stops after its last row), else `a.num`."""

    def __init__(self, plan: SearchPlan, marks: Marks = Marks(), sort: str = "date") -> None:
        self.plan = plan
        self.order = SORTS[sort]
        rendered = render(plan, marks)
        self.everything = plan.everything
        conditions: list[str] = []
        self.params: list[object] = []
        if rendered.match is not None:
            self.key = "s.rowid"
            self.source = "search s CROSS JOIN articles a ON a.num = s.rowid"
            conditions.append("search MATCH ?")
            self.params.append(rendered.match)
        else:
            self.key = "a.num"
            self.source = "articles a"
            if rendered.exclude_only is not None:
                conditions.append("a.num NOT IN (SELECT rowid FROM search WHERE search MATCH ?)")
                self.params.append(rendered.exclude_only)
        if rendered.numbers is not None:
            conditions.append(f"{self.key} BETWEEN ? AND ?")
            self.params += rendered.numbers
        for inside, ids in rendered.id_filters:
            # The ids' numbers, found once (by the index on ids): the key is checked against them, so counting
            # a search needs no row of `articles`.
            conditions.append(f"{self.key} {'IN' if inside else 'NOT IN'} "
                              "(SELECT num FROM articles WHERE id IN (SELECT value FROM json_each(?)))")
            self.params.append(ids)
        self.where = " AND ".join(conditions) or "1"
        self._count_source = "articles a" if rendered.match is None else "search s"

    def count(self, connection: sqlite3.Connection) -> int:
        sql = f"SELECT count(*) FROM {self._count_source} WHERE {self.where}"
        return connection.execute(sql, self.params).fetchone()[0]

    def key_of(self, row: tuple) -> tuple:
        """Where a row returned by `rows` stands in the order: (its sort value,) its number."""
        return (row[-1], row[0]) if self.order else (row[0],)

    def _ordered(self) -> str:
        return f"({self.order}, {self.key})" if self.order else self.key

    def rows(self, connection: sqlite3.Connection, after: tuple | None, limit: int, *, backwards: bool = False,
             offset: int = 0, columns: str = ARTICLE_COLUMNS) -> list[tuple]:
        """Rows of `columns` (of `articles a`, `files f` and `temp.hits h`, see `count_hits`; then the sort value,
        when not by date) in the list's order (reversed with `backwards`), those past the key `after` (`key_of` a
        row) when given, else from the `offset`-th on."""
        sql, params = self._select(columns, after, limit, backwards, offset)
        return connection.execute(sql, params).fetchall()

    def joined(self, connection: sqlite3.Connection, column: str, separator: str) -> bytes | None:
        """The text of `column` (an SQL expression of the `rows` columns) of every selected article, in the list's
        order, joined by `separator` in SQLite, as UTF-8: one value however many articles match; None when none
        does. (An aggregate keeps the order of a subquery that has one: SQLite never flattens such a subquery.)"""
        sql, params = self._select(f"{column} AS value", None, -1, False, 0)
        return connection.execute(f"SELECT CAST(group_concat(value, ?) AS BLOB) FROM ({sql})",
                                  [separator, *params]).fetchone()[0]

    def _select(self, columns: str, after: tuple | None, limit: int, backwards: bool,
                offset: int) -> tuple[str, list[object]]:
        condition, params = self.where, list(self.params)
        if after is not None:
            marks = ", ".join("?" * len(after))
            condition += f" AND {self._ordered()} {'<' if backwards else '>'} ({marks})"
            params += after
        order = " DESC" if backwards else ""
        keys = [self.order, self.key] if self.order else [self.key]
        joins = " JOIN files f ON f.path = a.path" if "f." in columns else ""
        if "h." in columns:
            joins += f" LEFT JOIN temp.hits h ON h.doc = {self.key}"
        selected = f"{columns}, {self.order}" if self.order else columns
        sql = (f"SELECT {selected} FROM {self.source}{joins} "
               f"WHERE {condition} ORDER BY {', '.join(key + order for key in keys)} LIMIT ? OFFSET ?")
        return sql, [*params, limit, offset]

    def position(self, connection: sqlite3.Connection, number: int) -> int | None:
        """The index in the list of the article with this number; None when it is not selected."""
        sql = f"SELECT count(*) FROM {self._count_source} WHERE {self.where} AND {self.key} = ?"
        if not connection.execute(sql, [*self.params, number]).fetchone()[0]:
            return None
        if self.order is None:
            sql = f"SELECT count(*) FROM {self._count_source} WHERE {self.where} AND {self.key} < ?"
            return connection.execute(sql, [*self.params, number]).fetchone()[0]
        value = connection.execute(f"SELECT {self.order} FROM articles a WHERE a.num = ?", (number,)).fetchone()[0]
        sql = f"SELECT count(*) FROM {self.source} WHERE {self.where} AND {self._ordered()} < (?, ?)"
        return connection.execute(sql, [*self.params, value, number]).fetchone()[0]


# --- hits: how often the words and phrases occur in each article's headline and body ----------------------
# Counted by the full-text index itself as it matches each article, where the library `_hitcount` was built at
# install (see `_hitcount.c`); else from the index's table of word positions, into a table of their own first.

_TEXT_COLUMNS = (1 << SEARCH_FIELDS.index("title")) | (1 << SEARCH_FIELDS.index("body"))


def hits_column(connection: sqlite3.Connection, query: Query, matching: ArticleQuery) -> str:
    """An SQL expression of the `ArticleQuery.rows` columns: how many places of the headline and body the query's
    words and phrases match (overlapping matches count once, as `find_hits` merges them) in the row's article.

    Counted in the index's match (`quotedesk_hits`) when the library is at hand and the match holds every word and
    phrase of the query, first among its phrases (a plan leaves out a word that another one implies: "min
    minister" is matched as "minister" alone, but its hits are those of "min"); else counted first
    (`count_hits`)."""
    terms = text_terms_of(query)
    texts = matching.plan.required[:len(terms)]
    if not texts:
        return "0"
    counter = _hit_counter()
    if (counter is not None and all(clause.fields == TEXT_FIELDS for clause in texts)
            and {term[:2] for term in terms} == {clause.term[:2] for clause in texts}  # (words, prefix)
            and counter.register(connection)):
        return f"quotedesk_hits(s.search, {len(texts)}, {_TEXT_COLUMNS})"
    count_hits(connection, query, matching)
    return "coalesce(h.n, 0)"


def hit_counts(connection: sqlite3.Connection, query: Query, matching: ArticleQuery) -> dict[int, int]:
    """The hits of each article `matching` selects that has any (`hits_column`), by article number."""
    column = hits_column(connection, query, matching)
    return {number: hits for number, hits in matching.rows(connection, None, -1, columns=f"a.num, {column}")
            if hits}


_counter: list = []  # the library, once looked for: [module or None]


def _hit_counter():
    """The library `_hitcount`, or None: not built (no C compiler or no SQLite header at install), or built from
    another source than the one beside it."""
    if not _counter:
        _counter.append(_load_hit_counter())
    return _counter[0]


def hit_counter_built() -> bool:
    """Does `quotedesk search` count hits in the index's match (the library was built from the source beside it)?"""
    return _hit_counter() is not None


def _load_hit_counter(folder: str | None = None):
    """The library, when it was built from the source in `folder` (this package's by default) or that source is
    missing; else None."""
    import os
    import zlib

    try:
        from . import _hitcount
    except ImportError:
        return None
    try:
        with open(os.path.join(folder or os.path.dirname(__file__), "_hitcount.c"), "rb") as source:
            if zlib.crc32(source.read()) != _hitcount.SOURCE_CRC32:
                return None
    except OSError:
        pass  # installed without its source: what was built is all there is
    return _hitcount


def text_terms_of(query: Query) -> list[Term]:
    """The query's distinct words and phrases (whole words or not, they start at the same places)."""
    from .query import Term, text_terms

    return list(dict.fromkeys(Term(term.words, term.prefix) for term in text_terms(query)))


def count_hits(connection: sqlite3.Connection, query: Query, matching: ArticleQuery) -> None:
    """Fill the temporary table `hits` (`doc`, an article number; `n`) with the `hits_column` of the articles
    `matching` selects, from the full-text index's table of word positions (no article is read again); an article
    without a hit has no row (other articles may have one). `ArticleQuery.rows` joins it as `h`.

    SQLite counts the positions alone when the matches cannot overlap (only single words, none the beginning of
    another; or one phrase of distinct words): they never reach Python. Otherwise they are merged here."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS hits(doc INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    connection.execute("DELETE FROM temp.hits")
    terms = _hit_terms(connection, query)
    if not terms:
        return
    if all(len(term.words) == 1 for term in terms):
        _count_words(connection, terms)
    elif len(terms) == 1 and not _may_overlap(terms[0]):
        _count_phrase(connection, terms[0])
    else:
        wanted = {row[0] for row in matching.rows(connection, None, -1, columns="a.num")}  # (a sort value after)
        connection.executemany("INSERT INTO temp.hits(doc, n) VALUES (?, ?)",
                               _merged_counts(connection, terms, wanted).items())


def _may_overlap(term: Term) -> bool:
    """Can two places of the phrase overlap? Only where a word stands twice in it, or where an earlier word begins
    with its last one when that is a word beginning ("yes y" matches "yes yes yak" twice over three words)."""
    words = term.words
    return len(set(words)) < len(words) or (term.prefix and any(word.startswith(words[-1]) for word in words[:-1]))


# Each hit (a row of `doc`) adds one to its article's row: no sort of every hit, which a GROUP BY would make.
_ADD_HITS = "INSERT INTO temp.hits(doc, n) SELECT doc, 1 FROM ({}) WHERE true ON CONFLICT (doc) DO UPDATE SET n = n + 1"


def _hit_terms(connection: sqlite3.Connection, query: Query) -> list[Term]:
    """`text_terms_of(query)`; the table of the index's word positions, and of its counts by field, made ready
    for them."""
    terms = text_terms_of(query)
    if terms:
        connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_positions "
                           "USING fts5vocab(main, search, instance)")
        connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fields "
                           "USING fts5vocab(main, search, col)")
    return terms


# A word that begins this many of the index's words or fewer is looked up word by word (`term = ?`), else as a
# range of words. SQLite checks every row of the table of positions against the condition on its term again (FTS5
# leaves that to it): one comparison instead of two made `quotedesk search "bridge ferry"` at 100,000 articles use
# 9% fewer instructions, its word beginnings listed first included.
_FEW_SPELLINGS = 8


class Word(namedtuple("Word", "text prefix spellings elsewhere")):
    """A word of a term as the index holds it: `spellings`, the index's words it matches (itself, or those it
    begins when `prefix`), or None when there are more than `_FEW_SPELLINGS`; `elsewhere`, whether one of them
    stands in a field other than the headline and body."""

    __slots__ = ()


def _word(connection: sqlite3.Connection, text: str, prefix: bool) -> Word:
    """The word as the index holds it, from its counts by field (which cost a tenth of reading the field of each
    of its places)."""
    where, params = _range(text, prefix)
    limit = _FEW_SPELLINGS * len(SEARCH_FIELDS) + 1  # a word has a row for each field it stands in
    rows = connection.execute(f"SELECT term, col FROM temp.search_fields WHERE {where} LIMIT {limit}",
                              params).fetchall()
    if len(rows) < limit:
        return Word(text, prefix, tuple(dict.fromkeys(term for term, _ in rows)),
                    any(column not in ("title", "body") for _, column in rows))
    elsewhere = connection.execute(f"SELECT EXISTS (SELECT 1 FROM temp.search_fields WHERE {where} "
                                   "AND col NOT IN ('title', 'body'))", params).fetchone()[0]
    return Word(text, prefix, None, elsewhere)


def _range(word: str, prefix: bool, column: str = "") -> tuple[str, tuple[str, ...]]:
    """The condition on a vocabulary table's term for a word: the word, or the words it begins when `prefix`."""
    if prefix:
        return f"{column}term >= ? AND {column}term < ?", (word, word + _PAST_PREFIX)
    return f"{column}term = ?", (word,)


def _places(word: Word, alias: str = "", fields: bool = True) -> list[tuple[str, tuple[str, ...]]]:
    """The conditions on a positions table's term (and column: headline and body, when `fields` and the word stands
    elsewhere too) for the word's places, one for each of its spellings when they are few: the places are those of
    a UNION ALL of them."""
    column = f"{alias}." if alias else ""
    held = f"{column}col IN ('title', 'body') AND " if fields and word.elsewhere else ""
    if word.spellings is None:
        where, params = _range(word.text, word.prefix, column)
        return [(held + where, params)]
    return [(f"{held}{column}term = ?", (spelling,)) for spelling in word.spellings]


def _union(select: str, places: list[tuple[str, tuple[str, ...]]]) -> tuple[str, tuple[str, ...]]:
    """`select` (which ends with a WHERE) for each of the places' conditions, as one UNION ALL, and its
    parameters."""
    sql = " UNION ALL ".join(f"{select} {where}" for where, _ in places)
    return sql, tuple(param for _, params in places for param in params)


def _count_words(connection: sqlite3.Connection, terms: list[Term]) -> None:
    """Single words: a word that another one begins (as a prefix) matches nothing the other does not."""
    kept = [term for term in terms
            if not any(other is not term and other.prefix and term.words[0].startswith(other.words[0])
                       and (other.words[0] != term.words[0] or not term.prefix) for other in terms)]
    # No two of them match the same word: their counts add up.
    places = [place for term in kept for place in _places(_word(connection, term.words[0], term.prefix))]
    if places:
        positions, params = _union("SELECT doc FROM temp.search_positions WHERE", places)
        connection.execute(_ADD_HITS.format(positions), params)


def _count_phrase(connection: sqlite3.Connection, term: Term) -> None:
    """One phrase of distinct words: its places cannot overlap. The places of each word but the first are kept in
    a table of their own, ordered by place; each place of the first word is looked up in them (where the next
    words stand after it). A join of the words' places would sort all of them first: twice the cost.

    Only the first word's places are held to the headline and body, and only when it stands elsewhere too: the
    next words are looked for in the same field as the first (the test of a place's field costs a third of
    reading it)."""
    last = len(term.words) - 1
    tables: list[str] = []
    try:
        for index, word in enumerate(term.words[1:], 1):
            table = f"phrase_word{index}"
            connection.execute(f"CREATE TEMP TABLE {table}(doc, col, offset, PRIMARY KEY (doc, col, offset)) "
                               "WITHOUT ROWID")
            tables.append(table)
            places = _places(_word(connection, word, term.prefix and index == last), fields=False)
            if not places:
                return  # a word the index does not hold: the phrase has no place
            positions, params = _union("SELECT doc, col, offset FROM temp.search_positions WHERE", places)
            connection.execute(f"INSERT OR IGNORE INTO temp.{table} {positions}", params)
        first = _word(connection, term.words[0], term.prefix and last == 0)
        # Joined, not asked whether it EXISTS (a fifth slower): each place of a word is one row of its table. CROSS
        # JOIN keeps the first word's places outside: its table cannot be looked up by article.
        following = "".join(f" CROSS JOIN temp.{table} w{index} ON w{index}.doc = p.doc AND w{index}.col = p.col "
                            f"AND w{index}.offset = p.offset + {index}" for index, table in enumerate(tables, 1))
        places = _places(first, alias="p")
        if places:
            positions, params = _union(f"SELECT p.doc AS doc FROM temp.search_positions p{following} WHERE", places)
            connection.execute(_ADD_HITS.format(positions), params)
    finally:
        for table in tables:
            connection.execute(f"DROP TABLE temp.{table}")


def _merged_counts(connection: sqlite3.Connection, terms: list[Term], wanted: set[int]) -> dict[int, int]:
    spans: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for term in terms:
        for doc, column, start in _term_starts(connection, term, wanted):
            spans.setdefault((doc, column), []).append((start, start + len(term.words)))
    counts: dict[int, int] = {}
    for (doc, _column), found in spans.items():
        counts[doc] = counts.get(doc, 0) + _merged(found)
    return counts


def _instances(connection: sqlite3.Connection, word: str, prefix: bool) -> Iterable[tuple[int, str, int]]:
    """(article number, column, word position) of the word's places in the headline and body."""
    places = _places(Word(word, prefix, None, True))
    return connection.execute(*_union("SELECT doc, col, offset FROM temp.search_positions WHERE", places))


def _term_starts(connection: sqlite3.Connection, term: Term, wanted: set[int]) -> list[tuple[int, str, int]]:
    """(article number, column, word position) where the term starts, in the wanted articles."""
    last = len(term.words) - 1
    starts = {(doc, column, at) for doc, column, at in _instances(connection, term.words[0], term.prefix and last == 0)
              if doc in wanted}
    for index, word in enumerate(term.words[1:], 1):
        if not starts:
            break
        following = {(doc, column, at - index) for doc, column, at in
                     _instances(connection, word, term.prefix and index == last) if doc in wanted}
        starts &= following
    return list(starts)


def _merged(spans: list[tuple[int, int]]) -> int:
    """How many spans are left once overlapping ones are merged."""
    count, end = 0, -1
    for start, stop in sorted(spans):
        if start >= end:
            count += 1
        end = max(end, stop)
    return count
