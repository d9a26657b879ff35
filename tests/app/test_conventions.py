"""Config, keymap, themes, the command palette, and handing files and URLs to other programs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from store import State
from store.config import Config
from tui.app import QuotedeskApp

from ..conftest import write_article
from .helpers import indexed, loaded, opened, palette_options, recorder, settled, until


async def test_keys_can_be_remapped_by_binding_id(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path), Config(keys={"main.next_article": "x", "nonsense_id": "z"}))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter", "x")
        await opened(pilot)
        assert screen.open_article.date == "2021-04-02"
        assert any("nonsense_id" in n.message for n in app._notifications)


async def test_theme_from_config_then_remembered_when_changed(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path), Config(theme="nord"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await pilot.pause()
        await pilot.press("q")
    app = QuotedeskApp([corpus], State(db_path), Config(theme="nord"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.theme == "gruvbox"


async def test_opening_need_not_mark_read(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path), Config(mark_read_on_open=False))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        assert screen.open_article is not None and not app.state.is_read(screen.open_article.id)


async def test_command_palette_opens_an_article_by_headline(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p", *"rail strk")
        await until(pilot, lambda: palette_options(app), "the palette lists the article")
        await pilot.press("enter")
        await until(pilot, lambda: screen.opening is not None or screen.open_article is not None, "asked to open")
        await opened(pilot)
        assert screen.open_article.title == "Rail strike ends after talks"


async def test_editor_gets_the_file_as_one_argument_never_through_a_shell(tmp_path: Path, db_path: Path, monkeypatch):
    folder = tmp_path / "odd; rm -rf ~ $(x)"
    path = write_article(folder, "a story `x`.txt", "A story\n\nWith a body.\n")
    script, log = recorder(tmp_path, "editor")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script} --wait")
    app = QuotedeskApp([folder], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("e")
        await opened(pilot)  # shown again, as the file is now
        assert json.loads(log.read_text()) == ["--wait", str(path)]
        assert screen.open_article.title == "A story"


async def test_url_goes_to_the_browser_as_one_argument(tmp_path: Path, db_path: Path, monkeypatch):
    url = "https://example.org/story?a=1&b=$(whoami);x"
    write_article(tmp_path / "c", "s.md", f"---\ntitle: Linked\nurl: {url}\n---\n\nBody.\n")
    script, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {script}")
    app = QuotedeskApp([tmp_path / "c"], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("o")
        for _ in range(400):  # a process started on a loaded machine
            if log.exists():
                break
            await pilot.pause(0.05)
        assert json.loads(log.read_text()) == [url]


async def test_s_opens_the_speaker_view_and_escape_closes_it(corpus: Path, db_path: Path):
    from tui.screens.speakers import SpeakersScreen

    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SpeakersScreen)
        await until(pilot, lambda: app.screen.speakers, "the speakers listed")
        await settled(pilot)
        names = [stats.name for stats in app.screen.speakers]
        assert {"Marta Lindqvist", "Petter Holm", "Anna Berg", "Karl Ostrom", "Ines Duarte"} <= set(names)
        await pilot.press("escape")
        assert app.screen is screen


async def test_command_palette_jumps_to_a_speaker(corpus: Path, db_path: Path):
    from tui.screens.speakers import SpeakersScreen

    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("ctrl+p", *"petter")
        await until(pilot, lambda: palette_options(app), "the palette lists the speaker")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SpeakersScreen) and app.screen.listed is not None,
                    "the speaker's quotations listed")
        assert isinstance(app.screen, SpeakersScreen)
        assert app.screen.listed is not None and app.screen.listed.name == "Petter Holm"
        await pilot.press("enter")  # the first of his quotations
        await until(pilot, lambda: app.screen is screen, "back on the main screen")
        await opened(pilot)
        assert app.screen is screen and screen.open_article.title.startswith("The harbour board")


async def test_a_view_opened_the_first_time_does_not_restyle_the_app(corpus: Path, db_path: Path):
    """Every screen's and dialog's stylesheet is read as the app starts: read at a screen's first push, it would have
    Textual parse the whole stylesheet again and style every widget again (a third of the highlights view's first
    opening)."""
    from tui.screens.highlights import HighlightsScreen
    from tui.screens.speakers import SpeakersScreen

    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        for stylesheet in sorted(Path(sys.modules[QuotedeskApp.__module__].__file__).parent.rglob("*.tcss")):
            assert app.stylesheet.has_source(str(stylesheet.resolve()), ""), f"{stylesheet} not read at launch"
        reparsed = []
        reparse = app.stylesheet.reparse
        app.stylesheet.reparse = lambda: (reparsed.append(app.screen), reparse())[1]
        for key, view in (("H", HighlightsScreen), ("s", SpeakersScreen)):
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, view), f"{view.__name__} opened")
            await settled(pilot)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is screen, "back on the main screen")
        assert reparsed == []
