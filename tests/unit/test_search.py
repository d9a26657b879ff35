"""The search query language, folding, the index and the hit finder."""
from __future__ import annotations

import random
import re
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import search_index
from store.model import Article, Quotation
from store.search import (
    UNCLOSED_QUOTE,
    Query,
    SearchDoc,
    SearchIndex,
    find_hits,
    fold,
    parse_query,
    quotation_matches,
)

DOCS = [
    SearchDoc("harbour", "Harbour board backs new terminal",
              "The board approved the terminal on Friday.\n\n“This terminal will carry the town,” "
              "chair Marta Lindqvist said. Critics say the dredging will ruin the bay.",
              "Coastal Wire", "2021-04-02",
              (("This terminal will carry the town,", "Marta Lindqvist"),)),
    SearchDoc("bridge", "Minister opens Vellmar bridge",
              "Foreign Minister Ada Novák opened the bridge. “We’re proud of it,” she said. "
              "The ministry paid for the café on the far bank.",
              "Valley Post", "2024-05-01",
              (("We’re proud of it,", "Ada Novák"), ("A bridge for everyone", "Ada Novák"))),
    SearchDoc("rail", "Rail strike ends after talks",
              "The rail strike ended on Tuesday. “We got what we came for,” union leader Karl Østrom said.",
              None, None,
              (("We got what we came for,", "Karl Østrom"),)),
    SearchDoc("library", "Library bus reaches twelve villages",
              "The county's first library bus visits twelve villages. “Books should come to people,” "
              "librarian Anna Berg said of the minister's plan.",
              "Inland Courier", "2019-11-20",
              (("Books should come to people,", "Anna Berg"),)),
]


@pytest.fixture
def index() -> SearchIndex:
    built = SearchIndex()
    for doc in DOCS:
        built.add(doc)
    return built


def ids(index: SearchIndex, text: str, **kwargs) -> list[str]:
    return index.search(parse_query(text), **kwargs)


# --- fold ---------------------------------------------------------------------------------------------

def test_fold_strips_case_and_accents():
    assert fold("Café Zoë Ødegaard Łódź Çelik İzmir") == "cafe zoe odegaard lodz celik izmir"


def test_fold_straightens_curly_quotes_and_apostrophes():
    assert fold("“We’re ‘here’,” she said") == "\"we're 'here',\" she said"


def test_fold_keeps_length_where_a_fold_would_grow():
    for text in ("Straße", "ﬁne", "½", "İİ", "ΟΔΟΣ"):
        assert len(fold(text)) == len(text)
    assert fold("ΟΔΟΣ") == fold("οδοσ")  # final sigma folds like any sigma


@given(st.text())
def test_fold_preserves_length_and_works_per_character(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(fold(char) for char in text)
    assert fold(folded) == folded


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


@given(st.one_of(st.text(), st.lists(SYNTAX).map("".join)))
def test_parse_query_never_raises(text):
    query = parse_query(text)
    assert query.text == text
    assert all(isinstance(problem, str) and problem for problem in query.problems)
    assert all(term for term in (*query.words, *query.phrases, *query.excluded, *query.speakers, *query.sources))


# --- the index ------------------------------------------------------------------------------------------

def test_words_match_as_prefixes_in_headline_body_and_speakers(index):
    assert ids(index, "minis") == ["bridge", "library"]
    assert ids(index, "terminal") == ["harbour"]  # the headline alone
    assert ids(index, "lindq") == ["harbour"]  # a speaker
    assert ids(index, "inister") == []  # not at a word start


def test_all_words_must_match(index):
    assert ids(index, "minister bridge") == ["bridge"]
    assert ids(index, "minister trawler") == []


def test_matching_ignores_case_accents_and_curly_apostrophes(index):
    assert ids(index, "CAFE novak") == ["bridge"]
    assert ids(index, "ostrom") == ["rail"]
    assert ids(index, "we're") == ["bridge"]
    assert ids(index, "county’s") == ["library"]


def test_quotations_missing_from_the_body_are_searched(index):
    assert ids(index, '"bridge for everyone"') == ["bridge"]


def test_phrases_match_at_word_starts_within_one_part(index):
    assert ids(index, '"the ministry paid"') == ["bridge"]
    assert ids(index, '"rail strike"') == ["rail"]
    assert ids(index, '"ail strike"') == []
    assert ids(index, '"talks the rail"') == []  # headline and body do not run together
    assert ids(index, '"we’re proud of it"') == ["bridge"]


def test_exclusion(index):
    assert ids(index, "minister -bridge") == ["library"]
    assert ids(index, '-"rail strike"') == ["harbour", "bridge", "library"]
    assert ids(index, "-we're") == ["harbour", "rail", "library"]


def test_speaker_and_source_fields(index):
    assert ids(index, "speaker:novak") == ["bridge"]
    assert ids(index, 'speaker:"ada nov"') == ["bridge"]
    assert ids(index, "speaker:ovak") == []
    assert ids(index, "speaker:berg minister") == ["library"]
    assert ids(index, "speaker:novak speaker:berg") == []
    assert ids(index, "source:wire") == ["harbour"]
    assert ids(index, 'source:"valley post"') == ["bridge"]


def test_novak_in_the_text_is_no_speaker(index):
    index.add(SearchDoc("profile", "A profile", "Ada Novák grew up by the sea.", None, None, ()))
    assert ids(index, "speaker:novak") == ["bridge"]
    assert ids(index, "novak") == ["bridge", "profile"]


def test_after_is_inclusive_before_exclusive_undated_never_match(index):
    assert ids(index, "after:2021-04-02") == ["harbour", "bridge"]
    assert ids(index, "before:2021-04-02") == ["library"]
    assert ids(index, "after:2019 before:2030") == ["harbour", "bridge", "library"]


def test_flags(index):
    read = {"harbour", "rail"}
    assert ids(index, "is:read", is_read=read.__contains__) == ["harbour", "rail"]
    assert ids(index, "is:unread", is_read=read.__contains__) == ["bridge", "library"]
    assert ids(index, "is:highlighted minister", highlighted=["library", "harbour"]) == ["library"]
    assert ids(index, "is:read is:unread", is_read=read.__contains__) == []


def test_an_empty_or_unusable_query_returns_everything_in_order(index):
    everything = ["harbour", "bridge", "rail", "library"]
    assert ids(index, "") == everything
    assert ids(index, 'after:2024-13-45 "" -') == everything
    assert len(index) == 4


def test_words_added_after_a_search_are_found(index):
    assert ids(index, "trawl") == []
    index.add(SearchDoc("trawler", "Trawler fleet returns", "The trawlers came home.", None, None, ()))
    assert ids(index, "trawl") == ["trawler"]
    assert ids(index, "minis") == ["bridge", "library"]


def test_a_worker_thread_can_add_while_searching():
    index = SearchIndex()
    docs = [SearchDoc(f"d{n}", f"Report {n}", f"Minister number {n} spoke.", None, None, ()) for n in range(2000)]
    worker = threading.Thread(target=lambda: [index.add(doc) for doc in docs])
    worker.start()
    while worker.is_alive():
        found = index.search(parse_query("minis"))
        assert found == [doc.article_id for doc in docs[:len(found)]]
    worker.join()
    assert index.search(parse_query("minis")) == [doc.article_id for doc in docs]


def test_a_doc_from_an_article_and_its_hit_count():
    body = "The minister met ministers. “Prime minister,” Ivo Brandt said."
    article = Article("x", Path("x.txt"), "Minister visits", body, "2022-02-02", "Valley Post")
    doc = SearchDoc.from_article(article, [Quotation("Prime minister,", 29, 44, 0, "Ivo Brandt")])
    assert doc == SearchDoc("x", "Minister visits", body, "Valley Post", "2022-02-02",
                            (("Prime minister,", "Ivo Brandt"),))
    index = SearchIndex()
    index.add(doc)
    assert index.hit_count("x", parse_query('minis "prime" speaker:brandt')) == 5
    assert index.hit_count("not indexed", parse_query("minis")) is None


# --- the index agrees with a plain scan ------------------------------------------------------------------

VOCABULARY = ["minister", "mine", "Mín", "o’brien", "o", "brien", "bank", "bänk", "river", "-", ",", "“", "”",
              "ßbank", "Σbank", "·bank", "日本bank"]  # a letter, or not, of several UTF-8 bytes before a word
SOURCES = [None, "Coastal Wire", "Wire", "Valley Post"]
QUERY_TERMS = ["mi", "min", "minister", "o'brien", "brien", "bank", "ban", '"o brien"', '"river bank"',
               '"mine,"', "-bank", '-"river ba"', "speaker:o", "speaker:bri", 'speaker:"o bri"', "source:wire",
               'source:"valley p"', '"bank river"', "ßb", '"·bank"']


def scan_matches(doc: SearchDoc, query: Query) -> bool:
    """The meaning of a query, written without the index."""
    speakers = [fold(speaker) for _text, speaker in doc.quotations if speaker]
    # A quotation found in the body is searched where it stands there, between its neighbours.
    stray = [fold(text) for text, _speaker in doc.quotations if text not in doc.text]
    parts = [fold(doc.title), fold(doc.text), *stray, *speakers]

    def at_word_start(term: str, texts: list[str]) -> bool:
        return any(re.search(r"(?<![^\W_])" + re.escape(term), text) for text in texts)

    return (all(at_word_start(term, parts) for term in (*query.words, *query.phrases))
            and not any(at_word_start(term, parts) for term in query.excluded)
            and all(at_word_start(name, speakers) for name in query.speakers)
            and all(at_word_start(name, [fold(doc.source or "")]) for name in query.sources))


WORDS = st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join)


@st.composite
def search_doc(draw, article_id: str) -> SearchDoc:
    return SearchDoc(article_id, draw(WORDS), draw(WORDS), draw(st.sampled_from(SOURCES)), None,
                     tuple(draw(st.lists(st.tuples(WORDS, st.one_of(st.none(), WORDS)), max_size=2))))


@st.composite
def search_docs(draw) -> list[SearchDoc]:
    return [draw(search_doc(str(n))) for n in range(draw(st.integers(0, 6)))]


QUERIES = st.lists(st.sampled_from(QUERY_TERMS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=300)
@given(search_docs(), QUERIES)
def test_the_index_agrees_with_a_scan(docs, text):
    index = SearchIndex()
    for doc in docs:
        index.add(doc)
    query = parse_query(text)
    assert index.search(query) == [doc.article_id for doc in docs if scan_matches(doc, query)]


# Changes to an index: ("add", doc), ("remove", id) or ("reload", None), a save and load. Few ids, so that
# adds replace articles and removals find them.
OPERATIONS = st.lists(st.one_of(
    st.sampled_from("abcd").flatmap(lambda article_id: search_doc(article_id)).map(lambda doc: ("add", doc)),
    st.tuples(st.just("remove"), st.sampled_from("abcd")),
    st.just(("reload", None)),
), max_size=12)


@settings(max_examples=150, deadline=None)
@given(OPERATIONS, st.lists(QUERIES, min_size=1, max_size=4))
def test_an_index_changed_saved_and_loaded_agrees_with_a_scan(operations, texts):
    index, live = SearchIndex(), {}
    with tempfile.TemporaryDirectory() as folder:
        for operation, value in operations:
            if operation == "add":
                index.add(value)
                live.pop(value.article_id, None)  # a replaced article counts as added last
                live[value.article_id] = value
            elif operation == "remove":
                index.remove(value)
                live.pop(value, None)
            else:
                index.save(Path(folder))
                index = SearchIndex.load(Path(folder))
            assert index.ids() == list(live) and len(index) == len(live)
        for text in texts:
            query = parse_query(text)
            assert index.search(query) == [doc.article_id for doc in live.values() if scan_matches(doc, query)]


# --- changing, saving and loading the index -------------------------------------------------------------

QUERIES_OF_ALL_KINDS = ["minis", '"rail strike"', "-bridge", '-"rail strike"', "speaker:novak",
                        'speaker:"ada nov"', 'source:"valley post"', "after:2021", "is:read", "", "we're"]


def results(index: SearchIndex) -> list[list[str]]:
    return [ids(index, text, is_read={"rail"}.__contains__) for text in QUERIES_OF_ALL_KINDS]


def test_remove_drops_an_article_at_once(index):
    index.remove("bridge")
    index.remove("no such article")
    assert ids(index, "minis") == ["library"]
    assert "bridge" not in index and "library" in index
    assert len(index) == 3 and index.ids() == ["harbour", "rail", "library"]


def test_adding_an_article_again_replaces_it(index):
    index.add(SearchDoc("bridge", "Ferry replaces bridge", "The ferry runs all winter.", None, None, ()))
    assert ids(index, "minis") == ["library"]
    assert ids(index, "ferry") == ["bridge"]
    assert len(index) == 4 and index.ids() == ["harbour", "rail", "library", "bridge"]


def test_a_saved_index_loads_with_the_same_results(index, tmp_path):
    index.save(tmp_path)
    loaded = SearchIndex.load(tmp_path)
    assert loaded is not None
    assert results(loaded) == results(index)
    assert loaded.ids() == index.ids() and len(loaded) == 4


def test_saving_compacts_removed_and_replaced_articles(index, tmp_path):
    index.remove("harbour")
    index.add(DOCS[1])  # "bridge" again, now last
    index.save(tmp_path)
    loaded = SearchIndex.load(tmp_path)
    assert loaded.ids() == ["rail", "library", "bridge"]
    assert results(loaded) == results(index)


def test_a_loaded_index_takes_new_articles_and_saves_them(index, tmp_path):
    index.save(tmp_path)
    loaded = SearchIndex.load(tmp_path)
    loaded.add(SearchDoc("ministry", "Ministry moves", "The ministry moves to Vellmar.", "Valley Post", None, ()))
    loaded.remove("library")
    assert ids(loaded, "minis") == ["bridge", "ministry"]
    loaded.save(tmp_path)
    again = SearchIndex.load(tmp_path)
    assert ids(again, "minis") == ["bridge", "ministry"]
    assert ids(again, 'source:"valley post"') == ["bridge", "ministry"]
    assert again.ids() == ["harbour", "bridge", "rail", "ministry"]


def test_an_empty_index_saves_and_loads(tmp_path):
    SearchIndex().save(tmp_path)
    loaded = SearchIndex.load(tmp_path)
    assert loaded is not None and len(loaded) == 0 and ids(loaded, "minis") == []


def index_file(folder: Path) -> Path:
    (path,) = folder.iterdir()  # and no temporary file left behind
    return path


def test_load_of_a_missing_index_is_none(tmp_path):
    assert SearchIndex.load(tmp_path) is None
    assert SearchIndex.load(tmp_path / "nowhere") is None


def test_load_of_a_truncated_index_is_none(index, tmp_path):
    index.save(tmp_path)
    data = index_file(tmp_path).read_bytes()
    for size in (0, 1, 20, len(data) // 2, len(data) - 1):
        index_file(tmp_path).write_bytes(data[:size])
        assert SearchIndex.load(tmp_path) is None


def test_load_of_garbage_or_a_damaged_index_is_none(index, tmp_path):
    index.save(tmp_path)
    data = index_file(tmp_path).read_bytes()
    rng = random.Random(7)
    for _ in range(200):
        damaged = bytearray(data)
        damaged[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        index_file(tmp_path).write_bytes(bytes(damaged))
        loaded = SearchIndex.load(tmp_path)  # a flipped bit in the texts goes unnoticed, and is harmless
        assert loaded is None or results(loaded) is not None
    index_file(tmp_path).write_bytes(rng.randbytes(len(data)))
    assert SearchIndex.load(tmp_path) is None


def test_load_of_another_version_is_none(index, tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "FORMAT_VERSION", search_index.FORMAT_VERSION + 1)
    index.save(tmp_path)
    monkeypatch.undo()
    assert SearchIndex.load(tmp_path) is None


def test_saving_while_a_worker_adds_writes_a_consistent_index(tmp_path):
    index = SearchIndex()
    docs = [SearchDoc(f"d{n}", f"Report {n}", f"Minister number {n} spoke.", None, None, ()) for n in range(3000)]
    worker = threading.Thread(target=lambda: [index.add(doc) for doc in docs])
    worker.start()
    while worker.is_alive():
        index.save(tmp_path)
        saved = SearchIndex.load(tmp_path)
        assert saved.search(parse_query('"minister number"')) == saved.ids()
        assert saved.ids() == [doc.article_id for doc in docs[:len(saved)]]
    worker.join()


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


@given(st.text(alphabet="aäbM ’'-\n“”.İ", max_size=60),
       st.lists(st.sampled_from(["a", "ab", "äb", "m", "b a", "'a", "-b", "we're", "İ"]), max_size=3))
def test_find_hits_are_in_range_sorted_disjoint_and_start_with_a_term(text, terms):
    query = parse_query(" ".join(f'"{term}"' if " " in term else term for term in terms))
    folded = fold(text)
    hits = find_hits(text, query)
    for start, end in hits:
        assert 0 <= start < end <= len(text)
        assert any(folded[start:end].startswith(term) for term in (*query.words, *query.phrases))
    assert all(prev_end <= start for (_s, prev_end), (start, _e) in zip(hits, hits[1:]))


def test_quotation_matches():
    quote = "We’re proud of the bridge,"
    assert quotation_matches(quote, "Ada Novák", parse_query("proud novak"))
    assert quotation_matches(quote, "Ada Novák", parse_query('speaker:ada "we\'re proud" source:x'))
    assert not quotation_matches(quote, "Ada Novák", parse_query("proud berg"))
    assert not quotation_matches(quote, None, parse_query("speaker:novak"))
    assert quotation_matches(quote, None, parse_query("is:read"))
