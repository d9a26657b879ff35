"""The quote sidebar: the direct quotations of the open article, with their speakers."""
from __future__ import annotations

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store import Highlight, Quotation
from store.text import printable

from ..messages import QuotationChosen, QuotationHighlighted
from . import styles

UNKNOWN_SPEAKER = "unattributed"
HIGHLIGHT_MARK = "▌ "


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
            text += f"\n✎ {printable(highlight.note)}"  # from the state file, which anyone may have edited
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

    def show_quotations(
        self,
        items: list[tuple[int, Quotation]],
        total: int,
        highlights: dict[tuple[int, int], Highlight],
        narrowed: bool = False,
    ) -> None:
        keep = self.highlighted_index
        options: list[Option | None] = []
        for index, quotation in items:
            prompt = quotation_prompt(quotation, highlights.get((quotation.start, quotation.end)))
            options += [Option(prompt, id=str(index)), None]  # None: a divider line
        self.set_options(options)
        self.border_title = f"Quotes · {len(items)} of {total} matching" if narrowed else f"Quotes · {total}"
        if not items:
            empty = "No quotation matches the search (f: show all)" if narrowed else "No direct quotations"
            self.add_option(Option(Content.styled(empty, "italic $text-muted"), disabled=True))
        elif keep is not None:
            self.highlight_index(keep)

    def show_finding(self) -> None:
        self.set_options([Option(Content.styled("Finding the quotations of this long article…",
                                                "italic $text-muted"), disabled=True)])
        self.border_title = "Quotes · finding…"

    def show_failure(self, reason: str) -> None:
        """The quotations of this article could not be found: say why, in place of the list."""
        self.set_options([Option(Content.styled(f"The quotations of this article could not be found: "
                                                f"{printable(reason)}", "italic $text-error"), disabled=True)])
        self.border_title = "Quotes · none found"

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
