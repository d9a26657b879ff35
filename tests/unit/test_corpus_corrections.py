"""The reader's corrections counted in the corpus database: the speaker statistics and `speaker:` search take
them as the sidebar does."""
from __future__ import annotations

from pathlib import Path

import pytest

from store.sources.article_files import load_article
from store.corrections import CorrectionsByArticle, addition, apply_corrections, fingerprint, hiding, speaker_correction
from store.library import Library
from store.listing import ArticleView
from store.quotes.engine import extract_quotations
from store.speakers.table import SpeakerDirectory, group_names, is_unnamed
from store.search import parse_query
from store.search.plan import compile_query

from ..conftest import write_article

BRIDGE = """
    date 2022-05-03 By Harbour Wire

    The council voted to rebuild the old bridge.

    “The bridge will open in June,” said Olga Berg, the mayor.

    “It will cost too much,” said Tomas Lind, a shopkeeper.

    Ferries will run until then.
    """

MARKET = """
    date 2022-05-04 By Harbour Wire

    The market moves to the square.

    “We need the space,” said Tomas Lind.
    """


@pytest.fixture
def town(tmp_path: Path) -> Path:
    folder = tmp_path / "town"
    write_article(folder, "bridge.txt", BRIDGE)
    write_article(folder, "market.txt", MARKET)
    return folder


def indexed(folder: Path, corrections=None) -> Library:
    library = Library([folder])
    library.sync(workers=1, corrections=corrections)
    return library


def counts(library: Library) -> dict[str, int]:
    """Named speakers and their quotations, as the speaker view lists them."""
    return {s.name: s.quotations for s in SpeakerDirectory(library.connection).speakers() if s.named}


def found(library: Library, text: str) -> list[str]:
    view = ArticleView.of(library.connection, compile_query(parse_query(text)))
    return [view.row(library.connection, index).path.name for index in range(view.count)]


def bridge_corrections(folder: Path) -> list:
    """Olga Berg's quotation given to Ada Novak, Tomas Lind's hidden, and the ferries sentence added for Ben Roe."""
    article = load_article(folder / "bridge.txt")
    items = apply_corrections(article.text, extract_quotations(article.text), [])
    by_speaker = {item.quotation.speaker: item for item in items}
    start = article.text.index("Ferries")
    return [speaker_correction(article, by_speaker["Olga Berg"], "Ada Novak"), hiding(article, by_speaker["Tomas Lind"]),
            addition(article, start, start + len("Ferries will run until then"), "Ben Roe")]


def test_indexing_counts_the_speakers_as_the_reader_corrected_them(town: Path):
    engine = indexed(town)
    assert counts(engine) == {"Tomas Lind": 2, "Olga Berg": 1}
    corrections = bridge_corrections(town)

    library = indexed(town, CorrectionsByArticle(corrections))
    assert counts(library) == {"Ada Novak": 1, "Ben Roe": 1, "Tomas Lind": 1}  # the hidden one no longer counts
    assert found(library, "speaker:novak") == ["bridge.txt"]
    assert found(library, "speaker:roe") == ["bridge.txt"]
    assert found(library, "speaker:berg") == []
    assert found(library, "speaker:lind") == ["market.txt"]
    # The sidebar still gets the engine's quotations, to apply the corrections to.
    article_id = load_article(town / "bridge.txt").id
    assert [q.speaker for q in library.reader.quotations(article_id)] == ["Olga Berg", "Tomas Lind"]


def test_an_article_whose_corrections_changed_is_counted_again_at_the_next_check(town: Path, monkeypatch):
    corrections = bridge_corrections(town)
    library = indexed(town, CorrectionsByArticle(corrections))
    number = library.reader.number_of(load_article(town / "bridge.txt").id)
    stored = library.connection.execute("SELECT fingerprint FROM corrected WHERE article = ?", (number,)).fetchone()
    assert stored == (fingerprint(corrections),)

    # Unchanged corrections: nothing is read again.
    import store.sources.article_files

    reads = []
    real = store.sources.article_files.load_article
    monkeypatch.setattr(store.sources.article_files, "load_article",
                        lambda *args, **kw: reads.append(args) or real(*args, **kw))
    assert not Library([town]).sync(workers=1, corrections=CorrectionsByArticle(corrections))
    assert reads == []

    # One correction taken back: that article is counted again.
    assert Library([town]).sync(workers=1, corrections=CorrectionsByArticle(corrections[1:]))
    assert counts(library) == {"Olga Berg": 1, "Ben Roe": 1, "Tomas Lind": 1}
    assert len(reads) == 1

    # None left: the engine's speakers count again, and nothing is kept aside.
    Library([town]).sync(workers=1, corrections=CorrectionsByArticle([]))
    assert counts(library) == {"Tomas Lind": 2, "Olga Berg": 1}
    for table in ("corrected", "engine_quotations"):
        assert library.connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_a_corrected_article_that_is_edited_is_counted_with_its_corrections_found_again(town: Path):
    corrections = bridge_corrections(town)
    library = indexed(town, CorrectionsByArticle(corrections))
    path = town / "bridge.txt"
    path.write_text(path.read_text() + "\nThe work starts in March.\n")
    library.sync(workers=1, corrections=CorrectionsByArticle(corrections))
    assert counts(library) == {"Ada Novak": 1, "Ben Roe": 1, "Tomas Lind": 1}
    # The old version's rows went with it.
    assert library.connection.execute("SELECT count(*) FROM engine_quotations WHERE article NOT IN "
                                      "(SELECT num FROM articles)").fetchone() == (0,)


def test_recount_counts_one_articles_corrections_at_once(town: Path):
    library = indexed(town)
    article = load_article(town / "bridge.txt")
    corrections = CorrectionsByArticle(bridge_corrections(town))
    assert library.recount(article, corrections)
    assert counts(library) == {"Ada Novak": 1, "Ben Roe": 1, "Tomas Lind": 1}
    assert found(library, "speaker:novak") == ["bridge.txt"]
    assert not library.recount(article, corrections)  # counted already


def test_unnamed_speakers_are_those_the_engine_calls_unnamed():
    assert is_unnamed("Coca-Cola spokesman") and is_unnamed("Danish official") and is_unnamed("spokesman")
    assert not is_unnamed("Martin King") and not is_unnamed("Ada Novak")
    groups = group_names({"Coca-Cola spokesman": 2, "Ada Novak": 1})
    assert "~coca-cola spokesman" in groups
