"""Folding and shingling quotations in other processes while this one groups them: `python -m
store.provenance.workers` reads lists of quotation texts from its standard input and answers each with their
`grouping.prepare`d form, (packed `Folded`, shingles), through `store.worker_pipes`. When a process fails, the
rest is prepared here: slower, never wrong."""
from __future__ import annotations

import subprocess
from collections import deque
from collections.abc import Iterable, Iterator

from ..worker_pipes import receive, send, serve, start, stop

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
                self.processes.append(start("store.provenance.workers"))
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
                    send(process.stdin, chunk)
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
                prepared = receive(self.processes[number % len(self.processes)].stdout)
                if prepared is None:  # a process died: the rest here
                    self.close()
            yield chunk, prepared if prepared is not None else prepare_texts(chunk)
            send_next()

    def close(self) -> None:
        stop(self.processes)
        self.processes = []

    def __enter__(self) -> PreparingProcesses:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


if __name__ == "__main__":
    serve(prepare_texts)
