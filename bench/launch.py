"""Launch to first painted article list, and peak memory with the corpus open: quotedesk as a real process in a
140x45 pseudo-terminal, against a bare Textual app that paints one line.

Run from the project root: `python -m bench.launch [ARTICLES]` (10,000 by default). Cold is a launch with an
empty cache folder and database (`XDG_CACHE_HOME`, `QUOTEDESK_DB`), warm a second launch with the same ones.
The first cold launch of each run is left to finish its background work (CPU idle) before its memory is read,
so the warm launches after it find a complete cache; one warm launch is also left to settle for its memory."""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from . import bare_app
from .cli_search import quotedesk_argv
from .corpus import ensure_corpus
from .pty_app import PtyProcess, terminal_env

RUNS = 3
READY = "unread of"  # in the article list's border title once the list is shown
PAINT_TIMEOUT = 300
SETTLE_TIMEOUT = 600  # a cold 100k launch indexes the whole corpus


def bare_launch_seconds(runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        with PtyProcess([sys.executable, bare_app.__file__], terminal_env()) as app:
            times.append(app.wait_for(bare_app.TEXT, timeout=60))
    return times


def _app_env(folder: str) -> dict[str, str]:
    """Cache, data and database all in `folder`, so a launch never sees the user's or another run's."""
    return terminal_env(XDG_CACHE_HOME=f"{folder}/cache", XDG_DATA_HOME=f"{folder}/data",
                        QUOTEDESK_DB=f"{folder}/state.json")


def _launch(corpus: Path, env: dict[str, str], settle: bool) -> tuple[float, dict]:
    """Seconds to the painted list; with `settle`, also the seconds until idle and the peak memory then."""
    with PtyProcess(quotedesk_argv(str(corpus)), env) as app:
        painted = app.wait_for(READY, timeout=PAINT_TIMEOUT)
        if not settle:
            return painted, {}
        busy = app.wait_idle(timeout=SETTLE_TIMEOUT)
        return painted, {"settled_after_s": round(painted + busy, 1), "peak_rss_mb": round(app.peak_rss_mb(), 1)}


def measure(count: int, runs: int = RUNS) -> dict:
    corpus = ensure_corpus(count)
    cold, warm, settled = [], [], {}
    for run in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = _app_env(tmp)
            seconds, settled_cold = _launch(corpus, env, settle=run == 0)
            cold.append(seconds)
            settled.setdefault("cold", settled_cold)
            if run == 0:
                for number in range(runs):
                    seconds, settled_warm = _launch(corpus, env, settle=number == 0)
                    warm.append(seconds)
                    settled.setdefault("warm", settled_warm)
    figures = {
        "articles": count,
        "cold_s": round(statistics.median(cold), 3), "warm_s": round(statistics.median(warm), 3),
        "cold_runs_s": [round(s, 3) for s in cold], "warm_runs_s": [round(s, 3) for s in warm],
        "settled": settled,
        "peak_rss_mb": max(s["peak_rss_mb"] for s in settled.values()),
    }
    print(f"{count:,} articles: list painted cold {figures['cold_s']:.3f} s, warm {figures['warm_s']:.3f} s "
          f"(medians of {runs}); after the background work: {settled}")
    return figures


def main(count: int = 10_000) -> dict:
    bare = statistics.median(bare_launch_seconds())
    print(f"bare Textual app: {bare:.3f} s to its line")
    return {"bare_s": round(bare, 3), **measure(count)}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
