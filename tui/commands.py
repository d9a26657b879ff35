"""Command palette providers: open an article by its headline, jump to a speaker.

Fuzzy-matching every headline of a large corpus with the palette's matcher takes seconds, so a regular
expression (in C) first keeps the headlines that contain the typed letters in order, a cheap score keeps the
most promising, and only those are scored properly. The palette shows the best 50."""
from __future__ import annotations

import asyncio
import heapq
import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from store.search import fold

BEST = 50
SCORED = 300  # candidates given to the palette's (slow) matcher


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


class ArticleCommands(Provider):
    """`Open: <headline>` for every article of the corpus."""

    async def startup(self) -> None:
        screen = self.app.main_screen
        self.articles = list(screen.articles) if screen is not None else []
        self.titles = [fold(article.title) for article in self.articles]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        scored = []
        for index in best_titles(query, self.titles):
            article = self.articles[index]
            score = matcher.match(article.title)
            if score > 0:
                scored.append((score, index))
        for score, index in heapq.nlargest(BEST, scored):
            article = self.articles[index]
            yield Hit(score, matcher.highlight(article.title), partial(self._open, article.id),
                      help=" · ".join(part for part in (article.date, article.source) if part) or None)

    async def discover(self) -> Hits:
        for article in self.articles[:BEST]:
            yield DiscoveryHit(article.title, partial(self._open, article.id), help=article.date or None)

    def _open(self, article_id: str) -> None:
        screen = self.app.main_screen
        meta = screen.by_id.get(article_id) if screen is not None else None
        if meta is not None:
            if screen.article_list.index_of(article_id) is None:  # hidden by a search
                screen.search_bar.action_clear()
            screen.article_list.highlight_article(article_id)
            screen.open(meta)


class SpeakerCommands(Provider):
    """`<speaker>`: the speaker view with that speaker's quotations listed."""

    async def startup(self) -> None:
        screen = self.app.main_screen
        table = screen.quotation_table if screen is not None else None
        # Counting every speaker takes a while on a large corpus: not on the event loop.
        stats = await asyncio.to_thread(table.speakers) if table is not None else []
        self.speakers = [s for s in stats if s.named]
        self.names = [fold(s.name) for s in self.speakers]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        scored = []
        for index in best_titles(query, self.names):
            score = matcher.match(self.speakers[index].name)
            if score > 0:
                scored.append((score, index))
        for score, index in heapq.nlargest(BEST, scored):
            stats = self.speakers[index]
            yield Hit(score, matcher.highlight(stats.name), partial(self._jump, stats.key),
                      help=f"speaker · {stats.quotations} quotation{'s' if stats.quotations != 1 else ''}")

    def _jump(self, key: str) -> None:
        screen = self.app.main_screen
        if screen is not None:
            screen.action_speakers(key)
