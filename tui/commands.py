"""Command palette providers: open an article by its headline, jump to a speaker.

Fuzzy-matching every headline of a large corpus with the palette's matcher takes seconds, so the corpus
database first keeps the headlines (or names) that contain the typed letters in order (a LIKE pattern, in
SQLite, on another thread), a cheap score keeps the most promising, and only those are scored properly. The
palette shows the best 50. Nothing of the corpus is held between searches."""
from __future__ import annotations

import asyncio
import heapq
import re
from functools import partial
from typing import Any

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from store.text import fold

from .format import plural

BEST = 50
SCORED = 300  # candidates given to the palette's (slow) matcher
CANDIDATES = 5000  # rows the database hands over for the cheap score


def marked(matcher: Matcher, name: str) -> Content:
    """`name` (a headline, a speaker: text of the articles, never markup) with the letters the query matched marked.
    The matcher's own `highlight` reads its candidate as markup: `[@click=…]` in a headline would be an action."""
    content = Content(name)
    score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets if score else ():
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


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
    """Commands found in the corpus database, through a connection of their own while the palette is open: a
    row whose `name` matches what is typed is offered as its `hit`."""

    async def startup(self) -> None:
        corpus = self.app.corpus
        self.connection = corpus.connect() if corpus.library is not None else None

    async def shutdown(self) -> None:
        if self.connection is not None:
            self.connection.close()

    def rows_like(self, connection, pattern: str) -> list:
        """The database's rows whose name matches the LIKE `pattern` (at most `CANDIDATES`)."""
        raise NotImplementedError

    def name(self, row) -> str:
        raise NotImplementedError

    def hit(self, score: float, name: Content, row) -> Hit:
        """The command for `row`, `name` its name with the matched letters marked."""
        raise NotImplementedError

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for score, row in await self.best(query):
            yield self.hit(score, marked(matcher, self.name(row)), row)

    async def best(self, query: str) -> list[tuple[float, Any]]:
        """(score, row) of the rows that match `query` best, best first: a cheap measure on many rows in a
        thread, then the palette's matcher on the few left."""
        pattern = subsequence_like(query)
        if pattern is None or self.connection is None:
            return []
        rows = await asyncio.to_thread(self.rows_like, self.connection, pattern)
        matcher = self.matcher(query)
        scored = []
        for index in best_titles(query, [fold(self.name(row)) for row in rows]):
            score = matcher.match(self.name(rows[index]))
            if score > 0:
                scored.append((score, index))
        return [(score, rows[index]) for score, index in heapq.nlargest(BEST, scored)]


class ArticleCommands(CorpusProvider):
    """`Open: <headline>` for every article of the corpus, once something is typed: the palette opens on the
    commands (a provider's discovery hits would come in whichever order the providers answer)."""

    def rows_like(self, connection, pattern: str) -> list:
        from store.corpus_db import CorpusReader

        return CorpusReader(connection).titles_like(pattern, CANDIDATES)

    def name(self, row) -> str:
        return row.title

    def hit(self, score: float, name: Content, row) -> Hit:
        # the palette reads a hit's help as markup: the source is the article's
        return Hit(score, name, partial(self._open, row.id),
                   help=escape(" · ".join(part for part in (row.date, row.source) if part)) or None)

    def _open(self, article_id: str) -> None:
        meta = self.app.corpus.article(article_id)
        main = self.app.main_screen
        if meta is not None and main is not None:
            main.reveal(meta)


class SpeakerCommands(CorpusProvider):
    """`<speaker>`: the speaker view with that speaker's quotations listed."""

    def rows_like(self, connection, pattern: str) -> list:
        from store.speakers.table import SpeakerDirectory

        return SpeakerDirectory(connection).named_like(pattern, CANDIDATES)

    def name(self, row) -> str:
        return row.name

    def hit(self, score: float, name: Content, row) -> Hit:
        return Hit(score, name, partial(self._jump, row.key), help=f"speaker · {plural(row.quotations, 'quotation')}")

    def _jump(self, key: str) -> None:
        screen = self.app.main_screen
        if screen is not None:
            screen.action_speakers(key)
