"""Build hook: the quotation engine compiled to C with mypyc, and the search's hit counter built, where this
machine can.

The engine (`store/quotes`: `engine`, `cast`, `marks`, `cues`) is most of what a first indexing costs; compiled,
it takes about a fifth less processor time and gives the same quotations. The hit counter
(`store/search/_hitcount.c`, against SQLite's header and library) counts a search's hits as the full-text index
matches; without it `quotedesk search` counts them in SQL, in up to four times the time. A wheel gets the
libraries beside the sources; an editable install gets them in the source tree. Without a C compiler (or with
QUOTEDESK_PURE_PYTHON set) the engine stays Python and hits are counted in SQL, and the install says nothing
but a warning.

The sources' digests are recorded with the libraries (`store.quotes.COMPILED_RECORD`, and the hit counter's
`SOURCE_CRC32`): a source edited after the build is what runs, never stale compiled code."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _compiled_module():
    """`store.quotes.compiled`, read from its file: the build environment has none of the project's packages."""
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location("quotedesk_compiled", Path(__file__).parent / "store" / "quotes" / "compiled.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_compiled = _compiled_module()
COMPILED, COMPILED_RECORD, sources_digest = _compiled.COMPILED, _compiled.COMPILED_RECORD, _compiled.sources_digest

PACKAGE = Path("store/quotes")
HIT_COUNTER = Path("store/search/_hitcount.c")


class CompiledLibrariesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("QUOTEDESK_PURE_PYTHON"):
            return
        root = Path(self.root)
        libraries = []
        for failed, build in (("the quotation engine was not compiled, it runs as Python", _compiled_libraries),
                              ("the search's hit counter was not built, hits are counted in SQL",
                               _hit_counter_library)):
            try:
                libraries += build(root)
            except (OSError, subprocess.CalledProcessError) as exc:
                said = getattr(exc, "stderr", b"") or b""
                self.app.display_warning(f"quotedesk: {failed} ({exc}) {said.decode(errors='replace')[-600:]}")
        if not libraries:
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for built, relative in libraries:
            if version == "editable":  # the installed path leads to the source tree: they go there
                # as new files, not over the old ones: a running quotedesk may have those mapped
                shutil.copy2(built, root / f"{relative}.new")
                os.replace(root / f"{relative}.new", root / relative)
            else:
                build_data["force_include"][str(built)] = str(relative)

    def clean(self, versions: list[str]) -> None:
        root = Path(self.root)
        for path in [*root.glob("*__mypyc*"), *(root / PACKAGE).iterdir(), *(root / HIT_COUNTER).parent.iterdir()]:
            if path.name == COMPILED_RECORD or path.name.endswith(tuple(EXTENSION_SUFFIXES)):
                path.unlink()


def _cached(out: Path, key: str, make: Callable[[Path], list[tuple[Path, Path]]]) -> list[tuple[Path, Path]]:
    """The libraries `make(out)` made into `out` (each as `out / where it goes`, with where it goes, relative to the
    root) the last time with this `key`, else made again: only when the sources or the Python differ (pip builds
    an editable install twice, once for its metadata)."""
    listed = out / "libraries.txt"
    try:
        if (out / "key.txt").read_text(encoding="utf-8") == key:
            return [(out / line, Path(line)) for line in listed.read_text(encoding="utf-8").splitlines()]
    except (OSError, ValueError):  # none yet, or unreadable: made again
        pass
    shutil.rmtree(out, ignore_errors=True)
    libraries = make(out)
    listed.write_text("".join(f"{relative}\n" for _built, relative in libraries), encoding="utf-8")
    (out / "key.txt").write_text(key, encoding="utf-8")
    return libraries


def _compiled_libraries(root: Path) -> list[tuple[Path, Path]]:
    """The engine's libraries compiled from its sources as they are, and the record of those sources."""
    digest = sources_digest(root / PACKAGE)

    def make(out: Path) -> list[tuple[Path, Path]]:
        libraries = _compile(root, out)
        record = out / PACKAGE / COMPILED_RECORD
        record.write_text(digest, encoding="ascii")
        return [*libraries, (record, PACKAGE / COMPILED_RECORD)]

    return _cached(root / "build" / "quotedesk-compiled", f"{sys.implementation.cache_tag} {EXTENSION_SUFFIXES[0]}\n"
                   f"{digest}", make)


def _compile(root: Path, out: Path) -> list[tuple[Path, Path]]:
    """mypyc run on a copy of the package (setuptools, under it, would read this project's own configuration), the
    libraries tried, then kept in `out`; each with where it goes, relative to the root."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(root / "store", Path(tmp) / "store", ignore=shutil.ignore_patterns(
            "__pycache__", "*.so", "*.pyd", COMPILED_RECORD, "sample_data"))
        modules = [str(PACKAGE / f"{name}.py") for name in COMPILED]
        subprocess.run([sys.executable, "-m", "mypyc", "--ignore-missing-imports", "--follow-imports=silent",
                        *modules], cwd=tmp, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # What was compiled must load and find a quotation, or the sources are installed instead.
        probe = ("import sys; from store.quotes import compiled, engine; sys.exit(not compiled.is_compiled(engine) or "
                 "engine.extract_quotations('\u201cIt works,\u201d Ada Novak said.')[0].speaker != 'Ada Novak')")
        paths = os.pathsep.join(filter(None, [tmp, os.environ.get("PYTHONPATH")]))  # the build's packages after
        subprocess.run([sys.executable, "-c", probe], cwd=tmp, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": paths})
        libraries = []
        for built in Path(tmp).rglob("*"):
            relative = built.relative_to(tmp)
            if relative.parts[0] != "build" and built.name.endswith(tuple(EXTENSION_SUFFIXES)):
                kept = out / relative
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(built, kept)
                libraries.append((kept, relative))
    if not libraries:
        raise OSError("mypyc made no library")
    return libraries


def _hit_counter_library(root: Path) -> list[tuple[Path, Path]]:
    """The hit counter built from its source as it is (its CRC-32 compiled in)."""
    source = (root / HIT_COUNTER).read_bytes()
    crc = zlib.crc32(source)
    relative = HIT_COUNTER.parent / f"{HIT_COUNTER.stem}{EXTENSION_SUFFIXES[0]}"

    def make(out: Path) -> list[tuple[Path, Path]]:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / HIT_COUNTER.name).write_bytes(source)
            # setuptools in a folder of its own: here it would read this project's configuration
            setup = ("from setuptools import Extension, setup; setup(name='hitcount', script_args=['build_ext', "
                     f"'--inplace'], ext_modules=[Extension({HIT_COUNTER.stem!r}, [{HIT_COUNTER.name!r}], "
                     f"libraries=['sqlite3'], define_macros=[('SOURCE_CRC32', '{crc:#010x}')])])")
            subprocess.run([sys.executable, "-c", setup], cwd=tmp, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
            # What was built must count, on a connection of Python's sqlite3, the places of a word in the fields
            # asked for, or hits are counted in SQL.
            probe = (f"import sqlite3, sys, {HIT_COUNTER.stem} as counter; c = sqlite3.connect(':memory:'); "
                     "sys.exit(1) if not counter.register(c) else None; "
                     "c.execute('CREATE VIRTUAL TABLE t USING fts5(a, b, c)'); "
                     "c.execute(\"INSERT INTO t VALUES ('x y x', 'y x', 'x')\"); "
                     "sys.exit(c.execute(\"SELECT quotedesk_hits(t, 1, 3) FROM t WHERE t MATCH 'x'\").fetchone() != (3,))")
            subprocess.run([sys.executable, "-c", probe], cwd=tmp, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
            (out / relative).parent.mkdir(parents=True)
            shutil.copy2(Path(tmp) / relative.name, out / relative)
        return [(out / relative, relative)]

    return _cached(root / "build" / "quotedesk-hitcount", f"{sys.implementation.cache_tag} {crc:08x}", make)
