"""The corpus as the app knows it: its paths, its database (a `store.library.Library`, opened by the main screen
once the window is up), whether its files are still being checked and read, and what the screens, the views and
the palette ask of it: an article's listing, the list's rows, a connection or a read for a worker of their own.

A plain object, no widget: the app makes one and hands it to whoever needs the corpus. `indexed` is published
(a Textual signal) when the check of the files has finished, for a view that says "indexing…" meanwhile."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Container
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.signal import Signal

from store.library import Library

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from store.listing import ArticleView
    from store.model import Article, ArticleMeta, Quotation, Skipped
    from store.provenance.model import Occurrence
    from store.provenance.reader import ArticleProvenance
    from store.speakers.table import SpeakerDirectory

T = TypeVar("T")


class CorpusRows:
    """The list's rows: a view of the corpus database, read with the connection of the thread that opened it."""

    def __init__(self, view: ArticleView, library: Library) -> None:
        self.view = view
        self.library = library

    def __len__(self) -> int:
        return len(self.view)

    def row(self, index: int) -> ArticleMeta | None:
        try:
            return self.view.row(self.library.connection, index)
        except sqlite3.DatabaseError:  # a damaged database: the background check rebuilds it
            return None

    def index_of(self, article_id: str) -> int | None:
        try:
            return self.view.index_of(self.library.connection, self.library.reader.number_of(article_id))
        except sqlite3.DatabaseError:
            return None


class KnownArticles:
    """"Is this article in the corpus?", asked of the database (for re-anchoring highlights and corrections);
    `excluded`: ids that count as gone (a changed file's old version)."""

    def __init__(self, library: Library | None, excluded: Container[str] = ()) -> None:
        self.library = library
        self.excluded = excluded

    def __contains__(self, article_id: object) -> bool:
        return (self.library is not None and isinstance(article_id, str) and article_id not in self.excluded
                and self.library.reader.number_of(article_id) is not None)


class Corpus:
    """`library` is None until `open()` succeeds; `indexing` holds while the files are checked against it."""

    def __init__(self, paths: list[Path], owner: DOMNode, cache_dir: Path | None = None) -> None:
        """`owner`: the node the `indexed` signal belongs to (the app)."""
        self.paths = paths
        self.cache_dir = cache_dir
        self.library: Library | None = None
        self.indexing = False
        self.total = 0  # articles in the corpus, as last counted
        self.indexed: Signal[None] = Signal(owner, "corpus-indexed")

    def open(self) -> Library:
        """Open (or make) the corpus database; `store.library.CorpusUnavailable` says why it cannot be."""
        self.library = Library(self.paths, self.cache_dir)
        return self.library

    def indexing_finished(self) -> None:
        """The files are checked: the database holds the corpus as it is on disk."""
        self.indexing = False
        self.indexed.publish(None)

    # asked on the UI thread, with the connection of the thread that opened the database ------------------
    def count(self) -> int:
        """Count the articles again (`total`)."""
        self.total = self.library.reader.article_count()
        return self.total

    def unread(self, read_ids: set[str]) -> int:
        """How many of the corpus' articles are not among `read_ids`."""
        return self.total - self.library.reader.counted_among(read_ids)

    def article(self, article_id: str | None) -> ArticleMeta | None:
        """The listed article with this id (None when it is not in the corpus)."""
        return self.library.reader.article(article_id) if self.library is not None and article_id else None

    def rows(self, view: ArticleView) -> CorpusRows:
        return CorpusRows(view, self.library)

    def skipped(self) -> list[Skipped]:
        return self.library.reader.skipped()

    def known_ids(self, article: Article) -> Container[str]:
        """The ids of the corpus' articles, for finding the records made on an earlier version of `article`'s file.
        A file changed on disk since it was listed is listed under its old id until the database is brought up to
        date: that id is no longer the file's."""
        known = KnownArticles(self.library)
        if self.library is None or article.id in known:
            return known
        return KnownArticles(self.library, excluded=self.library.reader.ids_of_file(article.path, article.entry))

    # for workers: each on a connection of its own -------------------------------------------------------
    def connect(self) -> sqlite3.Connection:
        return self.library.connect()

    def read(self, read: Callable[[sqlite3.Connection], T]) -> T | None:
        """`read` on a connection of the calling worker's own, closed after; None when there is no corpus
        database or it cannot be read (a damaged one: the background check rebuilds it; the caller does without)."""
        if self.library is None:
            return None
        try:
            connection = self.library.connect()
        except sqlite3.Error:
            return None
        try:
            return read(connection)
        except sqlite3.Error:
            return None
        finally:
            connection.close()

    def stored_quotations(self, article_id: str) -> list[Quotation] | None:
        """The article's direct quotations as the engine found them when the corpus was read; None when the
        database does not hold the article."""
        from store.corpus_db import CorpusReader

        return self.read(lambda connection: CorpusReader(connection).quotations(article_id))

    def provenance(self, article_id: str) -> ArticleProvenance | None:
        """The provenance of the article's quotations; None when it cannot be read."""
        from store.provenance.reader import ProvenanceReader

        return self.read(lambda connection: ProvenanceReader(connection).of_article(article_id))

    def first_seen(self, group_id: int) -> Occurrence | None:
        """The earliest occurrence of a group of quotations; None when it cannot be read."""
        from store.provenance.reader import ProvenanceReader

        return self.read(lambda connection: ProvenanceReader(connection).first_seen(group_id))

    def speaker_directory(self) -> SpeakerDirectory:
        """The corpus-wide speaker table on a connection of its own (the caller closes it)."""
        from store.speakers.table import SpeakerDirectory

        return SpeakerDirectory(self.library.connect())

    def named_speakers(self, limit: int) -> list[str]:
        """The corpus' named speakers, most quoted first, as far as it is indexed (with the reader's corrections);
        none when the database cannot be read."""
        if self.library is None:
            return []
        directory = self.speaker_directory()
        try:
            return [stats.name for stats in directory.speakers(limit=limit) if stats.named]
        except sqlite3.Error:  # a damaged database: the background check rebuilds it
            return []
        finally:
            directory.connection.close()
