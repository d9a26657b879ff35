"""The set of articles: find article files under the given paths and parse them."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .formats import MARKDOWN_SUFFIXES, NotText, parse_article
from .model import Article, LoadReport, Skipped

ARTICLE_SUFFIXES = {".txt"} | MARKDOWN_SUFFIXES
# Larger files are not news articles; reading them would only stall the app.
MAX_ARTICLE_BYTES = 64 * 1024 * 1024


def bundled_sample_data() -> Path:
    """The sample articles shipped with quotedesk (inside the installed package, or beside the source)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_data", here.parent / "sample_data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled sample_data folder is missing from this installation")


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named on the command line are always tried; folders are walked recursively for
    `.txt`/`.md` files, skipping hidden entries and never following a symlink twice."""
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=True):
                real_root = Path(root).resolve()
                if real_root in seen:  # a symlink loop or a folder reached twice
                    dirs[:] = []
                    continue
                seen.add(real_root)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
                        continue
                    file = Path(root) / name
                    real = file.resolve()
                    if real not in seen:
                        seen.add(real)
                        yield file
        else:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                yield path


def load_article(path: Path) -> Article:
    """Read and parse one file; `OSError` and `NotText` say why it cannot be read."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise NotText(f"too large for an article ({size // (1024 * 1024)} MB)")
    return parse_article(path, path.read_bytes())


def load_corpus(
    paths: Iterable[Path],
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LoadReport:
    """Load every article under `paths`, newest first. Unreadable files are reported, never raised.
    `progress(n)` is called every 200 files; `cancelled()` stops the walk early."""
    report = LoadReport()
    ids: dict[str, Path] = {}
    for count, path in enumerate(iter_article_files(paths), 1):
        if cancelled is not None and cancelled():
            break
        if progress is not None and count % 200 == 0:
            progress(count)
        try:
            article = load_article(path)
        except NotText as exc:
            report.skipped.append(Skipped(path, str(exc)))
            continue
        except OSError as exc:
            report.skipped.append(Skipped(path, exc.strerror or str(exc)))
            continue
        if article.id in ids:
            report.skipped.append(Skipped(path, f"same article as {ids[article.id]}"))
            continue
        ids[article.id] = path
        report.articles.append(article)
    report.articles.sort(key=newest_first)
    return report


def newest_first(article: Article) -> tuple:
    # Undated articles go last; ties keep a stable, readable order by title.
    return (article.date is None, _negated(article.date or ""), article.title.casefold())


def _negated(date: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in date)
