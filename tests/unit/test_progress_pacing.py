from __future__ import annotations

from store.library import PROGRESS_SECONDS, Finished, Progress, Stored, paced


def test_a_stage_progress_is_passed_on_at_most_every_so_often_its_first_and_last_always():
    passed: list[object] = []
    now = [100.0]
    report = paced(passed.append, clock=lambda: now[0])
    for done in range(10):
        report(Progress("reading", done, 10))
    report(Stored(7))  # other events pass as they come
    report(Progress("reading", 10, 10))
    report(Progress("grouping", 0, 50))  # a new stage's first report
    report(Progress("grouping", 1, 50))
    now[0] += 1.5 * PROGRESS_SECONDS
    report(Progress("grouping", 2, 50))
    report(Progress("grouping", 3, 50))
    report(Progress("grouping", 50, 50))
    report(Finished(True))
    assert passed == [Progress("reading", 0, 10), Stored(7), Progress("reading", 10, 10), Progress("grouping", 0, 50),
                      Progress("grouping", 2, 50), Progress("grouping", 50, 50), Finished(True)]
