"""The data layer stays free of the UI, and the headless commands never pay for importing it."""
from __future__ import annotations

import subprocess
import sys

from ..conftest import PROJECT


def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def store_modules() -> list[str]:
    """Every module of the store package, found by walking its folders."""
    modules = []
    for path in sorted((PROJECT / "store").rglob("*.py")):
        parts = path.relative_to(PROJECT).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_store_imports_neither_textual_nor_rich():
    modules = store_modules()
    assert {"store", "store.quotes.engine", "store.state", "store.search.query", "store.provenance.db_store"} <= set(modules)
    loaded = modules_loaded_by("; ".join(f"import {module}" for module in modules))
    assert "textual" not in loaded and "rich" not in loaded


def test_store_sources_do_not_mention_ui_libraries():
    for path in (PROJECT / "store").rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("import textual", "from textual", "import rich", "from rich")), path


def all_modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_first_screen_loads_nothing_it_does_not_show():
    """What the first paint does not need is imported later: the quotation engine, the query language, the
    speaker tables, feeds and web pages, the palette's providers, the other screens, the search field."""
    loaded = all_modules_loaded_by("import tui.app")
    for module in ("store.quotes.engine", "store.quotes.cast", "store.search.query", "store.speakers.table",
                   "store.sources.feeds", "store.sources.webpage", "store.indexing", "store.sources.formats",
                   "tui.commands", "tui.screens.speakers",
                   "tui.screens.highlights", "tui.widgets.search_bar", "tui.widgets.progress", "feedparser",
                   "regex"):
        assert module not in loaded, module
    assert "textual.app" in loaded


def test_quotedesk_search_loads_neither_the_ui_nor_the_parsers():
    loaded = all_modules_loaded_by("import tui.cli, store.library, store.search.fts5, store.search.query, "
                                   "store.freshness")
    # Nor what costs a small search a sixth of its time: making dataclasses, and typing.
    for module in ("textual", "rich", "store.quotes.engine", "store.sources.formats", "store.state", "tinydb",
                   "store.model", "dataclasses", "typing"):
        assert module not in loaded, module
