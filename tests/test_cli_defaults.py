"""The command line as a script meets it: no PATH, a wrong PATH, a wrong query, a wrong database, --version."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import PROJECT
from .test_cli import quotedesk


def _config_opening(tmp_path, folder) -> str:
    config = tmp_path / "config.toml"
    config.write_text(f"paths = [{json.dumps(str(folder))}]\n", encoding="utf-8")
    return str(config)


def test_version_comes_from_the_package_without_the_app():
    from importlib.metadata import version

    code = ("import sys; from tui.cli import main\ntry: main(['--version'])\nexcept SystemExit as e: code = e.code\n"
            "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', code, file=sys.stderr)\n"
            "import store.quotes.engine as engine, store.quotes.compiled as compiled\n"
            "print('compiled' if compiled.is_compiled(engine) else 'as Python', file=sys.stderr)\n"
            "import store.search.fts5 as fts5, sqlite3\nlibrary = fts5._load_hit_counter()\n"
            "print('built' if library and library.register(sqlite3.connect(':memory:')) else 'not built', "
            "file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=60)
    clean, engine, hits = result.stderr.strip().splitlines()
    # it says how the engine runs and how hits are counted here: as the modules imported afterwards do
    assert result.stdout.strip() == f"quotedesk {version('quotedesk')} (quotation engine {engine}; hit counter {hits})"
    assert clean == "CLEAN 0"


def test_quotes_and_search_without_a_path_read_the_configured_paths(corpus, tmp_path):
    config = _config_opening(tmp_path, corpus / "wire")
    records = json.loads(quotedesk("quotes", "--config", config, "--format", "json").stdout)
    assert {r["speaker"] for r in records} == {"Marta Lindqvist", "Petter Holm", "Anna Berg"}
    rows = json.loads(quotedesk("search", "board", "--config", config, "--format", "json").stdout)
    assert [row["source"] for row in rows] == ["Coastal Wire"]


def test_a_path_that_does_not_exist_is_status_2_with_nothing_printed(corpus, tmp_path):
    for command in (("quotes",), ("search", "board")):
        result = quotedesk(*command, str(tmp_path / "nope"), str(corpus))
        assert result.returncode == 2, command
        assert result.stdout == ""
        assert result.stderr.strip().splitlines() == [f"quotedesk: error: no such file or directory: {tmp_path / 'nope'}"]


def test_a_malformed_query_is_status_2_with_the_hint_not_every_article(corpus):
    result = quotedesk("search", "after:someday", str(corpus), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "quotedesk: error: malformed query: after: needs a date like 2024-05-01"


def test_highlights_from_a_missing_or_unreadable_db_is_an_error_not_an_empty_export(tmp_path):
    result = quotedesk("highlights", "--db", str(tmp_path / "none.json"), "--format", "csv")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip() == f"quotedesk: error: no such state database: {tmp_path / 'none.json'}"
    broken = tmp_path / "broken.json"
    broken.write_text('{"highlights": {"1": ')
    result = quotedesk("highlights", "--db", str(broken))
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.strip().splitlines()) == 1 and "cannot be read" in result.stderr
    assert broken.read_text() == '{"highlights": {"1": '  # only read, never set aside


def test_search_without_a_query_names_only_the_query_as_missing():
    result = quotedesk("search", "--format", "json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.strip().splitlines()[-1] == (
        "quotedesk search: error: the following arguments are required: QUERY")


def test_a_config_that_cannot_be_read_is_status_2_with_or_without_a_path(corpus, tmp_path):
    missing = tmp_path / "none.toml"
    for command in (("quotes",), ("quotes", str(corpus)), ("search", "board"), ("search", "board", str(corpus))):
        for config, reason in ((missing, "no such file"), (tmp_path, "not a regular file")):
            result = quotedesk(*command, "--config", str(config), "--format", "json")
            assert (result.returncode, result.stdout) == (2, ""), (command, config)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(
                f"quotedesk: error: cannot read the configuration file {config}: {reason}"), (command, lines)


def test_quotes_of_nothing_readable_prints_no_table_but_keeps_the_script_formats(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    table = quotedesk("quotes", str(empty))
    assert (table.returncode, table.stdout) == (1, "")
    assert table.stderr.strip().splitlines()[-1] == "quotedesk: no article could be read"
    as_json = quotedesk("quotes", str(empty), "--format", "json")
    assert (as_json.returncode, json.loads(as_json.stdout)) == (1, [])
    as_csv = quotedesk("quotes", str(empty), "--format", "csv")
    assert as_csv.returncode == 1 and as_csv.stdout.splitlines()[0].startswith("path,entry,text,speaker")
