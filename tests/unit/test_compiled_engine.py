"""The quotation engine compiled at install is used only while its sources are the ones it was compiled from."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import store.quotes
from store.quotes import engine
from store.quotes.compiled import COMPILED, COMPILED_RECORD, is_compiled, sources_digest, stale_finder

PACKAGE_FOLDER = Path(store.quotes.__file__).parent


def _sources(folder: Path) -> None:
    for name in COMPILED:
        (folder / f"{name}.py").write_text(f"NAME = {name!r}\n", encoding="utf-8")


def test_nothing_compiled_means_the_sources(tmp_path: Path) -> None:
    _sources(tmp_path)
    assert stale_finder("pkg", str(tmp_path)) is None


def test_compiled_from_these_sources_is_used(tmp_path: Path) -> None:
    _sources(tmp_path)
    (tmp_path / COMPILED_RECORD).write_text(sources_digest(tmp_path), encoding="ascii")
    assert stale_finder("pkg", str(tmp_path)) is None


def test_one_edited_source_makes_every_compiled_module_come_from_its_source(tmp_path: Path) -> None:
    _sources(tmp_path)
    (tmp_path / COMPILED_RECORD).write_text(sources_digest(tmp_path), encoding="ascii")
    (tmp_path / "cues.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    finder = stale_finder("pkg", str(tmp_path))
    assert finder is not None
    for name in COMPILED:  # the others too: compiled, they would run the old code of the edited one
        assert finder.find_spec(f"pkg.{name}").origin == str(tmp_path / f"{name}.py")
    assert finder.find_spec("pkg.evidence") is None  # never compiled: found as always
    assert finder.find_spec("other.engine") is None


def test_an_edited_source_is_what_a_new_process_runs(tmp_path: Path) -> None:
    """End to end, in a copy of the package: where it was compiled, an edit to the engine's source is seen at once
    (no stale library answers instead); where it was not, the source is what runs anyway."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(PACKAGE_FOLDER.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    engine_source = copy / "quotes" / "engine.py"
    engine_source.write_text(engine_source.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    probe = "import store.quotes.engine as e; print(getattr(e, 'EDITED', False), e.__file__)"
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(tmp_path)}, check=True)
    edited, loaded = done.stdout.split()
    assert edited == "True"
    assert loaded == str(engine_source)


def test_the_engine_compiled_here_is_the_one_imported() -> None:
    """After an install that compiled the engine (the record is there, the sources unchanged), the compiled
    library is what runs; after one that could not, the sources."""
    recorded = (PACKAGE_FOLDER / COMPILED_RECORD).is_file()
    current = recorded and (PACKAGE_FOLDER / COMPILED_RECORD).read_text(encoding="ascii") == \
        sources_digest(PACKAGE_FOLDER)
    assert is_compiled(engine) == current


def test_the_version_line_tells_a_compiled_engine_from_a_stale_or_missing_one(tmp_path: Path) -> None:
    from importlib.machinery import EXTENSION_SUFFIXES

    from store.quotes.compiled import engine_compiled

    _sources(tmp_path)
    (tmp_path / COMPILED_RECORD).write_text(sources_digest(tmp_path), encoding="ascii")
    assert not engine_compiled(tmp_path)  # recorded, but no library of the engine
    (tmp_path / f"engine{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    assert engine_compiled(tmp_path)
    (tmp_path / "marks.py").write_text("NAME = 'edited'\n", encoding="utf-8")
    assert not engine_compiled(tmp_path)  # stale: the sources are what runs
