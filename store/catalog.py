"""The corpus as a catalog of article metadata, cached on disk so that a large corpus opens at once.

The cache lives in the platform's cache directory, one folder per set of corpus roots. It is a hint, never
the truth: every launch checks each file's size and modification time and re-reads what changed, and a
cache that is corrupt, truncated or written by another version is ignored and rebuilt. An article is known by
its file and its `entry` (None, except for the entries of a feed file, which all share the file's size and
time: a changed feed is read again whole).
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import load_article, load_articles, sort_newest_first, walk_article_files
from .model import Article, ArticleMeta, Skipped
from .versions import QUOTES_VERSION
from .text import NotText

CATALOG_FORMAT = 2  # 2: feed entries (an `entry` per article, several reasons per skipped file)
_MAGIC = b"quotedesk-catalog"
# marshal's format belongs to the Python version that wrote it.
_HEADER = _MAGIC + b" %d %d.%d\n" % (CATALOG_FORMAT, *sys.version_info[:2])
_Key = tuple[str, str | None]  # an article's (path, entry)


def cache_root() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("quotedesk", appauthor=False)


def corpus_key(roots: Iterable[Path]) -> str:
    names = sorted(str(Path(root).resolve()) for root in roots)
    return hashlib.blake2b("\n".join(names).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


@dataclass
class ScanChanges:
    """What a scan found different from the cache."""

    added: list[ArticleMeta] = field(default_factory=list)
    changed: list[ArticleMeta] = field(default_factory=list)
    removed: list[ArticleMeta] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


class Catalog:
    """Metadata of every article under `roots`, kept in step with the files on disk."""

    def __init__(self, roots: list[Path], cache_dir: Path | None = None) -> None:
        self.roots = [Path(root) for root in roots]
        self.folder = (cache_dir or cache_root() / "corpora") / corpus_key(self.roots)
        self._articles: dict[_Key, ArticleMeta] = {}  # by (path, entry)
        # path -> (size, mtime_ns, reasons): a file that could not be read, or a feed's unreadable entries
        self._skipped: dict[str, tuple[int, int, tuple[str, ...]]] = {}
        self.cache_problem: str | None = None  # why the cache could not be used, for the curious

    @property
    def index_folder(self) -> Path:
        # The index holds the speakers the quotation engine found: a new engine means a new index.
        return self.folder / f"index-quotes{QUOTES_VERSION}"

    @property
    def _file(self) -> Path:
        return self.folder / "catalog.bin"

    # reading and writing the cache -------------------------------------------------------------------
    def load_cache(self) -> bool:
        """Fill the catalog from the cache; False (and an empty catalog) when there is none to trust."""
        try:
            data = self._file.read_bytes()
        except OSError:
            self.cache_problem = "no cache yet"
            return False
        problem = self._read(data)
        if problem:
            self.cache_problem = problem
            self._articles, self._skipped = {}, {}
            return False
        return True

    def _read(self, data: bytes) -> str | None:
        header, newline, rest = data.partition(b"\n")
        if not newline or header + b"\n" != _HEADER:
            return "a cache of another version"
        digest, payload = rest[:32], rest[32:]
        if hashlib.blake2b(payload, digest_size=32).digest() != digest:
            return "a damaged cache"
        try:
            roots, articles, skipped = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return "a damaged cache"
        if roots != sorted(str(root.resolve()) for root in self.roots):
            return "a cache of other folders"
        try:
            for path, entry, size, mtime_ns, article_id, title, date, source, url, fmt in articles:
                _check_types((path, str), (entry, (str, type(None))), (size, int), (mtime_ns, int),
                             (article_id, str), (title, str), (date, (str, type(None))),
                             (source, (str, type(None))), (url, (str, type(None))), (fmt, str))
                self._articles[(path, entry)] = ArticleMeta(article_id, path, title, date, source, url, fmt,
                                                            size, mtime_ns, entry)
            for path, size, mtime_ns, reasons in skipped:
                _check_types((path, str), (size, int), (mtime_ns, int), (reasons, tuple))
                _check_types(*((reason, str) for reason in reasons))
                self._skipped[path] = (size, mtime_ns, reasons)
        except (TypeError, ValueError):
            return "a damaged cache"
        return None

    def save_cache(self) -> None:
        """Write the cache atomically; failing to write a cache is not an error worth stopping for."""
        articles = [
            (m.file, m.entry, m.size, m.mtime_ns, m.id, m.title, m.date, m.source, m.url, m.format)
            for m in self._articles.values()
        ]
        skipped = [(path, size, mtime, reasons) for path, (size, mtime, reasons) in self._skipped.items()]
        payload = marshal.dumps((sorted(str(root.resolve()) for root in self.roots), articles, skipped))
        data = _HEADER + hashlib.blake2b(payload, digest_size=32).digest() + payload
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self._file.with_name(f".{self._file.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._file)
        except OSError:
            pass

    # the articles ----------------------------------------------------------------------------------
    def articles(self) -> list[ArticleMeta]:
        """Every article, newest first (the cache keeps them in that order, so this is cheap after a load)."""
        return list(self._articles.values())

    def skipped(self) -> list[Skipped]:
        return [Skipped(Path(path), reason) for path, (_, _, reasons) in sorted(self._skipped.items())
                for reason in reasons]

    def __len__(self) -> int:
        return len(self._articles)

    def scan(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ScanChanges:
        """Bring the catalog in step with the files: new and changed files are read (their size or
        modification time differs from the catalog's), vanished ones dropped. `progress(done, total)` is
        called every 500 files."""
        changes = ScanChanges()
        files = list(walk_article_files(self.roots))
        present = {path for path, _ in files}
        # Vanished files go first: a file moved elsewhere is then read as itself, not as a copy of the old one.
        for key in [key for key in self._articles if key[0] not in present]:
            changes.removed.append(self._articles.pop(key))
        for path in set(self._skipped) - present:
            del self._skipped[path]
        by_file: dict[str, list[ArticleMeta]] = {}
        for key, meta in self._articles.items():
            by_file.setdefault(key[0], []).append(meta)
        ids = {meta.id: key for key, meta in self._articles.items()}
        for done, (path, stat) in enumerate(files, 1):
            if cancelled is not None and cancelled():
                return changes
            if progress is not None and done % 500 == 0:
                progress(done, len(files))
            known = by_file.get(path, [])
            size_time = (stat.st_size, stat.st_mtime_ns)
            if known:
                unchanged = (known[0].size, known[0].mtime_ns) == size_time
            else:
                unchanged = path in self._skipped and self._skipped[path][:2] == size_time
            if not unchanged:
                self._read_file(Path(path), size_time, known, ids, changes)
        if changes:
            ordered = list(self._articles.values())
            sort_newest_first(ordered)
            self._articles = {_key(meta): meta for meta in ordered}
        if progress is not None:
            progress(len(files), len(files))
        return changes

    def _read_file(self, path: Path, size_time: tuple[int, int], known: list[ArticleMeta],
                   ids: dict[str, _Key], changes: ScanChanges) -> None:
        """Read one new or changed file; its articles replace those `known` from it."""
        old: dict[_Key, ArticleMeta] = {}
        for meta in known:
            old[_key(meta)] = self._articles.pop(_key(meta))
            if ids.get(meta.id) == _key(meta):
                del ids[meta.id]
        self._skipped.pop(str(path), None)
        try:
            read = load_articles(path)
        except (NotText, OSError) as exc:
            changes.removed.extend(old.values())
            self._skipped[str(path)] = (*size_time, (getattr(exc, "strerror", None) or str(exc),))
            return
        problems = list(read.problems)
        for article in read.articles:
            key = (str(path), article.entry)
            other = ids.get(article.id)
            if other is not None and other != key:
                entry = f"entry ({article.title[:60]}): " if article.entry else ""
                problems.append(f"{entry}same article as {other[0]}")
                continue
            meta = ArticleMeta.of(article, *size_time)
            ids[article.id] = key
            self._articles[key] = meta
            (changes.changed if old.pop(key, None) is not None else changes.added).append(meta)
        changes.removed.extend(old.values())  # entries gone from a feed
        if problems:
            self._skipped[str(path)] = (*size_time, tuple(problems))

    def read(self, meta: ArticleMeta) -> Article:
        """The whole article. `OSError` or `NotText` when the file is gone or unreadable; the returned
        article's id differs from `meta.id` when the file changed since it was catalogued."""
        return load_article(meta.path, meta.entry)


def _key(meta: ArticleMeta) -> _Key:
    return (meta.file, meta.entry)


def _check_types(*pairs: tuple[object, type | tuple[type, ...]]) -> None:
    for value, expected in pairs:
        if not isinstance(value, expected) or isinstance(value, bool):
            raise TypeError("unexpected value in the cache")
