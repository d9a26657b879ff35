"""Cold indexing in the app: the app opened (headless, 140x45) on a corpus it has never seen, until its background
indexing is done. Measured meanwhile: the time to its first listed rows, how fast it answers a key (j and k in
the article list, in turn: the time until the cursor is on the next article and a frame is painted), and the
peak memory of the app and the processes it started (sampled every 50 ms by a process of its own,
`bench.memory_sampler`), and the processor time they took (which other work on a busy machine changes less than
the time: it takes turns on the cores).

Run from the project root: `python -m bench.cold_index [ARTICLES] [CACHE]` (10,000 by default). CACHE is where the
database is made (a temp folder by default); `python -m bench` keeps it for the warm measurements."""
from __future__ import annotations

import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from store import State
from tui.app import QuotedeskApp

from .bench_app import percentile
from .corpus import ensure_corpus
from .drive import LIST_READY, isolated_cache, until, widget_titled
from .memory_sampler import MemorySampler
from .pty_app import status_mb

KEY_INTERVAL = 0.25  # seconds between two key presses while indexing runs
KEY_TIMEOUT = 60.0
TIMEOUT = 1800.0


async def key_ms(pilot, app, key: str) -> float:
    """The time from a key in the article list until the cursor is on another article and a frame is painted.
    (The list grows meanwhile, above and below: the cursor stays on its article, so only the key moves it.)
    At either end of the list the key is the one that can move."""
    article_list = app.main_screen.article_list
    at = article_list.highlighted or 0
    key = "j" if at == 0 else "k" if at >= article_list.row_count - 1 else key
    before = article_list.highlighted_id
    began = time.perf_counter()
    app.simulate_key(key)
    # A pause has the app handle what is pending, then paints a frame: the first after which the cursor has moved
    # painted it there.
    await pilot.pause(0)
    while article_list.highlighted_id == before:
        if time.perf_counter() - began > KEY_TIMEOUT:
            at = article_list.highlighted or 0
            around = [getattr(article_list.article_at(index), "id", None) for index in range(max(0, at - 1), at + 2)]
            raise TimeoutError(f"{key!r} did not move the cursor from row {at} of {article_list.row_count} "
                               f"(article {before}; rows around it: {around}; focus: {app.focused})")
        await pilot.pause(0)
    return (time.perf_counter() - began) * 1000


async def measure(count: int, cache: str) -> dict:
    corpus = ensure_corpus(count)
    sampler = MemorySampler()
    with tempfile.TemporaryDirectory() as tmp, isolated_cache(cache):
        app = QuotedeskApp([corpus], State(Path(tmp) / "state.json"))
        sampler.start()
        cpu_app, cpu_workers = time.process_time(), _children_cpu_s()
        async with app.run_test(size=(140, 45)) as pilot:
            began = time.perf_counter()
            await until(pilot, lambda: widget_titled(app, LIST_READY), timeout=TIMEOUT, interval=0.01)
            listed = time.perf_counter() - began
            screen = app.main_screen
            keys = []
            deadline = time.perf_counter() + TIMEOUT
            screen.article_list.focus()
            await until(pilot, lambda: screen.article_list.row_count > 1, timeout=TIMEOUT, interval=0.01)
            while screen.indexing and time.perf_counter() < deadline:
                keys.append(await key_ms(pilot, app, "jk"[len(keys) % 2]))
                # The app alone meanwhile, as in a terminal: a pilot's pause has every widget of the screen handle
                # a message and paints at once, work the app does not do in a terminal.
                await asyncio.sleep(KEY_INTERVAL)
            if screen.indexing:
                raise TimeoutError("indexing did not finish")
            indexed = time.perf_counter() - began
            cpu_app, cpu_workers = time.process_time() - cpu_app, _children_cpu_s() - cpu_workers
            articles = app.corpus.total
        sampler.stop()
    return {
        "articles": articles,
        "first_rows_s": round(listed, 2),
        "indexed_s": round(indexed, 1),
        "key_samples": len(keys),
        "key_ms_median": round(statistics.median(keys), 1) if keys else None,
        "key_ms_p95": round(percentile(keys, 0.95), 1) if keys else None,
        "key_ms_max": round(max(keys), 1) if keys else None,
        "peak_tree_mb": round(sampler.peak_tree_mb, 1),
        "peak_app_mb": round(status_mb(os.getpid(), "VmHWM"), 1),
        "workers": min(os.cpu_count() or 1, 4),
        "cpu_s_app": round(cpu_app, 1),
        "cpu_s_workers": round(cpu_workers, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def _children_cpu_s() -> float:
    """The processor time of the processes this one started and has seen end (the app's workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(count: int = 10_000, cache: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        figures = asyncio.run(measure(count, cache or tmp))
    print(f"{figures['articles']:,} articles indexed cold in {figures['indexed_s']} s on {figures['workers']} "
          f"worker processes (first rows after {figures['first_rows_s']} s); key to screen meanwhile: median "
          f"{figures['key_ms_median']} ms, p95 {figures['key_ms_p95']} ms, max {figures['key_ms_max']} ms over "
          f"{figures['key_samples']} keys; peak memory of the app and its workers {figures['peak_tree_mb']} MB; "
          f"processor time {figures['cpu_s_app']} s in the app, {figures['cpu_s_workers']} s in its workers "
          f"(load average {figures['load_average']})")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
