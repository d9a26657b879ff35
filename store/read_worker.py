"""Reading files in other processes, one per core: `python -m store.read_worker` reads lists of files from its
standard input and answers with what it read (`store.indexing.FileRecord`s), through `store.worker_pipes`."""
from __future__ import annotations

import pickle
import queue
import threading
from collections import deque
from collections.abc import Iterator

from .worker_pipes import receive_data, send, serve, start, stop

# Answers received and not yet taken, per worker process: while the writer is busy (a commit, a batch of the
# full-text index) the processes go on reading, and no more than this waits for it.
RECEIVED_AHEAD = 64


class WorkerDied(RuntimeError):
    """A reading process ended before answering."""


class ReadingProcesses:
    """`count` worker processes; `read(chunks)` yields each chunk's records in the chunks' order. A thread of
    this process talks to them, so that they never wait for whoever takes the records."""

    IN_FLIGHT = 2  # chunks given to each worker ahead, so that none waits for the next

    def __init__(self, count: int) -> None:
        self.processes = [start("store.read_worker") for _ in range(count)]
        self._received: queue.Queue = queue.Queue(RECEIVED_AHEAD * count)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def read(self, chunks: list[list[tuple[str, int, int, str | None]]]) -> Iterator[list]:
        self._thread = threading.Thread(target=self._exchange, args=(chunks,), name="quotedesk-reading",
                                        daemon=True)
        self._thread.start()
        for _ in chunks:
            data = self._received.get()
            if isinstance(data, WorkerDied):
                raise data
            yield pickle.loads(data)

    def received_ahead(self) -> int:
        """How many chunks' answers have been received and not yet taken."""
        return self._received.qsize()

    def _exchange(self, chunks: list) -> None:
        """Hand out the chunks and queue the answers (as received: they are unpickled by whoever takes them),
        in the chunks' order; a `WorkerDied` in their place when a process ended."""
        count = len(self.processes)
        pending: deque[int] = deque()
        sent = 0
        try:
            while sent < min(len(chunks), count * self.IN_FLIGHT):
                send(self.processes[sent % count].stdin, chunks[sent])
                pending.append(sent)
                sent += 1
            while pending and not self._stopping.is_set():
                number = pending.popleft()
                process = self.processes[number % count]
                data = receive_data(process.stdout)
                if data is None:
                    raise WorkerDied(f"a reading process ended (status {process.poll()})")
                if sent < len(chunks):
                    send(self.processes[sent % count].stdin, chunks[sent])
                    pending.append(sent)
                    sent += 1
                self._put(data)
        except (WorkerDied, OSError, ValueError) as exc:  # ValueError: a pipe closed by `close`
            self._put(exc if isinstance(exc, WorkerDied) else WorkerDied(f"a reading process failed: {exc}"))

    def _put(self, item: object) -> None:
        while not self._stopping.is_set():
            try:
                self._received.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def close(self) -> None:
        self._stopping.set()
        stop(self.processes)
        if self._thread is not None:
            self._thread.join()


def _read_files(files: list[tuple[str, int, int]]) -> list:
    from .indexing import read_file  # here, in the worker: the parent never pays for the engine's import

    return [read_file(*item) for item in files]


if __name__ == "__main__":
    serve(_read_files)
