"""The quote sidebar: the direct quotations of the open article, with their speakers."""
from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store import Highlight, Quotation

from ..messages import QuotationChosen, QuotationHighlighted
from . import styles

UNKNOWN_SPEAKER = "unattributed"
HIGHLIGHT_MARK = "▌ "
# An OptionList measures every option it is given: a book-length article's thousands of quotations are
# listed a batch at a time, a screenful at once and the rest between frames (an article of up to
# `AT_ONCE` quotations is listed whole).
AT_ONCE = 200
FIRST_BATCH = 24  # a screenful
BATCH = 100
LATER_SECONDS = 0.3  # the rest waits until the article itself is laid out and drawn


def quotation_prompt(quotation: Quotation, highlight: Highlight | None = None) -> Content:
    """Speaker (bold) and role, the quotation; a coloured mark and the note when it is highlighted."""
    mark = HIGHLIGHT_MARK if highlight else ""
    speaker = quotation.speaker or UNKNOWN_SPEAKER
    role = f" · {quotation.role}" if quotation.role else ""
    head = mark + speaker + role
    text = f"{head}\n“{quotation.text}”"
    spans = [Span(len(mark), len(mark) + len(speaker), "bold" if quotation.speaker else "italic $text-muted")]
    if role:
        spans.append(Span(len(mark) + len(speaker), len(head), "$text-muted"))
    if highlight:
        spans.append(Span(0, 1, f"bold {styles.highlight_marker(highlight.color)}"))
        if highlight.note:
            note_start = len(text) + 1
            text += f"\n✎ {highlight.note}"
            spans.append(Span(note_start, len(text), "italic $text-muted"))
    return Content(text, spans=spans)


class QuoteSidebar(OptionList):
    """Lists quotations; moving posts `QuotationHighlighted`, enter posts `QuotationChosen`.
    Option ids are indexes into the article's full list of quotations, also when it is narrowed."""

    BINDINGS = [
        Binding("enter", "select", "Jump to quotation", show=False, id="jump"),
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g", "first", "Top", show=False, id="top"),
        Binding("G", "last", "Bottom", show=False, id="bottom"),
    ]

    _filling = 0  # bumped by every `show_quotations`: batches of an older one are dropped

    def show_quotations(
        self,
        items: list[tuple[int, Quotation]],
        total: int,
        highlights: dict[tuple[int, int], Highlight],
        narrowed: bool = False,
    ) -> None:
        keep = self.highlighted_index
        self._filling += 1
        # The quotation under the cursor is listed at once, with those before it.
        first = len(items) if len(items) <= AT_ONCE else max(
            FIRST_BATCH, next((at + 1 for at, (index, _q) in enumerate(items) if index == keep), 0))
        self.set_options(self._quotation_options(items[:first], highlights))
        self.border_title = f"Quotes · {len(items)} of {total} matching" if narrowed else f"Quotes · {total}"
        if not items:
            empty = "No quotation matches the search (f: show all)" if narrowed else "No direct quotations"
            self.add_option(Option(Content.styled(empty, "italic $text-muted"), disabled=True))
        elif keep is not None:
            self.highlight_index(keep)
        if len(items) > first:
            self.set_timer(LATER_SECONDS, partial(self._add_more, self._filling, items[first:], highlights))

    def _add_more(self, filling: int, rest: list[tuple[int, Quotation]],
                  highlights: dict[tuple[int, int], Highlight]) -> None:
        if filling != self._filling:
            return  # another article, or the same one shown again
        self.add_options(self._quotation_options(rest[:BATCH], highlights))
        if len(rest) > BATCH:
            self.set_timer(0.02, partial(self._add_more, filling, rest[BATCH:], highlights))

    @staticmethod
    def _quotation_options(items: list[tuple[int, Quotation]],
                 highlights: dict[tuple[int, int], Highlight]) -> list[Option | None]:
        options: list[Option | None] = []
        for index, quotation in items:
            prompt = quotation_prompt(quotation, highlights.get((quotation.start, quotation.end)))
            options += [Option(prompt, id=str(index)), None]  # None: a divider line
        return options

    def show_finding(self) -> None:
        self._filling += 1
        self.set_options([Option(Content.styled("Finding the quotations of this long article…",
                                                "italic $text-muted"), disabled=True)])
        self.border_title = "Quotes · finding…"

    @property
    def highlighted_index(self) -> int | None:
        """The article's quotation index under the cursor."""
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def highlight_index(self, index: int) -> None:
        try:
            self.highlighted = self.get_option_index(str(index))
        except OptionDoesNotExist:  # narrowed away by the search
            self.highlighted = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(QuotationHighlighted(int(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(QuotationChosen(int(event.option.id)))
