"""The time of one state write (a read mark, a highlight) with 10,000 articles' state already in the database.

Run from the project root: `python -m bench.state_write`. Uses `store.state.State` directly in a temp folder:
every change is written at once, atomically, so one write costs a whole-file rewrite and an fsync."""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from store.model import Highlight
from store.state import State

RECORDS = 10_000
WRITES = 50


def _timed(calls) -> list[float]:
    """Milliseconds each call took."""
    timings = []
    for call in calls:
        began = time.perf_counter()
        call()
        timings.append((time.perf_counter() - began) * 1000)
    return timings


def _highlight(number: int) -> Highlight:
    return Highlight(id=f"h{number:06d}", article_id=f"a{number:06d}", start=10, end=60, text="x" * 50,
                     created="2025-01-01T12:00:00+00:00", speaker="Ada Novak", title="A headline of some length",
                     source="Coastal Wire", date="2025-01-01", path=f"/corpus/{number:06d}.txt")


def _summary(timings: list[float]) -> dict:
    return {"median_ms": round(statistics.median(timings), 2), "max_ms": round(max(timings), 2)}


def main(records: int = RECORDS, writes: int = WRITES) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        state = State(Path(tmp) / "state.json")
        with state.batch():  # one file write for the whole pre-fill
            for number in range(records):
                state.set_read(f"a{number:06d}")
        size_kb = (Path(tmp) / "state.json").stat().st_size / 1024
        # Unread articles' ids, so every call is a real change and a real write.
        set_read = _timed(lambda n=n: state.set_read(f"b{n:06d}") for n in range(writes))
        add_highlight = _timed(lambda n=n: state.add_highlight(_highlight(n)) for n in range(writes))
        state.close()
    figures = {"records": records, "writes": writes, "database_kb": round(size_kb),
               "set_read": _summary(set_read), "add_highlight": _summary(add_highlight)}
    print(f"{records:,} read marks ({size_kb:,.0f} KB): set_read median {figures['set_read']['median_ms']} ms, "
          f"max {figures['set_read']['max_ms']} ms; add_highlight median {figures['add_highlight']['median_ms']} ms, "
          f"max {figures['add_highlight']['max_ms']} ms")
    return figures


if __name__ == "__main__":
    main()
