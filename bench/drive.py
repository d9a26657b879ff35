"""Driving quotedesk in-process (`App.run_test()`) by what the user sees, not by the app's internals: widgets are
found by their border titles, progress by Textual's public state (workers, scroll positions)."""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerState

T = TypeVar("T")
TIMEOUT = 300.0
LIST_READY = "unread of"  # in the article list's border title once the list is shown


@contextmanager
def isolated_cache(folder: str) -> Iterator[None]:
    """Point this process's platform cache folder at `folder` while the app runs, so no run sees another's cache."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = folder
    try:
        yield
    finally:
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved


def widget_titled(app: App, text: str, attribute: str = "border_title") -> Widget | None:
    """The widget whose border title (or `border_subtitle`) contains `text`."""
    for widget in app.screen.query("*"):
        if text in str(getattr(widget, attribute) or ""):
            return widget
    return None


def working(app: App) -> bool:
    """Whether a background worker (loading, indexing) is still at it, or the check of the files has yet to start:
    the corpus says it is indexing from the moment its database is opened until that check has finished."""
    corpus = getattr(app, "corpus", None)
    return (corpus is not None and corpus.indexing) or any(
        worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers)


async def until(pilot: Pilot, predicate: Callable[[], T], timeout: float = TIMEOUT, interval: float = 0) -> T:
    """Have the app handle what is pending and paint a frame, again and again, until `predicate()` is truthy.
    Give an `interval` whenever background work must get on meanwhile: a loop that spins gives the GIL up and takes it
    back at once, and the app's background thread (at a lower priority) then gets almost none of it, for minutes."""
    deadline = time.perf_counter() + timeout
    while not (value := predicate()):
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(interval)
    return value
