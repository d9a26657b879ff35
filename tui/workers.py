"""Background work, one way for all of it: every worker runs in a thread (slow work never blocks the UI), a worker
that fails never ends the app, and its failure is reported to the user."""
from __future__ import annotations

from textual import work
from textual.worker import Worker, WorkerState

from store.text import printable


def background(what: str, *, group: str, exclusive: bool = False):
    """`@work` as quotedesk runs every worker: in a thread, and with `exit_on_error=False` (the failure is reported
    by `ReportsFailures` and the app goes on). `what` names the work in the report ("Finding the quotations")."""
    return work(thread=True, exclusive=exclusive, group=group, description=what, exit_on_error=False)


def failure_message(worker: Worker) -> str:
    error = worker.error
    detail = printable(str(error)) if error is not None and str(error) else ""
    kind = type(error).__name__ if error is not None else "error"
    return f"{worker.description or worker.name} failed ({kind}{': ' + detail if detail else ''}); quotedesk goes on."


class ReportsFailures:
    """Mixed into every screen (and the app) that starts workers: a failed worker is reported in a notification.
    Work that can say better where it failed (opening an article) catches its own errors and says so itself."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            event.worker.node.app.notify(failure_message(event.worker), title="Something went wrong",
                                         severity="error", markup=False, timeout=10)
