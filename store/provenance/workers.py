"""The parts of a first grouping that need no store, done in other processes while this one groups: `python -m
store.provenance.workers` reads tasks from its standard input, each (task name, list of items), and answers
each with the list of their results, through `store.worker_pipes`. The tasks:

- `"prepare"`: quotation texts, each answered with its `grouping.prepare`d form, (packed `Folded`, shingles);
- `"flags"`: groups, each a list of members as (quotation_id, date, speaker, packed `Folded`), answered with
  its `groups.flags`;
- `"group"`: this process's share of a first grouping (`grouping.ShareGrouper`), which it keeps between
  tasks: (id of the first quotation, prepared chunks it has not seen yet, the last one its own), answered
  with the merges its own quotations made;
- `"postings"`: the same, with no chunk of its own, at the end: answered with the latest postings of each
  shingle (`MemoryStore.shingle_rows`) as two arrays, shingles and quotation ids.

A share answers False when it is handed quotations out of step with those it has (a process died and the
task is done here): the caller then groups everything here again.

Plain processes and pipes, as for reading files: nothing of the parent is imported again, quitting kills
them. When a process fails, the rest is done here: slower, never wrong."""
from __future__ import annotations

import queue
import subprocess
import threading
from collections import deque
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..worker_pipes import receive, send, serve, start

if TYPE_CHECKING:
    from .grouping import ShareGrouper

Prepared = list[tuple[str, list[int]]]  # per text: (Folded.pack(), shingles)
Member = tuple[int, "str | None", "str | None", str]  # (quotation_id, date, speaker, Folded.pack())


def prepare_texts(texts: list[str]) -> Prepared:
    from .grouping import prepare

    return [(folded.pack(), list(own)) for folded, own in map(prepare, texts)]


def group_flags(groups: list[list[Member]]) -> list[tuple[bool, bool]]:
    from .groups import flags
    from .words import Folded

    unpack = Folded.unpack
    return [flags([(quotation_id, date, speaker, unpack(packed)) for quotation_id, date, speaker, packed in members])
            for members in groups]


_share: ShareGrouper | None = None  # this process's share of the first grouping under way


def group_share(task: tuple[int, list[Prepared]], own: bool = True) -> list[tuple[int, int]] | bool:
    global _share
    from .grouping import ShareGrouper

    first_id, chunks = task
    if first_id == 1:
        _share = ShareGrouper()
    if _share is None or _share.next_id != first_id:
        return False
    for number, chunk in enumerate(chunks, 1):
        mine = own and number == len(chunks)
        for packed, shingles in chunk:
            _share.add(packed, shingles, mine)
    return _share.take_merges()


def share_postings(task: tuple[int, list[Prepared]]) -> tuple[array, array] | bool:
    """The latest postings of each shingle, once the share has every quotation; the share is then let go."""
    global _share
    if group_share(task, own=False) is False:
        return False
    shingles, quotation_ids = array("q"), array("q")
    for shingle, quotation_id in _share.store.shingle_rows():
        shingles.append(shingle)
        quotation_ids.append(quotation_id)
    _share = None
    return shingles, quotation_ids


def forget_share() -> None:
    """Let go of a share kept in this process (a first grouping done here, or stopped)."""
    global _share
    _share = None


TASKS: dict[str, Callable] = {"prepare": prepare_texts, "flags": group_flags, "group": group_share,
                              "postings": share_postings}


class WorkerProcesses:
    """`count` worker processes. `run(task, chunks)` yields each chunk (a list of items) with its results, in
    the chunks' order, while the processes work on the chunks after it.

    Each process has a thread that sends it its chunks and one that reads its answers as soon as they come,
    so a process never waits for this one to want an answer, and neither side can be stuck writing to a
    full pipe the other is not reading."""

    def __init__(self, count: int) -> None:
        self.processes: list[subprocess.Popen] = []
        self._outboxes: list[queue.SimpleQueue] = []
        self._inboxes: list[queue.SimpleQueue] = []
        self._threads: list[threading.Thread] = []
        try:
            for _ in range(count):
                process = start("store.provenance.workers")
                self.processes.append(process)
                outbox, inbox = queue.SimpleQueue(), queue.SimpleQueue()
                self._outboxes.append(outbox)
                self._inboxes.append(inbox)
                for target in (_sending, _reading):
                    thread = threading.Thread(target=target, args=(process, outbox if target is _sending else inbox),
                                              daemon=True)
                    thread.start()
                    self._threads.append(thread)
        except OSError:  # no process can be started here: everything is done in this one
            self.close()

    def run(self, task: str, chunks: Iterable[list], ahead: int | None = 4) -> Iterator[tuple[list, list]]:
        """The chunks with their results. `ahead` chunks per process are handed out before the first is
        waited for (all of them when None); they are handed out at once, before the first `next`."""
        chunks = iter(chunks)
        pending: deque[tuple[int, list]] = deque()
        sent = 0

        def send_next() -> bool:
            nonlocal sent
            chunk = next(chunks, None)
            if chunk is None:
                return False
            if self.processes:
                self._outboxes[sent % len(self.processes)].put((task, chunk))
            pending.append((sent, chunk))
            sent += 1
            return True

        limit = None if ahead is None else max(1, len(self.processes)) * ahead
        while (limit is None or sent < limit) and send_next():
            pass
        return self._answers(task, pending, send_next)

    def _answers(self, task: str, pending: deque, send_next: Callable[[], bool]) -> Iterator[tuple[list, list]]:
        while pending:
            number, chunk = pending.popleft()
            results = None
            if self.processes:
                results = self._inboxes[number % len(self.processes)].get()
                if results is None:  # a process died: the rest here
                    self.close()
            yield chunk, results if results is not None else TASKS[task](chunk)
            send_next()

    def close(self) -> None:
        for outbox in self._outboxes:
            outbox.put(None)
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.wait()
        for thread in self._threads:
            thread.join()
        for process in self.processes:
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        self.processes, self._outboxes, self._inboxes, self._threads = [], [], [], []

    def __enter__(self) -> WorkerProcesses:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _sending(process: subprocess.Popen, outbox: queue.SimpleQueue) -> None:
    while (message := outbox.get()) is not None:
        try:
            send(process.stdin, message)
        except (OSError, ValueError):  # the process is gone: its reader says so
            return


def _reading(process: subprocess.Popen, inbox: queue.SimpleQueue) -> None:
    while True:
        try:
            answer = receive(process.stdout)
        except (OSError, ValueError, EOFError):
            answer = None
        inbox.put(answer)
        if answer is None:
            return


def _answer(message: tuple[str, list]) -> list:
    task, items = message
    return TASKS[task](items)


if __name__ == "__main__":
    serve(_answer)
