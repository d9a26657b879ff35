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
from tui.bindings import binding_reference, reference_markdown
from tui.screens.help import HelpScreen

from ..conftest import PROJECT
from .helpers import loaded


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
    assert {"speakers.back", "confirm.yes", "export.submit", "note.cancel", "note.save"} <= listed


async def test_config_problems_are_one_notice_with_lines_and_the_nearest_theme(corpus: Path, db_path: Path,
                                                                              tmp_path: Path):
    config = _config(tmp_path, 'theme = "gruvbx"\ncolour = 3\n[keys]\nnext_article = "n"\nnonsense = "z"\n')
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
        assert "next_article" in clash and "next_match" in clash


async def test_a_remapping_that_clashes_with_nothing_is_no_problem(corpus: Path, db_path: Path, tmp_path: Path):
    config = _config(tmp_path, '[keys]\nnext_article = "n"\nnext_match = "m"\n')
    app = QuotedeskApp([corpus], State(db_path), config)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert not [n for n in app._notifications if (n.title or "").startswith("Configuration")]


async def test_the_help_screen_shows_each_bindings_id_beside_its_key(corpus: Path, db_path: Path, tmp_path: Path):
    app = QuotedeskApp([corpus], State(db_path), _config(tmp_path, '[keys]\nnext_article = "ctrl+n"\n'))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen._table().plain
        assert re.search(r"(\^n|ctrl\+n)\s+Next article\s+\(next_article\)", shown)
        assert re.search(r"Highlight\s+\(highlight\)", shown)
