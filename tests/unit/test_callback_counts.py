"""Textual is told how many arguments a callback takes; a wrong count calls it with too few or too many. The count
is Textual's: the wrapped callable's parameters less those the partial binds."""
from functools import partial
from inspect import signature

import textual._callback as textual_callback

from tui.callback_counts import _count_of_partial


class Widgetish:
    def method(self, first, second=1):
        pass

    async def coroutine(self, first):
        pass


def function(first, second, third=3):
    pass


def test_partials_are_counted_as_their_signatures_say():
    widget = Widgetish()
    # Textual caches a bound method's count on its function: the function's own count must not take it up.
    textual_callback.count_parameters(widget.method)
    cases = [partial(widget.method), partial(widget.method, 1), partial(Widgetish.method, widget),
             partial(widget.coroutine), partial(function), partial(function, 1), partial(function, second=2),
             partial(partial(function, 1), 2)]
    for callback in cases:
        expected = len(signature(callback.func).parameters) - len(callback.args) - len(callback.keywords)
        assert _count_of_partial(callback) == expected, callback
