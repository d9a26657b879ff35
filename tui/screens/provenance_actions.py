"""The main screen's provenance actions: the marks of the open article's quotations (read in the worker that
opens it, and again when the corpus was grouped or a correction counted), `p` for the provenance view of a
quotation, the list of changed quotations, and opening an occurrence chosen in either at its quotation.
Mixed into `MainScreen`, whose corpus, reader, sidebar and `reveal` it uses."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..workers import background

if TYPE_CHECKING:
    from store.model import Article
    from store.provenance.reader import ArticleProvenance

Target = tuple[str, int, int]  # (article id, start, end) of an occurrence


class ProvenanceActions:
    _provenance: ArticleProvenance | None = None  # of the open article's quotations, read with them

    def _first_seen(self, article: Article, start: int, end: int) -> dict[str, str | None]:
        """Where the quotation holding `start`-`end` was first seen, when it was printed more than once: the
        highlight's `first_seen_*` fields (its group as the open article's provenance was read with it)."""
        quotation = self._quotation_holding(article, start, end)
        provenance = self._provenance_of(article)
        mark = provenance.marks.get((quotation.start, quotation.end)) if quotation and provenance else None
        first = self.corpus.first_seen(mark.group_id) if mark is not None else None
        return {"first_seen_source": first.source, "first_seen_date": first.date} if first is not None else {}

    @background("Reading where the quotations were printed", group="provenance", exclusive=True)
    def reread_provenance(self, article_id: str) -> None:
        self._provenance_read(article_id, self.corpus.provenance(article_id))

    def _provenance_read(self, article_id: str, provenance: ArticleProvenance | None) -> None:
        """From a worker: show the provenance read again for the article, if it is still the open one."""
        def show() -> None:
            if self.open_article is not None and self.open_article.id == article_id:
                self._provenance = provenance
                self.refresh_sidebar()

        self.app.call_from_thread(show)

    def _provenance_of(self, article: Article) -> ArticleProvenance | None:
        provenance = self._provenance
        return provenance if provenance is not None and provenance.article_id == article.id else None

    def action_provenance(self) -> None:
        """Every place the quotation was printed, oldest first, and how the later versions differ."""
        target = self._quotation_to_act_on("p")
        if target is None:
            return
        article, _, item = target
        span = (item.quotation.start, item.quotation.end)
        provenance = self._provenance_of(article)
        group = provenance.groups.get(span) if provenance is not None else None
        if group is None:
            if provenance is None or not provenance.grouped:
                self.notify("This article's quotations are not grouped yet: they will be once the corpus is read.",
                            timeout=4)
            else:
                self.notify("This quotation is not grouped yet (a correction is being counted).", timeout=4)
            return
        self.show_provenance(group, (article.id, *span))

    def show_provenance(self, group_id: int, at: Target | None = None) -> None:
        from .provenance import ProvenanceScreen, group_loader

        self.save_position()
        self.app.push_screen(ProvenanceScreen(group_loader(self.corpus.connect, group_id), at),
                             self.open_occurrence)

    def action_changed_quotations(self) -> None:
        """Every quotation reworded or given to another speaker somewhere in the corpus."""
        if self.corpus.library is None:
            return
        from .changed import ChangedScreen

        self.save_position()
        self.app.push_screen(ChangedScreen(self.corpus.connect, grouping=self.corpus.indexing), self.open_occurrence)

    def open_occurrence(self, target: Target | None) -> None:
        """Open the article of an occurrence chosen in the provenance view, at that quotation."""
        meta = self.corpus.article(target[0]) if target else None
        if target is not None and meta is None:
            self.notify("That article is no longer in the corpus.", severity="warning", timeout=4)
        if meta is None:
            return
        _, start, end = target
        self.reveal(meta, at=start, then=lambda: self._select_span(start, end))

    def _select_span(self, start: int, end: int) -> None:
        """Put the reader's and the sidebar's cursor on the listed quotation at `start`-`end`."""
        article = self.open_article
        quotations = self.quotations(article) if article is not None else []
        index = next((i for i, q in enumerate(quotations) if q.start < end and start < q.end), None)
        if index is not None:
            self.reader.select_quotation(index)
            self.sidebar.highlight_index(index)
