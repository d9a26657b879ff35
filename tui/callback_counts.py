"""Callbacks run without `inspect.signature` each time.

Textual passes a callback as many of its arguments as the callback takes, counted with `inspect.signature` and
cached on the callable. `call_later` and `call_from_thread` wrap every callback in a new `functools.partial`, on
which the count is cached in vain: each worker's answer, each timer's callback, and every widget a test pilot's pause
waits for paid a signature (some 20 microseconds). Counted here from the wrapped function, whose count is cached, the
number is the same."""
from __future__ import annotations

from functools import partial
from inspect import signature
from types import FunctionType, MethodType
from weakref import WeakKeyDictionary

import textual._callback as _callback

_count_parameters = _callback.count_parameters
# Counts of plain functions, kept here rather than on the function: Textual caches a bound method's count (one
# less than its function's) on the function itself, so the function's own attribute cannot be trusted.
_function_counts: WeakKeyDictionary = WeakKeyDictionary()


def _function_count(function: FunctionType) -> int:
    count = _function_counts.get(function)
    if count is None:
        count = _function_counts[function] = len(signature(function).parameters)
    return count


def _count_of_partial(func) -> int:
    if type(func) is partial:
        wrapped = func.func
        if type(wrapped) is MethodType and type(wrapped.__func__) is FunctionType:
            return _function_count(wrapped.__func__) - 1 - len(func.args) - len(func.keywords)
        if type(wrapped) is FunctionType:
            return _function_count(wrapped) - len(func.args) - len(func.keywords)
    return _count_parameters(func)


def count_parameters_once() -> None:
    """Install the count above in Textual (once)."""
    _callback.count_parameters = _count_of_partial
