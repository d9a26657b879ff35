from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.corpus_db import open_database, transaction
from store.indexing import FileRecord, _Writer, article_record
from store.library import Library
from store.model import Article, Quotation
from store.speakers.table import QuotationRef, SpeakerDirectory, group_names, is_unnamed, rebuild_speakers

from ..conftest import write_article


def q(start: int, speaker: str | None, role: str | None = None) -> Quotation:
    return Quotation("x" * 10, start, start + 10, 0, speaker, role)


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


def store_articles(connection: sqlite3.Connection, articles: dict[str, tuple[str | None, list[Quotation]]]) -> None:
    """Write articles (id: (date, quotations)) as the indexer would, and recompute the speakers."""
    writer = _Writer(connection)
    with transaction(connection):
        for article_id, (date, quotations) in articles.items():
            article = Article(article_id, f"/c/{article_id}.txt", f"About {article_id}", "x" * 200, date)
            writer.store(FileRecord(f"/c/{article_id}.txt", 1, 1, [article_record(article, quotations)]))
        writer.flush()
        rebuild_speakers(connection)


ARTICLES = {
    "a1": ("2024-01-10", [q(0, "Dr. Ada Novak", "Dr."), q(50, "Ben Novak", "mayor"), q(90, "Ada Novak")]),
    "a2": ("2024-03-05", [q(0, "A. Novak", "minister"), q(20, "spokesman"), q(40, None)]),
    "a3": ("2024-03-20", [q(5, "Ada Novak", "minister"), q(30, "Ada Novak", "Dr.")]),
    "a4": (None, [q(7, "Novak")]),  # undated; a bare surname shared by two people stays apart
    "a5": ("2023-12-31", []),
}


@pytest.fixture
def directory(tmp_path: Path) -> SpeakerDirectory:
    connection, _notice = open_database(tmp_path / "c.sqlite3", [tmp_path])
    store_articles(connection, ARTICLES)
    return SpeakerDirectory(connection)


def test_counts_dates_and_months(directory: SpeakerDirectory):
    speakers = directory.speakers()
    assert [(s.name, s.quotations, s.articles, s.named) for s in speakers] == [
        ("Ada Novak", 5, 3, True), ("Ben Novak", 1, 1, True), ("Novak", 1, 1, True), ("spokesman", 1, 1, False)]
    ada = speakers[0]
    assert (ada.first_date, ada.last_date) == ("2024-01-10", "2024-03-20")
    assert directory.by_month(ada.key) == {"2024-01": 2, "2024-03": 3}
    assert ada.role in ("Dr.", "minister")  # two each: either is the most frequent
    assert set(ada.forms) == {"Dr. Ada Novak", "Ada Novak", "A. Novak"} and ada.forms[0] == "Ada Novak"
    assert speakers[1].role == "mayor"
    bare = speakers[2]
    assert (bare.first_date, bare.last_date, directory.by_month(bare.key)) == (None, None, {})
    assert directory.months() == ("2024-01", "2024-03")
    assert (directory.count(named=True), directory.count(named=False)) == (3, 1)


def test_filtering_by_name_form_or_role(directory: SpeakerDirectory):
    assert [s.name for s in directory.speakers("mayor")] == ["Ben Novak"]
    assert [s.name for s in directory.speakers("a. nov")] == ["Ada Novak"]  # a form seen only as an initial
    assert directory.count("novak") == 3 and directory.speakers("nobody") == []


def test_quotations_of_newest_first(directory: SpeakerDirectory):
    ada = directory.speakers()[0]
    refs = directory.quotations_of(ada.key)
    assert [(r.article_id, r.start) for r in refs] == [("a3", 5), ("a3", 30), ("a2", 0), ("a1", 0), ("a1", 90)]
    assert refs[2] == QuotationRef("a2", 0, 10, "2024-03-05", "A. Novak", "minister", "x" * 10, "About a2", None,
                                   "/c/a2.txt")
    assert directory.quotations_of("nobody") == []


def test_changed_and_removed_articles_change_the_speakers(directory: SpeakerDirectory):
    connection = directory.connection
    writer = _Writer(connection)
    with transaction(connection):
        writer.remove_file("/c/a3.txt")
        article = Article("a1-new", "/c/a1.txt", "About a1", "x" * 200, "2024-01-10")
        writer.store(FileRecord("/c/a1.txt", 2, 2, [article_record(article, [q(0, "Ben Novak")])]))
        writer.flush()
        rebuild_speakers(connection)
    by_name = {s.name: s.quotations for s in directory.speakers()}
    # no Ada Novak any more: the initial stays by itself, and the bare surname is still ambiguous
    assert by_name == {"Ben Novak": 1, "A. Novak": 1, "Novak": 1, "spokesman": 1}


def _table(connection: sqlite3.Connection) -> list[tuple]:
    return connection.execute("SELECT * FROM speakers ORDER BY rank").fetchall() + \
        connection.execute("SELECT * FROM speaker_forms ORDER BY form").fetchall()


def test_counts_kept_by_the_writer_agree_with_a_count_of_every_quotation(tmp_path: Path):
    """A run counts the speakers now and then from what its writer added since the last count; once it removes an
    article's quotations, it counts them all again."""
    connection, _notice = open_database(tmp_path / "c.sqlite3", [tmp_path])
    writer = _Writer(connection)

    def add(article_id: str, date: str, quotations: list[Quotation]) -> None:
        article = Article(article_id, f"/c/{article_id}.txt", f"About {article_id}", "x" * 200, date)
        writer.store(FileRecord(f"/c/{article_id}.txt", 1, 1, [article_record(article, quotations)]))
        writer.flush()

    def agree() -> None:
        rebuild_speakers(connection, writer.speakers)
        kept = _table(connection)
        rebuild_speakers(connection)
        assert kept == _table(connection)

    with transaction(connection):
        add("a1", "2024-01-10", [q(0, "Dr. Ada Novak", "Dr."), q(50, "Ben Novak", "mayor")])
        agree()
        add("a2", "2024-03-05", [q(0, "Ada Novak", "minister"), q(20, "Ada Novak", "minister"), q(40, None)])
        add("a3", "2024-03-20", [q(5, "A. Novak"), q(30, "spokesman")])
        agree()
        writer.remove_file("/c/a2.txt")
        add("a4", "2024-04-01", [q(0, "Ben Novak", "mayor")])
        agree()
    names = {s.name: (s.quotations, s.articles) for s in SpeakerDirectory(connection).speakers()}
    assert names == {"Ben Novak": (2, 2), "Ada Novak": (2, 2), "spokesman": (1, 1)}


# --- indexing fills it ----------------------------------------------------------------------------------


def test_indexing_fills_and_updates_the_speakers(corpus: Path):
    library = Library([corpus])
    library.sync(workers=1)
    directory = SpeakerDirectory(library.connection)
    names = {s.name for s in directory.speakers() if s.named}
    assert {"Marta Lindqvist", "Petter Holm", "Anna Berg", "Ines Duarte"} <= names

    (corpus / "wire" / "older.txt").unlink()
    write_article(corpus, "new.txt", """
        date 2024-02-02 By Wire

        A brand new story about the port.

        “The port is full,” harbour master Ola Brekke said.
        """)
    library.sync(workers=1)
    names = {s.name for s in directory.speakers()}
    assert "Ola Brekke" in names and "Anna Berg" not in names
