"""Throughput of `extract_quotations` on synthetic 2-4 KB articles, one core.

Run from the project root: `python -m bench.bench_quotes`. The articles are generated from a seeded RNG,
so every run measures the same work."""
from __future__ import annotations

import random
import time

from store.quotes import extract_quotations

from .corpus import make_article


def main(count: int = 2000, seed: int = 1) -> dict:
    rng = random.Random(seed)
    articles = [make_article(rng).body for _ in range(count)]
    quotations = 0
    started = time.perf_counter()
    for text in articles:
        quotations += len(extract_quotations(text))
    elapsed = time.perf_counter() - started
    size = sum(map(len, articles)) / count / 1024
    rate = count / elapsed
    print(f"{count} articles ({size:.1f} KB average), {quotations} quotations: {rate:,.0f} articles/s on one core")
    return {"articles": count, "average_kb": round(size, 2), "quotations": quotations, "articles_per_second": round(rate)}


if __name__ == "__main__":
    main()
