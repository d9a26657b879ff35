"""Build hook: the quotation engine compiled to C with mypyc, where this machine can.

The engine (`store/quotes`: `engine`, `cast`, `marks`, `cues`) is most of what a first indexing costs; compiled,
it takes about a fifth less processor time and gives the same quotations. A wheel gets the compiled libraries
beside the sources; an editable install gets them in the source tree. Without a C compiler (or with
QUOTEDESK_PURE_PYTHON set) the engine stays Python, and says nothing but a warning here.

The sources' digest is recorded with the libraries (`store.quotes.COMPILED_RECORD`): a source edited after the
build makes `store.quotes` import the sources again, never stale compiled code."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


class CompiledEngineHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("QUOTEDESK_PURE_PYTHON"):
            return
        root = Path(self.root)
        try:
            libraries = _compiled_libraries(root)
        except (OSError, subprocess.CalledProcessError) as exc:
            said = getattr(exc, "stderr", b"") or b""
            self.app.display_warning("quotedesk: the quotation engine was not compiled, it runs as Python "
                                     f"({exc}) {said.decode(errors='replace')[-600:]}")
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
        for path in [*root.glob("*__mypyc*"), *(root / PACKAGE).iterdir()]:
            if path.name == COMPILED_RECORD or path.name.endswith(tuple(EXTENSION_SUFFIXES)):
                path.unlink()


def _compiled_libraries(root: Path) -> list[tuple[Path, Path]]:
    """The libraries compiled from the sources as they are, each with where it goes (relative to the root), and
    the record of those sources: made again only when the sources or the Python differ (pip builds an editable
    install twice, once for its metadata)."""
    out = root / "build" / "quotedesk-compiled"
    digest = sources_digest(root / PACKAGE)
    key = f"{sys.implementation.cache_tag} {EXTENSION_SUFFIXES[0]}\n{digest}"
    listed = out / "libraries.txt"
    try:
        if (out / "key.txt").read_text(encoding="utf-8") == key:
            return [(out / line, Path(line)) for line in listed.read_text(encoding="utf-8").splitlines()]
    except OSError:
        pass
    shutil.rmtree(out, ignore_errors=True)
    libraries = _compile(root, out)
    record = out / PACKAGE / COMPILED_RECORD
    record.write_text(digest, encoding="ascii")
    libraries.append((record, PACKAGE / COMPILED_RECORD))
    listed.write_text("".join(f"{relative}\n" for _built, relative in libraries), encoding="utf-8")
    (out / "key.txt").write_text(key, encoding="utf-8")
    return libraries


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
        probe = ("from store.quotes import compiled, engine; assert compiled.is_compiled(engine); "
                 "assert engine.extract_quotations('\u201cIt works,\u201d Ada Novak said.')[0].speaker == 'Ada Novak'")
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
