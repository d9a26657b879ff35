"""Command palette providers: open an article by its headline, jump to a speaker.

Fuzzy-matching every headline of a large corpus with the palette's matcher takes seconds, so the corpus
database first keeps the headlines (or names) that contain the typed letters in order (a LIKE pattern, in
SQLite, on another thread), a cheap score keeps the most promising, and only those are scored properly. The
palette shows the best 50. Nothing of the corpus is held between searches."""
from __future__ import annotations

import asyncio
import heapq
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import Hit, Hits, Provider

from store.text import fold

from .format import plural

BEST = 50
SCORED = 300  # candidates given to the palette's (slow) matcher
CANDIDATES = 5000  # rows the database hands over for the cheap score


def subsequence_like(query: str) -> str | None:
    """A LIKE pattern (escape character `\\`) matching text that holds the query's letters in order."""
    letters = [ch for ch in fold(query) if not ch.isspace()]
    if not letters:
        return None
    escaped = [ch.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for ch in letters]
    return "%" + "%".join(escaped) + "%"


def subsequence_pattern(query: str) -> re.Pattern[str]:
    """Matches text containing the query's letters in order, as the palette's fuzzy matcher does."""
    letters = [re.escape(ch) for ch in fold(query) if not ch.isspace()]
    return re.compile(".*?".join(letters))


def best_titles(query: str, titles: list[str], limit: int = SCORED) -> list[int]:
    """Indexes of the titles (or names) that match `query` best by a cheap measure: a tight, early match
    first."""
    pattern = subsequence_pattern(query)
    if not pattern.pattern:
        return []
    candidates = []
    for index, title in enumerate(titles):
        match = pattern.search(title)
        if match:
            candidates.append((match.end() - match.start(), match.start(), index))
    return [index for _, _, index in heapq.nsmallest(limit, candidates)]


class CorpusProvider(Provider):
    """Commands found in the corpus database, through a connection of their own while the palette is open."""

    async def startup(self) -> None:
        screen = self.app.main_screen
        library = screen.library if screen is not None else None
        self.connection = library.connect() if library is not None else None

    async def shutdown(self) -> None:
        if self.connection is not None:
            self.connection.close()

    def rows_like(self, connection, pattern: str) -> list:
        """The database's rows whose name matches the LIKE `pattern` (at most `CANDIDATES`)."""
        raise NotImplementedError

    async def best(self, query: str, name: Callable[[Any], str]) -> list[tuple[float, Any]]:
        """(score, row) of the rows that match `query` best, best first: a cheap measure on many rows in a
        thread, then the palette's matcher on the few left."""
        pattern = subsequence_like(query)
        if pattern is None or self.connection is None:
            return []
        rows = await asyncio.to_thread(self.rows_like, self.connection, pattern)
        matcher = self.matcher(query)
        scored = []
        for index in best_titles(query, [fold(name(row)) for row in rows]):
            score = matcher.match(name(rows[index]))
            if score > 0:
                scored.append((score, index))
        return [(score, rows[index]) for score, index in heapq.nlargest(BEST, scored)]


class ArticleCommands(CorpusProvider):
    """`Open: <headline>` for every article of the corpus, once something is typed: the palette opens on the
    commands (a provider's discovery hits would come in whichever order the providers answer)."""

    def rows_like(self, connection, pattern: str) -> list:
        from store.corpus_db import CorpusReader

        return CorpusReader(connection).titles_like(pattern, CANDIDATES)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for score, article in await self.best(query, lambda article: article.title):
            yield Hit(score, matcher.highlight(article.title), partial(self._open, article.id),
                      help=" · ".join(part for part in (article.date, article.source) if part) or None)

    def _open(self, article_id: str) -> None:
        screen = self.app.main_screen
        meta = screen.article_meta(article_id) if screen is not None else None
        if meta is not None:
            if screen.article_list.index_of(article_id) is None:  # hidden by a search
                screen.search_bar.action_clear()
            screen.article_list.highlight_article(article_id)
            screen.open(meta)


class SpeakerCommands(CorpusProvider):
    """`<speaker>`: the speaker view with that speaker's quotations listed."""

    def rows_like(self, connection, pattern: str) -> list:
        from store.speakers.table import SpeakerDirectory

        return SpeakerDirectory(connection).named_like(pattern, CANDIDATES)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for score, stats in await self.best(query, lambda stats: stats.name):
            yield Hit(score, matcher.highlight(stats.name), partial(self._jump, stats.key),
                      help=f"speaker · {plural(stats.quotations, 'quotation')}")

    def _jump(self, key: str) -> None:
        screen = self.app.main_screen
        if screen is not None:
            screen.action_speakers(key)
