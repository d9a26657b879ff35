"""The hit counter built at install (`store/search/_hitcount.c`): used only while its source is the one it was built
from, and safe to hand anything. What it counts is checked against SQL and the text in `test_search.py`."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.search import fts5

SOURCE = Path(fts5.__file__).with_name("_hitcount.c")


@pytest.fixture
def hitcount():
    library = fts5._load_hit_counter()
    if library is None:
        pytest.skip("the hit counter was not built at install (no C compiler or no SQLite header)")
    return library


def test_the_library_is_used_only_beside_the_source_it_was_built_from(hitcount, tmp_path):
    (tmp_path / "_hitcount.c").write_bytes(SOURCE.read_bytes())
    assert fts5._load_hit_counter(str(tmp_path)) is hitcount
    (tmp_path / "_hitcount.c").write_bytes(SOURCE.read_bytes() + b"/* edited */\n")
    assert fts5._load_hit_counter(str(tmp_path)) is None  # hits are counted in SQL until it is built again


class Pretender:
    """An object that says it is a connection: `isinstance` believes it, its memory holds no handle."""

    @property
    def __class__(self):
        return sqlite3.Connection


def test_it_takes_only_a_connection_and_declines_a_closed_one(hitcount):
    assert isinstance(Pretender(), sqlite3.Connection)
    for other in (object(), Pretender()):
        with pytest.raises(TypeError):
            hitcount.register(other)
    closed = sqlite3.connect(":memory:")
    closed.close()
    assert hitcount.register(closed) is False


def test_it_counts_the_places_of_the_first_phrases_in_the_fields_asked_for_overlapping_once(hitcount):
    connection = sqlite3.connect(":memory:")
    assert hitcount.register(connection)
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, c)")
    connection.execute("INSERT INTO t VALUES ('yes yes yak no', 'yes no', 'yes')")

    def hits(match: str, phrases: int, columns: int) -> int:
        return connection.execute("SELECT quotedesk_hits(t, ?, ?) FROM t WHERE t MATCH ?",
                                  (phrases, columns, match)).fetchone()[0]

    assert hits("yes", 1, 0b011) == 3
    assert hits("yes", 1, 0b111) == 4
    assert hits("yes", 0, 0b111) == 0
    assert hits('"yes y"*', 1, 0b001) == 1  # "yes yes" and "yes yak" overlap: one place
    assert hits("yes AND no", 1, 0b011) == 3  # the second phrase is not counted
    assert hits("yes AND no", 2, 0b011) == 5
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("SELECT quotedesk_hits(t) FROM t WHERE t MATCH 'yes'").fetchone()
