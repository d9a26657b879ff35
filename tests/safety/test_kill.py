"""A process killed with SIGKILL while it writes state never leaves a database that fails to load, and
loses at most the action it was in the middle of."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import State

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

PROJECT = Path(__file__).resolve().parents[2]
ROUNDS = 20
OPENED_UNREAD = 3000  # articles a0, a2, ... that have a reading position but are not read yet

# Action n alternates between a read mark and a highlight. The log gets n only after the action
# returned, so it lists completed actions; fsync keeps it exact even though the writer is killed.
WRITER = """
import os, sys
from pathlib import Path
from store import Highlight, State

db_path, log_path, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
state = State(db_path)
if state.read_only or state.warnings:
    sys.exit(f"state opened read-only or with warnings: {state.warnings}")
log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)  # its existence says: writing starts
while True:
    if n % 2:
        state.add_highlight(Highlight(id=f"h{n}", article_id=f"a{n}", start=0, end=5, text=f"quote {n}",
                                      created="2024-01-01T00:00:00+00:00"))
    else:
        state.set_read(f"a{n}")
    os.write(log, f"{n}\\n".encode())
    os.fsync(log)
    n += 1
"""


def open_articles_unread(db_path: Path) -> None:
    """As the app does when articles are opened: a reading position, not read. Marking one read then
    writes `false` as `true`, so the file shrinks: the case where a writer that overwrites the file
    in place (TinyDB's own JSONStorage) leaves old bytes behind its new end until it truncates."""
    state = State(db_path)
    with state.batch():
        for n in range(0, 2 * OPENED_UNREAD, 2):
            state.set_position(f"a{n}", 1)
    state.close()


def completed_actions(log_path: Path) -> list[int]:
    if not log_path.exists():
        return []
    *lines, _tail = log_path.read_text().split("\n")  # an unterminated tail was cut by the kill
    return [int(line) for line in lines]


def assert_whole(db_path: Path, when: str) -> None:
    """The database file itself is complete JSON, whatever temp file lies beside it."""
    try:
        json.loads(db_path.read_bytes())
    except FileNotFoundError:
        pass  # nothing saved yet
    except ValueError as exc:
        raise AssertionError(f"the database is torn {when}: {exc}") from None


def freeze(writer: subprocess.Popen) -> None:
    writer.send_signal(signal.SIGSTOP)
    _, status = os.waitpid(writer.pid, os.WUNTRACED)
    if not os.WIFSTOPPED(status):
        writer.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen


def run_writer_and_kill(db_path: Path, log_path: Path, first: int, rng: random.Random) -> None:
    """Start the writer, let it write for 50-300 ms once it is ready, then SIGKILL it. While it writes,
    freeze it again and again at random moments and check the file as a kill at that moment would
    leave it: a kill lands inside a write rarely, a few hundred frozen moments find any torn window."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(log_path), str(first)],
                              cwd=PROJECT, stderr=subprocess.PIPE)
    try:
        # Count the time from the writer's readiness, not its start: a loaded machine can take longer
        # than that to start Python. If it never gets ready, it is killed anyway and the round counts.
        ready_by = time.monotonic() + 5
        while not log_path.exists() and writer.poll() is None and time.monotonic() < ready_by:
            time.sleep(0.005)
        kill_at = time.monotonic() + rng.uniform(0.05, 0.3)
        while writer.returncode is None and time.monotonic() < kill_at:
            time.sleep(rng.uniform(0.001, 0.01))
            freeze(writer)
            if writer.returncode is None:
                assert_whole(db_path, "while the writer is frozen")
                writer.send_signal(signal.SIGCONT)
    finally:
        writer.kill()  # SIGKILL: the end of the round, or of a writer left frozen by a failed check
        _, stderr = writer.communicate()
    assert writer.returncode == -signal.SIGKILL, f"the writer stopped on its own:\n{stderr.decode()}"


def test_sigkill_while_writing_never_corrupts_and_loses_at_most_the_action_in_flight(tmp_path: Path):
    db_path = tmp_path / "state.json"
    open_articles_unread(db_path)
    rng = random.Random(20240101)
    logged: list[int] = []
    for round_ in range(ROUNDS):
        log_path = tmp_path / f"round-{round_}.log"
        run_writer_and_kill(db_path, log_path, logged[-1] + 1 if logged else 0, rng)
        logged += completed_actions(log_path)

        assert_whole(db_path, f"after kill {round_ + 1}")
        state = State(db_path)
        try:
            assert state.warnings == []
            # Every logged action completed, so only the one in flight at the kill may be missing.
            missing = [n for n in logged
                       if not (state.highlight(f"h{n}") if n % 2 else state.is_read(f"a{n}"))]
            assert missing == [], f"completed actions lost after kill {round_ + 1}"
        finally:
            state.close()  # releases the database lock for the next writer
    assert logged, "no action ever completed: the test exercised nothing"
