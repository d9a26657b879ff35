"""The main screen's corrections, where the reader has the last word: the open article's quotations as listed (the
engine's, the corrections applied), w for why a speaker was chosen, c to correct it, x to hide a quotation (or
restore it), X to list the hidden ones, + to add one the engine missed; each correction is counted in the corpus
database at once. Mixed into `MainScreen`, whose corpus, state, reader and sidebar it uses."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from store.corrections import (
    CorrectedQuotation,
    CorrectionsByArticle,
    addition,
    apply_corrections,
    article_people,
    detached,
    explain_corrected,
    hiding,
    highlight_speakers,
    selected_quotation,
    speaker_correction,
)
from store.model import Article, Correction, Quotation
from store.text import printable

from ..feedback import tell_change
from ..workers import background

if TYPE_CHECKING:
    from ..dialogs.speaker import SpeakerAnswer
    from ..widgets.reader import ReaderMarks

SUGGESTED_SPEAKERS = 5000  # the corpus' most quoted speakers offered when a speaker is corrected


@dataclass(frozen=True)
class Listing:
    """The open article's quotations as listed: the engine's, the reader's corrections applied."""

    made_of: tuple  # (the engine's quotations, the corrections' version, hidden ones shown): what it was made from
    every: list[CorrectedQuotation]  # hidden ones too
    items: list[CorrectedQuotation]  # hidden ones only while they are shown
    quotations: list[Quotation]  # the items' quotations: what the sidebar, the reader, y and h act on
    detached: list[Correction]  # corrections whose text is gone from the article
    hidden: int  # how many the reader hid


def make_listing(article: Article, found: tuple[str, list[Quotation]] | None, corrections: list[Correction],
                 version: int, show_hidden: bool) -> Listing:
    """The listing of `article`'s quotations `found` (the article's id and the engine's quotations) with the
    reader's `corrections` (at the corrections' `version`) applied. A long article's thousands are listed in the
    worker that read them, from a copy of its corrections (`CorrectionActions.listing_basis`)."""
    every = apply_corrections(article.text, found[1] if found else [], corrections, include_hidden=True)
    items = every if show_hidden else [item for item in every if item.hidden is None]
    return Listing((found, version, show_hidden), every, items, [item.quotation for item in items],
                   detached(corrections), sum(1 for item in every if item.hidden is not None))


@dataclass(frozen=True)
class ListingBasis:
    """What an article's listing is made from besides its quotations, copied on the UI thread for a worker: the
    article's corrections, their version, whether hidden ones are listed, and the reader's marks."""

    article: Article
    corrections: list[Correction]
    version: int
    show_hidden: bool
    marks: ReaderMarks


class CorrectionActions:
    show_hidden = False  # the quotations the reader hid are listed too (marked), so that x can restore them
    _listing: Listing | None = None

    def listing(self, article: Article) -> Listing:
        """The open article's quotations with the reader's corrections applied (`store.corrections`), made again
        only when the quotations, the corrections or `show_hidden` changed."""
        found = self._quotations if self._quotations is not None and self._quotations[0] == article.id else None
        made_of = (found, self.state.corrections_version, self.show_hidden)
        listing = self._listing
        if listing is None or listing.made_of[0] is not found or listing.made_of[1:] != made_of[1:]:
            corrections = self.state.corrections_of(article, self.corpus.known_ids(article)) if found else []
            listing = self._listing = make_listing(article, found, corrections, *made_of[1:])
        return listing

    def listing_basis(self, article: Article) -> ListingBasis:
        """A copy of what the article's listing is made from, for the worker that lists its quotations."""
        corrections = self.state.corrections_of(article, self.corpus.known_ids(article))
        return ListingBasis(article, corrections, self.state.corrections_version, self.show_hidden,
                            replace(self.reader.marks))

    def _quotation_to_act_on(self, key: str) -> tuple[Article, int, CorrectedQuotation] | None:
        """The quotation `w`, `c` and `x` act on: the one holding the reader's selection, else the one under the
        sidebar's cursor; None, said, when there is none."""
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return None
        if self._finding:
            self.notify("The quotations of this article are still being found.", timeout=3)
            return None
        items = self.listing(article).items
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            index = next((i for i, item in enumerate(items)
                          if item.quotation.start < end and start < item.quotation.end), None)
            if index is None:
                self.notify("The selection is in no listed quotation (+ adds it as one).", timeout=4)
                return None
        else:
            index = self.sidebar.highlighted_index
            if index is None or index >= len(items):
                where = ("in the sidebar" if self.sidebar.display
                         else "in the sidebar (\" shows it: narrow windows hide it)")
                self.notify(f"Choose a quotation {where} (or select its words in the reader), then press {key}.",
                            timeout=4, markup=False)
                return None
        return article, index, items[index]

    def action_why(self) -> None:
        """Mark the cue and the words naming the speaker in the reader, and say how the speaker was found."""
        target = self._quotation_to_act_on("w")
        if target is None:
            return
        article, index, item = target
        engine = item.engine
        self.reader.select_quotation(index)
        self.sidebar.highlight_index(index)
        if engine is not None:
            cue = (engine.cue_start, engine.cue_end) if engine.cue_start is not None else None
            mention = (engine.mention_start, engine.mention_end) if engine.mention_start is not None else None
            self.reader.show_evidence(cue, mention)
        self.notify(printable(explain_corrected(item, article.text)), title="Why this speaker", markup=False,
                    timeout=12)

    def action_correct_speaker(self) -> None:
        """Ask who said the quotation: the reader's answer wins over the engine's everywhere."""
        target = self._quotation_to_act_on("c")
        if target is None:
            return
        article, _, item = target
        said = explain_corrected(item, article.text)
        # The engine's answer is offered back only to a speaker the reader changed (ctrl+r says so otherwise).
        answer = item.extracted_speaker or "" if item.correction is not None and not item.added else None
        self._ask_speaker(article, item.quotation.text, item.quotation.speaker, said, answer,
                          lambda reply: self._speaker_answered(article, item, reply))

    def _ask_speaker(self, article: Article, subject: str, current: str | None, said: str, engine_answer: str | None,
                     then: Callable[[SpeakerAnswer | None], None]) -> None:
        from ..dialogs.speaker import SpeakerDialog

        engine = self._quotations[1] if self._quotations is not None and self._quotations[0] == article.id else []
        self.app.push_screen(SpeakerDialog(subject, current, said, people=lambda: article_people(article.text, engine),
                                           speakers=self._corpus_speakers(), engine_answer=engine_answer), then)

    def _corpus_speakers(self) -> Callable[[], list[str]]:
        """What suggests the corpus' speakers (called in a worker): the named speakers of the corpus database, most
        quoted first, as far as it is indexed (with the reader's corrections), and the speakers the reader has
        given."""
        corpus = self.corpus
        given = [c.speaker for c in self.state.corrections() if c.speaker]

        def speakers() -> list[str]:
            return list(dict.fromkeys(corpus.named_speakers(SUGGESTED_SPEAKERS) + given))

        return speakers

    def _speaker_answered(self, article: Article, item: CorrectedQuotation, reply: SpeakerAnswer | None) -> None:
        if reply is None or self.open_article is not article:
            return
        if reply.reset and item.added:
            self.notify("A quotation you added has no answer of the engine's to return to (x hides it).", timeout=5)
            return
        correction = None if reply.reset else speaker_correction(article, item, reply.speaker)
        with self.state.batch():
            if correction is not None:
                self.state.save_correction(correction)
                said = f"Speaker: {correction.speaker or 'unknown'}"
            elif item.correction is not None:
                self.state.delete_correction(item.correction.id)
                said = f"Back to the engine's answer: {item.extracted_speaker or 'unattributed'}"
            else:
                self.notify("Unchanged: that is the engine's answer.", timeout=3)
                return
            self._corrections_changed(article, (item.quotation.start, item.quotation.end), said)

    def action_hide_quotation(self) -> None:
        """Say that a listed span is no quotation; on a hidden one (shown with X), take that back."""
        target = self._quotation_to_act_on("x")
        if target is None:
            return
        article, _, item = target
        with self.state.batch():
            if item.hidden is not None:
                self.state.delete_correction(item.hidden.id)
                said = "Restored as a quotation"
            else:
                self.state.save_correction(hiding(article, item))
                said = "Hidden: not a quotation (X lists hidden ones, x restores one)"
            self._corrections_changed(article, (item.quotation.start, item.quotation.end), said)

    def action_toggle_hidden(self) -> None:
        article = self.open_article
        index = self.sidebar.highlighted_index
        quotations = self.quotations(article) if article is not None else []
        at = (quotations[index].start, quotations[index].end) if index is not None and index < len(quotations) else None
        self.show_hidden = not self.show_hidden
        if article is not None:
            self._show_listing(article, at)
        hidden = self.listing(article).hidden if article is not None else 0
        if not self.show_hidden:
            self.notify("Hidden quotations are left out.", timeout=3)
        elif hidden:
            self.notify(f"Hidden quotations are listed, marked ✗ ({hidden} here): x restores one.", timeout=4)
        elif article is None:
            self.notify("Hidden quotations will be listed, marked ✗.", timeout=4)
        else:
            self.notify("Hidden quotations are listed, marked ✗: none in this article.", timeout=4)

    def action_add_quotation(self) -> None:
        """The words selected in the reader are a quotation the engine missed: ask who said it, then list it."""
        article = self.open_article
        selected = self.reader.selected_range() if article is not None else None
        span = selected_quotation(article.text, *selected) if selected is not None else None
        if article is None or span is None:
            self.notify("Select the words of the quotation in the reader with the mouse, then press +.", timeout=4)
            return
        start, end = span
        overlapped = [item for item in self.listing(article).every
                      if item.quotation.start < end and start < item.quotation.end]
        if overlapped and overlapped[0].hidden is not None:
            self.notify("That is a quotation you hid: X lists hidden ones, and x restores one.", timeout=5)
            return
        if overlapped:
            speaker = overlapped[0].quotation.speaker or "unattributed"
            self.notify(f"That is part of a listed quotation ({printable(speaker)}): c corrects its speaker, x hides "
                        "it.", markup=False, timeout=5)
            return

        def answered(reply: SpeakerAnswer | None) -> None:
            if reply is None or self.open_article is not article:
                return
            if reply.reset:
                self.notify("Not added: the engine found no quotation there to return to.", timeout=4)
                return
            with self.state.batch():
                self.state.save_correction(addition(article, start, end, reply.speaker))
                self._corrections_changed(article, span, f"Added a quotation by {reply.speaker or 'someone unknown'}")
            self.screen.clear_selection()

        self._ask_speaker(article, article.text[start:end], None, "A quotation the engine missed.", None, answered)

    def _corrections_changed(self, article: Article, span: tuple[int, int], said: str) -> None:
        """Show what a correction of the quotation at `span` changed, and say it (and that it is not saved, when
        the state is read-only). The highlights of that quotation take its speaker as it is now listed, so that
        their exports agree with the sidebar (`store.corrections.highlight_speakers`)."""
        for highlight in highlight_speakers(self.state.highlights_for(article.id), self.listing(article).every):
            self.state.update_highlight(highlight)
        self._show_listing(article, span)
        if self.corpus.library is not None:
            self.recount(article, CorrectionsByArticle(self.state.corrections()))
        tell_change(self, printable(said), read_only=self.state.read_only)

    @background("Counting the correction", group="recount", exclusive=True)
    def recount(self, article: Article, corrections: CorrectionsByArticle) -> None:
        """Count the article's corrections in the corpus database at once, so that the speaker view and `speaker:`
        search agree with the sidebar; a later correction cancels this one (it carries every correction)."""
        worker = get_current_worker()
        if self.corpus.library.recount(article, corrections, cancelled=lambda: worker.is_cancelled):
            self.app.call_from_thread(self.refresh_list)
            self._provenance_read(article.id, self.corpus.provenance(article.id))

    def _show_listing(self, article: Article, span: tuple[int, int] | None) -> None:
        """Show the article's quotations as now listed in the reader and the sidebar, the cursor on the one at
        `span` when it is listed."""
        quotations = self.quotations(article)
        index = None if span is None else next(
            (i for i, q in enumerate(quotations) if q.start < span[1] and span[0] < q.end), None)
        self.reader.update_marks(quotations=quotations, highlights=self.state.highlights_for(article.id),
                                 selected=index)
        self.refresh_sidebar()
        if index is not None:
            self.sidebar.highlight_index(index)
