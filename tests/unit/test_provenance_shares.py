"""A first grouping shared between processes finds the groups one grouping of everything finds."""
from __future__ import annotations

from pathlib import Path

from bench.provenance_corpus import generate
from store.library import Library
from store.provenance import Grouper, MemoryStore, prepare
from store.provenance import db_store, workers
from store.provenance.grouping import ShareGrouper


def _partition(groups) -> set[frozenset[int]]:
    return {frozenset(members) for members in groups if len(members) > 1}


def test_shares_of_the_quotations_together_group_them_as_one_grouper_does():
    quotations = generate(500, seed=11).quotations()
    one = Grouper()
    for number, quotation in enumerate(quotations, 1):
        one.add(number, quotation.text)
    prepared = [prepare(quotation.text) for quotation in quotations]
    shares = [ShareGrouper() for _ in range(3)]
    joined = MemoryStore()
    for number, (folded, own) in enumerate(prepared, 1):
        joined.add(number, folded.pack(), ())
        for index, share in enumerate(shares):
            share.add(folded.pack(), own, mine=(number // 40) % len(shares) == index)  # in runs, as chunks go
    for share in shares:
        for group, other in share.take_merges():
            joined.merge(joined.group_of(group), joined.group_of(other))
    expected = _partition(one.store.groups().values())
    assert len(expected) > 80
    assert _partition(joined.groups().values()) == expected


def _groups(library: Library) -> set[frozenset[tuple[str, int]]]:
    found: dict[int, set] = {}
    for article, seq, group in library.connection.execute("SELECT article, seq, group_id FROM provenance_quotation"):
        found.setdefault(group, set()).add((article, seq))
    return {frozenset(members) for members in found.values() if len(members) > 1}


def test_a_grouping_process_that_dies_half_way_costs_the_groups_nothing(tmp_path: Path, monkeypatch):
    generate(700, seed=7).write(tmp_path / "news")
    monkeypatch.setattr(db_store, "CHUNK", 300)  # several chunks for each process
    answer = workers.WorkerProcesses.answer
    killed = []

    def answer_then_kill_one(self, process):
        found = answer(self, process)
        if len(self.processes) == 2 and not killed:
            self.processes[1].kill()  # while it has chunks to group
            killed.append(process)
        return found

    monkeypatch.setattr(workers.WorkerProcesses, "answer", answer_then_kill_one)
    group_in_memory, groupings = db_store._group_in_memory, []

    def counted(*args):
        groupings.append(len(args[1].processes))  # how many processes shared the grouping
        return group_in_memory(*args)

    monkeypatch.setattr(db_store, "_group_in_memory", counted)
    at_once = Library([tmp_path / "news"], tmp_path / "cache-1")
    at_once.sync(workers=2)
    assert killed and groupings == [2, 0]  # started again in this process
    monkeypatch.setattr(db_store, "FIRST_GROUPING_THRESHOLD", 10**9)
    one_at_a_time = Library([tmp_path / "news"], tmp_path / "cache-2")
    one_at_a_time.sync(workers=1)
    assert len(_groups(at_once)) > 50
    assert _groups(at_once) == _groups(one_at_a_time)
    flags = "SELECT size, changed, speaker_conflict FROM provenance_group ORDER BY 1, 2, 3"
    assert at_once.connection.execute(flags).fetchall() == one_at_a_time.connection.execute(flags).fetchall()
