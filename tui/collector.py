"""Full passes of the garbage collector while the app is quiet.

Python starts a full pass (every tracked object walked: 40 to 100 ms once a long article is open) after ten young
ones, whatever the app is doing: in the middle of the frame a page-down or an open is waiting for. The young passes
stay as they are (a millisecond or two); the full ones wait until the app has been quiet for a moment, as few young
passes in the last half second tell, whatever kept it busy (keys, a scroll, an article read in a worker)."""
from __future__ import annotations

import gc

from textual.app import App

TICK = 0.5  # seconds between two looks
QUIET = 2  # young passes in the last tick at most, for the app to be quiet
DUE = 10  # middle passes (generation 1) since the last full one before a full one is due: Python's own rule
OVERDUE = 200  # ... and after this many it runs anyway, quiet or not: cyclic garbage stays bounded
NEVER = 1 << 30


class QuietCollector:
    """Takes the full passes from Python's collector while `app` runs (`start`, then `stop`)."""

    def __init__(self, app: App) -> None:
        self._app = app
        self._young = 0  # passes of generation 0 since the last tick
        self._middle = 0  # passes of generation 1 since the last full one
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

    def _tick(self) -> None:
        young, self._young = self._young, 0
        if self._middle >= OVERDUE or (self._middle >= DUE and young <= QUIET):
            gc.collect()
