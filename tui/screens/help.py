"""The help screen, generated from the live bindings so it cannot fall out of date."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.footer import Footer


# Horizontal scrolling never applies: every pane wraps its text.
UNUSED_ACTIONS = {"scroll_left", "scroll_right", "page_left", "page_right"}


def binding_rows(app, nodes: list[tuple[str, DOMNode]]) -> list[tuple[str, str, str, str]]:
    """(where, keys, description, binding id) for every binding, keys as remapped. Keys for one action are
    grouped; our own bindings (those with an id) name the action, and their id is what `[keys]` remaps."""
    rows: list[tuple[str, str, str, str]] = []
    for where, node in nodes:
        keys: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        ids: dict[str, str] = {}
        # A node's own bindings are as declared: the keymap is applied to a copy, as Textual does on each key.
        remapped = node._bindings.copy()
        remapped.apply_keymap(app._keymap)
        for bindings in remapped.key_to_bindings.values():
            for binding in bindings:
                if not binding.description or binding.action in UNUSED_ACTIONS or binding.action.startswith("screen."):
                    continue  # unused, or a pane's footer shortcut to a binding listed with its screen
                display = app.get_key_display(binding)
                if display not in keys.setdefault(binding.action, []):
                    keys[binding.action].append(display)
                if binding.id or binding.action not in descriptions:
                    descriptions[binding.action] = binding.description
                if binding.id:
                    ids.setdefault(binding.action, binding.id)
        rows.extend((where, " / ".join(k), descriptions[action], ids.get(action, "")) for action, k in keys.items())
    return rows


class HelpScreen(ModalScreen[None]):
    # The keys that move in every other list move here too (the arrows, page keys, home and end are the
    # scrolling pane's own).
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll('scroll_down')", "Down", id="help.down"),
        Binding("k", "scroll('scroll_up')", "Up", id="help.up"),
        Binding("g", "scroll('scroll_home')", "Top", id="help.top"),
        Binding("G", "scroll('scroll_end')", "Bottom", id="help.bottom"),
    ]

    def __init__(self, nodes: list[tuple[str, DOMNode]]) -> None:
        super().__init__()
        self.nodes = nodes
        self._table_width: int | None = None  # the width the table was laid out for

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = Content("esc to close · (id) is what [keys] in config.toml remaps")
            yield Static(self._table(), id="help-table")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._fit_table)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_table)

    def _fit_table(self) -> None:
        table = self.query_one("#help-table", Static)
        if table.content_region.width and table.content_region.width != self._table_width:
            self._table_width = table.content_region.width
            table.update(self._table(self._table_width))

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#help-dialog", VerticalScroll), how)(animate=False)

    def _table(self, width: int | None = None) -> Content:
        """Every binding on a line: keys, description, id. Where a line is wider than `width`, the id goes under
        the description (wrapped, it began a line of its own under the keys)."""
        lines: list[str] = []
        spans: list[Span] = []
        offset = 0
        current = None
        for where, keys, description, binding_id in binding_rows(self.app, self.nodes):
            if where != current:
                if current is not None:
                    lines.append("")
                    offset += 1
                lines.append(where)
                spans.append(Span(offset, offset + len(where), "bold $accent"))
                offset += len(where) + 1
                current = where
            line = f"  {keys:<18} {description}"
            spans.append(Span(offset + 2, offset + 2 + len(keys), "bold"))
            if binding_id:  # what a [keys] line in the configuration remaps
                if width is not None and len(line) + len(binding_id) + 4 > width:
                    lines.append(line)
                    offset += len(line) + 1
                    line = " " * (2 + 18 + 1 - 2)  # the description's column, less the two spaces added next
                line += f"  ({binding_id})"
                spans.append(Span(offset + len(line) - len(binding_id) - 2, offset + len(line), "$text-muted"))
            lines.append(line)
            offset += len(line) + 1
        return Content("\n".join(lines), spans=spans)
