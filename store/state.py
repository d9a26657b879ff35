"""Read marks, reading positions, highlights and settings, kept in one TinyDB file.

This module is the only one that opens the database. State is read once into memory; every change
is written at once through an atomic storage (temp file, fsync, rename), so a crash leaves either
the old or the new file, never a torn one.
"""
from __future__ import annotations

import os
import time
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import MemoryStorage, Storage

from .highlights import reanchor
from .model import Article, Highlight

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


class AtomicJSONStorage(Storage):
    """TinyDB storage that replaces the file atomically on every write."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return orjson.loads(data) if data.strip() else None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            handle.write(orjson.dumps(data))  # about ten times faster than json for a large database
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)

    def close(self) -> None:
        pass


class _WriteThrough(CachingMiddleware):
    """Reads come from memory after the first; every write goes straight to disk, except inside
    `State.batch()`, which writes once at its end."""

    deferred = False

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.cache = data
        self._cache_modified_count += 1
        if not self.deferred:
            self.flush()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_HIGHLIGHT_FIELDS = {f.name for f in fields(Highlight)}


def _highlight_from_doc(doc: dict[str, Any]) -> Highlight | None:
    """A stored highlight, or None for a record too damaged to use."""
    try:
        highlight = Highlight(**{k: v for k, v in doc.items() if k in _HIGHLIGHT_FIELDS})
    except TypeError:
        return None
    if not (isinstance(highlight.id, str) and isinstance(highlight.start, int) and isinstance(highlight.end, int)):
        return None
    return highlight


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


def _check_database(path: Path) -> str | None:
    """Why the file at `path` cannot be used as our database, or None when it can (or is absent)."""
    if path.is_dir():
        return "it is a directory"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if not data.strip():
        return None
    try:
        tables = orjson.loads(data)
    except (ValueError, UnicodeDecodeError):
        return "it is not valid JSON (truncated or corrupt)"
    if not isinstance(tables, dict) or not all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in tables.values()
    ):
        return "it is JSON of the wrong shape"
    return None


class State:
    """The user's state, in memory, written through to the database on every change."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        """`path=None` keeps state in memory only. `read_only` reads the database and never writes it.
        While one `State` writes a database, another opened on it (another quotedesk) is read-only."""
        self.path = path
        self.warnings: list[str] = []
        self.read_only = path is None or read_only
        self._lock: int | None = None
        snapshot = None
        if path is not None:
            problem = _check_database(path)
            if problem and not self.read_only:
                self._set_aside(path, problem)
            elif problem:
                self.warnings.append(f"The state database {path} cannot be read: {problem}.")
            if not self.read_only:
                self._lock = _lock(path)
                if self._lock is not None:
                    _remove_stale_temp_files(path)
                if self._lock is None:
                    self.read_only = True
                    self.warnings.append(
                        f"Another quotedesk is using {path}: this one is read-only, and changes made in it "
                        "are not saved."
                    )
            if self.read_only and not problem:
                snapshot = AtomicJSONStorage(path).read()
        if self.read_only:
            self._db = TinyDB(storage=MemoryStorage)
            if snapshot:
                self._db.storage.write(snapshot)
        else:
            self._db = TinyDB(path, storage=_WriteThrough(AtomicJSONStorage))
        self._check_schema()
        self._articles: dict[str, tuple[int, dict[str, Any]]] = {
            doc["id"]: (doc.doc_id, dict(doc))
            for doc in self._db.table("articles").all()
            if isinstance(doc.get("id"), str)
        }
        self._highlights: dict[str, tuple[int, Highlight]] = {}
        for doc in self._db.table("highlights").all():
            highlight = _highlight_from_doc(doc)
            if highlight is not None:
                self._highlights[highlight.id] = (doc.doc_id, highlight)
        self._settings: dict[str, tuple[int, Any]] = {
            doc["key"]: (doc.doc_id, doc.get("value"))
            for doc in self._db.table("settings").all()
            if isinstance(doc.get("key"), str)
        }

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Changes made inside are written together, once, at the end (one file write, not several)."""
        storage = self._db.storage
        if not isinstance(storage, _WriteThrough) or storage.deferred:
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
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.unusable-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.unusable-{stamp}-{n}")
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
        meta = self._db.table("meta")
        docs = meta.all()
        if not docs:
            meta.insert({"schema": SCHEMA_VERSION})
            return
        version = docs[0].get("schema")
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise StateError(
                f"The state database {self.path} was written by a newer quotedesk "
                f"(schema {version}, this version knows {SCHEMA_VERSION}); it was left untouched."
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
        return sorted((h for _, h in self._highlights.values()), key=lambda h: (h.created, h.id))

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
        doc_id = self._db.table("highlights").insert(asdict(highlight))
        self._highlights[highlight.id] = (doc_id, highlight)

    def update_highlight(self, highlight: Highlight) -> None:
        doc_id, old = self._highlights[highlight.id]
        if old != highlight:
            self._db.table("highlights").update(asdict(highlight), doc_ids=[doc_id])
            self._highlights[highlight.id] = (doc_id, highlight)

    def delete_highlight(self, highlight_id: str) -> None:
        entry = self._highlights.pop(highlight_id, None)
        if entry is not None:
            self._db.table("highlights").remove(doc_ids=[entry[0]])

    def reanchor_highlights(self, article: Article, known_ids: Container[str]) -> None:
        """Place this article's highlights on its current text. Highlights made on an earlier version of
        the same file (same path, an id no longer in the corpus) follow it; text that is gone leaves the
        highlight detached, never deleted."""
        path = str(article.path)
        for _, highlight in list(self._highlights.values()):
            earlier_version = highlight.path == path and highlight.article_id not in known_ids
            if highlight.article_id == article.id or earlier_version:
                self.update_highlight(reanchor(highlight, article))

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
        self._db.close()
        if self._lock is not None and self._lock >= 0:
            os.close(self._lock)  # closing the descriptor releases the lock
        self._lock = None
