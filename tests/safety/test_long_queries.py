"""A pasted page of text in the search field: the search runs off the UI thread, a newer text interrupts it and
its results are never shown, and a thousand repeated or implied terms fold into a few."""
from __future__ import annotations

import threading
from pathlib import Path

import store.search
from store import State
from store.search import parse_query
from store.search.plan import compile_query
from tui.app import QuotedeskApp

from ..app.helpers import indexed

PASTE = " ".join(["harbour"] * 1500)  # 10,500 characters that match one article of the test corpus


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_a_pasted_query_is_searched_off_the_ui_thread_and_a_newer_one_wins(corpus: Path, db_path: Path,
                                                                                  monkeypatch):
    import tui.screens.main as main_module

    real_parse = store.search.parse_query
    calls: list[tuple[str, bool, threading.Event]] = []  # (text, on the UI thread, released)

    def held_parse(text: str):
        release = threading.Event()
        on_ui_thread = threading.current_thread() is threading.main_thread()
        calls.append((text, on_ui_thread, release))
        if len(text) > 1000 and not on_ui_thread:
            release.wait(30)  # held until the test lets it go; never on the UI thread (that would hang the test)
        return real_parse(text)

    monkeypatch.setattr(store.search, "parse_query", held_parse)
    monkeypatch.setattr(main_module, "parse_query", held_parse, raising=False)  # where a screen binds it itself

    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash")
        field = screen.search_bar.input
        field.value = PASTE
        await wait_for(pilot, lambda: any(len(text) > 1000 for text, _ui, _r in calls), "the search started")
        assert not any(on_ui for text, on_ui, _r in calls if len(text) > 1000), "searched on the UI thread"

        # The first search is held: the UI still takes keys, and a newer text starts a newer search.
        await pilot.press("end", *" zzzz")
        assert field.value == PASTE + " zzzz"
        await wait_for(pilot, lambda: any(text.endswith("zzzz") for text, _ui, _r in calls), "the newer search")
        newer = next(release for text, _ui, release in calls if text.endswith("zzzz"))
        newer.set()
        await wait_for(pilot, lambda: screen.article_list.border_title == "Articles · 0 of 4 match",
                       "the newer search's results")
        for _text, _ui, release in calls:  # now the older one finishes: its results must not be shown
            release.set()
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "search"),
                       "every search done")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.article_list.border_title == "Articles · 0 of 4 match"
        assert screen.search_query is not None and screen.search_query.text == PASTE + " zzzz"


def test_ten_thousand_characters_of_repeated_or_implied_words_are_a_few_terms():
    query = parse_query(" ".join(["minister", "min", "mini", "Minister", "MINISTER", "ministér"] * 300))
    assert len(" ".join(query.words)) < 100
    plan = compile_query(query)
    assert [clause.term.words for clause in plan.required] == [("minister",)]


async def test_the_statement_of_an_older_text_stops_once_a_newer_one_is_typed(corpus: Path, db_path: Path):
    """Even when the newer text came just before the older statement began (`interrupt()` would miss it)."""
    import asyncio

    long_statement = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 300000000) " \
                     "SELECT count(*) FROM r"  # minutes, if nothing stopped it
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        older = screen._search_generation

        def older_search(connection):
            screen._search_generation += 1  # typed now: the older text's statement has not begun yet
            return connection.execute(long_statement).fetchone()

        assert await asyncio.to_thread(screen._on_search_connection, older, older_search) is None
        assert not app._notifications  # stopped, not failed
