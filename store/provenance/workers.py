"""The parts of a first grouping done in other processes: `python -m store.provenance.workers` reads tasks
from its standard input, each (task name, item), and answers each, through `store.worker_pipes`. The tasks:

- `"prepare"`: (chunk number, quotation texts): each text `grouping.prepare`d, answered as a `Chunk`; the
  process keeps the chunk, to group it when told to. Chunk 0 starts a new first grouping;
- `"group"`: (id of the first quotation not seen, the prepared chunks of other processes this one has not
  seen, the number of one of its own): this process's share of the grouping (`grouping.ShareGrouper`,
  kept between tasks) indexes the others' chunks and groups its own; answered with the merges it made;
- `"postings"`: the same with no chunk of its own, at the end, and a part of the range of shingles: answered
  with the latest postings of each shingle of that part (`MemoryStore.shingle_arrays`);
- `"flags"`: groups, each a list of members as (quotation_id, date, speaker, packed `Folded`), answered with
  their `groups.flags`.

A share answers False when it is handed quotations out of step with those it has.

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
    from .words import Folded

Member = tuple[int, "str | None", "str | None", str]  # (quotation_id, date, speaker, Folded.pack())


def group_flags(groups: list[list[Member]]) -> list[tuple[bool, bool]]:
    from .groups import flags
    from .words import Folded

    unpack = Folded.unpack
    return [flags([(quotation_id, date, speaker, unpack(packed)) for quotation_id, date, speaker, packed in members])
            for members in groups]


Chunk = tuple[list[str], array, array]  # a chunk prepared: packed `Folded`s, their shingles end to end, how many each


class _Share:
    """This process's share of a first grouping under way (`grouping.ShareGrouper`), and the chunks it
    prepared that it has yet to group, by number."""

    def __init__(self) -> None:
        from .grouping import ShareGrouper

        self.grouper = ShareGrouper()
        self.kept: dict[int, tuple[Chunk, list[Folded]]] = {}


_share: _Share | None = None


def prepare_share(task: tuple[int, list[str]]) -> Chunk:
    """Prepare a chunk of quotation texts, and keep it to group it when told to (`group_share`)."""
    global _share
    from .grouping import prepare

    number, texts = task
    if number == 0 or _share is None:
        _share = _Share()
    packed, shingles, counts, kept = [], array("q"), array("I"), []
    for folded, own in map(prepare, texts):
        kept.append(folded)
        packed.append(folded.pack())
        shingles.extend(own)
        counts.append(len(own))
    _share.kept[number] = (packed, shingles, counts), kept
    return packed, shingles, counts


def _index(chunk: Chunk, mine: list[Folded] | None = None) -> None:
    """Add a chunk's quotations to the share, grouping them if they are `mine` (their `Folded`s)."""
    add = _share.grouper.add
    packed, shingles, counts = chunk
    at = 0
    for index, (one, count) in enumerate(zip(packed, counts)):
        add(one, shingles[at:at + count], mine is not None, None if mine is None else mine[index])
        at += count


def group_share(task: tuple[int, list[Chunk], int | None]) -> list[tuple[int, int]] | bool:
    """Add the chunks this process has not seen (the others'), then group its own chunk `number`: the
    merges that made. False when the share is out of step with the quotations it is handed."""
    first_id, chunks, number = task
    if _share is None or _share.grouper.next_id != first_id or (number is not None and number not in _share.kept):
        return False
    for chunk in chunks:
        _index(chunk)
    if number is not None:
        _index(*_share.kept.pop(number))
    return _share.grouper.take_merges()


def share_postings(task: tuple[tuple[int, list[Chunk], None], int, int]) -> tuple[array, array] | bool:
    """The latest postings of the `part`-th of `parts` ranges of shingles, once the share has every
    quotation; the share is then let go."""
    global _share
    grouping, part, parts = task
    if group_share(grouping) is False:
        return False
    found = _share.grouper.store.shingle_arrays(part, parts)
    _share = None
    return found


def forget_share() -> None:
    """Let go of a share kept in this process (a first grouping done here, or stopped)."""
    global _share
    _share = None


TASKS: dict[str, Callable] = {"prepare": prepare_share, "flags": group_flags, "group": group_share,
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
        self._answered_here: deque = deque()
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

    @property
    def count(self) -> int:
        """How many processes the work is spread over (this one's, when none could be started)."""
        return max(1, len(self.processes))

    def ask(self, process: int, task: str, item: object) -> None:
        """Hand one task to one process; with no process, it is done here at once. Its answer comes from
        `answer`, in the order the process was asked."""
        if self.processes:
            self._outboxes[process].put((task, item))
        else:
            self._answered_here.append(TASKS[task](item))

    def answer(self, process: int) -> object | None:
        """The answer to the oldest task handed to a process (`ask`) and not answered yet; None when the
        process died."""
        if self.processes:
            return self._inboxes[process].get()
        return self._answered_here.popleft()

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
