"""The first screen is the article list alone, painted from the corpus database; the reader, the quote sidebar, the
search field, the progress line and the footer are mounted just after it. Keys typed before they are there are
neither lost nor sent to a pane that does not exist yet: they act, in order, once the screen is whole."""
from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.widgets import Footer

from store.library import Library
from tui.screens.main import MainScreen
from tui.widgets.quote_sidebar import QuoteSidebar
from tui.widgets.reader import Reader
from tui.widgets.search_bar import SearchBar

from .helpers import indexed, make_app, opened, row_texts
from .test_typed_ahead import CHARACTERS, settled


def indexed_before_launch(corpus: Path) -> None:
    """The corpus database made beforehand, as by an earlier launch: the first screen lists its rows at once."""
    library = Library([corpus])
    library.sync(workers=1)
    library.close()


def before_the_panes(monkeypatch, do) -> None:
    """Run `do(screen)` on the first screen as painted, before the rest is mounted."""
    mount_panes = MainScreen._mount_panes

    async def first_then_panes(screen: MainScreen) -> None:
        do(screen)
        await mount_panes(screen)

    monkeypatch.setattr(MainScreen, "_mount_panes", first_then_panes)


def typed_ahead(monkeypatch, *keys: str | events.Event) -> None:
    """Keys (names, or events such as a paste) that reach the app after its first paint, before the rest of the
    main screen is mounted: it is mounted once the app has taken them from its queue."""
    mount_panes = MainScreen._mount_panes

    async def keys_then_panes(screen: MainScreen) -> None:
        app = screen.app
        for key in keys:
            event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)) if isinstance(key, str) else key
            event.set_sender(app)
            app.post_message(event)
        while not app._message_queue.empty():  # taken by the app: held, or handled as they come
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.001)  # the last one's turn ends
        await mount_panes(screen)

    monkeypatch.setattr(MainScreen, "_mount_panes", keys_then_panes)


async def test_the_list_is_painted_alone_at_its_width_then_the_panes_come(corpus: Path, db_path: Path,
                                                                         monkeypatch):
    indexed_before_launch(corpus)
    first: dict = {}

    def look(screen: MainScreen) -> None:
        first["widgets"] = {type(widget) for widget in screen.query("*")}
        first["rows"] = screen.article_list.row_count
        first["title"] = str(screen.article_list.border_title)
        first["width"] = screen.article_list.outer_size.width

    before_the_panes(monkeypatch, look)
    app = make_app([corpus], db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await indexed(pilot)
        assert first["rows"] == 4 and "4 unread of 4" in first["title"]
        assert not first["widgets"] & {Reader, QuoteSidebar, SearchBar, Footer}
        assert screen.article_list.outer_size.width == first["width"]  # the list did not move
        assert screen.reader.display and screen.sidebar.display and screen.query_one(Footer)
        assert app.focused is screen.article_list


async def test_keys_typed_before_the_panes_are_mounted_act_once_they_are(corpus: Path, db_path: Path,
                                                                        monkeypatch):
    indexed_before_launch(corpus)
    typed_ahead(monkeypatch, "j", "j", "enter")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await indexed(pilot)
        await settled(pilot, lambda: screen.open_article is not None, "the article opened")
        await opened(pilot)
        assert screen.open_article.title in row_texts(screen.article_list)[2]  # two rows down, then opened
        assert screen.article_list.highlighted == 2 and app.focused is screen.article_list
        assert not app._notifications


async def test_tab_typed_before_the_reader_is_mounted_goes_to_it(corpus: Path, db_path: Path, monkeypatch):
    indexed_before_launch(corpus)
    typed_ahead(monkeypatch, "tab")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await indexed(pilot)
        await settled(pilot, lambda: app.focused is screen.reader, "the focus on the reader")


async def test_a_search_typed_and_pasted_before_the_panes_are_mounted_is_run(corpus: Path, db_path: Path,
                                                                           monkeypatch):
    indexed_before_launch(corpus)
    typed_ahead(monkeypatch, "slash", events.Paste("harb"), "o", "u", "r")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await indexed(pilot)
        await settled(pilot, lambda: screen.search_bar.value == "harbour", "the text in the search field")
        await settled(pilot, lambda: "1 of 4 match" in str(screen.article_list.border_title), "the search run")
        assert not app._exception
