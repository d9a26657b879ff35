"""What differs between the files under the corpus roots and the database: a walk of the folders (names, sizes
and modification times only, `store.sources.article_files.walk_article_files`) compared with the `files` table.
Every `quotedesk search` runs it before answering, so it loads nothing of the readers and writers
(`store.indexing`).

Where GNU find is at hand, the usual answer, "nothing changed", costs no walk in Python: `find` (a few at once
where the roots hold several folders) lists every entry under the roots with its size and modification time
(folders too, whose times change when an entry is added, removed or renamed in them), and that listing is
compared, byte for byte, with the one recorded the last time the walk found the files as the database has them
(`listing` in `meta`). Any difference, or no find, and the walk decides, as always."""
from __future__ import annotations

import os
import sqlite3
import time
from array import array
from collections.abc import Iterable
from pathlib import Path

from .sources.article_files import source_folder, walk_article_files

DUPLICATE = "same article as "  # how a file skipped as a copy of another says so in its problems


class Changes:
    """What differs between the files on disk and the database: files to read (in walk order) and files gone.
    `recorded`: the database's digest of its `files` table (`files_digest`) is the one of the files on disk, so
    nothing differs; when False, the indexer records it again (even with nothing to read). A plain class:
    `quotedesk search` would spend a sixth of its time making dataclasses."""

    __slots__ = ("to_read", "removed", "recorded")

    def __init__(self, to_read: list[tuple[str, int, int, str | None]], removed: list[str],
                 recorded: bool = False) -> None:
        self.to_read = to_read  # path, size, mtime_ns, the source its folder names
        self.removed = removed
        self.recorded = recorded

    def __repr__(self) -> str:
        return f"Changes(to_read={self.to_read!r}, removed={self.removed!r}, recorded={self.recorded!r})"

    def __bool__(self) -> bool:
        return bool(self.to_read or self.removed)


def changed_files(connection: sqlite3.Connection, roots: Iterable[Path], listing: Listing | None = None) -> Changes:
    """Compare every file's size and modification time under the roots with the database's: by find's `listing`
    (started here when not given, unless the database records no digest for it to count beside) when it is the
    one recorded, the usual answer; else by the walk's digest; file by file when that differs too."""
    roots = list(roots)
    stored = dict(connection.execute("SELECT key, value FROM meta WHERE key IN ('files_digest', 'listing')"))
    recorded = stored.get("files_digest")
    if listing is None and recorded is not None:  # else (a new database) the listing could not be compared
        listing = Listing(roots)
    listed = listing.pieces() if listing is not None else None
    # The listing counts only beside the files' digest it was recorded with: it is kept after that digest.
    if listed is not None and recorded is not None and _joined(stored.get("listing"), (recorded.encode(), b"\0",
                                                                                        *listed)):
        return Changes([], [], recorded=True)
    found = list(walk_article_files(roots))
    if recorded is not None and recorded == files_digest(found):
        if listed is not None and not _written_since(connection, listing.started):
            _record_listing(connection, b"".join((recorded.encode(), b"\0", *listed)))
        return Changes([], [], recorded=True)
    stored = set(connection.execute("SELECT path, size, mtime_ns FROM files"))
    on_disk = set(found)
    if on_disk == stored:
        return Changes([], [])
    present = {path for path, _size, _mtime_ns in found}
    removed = sorted(path for path, _size, _mtime_ns in stored - on_disk if path not in present)
    folder_sources: dict[str, str | None] = {}  # the walk's folder of a file -> what its files' folder names

    def folder_source(path: str) -> str | None:
        folder = os.path.dirname(path)
        if folder not in folder_sources:
            folder_sources[folder] = source_folder(path, roots)
        return folder_sources[folder]

    changes = Changes([(path, size, mtime_ns, folder_source(path))
                       for path, size, mtime_ns in found if (path, size, mtime_ns) not in stored], removed)
    if changes:
        # A file skipped as a copy of another is read again: the other may be what changed or went.
        again = {path for path in changes.removed}
        again.update(item[0] for item in changes.to_read)
        for path, size, mtime_ns, problems in connection.execute(
                "SELECT path, size, mtime_ns, problems FROM files WHERE problems LIKE ?", (f"%{DUPLICATE}%",)):
            if path not in again:
                changes.to_read.append((path, size, mtime_ns, folder_source(path)))
    return changes


def files_digest(files: list[tuple[str, int, int]]) -> str:
    """A digest of (path, size, modification time) of every file, in any order: one of the files on disk equals
    the one of the `files` table when they hold the same. Hashing costs a fraction of reading the table."""
    import hashlib  # not at the start: the usual check compares find's listing, and OpenSSL takes long to load

    paths, sizes, times = zip(*sorted(files)) if files else ((), (), ())
    digest = hashlib.sha1("\0".join(paths).encode("utf-8", "surrogateescape"))
    digest.update(array("q", sizes).tobytes())  # the numbers as machine words: no text made of each
    digest.update(array("q", times).tobytes())
    return digest.hexdigest()


def record_files_digest(connection: sqlite3.Connection) -> None:
    """Record the digest of the `files` table as it is (in the caller's transaction)."""
    files = connection.execute("SELECT path, size, mtime_ns FROM files").fetchall()
    connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('files_digest', ?)", (files_digest(files),))


# --- the listing by find --------------------------------------------------------------------------------------
# Every entry below the roots, hidden ones left out as the walk leaves them out: its type, size, modification time
# (in ns) and path, each ended by a NUL (a name may hold a newline). Roots themselves are stat'ed here (a root may be
# a hidden folder, or a file). Symbolic links below the roots are not followed (following them costs find a
# quarter more): the first one ends the listing with an empty entry (a lone NUL, which no other entry can be: a
# path is never empty), a listing that is no answer, and the walk, which follows them, decides.
_FIND_LISTING = ("-mindepth", "1", "-name", ".*", "-prune", "-o", "-type", "l", "-printf", "\\0", "-quit",
                 "-o", "-printf", "%y %s %T@ %p\\0")


class Listing:
    """GNU find listing every entry under the roots (see `_FIND_LISTING`; those that are symbolic links on the
    command line followed), started at once in processes of their own: the caller goes on meanwhile, and asks for
    its `text` when it needs it.

    Most of find's time is the system's, asking for each file's size and time: where the roots hold several
    folders, these are shared out among as many finds as the machine has processors (up to `_MOST_FINDS`), and
    one more lists what stands directly in the roots. The same folders, in the same order, are shared out the same
    way each time: an unchanged corpus gives the same text."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = [os.path.abspath(root) for root in roots]  # never read as an option of find
        self.started = time.time_ns()
        self._finds: list[tuple[int, int]] = []  # (process id, the file it writes into) of each part
        if not _CAN_LIST:
            return
        try:
            for starts, depth in _parts(self.roots):
                # find writes into an anonymous file in memory: it never waits for a reader, whatever its size.
                output = os.memfd_create("quotedesk-listing", os.MFD_CLOEXEC)
                try:
                    pid = os.posix_spawnp("find", ["find", "-H", *starts, *depth, *_FIND_LISTING],
                                          {**os.environ, "LC_ALL": "C"},  # names matched and written as bytes
                                          file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                                                        (os.POSIX_SPAWN_DUP2, output, 1),
                                                        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
                except OSError:
                    os.close(output)
                    raise
                self._finds.append((pid, output))
        except OSError:  # no find at all, or no file for it
            self._listed()  # what did start is waited for and let go: no listing

    def text(self) -> bytes | None:
        """The roots (their sizes and times: a root may be a file, or a hidden folder) and everything find listed
        under them, once it has ended: the same text means the same names, sizes and times, so the same answer of
        the walk. Compared whole, not by a digest: hashing it would cost more than the rest of a search's check.
        None where find cannot tell (no GNU find, an error or a loop on the way, a symbolic link below the roots).
        Asked once (or `pieces`)."""
        pieces = self.pieces()
        return None if pieces is None else b"".join(pieces)

    def pieces(self) -> tuple[bytes, ...] | None:
        """`text` in pieces, what is said of the roots and what each find listed, not joined: comparing them with
        a recorded text needs no copy of megabytes."""
        if not self._finds:
            return None
        listed = self._listed()
        if listed is None:
            return None
        heads = []
        for root in self.roots:
            try:
                stat = os.stat(root)
                heads.append(f"{stat.st_size} {stat.st_mtime_ns} {root}")
            except OSError:
                heads.append(f"- {root}")
        return ("\0".join(heads).encode("utf-8", "surrogateescape") + b"\0\0", *listed)

    def _listed(self) -> list[bytes] | None:
        """What each find listed, once they have all ended; None if one of them failed or met a symbolic link."""
        listed: list[bytes] | None = []
        for pid, output in self._finds:
            try:
                _pid, status = os.waitpid(pid, 0)
                size = os.fstat(output).st_size
                text = os.pread(output, size, 0) if size else b""
            except OSError:
                listed = None
                continue
            finally:
                os.close(output)
            if os.waitstatus_to_exitcode(status) != 0 or text.endswith(b"\0\0") or text == b"\0":
                listed = None  # (a lone NUL, or one after an entry: it met a symbolic link)
            elif listed is not None:
                listed.append(text)
        self._finds = []
        return listed


# At most this many finds share out the folders of the roots (each one more process started).
_MOST_FINDS = 4


def _parts(roots: list[str]) -> list[tuple[list[str], tuple[str, ...]]]:
    """The starting points and depth options of each find: one find for all, or, where the roots hold folders
    enough to share out, one for what stands directly in the roots (those folders' own entries included) and the
    folders' contents shared out among the others. A folder that is a symbolic link, or hidden, is left to the
    first find (which ends the listing at a link, and leaves out hidden entries)."""
    folders = []
    for root in roots:
        try:
            with os.scandir(root) as entries:
                folders += [entry.path for entry in entries
                            if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)]
        except OSError:  # a file, or gone: find says so
            continue
    # The machine's processors, not those this process may use: the listing of unchanged files must not change
    # with the process (a search started under `taskset` would never find the recorded one).
    shares = min(os.cpu_count() or 1, _MOST_FINDS, len(folders))
    if shares < 2:
        return [(roots, ())]
    return [(roots, ("-maxdepth", "1")), *((folders[share::shares], ()) for share in range(shares))]


def _joined(value: object, pieces: tuple[bytes, ...]) -> bool:
    """Is `value` the bytes of the pieces one after the other? (Without joining them.)"""
    if not isinstance(value, bytes) or len(value) != sum(map(len, pieces)):
        return False
    at = 0
    for piece in pieces:
        if not value.startswith(piece, at):
            return False
        at += len(piece)
    return True


def current_listing(roots: Iterable[Path]) -> bytes | None:
    """`Listing(roots).text()`, waited for."""
    return Listing(roots).text()


_CAN_LIST = hasattr(os, "memfd_create") and hasattr(os, "posix_spawnp")


# How much earlier than the clock a file's time may be set (file systems take a coarser clock).
_CLOCK_SLACK_NS = 50_000_000


def _written_since(connection: sqlite3.Connection, started: int) -> bool:
    """Was the database written since a listing started (or about then)? Then the files it lists may be older
    than the ones the database now holds: the listing is not recorded beside their digest. An empty write-ahead
    log counts for nothing: the first reader of a closed database makes one, and a commit always writes into it
    (a checkpoint that empties it writes the database file first)."""
    path = connection.execute("PRAGMA database_list").fetchone()[2]
    for name in (path, path + "-wal"):
        try:
            stat = os.stat(name)
        except OSError:
            continue
        if stat.st_size and stat.st_mtime_ns >= started - _CLOCK_SLACK_NS:
            return True
    return False


def _record_listing(connection: sqlite3.Connection, value: bytes) -> None:
    """Record the listing after the files' digest it was found with; not now if another process is writing (a
    later check records it)."""
    from .corpus_db import BUSY_TIMEOUT_MS

    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('listing', ?)", (value,))
    except sqlite3.OperationalError:
        pass
    finally:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
