"""The user's state is never lost and never crashes the app: a full or read-only disk, a state path that is a
symlink or a device, records of the wrong type, two instances, a hand edit while the app runs."""
from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store import Highlight, State
from tui.app import QuotedeskApp

from ..app.helpers import loaded
from .conftest import PROJECT, quotedesk


def highlight(number: int, **fields) -> Highlight:
    return Highlight(**{"id": f"h{number}", "article_id": "a1", "start": 0, "end": 5, "text": f"quote {number}",
                        "created": f"2024-01-0{number}T00:00:00+00:00", "title": "A headline", **fields})


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- a failing disk ----------------------------------------------------------------------------------------------
def failing_fsync(monkeypatch, code: int = errno.ENOSPC) -> None:
    """The disk refuses the data at fsync, as a full disk with delayed allocation does: the temp file exists."""
    def refuse(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("store.files.os.fsync", refuse)


def test_a_full_disk_keeps_the_last_good_state_and_goes_read_only(db_path: Path, monkeypatch):
    state = State(db_path)
    problems: list[str] = []
    state.on_problem = problems.append
    state.set_read("kept")
    good = db_path.read_bytes()
    failing_fsync(monkeypatch)
    state.set_read("lost")  # no exception
    state.add_highlight(highlight(1))
    assert db_path.read_bytes() == good
    assert temp_files(db_path.parent) == []
    assert state.read_only and len(problems) == 1  # said once
    assert "No space left on device" in problems[0] and "read-only" in problems[0]
    assert state.is_read("lost")  # the app goes on, in memory
    state.close()  # never raises
    monkeypatch.undo()
    again = State(db_path)
    assert again.is_read("kept") and not again.is_read("lost")


def test_close_never_raises_on_a_failing_disk(db_path: Path, monkeypatch):
    state = State(db_path)
    failing_fsync(monkeypatch, errno.EIO)
    with state.batch():
        state.set_read("a")
    state.close()
    assert state.read_only


async def test_a_failing_disk_is_said_once_in_the_app_which_goes_on(corpus: Path, db_path: Path, monkeypatch):
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        failing_fsync(monkeypatch, errno.EROFS)
        await pilot.press("u", "u", "u")
        saving = [n.message for n in app._notifications if "Cannot save" in n.message]
        assert len(saving) == 1 and "Read-only file system" in saving[0]
        assert app.is_running


NAMESPACE_SCRIPT = r"""
import json, os, subprocess, sys
from pathlib import Path
from store import State

folder = Path(sys.argv[1])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], check=True)
db = folder / "state.json"
state = State(db)
problems = []
state.on_problem = problems.append
for n in range(20):
    state.set_read(f"a{n}")
good = db.read_bytes()
filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)  # fill the disk
try:
    while True:
        os.write(filler, b"x" * 4096)
except OSError:
    os.close(filler)
state.set_read("on a full disk")
full = {"unchanged": db.read_bytes() == good, "temp": [p.name for p in folder.iterdir() if p.name.endswith(".tmp")],
        "problems": list(problems), "read_only": state.read_only}
state.close()
os.unlink(folder / "filler")
readonly = folder.parent / "readonly"  # the same file system seen through a read-only bind mount
readonly.mkdir()
subprocess.run(["mount", "--bind", str(folder), str(readonly)], check=True)
subprocess.run(["mount", "-o", "remount,bind,ro", str(readonly)], check=True)
second = State(readonly / "state.json")
second.on_problem = problems.append
second.set_read("on a read-only disk")
second.close()
print(json.dumps({"full": full, "readonly_problems": problems[len(full["problems"]):],
                  "still_good": json.loads(db.read_bytes()) == json.loads(good)}))
"""


def test_a_real_full_then_read_only_file_system(tmp_path: Path):
    """The same on a real small file system (a tmpfs in a private mount namespace), where one can be made."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs unshare and mount to make a small file system")
    folder = tmp_path / "disk"
    folder.mkdir()
    probe = subprocess.run(["unshare", "-rm", "mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True)
    if probe.returncode:
        pytest.skip(f"cannot mount a small file system here: {probe.stderr.decode().strip()}")
    result = subprocess.run(["unshare", "-rm", sys.executable, "-c", NAMESPACE_SCRIPT, str(folder)], cwd=PROJECT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["full"]["unchanged"] and report["full"]["temp"] == [] and report["full"]["read_only"]
    assert len(report["full"]["problems"]) == 1 and "No space left on device" in report["full"]["problems"][0]
    assert len(report["readonly_problems"]) == 1 and "Read-only file system" in report["readonly_problems"][0]
    assert report["still_good"]


# --- what the state path is ----------------------------------------------------------------------------------------
def test_a_symlinked_state_path_writes_its_target_and_locks_it(tmp_path: Path):
    target = tmp_path / "real" / "state.json"
    target.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(target)
    first = State(link)
    first.set_read("a1")
    assert link.is_symlink() and json.loads(target.read_text())["articles"]
    second = State(target)  # the same database by its other name: read-only, never a second writer
    assert second.read_only and "Another quotedesk" in second.warnings[0]
    second.set_read("a2")
    first.close(), second.close()
    assert State.for_reading(link).is_read("a1") and not State.for_reading(link).is_read("a2")


def test_a_state_path_that_is_a_device_is_refused_untouched(tmp_path: Path):
    link = tmp_path / "state.json"
    link.symlink_to("/dev/null")
    state = State(link)
    state.set_read("a1")
    state.close()
    assert state.read_only and "is a character device, not a file" in state.warnings[0]
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_state_path_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    result = quotedesk("highlights", "--db", str(fifo), timeout=30)
    # A database named by hand that cannot be read is an error, said in one line: never an empty export.
    assert result.returncode == 2 and b"is a FIFO" in result.stderr and result.stdout == b"", result.stderr
    assert Path(fifo).is_fifo()


# --- records of the wrong type ---------------------------------------------------------------------------------
def database_with_bad_records(db_path: Path) -> dict:
    good = dataclasses.asdict(highlight(1))
    tables = {
        "meta": {"1": {"schema": 1}},
        "articles": {"1": {"id": "a1", "read": True, "position": 3}, "2": {"id": "a2", "read": "yes"},
                     "3": {"id": None}},
        "highlights": {
            "1": good,
            "2": {**good, "id": "h2", "created": 20240101},
            "3": {**good, "id": "h3", "title": None},
            "4": {**good, "id": "h4", "start": "0"},
            "5": {**good, "id": "h5", "color": 9},
            "6": ["not", "an", "object"],
            "7": {**good, "id": "h7", "detached": 1},
        },
    }
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(json.dumps(tables))
    return tables


def test_records_of_the_wrong_type_are_set_aside_and_kept(db_path: Path):
    tables = database_with_bad_records(db_path)
    state = State(db_path)
    assert [h.id for h in state.highlights()] == ["h1"]
    assert state.is_read("a1") and state.position("a1") == 3 and not state.is_read("a2")
    [warning] = state.warnings
    assert "8 records" in warning and "created is a whole number, not text" in warning
    assert "kept in the file" in warning
    state.set_read("a3")
    state.add_highlight(highlight(8))
    saved = json.loads(db_path.read_text())
    for table in ("articles", "highlights"):
        for key, doc in tables[table].items():
            assert saved[table][key] == doc  # the records set aside are in the file as they were
    state.close()


def test_quotedesk_highlights_reads_past_bad_records(db_path: Path):
    database_with_bad_records(db_path)
    result = quotedesk("highlights", "--db", str(db_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [record["id"] for record in json.loads(result.stdout)] == ["h1"]
    assert b"could not be read" in result.stderr and b"Traceback" not in result.stderr


async def test_h_lists_the_good_highlights_past_bad_records(corpus: Path, db_path: Path):
    from tui.screens.highlights import HighlightList, HighlightsScreen

    database_with_bad_records(db_path)
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("H")
        assert isinstance(app.screen, HighlightsScreen)
        assert [h.id for h in app.screen.query_one(HighlightList).highlights] == ["h1"]
        assert any("could not be read" in n.message for n in app._notifications)


# --- two instances, hand edits -----------------------------------------------------------------------------------
def test_only_the_lock_holder_sets_an_unusable_database_aside(db_path: Path):
    writer = State(db_path)
    writer.set_read("a1")
    db_path.write_text('{"articles": {"1": {"id": "a')  # damaged while the writer runs
    second = State(db_path)
    assert second.read_only and db_path.read_text().startswith('{"articles"')
    assert list(db_path.parent.glob("*.unusable-*")) == []  # the writer's file was left where it is
    second.close()
    writer.close()


def test_a_hand_edit_while_running_is_kept_aside_and_said(db_path: Path):
    state = State(db_path)
    problems: list[str] = []
    state.on_problem = problems.append
    state.set_read("a1")
    edited = json.loads(db_path.read_text())
    edited["articles"]["99"] = {"id": "by-hand", "read": True, "position": 0}
    db_path.write_text(json.dumps(edited))
    state.set_read("a2")
    [aside] = db_path.parent.glob(db_path.name + ".edited-*")
    assert json.loads(aside.read_text()) == edited
    assert len(problems) == 1 and str(aside) in problems[0]
    reread = State.for_reading(db_path)
    assert reread.is_read("a1") and reread.is_read("a2")
    state.set_read("a3")  # our own writes are not edits
    assert len(list(db_path.parent.glob(db_path.name + ".edited-*"))) == 1 and len(problems) == 1
    state.close()


# --- one atomic write -------------------------------------------------------------------------------------------
def test_atomic_writes_from_many_threads_never_collide(tmp_path: Path):
    from store.files import write_atomically

    target = tmp_path / "out.json"
    payloads = [bytes([65 + n]) * 50_000 for n in range(8)]
    errors: list[BaseException] = []

    def writer(payload: bytes) -> None:
        try:
            for _ in range(25):
                write_atomically(target, payload)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_bytes() in payloads and temp_files(tmp_path) == []


def _stalled_write(monkeypatch, target: Path, payload: bytes) -> tuple[threading.Thread, threading.Event, list]:
    """A write of `payload` to `target` in another thread, held inside its fsync until the event is set."""
    from store.files import write_atomically

    release, inside = threading.Event(), threading.Event()
    real_fsync = os.fsync
    monkeypatch.setattr("store.files.os.fsync", lambda fd: (inside.set(), release.wait(10), real_fsync(fd)))
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            write_atomically(target, payload)
        except OSError as exc:
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    assert inside.wait(10)
    return thread, release, errors


def test_a_write_still_under_way_when_the_app_ends_leaves_no_temp_file(tmp_path: Path, monkeypatch):
    from store.files import settle_writes

    target = tmp_path / "export.md"
    target.write_text("old export")
    thread, release, errors = _stalled_write(monkeypatch, target, b"new export")
    assert len(temp_files(tmp_path)) == 1
    settle_writes(timeout=0.2)
    assert temp_files(tmp_path) == [] and target.read_text() == "old export"
    release.set()
    thread.join()
    assert target.read_text() == "old export" and len(errors) == 1


def test_the_app_ending_lets_a_write_under_way_finish(tmp_path: Path, monkeypatch):
    from store.files import settle_writes

    target = tmp_path / "export.md"
    thread, release, errors = _stalled_write(monkeypatch, target, b"new export")
    threading.Timer(0.05, release.set).start()
    settle_writes(timeout=10)
    assert target.read_bytes() == b"new export" and temp_files(tmp_path) == []
    thread.join()
    assert errors == []


def test_feed_copies_are_written_atomically(tmp_path: Path, monkeypatch):
    from store.sources import feed_download

    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr("store.files.os.fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    target = tmp_path / "feeds" / "f.xml"
    errors: list[BaseException] = []

    def saver(n: int) -> None:
        try:
            for round_ in range(20):
                feed_download._save(target, f"<rss>{n} {round_}</rss>".encode() * 100)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and synced and temp_files(target.parent) == []
