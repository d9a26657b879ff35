"""Full passes of the garbage collector while the app is quiet.

Python starts a full pass (every tracked object walked: 40 to 100 ms once a long article is open) after ten young
ones, whatever the app is doing: in the middle of the frame a page-down or an open is waiting for. The young passes
stay as they are (a millisecond or two); the full ones wait until the app has been quiet for a second: few young
passes in each of the last two half seconds, whatever kept it busy (keys, a scroll), and no worker at work (a search
or an article read in a thread: a pass holds the interpreter from it, and its answer waits for the pass)."""
from __future__ import annotations

import gc

from textual.app import App
from textual.worker import WorkerState

TICK = 0.5  # seconds between two looks
QUIET = 2  # young passes in a tick at most, for the app to be quiet in it
QUIET_TICKS = 2  # quiet ticks in a row before a full pass: a pause between two keys is not yet quiet
DUE = 10  # middle passes (generation 1) since the last full one before a full one is due: Python's own rule
OVERDUE = 200  # ... and after this many it runs anyway, quiet or not: cyclic garbage stays bounded
NEVER = 1 << 30


class QuietCollector:
    """Takes the full passes from Python's collector while `app` runs (`start`, then `stop`)."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._young = 0  # passes of generation 0 since the last tick
        self._middle = 0  # passes of generation 1 since the last full one
        self._quiet_ticks = 0  # quiet ticks in a row, up to now
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._thresholds is not None:
            return
        self._thresholds = gc.get_threshold()
        young, middle, _full = self._thresholds
        gc.set_threshold(young, middle, NEVER)
        gc.callbacks.append(self._counted)
        self._app.set_interval(TICK, self._tick, name="quiet collector")

    def stop(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            gc.callbacks.remove(self._counted)
            self._thresholds = None

    def _counted(self, phase: str, info: dict) -> None:
        if phase != "start":
            return
        generation = info["generation"]
        if generation == 0:
            self._young += 1
        elif generation == 1:
            self._middle += 1
        else:
            self._middle = 0

    def _working(self) -> bool:
        return any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in self._app.workers)

    def _tick(self) -> None:
        young, self._young = self._young, 0
        quiet = young <= QUIET and not self._working()
        self._quiet_ticks = self._quiet_ticks + 1 if quiet else 0
        if self._middle >= OVERDUE or (self._middle >= DUE and self._quiet_ticks >= QUIET_TICKS):
            gc.collect()
