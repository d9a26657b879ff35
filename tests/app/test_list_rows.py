"""The article list while a search changes its rows under it: the cursor, the scroll position and the scrollbar
follow the rows listed, from the first page shown to every match counted, and back to the whole list."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.listing import PAGE

from ..conftest import write_article
from .helpers import indexed, make_app, until

ARTICLES = 150
FERRIES = 100  # more than a page of matches: shown first, counted after


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    for n in range(ARTICLES):
        topic = "ferry crossing" if n < FERRIES else "bridge tolls"
        day = f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}"
        extra = " The lighthouse stood dark." if n in (3, 40, 77) else ""
        write_article(folder, f"{day}_story-{n}.txt",
                      f"date {day} By Coast Wire\n\nStory {n} about the {topic} in the harbour town.{extra}\n")
    return folder


def at_the_bottom(article_list) -> bool:
    """Scrolled to the end, and the end is the last row: the height to scroll through is the rows'."""
    visible = article_list.scrollable_content_region.height
    rows = article_list.row_count * 2
    return (article_list.max_scroll_y == rows - visible + (rows - visible) % 2
            and round(article_list.scroll_y) == article_list.max_scroll_y)


def last_row_drawn(article_list) -> bool:
    """The last row's headline is among the lines drawn at the bottom of the list."""
    headline = article_list.row_text(article_list.row_count - 1).splitlines()[0][2:]
    height = article_list.scrollable_content_region.height
    return any(headline[:20] in article_list.render_line(y).text for y in range(height - 4, height))


async def test_cursor_and_scroll_follow_the_rows_a_search_lists(wire: Path, db_path: Path):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        assert articles.row_count == ARTICLES and articles.show_vertical_scrollbar
        await pilot.press("end")
        assert articles.highlighted == ARTICLES - 1 and at_the_bottom(articles) and last_row_drawn(articles)

        # More matches than a page: the first page is listed, then all of them once counted.
        await pilot.press("slash", *"ferry")
        await until(pilot, lambda: articles.border_title == f"Articles · {FERRIES} of {ARTICLES} match",
                    "the matches counted")
        assert FERRIES > PAGE and articles.row_count == FERRIES
        assert articles.highlighted == 0 and articles.scroll_y == 0 and articles.show_vertical_scrollbar
        await pilot.press("enter", "end")  # to the list, then its last row: past the first page
        assert articles.highlighted == FERRIES - 1 and at_the_bottom(articles) and last_row_drawn(articles)

        # Fewer rows than the list has room for: back to the top, no scrollbar, nothing to scroll.
        await pilot.press("slash", *" lighthouse")
        await until(pilot, lambda: articles.border_title == f"Articles · 3 of {ARTICLES} match", "three listed")
        assert articles.row_count == 3 and articles.highlighted == 0
        assert articles.scroll_y == 0 and articles.max_scroll_y == 0 and not articles.show_vertical_scrollbar
        await pilot.press("enter", "end")
        assert articles.highlighted == 2 and articles.scroll_y == 0

        # And back to every article, from the top, the whole list reachable again.
        await pilot.press("escape")
        await until(pilot, lambda: articles.row_count == ARTICLES, "the whole list back")
        assert articles.highlighted == 0 and articles.scroll_y == 0 and articles.show_vertical_scrollbar
        await pilot.press("end")
        assert articles.highlighted == ARTICLES - 1 and at_the_bottom(articles) and last_row_drawn(articles)


@pytest.mark.parametrize("height", [44, 45])  # one of them leaves the list an odd number of lines
async def test_moving_down_the_list_never_leaves_half_a_row_at_the_top(wire: Path, db_path: Path, height: int):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, height)) as pilot:
        screen = await indexed(pilot)
        article_list = screen.article_list
        article_list.focus()
        lines = article_list.scrollable_content_region.height
        await pilot.press("g")
        for _ in range(lines):  # past the bottom of the pane, far from the end of the list
            await pilot.press("j")
        cursor = lines * 2  # the cursor's row's first line

        def cursor_row_whole() -> bool:  # the list scrolls after the cursor has moved, once the frame is laid out
            top = round(article_list.scroll_y)
            return article_list.highlighted == lines and top <= cursor and cursor + 2 <= top + lines

        await until(pilot, cursor_row_whole, "the cursor moved down and its row scrolled into view")
        assert article_list.scroll_y > 0
        top = round(article_list.scroll_y)
        assert top % 2 == 0, f"the top line is a row's date alone ({lines} lines)"


@pytest.mark.parametrize("height", [31, 32])  # one of them leaves the list an odd number of lines
async def test_the_list_never_shows_half_a_row_at_its_bottom(wire: Path, db_path: Path, height: int):
    """A pane of an odd height showed a headline without its date as its last line, at the top of the list, at its
    end and wherever the scrollbar left it."""
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, height)) as pilot:
        screen = await indexed(pilot)
        article_list = screen.article_list
        article_list.focus()
        lines = article_list.scrollable_content_region.height

        def only_whole_rows() -> None:
            drawn = [article_list.render_line(y).text.strip() for y in range(lines)]
            top = round(article_list.scroll_y)
            assert top % 2 == 0, "the top line is a row's date alone"
            dates = [line for line in drawn if line.startswith("2024-")]
            headlines = [line for line in drawn if line.startswith("●") or line.startswith("Story")]
            assert len(headlines) == len(dates) == lines // 2, drawn
            assert all(line == "" for line in drawn[lines - lines % 2:])

        only_whole_rows()
        await pilot.press("G")
        await until(pilot, lambda: article_list.highlighted == ARTICLES - 1, "the cursor at the end")
        only_whole_rows()
        assert last_row_drawn(article_list)
        for y in (7, 13, 0):  # where the scrollbar, dragged, takes it
            article_list.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            only_whole_rows()
        await pilot.press("g")
        for _ in range(lines):
            await pilot.press("j")
        only_whole_rows()
        cursor = article_list.highlighted * 2 - round(article_list.scroll_y)
        assert 0 <= cursor and cursor + 2 <= lines - lines % 2  # the cursor's row is whole on screen


async def test_showing_the_quote_sidebar_leaves_no_sideways_scrollbar_over_the_list(wire: Path, db_path: Path):
    """Below 120 columns `"` shows the sidebar and the list narrows: a horizontal scrollbar then covered the list's
    last line (the date of the row at the bottom)."""
    app = make_app([wire], db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await indexed(pilot)
        screen.article_list.focus()
        await pilot.press("G", "enter")
        await until(pilot, lambda: screen.open_article is not None, "the last article open")
        for _ in range(2):
            await pilot.press("quotation_mark")
            await pilot.pause()
            assert not screen.article_list.show_horizontal_scrollbar
            assert screen.article_list.scrollable_content_region.height == screen.article_list.content_region.height


async def test_a_first_reading_of_the_corpus_leaves_the_cursor_on_the_newest_article(wire: Path, db_path: Path):
    """The cursor kept to the first article listed while the files were read (the oldest, read first), and the
    list ended scrolled to it at the bottom."""
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        article_list = screen.article_list
        assert article_list.row_count == ARTICLES
        assert article_list.highlighted == 0 and article_list.scroll_y == 0
        assert article_list.article_at(0).date == max(article_list.article_at(i).date for i in range(ARTICLES))


async def test_a_click_on_either_line_of_a_row_chooses_that_row(wire: Path, db_path: Path):
    """A click was placed one line too low (the border counted as a line of the list): on a row's date it opened
    the article below, on the top border the first one."""
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        article_list = screen.article_list
        for line, row in ((1, 0), (2, 0), (3, 1), (4, 1), (6, 2)):  # widget lines: the border is line 0
            await pilot.click(article_list, offset=(5, line))
            await until(pilot, lambda: article_list.highlighted == row and screen.opening is None,
                        f"row {row} chosen")
            assert screen.open_article.title == article_list.article_at(row).title
        await pilot.click(article_list, offset=(5, 0))  # the border: nothing
        await pilot.pause()
        assert article_list.highlighted == 2
