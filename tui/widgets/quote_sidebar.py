"""The quote sidebar: every direct quotation of the open article, with its speaker."""
from __future__ import annotations

from textual.binding import Binding
from textual.content import Content, Span
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store import Quotation

from ..messages import QuotationChosen, QuotationHighlighted

UNKNOWN_SPEAKER = "unattributed"


def quotation_prompt(quotation: Quotation) -> Content:
    speaker = quotation.speaker or UNKNOWN_SPEAKER
    role = f" · {quotation.role}" if quotation.role else ""
    head = speaker + role
    text = f"{head}\n“{quotation.text}”"
    spans = [Span(0, len(speaker), "bold" if quotation.speaker else "italic $text-muted")]
    if role:
        spans.append(Span(len(speaker), len(head), "$text-muted"))
    return Content(text, spans=spans)


class QuoteSidebar(OptionList):
    """Lists quotations; moving posts `QuotationHighlighted`, enter posts `QuotationChosen`."""

    BINDINGS = [
        Binding("enter", "select", "Jump to quotation", show=False, id="jump"),
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g", "first", "Top", show=False, id="top"),
        Binding("G", "last", "Bottom", show=False, id="bottom"),
    ]

    def show_quotations(self, quotations: list[Quotation]) -> None:
        options: list[Option | None] = []
        for i, quotation in enumerate(quotations):
            options += [Option(quotation_prompt(quotation), id=str(i)), None]  # None: a divider line
        self.set_options(options)
        count = len(quotations)
        self.border_title = f"Quotes · {count}"
        if count:
            self.highlighted = None
        else:
            self.add_option(Option(Content.styled("No direct quotations", "italic $text-muted"), disabled=True))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(QuotationHighlighted(int(event.option.id)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(QuotationChosen(int(event.option.id)))
