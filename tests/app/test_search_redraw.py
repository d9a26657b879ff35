"""What a search draws again: the list's lines that change, and nothing else; and the screen a partial frame
draws (`tui.partial_frames`) is the one Textual would draw."""
from __future__ import annotations

from pathlib import Path

import pytest
from textual._compositor import Compositor

from tui import partial_frames

from ..conftest import write_article
from .helpers import indexed, make_app, until

ARTICLES = 40


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    for n in range(ARTICLES):
        topic = "ferry crossing" if n % 2 else "bridge tolls"
        day = f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}"
        write_article(folder, f"{day}_story-{n}.txt",
                      f"date {day} By Coast Wire\n\nStory {n} about the {topic} in the harbour town.\n")
    return folder


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it: the lines Textual keeps drawn, those not drawn again included."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def headlines(article_list, count: int) -> list[str]:
    return [article_list.row_text(index).splitlines()[0][2:] for index in range(count)]


async def search(pilot, screen, text: str) -> None:
    screen.search_bar.input.value = text
    await until(pilot, lambda: screen.search_query is not None and screen.search_query.text == text
                and screen.search_count is not None, f"{text!r} listed and counted")
    await pilot.pause()


def lines_drawn_by(widget) -> list[int]:
    """The lines `widget` draws from now on, in the order it draws them."""
    drawn: list[int] = []
    render_line = widget.render_line

    def counted(y: int):
        drawn.append(y)
        return render_line(y)

    widget.render_line = counted
    return drawn


async def test_the_screen_shows_the_rows_of_each_search_and_of_none(wire: Path, db_path: Path):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        await pilot.press("slash")
        everything = headlines(articles, 5)
        for text, kept_out in (("ferry", "bridge"), ("bridge", "ferry"), ("ferr", "bridge")):
            await search(pilot, screen, text)
            shown = "\n".join(screen_lines(app))
            assert all(headline[:20] in shown for headline in headlines(articles, 5)), (shown, headlines(articles, 5))
            assert "Story" in shown and not any(f"about the {kept_out}" in line for line in screen_lines(app))
        screen.search_bar.input.value = ""
        await until(pilot, lambda: articles.row_count == ARTICLES, "every article listed again")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert headlines(articles, 5) == everything and all(headline[:20] in shown for headline in everything)


async def test_a_search_that_keeps_the_rows_on_screen_draws_none_of_them_again(wire: Path, db_path: Path):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        await pilot.press("slash")
        await search(pilot, screen, "ferr")
        before = headlines(articles, articles.row_count)
        drawn = lines_drawn_by(articles)
        await search(pilot, screen, "ferry")  # the same articles: only the title and the count change
        assert headlines(articles, articles.row_count) == before
        # the cursor's row alone, put back on the first (on a busy machine the title and the count may come in two
        # frames, each drawing it)
        assert set(drawn) <= set(range(articles.ROW_HEIGHT))
        assert any(f"20 of {ARTICLES} match" in line for line in screen_lines(app))


async def test_a_partial_frame_draws_the_lines_textual_would(wire: Path, db_path: Path):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash")
        await search(pilot, screen, "ferry")
        compositor = app.screen._compositor
        list_region = screen.article_list.region
        crops = [screen.search_bar.region, list_region, list_region.crop_size((list_region.width, 3)),
                 list_region.translate((0, 5)).intersection(compositor.size.region)]
        for crop in crops:
            lines = set(crop.line_range)
            ours = compositor._render_chops(crop, lines.__contains__)
            Compositor._get_renders = partial_frames._get_renders  # Textual's own
            try:
                textual = compositor._render_chops(crop, lines.__contains__)
            finally:
                Compositor._get_renders = partial_frames._get_renders_of_lines
            for y in lines:
                assert {cut: strip.text for cut, strip in ours[y].items() if strip is not None} == {
                    cut: strip.text for cut, strip in textual[y].items() if strip is not None}
                assert [list(strip) for strip in ours[y].values() if strip is not None] == [
                    list(strip) for strip in textual[y].values() if strip is not None]


async def test_a_cursor_move_draws_the_two_rows_it_leaves_and_lands_on(wire: Path, db_path: Path):
    app = make_app([wire], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        articles.focus()
        articles.highlighted = 0
        await pilot.pause()
        drawn = lines_drawn_by(articles)
        await pilot.pause()
        await until(pilot, lambda: not drawn or drawn.clear(), "nothing left to draw")  # a relist, say
        drawn.clear()
        await pilot.press("down")
        await pilot.pause()
        assert articles.highlighted == 1
        assert sorted(set(drawn)) == [0, 1, 2, 3]  # two lines a row (in one frame or more)
        cursor_style = articles.get_visual_style("article-list--cursor").rich_style
        assert any(segment.style == cursor_style for segment in articles.render_line(2))
        assert not any(segment.style == cursor_style for segment in articles.render_line(0))
