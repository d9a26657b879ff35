"""The peak resident memory of a process and the processes it started, sampled by a process of its own: sampling
in the measured process would take its interpreter from it twenty times a second, and its processor time would be
counted as the app's.

`python -m bench.memory_sampler PID INTERVAL` samples until its standard input ends, then prints the peak in MB."""
from __future__ import annotations

import os
import select
import subprocess
import sys

from .pty_app import tree_rss_mb


class MemorySampler:
    """Samples this process and its children every `interval` seconds from `start()` until `stop()`."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_tree_mb = 0.0
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.memory_sampler", str(os.getpid()), str(self.interval)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def stop(self) -> None:
        """Stop sampling; `peak_tree_mb` is the peak seen."""
        process, self._process = self._process, None
        if process is None:
            return
        process.stdin.close()
        answer = process.stdout.read()
        process.wait()
        self.peak_tree_mb = float(answer)


def sample(pid: int, interval: float) -> float:
    """The peak of `tree_rss_mb(pid)` (this process left out) until standard input ends."""
    peak = 0.0
    mine = os.getpid()
    while True:
        peak = max(peak, tree_rss_mb(pid, excluded=mine))
        if select.select([sys.stdin], [], [], interval)[0]:
            return peak


if __name__ == "__main__":
    print(sample(int(sys.argv[1]), float(sys.argv[2])), flush=True)
