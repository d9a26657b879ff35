"""The corpus database: one SQLite file per set of corpus roots, in the cache directory, holding everything
that can be rebuilt from the files (what the user made lives in `store.state`, never here).

Tables:
- `files`: every article file under the roots as last read (size, modification time) and why it, or some of
  a feed's entries, could not be read. A file whose size or time differs on disk is read again.
- `articles`: one row per article: its id (the content hash), file and feed entry, headline, date, source,
  URL, format, and its record in a search's JSON output (`store.search.output`). `num` orders the list: newest
  day first, the articles of one day in the order they were found (see `article_number`), so the list, date
  ranges and search results are all ranges of one integer key.
- `article_quotations`: each article's quotations as counted, every field of `store.model.Quotation` (evidence
  included), the reader's corrections applied (`store.corpus_corrections`): one row per article that has any, its
  quotations packed in reading order (`pack_quotations`, `unpack_quotations`). Their ids run from the article's
  `first_quotation` on, `quotation_count` of them, taken after the last when they are written; the row's id is the
  first. For an article the reader corrected, `engine_quotations` keeps the engine's own and `corrected` the
  fingerprint of the corrections counted.
- `speaker_articles`: how many quotations each speaker name has with each role ('' for none) in each article (what
  the speaker statistics and the speaker view read).
- `search`: the FTS5 full-text index, rowid `num`, fields `title`, `body`, `speakers`, `source` as
  `store.search.indexed_words` writes them (folded words; the tokenizer only splits them at spaces), the
  source's words marked (`store.search.fts5.source_field`). It keeps no copy of them: `search_rows` does, in
  the order written (`store.search.fts5.index_rows`, `unindex`). The index's prefix indexes of one and two letters
  (`PREFIXES`) let the first page of a word being typed be read without merging every word that starts the
  same way.
- `speaker_forms` and `speakers`: the names of the speakers grouped into people and their statistics
  (`store.speakers.table`), recomputed after each change to the quotations.
- `provenance_*`: which quotations are versions of one another (`store.provenance.db_store`).
- `meta`: what made the file (schema, quotation engine version, quotation fields, roots).

Deleting the file is always safe. A file that is not an SQLite database, is damaged, belongs to another
program or was made by another version of quotedesk or of its quotation engine is rebuilt from the files,
with a notice. The database is written by one process at a time (`writer_lock`); any number read it meanwhile
(WAL mode)."""
from __future__ import annotations

import json
import marshal
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date as Date
from operator import itemgetter
from pathlib import Path

from .versions import QUOTES_VERSION

try:  # hashlib's own BLAKE2, without the OpenSSL bindings `import hashlib` loads (a tenth of a search's imports)
    from _blake2 import blake2b
except ImportError:
    from hashlib import blake2b

TYPE_CHECKING = False  # typing's flag, without importing typing
if TYPE_CHECKING:
    from .model import ArticleMeta, Quotation, Skipped

SCHEMA_VERSION = 10
APPLICATION_ID = 0x51444331  # "QDC1": a quotedesk corpus database
DATABASE_SUFFIX = ".sqlite3"
BUSY_TIMEOUT_MS = 10_000
# Fields of a stored quotation, in column order: every field of `store.model.Quotation`, in its order (a test holds
# them equal). Written out: importing the model's dataclasses would cost `quotedesk search` a sixth of its time.
QUOTATION_FIELDS = ("text", "start", "end", "paragraph", "speaker", "role", "cue_start", "cue_end", "mention_start",
                    "mention_end", "resolution", "confidence", "basis")
SEARCH_FIELDS = ("title", "body", "speakers", "source")
FTS_HASH_BYTES = 32 * 1024 * 1024
# Segments of one size the full-text index lets gather before it merges them into one (FTS5's default is 4): a first
# indexing writes segments as it goes, and each merge writes them all again. With 8 the writer of a first indexing
# of 100,000 articles used 7% less CPU, and searches read the index it left (a dozen segments) as fast. A database
# made with another number keeps it.
FTS_AUTOMERGE = 8
# Pages of a new database, twice SQLite's default: an article's row in the full-text index's content (3-4 KB of
# words) fits in one, and there are half as many pages to find, split and log (the writer of a first indexing of
# 100,000 articles used 7% less CPU). A database made with other pages keeps them.
PAGE_BYTES = 8192
# Word beginnings the full-text index keeps apart. One or two letters begin so many words that gathering them would
# take up to ten or five times as long as any longer beginning; from three letters on, the words are gathered when
# asked for, which costs a common three-letter beginning about what a common four-letter one always has. Each
# length kept costs the writer of a first indexing 7-13% of its instructions (one letter the least, three the most).
# A database made with other lengths keeps them: the answers are the same.
PREFIXES = "1 2"
# Folded words only reach the tokenizer: apostrophes inside words stay part of them ("can't"), diacritics
# are gone already (and would be removed again).
TOKENIZER = "unicode61 remove_diacritics 2 tokenchars ''''"

# The packed quotations of the article `a`, as `q`: a condition of a join.
QUOTATIONS_OF = "q.id = a.first_quotation"
# How an article's quotations are packed: marshal, which reads and writes tuples of strings and numbers several times
# faster than JSON (a database made by a Python whose marshal differs is made again).
QUOTATION_PACKING = f"marshal {marshal.version}"

# An article's number: its day (newest first, undated last) in the high bits, its place among that day's
# articles in the low ones.
_DAY_SHIFT = 32
_LAST_DAY = Date.max.toordinal()
_UNDATED = _LAST_DAY + 1


class CorpusUnavailable(Exception):
    """SQLite cannot be used here (a Python built without FTS5, or a cache folder that cannot be written)."""


class CorpusDamaged(Exception):
    """The database turned out to be damaged while in use: it is rebuilt."""


def is_damage(error: sqlite3.Error) -> bool:
    """Does this error mean the file is damaged (as opposed to busy, interrupted or full)?"""
    if isinstance(error, sqlite3.OperationalError):
        return False
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError))


def cache_root() -> Path:
    """The platform's cache directory for quotedesk (on Linux `~/.cache/quotedesk`)."""
    if sys.platform == "linux":
        # What platformdirs answers there (an absolute $XDG_CACHE_HOME, else an absolute $HOME's .cache), without
        # importing it: that costs a tenth of a small `quotedesk search`.
        for base, folder in ((os.environ.get("XDG_CACHE_HOME", ""), ""), (os.environ.get("HOME", ""), ".cache")):
            if os.path.isabs(base):
                return Path(base, folder, "quotedesk")
    from platformdirs import user_cache_path

    return user_cache_path("quotedesk", appauthor=False)


def corpus_key(roots: Iterable[Path]) -> str:
    names = "\n".join(root_names(roots))
    return blake2b(names.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def database_path(roots: Iterable[Path], cache_dir: Path | None = None) -> Path:
    return (cache_dir or cache_root() / "corpora") / (corpus_key(roots) + DATABASE_SUFFIX)


def root_names(roots: Iterable[Path]) -> list[str]:
    """The roots as the database knows them: absolute, as the files' paths are kept."""
    return sorted(os.path.abspath(root) for root in roots)


# --- numbers and dates --------------------------------------------------------------------------------


def day_of(iso: str | None) -> int:
    """The day part of an article number: smaller for later dates, largest for undated articles."""
    if iso:
        try:
            return _LAST_DAY - Date.fromisoformat(iso[:10]).toordinal()
        except ValueError:
            pass
    return _UNDATED


def number_range(after: str | None, before: str | None) -> tuple[int, int] | None:
    """The article numbers of the dates on or after `after` and before `before` (ISO dates), undated articles
    left out; None when there is no date bound."""
    if after is None and before is None:
        return None
    low = (day_of(before) + 1) << _DAY_SHIFT if before else 0
    high = ((day_of(after) + 1) << _DAY_SHIFT) - 1 if after else (_UNDATED << _DAY_SHIFT) - 1
    return low, high


# --- opening ------------------------------------------------------------------------------------------


def _schema() -> str:
    quotation_columns = ", ".join(f'"{name}"' for name in QUOTATION_FIELDS)
    search_columns = ", ".join(SEARCH_FIELDS)
    return f"""
    CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    CREATE TABLE files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                       problems TEXT) WITHOUT ROWID;
    CREATE TABLE articles(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL, entry TEXT,
                          title TEXT NOT NULL, title_key TEXT NOT NULL, date TEXT, source TEXT, url TEXT,
                          format TEXT NOT NULL, json_record TEXT NOT NULL, first_quotation INTEGER,
                          quotation_count INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX articles_path ON articles(path);
    -- In the order written: articles come in the files' order, not their numbers', and rows kept in the order of
    -- their number would be written again at every commit wherever new ones fell among them. An article finds
    -- its row by its first quotation's id (see the module's docstring), so no index by article is kept up to date.
    -- One row per article, not per quotation: a first indexing of 100,000 articles wrote 1.5 million rows and
    -- an index of them by speaker, a third of its writer's CPU.
    CREATE TABLE article_quotations(id INTEGER PRIMARY KEY, article INTEGER NOT NULL, packed BLOB NOT NULL);
    -- In the order counting the speakers reads it (`store.speakers.table.rebuild_speakers`).
    CREATE TABLE speaker_articles(speaker TEXT NOT NULL, role TEXT NOT NULL, article INTEGER NOT NULL,
                                  quotations INTEGER NOT NULL, PRIMARY KEY (speaker, role, article)) WITHOUT ROWID;
    CREATE TABLE engine_quotations(article INTEGER NOT NULL, seq INTEGER NOT NULL, {quotation_columns},
                                   PRIMARY KEY (article, seq)) WITHOUT ROWID;
    CREATE TABLE corrected(article INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL);
    CREATE VIRTUAL TABLE search USING fts5({search_columns}, tokenize="{TOKENIZER}", prefix='{PREFIXES}',
                                          columnsize=0, content='');
    -- What the full-text index was given of each article (it keeps no text: taking a row out again needs its
    -- words), in the order written, like `article_quotations`.
    CREATE TABLE search_rows(num INTEGER NOT NULL UNIQUE, {search_columns});
    CREATE TABLE speaker_forms(form TEXT PRIMARY KEY, key TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX speaker_forms_key ON speaker_forms(key);
    CREATE TABLE speakers(key TEXT PRIMARY KEY, rank INTEGER NOT NULL, name TEXT NOT NULL, role TEXT,
                          quotations INTEGER NOT NULL, articles INTEGER NOT NULL, first_date TEXT,
                          last_date TEXT, named INTEGER NOT NULL, forms TEXT NOT NULL,
                          folded TEXT NOT NULL) WITHOUT ROWID;
    CREATE INDEX speakers_rank ON speakers(rank);
    {PROVENANCE_SCHEMA}
    """


# Grouping of quotations (`store.provenance.db_store`, which says what each column holds): here, so that the
# tables exist from the start and go with the file.
PROVENANCE_SCHEMA = """
    CREATE TABLE provenance_article(id TEXT PRIMARY KEY, first_quotation INTEGER,
                                    quotation_count INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX provenance_article_first ON provenance_article(first_quotation);
    CREATE TABLE provenance_quotation(quotation_id INTEGER PRIMARY KEY, wording INTEGER NOT NULL,
                                      group_id INTEGER NOT NULL);
    CREATE INDEX provenance_quotation_group ON provenance_quotation(group_id);
    CREATE TABLE provenance_wording(wording INTEGER PRIMARY KEY, folded TEXT NOT NULL, shingles INTEGER NOT NULL,
                                    uses INTEGER NOT NULL);
    CREATE TABLE provenance_shingle(shingle INTEGER NOT NULL, quotation_id INTEGER NOT NULL,
                                    PRIMARY KEY (shingle, quotation_id)) WITHOUT ROWID;
    CREATE TABLE provenance_group(group_id INTEGER PRIMARY KEY, size INTEGER NOT NULL, changed INTEGER NOT NULL,
                                  speaker_conflict INTEGER NOT NULL);
    CREATE INDEX provenance_group_changed ON provenance_group(size DESC, group_id) WHERE changed OR speaker_conflict;
    CREATE INDEX provenance_group_size ON provenance_group(size DESC, group_id);
"""


# Statements with `;` inside, run one by one. An article's number may be given to another article once it is
# gone: what was kept of its corrections goes with it.
_TRIGGERS = ("""
    CREATE TRIGGER article_gone AFTER DELETE ON articles BEGIN
        DELETE FROM engine_quotations WHERE article = old.num;
        DELETE FROM corrected WHERE article = old.num;
    END""",)


def _expected_meta(roots: list[str]) -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "quotes": QUOTES_VERSION, "quotation_fields": ",".join(QUOTATION_FIELDS),
            "quotation_packing": QUOTATION_PACKING, "roots": json.dumps(roots)}


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the database at `path`, in autocommit mode (transactions are explicit)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                 check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA synchronous = NORMAL")  # a cache: WAL keeps it whole, the last commit may go
    return connection


def check_fts5() -> None:
    """Raise `CorpusUnavailable` with one clear line when this Python's SQLite lacks the FTS5 index."""
    try:
        probe = sqlite3.connect(":memory:")
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
        probe.close()
    except sqlite3.Error as exc:
        raise CorpusUnavailable(
            f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 full-text index, which quotedesk needs; "
            "use a Python built with a standard SQLite") from exc


def _truncated(path: Path) -> bool:
    """Is the file shorter than its header says it is? (A cheap check: reading every page would take seconds.)"""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
        size = os.path.getsize(path)
    except OSError:
        return False
    if len(header) < 100:
        return bool(header)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the page count is only kept up to date then
    return header_valid and pages > 0 and size < pages * page_size


def _problem(connection: sqlite3.Connection, roots: list[str]) -> str | None:
    """Why an existing database cannot be used as this corpus's, or None when it can."""
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application != APPLICATION_ID or "meta" not in tables:
        return "it is not a quotedesk corpus database" if tables else "it is empty"
    expected = _expected_meta(roots)
    # Only these: the files' listing is kept there too (`store.freshness`), megabytes at 100,000 articles.
    meta = dict(connection.execute(f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * len(expected))})",
                                   tuple(expected)))
    if meta.get("schema") != SCHEMA_VERSION:
        return "it was made by another version of quotedesk"
    if meta.get("quotes") != QUOTES_VERSION or meta.get("quotation_fields") != expected["quotation_fields"]:
        return "it was made by another version of the quotation engine: quotations are found again"
    if meta.get("quotation_packing") != QUOTATION_PACKING:
        return "it was made by another version of Python"
    if meta.get("roots") != expected["roots"]:
        return "it belongs to other folders"
    return None


def remove_old_cache(roots: Iterable[Path], cache_dir: Path | None = None) -> None:
    """Delete what earlier versions cached for these roots (a catalog and a search index in a folder named by a
    hash of the resolved roots): never read, and large."""
    names = "\n".join(sorted(str(Path(root).resolve()) for root in roots))
    folder = (cache_dir or cache_root() / "corpora") / blake2b(
        names.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    if not folder.is_dir():
        return
    for name in ("catalog.bin", "index-quotes*/search-index.bin", "index-quotes*/quotations.bin",
                 ".catalog.bin.*.tmp", "index-quotes*/.*.tmp"):
        for old in folder.glob(name):
            old.unlink(missing_ok=True)
    for index in folder.glob("index-quotes*"):
        _remove_empty(index)
    _remove_empty(folder)


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty: something that is not ours
        pass


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def open_database(path: Path, roots: list[Path]) -> tuple[sqlite3.Connection, str | None]:
    """A connection to the corpus database at `path`, created when missing; and a notice when an existing
    file could not be used and was replaced by a new, empty one (why, for the user). `CorpusUnavailable` when
    no database can be made there."""
    check_fts5()
    names = root_names(roots)
    connection, problem = _try_open(path, names)
    if connection is not None and problem is None:
        return connection, None
    try:
        with writer_lock(path):  # again, now that no other process is making or changing it
            connection, problem = _try_open(path, names)
            if connection is not None and problem is None:
                return connection, None
            if problem is not None:
                remove_database(path)
            return _create(path, names), (f"The corpus cache was rebuilt: {problem}." if problem else None)
    except OSError as exc:
        raise CorpusUnavailable(f"cannot create the corpus cache {path}: {exc.strerror or exc}") from exc


def _try_open(path: Path, roots: list[str]) -> tuple[sqlite3.Connection | None, str | None]:
    """(connection, None) for a usable database; (None, why not) for an unusable one; (None, None) when
    there is none."""
    if not path.exists():
        return None, None
    if _truncated(path):
        return None, "it is damaged (shorter than its header says)"
    try:
        connection = connect(path)
    except sqlite3.DatabaseError as exc:
        return None, f"it is damaged ({exc})"
    try:
        problem = _problem(connection, roots)
    except sqlite3.DatabaseError as exc:  # not a database, or damaged: "file is not a database", ...
        problem = f"it is damaged ({exc})"
    if problem is not None:
        connection.close()
        return None, problem
    return connection, None


def _create(path: Path, roots: list[str]) -> sqlite3.Connection:
    """A new database at `path` (the caller holds the writer lock)."""
    try:
        connection = connect(path)
        connection.execute(f"PRAGMA page_size = {PAGE_BYTES}")  # before anything is written: then it is fixed
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        with transaction(connection):
            for statement in _schema().split(";"):
                if statement.strip():
                    connection.execute(statement)
            for statement in _TRIGGERS:
                connection.execute(statement)
            # The full-text index writes out what it holds at each commit, or when a row comes before the last:
            # not every megabyte (its default), which at 100,000 articles costs the writer a tenth more.
            connection.execute(f"INSERT INTO search(search, rank) VALUES ('hashsize', {FTS_HASH_BYTES})")
            connection.execute(f"INSERT INTO search(search, rank) VALUES ('automerge', {FTS_AUTOMERGE})")
            connection.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", _expected_meta(roots).items())
    except sqlite3.Error as exc:
        raise CorpusUnavailable(f"cannot create the corpus cache {path}: {exc}") from exc
    return connection


def pack_quotations(rows: list[tuple]) -> bytes:
    """An article's quotations (tuples of `QUOTATION_FIELDS`, in reading order) as `article_quotations` keeps them."""
    return marshal.dumps(rows)


def unpack_quotations(packed: bytes) -> list[tuple]:
    """What `pack_quotations` packed. A row that does not unpack is damage (`sqlite3.DatabaseError`): the database
    is made again."""
    try:
        rows = marshal.loads(packed)
    except (ValueError, EOFError, TypeError) as exc:
        raise sqlite3.DatabaseError(f"damaged quotations ({exc})") from exc
    if not isinstance(rows, list):
        raise sqlite3.DatabaseError("damaged quotations")
    return rows


def speaker_counts(rows: list[tuple]) -> list[tuple[str, str, int]]:
    """How many of these quotations (tuples of `QUOTATION_FIELDS`) each speaker has with each role ('' for none)."""
    # Counted here rather than by a `Counter`: an article has a dozen quotations, and making one costs more.
    counts: dict[tuple[str, str], int] = {}
    for speaker, role in map(_SPEAKER_AND_ROLE, rows):
        if speaker is not None:
            key = (speaker, role or "")
            counts[key] = counts.get(key, 0) + 1
    return [(speaker, role, count) for (speaker, role), count in counts.items()]


def speaker_rows(number: int, rows: list[tuple]) -> list[tuple[str, str, int, int]]:
    """The `speaker_articles` rows of the article with this number and these quotations."""
    return [(speaker, role, number, count) for speaker, role, count in speaker_counts(rows)]


_SPEAKER_AND_ROLE = itemgetter(QUOTATION_FIELDS.index("speaker"), QUOTATION_FIELDS.index("role"))
INSERT_QUOTATIONS = "INSERT INTO article_quotations(id, article, packed) VALUES (?, ?, ?)"
INSERT_SPEAKERS = "INSERT INTO speaker_articles(speaker, role, article, quotations) VALUES (?, ?, ?, ?)"


def next_quotation_id(connection: sqlite3.Connection) -> int:
    """The id the next quotation written takes: after every other (inside the writer's transaction)."""
    return connection.execute(
        "SELECT coalesce((SELECT q.id + a.quotation_count FROM article_quotations q "
        "JOIN articles a ON a.num = q.article ORDER BY q.id DESC LIMIT 1), 1)").fetchone()[0]


def stored_quotations(connection: sqlite3.Connection, number: int) -> list[tuple]:
    """The quotations stored for the article with this number (tuples of `QUOTATION_FIELDS`, in reading order)."""
    row = connection.execute(f"SELECT q.packed FROM articles a JOIN article_quotations q ON {QUOTATIONS_OF} "
                             "WHERE a.num = ?", (number,)).fetchone()
    return unpack_quotations(row[0]) if row else []


def delete_quotations(connection: sqlite3.Connection, number: int) -> int:
    """Delete the quotations of the article with this number (its row stays); how many there were."""
    rows = stored_quotations(connection, number)
    if rows:
        connection.executemany("DELETE FROM speaker_articles WHERE speaker = ? AND role = ? AND article = ?",
                               [row[:3] for row in speaker_rows(number, rows)])
        connection.execute("DELETE FROM article_quotations WHERE id = "
                           "(SELECT first_quotation FROM articles WHERE num = ?)", (number,))
    return len(rows)


def replace_quotations(connection: sqlite3.Connection, number: int, rows: list[tuple]) -> None:
    """Write the quotations of the article with this number (tuples of `QUOTATION_FIELDS`, in reading order) in
    place of those it had."""
    delete_quotations(connection, number)
    first = next_quotation_id(connection)
    if rows:
        connection.execute(INSERT_QUOTATIONS, (first, number, pack_quotations(rows)))
        connection.executemany(INSERT_SPEAKERS, speaker_rows(number, rows))
    connection.execute("UPDATE articles SET first_quotation = ?, quotation_count = ? WHERE num = ?",
                       (first if rows else None, len(rows), number))


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def return_freed_memory() -> None:
    """Give the memory this process has freed back to the system where the C library keeps it (glibc keeps
    what was freed in the middle of its heaps, a page cache made smaller included, as part of the process
    until it is reused). Elsewhere nothing is done."""
    if sys.platform != "linux":
        return
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # another C library (musl has no malloc_trim)
        return
    trim(0)


@contextmanager
def writer_lock(path: Path) -> Iterator[None]:
    """Hold the right to change the database at `path` (an advisory lock beside it): one writer at a time,
    so two quotedesks never read the same changed files twice or rebuild under each other."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here: SQLite's own locking still keeps the file whole
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def writer_lock_free(path: Path) -> bool:
    """Is no other process changing the database right now?"""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        descriptor = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(descriptor)


# --- reading ------------------------------------------------------------------------------------------

ARTICLE_COLUMNS = "a.num, a.id, a.path, a.title, a.date, a.source, a.url, a.format, f.size, f.mtime_ns, a.entry"
ARTICLE_FROM = "articles a JOIN files f ON f.path = a.path"
ARTICLE_WIDTH = ARTICLE_COLUMNS.count(",") + 1  # a row may carry more columns after them (a sort value)


def article_meta(row: tuple) -> ArticleMeta:
    """An `ArticleMeta` from a row of `ARTICLE_COLUMNS` (its first column, the number, left out)."""
    from .model import ArticleMeta

    return ArticleMeta(*row[1:ARTICLE_WIDTH])


class CorpusReader:
    """Questions about the corpus, asked of one connection (used by one thread at a time)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def article_count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    def counted_among(self, article_ids: Iterable[str]) -> int:
        """How many of these article ids are in the corpus."""
        ids = json.dumps(list(article_ids))
        return self.connection.execute(
            "SELECT count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?))", (ids,)).fetchone()[0]

    def article(self, article_id: str) -> ArticleMeta | None:
        row = self.connection.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.id = ?",
                                      (article_id,)).fetchone()
        return article_meta(row) if row else None

    def number_of(self, article_id: str) -> int | None:
        row = self.connection.execute("SELECT num FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def quotations(self, article_id: str) -> list[Quotation] | None:
        """The article's quotations as the engine found them, in reading order; None for an article not in the
        corpus."""
        number = self.number_of(article_id)
        if number is None:
            return None
        corrected = self.connection.execute("SELECT 1 FROM corrected WHERE article = ?", (number,)).fetchone()
        from .model import Quotation

        columns = ", ".join(f'q."{name}"' for name in QUOTATION_FIELDS)
        if corrected:
            rows = self.connection.execute(f"SELECT {columns} FROM engine_quotations q WHERE article = ? ORDER BY seq",
                                           (number,))
        else:
            rows = stored_quotations(self.connection, number)
        return [Quotation(*row) for row in rows]

    def ids_of_file(self, path: str | Path, entry: str | None) -> set[str]:
        """The ids of the articles stored for this file (and feed entry)."""
        rows = self.connection.execute("SELECT id FROM articles WHERE path = ? AND entry IS ?",
                                       (os.path.abspath(path), entry))
        return {article_id for (article_id,) in rows}

    def skipped(self) -> list[Skipped]:
        """Files (or feed entries) that could not be read, one per reason, by path."""
        rows = self.connection.execute(
            "SELECT path, problems FROM files WHERE problems IS NOT NULL ORDER BY path").fetchall()
        if not rows:
            return []
        from .model import Skipped

        return [Skipped(Path(path), reason) for path, problems in rows for reason in problems.split("\n")]

    def titles_like(self, pattern: str, limit: int) -> list[ArticleMeta]:
        """Articles whose folded headline matches the SQL LIKE `pattern` (escape character `\\`), newest first."""
        rows = self.connection.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} WHERE a.title_key LIKE ? ESCAPE '\\' "
            "ORDER BY a.num LIMIT ?", (pattern, limit))
        return [article_meta(row) for row in rows]

    def newest(self, limit: int) -> list[ArticleMeta]:
        rows = self.connection.execute(f"SELECT {ARTICLE_COLUMNS} FROM {ARTICLE_FROM} ORDER BY a.num LIMIT ?",
                                       (limit,))
        return [article_meta(row) for row in rows]


def like_pattern(text: str) -> str:
    """`text` for a LIKE with escape character `\\`, matching it anywhere."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
