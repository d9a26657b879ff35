"""Asking who said a quotation: the reader's correction of its speaker."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.text import fold
from store.text import printable

from ..widgets.footer import Footer
from ..workers import ReportsFailures, background
from .confirm import KeyHint

RESET_ID = "reset"
MOST_SUGGESTIONS = 40  # of each kind, as typed so far: the field's completion knows every name


@dataclass(frozen=True)
class SpeakerAnswer:
    """What the reader answered: a speaker (None: unknown), or back to the engine's answer."""

    speaker: str | None
    reset: bool = False


class SpeakerDialog(ReportsFailures, ModalScreen[SpeakerAnswer | None]):
    """Dismisses with the speaker typed or chosen on enter (empty: unknown), the engine's answer on ctrl+r or its
    "reset" choice, None on escape. Suggestions: the people of the article, then the corpus' speakers, both found
    in a worker (`people` and `speakers` are called there) and narrowed as the reader types."""

    CSS_PATH = "dialogs.tcss"
    AUTO_FOCUS = "#speaker-input"
    BINDINGS = [
        # Priority: the field and the suggestions would take enter, and then the footer could not show it.
        Binding("enter", "save", "Save", priority=True, id="speaker_dialog.save"),
        Binding("ctrl+r", "reset", "The engine's answer", id="speaker_dialog.reset"),
        Binding("down", "to_suggestions", "Suggestions", key_display="↓", id="speaker_dialog.suggestions"),
        Binding("escape", "cancel", "Cancel", id="speaker_dialog.cancel"),
    ]

    def __init__(self, subject: str, current: str | None, said: str, *, people: Callable[[], list[str]],
                 speakers: Callable[[], list[str]], engine_answer: str | None = None) -> None:
        """`subject`: the quotation; `current`: its speaker now; `said`: one line on where that speaker comes from;
        `engine_answer`: what ctrl+r returns to, offered as a choice (None: nothing to return to)."""
        super().__init__()
        self.subject = printable(subject)
        self.current = printable(current or "")
        self.said = printable(said)
        self.engine_answer = engine_answer
        self.people_of = people
        self.speakers_of = speakers
        self.people: list[str] = []
        self.speakers: list[str] = []
        self.found = False
        self.shown: list[str] = []  # the names of the suggestion options, by their ids

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Who said it?"
            yield Static(Content.styled(f"“{self.subject}”", "italic $text-muted"),
                         classes="dialog-detail dialog-subject")
            yield Static(Content(self.said), classes="dialog-detail")
            yield Input(self.current, placeholder="The speaker (empty: unknown)", id="speaker-input")
            yield OptionList(id="speaker-suggestions")
            yield KeyHint(("enter", "save"), ("empty", "unknown"), ("↓", "suggestions"), ("ctrl+r", "engine's answer"),
                          ("esc", "cancel"))
        yield Footer()

    def on_mount(self) -> None:
        self.fit_suggestions()
        self.show_suggestions("")
        self.find_names()

    def on_resize(self) -> None:
        self.fit_suggestions()

    def fit_suggestions(self) -> None:
        """The suggestions take at most a quarter of the terminal's height (12 rows), so that the keys under them
        stay in sight at 24 rows. Set here: a `vh` height in the style made the dialog as tall as the screen."""
        self.suggestions.styles.max_height = max(3, min(12, self.app.size.height // 4))

    @property
    def field(self) -> Input:
        return self.query_one("#speaker-input", Input)

    @property
    def suggestions(self) -> OptionList:
        return self.query_one("#speaker-suggestions", OptionList)

    @background("Finding speakers to suggest", group="speaker-suggestions", exclusive=True)
    def find_names(self) -> None:
        people = self.people_of()
        known = {fold(name) for name in people}
        speakers = [name for name in self.speakers_of() if fold(name) not in known]
        self.app.call_from_thread(self._names_found, people, speakers)

    def _names_found(self, people: list[str], speakers: list[str]) -> None:
        self.people, self.speakers, self.found = people, speakers, True
        self.field.suggester = SuggestFromList(people + speakers, case_sensitive=False)
        self.show_suggestions(self.field.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_suggestions(event.value)

    def show_suggestions(self, typed: str) -> None:
        """The reset choice, then the names that contain what was typed (all of them before anything was)."""
        wanted = "" if typed == self.current else fold(typed.strip())
        options: list[Option] = []
        if self.engine_answer is not None:
            answer = printable(self.engine_answer) or "unattributed"
            options.append(Option(Content.assemble(("↺ ", "bold"), f"reset: the engine's answer, {answer}"),
                                  id=RESET_ID))
        self.shown = []
        for title, names in (("In this article", self.people), ("In the corpus", self.speakers)):
            matching = [name for name in names if wanted in fold(name)][:MOST_SUGGESTIONS]
            if matching:
                options.append(Option(Content.styled(title, "bold $text-muted"), disabled=True))
            for name in matching:
                options.append(Option(Content(f"  {printable(name)}"), id=str(len(self.shown))))
                self.shown.append(name)
        if not self.found:
            options.append(Option(Content.styled("Finding speakers…", "italic $text-muted"), disabled=True))
        self.suggestions.set_options(options)

    def action_save(self) -> None:
        """The suggestion under the cursor when the suggestions have focus, else the name typed."""
        if self.suggestions.has_focus:
            self.suggestions.action_select()
        else:
            self.dismiss(SpeakerAnswer(self.field.value.strip() or None))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == RESET_ID:
            self.action_reset()
        elif event.option.id is not None:
            self.dismiss(SpeakerAnswer(self.shown[int(event.option.id)]))

    def action_to_suggestions(self) -> None:
        if self.suggestions.option_count:
            self.suggestions.focus()
            if self.suggestions.highlighted is None:
                self.suggestions.action_first()

    def action_reset(self) -> None:
        self.dismiss(SpeakerAnswer(None, reset=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
