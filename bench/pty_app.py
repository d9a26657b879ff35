"""Run a terminal app as a real process in a pseudo-terminal: time until a text is painted, wait until it is idle,
read its peak resident memory. Linux only (it reads /proc).

`PtyProcess` is a context manager; leaving it always kills the child's whole process group."""
from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

SIZE = (140, 45)  # columns, rows
# CSI, OSC and two-character escapes: what the screen shows is what is left.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[]P][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-OQ-Z\\^_]")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment of a child: ours, as a 256-colour xterm, without Textual overrides that would change what
    is measured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    env.update(extra)
    return env


class PtyProcess:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = SIZE) -> None:
        self.argv, self.env, self.size = argv, env, size
        self.process: subprocess.Popen | None = None
        self.master = -1
        self.started = 0.0
        self.screen = ""  # everything printed so far, escapes removed
        self._raw = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def __enter__(self) -> PtyProcess:
        self.master, slave = os.openpty()
        columns, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        try:
            self.started = time.perf_counter()
            # A new session makes the pty its controlling terminal and the child a group we can kill whole.
            self.process = subprocess.Popen(self.argv, stdin=slave, stdout=slave, stderr=slave, env=self.env,
                                            start_new_session=True, close_fds=True)
        except BaseException:
            os.close(self.master)
            raise
        finally:
            os.close(slave)
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)
        os.close(self.master)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def _read(self, timeout: float) -> bool:
        """Read what the child printed within `timeout`; False when nothing came."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            self._check_alive(force=True)
            return False
        return self._take(chunk)

    def _take(self, chunk: bytes) -> bool:
        self._raw += self._decoder.decode(chunk)
        # An escape sequence may be cut at the end of a chunk: keep an incomplete one for the next.
        cut = self._raw.rfind("\x1b")
        if cut < 0 or ESCAPES.match(self._raw, cut):
            cut = len(self._raw)
        head, self._raw = self._raw[:cut], self._raw[cut:]
        self.screen += ESCAPES.sub("", head)
        return True

    def _check_alive(self, force: bool = False) -> None:
        assert self.process is not None
        if self.process.poll() is not None or force:
            self.process.wait(timeout=5)
            raise RuntimeError(f"{Path(self.argv[0]).name} exited with status {self.process.returncode}\n"
                               f"its last output: {self.screen[-600:]}")

    def wait_for(self, text: str, timeout: float) -> float:
        """Seconds from launch until `text` is on the screen."""
        deadline = time.perf_counter() + timeout
        while text not in self.screen:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{text!r} not painted within {timeout:.0f} s\nlast output: {self.screen[-600:]}")
            self._read(0.05)
            if len(self.screen) > 1 << 20:  # only the recent output matters for the search
                self.screen = self.screen[-(1 << 16):]
        return time.perf_counter() - self.started

    def wait_idle(self, quiet: float = 1.0, busy_share: float = 0.05, timeout: float = 300.0) -> float:
        """Wait until the child has been idle for `quiet` seconds; the seconds waited. Idle: all its threads used under
        `busy_share` of a core, read and wrote nothing, and none was waiting on the disk (a long fsync uses no CPU).
        Its output is drained meanwhile, or a full terminal buffer would block it and pass for idle."""
        began = time.perf_counter()
        samples = [(began, *self._activity())]
        while time.perf_counter() - began < timeout:
            end = time.perf_counter() + 0.1
            while time.perf_counter() < end:
                self._read(max(0.0, end - time.perf_counter()))
            self.screen = self.screen[-(1 << 16):]
            now = time.perf_counter()
            samples.append((now, *self._activity()))
            window = [s for s in samples if now - s[0] <= quiet]
            start = next((s for s in reversed(samples) if now - s[0] >= quiet), None)
            if (start is not None and samples[-1][1] - start[1] <= busy_share * (now - start[0])
                    and samples[-1][2] == start[2] and not any(s[3] for s in window)):
                return now - began
            samples = samples[-50:]
        raise TimeoutError(f"{Path(self.argv[0]).name} still busy after {timeout:.0f} s")

    def _activity(self) -> tuple[float, int, bool]:
        """CPU seconds used, bytes read and written, and whether a thread is waiting on the disk now."""
        self._check_alive()
        proc = Path(f"/proc/{self.pid}")
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime, stime of all threads
        io = dict(line.split(": ") for line in (proc / "io").read_text().splitlines())
        waiting = False
        for task in (proc / "task").iterdir():
            try:
                waiting |= (task / "stat").read_text().rsplit(")", 1)[1].split()[0] == "D"
            except FileNotFoundError:  # the thread ended meanwhile
                pass
        return cpu, int(io["rchar"]) + int(io["wchar"]), waiting

    def peak_rss_mb(self) -> float:
        """The process's peak resident set size so far (VmHWM), in MB."""
        return status_mb(self.pid, "VmHWM")


def status_mb(pid: int, field: str) -> float:
    """A memory field of /proc/PID/status (VmRSS, VmHWM), in MB; 0 for a process that is gone."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    for line in lines:
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, and by those, and so on."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children", "rb") as file:
                    children = [int(child) for child in file.read().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def tree_rss_mb(pid: int, excluded: int | None = None) -> float:
    """Resident memory of a process and every process it started (but `excluded`), now, in MB. A child that runs
    its parent's program (its command line the same: forked and not replaced by another program, for a moment
    before an exec or for good) shares most of its parent's memory: only what it holds of its own is counted
    (its private pages), so a copy forked to work aside is counted for what it adds and never counts the app
    twice."""
    parent = _command_line(pid)
    return _rss_mb(pid) + sum(_private_mb(each) if _command_line(each) == parent else _rss_mb(each)
                              for each in descendants(pid) if each != excluded)


def _rss_mb(pid: int) -> float:
    """VmRSS, from /proc/PID/statm (a third of the cost of reading it from /proc/PID/status); 0 for a process that
    is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as file:
            return int(file.read().split()[1]) * PAGE_BYTES / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


def _private_mb(pid: int) -> float:
    """The resident memory the process shares with no other (private pages, /proc/PID/smaps_rollup), in MB; 0 for
    a process that is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as file:
            return sum(int(line.split()[1]) for line in file if line.startswith(b"Private_")) / 1024
    except (OSError, IndexError, ValueError):
        return 0.0


def _command_line(pid: int) -> bytes | None:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read()
    except OSError:
        return None
