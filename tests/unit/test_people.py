from __future__ import annotations

import threading
from pathlib import Path

import pytest

from store import people as people_module
from store.library import Indexed, IndexOpened, open_library
from store.model import Quotation
from store.people import TABLE_FILE, QuotationRef, QuotationTable, group_names, is_unnamed

from ..conftest import write_article


def q(start: int, speaker: str | None, role: str | None = None, kind: str = "direct") -> Quotation:
    return Quotation("x" * 10, start, start + 10, 0, speaker, role, kind)


def grouped(*names: str) -> list[list[str]]:
    """The names as grouped into speakers, each group sorted, groups sorted."""
    return sorted(sorted(name for name, _ in members) for members in group_names(dict.fromkeys(names, 0)).values())


# --- names --------------------------------------------------------------------------------------------


def test_title_and_initial_forms_are_one_speaker():
    assert grouped("Dr. Ada Novak", "Ada Novak", "A. Novak") == [["A. Novak", "Ada Novak", "Dr. Ada Novak"]]


def test_different_first_names_are_two_speakers():
    assert grouped("Ada Novak", "Ben Novak") == [["Ada Novak"], ["Ben Novak"]]


def test_bare_surname_joins_the_only_person_with_it():
    assert grouped("Ada Novak", "Novak", "Dr. Ada Novak") == [["Ada Novak", "Dr. Ada Novak", "Novak"]]
    assert grouped("Ada Novak", "Ben Novak", "Novak") == [["Ada Novak"], ["Ben Novak"], ["Novak"]]


def test_initial_joins_only_an_unambiguous_full_name():
    assert grouped("Ada Novak", "Ben Novak", "A. Novak", "B Novak") == [["A. Novak", "Ada Novak"],
                                                                       ["B Novak", "Ben Novak"]]
    assert grouped("Ada Novak", "Anna Novak", "A. Novak") == [["A. Novak"], ["Ada Novak"], ["Anna Novak"]]


def test_middle_names_accents_suffixes_and_particles():
    assert grouped("Jens Kjær Madsen", "Jens Madsen") == [["Jens Kjær Madsen", "Jens Madsen"]]
    assert grouped("Tomás Ordóñez", "Tomas Ordonez") == [["Tomas Ordonez", "Tomás Ordóñez"]]
    assert grouped("Martin Luther King Jr.", "Martin King") == [["Martin King", "Martin Luther King Jr."]]
    assert grouped("Els van der Berg", "van der Berg", "Piet Berg") == [["Els van der Berg", "van der Berg"],
                                                                        ["Piet Berg"]]


def test_unnamed_head_nouns_are_not_people():
    assert is_unnamed("spokesman") and is_unnamed("official") and is_unnamed("MP")
    assert not is_unnamed("Novak") and not is_unnamed("Ada Novak") and not is_unnamed("de Gaulle")
    keys = group_names({"spokesman": 1, "Spokesman Novak": 2, "Novak": 3})
    assert "~spokesman" in keys


# --- statistics ---------------------------------------------------------------------------------------


@pytest.fixture
def table() -> QuotationTable:
    t = QuotationTable()
    t.add("a1", "2024-01-10", [q(0, "Dr. Ada Novak", "Dr."), q(50, "Ben Novak", "mayor"), q(90, "Ada Novak")])
    t.add("a2", "2024-03-05", [q(0, "A. Novak", "minister"), q(20, "spokesman"), q(40, None),
                                q(60, "Ada Novak", "minister", kind="indirect")])
    t.add("a3", "2024-03-20", [q(5, "Ada Novak", "minister"), q(30, "Ada Novak", "Dr.")])
    t.add("a4", None, [q(7, "Novak")])  # undated; a bare surname shared by two people stays apart
    t.add("a5", "2023-12-31", [])
    return t


def test_counts_dates_and_months(table: QuotationTable):
    speakers = table.speakers()
    assert [(s.name, s.quotations, s.articles, s.named) for s in speakers] == [
        ("Ada Novak", 5, 3, True), ("Ben Novak", 1, 1, True), ("Novak", 1, 1, True), ("spokesman", 1, 1, False)]
    ada = speakers[0]
    assert (ada.first_date, ada.last_date) == ("2024-01-10", "2024-03-20")
    assert ada.by_month == {"2024-01": 2, "2024-03": 3}
    assert list(ada.by_month) == sorted(ada.by_month)
    assert ada.role in ("Dr.", "minister")  # two each: either is the most frequent
    assert set(ada.forms) == {"Dr. Ada Novak", "Ada Novak", "A. Novak"} and ada.forms[0] == "Ada Novak"
    assert speakers[1].role == "mayor"
    bare = speakers[2]
    assert (bare.first_date, bare.last_date, bare.by_month) == (None, None, {})


def test_quotations_of_newest_first(table: QuotationTable):
    ada = table.speakers()[0]
    refs = table.quotations_of(ada.key)
    assert [(r.article_id, r.start) for r in refs] == [("a3", 5), ("a3", 30), ("a2", 0), ("a1", 0), ("a1", 90)]
    assert refs[2] == QuotationRef("a2", 0, 10, "2024-03-05", "A. Novak", "minister")
    assert table.quotations_of("nobody") == []


def test_add_replaces_and_remove_forgets(table: QuotationTable):
    assert "a1" in table and len(table) == 5
    table.add("a1", "2024-01-10", [q(0, "Ben Novak")])
    table.remove("a3")
    table.remove("missing")
    assert "a3" not in table and sorted(table.ids()) == ["a1", "a2", "a4", "a5"]
    by_name = {s.name: s.quotations for s in table.speakers()}
    # no Ada Novak any more: the initial stays by itself, and the bare surname is still ambiguous
    assert by_name == {"Ben Novak": 1, "A. Novak": 1, "Novak": 1, "spokesman": 1}
    assert table.rows("a1") == [(0, 10, "Ben Novak", None)]


def test_stats_are_cached_until_a_change(table: QuotationTable):
    first = table.speakers()
    assert table.speakers() is first
    table.add("a6", "2025-05-05", [q(0, "Cora Lind")])
    assert "Cora Lind" in {s.name for s in table.speakers()}


def test_reading_while_a_thread_adds():
    table = QuotationTable()
    stop = threading.Event()

    def add() -> None:
        n = 0
        while not stop.is_set():
            table.add(f"id{n}", "2024-01-01", [q(0, f"Person{n % 50} Name"), q(20, "spokesman")])
            n += 1

    worker = threading.Thread(target=add)
    worker.start()
    try:
        for _ in range(50):
            table.speakers()
    finally:
        stop.set()
        worker.join()


# --- saving and loading -------------------------------------------------------------------------------


def test_save_and_load_round_trip(table: QuotationTable, tmp_path: Path):
    table.save(tmp_path)
    loaded = QuotationTable.load(tmp_path)
    assert loaded is not None and sorted(loaded.ids()) == sorted(table.ids())
    assert loaded.speakers() == table.speakers()
    for article_id in table.ids():
        assert loaded.rows(article_id) == table.rows(article_id)
    assert [p.name for p in tmp_path.iterdir()] == [TABLE_FILE]  # no temporary file left behind


def test_missing_file_loads_as_none(tmp_path: Path):
    assert QuotationTable.load(tmp_path / "nowhere") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"garbage" * 10,
        lambda data: data.replace(b"quotedesk-quotations 1", b"quotedesk-quotations 9", 1),  # another format
        lambda data: data[:-3] + bytes(b ^ 0xFF for b in data[-3:]),  # a damaged payload
        lambda data: b"",
    ],
)
def test_damaged_files_load_as_none(table: QuotationTable, tmp_path: Path, damage):
    table.save(tmp_path)
    path = tmp_path / TABLE_FILE
    path.write_bytes(damage(path.read_bytes()))
    assert QuotationTable.load(tmp_path) is None


@pytest.mark.parametrize(
    "payload",
    [
        (["Ada"], [("a1", None, bytes(12))]),  # not a whole quotation
        (["Ada"], [("a1", None, (1).to_bytes(4, "little") * 2 + (7).to_bytes(4, "little") + bytes(4))]),  # no string 7
        (["Ada"], [("a1", None, (9).to_bytes(4, "little") + (1).to_bytes(4, "little") + bytes(8))]),  # start > end
        (["Ada"], [("a1", None, b""), ("a1", None, b"")]),  # the same article twice
        (["Ada", "Ada"], []),
        ([1], []),
        (["Ada"], [("a1", 20240101, b"")]),
        "not a tuple",
    ],
)
def test_well_checksummed_but_invalid_payloads_load_as_none(tmp_path: Path, payload):
    import hashlib
    import marshal

    body = marshal.dumps(payload)
    (tmp_path / TABLE_FILE).write_bytes(people_module._HEADER + hashlib.blake2b(body, digest_size=32).digest() + body)
    assert QuotationTable.load(tmp_path) is None


def test_a_failed_save_leaves_the_old_file(table: QuotationTable, tmp_path: Path, monkeypatch):
    table.save(tmp_path)
    before = (tmp_path / TABLE_FILE).read_bytes()
    monkeypatch.setattr(people_module.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk full")))
    table.add("new", "2025-01-01", [q(0, "Cora Lind")])
    with pytest.raises(OSError):
        table.save(tmp_path)
    assert (tmp_path / TABLE_FILE).read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [TABLE_FILE]


# --- the library fills it -----------------------------------------------------------------------------


def test_open_library_fills_saves_and_updates_the_table(corpus: Path, tmp_path: Path):
    events: list = []
    catalog, _index = open_library([corpus], events.append, cache_dir=tmp_path / "cache")
    indexed = [e for e in events if isinstance(e, Indexed)]
    assert len(indexed) == 1
    table = indexed[0].table
    assert sorted(table.ids()) == sorted(meta.id for meta in catalog.articles())
    names = {s.name for s in table.speakers() if s.named}
    assert {"Marta Lindqvist", "Petter Holm", "Anna Berg", "Ines Duarte"} <= names
    assert (catalog.index_folder / TABLE_FILE).exists()

    # a second open loads it; a removed article is dropped, a new one added
    (corpus / "wire" / "older.txt").unlink()
    write_article(corpus, "new.txt", """
        date 2024-02-02 By Wire

        A brand new story about the port.

        “The port is full,” harbour master Ola Brekke said.
        """)
    events = []
    open_library([corpus], events.append, cache_dir=tmp_path / "cache")
    opened = next(e for e in events if isinstance(e, IndexOpened)).table
    assert len(opened) == 4  # what was saved
    table = next(e for e in events if isinstance(e, Indexed)).table
    names = {s.name for s in table.speakers()}
    assert "Ola Brekke" in names and "Anna Berg" not in names
    assert sorted(QuotationTable.load(catalog.index_folder).ids()) == sorted(table.ids())


def test_a_lost_table_is_rebuilt_with_the_index_kept(corpus: Path, tmp_path: Path):
    events: list = []
    catalog, _ = open_library([corpus], events.append, cache_dir=tmp_path / "cache")
    (catalog.index_folder / TABLE_FILE).write_bytes(b"damaged")
    events = []
    open_library([corpus], events.append, cache_dir=tmp_path / "cache")
    table = next(e for e in events if isinstance(e, Indexed)).table
    assert len(table) == 4
    assert QuotationTable.load(catalog.index_folder) is not None
