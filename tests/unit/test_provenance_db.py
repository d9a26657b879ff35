"""Provenance kept in the corpus database: grouped as articles come, change and go; the same groups as the
memory store's; the questions the views ask."""
from __future__ import annotations

import gc
import random
import sqlite3
from pathlib import Path

import pytest

from bench.provenance_corpus import generate
from store.corpus_db import PROVENANCE_SCHEMA
from store.library import Library, Progress
from store.provenance import Grouper, MemoryStore
from store.provenance import db_store
from store.provenance.db_store import DbStore
from store.provenance.reader import ARTICLE_QUOTATIONS, QUOTATION_SEQ, ProvenanceReader

from ..conftest import write_article

ORIGINAL = "“The new ferry terminal in Kelby will cost 40 million crowns and open before the winter,” harbour chief Ada Novak said."
VERBATIM = "“The new ferry terminal in Kelby will cost 40 million crowns and open before the winter,” Novak said."
ONE_WORD = "“The new ferry terminal in Kelby will cost 60 million crowns and open before the winter,” Novak said."
OTHER_SPEAKER = "“The new ferry terminal in Kelby will cost 40 million crowns and open before the winter,” said Ben Haugen."
UNRELATED = "“We will not give up on the night train to the north,” said Ola Berg."


def article(folder: Path, name: str, date: str, source: str, paragraph: str) -> Path:
    return write_article(folder, name, f"date {date} By {source}\n\nThe harbour board met on Tuesday.\n\n{paragraph}\n")


@pytest.fixture
def library(tmp_path: Path):
    opened = Library([tmp_path / "news"], tmp_path / "cache")
    yield opened
    opened.close()


def grouped(library: Library) -> ProvenanceReader:
    library.sync()
    return ProvenanceReader(library.connection)


def marks_of(library: Library, name: str) -> dict:
    [meta] = [m for m in library.reader.newest(100) if m.path.name == name]
    return ProvenanceReader(library.connection).marks(meta.id)


def test_articles_added_changed_and_removed_regroup_their_quotations(tmp_path, library):
    news = tmp_path / "news"
    article(news, "a.txt", "2024-03-01", "Coast Wire", ORIGINAL)
    article(news, "z.txt", "2024-03-01", "Coast Wire", UNRELATED)
    reader = grouped(library)
    assert list(reader.groups()) == []
    assert marks_of(library, "a.txt") == {}

    article(news, "b.txt", "2024-03-02", "Valley Post", VERBATIM)  # a verbatim copy comes
    reader = grouped(library)
    [group] = list(reader.groups())
    assert [o.date for o in group.occurrences] == ["2024-03-01", "2024-03-02"]
    assert (group.changed, group.speaker_conflict) == (False, False)
    [mark] = marks_of(library, "b.txt").values()
    assert (mark.others, mark.label) == (1, "+1")

    article(news, "b.txt", "2024-03-02", "Valley Post", ONE_WORD)  # the copy is edited: a figure changed
    reader = grouped(library)
    [group] = list(reader.groups())
    assert group.changed and not group.speaker_conflict
    assert [(d.op, d.old, d.new) for d in group.occurrences[1].differences if d.is_change] == [("replace", "40", "60")]
    assert marks_of(library, "a.txt")[0].label == "+1 ≠ words"

    article(news, "c.txt", "2024-03-03", "Hill Times", OTHER_SPEAKER)  # and a third gives it to someone else
    reader = grouped(library)
    [group] = list(reader.groups())
    assert group.size == 3 and group.changed and group.speaker_conflict
    assert [g.group_id for g in reader.changed()] == [group.id] and reader.changed_count() == 1

    (news / "b.txt").unlink()
    (news / "c.txt").unlink()
    reader = grouped(library)
    assert list(reader.groups()) == [] and reader.changed_count() == 0
    assert marks_of(library, "a.txt") == {}
    assert library.connection.execute("SELECT count(*) FROM provenance_group").fetchone()[0] == 0
    assert library.connection.execute("SELECT count(*) FROM provenance_quotation").fetchone()[0] == 2


def test_a_group_opens_oldest_first_with_where_each_occurrence_is(tmp_path, library):
    news = tmp_path / "news"
    article(news, "late.txt", "2024-05-09", "Valley Post", ONE_WORD)
    article(news, "early.txt", "2024-05-02", "Coast Wire", ORIGINAL)
    library.sync()
    [meta] = [m for m in library.reader.newest(10) if m.path.name == "late.txt"]
    group = ProvenanceReader(library.connection).group_of(meta.id, 0)
    first, later = group.occurrences
    assert (first.date, first.source, first.speaker, first.title) == ("2024-05-02", "Coast Wire", "Ada Novak",
                                                                       "The harbour board met on Tuesday")
    text = (news / "early.txt").read_text()
    assert first.path.endswith("early.txt") and first.text in text and first.differences == ()
    assert later.source == "Valley Post" and later.compared_with == 0 and later.changed
    assert ProvenanceReader(library.connection).group_of(meta.id, 5) is None  # no such quotation


def _partition(groups: dict[int, list[int]] | list[list[int]]) -> set[frozenset[int]]:
    values = groups.values() if isinstance(groups, dict) else groups
    return {frozenset(members) for members in values if len(members) > 1}


def _db_groups(connection: sqlite3.Connection) -> set[frozenset[int]]:
    found: dict[int, list[int]] = {}
    for quotation_id, group in connection.execute("SELECT quotation_id, group_id FROM provenance_quotation"):
        found.setdefault(group, []).append(quotation_id)
    return _partition(found)


def test_the_database_store_groups_as_the_memory_store_does():
    quotations = generate(600, seed=3).quotations()
    connection = sqlite3.connect(":memory:")
    connection.executescript(PROVENANCE_SCHEMA)
    store = DbStore(connection)
    in_db, in_memory = Grouper(store), Grouper(MemoryStore())
    for quotation in quotations:
        in_db.add(quotation.id, quotation.text)
        in_memory.add(quotation.id, quotation.text)
    expected = _partition(in_memory.store.groups())
    assert len(expected) > 100
    assert _db_groups(connection) == expected
    # Taking quotations away (their articles changed or went) regroups the rest the same way in both.
    for quotation in random.Random(5).sample(quotations, 300):
        in_db.remove(quotation.id)
        in_memory.remove(quotation.id)
    assert _db_groups(connection) == _partition(in_memory.store.groups())


def _bench_corpus(folder: Path, articles: int) -> None:
    generate(articles, seed=7).write(folder)


def test_a_first_grouping_in_worker_processes_finds_the_groups_of_one_at_a_time(tmp_path, monkeypatch):
    _bench_corpus(tmp_path / "news", 700)
    events = []
    monkeypatch.setattr(db_store, "FLAGS_CHUNK", 40)  # many tasks of flags, a few handed out at a time
    monkeypatch.setattr(db_store, "FLAGS_AHEAD", 1)
    monkeypatch.setattr(db_store, "SLICE", 997)  # the quotations written by many statements, the last one short
    at_once = Library([tmp_path / "news"], tmp_path / "cache-1")
    at_once.sync(events.append, workers=2)
    grouping = [event for event in events if isinstance(event, Progress) and event.stage == "grouping"]
    total = at_once.connection.execute("SELECT sum(quotation_count) FROM articles").fetchone()[0]
    assert total >= db_store.FIRST_GROUPING_THRESHOLD  # so the first grouping was the one in memory
    assert grouping[0].done == 0 and grouping[-1].done == grouping[-1].total == total and len(grouping) > 2

    monkeypatch.setattr(db_store, "FIRST_GROUPING_THRESHOLD", 10**9)
    one_at_a_time = Library([tmp_path / "news"], tmp_path / "cache-2")
    one_at_a_time.sync(workers=1)

    def groups(library: Library) -> set[frozenset[tuple[str, int]]]:
        found: dict[int, set] = {}
        for article, seq, group in library.connection.execute(
                f"SELECT r.id, {QUOTATION_SEQ}, p.group_id FROM {ARTICLE_QUOTATIONS}"):
            found.setdefault(group, set()).add((article, seq))
        return {frozenset(members) for members in found.values() if len(members) > 1}

    assert len(groups(at_once)) > 50
    assert groups(at_once) == groups(one_at_a_time)
    flags = "SELECT size, changed, speaker_conflict FROM provenance_group ORDER BY 1, 2, 3"
    assert at_once.connection.execute(flags).fetchall() == one_at_a_time.connection.execute(flags).fetchall()


def test_a_new_copy_of_an_old_quotation_joins_its_group_though_its_shingles_kept_only_the_latest(
        tmp_path, library, monkeypatch):
    """A first grouping writes the latest `POSTINGS_LIMIT` quotations of each shingle: a quotation printed more
    often than that is still found by a later copy, through its latest copies."""
    from store.provenance.grouping import POSTINGS_LIMIT

    monkeypatch.setattr(db_store, "FIRST_GROUPING_THRESHOLD", 5)
    news = tmp_path / "news"
    copies = POSTINGS_LIMIT + 4
    article(news, "first.txt", "2024-03-01", "Coast Wire", ORIGINAL)
    for day in range(2, copies + 1):
        article(news, f"copy{day:02d}.txt", f"2024-03-{day:02d}", "Valley Post", VERBATIM)
    article(news, "other.txt", "2024-03-01", "Coast Wire", UNRELATED)
    library.sync(workers=2)
    connection = library.connection
    assert connection.execute("SELECT count(*) FROM provenance_quotation").fetchone()[0] == copies + 1
    most = connection.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM provenance_shingle GROUP BY shingle)")
    assert most.fetchone()[0] == POSTINGS_LIMIT
    oldest = connection.execute(f"SELECT p.quotation_id FROM {ARTICLE_QUOTATIONS} JOIN articles a ON a.id = r.id "
                                "WHERE a.path LIKE '%first.txt'").fetchone()[0]  # its shingles' postings are full
    assert connection.execute("SELECT count(*) FROM provenance_shingle WHERE quotation_id = ?", (oldest,)).fetchone()[0] \
        < DbStore(connection).shingle_count(oldest)

    article(news, "late.txt", "2024-04-01", "Hill Times", ONE_WORD)  # a changed copy, a month later
    [group] = list(grouped(library).groups())
    assert group.size == copies + 1 and group.changed
    assert group.occurrences[0].date == "2024-03-01" and group.occurrences[-1].date == "2024-04-01"


def test_a_wording_stored_once_for_its_copies_stays_until_its_last_quotation_goes(tmp_path, library, monkeypatch):
    """A first grouping stores each distinct wording once, under its first quotation: when that quotation's article
    goes, its copies keep the wording (a later version is still found like them), and the last one takes it."""
    monkeypatch.setattr(db_store, "FIRST_GROUPING_THRESHOLD", 3)
    news = tmp_path / "news"
    article(news, "first.txt", "2024-03-01", "Coast Wire", ORIGINAL)
    article(news, "copy2.txt", "2024-03-02", "Valley Post", VERBATIM)
    article(news, "copy3.txt", "2024-03-03", "Valley Post", VERBATIM)
    [group] = list(grouped(library).groups())
    connection = library.connection
    assert group.size == 3 and connection.execute("SELECT uses FROM provenance_wording").fetchall() == [(3,)]

    (news / "first.txt").unlink()
    article(news, "late.txt", "2024-04-01", "Hill Times", ONE_WORD)
    [group] = list(grouped(library).groups())
    assert [o.date for o in group.occurrences] == ["2024-03-02", "2024-03-03", "2024-04-01"] and group.changed
    assert marks_of(library, "late.txt")[0].label == "+2 ≠ words"

    for name in ("copy2.txt", "copy3.txt", "late.txt"):
        (news / name).unlink()
    assert list(grouped(library).groups()) == []
    for table in ("provenance_wording", "provenance_quotation", "provenance_article"):
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


@pytest.fixture
def collector_on():
    """The collector running, as in the app (a command run in this process before may have paused it)."""
    collecting = gc.isenabled()
    gc.enable()
    yield
    if not collecting:
        gc.disable()


def test_a_first_grouping_stopped_half_way_leaves_nothing_and_is_done_next_time(tmp_path, collector_on):
    _bench_corpus(tmp_path / "news", 700)
    library = Library([tmp_path / "news"], tmp_path / "cache")
    grouping = []

    def report(event) -> None:
        if isinstance(event, Progress) and event.stage == "grouping":
            grouping.append(event)

    library.sync(report, cancelled=lambda: bool(grouping) and grouping[-1].done > 0, workers=2)
    assert library.connection.execute("SELECT count(*) FROM provenance_quotation").fetchone()[0] == 0
    assert library.connection.execute("SELECT count(*) FROM provenance_article").fetchone()[0] == 0
    assert gc.isenabled()  # the collector, paused while grouping, is back
    assert library.sync(workers=2)  # nothing to read, but the grouping to do
    assert library.connection.execute("SELECT count(*) FROM provenance_group").fetchone()[0] > 50
    assert gc.isenabled()


def test_the_changed_groups_come_a_page_at_a_time_most_republished_first(tmp_path):
    _bench_corpus(tmp_path / "news", 700)
    library = Library([tmp_path / "news"], tmp_path / "cache")
    reader = grouped(library)
    count = reader.changed_count()
    pages = [reader.changed(offset, 10) for offset in range(0, count, 10)]
    listed = [summary for page in pages for summary in page]
    assert len(listed) == count > 10
    assert all(summary.changed or summary.speaker_conflict for summary in listed)
    assert [s.size for s in listed] == sorted((s.size for s in listed), reverse=True)
    top = reader.group(listed[0].group_id)
    assert top.occurrences[0] == listed[0].first and top.size == listed[0].size


def test_articles_stored_by_a_run_stopped_before_grouping_are_grouped_by_the_next(tmp_path, library, monkeypatch):
    from store.indexing import Indexer

    news = tmp_path / "news"
    article(news, "a.txt", "2024-03-01", "Coast Wire", ORIGINAL)
    library.sync()
    article(news, "b.txt", "2024-03-02", "Valley Post", VERBATIM)
    with monkeypatch.context() as patched:  # the articles are stored, then the process dies
        patched.setattr(Indexer, "_group_quotations", lambda self, connection, added, removed: False)
        library.sync()
    assert list(ProvenanceReader(library.connection).groups()) == []
    article(news, "c.txt", "2024-03-03", "Hill Times", OTHER_SPEAKER)  # the next run is told of c.txt only
    [group] = list(grouped(library).groups())
    assert group.size == 3 and group.speaker_conflict


def test_an_articles_provenance_is_by_offsets_with_the_first_seen_of_each_group(tmp_path, library):
    news = tmp_path / "news"
    article(news, "a.txt", "2024-03-01", "Coast Wire", ORIGINAL)
    article(news, "b.txt", "2024-03-02", "Valley Post", ONE_WORD + " " + UNRELATED)
    grouped(library)
    [meta] = [m for m in library.reader.newest(100) if m.path.name == "b.txt"]
    provenance = ProvenanceReader(library.connection).of_article(meta.id)
    quotations = {(q.start, q.end): q for q in library.reader.quotations(meta.id)}
    assert provenance.grouped and set(provenance.groups) == set(quotations)  # both quotations, one a group of one
    [(span, mark)] = provenance.marks.items()
    assert "60 million" in quotations[span].text and mark.label == "+1 ≠ words"
    first = ProvenanceReader(library.connection).first_seen(mark.group_id)
    assert (first.source, first.date) == ("Coast Wire", "2024-03-01")


def test_a_quotation_hidden_by_the_reader_leaves_its_group_and_the_others_keep_theirs(tmp_path, library):
    """The grouping knows an article's quotations by their place among the counted ones: hiding the first moves
    the others up, and each must keep its own group, not take the one before's."""
    from store.sources.article_files import load_article
    from store.corrections import CorrectionsByArticle, apply_corrections, hiding

    news = tmp_path / "news"
    article(news, "a.txt", "2024-03-01", "Coast Wire", f"{UNRELATED}\n\n{ORIGINAL}")
    article(news, "b.txt", "2024-03-02", "Valley Post", VERBATIM)
    article(news, "c.txt", "2024-03-03", "Inland Courier", UNRELATED.replace("Ola Berg", "Per Dahl"))
    grouped(library)
    [meta] = [m for m in library.reader.newest(100) if m.path.name == "a.txt"]
    text_at = {(q.start, q.end): q.text for q in library.reader.quotations(meta.id)}

    def labels() -> dict[str, str]:
        marks = ProvenanceReader(library.connection).of_article(meta.id).marks
        return {text_at[span][:20]: mark.label for span, mark in marks.items()}

    assert labels() == {"We will not give up ": "+1 ≠ speaker", "The new ferry termin": "+1"}
    opened = load_article(meta.path)
    night_train = apply_corrections(opened.text, library.reader.quotations(meta.id), [])[0]
    library.recount(opened, CorrectionsByArticle([hiding(opened, night_train)]))
    assert labels() == {"The new ferry termin": "+1"}
    [meta_c] = [m for m in library.reader.newest(100) if m.path.name == "c.txt"]
    assert ProvenanceReader(library.connection).of_article(meta_c.id).marks == {}  # alone now


def test_the_flags_worked_out_from_a_task_of_numbers_are_those_of_the_groups_members(monkeypatch):
    """A first grouping hands the groups' flags to the worker processes as numbers (ids, dates, speakers and
    wordings by number): each group's flags are what `flags` says of its members, whatever their dates (undated
    ones, several on a day, dates out of the order of the ids) and however the groups fall into tasks."""
    import pickle

    from store.provenance import flags
    from store.provenance.grouping import DenseMemoryStore, prepare
    from store.provenance.workers import group_flags
    from store.provenance.words import Folded

    rng = random.Random(11)
    quotations = generate(400, seed=5).quotations()
    grouped = db_store._Grouped(DenseMemoryStore())
    grouper = Grouper(grouped.store)
    values: dict[str | None, int] = {}
    dates, speakers = {}, {}
    for quotation_id, quotation in enumerate(quotations, 1):
        # few days, some undated, in no order: many members share a date and the ids say nothing of it
        dates[quotation_id] = rng.choice([None, "2024-03-01", "2024-03-02", "2024-02-28T09:00", "2024-02-28"])
        speakers[quotation_id] = quotation.speaker if rng.random() < 0.8 else rng.choice([None, "Ola Berg"])
        for value, numbered in ((dates[quotation_id], grouped.dates), (speakers[quotation_id], grouped.speakers)):
            numbered.append(values.setdefault(value, len(values)))
        grouper.add_prepared(quotation_id, *prepare(quotation.text))
    grouped.values = list(values)
    store = grouped.store
    expected = {group: flags([(member, dates[member], speakers[member], Folded.unpack(store.folded(member)))
                              for member in store.members(group)]) for group in store.group_ids()}
    assert len(expected) > 30 and len(set(expected.values())) >= 3  # groups changed or not, with a conflict or not

    monkeypatch.setattr(db_store, "FLAGS_CHUNK", 25)  # tasks of several groups
    found = {}
    for task in db_store._flags_tasks(grouped):
        task = pickle.loads(pickle.dumps(task, protocol=pickle.HIGHEST_PROTOCOL))  # as a worker process gets it
        assert len(task[0]) < len(expected)
        found.update(zip(task[0], group_flags(task)))
    assert found == expected


def _provenance_tables(connection: sqlite3.Connection) -> dict[str, list]:
    return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("provenance_quotation", "provenance_wording", "provenance_shingle", "provenance_group",
                          "provenance_article")}


def test_a_first_grouping_of_quotations_prepared_as_they_were_read_writes_what_one_from_the_database_does(
        tmp_path, monkeypatch):
    _bench_corpus(tmp_path / "news", 700)
    library = Library([tmp_path / "news"], tmp_path / "cache")
    with monkeypatch.context() as patched:  # the indexer hands over what its reading processes prepared
        patched.setattr(db_store, "_group_in_memory", lambda *args: pytest.fail("quotations read back"))
        library.sync(workers=2)
    prepared = _provenance_tables(library.connection)
    assert len(prepared["provenance_quotation"]) >= db_store.FIRST_GROUPING_THRESHOLD
    assert len(prepared["provenance_group"]) > 50
    with db_store.transaction(library.connection):
        for table in prepared:
            library.connection.execute(f"DELETE FROM {table}")
        library.connection.execute("DELETE FROM meta WHERE key = 'provenance_complete'")
    assert db_store.update(library.connection, workers=2)  # the quotations read from the database
    assert _provenance_tables(library.connection) == prepared
    library.close()


@pytest.mark.parametrize("more", [0, 700])  # grouped a few at a time, and in memory
def test_an_article_whose_corrections_are_counted_in_the_run_that_reads_it_is_grouped_as_counted(tmp_path, more):
    """The reading processes prepare the quotations the engine found; the reader's corrections, counted before
    the grouping, may hide some: the grouping takes the counted ones."""
    from store.corrections import CorrectionsByArticle, apply_corrections, hiding
    from store.quotes.engine import extract_quotations
    from store.sources.article_files import load_article

    news = tmp_path / "news"
    if more:
        _bench_corpus(news / "wire", more)
    path = article(news, "a.txt", "2024-03-01", "Coast Wire", f"{UNRELATED}\n\n{ORIGINAL}")
    article(news, "b.txt", "2024-03-02", "Valley Post", VERBATIM)
    article(news, "c.txt", "2024-03-03", "Inland Courier", UNRELATED.replace("Ola Berg", "Per Dahl"))
    opened = load_article(path)
    night_train = next(item for item in apply_corrections(opened.text, extract_quotations(opened.text), [])
                       if "night train" in item.quotation.text)
    library = Library([news], tmp_path / "cache")
    library.sync(workers=2, corrections=CorrectionsByArticle([hiding(opened, night_train)]))
    metas = {meta.path.name: meta for meta in library.reader.newest(10_000) if meta.path.parent == news}
    reader = ProvenanceReader(library.connection)
    [mark] = reader.marks(metas["a.txt"].id).values()
    assert mark.seq == 0 and mark.others == 1  # the ferry quotation, first now, with b.txt's
    assert reader.marks(metas["c.txt"].id) == {}  # the hidden quotation grouped with nothing
    library.close()
