from __future__ import annotations

import subprocess
import sys

from .conftest import PROJECT


def quotedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )


def test_help_explains_the_options():
    result = quotedesk("--help")
    assert result.returncode == 0
    for word in ("PATH", "--db", "quotes"):
        assert word in result.stdout


def test_a_missing_path_is_a_one_line_error_with_status_2(tmp_path):
    result = quotedesk(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"quotedesk: error: no such file or directory: {tmp_path / 'nope'}"]


def test_a_database_from_a_newer_version_is_refused_cleanly(tmp_path):
    db = tmp_path / "db.json"
    db.write_text('{"meta": {"1": {"schema": 999}}}')
    result = quotedesk("--db", str(db), str(PROJECT / "sample_data"))
    assert result.returncode == 1
    assert "newer quotedesk" in result.stderr and "Traceback" not in result.stderr
