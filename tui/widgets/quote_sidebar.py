"""The quote sidebar: the direct quotations of the open article, with their speakers."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store import Highlight, Quotation
from store.corrections import CorrectedQuotation
from store.model import Correction
from store.text import printable

from . import styles
from .list_keys import MAIN_IDS, moving_keys

if TYPE_CHECKING:
    from store.provenance.reader import QuotationMark  # the grouping is loaded once it is needed

UNKNOWN_SPEAKER = "unattributed"
HIGHLIGHT_MARK = "▌ "
# An OptionList measures every option it is given: a book-length article's thousands of quotations are
# listed a batch at a time, a screenful at once and the rest between frames (an article of up to
# `AT_ONCE` quotations is listed whole).
AT_ONCE = 200
FIRST_BATCH = 24  # a screenful
BATCH = 100
LATER_SECONDS = 0.3  # the rest waits until the article itself is laid out and drawn
HIDDEN_MARK = "✗ hidden · "
LOW_CONFIDENCE_MARK = "?"
CORRECTED_MARK = " ✎"
DETACHED_ID = "detached"  # option ids of detached corrections start with it: no quotation index


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


class QuoteSidebar(OptionList):
    """Lists quotations; moving posts `Highlighted`, enter posts `Chosen`.
    Option ids are indexes into the article's full list of quotations, also when it is narrowed."""

    BINDINGS = [
        Binding("enter", "select", "Jump to quotation", id="main.jump"),
        # What the footer shows while the sidebar has the focus (the screen does the work).
        Binding("h", "screen.highlight", "Highlight", id="main.highlight"),
        Binding("y", "screen.copy", "Copy", id="main.copy"),
        Binding("c", "screen.correct_speaker", "Correct", id="main.correct_speaker"),
        *moving_keys(MAIN_IDS),  # an OptionList takes the arrows itself
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a quotation."""

        index: int

    @dataclass
    class Chosen(Message):
        """The user asked to jump to a quotation."""

        index: int

    _filling = 0  # bumped by every `show_quotations`: batches of an older one are dropped

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
        elsewhere = elsewhere or {}
        keep = self.highlighted_index
        self._filling += 1
        tail: list[Option | None] = []  # listed after every quotation
        if not items:
            empty = "No quotation matches the search (f: show all)" if narrowed else "No direct quotations"
            tail += [Option(Content.styled(empty, "italic $text-muted"), disabled=True), None]
        for correction in detached:
            tail += [Option(detached_prompt(correction), id=f"{DETACHED_ID}:{correction.id}", disabled=True), None]
        if not items:
            tail = tail[:-1]  # as ever, a divider after each quotation
        # The quotation under the cursor is listed at once, with those before it.
        first = len(items) if len(items) <= AT_ONCE else max(
            FIRST_BATCH, next((at + 1 for at, (index, _q) in enumerate(items) if index == keep), 0))
        options = self._quotation_options(items[:first], highlights, listed, elsewhere)
        self.set_options(options + tail if first >= len(items) else options)
        self.border_title = f"Quotes · {len(items)} of {total} matching" if narrowed else f"Quotes · {total}"
        if hidden:
            self.border_title += f" · {hidden} hidden"
        if items and keep is not None:
            self.highlight_index(keep)
        if len(items) > first:
            self.set_timer(LATER_SECONDS, partial(self._add_more, self._filling, items[first:], highlights, listed,
                                                  tail, elsewhere))

    def _add_more(self, filling: int, rest: list[tuple[int, Quotation]], highlights: dict[tuple[int, int], Highlight],
                  listed: list[CorrectedQuotation] | None, tail: list[Option | None],
                  elsewhere: dict[tuple[int, int], QuotationMark]) -> None:
        if filling != self._filling:
            return  # another article, or the same one shown again
        options = self._quotation_options(rest[:BATCH], highlights, listed, elsewhere)
        self.add_options(options if len(rest) > BATCH else options + tail)
        if len(rest) > BATCH:
            self.set_timer(0.02, partial(self._add_more, filling, rest[BATCH:], highlights, listed, tail, elsewhere))

    @staticmethod
    def _quotation_options(items: list[tuple[int, Quotation]], highlights: dict[tuple[int, int], Highlight],
                           listed: list[CorrectedQuotation] | None,
                           elsewhere: dict[tuple[int, int], QuotationMark]) -> list[Option | None]:
        options: list[Option | None] = []
        for index, quotation in items:
            span = (quotation.start, quotation.end)
            prompt = quotation_prompt(quotation, highlights.get(span),
                                      listed[index] if listed is not None and index < len(listed) else None,
                                      elsewhere.get(span))
            options += [Option(prompt, id=str(index)), None]  # None: a divider line
        return options

    def show_note(self, note: str) -> None:
        """A line in place of the quotations (before an article is open)."""
        self._filling += 1
        self.set_options([Option(Content.styled(note, "italic $text-muted"), disabled=True)])

    def show_finding(self) -> None:
        self._filling += 1
        self.set_options([Option(Content.styled("Finding the quotations of this long article…",
                                                "italic $text-muted"), disabled=True)])
        self.border_title = "Quotes · finding…"

    def show_failure(self, reason: str) -> None:
        """The quotations of this article could not be found: say why, in place of the list."""
        self._filling += 1
        self.set_options([Option(Content.styled(f"The quotations of this article could not be found: "
                                                f"{printable(reason)}", "italic $text-error"), disabled=True)])
        self.border_title = "Quotes · none found"

    @property
    def highlighted_index(self) -> int | None:
        """The article's quotation index under the cursor."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None and option.id.isdigit() else None

    def highlight_index(self, index: int) -> None:
        try:
            self.highlighted = self.get_option_index(str(index))
        except OptionDoesNotExist:  # narrowed away by the search
            self.highlighted = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None and event.option.id.isdigit():
            self.post_message(self.Highlighted(int(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and event.option.id.isdigit():
            self.post_message(self.Chosen(int(event.option.id)))
