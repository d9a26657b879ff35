"""Reading and writing files safely; every file quotedesk reads from a corpus or writes goes through here.

Reading (`read_regular`): regular files only. A FIFO would block the reader forever and `/dev/zero` never ends, so
the path is checked before it is opened and again on the open descriptor (`fstat`, which a swapped symlink cannot
fool), the file is opened non-blocking, and no more than the limit plus one byte is ever read, whatever the size
on disk said.

Writing (`write_atomically`): the file is replaced whole or not at all. The data goes to a temp file with a unique
name in the same folder, is fsynced, renamed over the target, and the folder is fsynced so the rename survives a
crash. When anything fails (a full disk, a read-only one) the temp file is removed, the target keeps its old
content, and the `OSError` is raised for the caller to report.
"""
from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

__all__ = ["FileIdentity", "NotRegularFile", "TooLarge", "describe_mode", "fsync_folder", "identity", "read_regular",
           "read_with_identity", "settle_writes", "write_atomically"]

_CHUNK = 1 << 20
# Temp files of writes under way, so that a process about to end can let them finish or remove them.
_unfinished: set[Path] = set()
_unfinished_changed = threading.Condition()
FileIdentity = tuple[int, int, int]  # (size, modification time in ns, inode): a file as one read or write left it
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(ValueError):
    """The path names something other than a regular file (a folder, a FIFO, a device, a socket)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


class TooLarge(ValueError):
    """The file holds more bytes than the reader accepts; `size` is at least the limit plus one."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.size = size
        self.limit = limit


def describe_mode(mode: int) -> str:
    """What kind of file a `st_mode` says, in words for a message."""
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a regular file")):
        if test(mode):
            return kind
    return "a special file"


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed). Raises `NotRegularFile` for anything else,
    `TooLarge` when it holds more than `limit` bytes, `OSError` when it cannot be opened or read."""
    return read_with_identity(path, limit)[0]


def read_with_identity(path: str | os.PathLike[str], limit: int | None = None) -> tuple[bytes, FileIdentity]:
    """`read_regular`, and the identity of the file that was read (see `identity`)."""
    before = os.stat(path)
    if not stat.S_ISREG(before.st_mode):  # never open a device or a FIFO at all: opening one can act
        raise NotRegularFile(describe_mode(before.st_mode))
    if limit is not None and before.st_size > limit:
        raise TooLarge(before.st_size, limit)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)  # what was opened, which may differ from what was checked (a swapped symlink)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(describe_mode(info.st_mode))
        if limit is not None and info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        chunks: list[bytes] = []
        wanted = None if limit is None else limit + 1
        while wanted is None or wanted > 0:
            chunk = os.read(fd, _CHUNK if wanted is None else min(_CHUNK, wanted))
            if not chunk:
                break
            chunks.append(chunk)
            if wanted is not None:
                wanted -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if limit is not None and len(data) > limit:  # it grew while being read, or its size was not the truth
        raise TooLarge(len(data), limit)
    return data, identity(info)


def identity(info: os.stat_result) -> FileIdentity:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> FileIdentity:
    """Replace the file at `path` with `data` (str is written as UTF-8) whole or not at all; the folder must
    exist. Returns the new file's identity, so a later change by another program can be noticed. On failure the
    temp file is removed, the target is unchanged and the `OSError` is raised."""
    path = Path(path)
    folder = path.parent
    payload = data.encode("utf-8") if isinstance(data, str) else data
    while True:
        tmp = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:  # another writer's temp file: pick another name
            continue
        break
    with _unfinished_changed:
        _unfinished.add(tmp)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            written = identity(os.fstat(fd))
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        with _unfinished_changed:
            _unfinished.discard(tmp)
            _unfinished_changed.notify_all()
    fsync_folder(folder)
    return written


def settle_writes(timeout: float) -> None:
    """Before the process ends without waiting for its threads: give writes under way in other threads up to
    `timeout` seconds to finish, then remove the temp files of those still unfinished, whose targets keep their
    old content."""
    deadline = time.monotonic() + timeout
    with _unfinished_changed:
        while _unfinished and (left := deadline - time.monotonic()) > 0:
            _unfinished_changed.wait(left)
        for tmp in _unfinished:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in `folder` durable. Some file systems cannot fsync a folder; that is not an error."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the data itself was fsynced before the rename
    finally:
        os.close(fd)
