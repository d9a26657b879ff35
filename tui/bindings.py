"""Every binding a `[keys]` table may remap: where it applies, its ids, and the clashes a remapping makes.

A binding id is `screen.action`: the screen it works on (`main`, `highlights`, `speakers`, `provenance`, `changed`,
`help`, a dialog such as `note_dialog`, or `app` for keys that work everywhere), a dot, and what it does in
snake_case (`main.next_article`, `highlights.open`). The widgets of a screen share its prefix, so one id remaps a
key wherever on that screen it applies. In TOML the dot makes a table: `main.next_article = "n"` under `[keys]`
and `next_article = "n"` under `[keys.main]` say the same.

`python -m tui.bindings` prints the reference of binding ids that the README's Configuration section carries (a
test keeps the two the same)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _normalize_key_list

from store.config import Config

from .dialogs.confirm import ConfirmDialog
from .dialogs.export import ExportDialog
from .dialogs.note import NoteDialog
from .dialogs.speaker import SpeakerDialog
from .screens.changed import ChangedList, ChangedScreen
from .screens.help import HelpScreen
from .screens.highlights import HighlightFilter, HighlightsScreen
from .screens.main import MainScreen
from .screens.provenance import OccurrenceList, ProvenanceScreen
from .screens.speakers import SpeakerFilter, SpeakerQuotations, SpeakersScreen, SpeakerTable
from .widgets.article_list import ArticleList
from .widgets.highlight_list import HighlightList
from .widgets.quote_sidebar import QuoteSidebar
from .widgets.reader import Reader
from .widgets.search_bar import SearchBar

# Where bindings apply together: a screen with one of its focused widgets (or a dialog alone). The app's own
# bindings apply everywhere; each tuple names the place for people.
PLACES: list[tuple[str, tuple[type[DOMNode], ...]]] = [
    ("main screen: article list", (MainScreen, ArticleList)),
    ("main screen: reader", (MainScreen, Reader)),
    ("main screen: quote sidebar", (MainScreen, QuoteSidebar)),
    ("main screen: search field", (MainScreen, SearchBar)),
    ("highlights view", (HighlightsScreen, HighlightList)),
    ("highlights view: filter", (HighlightsScreen, HighlightFilter)),
    ("speaker view", (SpeakersScreen, SpeakerTable)),
    ("speaker view: quotations", (SpeakersScreen, SpeakerQuotations)),
    ("speaker view: filter", (SpeakersScreen, SpeakerFilter)),
    ("provenance view", (ProvenanceScreen, OccurrenceList)),
    ("changed quotations", (ChangedScreen, ChangedList)),
    ("help", (HelpScreen,)),
    ("confirm dialog", (ConfirmDialog,)),
    ("note dialog", (NoteDialog,)),
    ("export dialog", (ExportDialog,)),
    ("speaker dialog", (SpeakerDialog,)),
]


# The ids the main screen's bindings had before every id named its screen: each is now `main.` and the same name.
_MAIN_BEFORE = """focus_next focus_previous page_down page_up search clear_search next_match previous_match
    quote_filter next_article previous_article next_unread previous_unread mark_all_read sort toggle_read highlight
    color_1 color_2 color_3 color_4 note copy highlights speakers open_url edit why correct_speaker hide_quotation
    show_hidden add_quotation zoom toggle_list toggle_quotes provenance open cursor_down cursor_up top bottom
    list_page_down list_page_up jump accept_search""".split()
# Old id -> its id now: a configuration written with an old id still remaps, with a notice that names the new one.
RENAMED: dict[str, str] = {
    "help": "app.help", "quit": "app.quit", "close_help": "help.close",
    **{old: f"main.{old}" for old in _MAIN_BEFORE},
    **{f"{dialog}.{action}": f"{dialog}_dialog.{action}"
       for dialog, actions in [("confirm", "yes no"), ("note", "save new_line cancel"), ("export", "submit cancel"),
                               ("speaker", "cancel reset suggestions")]
       for action in actions.split()},
}


@dataclass(frozen=True)
class BindingInfo:
    id: str
    keys: tuple[str, ...]  # as shipped
    description: str
    places: tuple[str, ...]


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings with an id that `cls` and its bases declare (a subclass's first)."""
    found: list[Binding] = []
    for klass in cls.__mro__:
        found += [b for b in klass.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id]
    return found


def keys_of(binding: Binding, keymap: dict[str, str]) -> tuple[str, ...]:
    """The binding's keys under `keymap`, by their names ("?" is "question_mark"), as Textual matches them."""
    raw = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return tuple(key for key in _normalize_key_list(raw).split(",") if key)


# The classes whose bindings have ids, named for people, in the order the reference lists them.
NAMED = [
    (MainScreen, "main screen"), (ArticleList, "article list"), (Reader, "reader"), (QuoteSidebar, "quote sidebar"),
    (SearchBar, "search field"), (HighlightsScreen, "highlights view"), (HighlightList, "highlights view: list"),
    (HighlightFilter, "highlights view: filter"), (SpeakersScreen, "speaker view"),
    (SpeakerTable, "speaker view: table"), (SpeakerQuotations, "speaker view: quotations"),
    (SpeakerFilter, "speaker view: filter"), (ProvenanceScreen, "provenance view"),
    (OccurrenceList, "provenance view: occurrences"), (ChangedScreen, "changed quotations"),
    (ChangedList, "changed quotations: list"), (HelpScreen, "help"), (ConfirmDialog, "confirm dialog"),
    (NoteDialog, "note dialog"), (ExportDialog, "export dialog"), (SpeakerDialog, "speaker dialog"),
]


def binding_reference(app_class: type[DOMNode]) -> list[BindingInfo]:
    """Every binding id once, with its keys as shipped and every place it applies."""
    by_id: dict[str, BindingInfo] = {}
    for cls, place in [(app_class, "everywhere"), *NAMED]:
        for binding in own_bindings(cls):
            known = by_id.get(binding.id)
            if known is None:
                by_id[binding.id] = BindingInfo(binding.id, keys_of(binding, {}), binding.description, (place,))
            elif place not in known.places:
                by_id[binding.id] = replace(known, places=(*known.places, place))
    return list(by_id.values())


def known_binding_ids(app_class: type[DOMNode]) -> set[str]:
    return {info.id for info in binding_reference(app_class)}


def key_clashes(app_class: type[DOMNode], keymap: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(remapped id, the other id, key, place) for every key that a remapping gives to two bindings in one place.
    Only clashes the keymap makes count: a screen's `q` that closes it instead of quitting is by design."""
    clashes: list[tuple[str, str, str, str]] = []
    seen: set[frozenset[str]] = set()
    for place, chain in PLACES:
        by_key: dict[str, list[str]] = {}
        for cls in (app_class, *chain):
            for binding in own_bindings(cls):
                for key in keys_of(binding, keymap):
                    if binding.id not in by_key.setdefault(key, []):
                        by_key[key].append(binding.id)
        for key, ids in by_key.items():
            for remapped in (i for i in ids if i in keymap):
                for other in (i for i in ids if i != remapped and frozenset((remapped, i)) not in seen):
                    seen.add(frozenset((remapped, other)))
                    clashes.append((remapped, other, key, place))
    return clashes


def configured_keymap(app_class: type[DOMNode], config: Config) -> tuple[dict[str, str], list[str]]:
    """The keymap that `config`'s `[keys]` asks for, and a line for the user on each problem in it: an old id
    (it still remaps, under its new id; the new id wins where the file gives both), an unknown id, a clash."""
    problems: list[str] = []
    wanted: dict[str, str] = {}
    written: dict[str, str] = {}  # each id as the file writes it: the line of a problem is found by it
    for binding_id, keys in config.keys.items():
        current = RENAMED.get(binding_id, binding_id)
        if current != binding_id:
            problems.append(f"{config.where('keys.' + binding_id)}: {binding_id} is now {current}; it still remaps "
                            f"(write {current} to drop this notice)")
            if current in config.keys:
                continue
        wanted[current], written[current] = keys, binding_id

    def where(binding_id: str) -> str:
        return config.where("keys." + written[binding_id])

    known = known_binding_ids(app_class)
    for binding_id in sorted(wanted.keys() - known):
        problems.append(f"{where(binding_id)}: no binding has the id {binding_id!r} (? shows each binding's id)")
    keymap = {binding_id: keys for binding_id, keys in wanted.items() if binding_id in known}
    for remapped, other, key, place in key_clashes(app_class, keymap) if keymap else ():
        problems.append(f"{where(remapped)}: {remapped} = {keymap[remapped]!r} gives {key} "
                        f"to both {remapped} and {other} ({place})")
    return keymap, problems


def reference_markdown(app_class: type[DOMNode]) -> str:
    """The README's table of binding ids."""
    lines = ["| id | keys | what it does | where |", "|---|---|---|---|"]
    for info in binding_reference(app_class):
        keys = " ".join(f"`{key}`" for key in info.keys)
        lines.append(f"| `{info.id}` | {keys} | {info.description} | {', '.join(info.places)} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from .app import QuotedeskApp

    print(reference_markdown(QuotedeskApp), end="")
