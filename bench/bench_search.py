"""Index build time and per-query latency of `store.search` over synthetic articles, one core.

Run from the project root: `python -m bench.bench_search [ARTICLES]` (10,000 by default). The articles come
from a seeded RNG, so every run measures the same work: 2-4 KB of English news prose with quotations,
speakers (some with accented names), a few sources and dates from 2019 to 2025."""
from __future__ import annotations

import random
import statistics
import sys
import time

from store.search import SearchDoc, SearchIndex, parse_query

from .corpus import make_article


def make_doc(rng: random.Random, number: int) -> SearchDoc:
    article = make_article(rng)
    title = article.paragraphs[0]
    return SearchDoc(f"a{number:06d}", title, article.body, article.source, article.date, tuple(article.quotations))

def typed(text: str) -> list[str]:
    """The queries the field sees while `text` is typed one character at a time."""
    return [text[:end] for end in range(1, len(text) + 1)]


QUERIES = [
    *typed("minister"),
    *typed("“prime min"),
    "teachers promises", "-bridge ferry", "-“fishing grounds” quota", "odegaard", "zoë", "francois",
    "speaker:novak", 'speaker:"Ada Novak" bridge', "source:valley", "after:2022-01-01 before:2023-01-01",
    "is:unread council", "is:highlighted", "can't", "zzzz", "", "the", "budget after:2024 -tax",
]


def main(count: int = 10_000, seed: int = 1, repeats: int = 15) -> None:
    rng = random.Random(seed)
    docs = [make_doc(rng, n) for n in range(count)]
    size = sum(len(doc.text) for doc in docs)
    index = SearchIndex()
    started = time.perf_counter()
    for doc in docs:
        index.add(doc)
    build = time.perf_counter() - started
    print(f"{count} articles, {size / 1e6:.1f} MB of body text: index built in {build:.2f} s "
          f"({build / count * 1e6:.0f} µs per article)")

    read = {doc.article_id for doc in docs[::3]}
    highlighted = {doc.article_id for doc in docs[::50]}
    print(f"{'query':<42} {'hits':>6} {'median ms':>10} {'p95 ms':>8}")
    medians, p95s = [], []
    for text in QUERIES:
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            ids = index.search(parse_query(text), is_read=read.__contains__, highlighted=highlighted)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        median, p95 = statistics.median(timings), timings[min(len(timings) - 1, round(0.95 * len(timings)))]
        medians.append(median)
        p95s.append(p95)
        print(f"{text!r:<42} {len(ids):>6} {median:>10.2f} {p95:>8.2f}")
    print(f"over all {len(QUERIES)} queries: median of medians {statistics.median(medians):.2f} ms, "
          f"worst p95 {max(p95s):.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
