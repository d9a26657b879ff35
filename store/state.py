"""Read marks, reading positions, highlights, corrections and settings, kept in one TinyDB file.

This module is the only one that opens the database. State is read once into memory; every change
is written at once through an atomic storage (temp file, fsync, rename), so a crash leaves either
the old or the new file, never a torn one. A write that fails (a full or read-only disk) leaves the last good
file and turns the state read-only, said once; a record that cannot be read is left in the file, not loaded.
"""
from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from .files import FileIdentity, NotRegularFile, describe_mode, identity, read_with_identity, write_atomically
from .anchors import follows, reanchor
from .model import CORRECTION_KINDS, HIDDEN, HIGHLIGHT_COLORS, Article, Correction, Highlight

SCHEMA_VERSION = 1
DB_ENV = "QUOTEDESK_DB"


class StateError(Exception):
    """The database cannot be used at all (for instance, a newer schema than this version knows)."""


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("quotedesk", appauthor=False) / "state.json"


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """`--db` wins over the environment variable, which wins over the platform default."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return default_db_path()


class _DiskStorage(Storage):
    """TinyDB storage: the tables in memory, every change written to the file at once (atomically, see
    `store.files.write_atomically`) or once at the end of a batch. Never raises: a write that fails (a full or
    read-only disk) leaves the file with its last good content, and the storage stops writing and says so once.
    A file changed by another program since our last read or write is kept aside before ours replaces it."""

    def __init__(self, path: Path | None, tables: dict, known: FileIdentity | None, report: Callable[[str], None],
                 writable: bool) -> None:
        self.path = path
        self.tables = tables
        self.known = known  # the file as we last read or wrote it; None: there was none
        self.report = report
        self.writable = writable and path is not None
        self.deferred = False
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]]:
        return self.tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.tables = data
        self.dirty = True
        if not self.deferred:
            self.flush()

    def flush(self) -> None:
        if not (self.dirty and self.writable):
            return
        try:
            self._keep_outside_edit()
            # orjson: about ten times faster than json for a large database
            self.known = write_atomically(self.path, orjson.dumps(self.tables))
            self.dirty = False
        except OSError as exc:
            self.writable = False
            self.report(f"Cannot save to {self.path}: {exc.strerror or exc}. Its last saved state is kept; "
                        "quotedesk goes on read-only and changes from now on are not saved.")

    def _keep_outside_edit(self) -> None:
        try:
            now = identity(os.stat(self.path))
        except FileNotFoundError:
            now = None
        if now is None or now == self.known:
            return
        # A hand edit, or a sync tool: never overwrite it silently.
        aside = _aside_path(self.path, "edited")
        os.rename(self.path, aside)
        self.report(f"The state database {self.path} was changed by another program while quotedesk ran. That "
                    f"version is kept as {aside}; quotedesk's own state is saved in its place.")

    def close(self) -> None:
        self.flush()


def _aside_path(path: Path, label: str) -> Path:
    """A free name beside `path` for a copy kept aside: `NAME.LABEL-YYYYmmdd-HHMMSS[-N]`."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return aside


# The type of each stored field; a record with another type is set aside, never loaded half-right.
_TEXT, _OPTIONAL_TEXT, _NUMBER, _FLAG = (str,), (str, type(None)), (int,), (bool,)
_HIGHLIGHT_TYPES = {
    "id": _TEXT, "article_id": _TEXT, "start": _NUMBER, "end": _NUMBER, "text": _TEXT, "created": _TEXT,
    "speaker": _OPTIONAL_TEXT, "color": _NUMBER, "note": _TEXT, "title": _TEXT, "source": _OPTIONAL_TEXT,
    "date": _OPTIONAL_TEXT, "path": _TEXT, "detached": _FLAG, "author": _OPTIONAL_TEXT, "url": _OPTIONAL_TEXT,
    "first_seen_source": _OPTIONAL_TEXT, "first_seen_date": _OPTIONAL_TEXT,
}
_HIGHLIGHT_REQUIRED = {"id", "article_id", "start", "end", "text", "created"}
_CORRECTION_TYPES = {
    "id": _TEXT, "article_id": _TEXT, "kind": _TEXT, "start": _NUMBER, "end": _NUMBER, "text": _TEXT,
    "created": _TEXT, "speaker": _OPTIONAL_TEXT, "extracted_speaker": _OPTIONAL_TEXT, "path": _TEXT,
    "entry": _OPTIONAL_TEXT, "detached": _FLAG,
}
_CORRECTION_REQUIRED = {"id", "article_id", "kind", "start", "end", "text", "created"}
_ARTICLE_TYPES = {"id": _TEXT, "read": _FLAG, "position": _NUMBER}
_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true or false", type(None): "null", float: "a number",
               list: "a list", dict: "an object"}


def _type_problem(doc: dict[str, Any], types: dict[str, tuple[type, ...]], required: set[str]) -> str | None:
    for name, expected in types.items():
        if name not in doc:
            if name in required:
                return f"no {name}"
            continue
        value = doc[name]
        # bool is an int to Python, never to us
        if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
            wanted = " or ".join(_TYPE_NAMES[kind] for kind in expected)
            return f"{name} is {_TYPE_NAMES.get(type(value), type(value).__name__)}, not {wanted}"
    return None


T = TypeVar("T")


def _from_doc(doc: Any, kind: type[T], types: dict[str, tuple[type, ...]], required: set[str]) -> T | str:
    """A stored record as a `kind`, or why it cannot be one (not an object, a field missing or of a wrong type)."""
    if not isinstance(doc, dict):
        return "not an object"
    return _type_problem(doc, types, required) or kind(**{name: doc[name] for name in types if name in doc})


def _highlight_from_doc(doc: Any) -> Highlight | str:
    """A stored highlight, or why the record cannot be one."""
    highlight = _from_doc(doc, Highlight, _HIGHLIGHT_TYPES, _HIGHLIGHT_REQUIRED)
    if isinstance(highlight, str):
        return highlight
    if not 0 <= highlight.start <= highlight.end:
        return "its start and end are not a passage"
    if not 1 <= highlight.color <= HIGHLIGHT_COLORS:
        return f"its colour is not 1 to {HIGHLIGHT_COLORS}"
    return highlight


def _record(highlight: Highlight) -> dict[str, Any]:
    """A highlight as stored (`dataclasses.asdict` copies deeply and costs ten times more)."""
    return {name: getattr(highlight, name) for name in _HIGHLIGHT_TYPES}


def _correction_from_doc(doc: Any) -> Correction | str:
    """A stored correction, or why the record cannot be one."""
    correction = _from_doc(doc, Correction, _CORRECTION_TYPES, _CORRECTION_REQUIRED)
    if isinstance(correction, str):
        return correction
    if correction.kind not in CORRECTION_KINDS:
        return f"its kind is not one of {', '.join(CORRECTION_KINDS)}"
    if not 0 <= correction.start < correction.end or correction.end - correction.start != len(correction.text):
        return "its start and end do not span its text"
    return correction


def _correction_record(correction: Correction) -> dict[str, Any]:
    return {name: getattr(correction, name) for name in _CORRECTION_TYPES}


def _slot(correction: Correction) -> tuple[str, int, int, bool]:
    """What a correction decides: a span is hidden or not, and has one speaker (corrected or added)."""
    return correction.article_id, correction.start, correction.end, correction.kind == HIDDEN


def _article_from_doc(doc: Any) -> dict[str, Any] | str:
    if not isinstance(doc, dict):
        return "not an object"
    problem = _type_problem(doc, _ARTICLE_TYPES, {"id"})
    if problem:
        return problem
    if doc.get("position", 0) < 0:
        return "its position is negative"
    return dict(doc)


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files of writers killed mid-write (only the lock holder writes, so none is in use now)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def _lock(path: Path) -> int | None:
    """Hold an exclusive lock beside the database for as long as this process writes it: its descriptor,
    or None when another process holds it, or -1 when locking is not possible here (no `fcntl`)."""
    try:
        import fcntl
    except ImportError:
        return -1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return -1  # a folder we cannot write: saving will fail visibly later, not here
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _special_file(path: Path) -> str | None:
    """What `path` is when it exists and is not a regular file (a folder, a device...), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing (a new database), or not even stat-able: reading it will say why
    return None if stat.S_ISREG(mode) else describe_mode(mode)


def _load(path: Path) -> tuple[dict, FileIdentity | None, str | None]:
    """(tables, the file's identity, None), or ({}, None, why the file cannot be used as our database)."""
    try:
        data, known = read_with_identity(path)
    except FileNotFoundError:
        return {}, None, None
    except NotRegularFile as exc:
        return {}, None, f"it is {exc.kind}"
    except OSError as exc:
        return {}, None, f"it cannot be read ({exc.strerror or exc})"
    if not data.strip():
        return {}, known, None
    try:
        tables = orjson.loads(data)
    except (ValueError, UnicodeDecodeError):
        return {}, None, "it is not valid JSON (truncated or corrupt)"
    # TinyDB itself needs tables of records keyed by whole numbers; a record's own fields are checked one by one.
    if not isinstance(tables, dict) or not all(
        isinstance(table, dict) and all(key.isdigit() for key in table) for table in tables.values()
    ):
        return {}, None, "it is JSON of the wrong shape"
    return tables, known, None


def _setting_from_doc(doc: Any) -> tuple[str, Any] | str:
    if not isinstance(doc, dict) or not isinstance(doc.get("key"), str):
        return "no key"
    return doc["key"], doc.get("value")


def _indexed(tables: dict, table: str, label: str, parse: Callable[[Any], Any], key_of: Callable[[Any], str],
             set_aside: list[str]) -> dict[str, tuple[int, Any]]:
    """The records of a table by their key, with their TinyDB ids; why each unreadable one was left out goes to
    `set_aside`."""
    records: dict[str, tuple[int, Any]] = {}
    for doc_id, doc in (tables.get(table) or {}).items():
        record = parse(doc)
        if isinstance(record, str):
            set_aside.append(f"{label} record {doc_id}: {record}")
        elif key_of(record) in records:
            set_aside.append(f"{label} record {doc_id}: a repeated {'key' if label == 'setting' else 'id'}")
        else:
            records[key_of(record)] = (int(doc_id), record)
    return records


class State:
    """The user's state, in memory, written through to the database on every change."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        """`path=None` keeps state in memory only. `read_only` reads the database and never writes it.
        While one `State` writes a database, another opened on it (another quotedesk) is read-only.
        A symlink is followed: the file it points to is the database (and the one locked and written)."""
        self.path = None if path is None else Path(os.path.realpath(path))
        self.warnings: list[str] = []  # said at start; later problems go to `on_problem` once it is set
        self.on_problem: Callable[[str], None] | None = None
        self.read_only = path is None or read_only
        self.unusable: str | None = None  # why the database could not be read, when it could not
        self._lock: int | None = None
        tables, known = {}, None
        if self.path is not None:
            tables, known = self._open(self.path)
        self._storage = _DiskStorage(self.path, tables, known, self._report, writable=not self.read_only)
        self._db = TinyDB(storage=lambda: self._storage)
        self._check_schema()
        self._load_records(tables)

    def _open(self, path: Path) -> tuple[dict, FileIdentity | None]:
        """Lock the database (unless read-only), then read it; an unusable one is set aside by the lock holder."""
        special = _special_file(path)
        if special:
            self.read_only = True
            self.unusable = f"it is {special}"
            self.warnings.append(f"The state database {path} is {special}, not a file: quotedesk leaves it alone "
                                 "and saves nothing this session (choose another file with --db).")
            return {}, None
        if not self.read_only:
            self._lock = _lock(path)
            if self._lock is None:
                self.read_only = True
                self.warnings.append(
                    f"Another quotedesk is using {path}: this one is read-only, and changes made in it "
                    "are not saved."
                )
            else:
                _remove_stale_temp_files(path)
        tables, known, problem = _load(path)
        self.unusable = problem
        if problem and self.read_only:
            self.warnings.append(f"The state database {path} cannot be read: {problem}.")
        elif problem:
            self._set_aside(path, problem)  # only the lock holder ever moves the writer's file
        return tables, known

    def _report(self, message: str) -> None:
        """A problem met while writing: said at start, or to `on_problem` once the app listens."""
        self.read_only = self.read_only or not self._storage.writable  # a failed write stops all writing
        if self.on_problem is not None:
            self.on_problem(message)
        else:
            self.warnings.append(message)

    def _load_records(self, tables: dict) -> None:
        """Index the records by id. A record of the wrong shape or with a field of the wrong type is set aside:
        not loaded, kept in the file as it is, reported once; the others load."""
        set_aside: list[str] = []
        self._articles = _indexed(tables, "articles", "article", _article_from_doc, lambda r: r["id"], set_aside)
        self._highlights = _indexed(tables, "highlights", "highlight", _highlight_from_doc, lambda h: h.id, set_aside)
        self._oldest_first: list[Highlight] | None = None
        self._corrections = _indexed(tables, "corrections", "correction", _correction_from_doc, lambda c: c.id,
                                     set_aside)
        self._corrections_by_article: dict[str, list[Correction]] | None = None
        self.corrections_version = 0  # bumped by every change to the corrections: what a cache was made from
        settings = _indexed(tables, "settings", "setting", _setting_from_doc, lambda setting: setting[0], set_aside)
        self._settings: dict[str, tuple[int, Any]] = {key: (doc_id, value)
                                                      for key, (doc_id, (_, value)) in settings.items()}
        if set_aside:
            listing = "; ".join(set_aside[:3]) + (f"; and {len(set_aside) - 3} more" if len(set_aside) > 3 else "")
            self.warnings.append(
                f"{len(set_aside)} record{'s' if len(set_aside) != 1 else ''} in the state database {self.path} "
                f"could not be read and {'were' if len(set_aside) != 1 else 'was'} left out ({listing}). "
                "They are kept in the file as they are; everything else was loaded."
            )

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Changes made inside are written together, once, at the end (one file write, not several)."""
        storage = self._storage
        if storage.deferred:
            yield
            return
        storage.deferred = True
        try:
            yield
        finally:
            storage.deferred = False
            storage.flush()

    @classmethod
    def for_reading(cls, path: Path) -> State:
        """State for a command that only reads it: nothing is written, an absent database not created."""
        return cls(path if path.exists() else None, read_only=True)

    def _set_aside(self, path: Path, problem: str) -> None:
        """Keep an unusable database byte for byte under a new name and start empty."""
        aside = _aside_path(path, "unusable")
        try:
            os.rename(path, aside)
        except OSError:
            self.read_only = True
            self.warnings.append(
                f"The state database {path} cannot be used: {problem}. "
                "Nothing will be saved this session."
            )
            return
        self.warnings.append(
            f"The state database {path} could not be used: {problem}. "
            f"It was kept as {aside}; starting with empty state."
        )

    def _check_schema(self) -> None:
        docs = list((self._storage.tables.get("meta") or {}).values())
        if not docs:
            self._db.table("meta").insert({"schema": SCHEMA_VERSION})
            return
        version = docs[0].get("schema") if isinstance(docs[0], dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version > SCHEMA_VERSION:
            raise StateError(
                f"The state database {self.path} was written by a newer quotedesk or another program "
                f"(schema {version!r}, this version knows {SCHEMA_VERSION}); it was left untouched."
            )

    # read marks and positions -------------------------------------------------------------------
    def is_read(self, article_id: str) -> bool:
        entry = self._articles.get(article_id)
        return bool(entry and entry[1].get("read"))

    def read_article_ids(self) -> set[str]:
        """The ids of every article marked read (for `is:read` and the unread count)."""
        return {article_id for article_id, (_doc_id, record) in self._articles.items() if record.get("read")}

    def set_read(self, article_id: str, read: bool = True) -> None:
        self._update_article(article_id, read=read)

    def position(self, article_id: str) -> int:
        entry = self._articles.get(article_id)
        value = entry[1].get("position", 0) if entry else 0
        return value if isinstance(value, int) and value >= 0 else 0

    def set_position(self, article_id: str, position: int) -> None:
        if self.position(article_id) != position:
            self._update_article(article_id, position=max(0, int(position)))

    def _update_article(self, article_id: str, **fields: Any) -> None:
        table = self._db.table("articles")
        entry = self._articles.get(article_id)
        if entry is None:
            record = {"id": article_id, "read": False, "position": 0, **fields}
            self._articles[article_id] = (table.insert(record), record)
        else:
            doc_id, record = entry
            if all(record.get(k) == v for k, v in fields.items()):
                return
            record.update(fields)
            table.update(fields, doc_ids=[doc_id])

    # highlights ------------------------------------------------------------------------------------
    def highlights(self) -> list[Highlight]:
        """Every highlight, oldest first."""
        if self._oldest_first is None:  # sorted again only after a change: the highlights view asks at every key
            self._oldest_first = sorted((h for _, h in self._highlights.values()), key=lambda h: (h.created, h.id))
        return list(self._oldest_first)

    def highlights_for(self, article_id: str) -> list[Highlight]:
        return sorted(
            (h for _, h in self._highlights.values() if h.article_id == article_id and not h.detached),
            key=lambda h: (h.start, h.end),
        )

    def highlighted_article_ids(self) -> set[str]:
        return {h.article_id for _, h in self._highlights.values()}

    def highlight(self, highlight_id: str) -> Highlight | None:
        entry = self._highlights.get(highlight_id)
        return entry[1] if entry else None

    def add_highlight(self, highlight: Highlight) -> None:
        """Add a highlight; one with the id of a stored one replaces it (ids are never repeated in the file)."""
        if highlight.id in self._highlights:
            self.update_highlight(highlight)
            return
        doc_id = self._db.table("highlights").insert(_record(highlight))
        self._highlights[highlight.id] = (doc_id, highlight)
        self._oldest_first = None

    def update_highlight(self, highlight: Highlight) -> None:
        doc_id, old = self._highlights[highlight.id]
        if old != highlight:
            self._db.table("highlights").update(_record(highlight), doc_ids=[doc_id])
            self._highlights[highlight.id] = (doc_id, highlight)
            self._oldest_first = None

    def delete_highlight(self, highlight_id: str) -> None:
        entry = self._highlights.pop(highlight_id, None)
        self._oldest_first = None
        if entry is not None:
            self._db.table("highlights").remove(doc_ids=[entry[0]])

    def reanchor(self, article: Article, known_ids: Container[str]) -> None:
        """Place this article's highlights and corrections on its current text. Those made on an earlier version of
        the same file (same path, an id no longer in the corpus) follow it; text that is gone leaves them detached,
        never deleted. All that moved is written at once."""
        citation = dict(title=article.headline, source=article.source, date=article.date)
        with self.batch():
            if self._reanchor_table("highlights", self._highlights, _record, article, known_ids, citation):
                self._oldest_first = None
            if self._reanchor_table("corrections", self._corrections, _correction_record, article, known_ids,
                                    dict(entry=article.entry)):
                self._corrections_changed()

    def _reanchor_table(self, name: str, records: dict[str, tuple[int, Any]], to_doc: Callable[[Any], dict],
                        article: Article, known_ids: Container[str], also: dict[str, Any]) -> bool:
        moved: dict[str, tuple[int, Any]] = {}
        for doc_id, record in records.values():
            if follows(record, article, known_ids):
                placed = reanchor(record, article, **also)
                if placed != record:
                    moved[record.id] = (doc_id, placed)
        if moved:
            docs = {record_id: to_doc(record) for record_id, (_, record) in moved.items()}
            # One pass over the table for all of them (TinyDB copies the whole table for each update call).
            self._db.table(name).update(lambda doc: doc.update(docs[doc["id"]]),
                                        doc_ids=[doc_id for doc_id, _ in moved.values()])
            records.update(moved)
        return bool(moved)

    # corrections -----------------------------------------------------------------------------------
    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        return sorted((c for _, c in self._corrections.values()), key=lambda c: (c.created, c.id))

    def corrections_for(self, article_id: str) -> list[Correction]:
        """The corrections made on this article (detached ones too), in reading order."""
        return list(self._by_article().get(article_id, ()))

    def corrections_of(self, article: Article, known_ids: Container[str]) -> list[Correction]:
        """The corrections that belong to `article`: made on it, or on an earlier version of its file (the detached
        ones stay with that version's id until their text is found again), in reading order."""
        found = [c for _, c in self._corrections.values() if follows(c, article, known_ids)]
        return sorted(found, key=lambda c: (c.start, c.end, c.kind))

    def corrections_by_article(self) -> dict[str, tuple[Correction, ...]]:
        """A snapshot of every correction by article id, for a worker thread (the state is changed on the UI
        thread only)."""
        return {article_id: tuple(found) for article_id, found in self._by_article().items()}

    def _by_article(self) -> dict[str, list[Correction]]:
        if self._corrections_by_article is None:
            by_article: dict[str, list[Correction]] = {}
            for _, correction in self._corrections.values():
                by_article.setdefault(correction.article_id, []).append(correction)
            for found in by_article.values():
                found.sort(key=lambda c: (c.start, c.end, c.kind))
            self._corrections_by_article = by_article
        return self._corrections_by_article

    def save_correction(self, correction: Correction) -> None:
        """Keep a correction; one of the same article and span that decides the same thing (hidden or not; the
        speaker) is replaced by it."""
        table = self._db.table("corrections")
        with self.batch():
            for doc_id, stored in list(self._corrections.values()):
                if stored.id != correction.id and _slot(stored) == _slot(correction):
                    table.remove(doc_ids=[doc_id])
                    del self._corrections[stored.id]
            entry = self._corrections.get(correction.id)
            if entry is None:
                self._corrections[correction.id] = (table.insert(_correction_record(correction)), correction)
            elif entry[1] != correction:
                table.update(_correction_record(correction), doc_ids=[entry[0]])
                self._corrections[correction.id] = (entry[0], correction)
        self._corrections_changed()

    def delete_correction(self, correction_id: str) -> None:
        entry = self._corrections.pop(correction_id, None)
        if entry is not None:
            self._db.table("corrections").remove(doc_ids=[entry[0]])
            self._corrections_changed()

    def _corrections_changed(self) -> None:
        self._corrections_by_article = None
        self.corrections_version += 1

    # settings --------------------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        entry = self._settings.get(key)
        return entry[1] if entry else default

    def set_setting(self, key: str, value: Any) -> None:
        table = self._db.table("settings")
        entry = self._settings.get(key)
        if entry is None:
            self._settings[key] = (table.insert({"key": key, "value": value}), value)
        elif entry[1] != value:
            self._settings[key] = (entry[0], value)
            table.update({"value": value}, doc_ids=[entry[0]])

    @property
    def last_article(self) -> str | None:
        value = self.setting("last_article")
        return value if isinstance(value, str) else None

    @last_article.setter
    def last_article(self, article_id: str) -> None:
        self.set_setting("last_article", article_id)

    def close(self) -> None:
        """Write what a batch left pending and release the lock. Never raises: a failed write was reported."""
        try:
            self._db.close()
        finally:
            if self._lock is not None and self._lock >= 0:
                try:
                    os.close(self._lock)  # closing the descriptor releases the lock
                except OSError:
                    pass
            self._lock = None
