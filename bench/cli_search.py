"""`quotedesk search QUERY PATH --format json` as a process, against `grep -rli` over the same files.

Run from the project root: `python -m bench.cli_search [ARTICLES] [CACHE]` (10,000 by default). quotedesk keeps
its database in the cache folder CACHE (a temp folder by default: the first run then indexes the corpus); one run
of each command before the timed ones warms that cache and the OS file cache, so both sides are measured warm.
Each run of `quotedesk search` checks every file's size and time before it answers, as always. The project's modules
are compiled first, as an installed package's are (and as `python -m bench` does)."""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import ensure_corpus
from .pty_app import terminal_env

PROJECT = Path(__file__).resolve().parent.parent
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


def _medians(quotedesk: list[str], grep: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Median seconds of each command, run in turn (so that both see the same load), each warmed up first."""
    _run(quotedesk, env)
    _run(grep, env, (0, 1))  # 1: nothing found
    times = [(_run(quotedesk, env), _run(grep, env, (0, 1))) for _ in range(RUNS)]
    return statistics.median(t for t, _ in times), statistics.median(g for _, g in times)


def main(count: int = 10_000, cache: str | None = None) -> dict:
    corpus = str(ensure_corpus(count))
    # A source tree may hold no compiled modules (PYTHONDONTWRITEBYTECODE): each run would compile them again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "store", "tui"], cwd=PROJECT, check=True,
                   stdout=subprocess.DEVNULL)
    figures = {"articles": count, "runs": RUNS, "queries": {}}
    with tempfile.TemporaryDirectory() as tmp:
        env = terminal_env(XDG_CACHE_HOME=cache or f"{tmp}/cache", XDG_DATA_HOME=f"{tmp}/data",
                           QUOTEDESK_DB=f"{tmp}/state.json")
        for query, pattern in QUERIES:
            quotedesk, grep = _medians(quotedesk_argv("search", query, corpus, "--format", "json"),
                                       ["grep", "-rliF", pattern, corpus], env)
            figures["queries"][query] = {"quotedesk_s": round(quotedesk, 3), "grep_pattern": pattern,
                                         "grep_s": round(grep, 3), "ratio": round(quotedesk / grep, 2)}
            print(f"{query!r:22} quotedesk search {quotedesk:6.3f} s   grep -rliF {pattern!r:18} {grep:6.3f} s   "
                  f"{quotedesk / grep:5.2f}x")
    return figures


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
