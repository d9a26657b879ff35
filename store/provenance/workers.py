"""The parts of a first grouping that need no store, done in other processes while this one groups: `python -m
store.provenance.workers` reads tasks from its standard input, each (task name, list of items), and answers
each with the list of their results, through `store.worker_pipes`. The tasks:

- `"prepare"`: quotation texts, answered with their `grouping.prepare`d forms as `Prepared`: the packed
  `Folded` of each, and all their shingles in one array (an array's bytes cost a tenth of a list of large
  ints to read back, on the process that groups);
- `"flags"`: groups as one `FlagsTask` of arrays of numbers, answered with each group's `groups.flags` (a group
  of a much-republished quotation has hundreds of thousands of members: about 20 bytes each so, where a tuple
  of objects each cost about 120, in both processes).

Plain processes and pipes, as for reading files: nothing of the parent is imported again, quitting kills
them. When a process fails, the rest is done here: slower, never wrong."""
from __future__ import annotations

import queue
import subprocess
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from operator import lshift, or_

from ..worker_pipes import receive, send, serve, start

Prepared = tuple[list[str], array, array]  # (each text's Folded.pack(), all their shingles, each one's count)
# (each group's id, each group's size; of every member, group after group: its quotation_id, the number of its
# date and of its speaker in the table of values, the number of its wording in the list of wordings; the table
# of values, by number; the wordings, as `Folded.pack()`)
FlagsTask = tuple[array, array, array, array, array, array, "dict[int, str | None]", list[str]]


PREPARED_KEPT = 20_000  # texts whose prepared forms a process keeps: a republished quotation is prepared once
# (its shingles as an array: another array takes them in one copy, where a tuple's ints are converted one by one)
_prepared: dict[str, tuple[str, array]] = {}


def prepare_texts(texts: list[str]) -> Prepared:
    packed, shingles, counts = [], array("q"), array("I")
    for text in texts:
        found = _prepared.get(text)
        if found is None:
            from .grouping import prepare  # here: an import statement costs a microsecond, most texts are kept

            folded, own = prepare(text)
            if len(_prepared) >= PREPARED_KEPT:
                _prepared.clear()
            found = _prepared[text] = (folded.pack(), array("q", own))
        packed.append(found[0])
        shingles.extend(found[1])
        counts.append(len(found[1]))
    return packed, shingles, counts


def each_prepared(prepared: Prepared) -> Iterator[tuple[str, array]]:
    """(packed `Folded`, shingles) of each text of a `prepare_texts` answer."""
    packed, shingles, counts = prepared
    at = 0
    for folded, count in zip(packed, counts):
        yield folded, shingles[at:at + count]
        at += count


def group_flags(task: FlagsTask) -> list[tuple[bool, bool]]:
    from .groups import wording_flags
    from .words import Folded

    _groups, sizes, ids, dates, speakers, wordings, values, packed = task
    folded = [Folded.unpack(wording) for wording in packed]  # each wording once: most members are copies of a few
    # Oldest first, as `groups.oldest_first` orders occurrences: by date, undated last, then by id. Each member's
    # key is one number (its date's place among the dates, then its id), not a tuple. A group of a much-republished
    # quotation has hundreds of thousands of members: what is done for each is done by `map`, not a Python loop.
    places = {number: place for place, number in enumerate(sorted(
        set(dates), key=lambda number: (values[number] is None, values[number] or "")))}
    found, at = [], 0
    for size in sizes:
        keys = list(map(or_, map(lshift, map(places.__getitem__, dates[at:at + size]), repeat(64)),
                        ids[at:at + size]))
        order = sorted(range(size), key=keys.__getitem__)
        their_wordings = list(map(wordings[at:at + size].__getitem__, order))
        # numbered in order of first appearance, as `wording_flags` wants them
        numbers = {wording: number for number, wording in enumerate(dict.fromkeys(their_wordings))}
        their_speakers = map(values.__getitem__, map(speakers[at:at + size].__getitem__, order))
        found.append(wording_flags(list(map(numbers.__getitem__, their_wordings)),
                                   [folded[wording] for wording in numbers], dict.fromkeys(their_speakers)))
        at += size
    return found


TASKS: dict[str, Callable[[list], list]] = {"prepare": prepare_texts, "flags": group_flags}


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
