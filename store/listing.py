"""The article list as the screen sees it: every article, or a search's results, asked of the database a page
at a time. Only the pages near the rows on screen are held, so the list costs the same at 100 articles and at
100,000.

Pages are fetched by key: the page after a known one continues from its last article's number, the page before
from its first one's; a page far from any known one (a jump to the end) is found by position."""
from __future__ import annotations

import sqlite3
from collections import OrderedDict

from .corpus_db import article_meta
from .model import ArticleMeta
from .search.fts5 import SORTS, ArticleQuery, Marks
from .search.plan import SearchPlan

PAGE = 64
KEPT_PAGES = 16  # about 1,000 rows: several screens either way


class ArticleView:
    """The articles a plan selects, in list order (newest first, or by one of `SORTS`). `count` is None until the
    articles are counted (`counted`); meanwhile the view holds the rows of its first page. Rows are read when
    asked for. Not tied to a connection: the caller passes the one of its thread."""

    def __init__(self, query: ArticleQuery, count: int | None) -> None:
        self.query = query
        self.count = count
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()  # page number -> rows, most recent last

    @classmethod
    def of(cls, connection: sqlite3.Connection, plan: SearchPlan | None = None, marks: Marks = Marks(),
           *, first_page: bool = True, sort: str = "date", count: bool = True) -> ArticleView:
        """The view of `plan` (every article when None) in `sort` order (a key of `SORTS`), counted, with its
        first page read (a worker thread can do both, and hand the view to the screen). With `count=False`, only
        the first page is read (a search as the user types shows it at once; counting every match of a common
        word takes longer): the view is counted by that page when it is not full, else later by `counted`."""
        query = ArticleQuery(plan or SearchPlan(), marks, sort)
        if not count:
            view = cls(query, None)
            rows = view._page(connection, 0)
            if len(rows) < PAGE:
                view.count = len(rows)
            return view
        view = cls(query, query.count(connection))
        if first_page and view.count:
            view._page(connection, 0)
        return view

    def counted(self, connection: sqlite3.Connection) -> int:
        """The number of articles of the view, counted now if it was not known."""
        if self.count is None:
            self.count = self.query.count(connection)
        return self.count

    def __len__(self) -> int:
        """How many rows can be shown: every article once counted, else those of the first page."""
        return self.count if self.count is not None else len(self._pages.get(0, ()))

    def row(self, connection: sqlite3.Connection, index: int) -> ArticleMeta | None:
        if not 0 <= index < len(self):
            return None
        rows = self._page(connection, index // PAGE)
        at = index % PAGE
        return article_meta(rows[at]) if at < len(rows) else None

    def ids(self, connection: sqlite3.Connection) -> list[str]:
        """The ids of every article of the view (for marking them all read)."""
        return [row[1] for row in self.query.rows(connection, None, -1, columns="a.num, a.id")]

    def cached_row(self, index: int) -> ArticleMeta | None:
        """The row if its page was read already (no database access)."""
        rows = self._pages.get(index // PAGE)
        at = index % PAGE
        return article_meta(rows[at]) if rows is not None and at < len(rows) else None

    def index_of(self, connection: sqlite3.Connection, number: int | None) -> int | None:
        """Where the article with this number is in the list; None when the view does not hold it."""
        if number is None:
            return None
        for page, rows in self._pages.items():
            for at, row in enumerate(rows):
                if row[0] == number:
                    return page * PAGE + at
        return self.query.position(connection, number)

    def _page(self, connection: sqlite3.Connection, page: int) -> list[tuple]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        before, after = self._pages.get(page - 1), self._pages.get(page + 1)
        if before:  # continue from the page above: no rows are skipped over
            rows = self.query.rows(connection, self.query.key_of(before[-1]), PAGE)
        elif after:
            rows = self.query.rows(connection, self.query.key_of(after[0]), PAGE, backwards=True)[::-1]
        else:
            rows = self.query.rows(connection, None, PAGE, offset=page * PAGE)
        self._pages[page] = rows
        while len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return rows
