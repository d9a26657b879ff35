"""Reading files in other processes, one per core: `python -m store.read_worker` reads lists of files from its
standard input and answers with what it read (`store.indexing.FileRecord`s), both as length-prefixed pickles.

Plain processes and pipes rather than `multiprocessing`: nothing of the parent is imported again, no helper
process or shared lock is needed (inside the app, standard error is not a file), and quitting kills them."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections import deque
from collections.abc import Iterator

_LENGTH = 8
NICENESS = 10  # as the app's background threads: the UI's thread, woken by a key, goes first


def background_priority() -> None:
    """Run this process as background work: at `NICENESS` (as the thread that started it, not 10 lower again:
    at 19 it got almost nothing of a machine busy with other work), and marked as batch work, which a thread
    woken by a key takes the processor from at once."""
    try:
        os.nice(max(0, NICENESS - os.nice(0)))
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or not allowed: the work just competes evenly
        pass


def _send(stream, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_LENGTH, "little"))
    stream.write(data)
    stream.flush()


def _receive(stream) -> object | None:
    header = stream.read(_LENGTH)
    if len(header) < _LENGTH:
        return None
    size = int.from_bytes(header, "little")
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


class WorkerDied(RuntimeError):
    """A reading process ended before answering."""


class ReadingProcesses:
    """`count` worker processes; `read(chunks)` yields each chunk's records in the chunks' order."""

    IN_FLIGHT = 2  # chunks given to each worker ahead, so that none waits for the next

    def __init__(self, count: int) -> None:
        self.processes = [
            subprocess.Popen([sys.executable, "-m", "store.read_worker"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            for _ in range(count)]

    def read(self, chunks: list[list[tuple[str, int, int, str | None]]]) -> Iterator[list]:
        count = len(self.processes)
        pending: deque[int] = deque()
        sent = 0
        while sent < min(len(chunks), count * self.IN_FLIGHT):
            _send(self.processes[sent % count].stdin, chunks[sent])
            pending.append(sent)
            sent += 1
        while pending:
            number = pending.popleft()
            process = self.processes[number % count]
            records = _receive(process.stdout)
            if records is None:
                raise WorkerDied(f"a reading process ended (status {process.poll()})")
            if sent < len(chunks):
                _send(self.processes[sent % count].stdin, chunks[sent])
                pending.append(sent)
                sent += 1
            yield records

    def close(self) -> None:
        for process in self.processes:
            process.kill()  # quitting never waits for a file being read
        for process in self.processes:
            process.wait()
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:  # a pipe whose reader is gone
                    pass


def main() -> None:
    from .indexing import read_file  # here, in the worker: the parent never pays for the engine's import

    background_priority()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while (files := _receive(source)) is not None:
        _send(sink, [read_file(*item) for item in files])


if __name__ == "__main__":
    main()
