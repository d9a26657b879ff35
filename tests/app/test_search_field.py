"""The search field and its hint as the user types: each key redraws what changed and lays nothing else out (the
list would jump, and the screen be laid out again, on every key), and the field still scrolls to its cursor."""
from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.geometry import Region

from tui.widgets.search_bar import SearchBar

from .helpers import indexed, make_app, until


def count_layouts(screen) -> list[object]:
    """Every layout of `screen` from now on, appended as it happens."""
    layouts: list[object] = []
    screen.screen_layout_refresh_signal.subscribe(screen, layouts.append, immediate=True)
    return layouts


async def test_typing_on_lays_nothing_out_and_the_field_keeps_its_cursor_in_view(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        field = screen.search_bar.input
        await pilot.press("slash", "z", "z")
        await until(pilot, lambda: screen.search_query is not None and screen.search_query.text == "zz", "no match")
        layouts = count_layouts(screen)
        # Nothing matches still: the list says so again and the hint is the same; only the field changes.
        typed = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
        await pilot.press(*typed)
        await until(pilot, lambda: screen.search_query.text == "zz" + typed, "the last search shown")
        assert layouts == []
        assert field.value == "zz" + typed and len(field.value) > field.content_region.width
        # Scrolled to the end: the width it scrolls through is the text's and the cursor's after it.
        assert field.max_scroll_x == len(field.value) + 1 - field.content_region.width
        assert field.scroll_x == field.max_scroll_x
        await pilot.press("home")
        assert field.scroll_x == 0 and field.cursor_screen_offset == field.content_region.offset


class HintApp(App):
    CSS = "SearchBar { width: 40; }"

    def compose(self) -> ComposeResult:
        yield SearchBar()


def hint_line(bar: SearchBar) -> tuple[str, int]:
    hint = bar.query_one("#search-hint")
    return str(hint.render()), hint.size.height


async def test_the_hint_stays_one_line_whatever_the_count():
    app = HintApp()
    async with app.run_test(size=(80, 10)) as pilot:
        bar = app.query_one(SearchBar)
        bar.show_count("counting…")
        await pilot.pause()
        assert hint_line(bar) == ("counting… · enter: list · esc: clear", 1)
        layouts = count_layouts(app.screen)
        bar.show_count("12,345 articles so far (indexing)")  # the count alone fits
        await pilot.pause()
        assert hint_line(bar) == ("12,345 articles so far (indexing)", 1)
        bar.show_count("12,345 articles")  # too long with the keys' whole help: their short form
        await pilot.pause()
        assert hint_line(bar) == ("12,345 articles · ⏎ list · esc clear", 1)
        assert layouts == []
        bar.styles.width = 24  # narrower: the hint is fitted again
        await pilot.pause()
        assert hint_line(bar) == ("12,345 articles", 1)


async def test_a_new_count_in_the_list_title_redraws_the_title_not_the_rows(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        unread = articles.row_count
        assert f"{unread} unread of" in articles.border_title
        await pilot.pause()
        drawn: list[int] = []
        draw = articles.render_line
        articles.render_line = lambda y: drawn.append(y) or draw(y)
        await pilot.press("enter")  # opens the first article, which is marked read
        await until(pilot, lambda: f"{unread - 1} unread of" in articles.border_title, "the count updated")
        await until(pilot, lambda: screen.open_article is not None, "the article open")
        await pilot.pause()
        # The top line as drawn says the new count; of the rows, only the one marked read was drawn again.
        top = articles.render_lines(Region(0, 0, articles.outer_size.width, 1))[0].text
        assert f"{unread - 1} unread of" in top
        assert drawn and set(drawn) <= {0, 1}
