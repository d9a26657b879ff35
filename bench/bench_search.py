"""Build, memory, save, load and per-query latency of `store.search` over synthetic articles, one core.

Run from the project root: `python -m bench.bench_search [ARTICLES]` (10,000 by default). The articles come
from a seeded RNG, so every run measures the same work: 2-4 KB of English news prose with quotations,
speakers (some with accented names), a few sources and dates from 2019 to 2025.

Memory is the growth of the process's resident set (Linux: anonymous memory, and the file or shared
memory pages of the mapped texts, apart) and the Python heap as tracemalloc counts it. The longest GIL hold
is the longest a thread that wakes every millisecond waited while the index loaded."""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

from store.search import SearchDoc, SearchIndex, parse_query
from store.search_index import INDEX_FILE

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


def resident_mb() -> dict[str, float]:
    """The resident set by kind, in MB: anonymous (the heap), file-backed and shared memory."""
    try:
        lines = Path("/proc/self/status").read_text().splitlines()
    except OSError:
        return {}
    fields = dict(line.split(":", 1) for line in lines if line.startswith("Rss"))
    return {name[3:].lower(): int(value.split()[0]) / 1024 for name, value in fields.items()}


def growth(before: dict[str, float], after: dict[str, float]) -> str:
    return ", ".join(f"{kind} {after[kind] - before[kind]:+.0f}" for kind in after) or "unknown (no /proc)"


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def longest_gil_hold(action) -> tuple[object, float]:
    """Run `action` while another thread ticks each millisecond; the longest gap between ticks, in s."""
    gaps, done = [0.0], threading.Event()

    def tick() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            gaps[0] = max(gaps[0], now - last)
            last = now

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        return action(), gaps[0]
    finally:
        done.set()
        ticker.join()


def build(docs: list[SearchDoc]) -> SearchIndex:
    index = SearchIndex()
    for doc in docs:
        index.add(doc)
    return index


def heap_mb(action) -> tuple[object, float]:
    """Run `action` under tracemalloc; what it left allocated on the Python heap, in MB."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[0] / 1e6
    finally:
        tracemalloc.stop()


def measure_queries(index: SearchIndex, docs: list[SearchDoc], repeats: int, verbose: bool) -> None:
    read = {doc.article_id for doc in docs[::3]}
    highlighted = {doc.article_id for doc in docs[::50]}
    if verbose:
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
        if verbose:
            print(f"{text!r:<42} {len(ids):>6} {median:>10.2f} {p95:>8.2f}")
    print(f"over all {len(QUERIES)} queries: median of medians {statistics.median(medians):.2f} ms, "
          f"worst p95 {max(p95s):.2f} ms")


def main(count: int = 10_000, seed: int = 1, repeats: int = 15) -> None:
    rng = random.Random(seed)
    docs = [make_doc(rng, n) for n in range(count)]
    size = sum(len(doc.text) for doc in docs)

    before = resident_mb()
    index, seconds = timed(lambda: build(docs))
    print(f"{count} articles, {size / 1e6:.1f} MB of body text: index built in {seconds:.2f} s "
          f"({seconds / count * 1e6:.0f} µs per article); resident MB {growth(before, resident_mb())}")
    if count <= 20_000:  # tracemalloc triples the build time
        _index, heap = heap_mb(lambda: build(docs))
        print(f"Python heap of a built index: {heap:.1f} MB")
    measure_queries(index, docs, repeats, verbose=True)

    with tempfile.TemporaryDirectory() as folder:
        _none, seconds = timed(lambda: index.save(Path(folder)))
        print(f"saved in {seconds:.2f} s: {(Path(folder) / INDEX_FILE).stat().st_size / 1e6:.0f} MB")
        del index
        before = resident_mb()
        (loaded, seconds), hold = longest_gil_hold(lambda: timed(lambda: SearchIndex.load(Path(folder))))
        assert loaded is not None and len(loaded) == count
        print(f"loaded in {seconds * 1000:.0f} ms, longest GIL hold {hold * 1000:.0f} ms; "
              f"resident MB {growth(before, resident_mb())}")
        _again, heap = heap_mb(lambda: SearchIndex.load(Path(folder)))
        print(f"Python heap of a loaded index: {heap:.1f} MB")
        print("queries on the loaded index: ", end="")
        measure_queries(loaded, docs, repeats, verbose=False)

        loaded.remove(docs[0].article_id)
        loaded.add(docs[1])
        _none, seconds = timed(lambda: loaded.save(Path(folder)))
        print(f"after a removal and a replacement, saved (compacting) in {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
