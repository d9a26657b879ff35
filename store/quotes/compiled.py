"""The engine's modules as compiled at install (see the project's `hatch_build.py`), or their sources when they
changed since: compiled code is never older than the sources beside it.

The build records the digest of the compiled modules' sources in `COMPILED_RECORD`. When the sources differ
(edited in a source tree after an editable install), `store.quotes` has all of them imported from the sources:
the compiled modules call one another's compiled code, so one changed source makes all of them stale."""
from __future__ import annotations

import os
import zlib
from importlib.machinery import EXTENSION_SUFFIXES

COMPILED = ("engine", "cast", "marks", "cues")
COMPILED_RECORD = "compiled-sources.txt"


def sources_digest(folder: str | os.PathLike[str]) -> str:
    """A digest of the compiled modules' sources in `folder` (CRC-32 each: a changed file, not an attack)."""
    digests = []
    for name in COMPILED:
        with open(os.path.join(folder, f"{name}.py"), "rb") as source:
            digests.append(f"{name} {zlib.crc32(source.read()):08x}")
    return "\n".join(digests) + "\n"


class SourcesFinder:
    """Finds the compiled modules of `package` (in `folder`) as their sources (a finder of `sys.meta_path`)."""

    def __init__(self, package: str, folder: str) -> None:
        self.package = package
        self.folder = folder

    def find_spec(self, fullname: str, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != self.package or name not in COMPILED:
            return None
        from importlib.util import spec_from_file_location

        return spec_from_file_location(fullname, os.path.join(self.folder, f"{name}.py"))


def _compiled_from_these(folder: str) -> bool | None:
    """Were the modules in `folder` compiled from the sources beside them? None when nothing was compiled (no
    record); True too when a source is missing (what was compiled is all there is)."""
    try:
        with open(os.path.join(folder, COMPILED_RECORD), encoding="ascii") as record:
            recorded = record.read()
    except OSError:
        return None
    try:
        return recorded == sources_digest(folder)
    except OSError:
        return True


def stale_finder(package: str, folder: str) -> SourcesFinder | None:
    """A finder of the sources when the modules were compiled from other sources than those in `folder`; None when
    they were not compiled (nothing recorded) or from these."""
    return SourcesFinder(package, folder) if _compiled_from_these(folder) is False else None


def is_compiled(module) -> bool:
    """Was `module` loaded from a compiled library (not its source)?"""
    return str(getattr(module, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES))


def engine_compiled(folder: str | os.PathLike[str] | None = None) -> bool:
    """Will the engine be imported compiled (a library of it beside sources it was compiled from)? Asked without
    importing it."""
    folder = os.fspath(folder or os.path.dirname(__file__))
    library = any(os.path.exists(os.path.join(folder, f"engine{suffix}")) for suffix in EXTENSION_SUFFIXES)
    return library and _compiled_from_these(folder) is True
