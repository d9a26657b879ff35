"""The data layer stays free of the UI, and the headless commands never pay for importing it."""
from __future__ import annotations

import subprocess
import sys

from ..conftest import PROJECT


def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in out.stdout.split()}


def test_store_imports_neither_textual_nor_rich():
    loaded = modules_loaded_by("import store, store.corpus, store.formats, store.quotes, store.state")
    assert "textual" not in loaded and "rich" not in loaded


def test_store_sources_do_not_mention_ui_libraries():
    for path in (PROJECT / "store").rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            assert not stripped.startswith(("import textual", "from textual", "import rich", "from rich")), path
