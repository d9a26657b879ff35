"""Reading files in other processes, one per core: `python -m store.read_worker` reads lists of files from its
standard input and answers with what it read (`store.indexing.FileRecord`s, as plain tuples of their fields),
through `store.worker_pipes`, marshalled: a record is numbers, strings, bytes, lists and tuples, which marshal
writes and reads back in about two thirds of the time pickle takes."""
from __future__ import annotations

import gc
import marshal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import worker_pipes
from .worker_pipes import receive_bytes, send, start, stop


class WorkerDied(RuntimeError):
    """A reading process ended before answering."""


class ReadingProcesses:
    """`count` worker processes; `read(chunks)` yields each chunk's records in the chunks' order.

    Each process has a thread here that hands it the next chunk not taken yet and takes its answers as soon as
    they are written: a process never waits for the writer to want its answer (its pipe full, or nothing left
    to read) while the writer waits for another process's chunk. Answers that came early wait here, up to
    `AHEAD_PER_PROCESS` chunks per process beyond the one the writer wants; while the writer writes (`writing`),
    up to `AHEAD_BYTES_WRITING` of them, however many chunks that is."""

    IN_FLIGHT = 2  # chunks given to each process at a time: the next one waits in its pipe while it reads one
    # About half a second of reading: the writer may take them all in at once after a long commit, and holds them
    # until its next write (at 32, the peak memory of 10,000 articles was some 30 MB higher).
    AHEAD_PER_PROCESS = 16
    # A commit takes the writer one to two and a half seconds late in a long first indexing, while the chunks
    # above last the processes a third of that: they would wait, a core idle. Answers are some 6 KB an article
    # as they wait here (five times less than once taken in): this is some second and a half of reading.
    AHEAD_BYTES_WRITING = 12 << 20

    def __init__(self, count: int) -> None:
        self.processes = [start("store.read_worker") for _ in range(count)]
        self._threads: list[threading.Thread] = []
        self._changed = threading.Condition()
        self._stopping = False
        self._writing = False  # the writer is writing: it takes no answer for a while (`writing`)
        self._waiting_bytes = 0  # of the answers here that the writer has not taken

    @contextmanager
    def writing(self) -> Iterator[None]:
        """While the writer writes, the processes read ahead of it beyond the chunks they may otherwise, up to
        `AHEAD_BYTES_WRITING` of answers."""
        with self._changed:
            self._writing = True
            self._changed.notify_all()
        try:
            yield
        finally:
            with self._changed:
                self._writing = False

    def read(self, chunks: list[list[tuple[str, int, int, str | None]]]) -> Iterator[list]:
        from .indexing import FileRecord

        answers: dict[int, bytes | None] = {}  # chunk number -> its answer, marshalled (None: its process died)
        window = self.AHEAD_PER_PROCESS * len(self.processes)
        wanted = 0
        taken = 0  # the chunks handed out so far: 0 .. taken - 1
        feeding = list(self.processes)  # those whose thread still runs

        def ahead() -> bool:  # too far ahead of the writer to take another chunk now
            return taken >= wanted + window and not (self._writing
                                                     and self._waiting_bytes < self.AHEAD_BYTES_WRITING)

        def next_chunk(waiting: bool) -> int | None:
            """The next chunk's number for a process (None: none left). `waiting`: the process has no chunk, so
            it may wait here until the writer has taken the answers ahead of it."""
            nonlocal taken
            with self._changed:
                while waiting and not self._stopping and taken < len(chunks) and ahead():
                    self._changed.wait()
                if self._stopping or taken >= len(chunks) or ahead():
                    return None
                taken += 1
                return taken - 1

        def feed(process) -> None:
            given: deque[int] = deque()  # the chunks this process has and has not answered yet
            try:
                while True:
                    while len(given) < self.IN_FLIGHT and (number := next_chunk(not given)) is not None:
                        given.append(number)
                        try:
                            send(process.stdin, chunks[number], marshal.dumps)
                        except (OSError, ValueError):  # its pipe is closed: it died, or reading stopped
                            break
                    if not given:
                        return
                    answer = receive_bytes(process.stdout)
                    if answer is None:
                        return
                    with self._changed:
                        answers[given.popleft()] = answer
                        self._waiting_bytes += len(answer)
                        self._changed.notify_all()
            finally:  # the process ended (or this thread failed): what it was given is lost
                with self._changed:
                    answers.update(dict.fromkeys(given))
                    feeding.remove(process)
                    self._changed.notify_all()

        self._threads = [threading.Thread(target=feed, args=(process,), name="quotedesk-reading", daemon=True)
                         for process in self.processes]
        for thread in self._threads:
            thread.start()
        for number in range(len(chunks)):
            with self._changed:
                wanted = number
                self._changed.notify_all()
                while number not in answers and feeding:
                    self._changed.wait()
                answer = answers.pop(number, None)
                self._waiting_bytes -= len(answer or b"")
            if answer is None:
                raise WorkerDied(f"a reading process ended (status {self._status()})")
            yield [FileRecord(*fields) for fields in marshal.loads(answer)]

    def _status(self) -> str:
        return ", ".join(str(process.poll()) for process in self.processes)

    def close(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        stop(self.processes, self._threads)


def _read_files(files: list[tuple[str, int, int, str | None]]) -> list[tuple]:
    """Each file's `FileRecord`, as the tuple of its fields."""
    from .indexing import read_file  # here, in the worker: the parent never pays for the engine's import

    records = [read_file(*item) for item in files]
    return [(record.path, record.size, record.mtime_ns, record.articles, record.problems) for record in records]


def serve(answer: Callable[[list], list[tuple]] = _read_files) -> None:
    """A reading process's life (`answer`: what it makes of a list of files)."""
    worker_pipes.serve(answer, plain=True)


# Objects a reading process may make before the collector looks for reference cycles among the newest (Python's
# default is 700): reading an article leaves a few dozen behind, and at 700 the looks took some 2% of the
# process's time; at this, well under 1%, for a few MB more at most.
YOUNG_OBJECTS = 20_000


def _warm() -> None:
    """Import what reading takes now, at background priority: a process started while the files are still being
    listed is then ready when its first chunk comes. What the imports made (the engine's tables and compiled
    patterns, which live as long as the process) is set aside from the collector, which would walk it again
    and again for nothing."""
    from .indexing import _reading_modules

    worker_pipes.background_priority()
    _reading_modules()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


if __name__ == "__main__":
    _warm()
    serve()
