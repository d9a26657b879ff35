from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import State, StateError, resolve_db_path


def test_state_round_trips_through_the_file(db_path: Path):
    state = State(db_path)
    state.set_read("a1")
    state.set_position("a1", 42)
    state.last_article = "a1"
    state.close()
    again = State(db_path)
    assert again.is_read("a1") and again.position("a1") == 42 and again.last_article == "a1"
    assert not again.is_read("other") and again.position("other") == 0


def test_every_change_is_on_disk_at_once_and_no_temp_file_is_left(db_path: Path):
    state = State(db_path)
    state.set_read("a1")
    on_disk = json.loads(db_path.read_text())
    assert any(doc.get("id") == "a1" and doc["read"] for doc in on_disk["articles"].values())
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name, db_path.name + ".lock"]


def test_toggling_read_back(db_path: Path):
    state = State(db_path)
    state.set_read("a1")
    state.set_read("a1", False)
    assert not State(db_path).is_read("a1")


@pytest.mark.parametrize("content", [b'{"articles": {"1": {"id": "a', b"[1, 2, 3]", b'{"articles": [1]}'])
def test_unusable_database_is_kept_aside_and_state_starts_empty(db_path: Path, content: bytes):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    state = State(db_path)
    aside = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name + ".unusable-")]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert state.warnings and str(aside[0]) in state.warnings[0]
    state.set_read("a1")
    assert State(db_path).is_read("a1")


def test_newer_schema_is_refused_and_left_untouched(db_path: Path):
    db_path.parent.mkdir(parents=True)
    content = json.dumps({"meta": {"1": {"schema": 99}}, "articles": {}})
    db_path.write_text(content)
    with pytest.raises(StateError, match="newer"):
        State(db_path)
    assert db_path.read_text() == content


def test_db_path_option_wins_over_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("QUOTEDESK_DB", str(tmp_path / "env.json"))
    assert resolve_db_path(str(tmp_path / "opt.json")) == tmp_path / "opt.json"
    assert resolve_db_path(None) == tmp_path / "env.json"
    monkeypatch.delenv("QUOTEDESK_DB")
    assert resolve_db_path(None).name == "state.json"


def test_a_directory_in_place_of_the_database_is_not_fatal_and_left_alone(db_path: Path):
    db_path.mkdir(parents=True)
    (db_path / "inside").write_text("mine")
    state = State(db_path)
    state.set_read("a1")
    assert state.is_read("a1")  # in memory: nothing is saved
    assert state.read_only and "is a folder, not a file" in state.warnings[0]
    state.close()
    assert (db_path / "inside").read_text() == "mine"
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_second_instance_is_read_only_and_says_so(db_path: Path):
    first = State(db_path)
    first.set_read("a1")
    second = State(db_path)
    assert second.read_only and "read-only" in second.warnings[0]
    assert second.is_read("a1")  # it sees what was saved
    second.set_read("a2")  # kept in memory, never written over the first instance's work
    first.set_read("a3")
    second.close()
    first.close()
    third = State(db_path)
    assert not third.read_only and third.is_read("a1") and third.is_read("a3") and not third.is_read("a2")


def test_reading_commands_never_write(db_path: Path):
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{broken")
    reader = State.for_reading(db_path)
    assert reader.warnings and db_path.read_text() == "{broken"
    assert list(db_path.parent.iterdir()) == [db_path]


def test_an_unreadable_database_is_reported_and_left_alone(db_path: Path, monkeypatch):
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"articles": {}}')
    def refuse(path, limit=None):  # as a file without read permission would
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("store.state.read_with_identity", refuse)  # chmod 000 would not stop a test run as root
    state = State(db_path)
    assert state.warnings and "cannot be read" in state.warnings[0] and "kept as" in state.warnings[0]
    monkeypatch.undo()
    aside = list(db_path.parent.glob(db_path.name + ".unusable-*"))
    assert len(aside) == 1 and aside[0].read_text() == '{"articles": {}}'
