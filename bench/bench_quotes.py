"""Throughput of `extract_quotations` on synthetic 2-4 KB articles, one core; and the time to read one paragraph
of a megabyte with thousands of quotations and no blank line (the work must grow linearly with it).

Run from the project root: `python -m bench.bench_quotes`. The articles are generated from a seeded RNG,
so every run measures the same work."""
from __future__ import annotations

import random
import time

from store.quotes import engine
from store.quotes.compiled import is_compiled
from store.quotes.engine import extract_quotations

from .corpus import make_article

LONG_PARAGRAPH = 1_000_000
_UNIT = "\u201cWe are ready for the winter,\u201d Tomas Brandt said. Lena Varga disagreed: \u201cNot yet.\u201d "


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
    compiled = is_compiled(engine)
    print(f"{count} articles ({size:.1f} KB average), {quotations} quotations: {rate:,.0f} articles/s on one core "
          f"(engine {'compiled' if compiled else 'as Python'})")
    paragraph = _UNIT * (LONG_PARAGRAPH // len(_UNIT))
    started = time.perf_counter()
    found = len(extract_quotations(paragraph))
    long_seconds = time.perf_counter() - started
    print(f"one paragraph of {len(paragraph) / 1e6:.1f} MB, {found} quotations: {long_seconds:.2f} s")
    return {"articles": count, "average_kb": round(size, 2), "quotations": quotations, "articles_per_second": round(rate),
            "long_paragraph_seconds": round(long_seconds, 2), "compiled": compiled}


if __name__ == "__main__":
    main()
