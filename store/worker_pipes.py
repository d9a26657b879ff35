"""How quotedesk talks to its worker processes (`store.read_worker`, `store.provenance.workers`): plain processes
and pipes rather than `multiprocessing`, so that nothing of the parent is imported again, no helper process or
shared lock is needed (inside the app, standard error is not a file), and quitting kills them. Each request and
each answer is one length-prefixed pickle (or marshal, cheaper, for values made only of numbers, strings, bytes,
lists and tuples)."""
from __future__ import annotations

import marshal
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable

_LENGTH = 8
PIPE_BYTES = 1 << 20  # Linux lets any process make a pipe this large (fs.pipe-max-size)
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


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def send(stream, value: object, dumps: Callable[[object], bytes] = _pickled) -> None:
    data = dumps(value)
    stream.write(len(data).to_bytes(_LENGTH, "little"))
    stream.write(data)
    stream.flush()


def receive(stream, loads: Callable[[bytes], object] = pickle.loads) -> object | None:
    """The next value, or None when the other side has gone (the stream ended, whole frame or not)."""
    data = receive_bytes(stream)
    return None if data is None else loads(data)


def receive_bytes(stream) -> bytes | None:
    """The next value as its pickle (or marshal), not loaded yet (None as `receive`)."""
    header = stream.read(_LENGTH)
    if len(header) < _LENGTH:
        return None
    size = int.from_bytes(header, "little")
    data = stream.read(size)
    if len(data) < size:
        return None
    return data


def start(module: str) -> subprocess.Popen:
    """`python -m module` with pipes to talk to it."""
    process = subprocess.Popen([sys.executable, "-m", module], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    _widen(process.stdout)
    return process


def _widen(pipe) -> None:
    """Let the pipe hold `PIPE_BYTES`: an answer (some 100 KB for 16 articles read) is written at once and the
    worker goes on with its next task, where a pipe of 64 KB held it until this process took the rest."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or above the system's limit: the default size
        pass


def stop(processes: list[subprocess.Popen], threads: Iterable[threading.Thread] = ()) -> None:
    """Kill the worker processes (quitting never waits for their work) and close their pipes, once the `threads`
    that talk to them have seen them end."""
    for process in processes:
        process.kill()
    for process in processes:
        process.wait()
    for thread in threads:
        thread.join()
    for process in processes:
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:  # a pipe whose reader is gone
                pass


def serve(answer: Callable[[object], object], *, plain: bool = False) -> None:
    """A worker's life: answer each request on standard input on standard output, until the input ends.
    `plain`: requests and answers are marshalled, not pickled."""
    background_priority()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    loads, dumps = (marshal.loads, marshal.dumps) if plain else (pickle.loads, _pickled)
    while (request := receive(source, loads)) is not None:
        send(sink, answer(request), dumps)
