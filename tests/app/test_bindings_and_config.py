"""Keys a person can discover and remap, and a configuration whose problems are told once, with their lines."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding

import tui
from store import State
from store.config import load_config
from tui.app import QuotedeskApp
from tui.bindings import PLACES, RENAMED, binding_reference, configured_keymap, reference_markdown
from tui.screens.help import HelpScreen

from ..conftest import PROJECT
from .helpers import loaded, opened


def _config(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, explicit=True)


def test_the_readme_lists_every_binding_id_as_the_app_has_them():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- binding-ids -->\n(.*?)<!-- /binding-ids -->", readme, re.S)
    assert listed is not None, "the README has no generated list of binding ids"
    assert listed.group(1) == reference_markdown(QuotedeskApp), "run: python -m tui.bindings (and paste it)"


def test_the_reference_holds_every_binding_with_an_id_in_the_app():
    declared = set()
    for module_info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                declared |= {b.id for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id}
    listed = {info.id for info in binding_reference(QuotedeskApp)}
    assert declared == listed
    assert {"speakers.back", "confirm_dialog.yes", "export_dialog.submit", "note_dialog.cancel",
            "note_dialog.save"} <= listed


async def test_config_problems_are_one_notice_with_lines_and_the_nearest_theme(corpus: Path, db_path: Path,
                                                                              tmp_path: Path):
    config = _config(tmp_path, 'theme = "gruvbx"\ncolour = 3\n[keys]\nmain.next_article = "n"\nnonsense = "z"\n')
    app = QuotedeskApp([corpus], State(db_path), config)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        notices = [n for n in app._notifications if (n.title or "").startswith("Configuration")]
        assert len(notices) == 1
        [notice] = notices
        assert notice.title == "Configuration: 4 problems"
        lines = notice.message.split("\n")
        assert len(lines) == 4
        assert any("line 1" in line and "'gruvbox'" in line for line in lines)
        assert not any("nord" in line for line in lines)  # the nearest theme, not every theme
        assert any("line 2" in line and "colour" in line for line in lines)
        assert any("line 5" in line and "nonsense" in line for line in lines)
        [clash] = [line for line in lines if "line 4" in line]
        assert "main.next_article" in clash and "main.next_match" in clash


async def test_a_remapping_that_clashes_with_nothing_is_no_problem(corpus: Path, db_path: Path, tmp_path: Path):
    config = _config(tmp_path, '[keys]\nmain.next_article = "n"\nmain.next_match = "m"\n')
    app = QuotedeskApp([corpus], State(db_path), config)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert not [n for n in app._notifications if (n.title or "").startswith("Configuration")]


async def test_the_help_screen_shows_each_bindings_id_beside_its_key(corpus: Path, db_path: Path, tmp_path: Path):
    app = QuotedeskApp([corpus], State(db_path), _config(tmp_path, '[keys]\nmain.next_article = "ctrl+n"\n'))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen._table().plain
        assert re.search(r"(\^n|ctrl\+n)\s+Next article\s+\(main\.next_article\)", shown)
        assert re.search(r"Highlight\s+\(main\.highlight\)", shown)


async def test_an_old_binding_id_still_remaps_and_the_notice_names_the_new_one(corpus: Path, db_path: Path,
                                                                               tmp_path: Path):
    app = QuotedeskApp([corpus], State(db_path), _config(tmp_path, '[keys]\nnext_article = "ctrl+n"\n'))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter", "ctrl+n")
        await opened(pilot)
        assert screen.open_article.date == "2021-04-02"  # ctrl+n went to the next article
        [notice] = [n for n in app._notifications if (n.title or "").startswith("Configuration")]
        assert notice.title == "Configuration: 1 problem"
        assert "line 2" in notice.message and "next_article is now main.next_article" in notice.message


def test_old_ids_dotted_or_not_map_to_their_new_ids_and_a_new_id_wins_over_its_old_one(tmp_path: Path):
    config = _config(tmp_path, '[keys]\nconfirm.yes = "j"\nnote.save = "ctrl+s"\nnote_dialog.save = "ctrl+w"\n'
                               'close_help = "x"\n')
    keymap, problems = configured_keymap(QuotedeskApp, config)
    assert keymap == {"confirm_dialog.yes": "j", "note_dialog.save": "ctrl+w", "help.close": "x"}
    assert len(problems) == 3
    assert any("line 2" in p and "confirm.yes is now confirm_dialog.yes" in p for p in problems)
    assert any("line 3" in p and "note.save is now note_dialog.save" in p for p in problems)
    assert any("line 5" in p and "close_help is now help.close" in p for p in problems)


def test_every_old_id_names_a_binding_there_is_and_none_is_in_use_again():
    current = {info.id for info in binding_reference(QuotedeskApp)}
    assert set(RENAMED.values()) <= current
    assert not set(RENAMED) & current


def _declared_bindings() -> dict[type, list]:
    """Each class of the app with bindings of its own, and those bindings."""
    found: dict[type, list] = {}
    for module_info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and cls.__dict__.get("BINDINGS"):
                found[cls] = list(cls.__dict__["BINDINGS"])
    return found


def test_every_binding_has_an_id_that_names_its_screen_then_its_action():
    """`screen.action`: a screen's prefix is its class's name in snake_case, without "Screen" (`MainScreen`:
    main, `NoteDialog`: note_dialog); a widget's is its screen's; the app's own keys are `app.`."""
    screen_of = {cls: chain[0] for _, chain in PLACES for cls in chain}
    screen_of[QuotedeskApp] = QuotedeskApp
    declared = _declared_bindings()
    assert declared.keys() <= screen_of.keys(), "a class with bindings that no place in tui.bindings.PLACES names"
    for cls, bindings in declared.items():
        screen = screen_of[cls]
        prefix = "app" if screen is QuotedeskApp else re.sub(r"(?<!^)(?=[A-Z])", "_",
                                                               screen.__name__.removesuffix("Screen")).lower()
        for binding in bindings:
            assert isinstance(binding, Binding) and binding.id, f"{cls.__name__}: a binding without an id"
            assert re.fullmatch(rf"{prefix}\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*", binding.id), \
                f"{cls.__name__}: {binding.id!r} is not {prefix}.action"
