"""The search query language, folding, its compilation to the corpus database's full-text index, and the hit
finder. Queries run against a small database written by the tests; a property test checks the database against
a plain scan of the same articles."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.corpus_db import open_database, transaction
from store.indexing import FileRecord, _Writer, article_record
from store.listing import ArticleView
from store.model import Article, Quotation
from store.search import UNCLOSED_QUOTE, WORD, Query, find_hits, fold, parse_query, quotation_matches
from store.search import fts5
from store.search.fts5 import ArticleQuery, Marks, hit_counts
from store.search.plan import compile_query
from store.search.query import SEPARATOR, indexed_words, text_terms, term_of

from ..conftest import indexed_words_by_article


@dataclass(frozen=True)
class Doc:
    """An article for the tests: its quotations as (text, speaker), found in the body."""

    article_id: str
    title: str
    text: str
    source: str | None
    date: str | None
    quotations: tuple[tuple[str, str | None], ...] = ()

    def article(self) -> Article:
        return Article(self.article_id, f"/corpus/{self.article_id}.txt", self.title, self.text, self.date,
                       self.source)

    def quotation_objects(self) -> list[Quotation]:
        found = []
        for text, speaker in self.quotations:
            start = max(0, self.text.find(text))
            found.append(Quotation(self.text[start:start + len(text)] if text in self.text else text, start,
                                   start + len(text), 0, speaker))
        return found


DOCS = [
    Doc("harbour", "Harbour board backs new terminal",
        "The board approved the terminal on Friday.\n\n“This terminal will carry the town,” "
        "chair Marta Lindqvist said. Critics say the dredging will ruin the bay.",
        "Coastal Wire", "2021-04-02",
        (("This terminal will carry the town,", "Marta Lindqvist"),)),
    Doc("bridge", "Minister opens Vellmar bridge",
        "Foreign Minister Ada Novák opened the bridge. “We’re proud of it,” she said. "
        "The ministry paid for the café on the far bank. O’Brien, the engineer, can’t wait.",
        "Valley Post", "2024-05-01",
        (("We’re proud of it,", "Ada Novák"),)),
    Doc("rail", "Rail strike ends after talks",
        "The rail strike ended on Tuesday. “We got what we came for,” union leader Karl Østrom said. "
        "Drivers can take the night off.",
        None, None,
        (("We got what we came for,", "Karl Østrom"),)),
    Doc("library", "Library bus reaches twelve villages",
        "The county's first library bus visits twelve villages. “Books should come to people,” "
        "librarian Anna Berg said of the minister's plan.",
        "Inland Courier", "2019-11-20",
        (("Books should come to people,", "Anna Berg"),)),
]
NEWEST_FIRST = ["bridge", "harbour", "library", "rail"]  # by date, undated last


def build(folder: Path, docs: list[Doc]) -> sqlite3.Connection:
    """A corpus database holding `docs`, written as the indexer writes what it read."""
    connection, _notice = open_database(folder / "corpus.sqlite3", [folder])
    writer = _Writer(connection)
    with transaction(connection):
        for doc in docs:
            record = article_record(doc.article(), doc.quotation_objects())
            writer.store(FileRecord(f"/corpus/{doc.article_id}.txt", 1, 1, [record]))
        writer.flush()
        from store.speakers.table import rebuild_speakers

        rebuild_speakers(connection)
    return connection


@pytest.fixture
def db(tmp_path) -> sqlite3.Connection:
    return build(tmp_path, DOCS)


def ids(db: sqlite3.Connection, text: str, marks: Marks = Marks()) -> list[str]:
    view = ArticleView.of(db, compile_query(parse_query(text)), marks)
    return [view.row(db, index).id for index in range(view.count)]


def test_an_article_replaced_before_its_words_are_indexed_is_found_by_its_new_words_only(tmp_path):
    """The index rows of the articles written wait for the next commit: an article of a file read again meanwhile
    leaves none behind."""
    connection, _notice = open_database(tmp_path / "corpus.sqlite3", [tmp_path])
    writer = _Writer(connection)
    old, new = DOCS[0], DOCS[3]
    with transaction(connection):
        writer.store(FileRecord("/corpus/feed.txt", 1, 1, [article_record(old.article(), [])]))
        writer.flush(index=False)
        writer.store(FileRecord("/corpus/feed.txt", 2, 2, [article_record(new.article(), [])]))
        writer.flush()
    assert ids(connection, old.title.split()[0]) == []
    assert ids(connection, new.title.split()[0]) == [new.article_id]
    assert len(indexed_words_by_article(connection)) == 1
    assert connection.execute("SELECT count(*) FROM search_rows").fetchone()[0] == 1


# --- fold ---------------------------------------------------------------------------------------------

def test_fold_strips_case_and_accents():
    assert fold("Café Zoë Ødegaard Łódź Çelik İzmir") == "cafe zoe odegaard lodz celik izmir"


def test_fold_straightens_curly_quotes_and_apostrophes():
    assert fold("“We’re ‘here’,” she said") == "\"we're 'here',\" she said"


def test_fold_keeps_length_where_a_fold_would_grow():
    for text in ("Straße", "ﬁne", "½", "İİ", "ΟΔΟΣ"):
        assert len(fold(text)) == len(text)
    assert fold("ΟΔΟΣ") == fold("οδοσ")  # final sigma folds like any sigma


def test_fold_keeps_a_file_names_undecodable_bytes():
    assert fold("Caf\udce9 Ünï\udcff") == "caf\udce9 uni\udcff"


@settings(deadline=2000)  # a loaded machine, not the code, makes an example slow
@given(st.text())
def test_fold_preserves_length_and_works_per_character(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(fold(char) for char in text)
    assert fold(folded) == folded


WORDY = st.text(alphabet="ab9Z'’ _-.,\n\t\u00a0éÉ\u212aİΣßж\u201c—…\u0301\udce9²", max_size=30)


@settings(deadline=2000)  # a loaded machine, not the code, makes an example slow
@given(st.lists(st.one_of(WORDY, st.text(max_size=30)), min_size=1, max_size=3))
def test_indexed_words_are_the_words_and_parts_the_word_pattern_finds(texts):
    # the stored field, however it is split, holds what WORD finds in each folded text, then the parts of
    # words after their inner apostrophes ("o'brien": "brien"): what the search compiler expects to find
    folded = [fold(text) for text in texts if text]
    runs = [" ".join(WORD.findall(text)) for text in folded]
    parts = [part for text in folded for word in WORD.findall(text) for part in word.split("'")[1:]]
    assert indexed_words(*texts) == f" {SEPARATOR} ".join([run for run in runs if run] + parts)


# --- parse_query: syntax --------------------------------------------------------------------------------

def test_words_are_folded_and_deduplicated():
    query = parse_query("  Café  cafe MINIS ")
    assert query.words == ("cafe", "minis")
    assert query.problems == ()


def test_punctuation_around_a_bare_word_is_dropped_inside_it_kept():
    assert parse_query("(minister), o’brien").words == ("minister", "o'brien")


def test_phrases_take_straight_and_curly_quotes():
    query = parse_query('"Prime  Minister" “Ada Novák”')
    assert query.phrases == ("prime minister", "ada novak")
    assert query.words == ()


def test_exclusion_of_words_and_phrases():
    query = parse_query('bridge -toll -"ferry timetable" - a-b')
    assert query.excluded == ("toll", "ferry timetable")
    assert query.words == ("bridge", "a-b")  # a lone "-" is nothing; an inner one is part of the word


def test_fields():
    query = parse_query('Speaker:"Ada Novák" SOURCE:wire after:2021-04-02 before:2024-05 IS:Unread is:highlighted')
    assert query.speakers == ("ada novak",)
    assert query.sources == ("wire",)
    assert (query.after, query.before) == ("2021-04-02", "2024-05-01")
    assert query.flags == {"unread", "highlighted"}
    assert query.problems == () and query.words == ()


def test_the_tightest_date_bounds_win():
    query = parse_query("after:2020 after:2022-03-01 before:2025 before:2024")
    assert (query.after, query.before) == ("2022-03-01", "2024-01-01")


def test_is_empty():
    assert parse_query("").is_empty
    assert parse_query("   after:2024-13-45 ").is_empty
    assert not parse_query("is:read").is_empty
    assert not parse_query("-toll").is_empty


# --- parse_query: malformed queries ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ['bridge "prime min', "bridge “prime min"])
def test_an_unclosed_quote_searches_the_rest_as_a_phrase(text):
    query = parse_query(text)
    assert query.words == ("bridge",) and query.phrases == ("prime min",)
    assert query.problems == (UNCLOSED_QUOTE,)


def test_an_unclosed_quoted_field_value_takes_the_rest():
    query = parse_query('speaker:"Ada Nov')
    assert query.speakers == ("ada nov",) and query.problems == (UNCLOSED_QUOTE,)


@pytest.mark.parametrize("text, problem", [
    ("after:2024-13-45 bridge", "after: needs a date like 2024-05-01"),
    ("before:yesterday bridge", "before: needs a date like 2024-05-01"),
    ("is:starred bridge", "is: can be unread, read or highlighted"),
    ("speaker: bridge", "speaker: needs a name"),
    ("speakr:novak bridge", "unknown field speakr: (did you mean speaker:?)"),
    ("-is:read bridge", "only words and phrases can be excluded: -is: ignored"),
    ("is:read is:unread bridge", "nothing is both is:read and is:unread"),
    ("after:2024 before:2023 bridge", "nothing is both after:2024-01-01 and before:2023-01-01"),
])
def test_malformed_parts_become_problems_and_the_rest_still_applies(text, problem):
    query = parse_query(text)
    assert query.problems == (problem,)
    assert query.words == ("bridge",)


def test_other_name_colon_value_terms_are_plain_words():
    query = parse_query("10:30 foo:bar")
    assert query.words == ("10:30", "foo:bar")
    assert query.problems == ()


SYNTAX = st.sampled_from(['"', "“", "”", "-", ":", " ", "speaker:", "is:", "after:", "before:", "source:",
                          "2024-05-01", "read", "x", "é", "’", "\t", "İ"])


@settings(deadline=2000)  # a loaded machine, not the code, makes an example slow
@given(st.one_of(st.text(), st.lists(SYNTAX).map("".join)))
def test_parse_query_never_raises(text):
    query = parse_query(text)
    assert query.text == text
    assert all(isinstance(problem, str) and problem for problem in query.problems)
    assert all(term for term in (*query.words, *query.phrases, *query.excluded, *query.speakers, *query.sources))


# --- the query compiled and run on the database ------------------------------------------------------------

def test_words_match_as_prefixes_in_headline_body_and_speakers(db):
    assert ids(db, "minis") == ["bridge", "library"]
    assert ids(db, "terminal") == ["harbour"]
    assert ids(db, "lindq") == ["harbour"]  # a speaker
    assert ids(db, "inister") == []  # not at a word start


def test_all_words_must_match(db):
    assert ids(db, "minister bridge") == ["bridge"]
    assert ids(db, "minister trawler") == []


def test_matching_ignores_case_accents_and_curly_apostrophes(db):
    assert ids(db, "CAFE novak") == ["bridge"]
    assert ids(db, "ostrom") == ["rail"]
    assert ids(db, "we're") == ["bridge"]
    assert ids(db, "county’s") == ["library"]


def test_words_with_an_apostrophe_are_one_word(db):
    assert ids(db, "can't") == ["bridge"]  # not "can take"
    assert ids(db, "can") == ["bridge", "rail"]
    assert ids(db, "o'bri") == ["bridge"]
    assert ids(db, "brien") == ["bridge"]  # a lone word finds the part after the apostrophe
    assert ids(db, '"brien the engineer"') == []  # a phrase does not


def test_phrases_are_words_in_a_row(db):
    assert ids(db, '"the ministry paid"') == ["bridge"]
    assert ids(db, '"rail strike"') == ["rail"]
    assert ids(db, '"ail strike"') == []
    assert ids(db, '"talks the rail"') == []  # headline and body do not run together
    assert ids(db, '"we’re proud of it"') == ["bridge"]
    assert ids(db, '"friday this terminal"') == ["harbour"]  # across a paragraph break: words in a row


def test_exclusion(db):
    assert ids(db, "minister -bridge") == ["library"]
    assert ids(db, '-"rail strike"') == ["bridge", "harbour", "library"]
    assert ids(db, "-we're") == ["harbour", "library", "rail"]


def test_speaker_and_source_fields(db):
    assert ids(db, "speaker:novak") == ["bridge"]
    assert ids(db, 'speaker:"ada nov"') == ["bridge"]
    assert ids(db, "speaker:ovak") == []
    assert ids(db, "speaker:berg minister") == ["library"]
    assert ids(db, "speaker:novak speaker:berg") == []
    assert ids(db, "source:wire") == ["harbour"]
    assert ids(db, 'source:"valley post"') == ["bridge"]
    assert ids(db, "wire") == ids(db, '"valley post"') == []  # words look in headline, text and speakers only


def test_novak_in_the_text_is_no_speaker(tmp_path):
    db = build(tmp_path, [*DOCS, Doc("profile", "A profile", "Ada Novák grew up by the sea.", None, None)])
    assert ids(db, "speaker:novak") == ["bridge"]
    assert ids(db, "novak") == ["bridge", "profile"]


def test_two_speakers_do_not_make_a_phrase(tmp_path):
    doc = Doc("pair", "Two voices", "“Yes,” said Ada Novak. “No,” said Ben Lee.", None, "2020-01-01",
              (("Yes,", "Ada Novak"), ("No,", "Ben Lee")))
    db = build(tmp_path, [doc])
    assert ids(db, 'speaker:"ada novak"') == ["pair"]
    assert ids(db, 'speaker:"novak ben"') == []


def test_after_is_inclusive_before_exclusive_undated_never_match(db):
    assert ids(db, "after:2021-04-02") == ["bridge", "harbour"]
    assert ids(db, "before:2021-04-02") == ["library"]
    assert ids(db, "after:2019 before:2030") == ["bridge", "harbour", "library"]
    assert ids(db, "after:2024-05-02") == []


def test_flags(db):
    read = {"harbour", "rail"}
    assert ids(db, "is:read", Marks(read=read)) == ["harbour", "rail"]
    assert ids(db, "is:unread", Marks(read=read)) == ["bridge", "library"]
    assert ids(db, "is:highlighted minister", Marks(highlighted={"library", "harbour"})) == ["library"]
    assert ids(db, "is:read is:unread", Marks(read=read)) == []


def test_an_empty_or_unusable_query_returns_everything_newest_first(db):
    assert ids(db, "") == NEWEST_FIRST
    assert ids(db, 'after:2024-13-45 "" -') == NEWEST_FIRST


@pytest.mark.parametrize("text, expected", [
    # Every example of the README's Search section, on the test articles.
    ("minis", ["bridge", "library"]),
    ('"the rail strike"', ["rail"]),
    ("-bridge", ["harbour", "library", "rail"]),
    ('-"rail strike"', ["bridge", "harbour", "library"]),
    ("speaker:osterom", []),
    ("speaker:ostrom", ["rail"]),
    ("source:courier", ["library"]),
    ("after:2021-04-02", ["bridge", "harbour"]),
    ("before:2021-04-02", ["library"]),
    ("speaker:berg people after:2019-01-01", ["library"]),
])
def test_readme_examples(db, text, expected):
    assert ids(db, text) == expected


def test_implied_and_repeated_terms_are_folded_away():
    plan = compile_query(parse_query("min minister minister -ferry -fer"))
    assert [clause.term.words for clause in plan.required] == [("minister",)]
    assert [clause.term.words for clause in plan.excluded] == [("fer",)]


def test_a_pasted_page_of_text_is_one_query(db):
    text = " ".join(["minister bridge"] * 2000) + " " + DOCS[1].text
    query = parse_query(text)
    assert len(query.words) < 40  # the repeats fold into one term each
    assert ids(db, text) == ["bridge"]


@pytest.fixture(params=["in the match", "in SQL"])
def counter(request, monkeypatch) -> str:
    """Hits counted by the library built at install, in the index's match (where it was built), or in SQL."""
    if request.param == "in SQL":
        monkeypatch.setattr(fts5, "_counter", [None])
    elif fts5._hit_counter() is None:
        pytest.skip("the hit counter was not built at install (no C compiler or no SQLite header)")
    return request.param


def test_hit_counts_come_from_the_index(tmp_path, counter):
    body = "The minister met ministers. “Prime minister,” Ivo Brandt said."
    db = build(tmp_path, [Doc("x", "Minister visits", body, "Valley Post", "2022-02-02",
                              (("Prime minister,", "Ivo Brandt"),))])
    number = db.execute("SELECT num FROM articles").fetchone()[0]
    query = parse_query('minis "prime" speaker:brandt')
    assert hit_counts(db, query, ArticleQuery(compile_query(query))) == {number: 5}
    expected = len(find_hits("Minister visits", query)) + len(find_hits(body, query))
    assert expected == 5


def test_hit_counts_merge_overlapping_places_of_a_phrase(tmp_path, counter):
    """A phrase whose last word, a word beginning, also begins an earlier word can match twice over the same
    words ("yes y" in "yes yes yak"): such places count once, as `find_hits` merges them."""
    body = "They said yes yes yak to it, and yes you did."
    db = build(tmp_path, [Doc("x", "Votes", body, None, "2022-02-02")])
    number = db.execute("SELECT num FROM articles").fetchone()[0]
    for text in ('"yes y"', '"yes yes"', '"said yes y"', '"yes ya"'):
        query = parse_query(text)
        expected = len(find_hits("Votes", query)) + len(find_hits(body, query))
        assert hit_counts(db, query, ArticleQuery(compile_query(query))) == {number: expected}, text
    assert len(find_hits(body, parse_query('"yes y"'))) == 2


def test_hit_counts_leave_out_the_speakers_names(tmp_path, counter):
    """A word that is also a speaker's name counts only where it stands in the headline and body; a word found in
    no other field is counted the same way, without the field of each place read."""
    body = "Harbour fees rose at the harbour. “The harbour is full,” Ola Harbour said of the ferry."
    db = build(tmp_path, [Doc("x", "Harbour news", body, "Harbour Wire", "2022-02-02",
                              (("The harbour is full,", "Ola Harbour"),))])
    number = db.execute("SELECT num FROM articles").fetchone()[0]
    for text in ("harbour", "harb", "harbour ferry", "ferry"):
        query = parse_query(text)
        expected = len(find_hits("Harbour news", query)) + len(find_hits(body, query))
        assert hit_counts(db, query, ArticleQuery(compile_query(query))) == {number: expected}, text
    assert expected == 1
    # Phrases: "ola harbour" is the speaker's name too, "harbour" the first word of the name's last word; "the
    # harbour" starts with a word found in no other field and ends with one that is.
    for text, places in (('"ola harbour"', 1), ('"ola harb"', 1), ('"the harbour"', 2), ('"harbour said"', 1)):
        query = parse_query(text)
        assert len(find_hits("Harbour news", query)) + len(find_hits(body, query)) == places, text
        assert hit_counts(db, query, ArticleQuery(compile_query(query))) == {number: places}, text


def test_hit_counts_of_a_word_beginning_count_every_word_it_begins(tmp_path, counter):
    """A word beginning counts the places of each word it begins, whether it begins a few of the index's words
    (looked up one by one) or many (looked up as a range), and one of them a speaker's name too."""
    body = ("The port, the ports and the portal: a porter carried a portable portrait, a portly portion and a "
            "portfolio through the portico. “Not the port,” Ada Porter said at the port.")
    db = build(tmp_path, [Doc("x", "Port life", body, "Port Wire", "2022-02-02",
                              (("Not the port,", "Ada Porter"),))])
    number = db.execute("SELECT num FROM articles").fetchone()[0]
    counted = {}
    for text in ("port", "porta", "porte", "portr", "port porter", '"the port"', '"the port" portal', "porto"):
        query = parse_query(text)
        places = len(find_hits("Port life", query)) + len(find_hits(body, query))
        counted[text] = hit_counts(db, query, ArticleQuery(compile_query(query))).get(number, 0)
        assert counted[text] == places, text
    # Eleven words begin with "port"; two with "porta"; none with "porto".
    assert (counted["port"], counted["porta"], counted["porte"], counted["porto"]) == (14, 2, 2, 0)


def test_hit_counts_of_a_longer_phrase_need_every_word_in_its_place(tmp_path, counter):
    """A phrase of three or four distinct words counts the places where each word follows the one before, in the
    same field: not where one of them is missing, out of order, or in the next field."""
    body = ("The night ferry left late. The night bus left late. The night ferry late left. Night ferry, left "
            "late again: the night ferry left late once more. “Ferry left,” Ada Night said.")
    db = build(tmp_path, [Doc("x", "Night ferry left", body, "Ferry Wire", "2022-02-02",
                              (("Ferry left,", "Ada Night"),))])
    number = db.execute("SELECT num FROM articles").fetchone()[0]
    counted = {}
    for text in ('"night ferry left"', '"night ferry left late"', '"the night ferry"', '"ferry left lat"',
                 '"night ferry left late again"', '"late left ferry"', '"ferry left"'):
        query = parse_query(text)
        places = len(find_hits("Night ferry left", query)) + len(find_hits(body, query))
        counted[text] = hit_counts(db, query, ArticleQuery(compile_query(query))).get(number, 0)
        assert counted[text] == places, text
    assert (counted['"night ferry left"'], counted['"night ferry left late"'], counted['"late left ferry"']) == (4, 3, 0)


def test_a_view_pages_through_a_long_list(tmp_path):
    docs = [Doc(f"d{n:03d}", f"Report {n}", f"The minister spoke {n} times.", None, f"2020-01-{n % 28 + 1:02d}")
            for n in range(300)]
    db = build(tmp_path, docs)
    view = ArticleView.of(db, compile_query(parse_query("minister")))
    forward = [view.row(db, index).id for index in range(view.count)]
    again = ArticleView.of(db, compile_query(parse_query("minister")))
    backward = [again.row(db, index).id for index in reversed(range(again.count))][::-1]
    assert forward == backward and len(forward) == 300
    dates = [db.execute("SELECT date FROM articles WHERE id = ?", (i,)).fetchone()[0] for i in forward]
    assert dates == sorted(dates, reverse=True)
    assert view.index_of(db, db.execute("SELECT num FROM articles WHERE id = ?", (forward[200],)).fetchone()[0]) == 200


# --- the database agrees with a plain scan ------------------------------------------------------------------

VOCABULARY = ["minister", "mine", "Mín", "o’brien", "o", "brien", "bank", "bänk", "river", "-", ",", "“", "”",
              "ßbank", "Σbank", "·bank", "日本bank", "can't", "can", "t", "'tis"]
SOURCES = [None, "Coastal Wire", "Wire", "Valley Post"]
QUERY_TERMS = ["mi", "min", "minister", "o'brien", "brien", "bank", "ban", '"o brien"', '"river bank"',
               '"mine,"', "-bank", '-"river ba"', "speaker:o", "speaker:bri", 'speaker:"o bri"', "source:wire",
               'source:"valley p"', '"bank river"', "ßb", '"·bank"', "can't", '"can t"', "tis", "wire", '"valley post"']


def scan_matches(doc: Doc, query: Query) -> bool:
    """The meaning of a query, written as a scan of each text with `find_hits`'s patterns."""
    speakers = [speaker for _text, speaker in doc.quotations if speaker]
    texts = [fold(doc.title), fold(doc.text), *map(fold, speakers)]

    def found(text: str, texts: list[str]) -> bool:
        term = term_of(text)
        return term is not None and any(term.pattern.search(folded) for folded in texts)

    return (all(any(term.pattern.search(folded) for folded in texts) for term in text_terms(query))
            and not any(found(term, texts) for term in query.excluded)
            and all(found(name, [fold(s) for s in speakers]) for name in query.speakers)
            and all(found(name, [fold(doc.source or "")]) for name in query.sources))


WORDS = st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join)


@st.composite
def a_doc(draw, article_id: str) -> Doc:
    body = draw(WORDS)
    speakers = draw(st.lists(st.one_of(st.none(), WORDS), max_size=2))
    return Doc(article_id, draw(WORDS), body, draw(st.sampled_from(SOURCES)), None,
               tuple(("", speaker) for speaker in speakers))


@st.composite
def some_docs(draw) -> list[Doc]:
    return [draw(a_doc(f"d{n}")) for n in range(draw(st.integers(0, 6)))]


QUERIES = st.lists(st.sampled_from(QUERY_TERMS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(some_docs(), st.lists(QUERIES, min_size=1, max_size=4))
def test_the_database_agrees_with_a_scan(tmp_path_factory, docs, texts):
    db = build(tmp_path_factory.mktemp("db"), docs)
    try:
        for text in texts:
            query = parse_query(text)
            assert sorted(ids(db, text)) == sorted(doc.article_id for doc in docs if scan_matches(doc, query)), text
    finally:
        db.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(some_docs(), st.lists(QUERIES, min_size=1, max_size=4))
def test_hits_counted_in_the_match_are_those_counted_in_sql_and_found_in_the_text(tmp_path_factory, docs, texts):
    if fts5._hit_counter() is None:
        pytest.skip("the hit counter was not built at install (no C compiler or no SQLite header)")
    db = build(tmp_path_factory.mktemp("db"), docs)
    numbers = dict(db.execute("SELECT id, num FROM articles"))
    try:
        for text in texts:
            query = parse_query(text)
            matching = ArticleQuery(compile_query(query))
            in_the_match = hit_counts(db, query, matching)
            fts5._counter[:] = [None]
            try:
                in_sql = hit_counts(db, query, matching)
            finally:
                fts5._counter.clear()
            assert in_the_match == in_sql, text
            found = {numbers[doc.article_id]: len(find_hits(doc.title, query)) + len(find_hits(doc.text, query))
                     for doc in docs if scan_matches(doc, query)}
            assert in_the_match == {number: hits for number, hits in found.items() if hits}, text
    finally:
        db.close()


# --- find_hits and quotation_matches --------------------------------------------------------------------

def test_word_hits_cover_the_whole_word_phrase_hits_the_phrase():
    text = "The Minister met the prime ministers."
    assert find_hits(text, parse_query("minis")) == [(4, 12), (27, 36)]
    assert find_hits(text, parse_query('"prime minis"')) == [(21, 32)]


def test_overlapping_hits_merge_and_fields_make_none():
    text = "Prime Minister Novák spoke."
    assert find_hits(text, parse_query('prime "minister no" min')) == [(0, 5), (6, 17)]
    assert find_hits(text, parse_query("speaker:novak source:x is:read after:2020")) == []


def test_hits_ignore_accents_and_curly_quotes():
    text = "“We’re proud,” said Zoë."
    assert find_hits(text, parse_query("we're zoe")) == [(1, 6), (20, 23)]


@settings(deadline=2000)  # a loaded machine, not the code, makes an example slow
@given(st.text(alphabet="aäbM ’'-\n“”.İ", max_size=60),
       st.lists(st.sampled_from(["a", "ab", "äb", "m", "b a", "'a", "-b", "we're", "İ"]), max_size=3))
def test_find_hits_are_in_range_sorted_disjoint_and_start_with_a_term(text, terms):
    query = parse_query(" ".join(f'"{term}"' if " " in term else term for term in terms))
    folded = fold(text)
    hits = find_hits(text, query)

    def starts_with(span: str, term) -> bool:  # the span's first words are the term's, the last a beginning
        words, wanted = WORD.findall(span), term.words
        last = len(wanted) - 1
        return (len(words) > last and words[:last] == list(wanted[:last])
                and (words[last].startswith(wanted[last]) if term.prefix else words[last] == wanted[last]))

    for start, end in hits:
        assert 0 <= start < end <= len(text)
        assert any(starts_with(folded[start:end], term) for term in text_terms(query))
    assert all(prev_end <= start for (_s, prev_end), (start, _e) in zip(hits, hits[1:]))


def test_quotation_matches():
    quote = "We’re proud of the bridge,"
    assert quotation_matches(quote, "Ada Novák", parse_query("proud novak"))
    assert quotation_matches(quote, "Ada Novák", parse_query('speaker:ada "we\'re proud" source:x'))
    assert not quotation_matches(quote, "Ada Novák", parse_query("proud berg"))
    assert not quotation_matches(quote, None, parse_query("speaker:novak"))
    assert quotation_matches(quote, None, parse_query("is:read"))
