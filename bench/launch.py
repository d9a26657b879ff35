"""Launch to first painted article list, and peak memory with the corpus open: quotedesk as a real process in a
140x45 pseudo-terminal, against a bare Textual app that paints one line, launched in turn with it (so that both
see the same load on the machine).

Run from the project root: `python -m bench.launch [ARTICLES] [CACHE]` (10,000 by default). Warm launches use the
cache folder CACHE, which should hold the corpus's database already (`python -m bench` makes it with
`bench.cold_index`; without CACHE a cold launch makes it first); one of them is left to finish its background
work (checking the files) before its peak memory is read. A cold launch (an empty cache) is timed to its first
listed rows and then ended: its indexing is `bench.cold_index`'s to measure."""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from . import bare_app
from .cli_search import quotedesk_argv
from .corpus import ensure_corpus
from .pty_app import PtyProcess, terminal_env

RUNS = 5  # one launch varies by a third on a shared machine; medians of 3 ranged 1.16-1.54x between runs
READY = "unread of"  # in the article list's border title once the list is shown
PAINT_TIMEOUT = 300
SETTLE_TIMEOUT = 600  # a cold 100k launch indexes the whole corpus


def bare_launch_seconds(runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        with PtyProcess([sys.executable, bare_app.__file__], terminal_env()) as app:
            times.append(app.wait_for(bare_app.TEXT, timeout=60))
    return times


def _app_env(cache: str, data: str) -> dict[str, str]:
    """Cache, data and database in the given folders, so a launch never sees the user's or another run's."""
    return terminal_env(XDG_CACHE_HOME=cache, XDG_DATA_HOME=f"{data}/data", QUOTEDESK_DB=f"{data}/state.json")


def _launch(corpus: Path, env: dict[str, str], settle: bool) -> tuple[float, dict]:
    """Seconds to the painted list; with `settle`, also the seconds until idle and the peak memory then."""
    with PtyProcess(quotedesk_argv(str(corpus)), env) as app:
        painted = app.wait_for(READY, timeout=PAINT_TIMEOUT)
        if not settle:
            return painted, {}
        busy = app.wait_idle(timeout=SETTLE_TIMEOUT)
        return painted, {"settled_after_s": round(painted + busy, 1), "peak_rss_mb": round(app.peak_rss_mb(), 1)}


def measure(count: int, cache: str | None = None, runs: int = RUNS) -> dict:
    corpus = ensure_corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        if cache is None:  # make the database with a first launch, left to finish
            cache = f"{tmp}/cache"
            _launch(corpus, _app_env(cache, tmp), settle=True)
        bare, warm, settled = [], [], {}
        for run in range(runs):
            bare += bare_launch_seconds(1)
            seconds, settled_warm = _launch(corpus, _app_env(cache, tmp), settle=run == 0)
            warm.append(seconds)
            settled.update(settled_warm)
        with tempfile.TemporaryDirectory() as empty:
            cold, _ = _launch(corpus, _app_env(f"{empty}/cache", empty), settle=False)
    figures = {
        "articles": count,
        "bare_s": round(statistics.median(bare), 3), "bare_runs_s": [round(s, 3) for s in bare],
        "warm_s": round(statistics.median(warm), 3), "warm_runs_s": [round(s, 3) for s in warm],
        "cold_first_rows_s": round(cold, 3),
        "settled": settled,
        "peak_rss_mb": settled["peak_rss_mb"],
    }
    print(f"{count:,} articles: list painted warm in {figures['warm_s']:.3f} s against a bare Textual app's "
          f"{figures['bare_s']:.3f} s (medians of {runs}), {figures['warm_s'] / figures['bare_s']:.2f}x; cold, "
          f"first rows after {cold:.3f} s; a warm launch once its files were checked: {settled}")
    return figures


def main(count: int = 10_000, cache: str | None = None) -> dict:
    return measure(count, cache)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
