"""Slow or failing work never holds the app: articles are read and parsed in a worker, a worker that fails is
reported and the app goes on, and quitting never waits for a worker stuck in C code."""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from pathlib import Path

from store import State
from store.library import Library
from tui.app import QuotedeskApp
from tui.screens.help import HelpScreen

from ..app.helpers import indexed, loaded
from .conftest import PROJECT, start_app, wait_for_exit, wait_for_screen


async def until(pilot, condition, what: str, attempts: int = 250):
    for _ in range(attempts):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_reading_a_slow_article_leaves_the_app_responsive(corpus: Path, db_path: Path, monkeypatch):
    import store.sources.article_files as main_module  # the screen reads articles through it

    parsed = threading.Event()
    release = threading.Event()
    real_load = main_module.load_article

    def slow_load(path, entry=None, folder_source=None):  # a page that takes long to parse
        release.wait(10)
        article = real_load(path, entry, folder_source)
        parsed.set()
        return article

    monkeypatch.setattr(main_module, "load_article", slow_load)
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen) and not parsed.is_set()  # the keys work while it parses
        release.set()
        await pilot.press("escape")
        await until(pilot, lambda: screen.open_article is not None, "the article to be shown")
        assert screen.open_article.title == "A quiet election"


async def test_a_failing_quotation_engine_is_reported_on_that_article_and_the_app_goes_on(
        corpus: Path, db_path: Path, monkeypatch):
    import store.quotes.engine

    Library([corpus]).sync(workers=1)  # listed from the database; then the harbour article changes
    harbour = corpus / "wire" / "harbour.txt"
    harbour.write_text(harbour.read_text() + "\nThe dredging starts in May.\n")
    real = store.quotes.engine.extract_quotations

    def strange(text: str):
        if "dredging" in text:
            raise ValueError("the engine met something it cannot handle")
        return real(text)

    monkeypatch.setattr(store.quotes.engine, "extract_quotations", strange)
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await until(pilot, lambda: not screen.indexing or not any(w.is_running for w in app.workers),
                    "the indexing worker to end")
        await pilot.press("j", "enter")  # the harbour article: the engine fails on it
        await until(pilot, lambda: screen.open_article is not None, "the article to be shown")
        assert screen.open_article.title.startswith("The harbour board")
        assert "could not be found" in screen.sidebar.border_title or "none found" in str(screen.sidebar.border_title)
        messages = [n.message for n in app._notifications]
        assert any("The harbour board" in m and "cannot handle" in m for m in messages)
        assert app.is_running
        await pilot.press("k", "enter")  # another article still has its quotations
        await until(pilot, lambda: screen.open_article.title == "A quiet election", "the next article")
        assert [q.speaker for q in screen.quotations(screen.open_article)] == ["Ines Duarte"]


async def test_a_failing_background_worker_is_reported_and_the_app_goes_on(corpus: Path, db_path: Path, monkeypatch):
    import store.quotes.engine

    Library([corpus]).sync(workers=1)  # listed from the database; then a file changes and must be read again
    essay = corpus / "essay.md"
    essay.write_text(essay.read_text() + "\nMore later.\n")

    def broken(text: str):
        raise RuntimeError("indexing broke")

    monkeypatch.setattr(store.quotes.engine, "extract_quotations", broken)  # the corpus's indexing worker fails
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: any("indexing broke" in n.message for n in app._notifications),
                    "the failure to be reported")
        assert app.is_running
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_a_failing_speaker_count_is_reported_and_the_view_stays(corpus: Path, db_path: Path, monkeypatch):
    from store.speakers.table import SpeakerDirectory
    from tui.screens.speakers import SpeakersScreen

    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await indexed(pilot)

        def broken(self, *args, **kwargs):
            raise sqlite3.OperationalError("counting broke")

        monkeypatch.setattr(SpeakerDirectory, "speakers", broken)
        await pilot.press("s")
        await until(pilot, lambda: any("counting broke" in n.message for n in app._notifications),
                    "the failure to be reported")
        assert app.is_running and isinstance(app.screen, SpeakersScreen)


def test_every_worker_is_started_the_one_way():
    """Through `tui.workers.background`: in a thread, never ending the app on failure, the failure reported."""
    for path in (PROJECT / "tui").rglob("*.py"):
        if path.name == "workers.py":  # the one way itself
            continue
        source = path.read_text()
        assert not re.search(r"@work\b|run_worker\(", source), f"{path.name} starts a worker another way"


STUCK_ENGINE = "import time, store.quotes.engine; store.quotes.engine.extract_quotations = lambda text: time.sleep(600)"


def test_quitting_never_waits_for_a_worker_stuck_in_c_code(corpus: Path, tmp_path: Path, tmux):
    """The quotation engine (indexing, and the article being opened) stuck in a C call that no cancellation can
    interrupt: `q` still ends the process at once, and the state is saved."""
    Library([corpus]).sync(workers=1)  # listed from the database; then a file changes and must be read again
    essay = corpus / "essay.md"
    essay.write_text(essay.read_text() + "\nMore later.\n")
    start_app(tmux, tmp_path, str(corpus), python=STUCK_ENGINE)
    wait_for_screen(tmux, lambda s: "unread of 4" in s, "the article list")
    tmux("send-keys", "u")  # a change to save: the newest article marked read
    wait_for_screen(tmux, lambda s: "3 unread of 4" in s, "the read mark")
    # The changed file: its quotations are not in the database and are being found: stuck. (Another article's
    # are in the database: it would open, and be marked read, if it won the race with q.)
    tmux("send-keys", "Enter")
    tmux("send-keys", "q")
    wait_for_exit(tmux, "q with stuck workers")
    saved = json.loads((tmp_path / "db.json").read_text())
    assert [doc["read"] for doc in saved["articles"].values()] == [True]
