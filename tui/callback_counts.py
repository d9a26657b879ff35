"""Callbacks run without `inspect.signature` each time.

Textual passes a callback as many of its arguments as the callback takes, counted with `inspect.signature` and
cached on the callable. `call_later` and `call_from_thread` wrap every callback in a new `functools.partial`, on
which the count is cached in vain: each worker's answer, each timer's callback, and every widget a test pilot's pause
waits for paid a signature (some 20 microseconds). Counted here from the wrapped function, whose count is cached, the
number is the same."""
from __future__ import annotations

from functools import partial
from types import FunctionType, MethodType

import textual._callback as _callback

_count_parameters = _callback.count_parameters


def _count_of_partial(func) -> int:
    if type(func) is partial and isinstance(func.func, (FunctionType, MethodType)):
        return _count_parameters(func.func) - len(func.args) - len(func.keywords)
    return _count_parameters(func)


def count_parameters_once() -> None:
    """Install the count above in Textual (once)."""
    _callback.count_parameters = _count_of_partial
