"""The provenance of one quotation: every place it was printed, oldest first, and how each later version
differs from the first seen one.

Each occurrence shows its date, source, headline and speaker, then its words with the differences marked in
them and said in words below (a change of wording, or honest editing: a cut marked with `…`, a bracketed
editorial addition, a part quoted alone), so that nothing depends on colour. `enter` dismisses the screen with
`(article_id, start, end)` of the occurrence under the cursor, to open its article there. The group is read
from the corpus database in a worker (`load`), never on the UI thread."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option

from store.provenance import Group, Occurrence, speaker_conflict
from store.text import printable

from ..format import one_line, plural
from ..widgets.footer import Footer
from ..widgets.list_keys import moving_keys
from ..workers import ReportsFailures, background

FIRST_SEEN = "first seen"
WORDS_CHANGED = "≠ words"
SPEAKER_DIFFERS = "≠ speaker"
Target = tuple[str, int, int]  # (article id, start, end) of an occurrence


def group_loader(connect: Callable[[], sqlite3.Connection], group_id: int) -> Callable[[], Group | None]:
    """What reads a group for the view, in the worker that calls it, on a connection of its own."""
    from store.provenance.reader import ProvenanceReader

    def load() -> Group | None:
        connection = connect()
        try:
            return ProvenanceReader(connection).group(group_id)
        finally:
            connection.close()

    return load


def group_title(group: Group) -> str:
    """"3 occurrences · ≠ words · ≠ speaker": what the group is, in words."""
    marks = [WORDS_CHANGED] * group.changed + [SPEAKER_DIFFERS] * group.speaker_conflict
    return " · ".join([plural(group.size, "occurrence"), *marks])


def marked_text(occurrence: Occurrence) -> Content:
    """The occurrence's words in quote marks, its differences from the version it is compared with underlined
    (a change of wording bold too, honest editing dimmed)."""
    text = occurrence.text
    pieces: list[str | tuple[str, str]] = ["“"]
    at = 0
    for difference in occurrence.differences:
        if difference.start < at or difference.start == difference.end:
            continue  # words only the other version has: said in words below
        pieces.append(printable(text[at:difference.start], lines=True))
        style = "bold underline $text-warning" if difference.is_change else "underline $text-muted"
        pieces.append((printable(text[difference.start:difference.end], lines=True), style))
        at = difference.end
    pieces += [printable(text[at:], lines=True), "”"]
    return Content.assemble(*pieces)


def occurrence_prompt(group: Group, index: int) -> Content:
    """Date · source · headline, the speaker, the words, and each difference in words."""
    occurrence = group.occurrences[index]
    first = group.occurrences[group.first]
    head: list[str | tuple[str, str]] = [(occurrence.date or "undated", "bold")]
    if occurrence.source:
        head += [" · ", (one_line(occurrence.source), "bold")]
    head += [" · ", one_line(occurrence.title) or one_line(occurrence.path.rpartition("/")[2])]
    marks = []
    if index == group.first:
        marks.append((FIRST_SEEN, "bold reverse"))
    else:
        if occurrence.changed:
            marks.append((WORDS_CHANGED, "bold $text-warning"))
        if speaker_conflict([first.speaker, occurrence.speaker]):
            marks.append((SPEAKER_DIFFERS, "bold $text-warning"))
    lines: list[Content] = [Content.assemble(*head)]
    said = Content.assemble(("— ", "$text-muted"), (one_line(occurrence.speaker), "bold") if occurrence.speaker
                            else ("unattributed", "italic $text-muted"))
    for mark in marks:
        said += Content.assemble("  ", mark)
    lines += [said, marked_text(occurrence)]
    reference = occurrence.compared_with
    if reference is not None and reference != group.first:
        other = group.occurrences[reference]
        where = " · ".join(part for part in (other.date, one_line(other.source or "")) if part) or "another version"
        lines.append(Content.styled(f"  compared with the version of {where}, of which it quotes a part",
                                    "italic $text-muted"))
    for difference in occurrence.differences:
        style = "$text-warning" if difference.is_change else "$text-muted"
        lines.append(Content.styled(f"  {printable(difference.describe())}", style))
    if index != group.first and not occurrence.differences:
        lines.append(Content.styled("  the same words", "$text-muted"))
    return Content("\n").join(lines)


class OccurrenceList(OptionList):
    """A group's occurrences, oldest first; enter opens one (its option id is its index in the group)."""

    BINDINGS = [
        Binding("enter", "select", "Open the article there", id="provenance.open"),
        *moving_keys(("provenance.cursor_down", "provenance.cursor_up", "provenance.top", "provenance.bottom")),
    ]


class ListScreen(ReportsFailures, Screen["Target | None"]):
    """A view of one list read from the corpus database in a worker, "Reading…" until then; esc (`action_back`)
    dismisses None. `LIST` is the list's class, `NAMES` the view's and the list's names (in the help; the first is
    the list's title too) and `start_reading` starts the worker."""

    CSS_PATH = "provenance.tcss"
    LIST: type[OptionList]
    LIST_ID: str
    NAMES: tuple[str, str]

    def compose(self) -> ComposeResult:
        yield Header()
        yield self.LIST(Option(Content.styled("Reading…", "italic $text-muted"), disabled=True), id=self.LIST_ID)
        yield Footer()

    def help_entries(self) -> list[tuple[str, DOMNode]]:
        """What the help screen lists, under these names."""
        view, listing = self.NAMES
        return [(view, self), (listing, self.query_one(self.LIST))]

    def on_mount(self) -> None:
        self.query_one(self.LIST).border_title = self.NAMES[0]
        self.start_reading()

    def start_reading(self) -> None:
        raise NotImplementedError

    def action_back(self) -> None:
        self.dismiss(None)


class ProvenanceScreen(ListScreen):
    """Dismisses with (article_id, start, end) of the chosen occurrence, or None (closed). `load()` gives the
    group (None when it is gone), called in a worker; `at`, the occurrence to put the cursor on."""

    SUB_TITLE = "provenance"
    AUTO_FOCUS = "OccurrenceList"
    BINDINGS = [Binding("escape,q", "back", "Back", key_display="esc", id="provenance.back")]
    LIST, LIST_ID, NAMES = OccurrenceList, "provenance-list", ("Provenance", "Occurrences")

    def __init__(self, load: Callable[[], Group | None], at: Target | None = None) -> None:
        super().__init__()
        self.load = load
        self.at = at
        self.group: Group | None = None

    occurrence_list = getters.query_one(OccurrenceList)

    def start_reading(self) -> None:
        self.read_group()

    @background("Reading where the quotation was printed", group="provenance", exclusive=True)
    def read_group(self) -> None:
        group = self.load()
        self.app.call_from_thread(self.show_group, group)

    def show_group(self, group: Group | None) -> None:
        self.group = group
        listing = self.occurrence_list
        if group is None or not group.occurrences:
            listing.set_options([Option(Content.styled("This quotation is no longer in the corpus.",
                                                       "italic $text-muted"), disabled=True)])
            return
        options: list[Option | None] = []
        for index in range(group.size):
            options += [Option(occurrence_prompt(group, index), id=str(index)), None]  # None: a divider
        if group.size == 1:
            options.append(Option(Content.styled("Printed nowhere else in the corpus.", "italic $text-muted"),
                                  disabled=True))
        listing.set_options(options)
        listing.border_title = f"Provenance · {group_title(group)}"
        listing.border_subtitle = "enter: open the article there · esc: back"
        listing.highlighted = self._index_of(self.at) if self.at is not None else group.first

    def _index_of(self, target: Target) -> int:
        article_id, start, end = target
        occurrences = self.group.occurrences
        return next((i for i, o in enumerate(occurrences) if (o.article_id, o.start, o.end) == target),
                    next((i for i, o in enumerate(occurrences)
                          if o.article_id == article_id and o.start < end and start < o.end), self.group.first))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.group is not None and event.option.id is not None:
            occurrence = self.group.occurrences[int(event.option.id)]
            self.dismiss((occurrence.article_id, occurrence.start, occurrence.end))
