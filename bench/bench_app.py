"""Search and open latency inside the running app (headless, 140x45), on a synthetic wire corpus.

Run from the project root: `python -m bench.bench_app [ARTICLES] [CACHE]` (10,000 by default). The app is driven
through its widgets once its background work is done (the corpus indexed: in CACHE, or first in a temp folder).
For each query the figure is the time from the last keystroke (the field's value set at once) until the article
list shows the first page of matches and says so in its title ("64+ of 10,000 match" while the rest are counted):
the search in its worker thread, and the list shown (looked at every 2 ms); and, apart, until it says how many. Queries are whole words and phrases, and also every prefix of a word as it is typed. Opening
is the time from enter on a row until the reader shows that article, painted."""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from store import State
from tui.app import QuotedeskApp

from .corpus import ensure_corpus
from .drive import LIST_READY, isolated_cache, until, widget_titled, working

QUERIES = ["minister", "bridge ferry", "speaker:novak", '"fishing grounds"', "-tax budget", "is:unread council",
           "after:2023-01-01 teachers", "zzzz", "can't", "source:valley harbour"]
TYPED = [word[:end] for word in ("minister", "ferry", "novak") for end in range(1, len(word) + 1)]
SEARCH_POLL = 0.002  # seconds between two looks at the list while a search runs
REPEATS = 3  # each query this many times: 30 samples for the 95th percentile
OPENS = 30


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


COUNTING = "+ of"  # in the list's title while the matches shown are being counted ("64+ of 10,000 match")


async def search_ms(pilot, field: Input, article_list, query: str, counts: list[float] | None = None) -> float:
    """Milliseconds until the first matches are listed; and, added to `counts`, until they are counted."""
    field.value = ""  # back to the whole list, so the list's change to "N of M match" is this query's
    await until(pilot, lambda: LIST_READY in str(article_list.border_title))
    began = time.perf_counter()
    field.value = query
    # The search runs in a worker thread: waiting in short sleeps leaves it the processor, as an idle screen
    # would (spinning here would take the interpreter from it and measure the spinning).
    await until(pilot, lambda: "match" in str(article_list.border_title), interval=SEARCH_POLL)
    shown = (time.perf_counter() - began) * 1000
    await until(pilot, lambda: COUNTING not in str(article_list.border_title), interval=SEARCH_POLL)
    if counts is not None:
        counts.append((time.perf_counter() - began) * 1000)
    return shown


async def open_ms(pilot, app, reader) -> float:
    before = reader.border_subtitle
    began = time.perf_counter()
    app.simulate_key("enter")
    # The article is read in a worker thread: short sleeps leave it the processor, as an idle screen would.
    await until(pilot, lambda: reader.border_subtitle != before, interval=SEARCH_POLL)
    await pilot.pause(0)
    return (time.perf_counter() - began) * 1000


async def measure(count: int, cache: str | None = None) -> dict:
    corpus = ensure_corpus(count)
    with tempfile.TemporaryDirectory() as tmp, isolated_cache(cache or f"{tmp}/cache"):
        app = QuotedeskApp([corpus], State(Path(tmp) / "state.json"))
        async with app.run_test(size=(140, 45)) as pilot:
            started = time.perf_counter()
            article_list = await until(pilot, lambda: widget_titled(app, LIST_READY), interval=0.01)
            listed = time.perf_counter() - started
            # without a CACHE the corpus is first indexed cold: minutes at 100,000 articles
            await until(pilot, lambda: not working(app), timeout=1800, interval=0.05)
            indexed = time.perf_counter() - started
            await pilot.press("slash")
            field = app.screen.query_one(Input)
            timings: dict[str, list[float]] = {query: [] for query in QUERIES}
            counts: list[float] = []
            for _ in range(REPEATS):
                for query in QUERIES:
                    timings[query].append(await search_ms(pilot, field, article_list, query, counts))
            typed = [await search_ms(pilot, field, article_list, prefix) for prefix in TYPED]
            field.value = "council"
            await until(pilot, lambda: "match" in str(article_list.border_title), interval=SEARCH_POLL)
            await pilot.press("enter")  # to the list
            reader = widget_titled(app, "Reader")
            opens = []
            for _ in range(min(OPENS, article_list.row_count)):
                opens.append(await open_ms(pilot, app, reader))
                await pilot.press("down")
    samples = [ms for values in timings.values() for ms in values]
    return {
        "articles": count,
        "list_shown_s": round(listed, 2),
        "background_done_s": round(indexed, 2),
        "search_ms": {query: round(statistics.median(values), 1) for query, values in timings.items()},
        "search_samples": len(samples),
        "search_ms_median": round(statistics.median(samples), 1),
        "search_ms_p95": round(percentile(samples, 0.95), 1),
        "search_ms_max": round(max(samples), 1),
        "counted_ms_median": round(statistics.median(counts), 1),
        "counted_ms_p95": round(percentile(counts, 0.95), 1),
        "typed_ms": dict(zip(TYPED, (round(ms, 1) for ms in typed))),
        "typed_ms_p95": round(percentile(typed, 0.95), 1),
        "open_ms_median": round(statistics.median(opens), 1),
        "open_ms_max": round(max(opens), 1),
    }


def main(count: int = 10_000, cache: str | None = None) -> dict:
    figures = asyncio.run(measure(count, cache))
    print(f"{figures['articles']:,} articles: list shown after {figures['list_shown_s']} s, "
          f"background work done after {figures['background_done_s']} s")
    for query, ms in figures["search_ms"].items():
        print(f"  last keystroke to updated list  {query!r:32} {ms:7.1f} ms (median of {REPEATS})")
    print(f"  over {figures['search_samples']} searches: median {figures['search_ms_median']} ms, "
          f"p95 {figures['search_ms_p95']} ms; until counted: median {figures['counted_ms_median']} ms, "
          f"p95 {figures['counted_ms_p95']} ms")
    print(f"  every prefix of a typed word: p95 {figures['typed_ms_p95']} ms {figures['typed_ms']}")
    print(f"  open an article with matches marked: median {figures['open_ms_median']} ms, "
          f"max {figures['open_ms_max']} ms")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
