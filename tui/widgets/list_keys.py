"""The keys the lists and the reader share: j and k down and up, g and G to the top and the bottom."""
from __future__ import annotations

from textual.binding import Binding

CURSOR_ACTIONS = ("cursor_down", "cursor_up", "first", "last")
SCROLL_ACTIONS = ("scroll_down", "scroll_up", "scroll_home", "scroll_end")


def moving_keys(ids: tuple[str, str, str, str], actions: tuple[str, str, str, str] = CURSOR_ACTIONS, *,
                arrows: bool = False) -> list[Binding]:
    """j, k, g and G bound to `actions` (down, up, top, bottom) under the binding ids `ids` (what a user's key
    configuration names); with `arrows`, also the arrows, home and end, for a widget that does not take them."""
    keys = ("j,down", "k,up", "g,home", "G,end") if arrows else ("j", "k", "g", "G")
    return [Binding(key, action, description, show=False, id=binding_id)
            for key, action, description, binding_id in zip(keys, actions, ("Down", "Up", "Top", "Bottom"), ids)]


MAIN_IDS = ("main.cursor_down", "main.cursor_up", "main.top", "main.bottom")  # the main screen's panes share them
