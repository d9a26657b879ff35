"""Every speaker in the corpus: who is quoted most, when, and what they said.

A table of speakers (filterable), a bar chart of the 20 most quoted, and the highlighted speaker's
quotations per month. Enter lists the speaker's quotations across the corpus, newest first; enter on one
dismisses the screen with `(article_id, start)` to open the article there. Escape goes back a level, then
closes (dismisses None). Everything shown is asked of the corpus database (`store.speakers.table.SpeakerDirectory`)
when it is shown: the screen holds the rows on screen, not the corpus's speakers.

Unnamed speakers ("spokesman", "official") are not people: they come after every named speaker, marked
"unnamed", and are left out of the chart. Quotations without a speaker are not counted."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date as Date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, OptionList, Sparkline, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.speakers.table import QuotationRef, SpeakerDirectory, SpeakerStats
from store.text import fold
from store.text import printable

from ..format import clip, one_line, plural
from ..widgets.bar_chart import BarChart
from ..widgets.footer import Footer
from ..widgets.filter_field import FilterField, filter_bindings
from ..widgets.list_keys import moving_keys
from ..workers import ReportsFailures, background

if TYPE_CHECKING:
    from ..corpus import Corpus

CHART_SIZE = 20  # speakers in the bar chart, if they fit
ROW_LIMIT = 2000  # rows the table shows at once; the filter narrows the rest
TEXT_LIMIT = 400  # characters of a quotation shown in the list
BATCH = 200  # quotations listed per batch
UNNAMED = "unnamed"


def months_between(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from `first` to `last`, both included."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline(stats: SpeakerStats, months: list[str]) -> list[int]:
    """Quotations per month over `months` (the corpus's, so that speakers compare), empty months included."""
    return [stats.by_month.get(month, 0) for month in months]


def month_label(month: str) -> str:
    try:
        return Date(int(month[:4]), int(month[5:7]), 1).strftime("%b %Y")
    except ValueError:
        return month


def timeline_caption(stats: SpeakerStats, months: list[str]) -> Content:
    """The month range under the sparkline, and the speaker's busiest month."""
    if not stats.by_month or not months:
        return Content.styled("No dated quotations", "italic $text-muted")
    peak = max(stats.by_month, key=lambda month: (stats.by_month[month], month))
    first, last = month_label(months[0]), month_label(months[-1])
    span = first if first == last else f"{first} – {last}"
    return Content.assemble((span, "bold"), (f" · most in {month_label(peak)}: {stats.by_month[peak]}", "$text-muted"))


def quotation_prompt(ref: QuotationRef, name: str = "") -> Content:
    """"date · headline", then the quotation; what comes from the article is never read as markup."""
    when = ref.date or "undated"
    headline = one_line(ref.title) or ref.path.rpartition("/")[2]
    text = one_line(ref.text, TEXT_LIMIT)
    parts: list[str | tuple[str, str]] = [(when, "bold"), (" · ", "$text-muted"), (headline, "bold")]
    if ref.source:
        parts.append((f"  {one_line(ref.source)}", "$text-muted"))
    parts.append(f"\n“{text}”")
    # how the article names the speaker, when it is not the name listed, and the role it gives
    said = [one_line(part) for part in (ref.speaker if ref.speaker != name else None, ref.role) if part]
    if said:
        parts.append((f"  — {', '.join(said)}", "$text-muted"))
    return Content.assemble(*parts)


class SpeakerTable(DataTable):
    """One row per speaker, its key the speaker's key; enter lists the speaker's quotations."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Quotations", id="speakers.open"),
        *moving_keys(("speakers.cursor_down", "speakers.cursor_up", "speakers.top", "speakers.bottom"),
                     ("cursor_down", "cursor_up", "scroll_top", "scroll_bottom")),
    ]

    class Resized(Message):
        """The table's width changed (the first layout too): its columns are fitted to it again."""

    fitted_width = 0  # the width the columns were last fitted to

    def on_resize(self, event: events.Resize) -> None:
        # Resize also comes when the content changes (new columns): only a new width asks for new columns.
        if event.size.width != self.fitted_width:
            self.fitted_width = event.size.width
            self.post_message(self.Resized())


class SpeakerQuotations(OptionList):
    """The highlighted speaker's quotations; enter opens one (its option id is its index in `refs`)."""

    BINDINGS = [
        Binding("enter", "select", "Open article", id="speakers.open_quotation"),
        *moving_keys(("speakers.quotation_down", "speakers.quotation_up", "speakers.quotation_top",
                      "speakers.quotation_bottom")),
    ]


class SpeakerFilter(FilterField):
    BINDINGS = filter_bindings("speakers", "To the table", "filter_to_table")
    FILTERED = SpeakerTable


class SpeakersScreen(ReportsFailures, Screen["tuple[str, int] | None"]):
    """Dismisses with (article_id, start) of the chosen quotation, or None (closed).

    `directory()` gives a `SpeakerDirectory` with its own connection (one for the screen, one for each worker).
    The corpus may still be indexed (`indexing=True`): the screen then shows what there is, says "indexing…",
    and refreshes every few seconds while the database changes; `indexing_done()` once it is complete. Given the
    app's `corpus`, the screen asks it whether it is indexed and hears when it is (its `indexed` signal)."""

    CSS_PATH = ["../panes.tcss", "speakers.tcss"]
    SUB_TITLE = "speakers"
    AUTO_FOCUS = "SpeakerTable"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]  # the charts beside the table, or below it
    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", key_display="/", id="speakers.filter"),
        Binding("escape,q", "back", "Back", key_display="esc", id="speakers.back"),
    ]

    def __init__(self, directory: Callable[[], SpeakerDirectory], *, indexing: bool = False,
                 speaker: str | None = None, corpus: Corpus | None = None) -> None:
        """`speaker`: the key of a speaker whose quotations to list at once (from the command palette)."""
        super().__init__()
        self.make_directory = directory
        self.directory = directory()
        self.open_speaker = speaker
        self.corpus = corpus
        self.indexing = indexing
        self.speakers: list[SpeakerStats] = []  # the rows the filter selects, at most ROW_LIMIT
        self.by_key: dict[str, SpeakerStats] = {}
        self.shown: list[SpeakerStats] = []  # the table's rows, in order
        self.refs: list[QuotationRef] = []  # the listed speaker's quotations
        self.listed: SpeakerStats | None = None  # whose quotations are listed; None: the table is shown
        self._data_version: int | None = None  # the database's, when last counted
        self._number_widths = (6, 8)
        self._dates: tuple[str, ...] = ("first", "last")  # the date columns there is room for
        self.months: list[str] = []  # of the corpus, first to last: the sparkline's range

    def compose(self) -> ComposeResult:
        yield Header()
        yield SpeakerFilter(placeholder="/ Filter by name or role", id="speakers-filter")
        with Horizontal(id="speakers-panes"):
            with Vertical(id="speakers-left"):
                yield SpeakerTable(id="speakers-table", classes="pane", cursor_type="row", zebra_stripes=True)
                yield SpeakerQuotations(id="speakers-quotations", classes="pane")
            with Vertical(id="speakers-right"):
                yield BarChart(id="speakers-chart")
                with Vertical(id="speakers-timeline"):
                    yield Sparkline([], summary_function=sum, id="speakers-sparkline")
                    yield Static(id="speakers-caption")
        yield Footer()

    def on_mount(self) -> None:
        if self.corpus is not None:
            self.indexing = self.corpus.indexing  # as it is now: it may have ended while the screen was built
            self.corpus.indexed.subscribe(self, lambda _: self.indexing_done())
        table = self.speaker_table
        table.border_title = "Speakers · counting…"
        self.query_one("#speakers-quotations").display = False
        self.query_one("#speakers-timeline").border_title = "By month"
        self.query_one("#speakers-caption", Static).update("")
        self.count()
        self.set_interval(3.0, self._poll)

    # widgets ------------------------------------------------------------------------------------------
    speaker_table = getters.query_one(SpeakerTable)
    quotation_list = getters.query_one(SpeakerQuotations)
    chart = getters.query_one(BarChart)

    def help_entries(self) -> list[tuple[str, DOMNode]]:
        """What the help screen lists, under these names."""
        return [("Speakers", self), ("Speaker table", self.speaker_table),
                ("A speaker's quotations", self.quotation_list)]

    @property
    def highlighted(self) -> SpeakerStats | None:
        """The speaker under the table's cursor."""
        table = self.speaker_table
        if not self.shown or table.cursor_row is None or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    # counting -----------------------------------------------------------------------------------------
    def indexing_done(self) -> None:
        """The corpus is up to date: count once more and stop saying "indexing…"."""
        self.indexing = False
        if self.is_mounted:  # pushed but not yet built: it counts when mounted (said while `s` opens it)
            self.count()

    def on_unmount(self) -> None:
        self.directory.connection.close()

    def _poll(self) -> None:
        if self.indexing and self._version() != self._data_version:
            self.count()

    def _version(self) -> int:
        """Changes whenever another connection (the indexer) commits."""
        return self.directory.connection.execute("PRAGMA data_version").fetchone()[0]

    def count(self) -> None:
        """Read the chart, the corpus's months and the table again (each a small query). A database that fails
        (busy for too long, damaged) is reported; the view stays, as it was."""
        try:
            self._count()
        except sqlite3.Error as exc:
            self.notify(f"The speakers could not be counted: {printable(str(exc))}", title="Something went wrong",
                        severity="error", markup=False, timeout=10)

    def _count(self) -> None:
        self._data_version = self._version()
        months = self.directory.months()
        self.months = months_between(*months) if months else []
        chart = [s for s in self.directory.speakers(limit=CHART_SIZE) if s.named]
        self.chart.show(chart, self.highlighted.key if self.highlighted else None)
        self.show_speakers()
        if self.listed is not None:
            self.listed = self.directory.get(self.listed.key) or self.listed
        if self.open_speaker is not None:
            stats = self.directory.get(self.open_speaker)
            self.open_speaker = None
            if stats is not None:
                self.list_quotations(stats)

    def show_speakers(self) -> None:
        """Fill the table from the database, narrowed by the filter; keep the cursor on the same speaker."""
        table = self.speaker_table
        keep = self.highlighted.key if self.highlighted else None
        needle = fold(self.query_one(SpeakerFilter).value.strip())
        self.speakers = self.directory.speakers(needle, ROW_LIMIT)
        self.by_key = {stats.key: stats for stats in self.speakers}
        self.shown = self.speakers
        matching = self.directory.count(needle) if needle else None
        table.clear(columns=True)
        self._add_columns()
        for stats in self.shown:
            table.add_row(*self._cells(stats), key=stats.key)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        named = self.directory.count(named=True)
        count = f"{matching:,} of {named:,}" if needle else f"{named:,}"
        title = f"Speakers · {count}"
        if self.indexing:
            title += " · indexing…"
        table.border_title = title
        subtitle = []
        if needle and not self.shown:  # an empty table alone did not say why
            subtitle.append(f"no speaker matches “{printable(self.query_one(SpeakerFilter).value.strip())}”")
        if (matching if needle else len(self.shown)) >= ROW_LIMIT:
            subtitle.append(f"first {ROW_LIMIT:,} shown: filter to narrow")
        unnamed = self.directory.count(named=False)
        if unnamed and not needle:
            subtitle.append(f"{plural(unnamed, 'unnamed speaker')} at the end")
        table.border_subtitle = " · ".join(subtitle)
        if not self.shown:
            self._show_timeline(None)
        else:
            self._show_timeline(self.highlighted)

    def _add_columns(self) -> None:
        """Numbers at their width; the name and the role share the rest, the name first. Where names and roles
        would be cut, the dates give up their columns (the timeline shows them), the first date first."""
        table = self.speaker_table
        quotes = max([len("Quotes")] + [len(f"{s.quotations:,}") for s in self.shown])
        articles = max([len("Articles")] + [len(f"{s.articles:,}") for s in self.shown])
        date = len("2024-01-01") + 2 * table.cell_padding
        width = table.scrollable_content_region.width or 80
        # The unnamed ("a spokesman for the ministry of…"), listed last, may be cut; names and roles are not.
        names = max([len("Speaker")] + [len(s.name) for s in self.shown if s.named])
        roles = max([len("Role")] + [len(s.role or "") for s in self.shown])
        dates = 2
        rest = width - quotes - articles - 4 * 2 * table.cell_padding - dates * date
        while dates and names + roles > rest:
            dates, rest = dates - 1, rest + date
        role_width = max(4, min(roles, rest - min(names, max(14, rest * 3 // 5))))
        name_width = max(8, rest - role_width)
        table.add_column("Speaker", key="name", width=name_width)
        table.add_column("Role", key="role", width=role_width)
        self._number_widths = (quotes, articles)  # the numbers are right-aligned by hand: DataTable cells are not
        self._dates = ("first", "last")[2 - dates:]
        table.add_column("Quotes".rjust(quotes), key="quotes", width=quotes)
        table.add_column("Articles".rjust(articles), key="articles", width=articles)
        for key in self._dates:
            table.add_column(key.capitalize(), key=key, width=date - 2 * table.cell_padding)

    @on(SpeakerTable.Resized)
    def _table_resized(self) -> None:
        if self.speakers:
            self.call_after_refresh(self.show_speakers)

    def _cells(self, stats: SpeakerStats) -> list[Text]:
        if stats.named:
            name = Text(stats.name, no_wrap=True, overflow="ellipsis")
            role = Text(stats.role or "", style="dim", no_wrap=True, overflow="ellipsis")
        else:
            name = Text(stats.name, style="italic dim", no_wrap=True, overflow="ellipsis")
            role = Text(UNNAMED, style="italic dim")
        return [
            name,
            role,
            Text(f"{stats.quotations:,}".rjust(self._number_widths[0])),
            Text(f"{stats.articles:,}".rjust(self._number_widths[1])),
            *(Text(getattr(stats, f"{key}_date") or "–", style="dim") for key in self._dates),
        ]

    def _show_timeline(self, stats: SpeakerStats | None) -> None:
        sparkline = self.query_one(Sparkline)
        caption = self.query_one("#speakers-caption", Static)
        box = self.query_one("#speakers-timeline")
        if stats is None:
            sparkline.data = []
            caption.update(Content.styled("No speaker selected", "italic $text-muted"))
            box.border_title = "By month"
            return
        if not stats.by_month:
            stats.by_month = self.directory.by_month(stats.key)
        sparkline.data = timeline(stats, self.months)
        caption.update(timeline_caption(stats, self.months))
        box.border_title = Content.assemble((clip(stats.name, 30), "bold"), " · quotations by month")

    @on(DataTable.RowHighlighted, "#speakers-table")
    def _speaker_highlighted(self, event: DataTable.RowHighlighted) -> None:
        stats = self.by_key.get(event.row_key.value) if event.row_key is not None else None
        self._show_timeline(stats)
        self.chart.mark(stats.key if stats else None)

    @on(Input.Changed, "#speakers-filter")
    def _filter_changed(self) -> None:
        self.show_speakers()

    # the quotations of a speaker ----------------------------------------------------------------------
    @on(DataTable.RowSelected, "#speakers-table")
    def _speaker_chosen(self, event: DataTable.RowSelected) -> None:
        stats = self.by_key.get(event.row_key.value) if event.row_key is not None else None
        if stats is not None:
            self.list_quotations(stats)

    def list_quotations(self, stats: SpeakerStats) -> None:
        self.listed = stats
        listing = self.quotation_list
        listing.clear_options()
        listing.add_option(Option(Content.styled("Finding the quotations…", "italic $text-muted"), disabled=True))
        listing.border_title = Content.assemble((clip(stats.name, 40), "bold"), f" · {plural(stats.quotations, 'quotation')}")
        listing.border_subtitle = "esc: back to the speakers"
        self.speaker_table.display = False
        self.add_class("-listing")
        listing.display = True
        listing.focus()
        self._show_timeline(stats)
        self.load_quotations(stats)
        self.refresh_bindings()

    @background("Listing the speaker's quotations", group="speakers-quotations", exclusive=True)
    def load_quotations(self, stats: SpeakerStats) -> None:
        """The speaker's quotations from the database, off the event loop, listed in batches."""
        worker = get_current_worker()
        directory = self.make_directory()
        try:
            refs = directory.quotations_of(stats.key)
        finally:
            directory.connection.close()
        for start in range(0, max(1, len(refs)), BATCH):
            if worker.is_cancelled:
                return
            batch = refs[start:start + BATCH]
            self.app.call_from_thread(self._add_quotations, stats, batch, start == 0, start + BATCH >= len(refs))

    def _add_quotations(self, stats: SpeakerStats, batch: list[QuotationRef], first: bool, last: bool) -> None:
        if self.listed is None or self.listed.key != stats.key:
            return  # the user went back meanwhile
        listing = self.quotation_list
        if first:
            listing.clear_options()
            self.refs = []
        options: list[Option | None] = []
        for ref in batch:
            if self.refs or options:
                options.append(None)
            options.append(Option(quotation_prompt(ref, stats.name), id=str(len(self.refs))))
            self.refs.append(ref)
        listing.add_options(options)
        if first and self.refs:
            listing.highlighted = 0
        if last and not self.refs:
            listing.add_option(Option(Content.styled("No quotations found", "italic $text-muted"), disabled=True))

    @on(OptionList.OptionSelected, "#speakers-quotations")
    def _quotation_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            ref = self.refs[int(event.option.id)]
            self.dismiss((ref.article_id, ref.start))

    # actions ------------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing "/" in the filter types it; the filter is for the table only.
        if action == "focus_filter":
            return self.listed is None and not isinstance(self.focused, SpeakerFilter)
        return True

    def action_focus_filter(self) -> None:
        self.query_one(SpeakerFilter).focus()

    def action_back(self) -> None:
        """From the quotations back to the speakers; from the speakers, close."""
        if self.listed is None:
            self.dismiss(None)
            return
        self.workers.cancel_group(self, "speakers-quotations")
        self.listed = None
        self.refs = []
        self.quotation_list.display = False
        self.remove_class("-listing")
        self.quotation_list.clear_options()
        self.speaker_table.display = True
        self.speaker_table.focus()
        self._show_timeline(self.highlighted)
        self.call_after_refresh(self.show_speakers)  # the columns fit the width it has again
        self.refresh_bindings()
