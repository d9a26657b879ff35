"""The list's orders (date, source, most quoted), asked of the corpus database a page at a time by key."""
from __future__ import annotations

from pathlib import Path

import pytest

from store import corpus_db
from store.library import Library
from store.listing import PAGE, ArticleView
from store.search import parse_query
from store.search.plan import compile_query

from ..conftest import write_article

SOURCES = ["Harbor Press", "caspian Wire", "Meridian News", None]


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Library:
    """More articles than three pages, with sources (one in four without) and 0-4 quotations each."""
    folder = tmp_path_factory.mktemp("many")
    for n in range(PAGE * 3 + 5):
        source = SOURCES[n % 4]
        quotes = "\n\n".join(f"“Line {k} of story {n} is said here,” Ada Novak said." for k in range(n % 5))
        head = f"date 2020-01-{n % 28 + 1:02d} By {source}\n\n" if source else f"Story number {n} about ships\n\n"
        write_article(folder, f"story{n:03d}.txt", f"{head}The story {n} about ships begins here.\n\n{quotes}\n")
    library = Library([folder], tmp_path_factory.mktemp("cache"))
    library.sync(workers=1)
    return library


def every_row(view: ArticleView, connection, order: range) -> list[str]:
    rows = {index: view.row(connection, index) for index in order}
    return [rows[index].id for index in range(view.count)]


def expected(library: Library, sort: str) -> list[str]:
    connection = library.connection
    rows = [(number, article_id, source, len(corpus_db.unpack_quotations(packed)) if packed else 0)
            for number, article_id, source, packed in connection.execute(
                "SELECT a.num, a.id, a.source, q.packed FROM articles a "
                "LEFT JOIN article_quotations q ON q.article = a.num")]
    keys = {
        "date": lambda row: (row[0],),
        "source": lambda row: (row[2] is None, (row[2] or "").lower(), row[0]),
        "most quoted": lambda row: (-row[3], row[0]),
    }[sort]
    return [row[1] for row in sorted(rows, key=keys)]


@pytest.mark.parametrize("sort", ["date", "source", "most quoted"])
def test_every_order_pages_forwards_and_backwards_by_key(library: Library, sort: str):
    want = expected(library, sort)
    connection = library.connection
    forwards = library.view(sort=sort)
    assert every_row(forwards, connection, range(forwards.count)) == want
    backwards = library.view(sort=sort)  # a jump to the end, then up: pages found by key before a known one
    assert every_row(backwards, connection, range(backwards.count - 1, -1, -1)) == want
    for index in (0, PAGE - 1, PAGE, len(want) - 1):  # where an article is, in a fresh view
        assert library.view(sort=sort).index_of(connection, library.reader.number_of(want[index])) == index
    counts = [len(corpus_db.unpack_quotations(packed))
              for (packed,) in connection.execute("SELECT packed FROM article_quotations")]
    assert len(set(counts)) > 1  # the orders differ on this corpus
    if sort != "date":
        assert want != expected(library, "date")


def test_a_search_is_sorted_too(library: Library):
    connection = library.connection
    plan = compile_query(parse_query("ships"))
    view = ArticleView.of(connection, plan, sort="source")
    sources = [view.row(connection, index).source for index in range(view.count)]
    named = [s for s in sources if s]
    assert named == sorted(named, key=str.lower) and sources[-1] is None and view.count == PAGE * 3 + 5
    assert len(view.ids(connection)) == view.count


@pytest.mark.parametrize("sort", ["date", "source"])
def test_a_search_as_typed_lists_its_first_page_and_counts_the_rest_when_asked(library: Library, sort: str):
    connection = library.connection
    plan = compile_query(parse_query("ships"))
    first = ArticleView.of(connection, plan, sort=sort, count=False)
    assert first.count is None and len(first) == PAGE  # a full first page: more may follow, not counted yet
    whole = ArticleView.of(connection, plan, sort=sort)
    assert [first.row(connection, i).id for i in range(PAGE)] == [whole.row(connection, i).id for i in range(PAGE)]
    assert first.row(connection, PAGE) is None  # nothing past the first page until counted
    assert first.counted(connection) == whole.count == PAGE * 3 + 5 == len(first)
    assert every_row(first, connection, range(first.count)) == every_row(whole, connection, range(whole.count))
    few = ArticleView.of(connection, compile_query(parse_query('"story 7 about"')), sort=sort, count=False)
    assert few.count == len(few) == 1  # a page that is not full is the whole count
