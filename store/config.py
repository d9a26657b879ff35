"""The user's configuration: a TOML file in the platform's config directory.

    paths = ["~/news", "~/archive/2024"]   # opened when quotedesk is started without paths
    mark_read_on_open = true               # opening an article marks it read
    theme = "nord"                         # any built-in Textual theme
    [keys]                                 # remap any binding by its id (see the help screen, `?`)
    main.next_article = "n"
    main.highlight = "h,x"

A broken file never stops quotedesk: each problem is reported with its line and the rest of the file
(or, for a syntax error, the defaults) applies.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .files import TooLarge, read_regular

CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass
class Config:
    paths: list[Path] = field(default_factory=list)
    mark_read_on_open: bool = True
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # "config.toml, line 3: ..." for the user
    source: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # where each setting is, "keys.ID" for a binding's keys
    unreadable: str | None = None  # why the file could not be read, when it could not (a missing default is fine)

    def where(self, setting: str) -> str:
        """`config.toml, line 3` for a setting read from the file, for a message about its value."""
        line = self.lines.get(setting)
        name = self.source or "configuration"
        return f"{name}, line {line}" if line else str(name)


def _toml_parser():
    """The TOML module, imported only when there is a file to read (most launches have none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("quotedesk", appauthor=False) / CONFIG_FILE


def load_config(path: Path | None = None, *, explicit: bool = False) -> Config:
    """Read the configuration. A missing default file is no problem; a missing `--config` file is."""
    path = path or default_config_path()
    config = Config(source=path)
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")  # never a FIFO or a device: they would block
    except FileNotFoundError:
        if explicit:
            config.unreadable = "no such file"
            config.problems.append(f"{path}: no such file; using the defaults")
        return config
    except TooLarge:
        config.unreadable = f"larger than {MAX_CONFIG_BYTES // 1024} KB, not a configuration file"
        config.problems.append(f"{path}: {config.unreadable}; using the defaults")
        return config
    except (OSError, ValueError) as exc:  # unreadable, not a regular file, not UTF-8
        config.unreadable = str(getattr(exc, 'strerror', None) or exc)
        config.problems.append(f"{path}: cannot be read ({config.unreadable}); using the defaults")
        return config
    tomllib = _toml_parser()
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        config.problems.append(f"{path}: {exc}; using the defaults")
        return config

    def problem(key: str, message: str) -> None:
        config.problems.append(f"{path}, line {_line_of(raw, key)}: {message}")

    for key, value in data.items():
        config.lines[key] = _line_of(raw, key)
        if key == "paths":
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and all(isinstance(item, str) for item in value):
                config.paths = [Path(item).expanduser() for item in value]
            else:
                problem(key, "paths must be a list of folder or file names")
        elif key == "mark_read_on_open":
            if isinstance(value, bool):
                config.mark_read_on_open = value
            else:
                problem(key, "mark_read_on_open must be true or false")
        elif key == "theme":
            if isinstance(value, str):
                config.theme = value
            else:
                problem(key, "theme must be the name of a theme, in quotes")
        elif key == "keys":
            if not isinstance(value, dict):
                problem(key, "keys must be a table: [keys] then lines like  main.highlight = \"h\"")
                continue
            for binding_id, keys in _binding_ids(value):
                config.lines[f"keys.{binding_id}"] = line = _binding_line(raw, binding_id)
                if isinstance(keys, str) and keys.strip():
                    config.keys[binding_id] = keys
                else:
                    config.problems.append(f"{path}, line {line}: the keys for {binding_id} must be a string "
                                           "such as \"ctrl+n\"")
        else:
            problem(key, f"unknown setting {key!r} (known: paths, mark_read_on_open, theme, [keys])")
    return config


def _binding_ids(table: dict, prefix: str = "") -> list[tuple[str, object]]:
    """(binding id, its value) for each entry of `[keys]`. TOML reads a dotted key as a table of tables
    (`main.next_article = "n"` is `{"main": {"next_article": "n"}}`, as `[keys.main]` is): their names join again."""
    found: list[tuple[str, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            found += _binding_ids(value, f"{prefix}{name}.")
        else:
            found.append((f"{prefix}{name}", value))
    return found


def _binding_line(raw: str, binding_id: str) -> int:
    """The line of `binding_id` in `[keys]`: written whole (`main.next_article = ...`, quoted or not), or by its
    last name under its table's heading (`[keys.main]`, then `next_article = ...`)."""
    line = _line_of(raw, binding_id, default=None)
    prefix, _, name = binding_id.rpartition(".")
    heading = _line_of(raw, f"keys.{prefix}", default=None) if prefix and line is None else None
    if heading is not None:
        after = len("".join(raw.splitlines(keepends=True)[:heading]))
        line = _line_of(raw, name, default=None, start=after)
    return line or 1


def _line_of(raw: str, key: str, *, default: int | None = 1, start: int = 0) -> int | None:
    """The line on which `key` is set, from offset `start` (`default` when it cannot be found): tomllib keeps no
    positions."""
    key_pattern = rf'(?:"{re.escape(key)}"|{re.escape(key)})'
    pattern = re.compile(rf"^[ \t]*{key_pattern}[ \t]*=|^[ \t]*\[[ \t]*{key_pattern}[ \t]*\]", re.M)
    match = pattern.search(raw, start)
    return raw.count("\n", 0, match.start()) + 1 if match else default
