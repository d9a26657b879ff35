"""Reading files in other processes, one per core: `python -m store.read_worker` reads lists of files from its
standard input and answers with what it read (`store.indexing.FileRecord`s), through `store.worker_pipes`."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from .worker_pipes import receive, send, serve, start, stop


class WorkerDied(RuntimeError):
    """A reading process ended before answering."""


class ReadingProcesses:
    """`count` worker processes; `read(chunks)` yields each chunk's records in the chunks' order."""

    IN_FLIGHT = 2  # chunks given to each worker ahead, so that none waits for the next

    def __init__(self, count: int) -> None:
        self.processes = [start("store.read_worker") for _ in range(count)]

    def read(self, chunks: list[list[tuple[str, int, int, str | None]]]) -> Iterator[list]:
        count = len(self.processes)
        pending: deque[int] = deque()
        sent = 0
        while sent < min(len(chunks), count * self.IN_FLIGHT):
            send(self.processes[sent % count].stdin, chunks[sent])
            pending.append(sent)
            sent += 1
        while pending:
            number = pending.popleft()
            process = self.processes[number % count]
            records = receive(process.stdout)
            if records is None:
                raise WorkerDied(f"a reading process ended (status {process.poll()})")
            if sent < len(chunks):
                send(self.processes[sent % count].stdin, chunks[sent])
                pending.append(sent)
                sent += 1
            yield records

    def close(self) -> None:
        stop(self.processes)


def _read_files(files: list[tuple[str, int, int]]) -> list:
    from .indexing import read_file  # here, in the worker: the parent never pays for the engine's import

    return [read_file(*item) for item in files]


if __name__ == "__main__":
    serve(_read_files)
