"""Folding and shingling quotations in other processes while this one groups them: `python -m
store.provenance.workers` reads lists of quotation texts from its standard input and answers each with their
`grouping.prepare`d form, (packed `Folded`, shingles), framed as `store.read_worker` frames files and records.

Plain processes and pipes, as for reading files: nothing of the parent is imported again, quitting kills
them. When a process fails, the rest is prepared here: slower, never wrong."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import deque
from collections.abc import Iterable, Iterator

from ..read_worker import NICENESS, _receive, _send

Prepared = list[tuple[str, list[int]]]  # per text: (Folded.pack(), shingles)


def prepare_texts(texts: list[str]) -> Prepared:
    from .grouping import prepare

    return [(folded.pack(), list(own)) for folded, own in map(prepare, texts)]


class PreparingProcesses:
    """`count` worker processes; `prepare(chunks)` yields each chunk (a list of texts) with its prepared form,
    in the chunks' order."""

    # One chunk at a time per process: a process reads its chunk whole before it answers, so neither side
    # can be stuck writing to a full pipe the other is not reading (an answer is larger than a pipe holds).
    IN_FLIGHT = 1

    def __init__(self, count: int) -> None:
        self.processes: list[subprocess.Popen] = []
        try:
            for _ in range(count):
                self.processes.append(subprocess.Popen(
                    [sys.executable, "-m", "store.provenance.workers"], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
        except OSError:  # no process can be started here: everything is prepared in this one
            self.close()

    def prepare(self, chunks: Iterable[list[str]]) -> Iterator[tuple[list[str], Prepared]]:
        chunks = iter(chunks)
        pending: deque[tuple[int, list[str]]] = deque()
        sent = 0

        def send_next() -> bool:
            nonlocal sent
            chunk = next(chunks, None)
            if chunk is None:
                return False
            process = self.processes[sent % len(self.processes)] if self.processes else None
            if process is not None:
                try:
                    _send(process.stdin, chunk)
                except OSError:
                    self.close()
            pending.append((sent, chunk))
            sent += 1
            return True

        for _ in range(max(1, len(self.processes)) * self.IN_FLIGHT):
            if not send_next():
                break
        while pending:
            number, chunk = pending.popleft()
            prepared = None
            if self.processes:
                prepared = _receive(self.processes[number % len(self.processes)].stdout)
                if prepared is None:  # a process died: the rest here
                    self.close()
            yield chunk, prepared if prepared is not None else prepare_texts(chunk)
            send_next()

    def close(self) -> None:
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.wait()
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        self.processes = []

    def __enter__(self) -> PreparingProcesses:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def main() -> None:
    try:
        os.nice(NICENESS)  # background work: whoever is waiting for a key gets the processor first
    except OSError:
        pass
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while (texts := _receive(source)) is not None:
        _send(sink, prepare_texts(texts))


if __name__ == "__main__":
    main()
