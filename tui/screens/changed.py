"""Changed quotations, corpus-wide: every group of quotations whose wording or speaker differs between its
versions, the most republished first. The list is read from the corpus database a page at a time as the cursor
nears its end, so that a corpus with thousands of such groups costs what the screen shows. `enter` opens the
provenance view of a group; choosing an occurrence there dismisses this screen with it too."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual import getters
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.provenance.reader import GroupSummary, ProvenanceReader

from ..format import one_line, plural
from ..widgets.list_keys import moving_keys
from ..workers import background
from .provenance import SPEAKER_DIFFERS, WORDS_CHANGED, ListScreen, ProvenanceScreen, Target, group_loader

PAGE = 100  # groups read at a time
AHEAD = 20  # the next page is read when the cursor comes this close to the end of those read
TEXT_LIMIT = 300


def summary_prompt(summary: GroupSummary) -> Content:
    """"N versions · ≠ words · ≠ speaker", where and by whom it was first seen, and its first words."""
    first = summary.first
    marks = [WORDS_CHANGED] * summary.changed + [SPEAKER_DIFFERS] * summary.speaker_conflict
    where = " · ".join(part for part in (first.date, one_line(first.source or "")) if part) or "undated"
    parts: list[str | tuple[str, str]] = [(plural(summary.size, "version"), "bold")]
    parts += [(f" · {mark}", "bold $text-warning") for mark in marks]
    parts += [("  first seen ", "$text-muted"), where]
    if first.speaker:
        parts += [("  — ", "$text-muted"), (one_line(first.speaker), "bold")]
    parts.append(f"\n“{one_line(first.text, TEXT_LIMIT)}”")
    return Content.assemble(*parts)


class ChangedList(OptionList):
    """The changed groups read so far; enter opens one (its option id is its group id)."""

    BINDINGS = [
        Binding("enter", "select", "Provenance", id="changed.open"),
        *moving_keys(("changed.cursor_down", "changed.cursor_up", "changed.top", "changed.bottom")),
    ]


class ChangedScreen(ListScreen):
    """Dismisses with (article_id, start, end) of an occurrence chosen in a group's provenance, or None.
    `connect()` gives a connection to the corpus database (one per worker); `grouping`: the corpus is still
    being grouped, so the list is what there is so far."""

    SUB_TITLE = "changed quotations"
    AUTO_FOCUS = "ChangedList"
    BINDINGS = [Binding("escape,q", "back", "Back", key_display="esc", id="changed.back")]
    LIST, LIST_ID, NAMES = ChangedList, "changed-list", ("Changed quotations", "Changed list")

    def __init__(self, connect: Callable[[], sqlite3.Connection], *, grouping: bool = False) -> None:
        super().__init__()
        self.connect = connect
        self.grouping = grouping
        self.total: int | None = None  # groups to list, once counted
        self.read = 0  # groups read so far (listed, in order)
        self._reading = False  # a page is being read

    changed_list = getters.query_one(ChangedList)

    def start_reading(self) -> None:
        self._read_more()

    def _read_more(self) -> None:
        if not self._reading and (self.total is None or self.read < self.total):
            self._reading = True
            self.read_page(self.read, self.total is None)

    @background("Reading the changed quotations", group="changed")
    def read_page(self, offset: int, count: bool) -> None:
        connection = self.connect()
        try:
            reader = ProvenanceReader(connection)
            total = reader.changed_count() if count else None
            page = reader.changed(offset, PAGE)
        finally:
            connection.close()
        self.app.call_from_thread(self._page_read, offset, total, page)

    def _page_read(self, offset: int, total: int | None, page: list[GroupSummary]) -> None:
        self._reading = False
        listing = self.changed_list
        if total is not None:
            self.total = total
            so_far = " so far (grouping)" if self.grouping else ""
            listing.border_title = f"Changed quotations · {total:,}{so_far} · most republished first"
            listing.border_subtitle = "enter: where it was printed, and how · esc: back"
            listing.clear_options()
            if not total:
                listing.add_option(Option(Content.styled(
                    "No quotation was reworded or given to another speaker." if not self.grouping else
                    "None found so far: the corpus is still being grouped.", "italic $text-muted"), disabled=True))
        if offset != self.read:
            return
        options: list[Option | None] = []
        for summary in page:
            options += [Option(summary_prompt(summary), id=str(summary.group_id)), None]  # None: a divider
        listing.add_options(options)
        self.read += len(page)
        if not page:
            self.total = self.read  # fewer than counted: the corpus changed meanwhile
        if offset == 0 and page:
            listing.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self.read - AHEAD:
            self._read_more()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return

        def chosen(target: Target | None) -> None:
            if target is not None:
                self.dismiss(target)

        self.app.push_screen(ProvenanceScreen(group_loader(self.connect, int(event.option.id))), chosen)
