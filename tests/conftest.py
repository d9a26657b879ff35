from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from store import State
from store.library import Library
from store.model import ArticleMeta, Skipped

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


def write_article(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def indexed_words_by_article(connection) -> dict[int, set[str]]:
    """What the full-text index itself holds: each article number with a row in it, and the words of that row."""
    connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_words USING fts5vocab(main, search, instance)")
    words: dict[int, set[str]] = {}
    for term, doc in connection.execute("SELECT term, doc FROM temp.index_words"):
        words.setdefault(doc, set()).add(term)
    return words


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "quotedesk.json"


@pytest.fixture(autouse=True)
def _no_user_files(monkeypatch, tmp_path: Path) -> None:
    """No test may touch the user's real database or cache."""
    monkeypatch.setenv("QUOTEDESK_DB", str(tmp_path / "env-default.json"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def state(db_path: Path):
    st = State(db_path)
    yield st
    st.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small corpus in the three formats, written for the tests."""
    folder = tmp_path / "corpus"
    write_article(
        folder,
        "wire/harbour.txt",
        """
         date 2021-04-02 By Coastal Wire

        The harbour board approved a new container terminal on Friday after a year of hearings.

        “This terminal will carry the town for thirty years,” board chair Marta Lindqvist said.

        Critics were unconvinced. “The dredging will ruin the bay,” said Petter Holm, a fisherman.

        Lindqvist said the board would publish the environmental study next month.
        """,
    )
    write_article(
        folder,
        "wire/older.txt",
        """
        date 2019-11-20 By Inland Courier

        The county opened its first library bus, which will visit twelve villages every week.

        “Books should come to people,” librarian Anna Berg said.
        """,
    )
    write_article(
        folder,
        "plain.txt",
        """
        Rail strike ends after talks

        The rail strike ended on Tuesday after eleven hours of talks.

        “We got what we came for,” union leader Karl Ostrom told reporters.
        """,
    )
    write_article(
        folder,
        "essay.md",
        """
        ---
        title: A quiet election
        date: 2023-06-01
        source: Valley Post
        url: https://example.org/quiet-election
        ---

        Turnout was the lowest in *forty* years.

        “People are tired,” said Ines Duarte, the returning officer.
        """,
    )
    return folder


class Scanned:
    """A corpus as its database holds it after one indexing run."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def articles(self) -> list[ArticleMeta]:
        """Every article, in list order (newest first)."""
        return self.library.reader.newest(-1)

    def skipped(self) -> list[Skipped]:
        return self.library.reader.skipped()


def scan_corpus(paths: list[Path]) -> Scanned:
    """The corpus of `paths` read from the files into its database (in the test's temp cache folder)."""
    library = Library(paths)
    library.sync(workers=1)
    return Scanned(library)
