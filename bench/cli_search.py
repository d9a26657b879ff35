"""`quotedesk search QUERY PATH --format json` as a process, against `grep -rli` over the same files.

Run from the project root: `python -m bench.cli_search [ARTICLES]` (10,000 by default). quotedesk keeps its
cache and index in a temp cache folder; one run of each command before the timed ones warms that cache and the
OS file cache, so both sides are measured warm."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import ensure_corpus
from .pty_app import terminal_env

RUNS = 5
TIMEOUT = 600  # a first run builds the index of the whole corpus
# (quotedesk query, grep pattern): grep cannot ask for two words in one pass, so it scans for the first,
# which costs it the same single pass over the files.
QUERIES = [("minister", "minister"), ("bridge ferry", "bridge"), ('"fishing grounds"', "fishing grounds")]


def quotedesk_argv(*args: str) -> list[str]:
    """The installed command, next to this Python (the project's venv)."""
    return [str(Path(sys.executable).parent / "quotedesk"), *args]


def _run(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    """Seconds `argv` took; output discarded."""
    began = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT)
    elapsed = time.perf_counter() - began
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}: {done.stderr.decode()[-400:]}")
    return elapsed


def _median_of(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    _run(argv, env, ok)  # warm up
    return statistics.median(_run(argv, env, ok) for _ in range(RUNS))


def main(count: int = 10_000) -> dict:
    corpus = str(ensure_corpus(count))
    figures = {"articles": count, "runs": RUNS, "queries": {}}
    with tempfile.TemporaryDirectory() as tmp:
        env = terminal_env(XDG_CACHE_HOME=f"{tmp}/cache", XDG_DATA_HOME=f"{tmp}/data",
                           QUOTEDESK_DB=f"{tmp}/state.json")
        for query, pattern in QUERIES:
            quotedesk = _median_of(quotedesk_argv("search", query, corpus, "--format", "json"), env)
            grep = _median_of(["grep", "-rliF", pattern, corpus], env, ok=(0, 1))  # 1: nothing found
            figures["queries"][query] = {"quotedesk_s": round(quotedesk, 3), "grep_pattern": pattern,
                                         "grep_s": round(grep, 3), "ratio": round(quotedesk / grep, 2)}
            print(f"{query!r:22} quotedesk search {quotedesk:6.3f} s   grep -rliF {pattern!r:18} {grep:6.3f} s   "
                  f"{quotedesk / grep:5.2f}x")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
