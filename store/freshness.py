"""What differs between the files under the corpus roots and the database: a walk of the folders (names, sizes
and modification times only, `store.sources.article_files.walk_article_files`) compared with the `files` table.
Every `quotedesk search` runs it before answering, so it loads nothing of the readers and writers
(`store.indexing`)."""
from __future__ import annotations

import hashlib
import sqlite3
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .sources.article_files import source_folder, walk_article_files

DUPLICATE = "same article as "  # how a file skipped as a copy of another says so in its problems


@dataclass
class Changes:
    """What differs between the files on disk and the database: files to read (in walk order) and files gone.
    `recorded`: the database's digest of its `files` table (`files_digest`) is the one of the files on disk, so
    nothing differs; when False, the indexer records it again (even with nothing to read)."""

    to_read: list[tuple[str, int, int, str | None]]  # path, size, mtime_ns, the source its folder names
    removed: list[str]
    recorded: bool = False

    def __bool__(self) -> bool:
        return bool(self.to_read or self.removed)


def changed_files(connection: sqlite3.Connection, roots: Iterable[Path]) -> Changes:
    """Walk the roots and compare every file's size and modification time with the database's: at once by
    their digest, the usual answer; file by file when the digests differ."""
    roots = list(roots)
    found = list(walk_article_files(roots))
    recorded = connection.execute("SELECT value FROM meta WHERE key = 'files_digest'").fetchone()
    if recorded is not None and recorded[0] == files_digest(found):
        return Changes([], [], recorded=True)
    stored = set(connection.execute("SELECT path, size, mtime_ns FROM files"))
    on_disk = set(found)
    if on_disk == stored:
        return Changes([], [])
    present = {path for path, _size, _mtime_ns in found}
    removed = sorted(path for path, _size, _mtime_ns in stored - on_disk if path not in present)
    changes = Changes([(path, size, mtime_ns, source_folder(path, roots))
                       for path, size, mtime_ns in found if (path, size, mtime_ns) not in stored], removed)
    if changes:
        # A file skipped as a copy of another is read again: the other may be what changed or went.
        again = {path for path in changes.removed}
        again.update(item[0] for item in changes.to_read)
        for path, size, mtime_ns, problems in connection.execute(
                "SELECT path, size, mtime_ns, problems FROM files WHERE problems LIKE ?", (f"%{DUPLICATE}%",)):
            if path not in again:
                changes.to_read.append((path, size, mtime_ns, source_folder(path, roots)))
    return changes


def files_digest(files: list[tuple[str, int, int]]) -> str:
    """A digest of (path, size, modification time) of every file, in any order: one of the files on disk equals
    the one of the `files` table when they hold the same. Hashing costs a fraction of reading the table."""
    paths, sizes, times = zip(*sorted(files)) if files else ((), (), ())
    digest = hashlib.sha1("\0".join(paths).encode("utf-8", "surrogateescape"))
    digest.update(array("q", sizes).tobytes())  # the numbers as machine words: no text made of each
    digest.update(array("q", times).tobytes())
    return digest.hexdigest()


def record_files_digest(connection: sqlite3.Connection) -> None:
    """Record the digest of the `files` table as it is (in the caller's transaction)."""
    files = connection.execute("SELECT path, size, mtime_ns FROM files").fetchall()
    connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('files_digest', ?)", (files_digest(files),))
