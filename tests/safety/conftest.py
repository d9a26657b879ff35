"""Shared by the safety tests: a tmux server of the test's own, the app run in it, and the command line run as a
subprocess with limits, so that a regression fails the test instead of hanging or exhausting the machine."""
from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for a command under test


@pytest.fixture
def tmux():
    """`tmux(*args)` on a server of its own, so the user's tmux is never touched; killed at the end.
    Its socket is in a short temporary folder (socket paths are limited to about 100 bytes)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    # The server hands this environment to the app, where a COLUMNS or LINES would override the size of
    # the pane; the test runner's process can hold them without os.environ showing them, so pass it.
    env = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
    with tempfile.TemporaryDirectory(prefix="quotedesk-tmux-") as folder:
        base = ["tmux", "-S", os.path.join(folder, "socket"), "-f", os.devnull]

        def run(*args: str) -> str:
            return subprocess.run([*base, *args], check=True, capture_output=True, text=True, timeout=10,
                                  env=env).stdout

        try:
            yield run
        finally:
            subprocess.run([*base, "kill-server"], capture_output=True, timeout=10)


def wait_for_screen(tmux, done, what: str, timeout: float = 20) -> str:
    """Poll the pane until `done(screen)`; the screen, or a failure showing the last one."""
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux("capture-pane", "-p")
        if done(screen):
            return screen
        if pane_dead(tmux):
            raise AssertionError(f"the app exited while waiting for {what}; the screen:\n{screen}")
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}; the screen:\n{screen}")
        time.sleep(0.1)


def pane_dead(tmux) -> bool:
    return tmux("display", "-p", "#{pane_dead}").strip() == "1"


def wait_for_exit(tmux, what: str, timeout: float = 15) -> None:
    """Poll until the app in the pane has exited (the pane is kept: remain-on-exit)."""
    deadline = time.monotonic() + timeout
    while not pane_dead(tmux):
        if time.monotonic() > deadline:
            raise AssertionError(f"the app was still running {timeout} s after {what}; the screen:\n"
                                 + tmux("capture-pane", "-p"))
        time.sleep(0.1)


def start_app(tmux, tmp_path: Path, *args: str, python: str | None = None, size=("120", "40")) -> None:
    """The real app in a tmux pane of its own (left on screen when it exits), with a database and a cache in
    `tmp_path`. `python`: code run before the app's `main` (to simulate a stuck engine, say)."""
    prelude = (python + "; ") if python else ""
    code = f"{prelude}import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    command = shlex.join([sys.executable, "-c", code, "--db", str(tmp_path / "db.json"), *args])
    tmux("new-session", "-d", "-x", size[0], "-y", size[1], "-c", str(PROJECT),
         "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", command,
         ";", "set", "-g", "remain-on-exit", "on")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def quotedesk(*args: str, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    """The command line as a user runs it, its output as bytes (to see exactly what reaches a terminal), with a
    memory limit and a timeout: a file that would hang it or fill memory fails the test, never the machine."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=PROJECT, capture_output=True,
                          timeout=timeout, preexec_fn=_limit_memory, env=environment)
