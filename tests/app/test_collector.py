"""The garbage collector's full passes wait for a quiet moment while the app runs (`tui.collector`): garbage that
only a full pass finds is still collected, and the process's collector is as it was once the app ends. Drawing
leaves no such garbage (`tui.strip_cycles`), so that the full passes have little to walk."""
from __future__ import annotations

import gc
import weakref
from pathlib import Path

from textual.cache import FIFOCache
from textual.strip import Strip

from .helpers import indexed, loaded, make_app, until


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


def refers_to_itself(line: Strip) -> bool:
    """Whether the line is reachable through its own caches (a cycle only a full pass frees). Another line met on
    the way is not followed: its caches are its own."""
    reached = list(gc.get_referents(line))
    while reached:
        item = reached.pop()
        if item is line:
            return True
        if isinstance(item, (FIFOCache, dict, list)):
            reached.extend(gc.get_referents(item))
    return False


async def test_lines_drawn_as_the_user_types_are_freed_without_a_full_pass(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash", *"harbour")
        await until(pilot, lambda: screen.search_query is not None and screen.search_query.text == "harbour",
                    "the search shown")
        await pilot.press("enter", "enter")  # the first match opened: the reader and the sidebar drawn too
        await until(pilot, lambda: screen.open_article is not None, "the article open")
        await pilot.pause()
        drawn = [item for item in gc.get_objects() if isinstance(item, Strip)]
        assert drawn  # the screen's lines
        assert not [line for line in drawn if refers_to_itself(line)]
