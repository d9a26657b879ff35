"""Opening a corpus: the article list from the cache at once, then the files checked, then the search index
brought up to date. Each step is reported as it happens, so a face can show the list long before the work
is done; slow steps report progress and stop early when cancelled."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import Catalog
from .corpus import sort_newest_first
from .model import ArticleMeta, Skipped
from .people import QuotationTable
from .search import SearchDoc, SearchIndex
from .text import NotText


@dataclass
class Listed:
    """The articles as known now; `complete` once every file was checked."""

    articles: list[ArticleMeta]
    skipped: list[Skipped]
    complete: bool


@dataclass
class Progress:
    stage: str  # "reading" (checking and reading files) or "indexing"
    done: int
    total: int


@dataclass
class IndexOpened:
    """An index to search already; it may still be missing articles until `Indexed`."""

    index: SearchIndex
    table: QuotationTable = field(default_factory=QuotationTable)  # the quotations, likewise incomplete


@dataclass
class Indexed:
    index: SearchIndex
    table: QuotationTable = field(default_factory=QuotationTable)  # every article's quotations, by speaker


Event = Listed | Progress | IndexOpened | Indexed
# On a first open, show the list after the first files are read, then every this many.
FIRST_LISTING = 500
LISTING_STEP = 5000
PROGRESS_STEP = 200


def open_library(
    roots: list[Path],
    report: Callable[[Event], None],
    cancelled: Callable[[], bool] = lambda: False,
    cache_dir: Path | None = None,
    speakers: bool = True,
) -> tuple[Catalog, SearchIndex]:
    """Open the corpus under `roots`, reporting each step; returns the catalog and its search index.
    `speakers=False` leaves the quotation table alone (a search from the command line needs only the index;
    the app brings the table up to date at its next launch)."""
    catalog = Catalog(roots, cache_dir)
    cached = catalog.load_cache()
    if cached:
        report(Listed(catalog.articles(), catalog.skipped(), complete=False))
    index = SearchIndex.load(catalog.index_folder) if cached else None
    index = index or SearchIndex()
    table = QuotationTable.load(catalog.index_folder) if cached and speakers else None
    table = table or QuotationTable()
    report(IndexOpened(index, table))

    def scanning(done: int, total: int) -> None:
        report(Progress("reading", done, total))
        if not cached and (done == FIRST_LISTING or done % LISTING_STEP == 0):
            snapshot = catalog.articles()
            sort_newest_first(snapshot)
            report(Listed(snapshot, catalog.skipped(), complete=False))

    changes = catalog.scan(scanning, cancelled)
    if cancelled():
        return catalog, index
    if changes or not cached:
        catalog.save_cache()
    articles = catalog.articles()
    report(Listed(articles, catalog.skipped(), complete=True))
    table_version = table.version
    if update_index(index, catalog, articles, report, cancelled, table if speakers else None):
        try:
            index.save(catalog.index_folder)
        except OSError:
            pass  # a cache: the next launch indexes again
    if table.version != table_version and not cancelled():
        try:
            table.save(catalog.index_folder)
        except OSError:
            pass

    if not cancelled():
        report(Indexed(index, table))
    return catalog, index


def update_index(
    index: SearchIndex,
    catalog: Catalog,
    articles: list[ArticleMeta],
    report: Callable[[Event], None],
    cancelled: Callable[[], bool],
    table: QuotationTable | None = None,
) -> bool:
    """Index what the index lacks and drop what is gone; True when the index changed. The quotation table,
    if given, is brought up to date alongside (its `version` tells whether it changed)."""
    from .quotes import extract_quotations  # here: the app shows its list before this module is loaded

    live = {meta.id for meta in articles}
    stale = [article_id for article_id in index.ids() if article_id not in live]
    for article_id in stale:
        index.remove(article_id)
    for article_id in table.ids() if table is not None else ():
        if article_id not in live:
            table.remove(article_id)
    unindexed = sum(1 for meta in articles if meta.id not in index)
    missing = [meta for meta in articles
               if meta.id not in index or (table is not None and meta.id not in table)]
    for done, meta in enumerate(missing, 1):
        if cancelled():
            return False
        try:
            article = catalog.read(meta)
        except (OSError, NotText):
            continue  # gone or broken since the scan: the next launch drops it
        if article.id == meta.id:
            quotations = extract_quotations(article.text)
            if article.id not in index:
                index.add(SearchDoc.from_article(article, quotations))
            if table is not None:
                table.add(article.id, article.date, quotations)
        if done % PROGRESS_STEP == 0:
            report(Progress("indexing", done, len(missing)))
    if missing:
        report(Progress("indexing", len(missing), len(missing)))
    return bool(stale or unindexed)
