"""The main screen's highlights: h on the reader's selection or the sidebar's quotation, 1-4 to colour the current
one, a for its note, y to copy with a citation, and H for the highlights view, whose choice is opened here.
Mixed into `MainScreen`, whose state, reader and sidebar it uses."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from store.model import Highlight
from store.text import printable

from ..feedback import tell_change

if TYPE_CHECKING:
    from store.model import Article, Quotation


class HighlightActions:
    def _highlight_of_quotation(self, index: int | None) -> Highlight | None:
        if self.open_article is None or index is None:
            return None
        quotation = self.quotations(self.open_article)[index]
        for highlight in self.state.highlights_for(self.open_article.id):
            if (highlight.start, highlight.end) == (quotation.start, quotation.end):
                return highlight
        return None

    def action_highlight(self) -> None:
        """Highlight the mouse selection in the reader, else toggle the quotation under the sidebar cursor."""
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            self._add_highlight(article, start, end, self._speaker_at(article, start, end))
            self.screen.clear_selection()
            return
        index = self.sidebar.highlighted_index
        if index is None:
            self.notify("Select a quotation in the sidebar or some text in the reader, then press h.", timeout=4)
            return
        existing = self._highlight_of_quotation(index)
        if existing is not None:
            self.state.delete_highlight(existing.id)
            self.current_highlight = None
            tell_change(self, "Highlight removed", read_only=self.state.read_only)
        else:
            quotation = self.quotations(article)[index]
            self._add_highlight(article, quotation.start, quotation.end, quotation.speaker)
        self._refresh_highlights()

    def _quotation_holding(self, article: Article, start: int, end: int) -> Quotation | None:
        return next((q for q in self.quotations(article) if q.start <= start and end <= q.end), None)

    def _speaker_at(self, article: Article, start: int, end: int) -> str | None:
        quotation = self._quotation_holding(article, start, end)
        return quotation.speaker if quotation else None

    def _add_highlight(self, article: Article, start: int, end: int, speaker: str | None) -> None:
        import uuid  # with `platform`, which it imports: a few milliseconds the first screen does without

        highlight = Highlight(
            id=uuid.uuid4().hex[:12],
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            created=datetime.now().astimezone().isoformat(timespec="seconds"),
            speaker=speaker,
            title=article.headline,
            source=article.source,
            date=article.date,
            path=str(article.path),
            author=article.author,
            url=article.url,
            **self._first_seen(article, start, end),
        )
        self.state.add_highlight(highlight)
        self.current_highlight = highlight.id
        self._refresh_highlights()
        tell_change(self, "Highlighted: 1-4 colour, a note, y copy", read_only=self.state.read_only)

    def _refresh_highlights(self) -> None:
        if self.open_article is not None:
            self.reader.update_marks(highlights=self.state.highlights_for(self.open_article.id))
            self.refresh_sidebar()

    def _current_highlight(self) -> Highlight | None:
        highlight = self.state.highlight(self.current_highlight) if self.current_highlight else None
        if highlight is None:
            self.notify("No highlight selected: press h on a quotation or a selection first.", timeout=4)
        return highlight

    def action_color(self, color: int) -> None:
        highlight = self._current_highlight()
        if highlight is not None:
            self.state.update_highlight(replace(highlight, color=color))
            self._refresh_highlights()
            tell_change(self, f"Colour {color}", quiet=True, read_only=self.state.read_only)

    def action_note(self) -> None:
        highlight = self._current_highlight()
        if highlight is None:
            return

        def save(note: str | None) -> None:
            if note is not None:
                self.state.update_highlight(replace(highlight, note=note.strip()))
                self._refresh_highlights()
                tell_change(self, "Note saved" if note.strip() else "Note cleared", read_only=self.state.read_only)

        from ..dialogs.note import NoteDialog

        self.app.push_screen(NoteDialog(highlight.note, highlight.text), save)

    def action_copy(self) -> None:
        article = self.open_article
        if article is None:
            return
        selected = self.reader.selected_range()
        if selected is not None:
            start, end = selected
            text, quotation = article.text[start:end], self._quotation_holding(article, start, end)
        elif self.sidebar.highlighted_index is not None:
            quotation = self.quotations(article)[self.sidebar.highlighted_index]
            text = quotation.text
        elif (highlight := self.state.highlight(self.current_highlight) if self.current_highlight else None):
            text, quotation = highlight.text, self._quotation_holding(article, highlight.start, highlight.end)
        else:
            # Not "no highlight selected": a selection or a quotation is copied as well as a highlight.
            where = "in the sidebar" if self.sidebar.display else "in the sidebar (\" shows it: narrow windows hide it)"
            self.notify(f"Nothing to copy: select words in the reader or choose a quotation {where}, then press y.",
                        timeout=4, markup=False)
            return
        from store.export import clipboard_text

        self.app.copy_to_clipboard(clipboard_text(text, quotation.speaker if quotation else None, article.headline,
                                                  article.source, article.date, article.url,
                                                  quotation=quotation is not None))
        self.notify("Copied with its citation.", timeout=2)

    def action_highlights(self) -> None:
        self.save_position()

        def opened(highlight: Highlight | None) -> None:
            if highlight is None:
                self._refresh_highlights()
                return
            article = self.corpus.article(highlight.article_id)
            if article is None:
                self.notify(f"That article is not in the open corpus: {printable(highlight.path)}", markup=False,
                            severity="warning")
                return
            self.reveal(article, at=highlight.start, then=lambda: self._select_highlight(highlight.id))

        from .highlights import HighlightsScreen

        self.app.push_screen(HighlightsScreen(self.state), opened)

    def _select_highlight(self, highlight_id: str) -> None:
        """Make the highlight current (1-4, a and y act on it), once its article is shown."""
        self.current_highlight = highlight_id
        highlight = self.state.highlight(highlight_id)
        if highlight is not None and highlight.detached:
            self.notify("This highlight's text is no longer in the article; it is kept, detached.",
                        severity="warning", timeout=5)
        elif highlight is not None:  # where opening placed it: the text may have moved since the list was shown
            self.reader.scroll_to_offset(highlight.start, to_top=True)
