from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from pathlib import Path

import pytest

from store.export import (
    EXPORT_FORMATS,
    HIGHLIGHT_FIELDS,
    citation,
    clipboard_text,
    render,
    write_atomically,
)
from store.model import Highlight

HARBOUR = dict(article_id="harbour", title="Harbour board approves terminal", source="Coastal Wire",
               date="2021-04-02", path="/corpus/wire/harbour.txt")

HIGHLIGHTS = [
    # Made out of reading order: the export puts an article's highlights in text order.
    Highlight(id="h2", start=120, end=150, text="The dredging will ruin the bay", created="2024-03-02T09:00:00+01:00",
              speaker="Petter Holm", color=3, note="check, with \"the\" fisheries", **HARBOUR),
    Highlight(id="h1", start=10, end=60, text="First line\n\nsecond line", created="2024-03-01T09:00:00+01:00",
              speaker="Marta Lindqvist", **HARBOUR),
    Highlight(id="h3", start=40, end=67, text="Books should come to people", created="2024-03-03T09:00:00+01:00",
              detached=True, article_id="library", title="County opens library bus", path="/corpus/older.txt"),
]


def test_citation_and_clipboard_text_name_only_known_parts():
    assert citation(HIGHLIGHTS[0]) == "Harbour board approves terminal — Coastal Wire, 2021-04-02"
    assert citation(HIGHLIGHTS[2]) == "County opens library bus"
    assert clipboard_text("Yes", "Ann", "Title", "Wire", "2020-01-01") == "“Yes” — Ann, Wire, 2020-01-01"
    assert clipboard_text("Yes", None, "Title", None, None) == "“Yes” — Title"


def test_markdown_groups_by_article_under_its_citation():
    assert render(HIGHLIGHTS, "markdown") == (
        "# Highlights\n"
        "\n"
        "## Harbour board approves terminal — Coastal Wire, 2021-04-02\n"
        "\n"
        "`/corpus/wire/harbour.txt`\n"
        "\n"
        "> First line\n"
        ">\n"
        "> second line\n"
        "> — Marta Lindqvist\n"
        "\n"
        "> The dredging will ruin the bay\n"
        "> — Petter Holm\n"
        "\n"
        "Note: check, with \"the\" fisheries\n"
        "\n"
        "## County opens library bus\n"
        "\n"
        "`/corpus/older.txt`\n"
        "\n"
        "> Books should come to people\n"
        "> *(detached: no longer found in the article)*\n"
    )


def test_json_carries_every_field_and_round_trips():
    records = json.loads(render(HIGHLIGHTS, "json"))
    assert [set(record) for record in records] == [set(HIGHLIGHT_FIELDS)] * len(HIGHLIGHTS)
    assert [Highlight(**record) for record in records] == HIGHLIGHTS


def from_csv_row(row: dict[str, str]) -> Highlight:
    """A CSV row back to a Highlight: CSV has only strings, "" for None."""
    values: dict[str, object] = {}
    for field in fields(Highlight):
        text = row[field.name]
        if field.type == "int":
            values[field.name] = int(text)
        elif field.type == "bool":
            values[field.name] = text == "True"
        elif field.type == "str | None":
            values[field.name] = text or None
        else:
            values[field.name] = text
    return Highlight(**values)


def test_csv_carries_every_field_and_round_trips():
    reader = csv.DictReader(io.StringIO(render(HIGHLIGHTS, "csv")))
    rows = list(reader)
    assert reader.fieldnames == HIGHLIGHT_FIELDS == [f.name for f in fields(Highlight)]
    assert [from_csv_row(row) for row in rows] == HIGHLIGHTS


def test_every_format_renders_an_empty_list_and_unknown_formats_are_refused():
    for fmt in EXPORT_FORMATS:
        assert render([], fmt).endswith("\n")
    assert json.loads(render([], "json")) == []
    with pytest.raises(ValueError, match="unknown export format"):
        render(HIGHLIGHTS, "pdf")


def test_json_keeps_non_ascii_text_readable():
    quoted = [Highlight(id="q", article_id="a", start=0, end=4, text="“Ja” – sa hon", created="2024")]
    assert "“Ja” – sa hon" in render(quoted, "json")


def test_write_atomically_replaces_the_file_whole_and_leaves_no_temp_file(tmp_path: Path):
    target = tmp_path / "out.md"
    target.write_text("an older and much longer export\n" * 50, encoding="utf-8")
    write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failed_write_leaves_the_old_file_unchanged(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("store.files.os.replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.iterdir()) == [target]


def test_writing_into_a_missing_folder_raises_oserror(tmp_path: Path):
    with pytest.raises(OSError):
        write_atomically(tmp_path / "nowhere" / "out.md", "new\n")
