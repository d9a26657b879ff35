"""The set of articles: find article files under the given paths and parse them.

Most files hold one article; a feed file holds one per entry, each known by its path and its `entry`.
Finding the files (`walk_article_files`, before every `quotedesk search`) loads nothing of the parsers: they are
imported by the functions that read.
"""
from __future__ import annotations

import functools
import operator
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
TYPE_CHECKING = False  # typing's flag, without importing typing

from ..text import NotText, printable

if TYPE_CHECKING:
    from ..model import Article, FileRead

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
HTML_SUFFIXES = {".html", ".htm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
ARTICLE_SUFFIXES = {".txt"} | MARKDOWN_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
# Each suffix is a dot and letters: a name ends with one exactly when `os.path.splitext` finds it.
_ARTICLE_ENDINGS = tuple(ARTICLE_SUFFIXES)
# Larger files are not news articles (a long article is tens of KB); reading one would only stall the app.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024


def bundled_sample_data() -> Path:
    """The sample articles shipped with quotedesk (inside the installed package, or beside the source)."""
    package = Path(__file__).resolve().parent.parent  # store/
    for candidate in (package / "sample_data", package.parent / "sample_data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled sample_data folder is missing from this installation")


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line are always tried; folders are walked recursively for
    files with one of the `ARTICLE_SUFFIXES`, skipping hidden entries and never reading a file or folder twice."""
    for path, _size, _mtime_ns in walk_article_files(paths):
        yield Path(path)


def walk_article_files(paths: Iterable[Path]) -> Iterator[tuple[str, int, int]]:
    """(path, size, modification time in ns) of every article file under `paths`, in a stable order. Files and
    folders are known by device and inode, so symlink loops and a file reached twice cost nothing."""
    seen: set[tuple[int, int]] = set()
    for root in paths:
        try:
            stat = os.stat(root)
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            continue
        seen.add((stat.st_dev, stat.st_ino))
        if not os.path.isdir(root):
            yield str(root), stat.st_size, stat.st_mtime_ns
            continue
        yield from _walk_folder(str(root), seen)


_name = operator.attrgetter("name")
# Where a folder can be listed through its open descriptor, each file's stat is taken relative to it: no lookup
# of the whole path per file. This walk runs before every `quotedesk search`, a stat per file (an edit in place
# changes the file's time, not its folder's), so the cost of each stat is most of it.
_LIST_BY_DESCRIPTOR = os.scandir in os.supports_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def _walk_folder(root: str, seen: set[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """A folder's files (sorted by name), then each subfolder's in turn, depth first. The folders still to walk
    are kept on a stack of our own: nesting thousands deep must not exhaust Python's call stack."""
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            descriptor = os.open(folder, _FOLDER_FLAGS) if _LIST_BY_DESCRIPTOR else None
        except OSError:
            continue
        try:
            files, subfolders = _read_folder(folder, descriptor, seen)
        finally:
            if descriptor is not None:
                os.close(descriptor)
        yield from files
        pending.extend(reversed(subfolders))  # the first subfolder is walked next


def _read_folder(folder: str, descriptor: int | None,
                 seen: set[tuple[int, int]]) -> tuple[list[tuple[str, int, int]], list[str]]:
    """The article files (path, size, time) and the subfolders of one folder, hidden entries left out."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    try:
        with os.scandir(folder if descriptor is None else descriptor) as scan:
            entries = sorted(scan, key=_name)
    except OSError:
        return [], []
    files, subfolders = [], []
    add_file, add_folder, known, know = files.append, subfolders.append, seen.__contains__, seen.add
    for entry in entries:
        name = entry.name
        if name[0] == ".":  # hidden (a name is never empty)
            continue
        try:
            # The suffix as `os.path.splitext` finds it: hidden names, its one exception, are left out above.
            is_dir = entry.is_dir()
            if not is_dir and not name.lower().endswith(_ARTICLE_ENDINGS):
                continue
            stat = entry.stat()
        except OSError:
            continue
        identity = (stat.st_dev, stat.st_ino)
        if known(identity):
            continue
        know(identity)
        if is_dir:
            add_folder(prefix + name)
        else:
            add_file((prefix + name, stat.st_size, stat.st_mtime_ns))
    return files, subfolders


# Formats whose files may name no source: the folder they are in then does (`source_folder`).
FOLDER_NAMED_FORMATS = {"plain", "markdown"}


def source_folder(path: str | Path, roots: Iterable[str | Path]) -> str | None:
    """The source a folder names for the articles in it: the name of the folder holding `path` when that folder
    is below the root it was found under (`Valley Gazette/2024-05-01-story.txt` under the opened folder), None
    for a file directly in a root or outside every root. The deepest root holding the file counts."""
    folder = os.path.dirname(os.path.abspath(path))
    best = None
    for root in roots:
        root = os.path.abspath(root)
        if (folder == root or folder.startswith(root + os.sep)) and (best is None or len(root) > len(best)):
            best = root
    if best is None or best == folder:
        return None
    return printable(os.path.basename(folder)) or None  # a folder name may hold any byte but NUL and /


def load_articles(path: str | Path, folder_source: str | None = None) -> FileRead:
    """Every article of one file (a feed's entries, or the one article of any other file), with the
    reasons some feed entries could not be read. `OSError` and `NotText` say why the file cannot be read.
    `folder_source` (from `source_folder`) is the source of a plain-text or Markdown article that names none."""
    path = os.fspath(path)  # a string from here on: a `Path` costs more than parsing most articles
    suffix = file_suffix(path)
    if suffix in FEED_SUFFIXES:
        stat = os.stat(path)
        return _read_feed(path, stat.st_size, stat.st_mtime_ns)
    return _readers()[0]([_with_folder_source(_parse_one(path, _read(path), suffix), folder_source)])


def load_article(path: str | Path, entry: str | None = None, folder_source: str | None = None) -> Article:
    """Read and parse one article: a whole file, or the entry `entry` of a feed file. `OSError` and
    `NotText` say why it cannot be read; `folder_source` as for `load_articles`."""
    path = os.fspath(path)
    suffix = file_suffix(path)
    if suffix not in FEED_SUFFIXES:
        return _with_folder_source(_parse_one(path, _read(path), suffix), folder_source)
    if entry is None:
        raise NotText("a feed holds many articles: name one of its entries")
    for article in load_articles(path).articles:
        if article.entry == entry:
            return article
    raise NotText("this entry is no longer in the feed")


def _with_folder_source(article: Article, folder_source: str | None) -> Article:
    # The article's identity keeps no folder name (it is computed before): moving a file keeps its state.
    if folder_source and article.source is None and article.format in FOLDER_NAMED_FORMATS:
        from dataclasses import replace

        return replace(article, source=folder_source)
    return article


def file_suffix(path: str) -> str:
    """`Path(path).suffix`, lowercased: the dot and what follows the last dot of the file's name, unless that dot
    starts or ends the name."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def file_stem(path: str) -> str:
    """`Path(path).stem`: the file's name without its suffix."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _parse_one(path: str, data: bytes, suffix: str) -> Article:
    if suffix in HTML_SUFFIXES:
        from .webpage import parse_webpage  # imported when needed: most corpora hold no web pages

        return parse_webpage(path, data)
    return _readers()[1](path, data)


@functools.cache
def _readers() -> tuple:
    """What reading an article file takes: `FileRead`, `parse_article`, `read_regular` and its two errors. Imported
    when a file is first read (walking the folders needs none of it), once: an import statement costs about a
    microsecond each time it runs, three of them for every file read."""
    from ..files import NotRegularFile, TooLarge, read_regular
    from ..model import FileRead
    from .formats import parse_article

    return FileRead, parse_article, read_regular, NotRegularFile, TooLarge


@functools.lru_cache(maxsize=4)
def _read_feed(path: str, size: int, mtime_ns: int) -> FileRead:
    # Opening the entries of a feed one by one (the reader, the search index) parses it once, not once each;
    # size and time in the key make a changed file a new entry. Callers get the same lists: they must not
    # change them.
    from .feeds import parse_feed  # imported when needed: most corpora hold no feeds

    return parse_feed(path, _read(path))


def _read(path: str) -> bytes:
    """The file's bytes: a regular file of at most `MAX_ARTICLE_BYTES` (a FIFO, a device or a symlink to one is
    refused, never read)."""
    _file_read, _parse, read_regular, not_regular, too_large = _readers()
    try:
        return read_regular(path, MAX_ARTICLE_BYTES)
    except not_regular as exc:
        raise NotText(str(exc)) from None
    except too_large as exc:
        raise NotText(f"too large for an article ({exc.size / 2**20:.0f} MB; the limit is "
                      f"{MAX_ARTICLE_BYTES // 2**20} MB)") from None


def sort_newest_first(articles: list) -> None:
    """Newest first, undated last; articles of one day by title. In place (two stable sorts)."""
    articles.sort(key=lambda article: article.title.casefold())
    articles.sort(key=lambda article: article.date or "", reverse=True)
