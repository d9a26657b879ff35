"""The garbage collector's full passes wait for a quiet moment while the app runs (`tui.collector`): garbage that
only a full pass finds is still collected, and the process's collector is as it was once the app ends."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

from .helpers import loaded, make_app, until


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


async def test_old_cyclic_garbage_is_collected_while_the_app_runs(corpus: Path, db_path: Path):
    thresholds = gc.get_threshold()
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert gc.get_threshold()[2] > thresholds[2]  # full passes are the app's
        node = Node()
        gone = weakref.ref(node)
        gc.collect(1)  # the node survives the young passes: it is old now, only a full pass looks at it again
        del node
        busy = [[None] for _ in range(12 * thresholds[0] * thresholds[1])]  # enough young and middle passes
        del busy
        await until(pilot, lambda: gone() is None, "the old cycle collected")
    assert gc.get_threshold() == thresholds
