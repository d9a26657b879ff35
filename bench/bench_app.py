"""Search and open latency inside the running app (headless), on a synthetic wire corpus.

Run from the project root: `python -m bench.bench_app [ARTICLES]` (10,000 by default). For each query the figure is the time from the last keystroke until the article list
holds the result and its visible rows are rendered: the search field's debounce, then the work on the UI
thread. Opening is the time from choosing an article until its text is rendered with its matches marked."""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from store import State
from tui.app import QuotedeskApp
from tui.messages import SearchChanged
from tui.widgets.search_bar import DEBOUNCE_SECONDS

from .corpus import ensure_corpus

QUERIES = ["minister", "bridge ferry", "speaker:novak", '"fishing grounds"', "-tax budget", "is:unread council",
           "after:2023-01-01 teachers", "zzzz", "can't", "source:valley harbour"]


async def _wait(predicate, timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


async def measure(count: int) -> dict:
    corpus = ensure_corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        app = QuotedeskApp([corpus], State(Path(tmp) / "state.json"))
        async with app.run_test(size=(140, 45)) as pilot:
            started = time.perf_counter()
            await _wait(lambda: getattr(app.screen, "articles", None))
            listed = time.perf_counter() - started
            screen = app.screen
            await _wait(lambda: screen.index is not None)
            indexed = time.perf_counter() - started
            search_ms: dict[str, float] = {}
            list_region = screen.article_list.region
            for query in QUERIES:
                began = time.perf_counter()
                # What runs once the field's debounce has passed: parse, search, refill the list ...
                screen.post_message(SearchChanged(query))
                await _wait(lambda: screen.query_text == query.strip())
                # ... and paint the rows the user sees.
                screen.article_list.render_lines(list_region.reset_offset)
                search_ms[query] = (time.perf_counter() - began) * 1000 + DEBOUNCE_SECONDS * 1000
                await pilot.pause()
            screen.post_message(SearchChanged("council"))
            await _wait(lambda: screen.query_text == "council")
            open_ms = []
            for index in range(min(30, screen.article_list.row_count)):
                article = screen.article_list.article_at(index)
                began = time.perf_counter()
                screen.show(article)
                await pilot.pause(0)
                screen.reader.body.render_lines(screen.reader.body.region.reset_offset)
                open_ms.append((time.perf_counter() - began) * 1000)
    return {
        "articles": count,
        "list_shown_s": round(listed, 2),
        "index_ready_s": round(indexed, 2),
        "search_ms": {q: round(ms, 1) for q, ms in search_ms.items()},
        "search_ms_max": round(max(search_ms.values()), 1),
        "open_ms_median": round(statistics.median(open_ms), 1),
        "open_ms_max": round(max(open_ms), 1),
        "open_ms_all": [round(ms) for ms in open_ms],
    }


def main(count: int = 10_000) -> dict:
    figures = asyncio.run(measure(count))
    print(f"{figures['articles']:,} articles: list shown after {figures['list_shown_s']} s, "
          f"index ready after {figures['index_ready_s']} s")
    for query, ms in figures["search_ms"].items():
        print(f"  last keystroke to updated list  {query!r:32} {ms:7.1f} ms")
    print(f"  open an article with matches marked: median {figures['open_ms_median']} ms, "
          f"max {figures['open_ms_max']} ms")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
