"""The main screen's feed-reader habits: the next and previous article or unread one, read marks (one, or every
listed article after asking), the list's order, and the open article's URL and file handed to other programs.
Mixed into `MainScreen`, whose corpus, state and article list it uses."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from store.search.fts5 import SORTS

from ..corpus import CorpusRows
from ..feedback import tell_change

if TYPE_CHECKING:
    from store.listing import ArticleView


class FeedReading:
    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def _step_article(self, step: int) -> None:
        count = self.article_list.row_count
        if not count:
            return
        # From the article asked for last, which may still be on its way.
        shown = self.opening or self.open_article
        current = shown.id if shown else self.article_list.highlighted_id
        position = self.article_list.index_of(current)
        index = 0 if position is None else max(0, min(count - 1, position + step))
        self.article_list.highlighted = index
        meta = self.article_list.article_at(index)
        if meta is not None:
            self.open(meta)

    def action_next_unread(self) -> None:
        self._step_unread(1)

    def action_previous_unread(self) -> None:
        self._step_unread(-1)

    def _step_unread(self, step: int) -> None:
        """Open the next (previous) unread article of the list: after the highlighted row when the list has the
        focus, else after the open article; before any is open, from the highlighted row on."""
        shown = self.opening or self.open_article
        current = self.article_list.highlighted_id if self.article_list.has_focus or shown is None else shown.id
        position = self.article_list.index_of(current)
        index = (-1 if step > 0 else self.article_list.row_count) if position is None else position
        if shown is None and position is not None:
            index -= step  # the highlighted row itself may be the one
        while 0 <= (index := index + step) < self.article_list.row_count:
            meta = self.article_list.article_at(index)
            if meta is not None and not self.state.is_read(meta.id):
                self.article_list.highlighted = index
                self.open(meta)
                return
        self.notify(f"No unread article {'below' if step > 0 else 'above'} this one in the list.", timeout=3)

    def action_mark_all_read(self) -> None:
        """Mark every listed article read (a search's results, or the whole corpus), once the user says so."""
        count = self.article_list.row_count
        if not count or self.corpus.library is None:
            self.notify("No article is listed.", timeout=3)
            return
        from ..dialogs.confirm import ConfirmDialog

        listed = "the article listed" if count == 1 else f"the {count:,} articles listed"
        if self.query_text:
            listed += " (the search's results)"
        view = self.article_list.rows.view if isinstance(self.article_list.rows, CorpusRows) else None
        self.app.push_screen(ConfirmDialog(f"Mark {listed} read?"),
                             lambda yes: self._mark_all_read(view) if yes and view is not None else None)

    def _mark_all_read(self, view: ArticleView) -> None:
        ids = view.ids(self.corpus.library.connection)
        with self.state.batch():  # one write for them all
            for article_id in ids:
                self.state.set_read(article_id, True)
        self._unread = self.corpus.unread(self.state.read_article_ids())
        self._list_generation += 1
        self.article_list.refresh()
        self._update_counts()
        tell_change(self, f"Marked {len(ids):,} read", read_only=self.state.read_only)

    def action_cycle_sort(self) -> None:
        """By date, by source, most quoted first, and again; the cursor stays on its article."""
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.refresh_list()
        self.notify(f"Sorted by {self.sort}", timeout=2)

    def action_toggle_read(self) -> None:
        if self.article_list.has_focus or self.open_article is None:
            highlighted = self.article_list.highlighted
            article = self.article_list.article_at(highlighted) if highlighted is not None else None
        else:
            article = self.open_article
        if article is not None:
            read = not self.state.is_read(article.id)
            self.set_read(article, read)
            tell_change(self, "Marked read" if read else "Marked unread", quiet=True, read_only=self.state.read_only)

    # other programs --------------------------------------------------------------------------------
    def action_open_url(self) -> None:
        article = self.open_article
        if article is not None and article.url_refused:  # dropped when the file was read: nothing to hand over
            self.notify("Not opened: this article's link was refused as unsafe (only http and https addresses go "
                        "to the browser).", severity="warning", timeout=5)
            return
        if article is None or not article.url:
            self.notify("This article has no URL.", timeout=3)
            return
        self.app.open_url(article.url)

    def action_edit(self) -> None:
        article = self.open_article
        if article is None:
            self.notify("Open an article first.", timeout=3)
            return
        from ..launch import editor_command, run_editor

        command = editor_command(str(article.path))
        try:
            with self.app.suspend():
                returncode = run_editor(str(article.path))
        except SuspendNotSupported:  # no terminal to hand over (e.g. a test): run it alongside
            returncode = run_editor(str(article.path))
        except OSError as exc:
            self.notify(f"Could not start {command[0]}: {exc.strerror or exc}", severity="error", markup=False)
            return
        if returncode:
            self.notify(f"{command[0]} exited with status {returncode}.", severity="warning", markup=False)
        meta = self.corpus.article(article.id)
        if meta is not None:
            self.open(meta)  # show the file as it is now; a change is noticed and re-indexed
