"""The quote sidebar: the direct quotations of the open article, with their speakers.

A line-API list, as the article list is: a quotation's entry (its speaker, its text wrapped, a rule under it) is
built only when it is drawn or measured. Entries are wrapped from the top only as far as the screen or the cursor
needs; those below count for an estimate of their height (as many lines as the entries wrapped, on average). So
a book-length article's thousands of quotations cost no more than a screenful until the list is scrolled down."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import Highlight, Quotation
from store.corrections import CorrectedQuotation
from store.model import Correction
from store.text import printable

from . import styles
from .article_text import wrap
from .fitted_title import FittedTitle
from .list_keys import MAIN_IDS, moving_keys
from .row_list import cursor_css

if TYPE_CHECKING:
    from store.provenance.reader import QuotationMark  # the grouping is loaded once it is needed

UNKNOWN_SPEAKER = "unattributed"
HIGHLIGHT_MARK = "▌ "
HIDDEN_MARK = "✗ hidden · "
LOW_CONFIDENCE_MARK = "?"
CORRECTED_MARK = " ✎"
DIVIDER = "─"
SLICE = 50  # entries wrapped at a time, as far as the screen or the cursor needs (a few milliseconds)
KEPT_PROMPTS = 512  # the prompts built for the lines drawn and measured last


def speaker_head(quotation: Quotation, listed: CorrectedQuotation | None = None) -> tuple[str, str]:
    """The speaker as the sidebar names it, and what follows it: a trailing `?` for a low-confidence speaker, ` ✎`
    for one the reader gave, so that neither needs colour to be seen."""
    speaker = printable(quotation.speaker) if quotation.speaker else UNKNOWN_SPEAKER  # the reader's is from the state
    if listed is not None and listed.corrected:
        return speaker, CORRECTED_MARK
    return speaker, LOW_CONFIDENCE_MARK if quotation.speaker and quotation.confidence == "low" else ""


def quotation_prompt(quotation: Quotation, highlight: Highlight | None = None,
                     listed: CorrectedQuotation | None = None, elsewhere: QuotationMark | None = None) -> Content:
    """Speaker (bold) and role, the quotation; a coloured mark and the note when it is highlighted. `listed`: how
    the reader corrected it (a hidden one is shown muted, after `✗ hidden`); `elsewhere`: its provenance, when
    it is printed elsewhere too (`+2 ≠ words` after the speaker: marks in words, seen without colour)."""
    hidden = listed is not None and listed.hidden is not None
    mark = HIDDEN_MARK if hidden else HIGHLIGHT_MARK if highlight else ""
    speaker, flag = speaker_head(quotation, listed)
    role = " · added" if listed is not None and listed.added else f" · {quotation.role}" if quotation.role else ""
    copies = f"  {elsewhere.label}" if elsewhere is not None else ""
    head = mark + speaker + flag + role + copies
    text = f"{head}\n“{quotation.text}”"
    spans = [Span(len(mark), len(mark) + len(speaker), "bold" if quotation.speaker else "italic $text-muted")]
    if role:
        spans.append(Span(len(head) - len(copies) - len(role), len(head) - len(copies), "$text-muted"))
    if copies:
        changed = elsewhere.changed or elsewhere.speaker_conflict
        spans.append(Span(len(head) - len(copies), len(head), "bold $text-warning" if changed else "$text-accent"))
    if hidden:
        spans.append(Span(0, len(text), "strike $text-muted"))
    elif highlight:
        spans.append(Span(0, 1, f"bold {styles.highlight_marker(highlight.color)}"))
    if highlight and highlight.note:
        note_start = len(text) + 1
        text += f"\n✎ {printable(highlight.note)}"  # from the state file, which anyone may have edited
        spans.append(Span(note_start, len(text), "italic $text-muted"))
    return Content(text, spans=spans)


def detached_prompt(correction: Correction) -> Content:
    """A correction whose text is no longer in the article: kept, shown apart, never applied."""
    speaker = printable(correction.speaker or UNKNOWN_SPEAKER)  # from the state file, which anyone may edit
    what = {"hidden": "hidden", "added": f"added · {speaker}"}.get(correction.kind, speaker + CORRECTED_MARK)
    return Content.styled(f"detached · {what}\n“{printable(correction.text)}”", "italic $text-muted")


def entry_lines(prompt: Content, width: int) -> list[tuple[int, int]]:
    """(start, end) in `prompt` of each of its screen lines at `width`, wrapped as a `Content` wraps."""
    text = prompt.plain
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return [(starts[line] + low, starts[line] + high) for line, low, high in wrap(text, starts, max(1, width))]


class QuoteSidebar(FittedTitle, ScrollView, can_focus=True):
    """Lists quotations; moving posts `Highlighted`, enter posts `Chosen`. `highlighted` is the cursor's entry
    (quotations first, then notes, which the cursor skips); `highlighted_index` the article's quotation index
    under it, also when the list is narrowed."""

    COMPONENT_CLASSES = {"quote-sidebar--cursor", "quote-sidebar--divider", "quote-sidebar--note"}
    DEFAULT_CSS = cursor_css("QuoteSidebar", "quote-sidebar--cursor") + """
    QuoteSidebar {
        color: $foreground;
        overflow-x: hidden;
        padding: 0 1;
    }
    QuoteSidebar:focus {
        background-tint: $foreground 5%;
    }
    QuoteSidebar > .quote-sidebar--divider {
        color: $foreground 15%;
    }
    QuoteSidebar > .quote-sidebar--note {
        color: $text-disabled;
    }
    """

    BINDINGS = [
        Binding("enter", "select", "Jump to quotation", id="main.jump"),
        # What the footer shows while the sidebar has the focus (the screen does the work).
        Binding("h", "screen.highlight", "Highlight", id="main.highlight"),
        Binding("y", "screen.copy", "Copy", id="main.copy"),
        Binding("c", "screen.correct_speaker", "Correct", id="main.correct_speaker"),
        *moving_keys(MAIN_IDS, arrows=True),
        Binding("pagedown", "page_down", "Page Down", show=False, id="main.list_page_down"),
        Binding("pageup", "page_up", "Page Up", show=False, id="main.list_page_up"),
    ]

    highlighted: reactive[int | None] = reactive(None)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a quotation; `follow`: bring it into view in the reader."""

        index: int
        follow: bool = True

    @dataclass
    class Chosen(Message):
        """The user asked to jump to a quotation."""

        index: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._items: list[tuple[int, Quotation]] = []  # (the article's quotation index, the quotation as listed)
        self._follow = True  # whether the cursor's moves bring their quotation into view in the reader
        self._notes: list[Content] = []  # listed after the quotations; the cursor never stops on them
        self._highlights: dict[tuple[int, int], Highlight] = {}
        self._listed: list[CorrectedQuotation] | None = None
        self._elsewhere: dict[tuple[int, int], QuotationMark] = {}
        self._prompts: LRUCache[int, Content] = LRUCache(KEPT_PROMPTS)
        # Per entry wrapped so far, at `_width`: its first screen line and its lines, (start, end) in its prompt.
        self._tops: list[int] = []
        self._lines: list[list[tuple[int, int]]] = []
        self._width = 0

    # what is listed ------------------------------------------------------------------------------------
    def show_quotations(
        self,
        items: list[tuple[int, Quotation]],
        total: int,
        highlights: dict[tuple[int, int], Highlight],
        narrowed: bool = False,
        listed: list[CorrectedQuotation] | None = None,
        detached: list[Correction] = (),
        hidden: int = 0,
        elsewhere: dict[tuple[int, int], QuotationMark] | None = None,
    ) -> None:
        """`listed`: the reader's corrections of each quotation, by index; `detached`: corrections whose text is
        gone from the article, listed last; `hidden`: how many quotations are hidden (not among `items`);
        `elsewhere`: the provenance marks of the quotations printed elsewhere too, by (start, end)."""
        keep = self.highlighted_index
        notes = []
        if not items:
            empty = "No quotation matches the search (f: show all)" if narrowed else "No direct quotations"
            notes.append(Content.styled(empty, "italic $text-muted"))
        notes += [detached_prompt(correction) for correction in detached]
        self._set_entries(items, notes, highlights, listed, elsewhere or {})
        counts = f"{len(items)} of {total} matching" if narrowed else f"{total}"
        if hidden:
            counts += f" · {hidden} hidden"
        self.show_title(f"Quotes · {counts}", counts if narrowed or hidden else f"Quotes · {counts}")
        if items and keep is not None:
            self.highlight_index(keep)

    def show_note(self, note: str) -> None:
        """A line in place of the quotations (before an article is open)."""
        self._set_entries([], [Content.styled(note, "italic $text-muted")])

    def show_finding(self) -> None:
        self._set_entries([], [Content.styled("Finding the quotations of this long article…", "italic $text-muted")])
        self.show_title("Quotes · finding…", "finding…")

    def show_failure(self, reason: str) -> None:
        """The quotations of this article could not be found: say why, in place of the list."""
        self._set_entries([], [Content.styled(f"The quotations of this article could not be found: "
                                              f"{printable(reason)}", "italic $text-error")])
        self.show_title("Quotes · none found", "none found")

    def _set_entries(self, items: list[tuple[int, Quotation]], notes: list[Content],
                     highlights: dict[tuple[int, int], Highlight] | None = None,
                     listed: list[CorrectedQuotation] | None = None,
                     elsewhere: dict[tuple[int, int], QuotationMark] | None = None) -> None:
        self._items, self._notes = items, notes
        self._highlights, self._listed, self._elsewhere = highlights or {}, listed, elsewhere or {}
        self._prompts.clear()
        self.highlighted = None
        # Each quotation takes two lines and a rule at least: when they surely fill more than the pane, its scrollbar
        # is shown before they are laid out, which would otherwise find it needed and lay out the screen again.
        if not self.show_vertical_scrollbar and 3 * len(items) > self.scrollable_content_region.height:
            self.show_vertical_scrollbar = True
            self.vertical_scrollbar.display = True
        self._remeasure()
        self.scroll_to(y=0, animate=False, immediate=True)

    @property
    def entry_count(self) -> int:
        return len(self._items) + len(self._notes)

    def shown_texts(self) -> list[str]:
        """The plain text of every entry (unwrapped): what the list says."""
        return [self._prompt(entry).plain for entry in range(self.entry_count)]

    def _prompt(self, entry: int) -> Content:
        prompt = self._prompts.get(entry)
        if prompt is None:
            if entry >= len(self._items):
                prompt = self._notes[entry - len(self._items)]
            else:
                index, quotation = self._items[entry]
                span = (quotation.start, quotation.end)
                listed = self._listed[index] if self._listed is not None and index < len(self._listed) else None
                prompt = quotation_prompt(quotation, self._highlights.get(span), listed, self._elsewhere.get(span))
            self._prompts[entry] = prompt
        return prompt

    # the cursor ----------------------------------------------------------------------------------------
    @property
    def highlighted_index(self) -> int | None:
        """The article's quotation index under the cursor."""
        return self._items[self.highlighted][0] if self.highlighted is not None else None

    def highlight_index(self, index: int) -> None:
        """Put the cursor on the article's quotation `index` (off the list when the search narrowed it away)."""
        self.highlighted = next((entry for entry, (shown, _q) in enumerate(self._items) if shown == index), None)

    def place_cursor(self, index: int) -> None:
        """Put the cursor on the article's quotation `index`, or on the first listed one when that is not listed,
        leaving the reader where it is."""
        self._follow = False
        try:
            self.highlight_index(index)
            if self.highlighted is None:
                self.highlighted = 0
        finally:
            self._follow = True

    def validate_highlighted(self, entry: int | None) -> int | None:
        return None if entry is None or not self._items else max(0, min(len(self._items) - 1, entry))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self.refresh()
        if new is not None:
            self._scroll_to_entry(new)
            self.post_message(self.Highlighted(self._items[new][0], self._follow))

    def action_cursor_down(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted - 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._items) - 1

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def _move_page(self, direction: int) -> None:
        """The cursor about a screen further: on the entry shown that far below (above) the cursor's top."""
        if self.highlighted is None:
            self.highlighted = 0 if direction > 0 else len(self._items) - 1
            return
        if not self._measure_to_entry(self.highlighted):
            return
        y = max(0, self._tops[self.highlighted] + direction * self.scrollable_content_region.height)
        self._measure_to_line(y)
        self.highlighted = self._entry_at(y)[0]

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self._items[self.highlighted][0]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # the event's own is the widget's, its border included
        if offset is None:
            return
        y = round(self.scroll_y) + offset.y
        if self._width and self._measure_to_line(y) and 0 <= y:
            entry, line = self._entry_at(y)
            if entry < len(self._items) and line < len(self._lines[entry]):
                self.highlighted = entry
                self.action_select()

    def _scroll_to_entry(self, entry: int) -> None:
        if self._measure_to_entry(entry):
            self._update_virtual_size()
            self.scroll_to_region(Region(0, self._tops[entry], self._width, len(self._lines[entry])),
                                  animate=False, immediate=True, force=True)

    # wrapping, a part at a time ------------------------------------------------------------------------
    def _remeasure(self) -> None:
        """Wrap from the top again (new entries or a new width), only as far as the screen needs."""
        self._tops, self._lines = [], []
        self._width = self.scrollable_content_region.width
        # The screen's entries are wrapped before the layout, so that drawing them does not lay it out again.
        self._measure_to_line(self.scrollable_content_region.height)
        self._update_virtual_size()
        self.refresh()

    def _measure_next(self, count: int) -> bool:
        """Wrap the next `count` entries; False when every entry was wrapped already."""
        first = len(self._lines)
        last = min(self.entry_count, first + count)
        for entry in range(first, last):
            self._tops.append(self._tops[-1] + len(self._lines[-1]) + 1 if self._lines else 0)
            self._lines.append(entry_lines(self._prompt(entry), self._width))
        return last > first

    def _measure_to_entry(self, entry: int) -> bool:
        """Wrap up to `entry`; False when there is no such entry or no width to wrap at yet."""
        if not self._width or entry >= self.entry_count:
            return False
        self._measure_next(entry + 1 - len(self._lines))
        return True

    def _measure_to_line(self, y: int) -> bool:
        """Wrap until screen line `y` is known (or the entries end); False when there is no width yet."""
        if not self._width:
            return False
        while self._bottom() <= y and self._measure_next(SLICE):
            pass
        return True

    def _bottom(self) -> int:
        """The line below the last entry wrapped, its divider included."""
        return self._tops[-1] + len(self._lines[-1]) + 1 if self._lines else 0

    def _height(self) -> int:
        """The lines wrapped, and an estimate for the entries not wrapped yet (as many lines as those wrapped)."""
        measured, count = len(self._lines), self.entry_count
        if not count:
            return 0
        per_entry = self._bottom() / measured if measured else 3
        return round(self._bottom() + (count - measured) * per_entry) - 1  # no divider after the last

    def _update_virtual_size(self) -> None:
        size = Size(self._width, self._height())
        if size != self.virtual_size:
            self.virtual_size = size

    def _entry_at(self, y: int) -> tuple[int, int]:
        """The wrapped entry on screen line `y` (the last one below them all), and the line of it."""
        entry = max(0, bisect_right(self._tops, y) - 1)
        return entry, y - self._tops[entry]

    def on_resize(self) -> None:
        self.fit_title()
        if self.scrollable_content_region.width != self._width:
            self._prompts.clear()
            self._remeasure()
            if self.highlighted is not None:
                self._scroll_to_entry(self.highlighted)

    # drawing ------------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        y += round(self.scroll_y)
        base = self.get_visual_style()
        wrapped = len(self._lines)
        if width != self._width or not self._measure_to_line(y):
            return Strip.blank(width, base.rich_style)
        if len(self._lines) != wrapped:  # scrolled past the entries wrapped so far: the height is known better
            self.call_later(self._update_virtual_size)
        entry, line = self._entry_at(y)
        if line >= len(self._lines[entry]):  # the divider under the entry; none under the last
            if entry == self.entry_count - 1:
                return Strip.blank(width, base.rich_style)
            style = self.get_visual_style("quote-sidebar--divider")
            return Strip([Segment(DIVIDER * width, style.rich_style)], width)
        if entry >= len(self._items):
            style = self.get_visual_style("quote-sidebar--note")
        elif entry == self.highlighted:
            style = self.get_visual_style("quote-sidebar--cursor")
        else:
            style = base
        start, end = self._lines[entry][line]
        piece = self._prompt(entry)[start:end].rstrip_end(width)
        # Each span's style over the entry's (as Textual draws a visual): a colour with some transparency, such as
        # `$text-warning`, is blended with the background it is drawn on, the cursor's included.
        segments = [Segment(text, (style + text_style).rich_style) for text, text_style in piece.render(style, end="")]
        return Strip(segments, piece.cell_length).extend_cell_length(width, style.rich_style)
