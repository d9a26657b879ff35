"""Provenance: which quotations are the same quotation, how a later version differs from the first, and
the flags a group carries. Every example is a small hand-written case of what a reader would check."""
from __future__ import annotations

import random
import zlib
from collections import Counter

import pytest

from store.provenance import (Folded, Grouper, MemoryStore, Occurrence, build_group, differences, features, flags,
                              related, shingles, speaker_conflict, tokens, words)
from store.provenance.words import INSERTED, OMISSION, rare_words

FERRY = ("The ferry to Ostavik will run all winter, and the harbour board in Kelby has promised us "
         "a second boat by March.")


def same(a: str, b: str) -> bool:
    return related(features(Folded.of(a)), features(Folded.of(b)))


def ops(first: str, later: str) -> list[tuple[str, str, str]]:
    return [(d.op, d.old, d.new) for d in differences(first, later)]


# --- words --------------------------------------------------------------------------------------------------
def test_words_ignore_case_punctuation_quote_marks_and_accents():
    assert words("“Don’t close the CAFÉ,” she—said.") == words('"dont close the cafe" she said')
    assert words("Don't") == ("dont",)


@pytest.mark.parametrize("marker", ["…", "...", "[…]", "[...]", "(...)", ". . ."])
def test_an_omission_marker_is_one_key(marker):
    assert words(f"We will {marker} keep the ferry") == ("we", "will", OMISSION, "keep", "the", "ferry")


def test_a_bracketed_insertion_is_one_key_marked_as_inserted():
    keys = words("[The council] lied about it")
    assert keys == (INSERTED + "the_council", "lied", "about", "it")
    assert [(t.start, t.end) for t in tokens("[The council] lied")] == [(0, 13), (14, 18)]


def test_names_and_numbers_are_rare_but_a_sentence_start_is_not():
    assert rare_words("Kelby lost 40 jobs. The mayor of Ostavik said so.") == {"40", "ostavik"}
    assert rare_words("We told “Kelby” about it") == {"kelby"}


def test_shingles_are_stable_pairs_of_content_words():
    # stable across processes (not Python's salted hash), below 2**63 for an SQLite INTEGER
    expected = ((zlib.crc32(b"ferry") & 0x7FFFFFFF) << 32) | zlib.crc32(b"runs")
    assert shingles(words("The ferry runs")) == {expected}
    assert all(0 <= shingle < 2**63 for shingle in shingles(words(FERRY)))


def test_a_common_phrase_has_no_shingle_and_a_cut_breaks_pairs():
    assert shingles(words("We will not give up")) == set()
    assert len(shingles(words("ferry Ostavik … winter Kelby"))) == 2  # not (ostavik, winter)


# --- the relation -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("version", [
    "the ferry to Ostavik will run all winter and the harbour board in Kelby has promised us a second boat by March",
    "The ferry to Ostavik will run all winter",  # a part, quoted alone
    "the harbour board in Kelby has promised us a second boat by March",
    "The ferry to Ostavik will run all winter … a second boat by March.",  # a marked cut
    "The ferry to Ostavik will run all winter, and [the Kelby harbour board] has promised us a second boat by March.",
    "The ferry to Ostavik will run all winter, and the harbour board in Kelby has promised us a second boat by May.",
    "The ferry to Ostavik will sail all winter, and the port board in Kelby has pledged us a second boat by March.",
    "The ferry to Ostavik will run all winter, and the harbour board has promised us a boat by March.",
])
def test_versions_of_one_quotation_are_the_same(version):
    assert same(FERRY, version) and same(version, FERRY)


@pytest.mark.parametrize("a, b", [
    ("We will not give up, because the families of Kelby deserve a bridge that stays open.",
     "We will not give up on the nurses who kept the Ostavik hospital running through the floods."),
    ("It is too early to say whether the ferry to Ostavik will sail again this winter.",
     "It is too early to say how many jobs the closure of the Kelby paper mill will cost."),
    ("We are very happy with the result.", "We are very happy with the result."),  # a cliché, not a quotation
    ("The new paper mill in Anorgor will cost 313 million euros.",
     "The new paper mill in Belmirzen will cost 574 million euros."),  # a formula, other name and figure
])
def test_quotations_sharing_only_a_phrase_or_a_formula_are_not_the_same(a, b):
    assert not same(a, b) and not same(b, a)


def test_a_short_quotation_needs_a_name_or_four_content_words():
    assert same("Nobody in Oslo would accept that for their own daughters.",
                "nobody in Oslo would accept that for their own daughters")
    assert not same("Nobody here would accept that for their own daughters.",
                    "Nobody here would accept that for their own daughters.")


def test_two_changes_one_word_apart_are_one_replacement():
    first = "The ferry to Ostavik does not sail when the weather turns."
    assert ops(first, "The ferry to Ostavik does not sail in bad weather.") == [
        ("replace", "when the weather turns", "in bad weather")]


def test_scattered_words_of_a_long_quotation_do_not_make_a_short_one_part_of_it():
    short = "The council must publish the budget for the harbour now."
    long = ("The council met on Monday, and we said the harbour needs money, but nobody will publish anything "
            "about the budget until the minister has spoken, and the minister says the port must wait for now.")
    assert not same(short, long)


# --- differences ----------------------------------------------------------------------------------------------
def test_the_same_words_have_no_differences():
    assert differences(FERRY, FERRY.upper().replace(",", "")) == ()


def test_a_marked_omission_is_an_honest_cut():
    later = "The ferry to Ostavik will run all winter … a second boat by March."
    assert ops(FERRY, later) == [("cut", "and the harbour board in Kelby has promised us", "…")]
    assert not any(d.is_change for d in differences(FERRY, later))


def test_an_omission_in_the_first_version_is_a_cut_too():
    first = "The ferry to Ostavik will run all winter … a second boat by March."
    assert [d.op for d in differences(first, FERRY)] == ["cut"]


def test_a_bracketed_insertion_is_an_editorial_addition():
    first = "It has promised us a second boat by March."
    assert ops(first, "[The harbour board] has promised us a second boat by March.") == [
        ("added", "It", "[The harbour board]")]
    assert ops(first, "It [the board] has promised us a second boat by March.") == [("added", "", "[the board]")]


def test_changed_added_and_dropped_words_are_changes_with_the_words_as_written():
    assert ops(FERRY, FERRY.replace("by March", "by May")) == [("replace", "March", "May")]
    assert ops(FERRY, FERRY.replace("a second boat", "a second fast boat")) == [("insert", "", "fast")]
    assert ops(FERRY, FERRY.replace(" in Kelby", "")) == [("delete", "in Kelby", "")]
    assert all(d.is_change for d in differences(FERRY, FERRY.replace("by March", "by May")))


def test_a_part_quoted_alone_is_an_excerpt_not_a_change():
    later = "the harbour board in Kelby has promised us a second boat"
    assert ops(FERRY, later) == [("excerpt", "The ferry to Ostavik will run all winter, and", ""),
                                 ("excerpt", "by March", "")]
    # the earlier the shorter: the later one quotes more of the sentence
    assert [d.op for d in differences(later, FERRY)] == ["excerpt", "excerpt"]


def test_an_excerpt_repeating_its_first_words_is_still_an_excerpt():
    first = "We have listened, and we have changed the map of the harbour twice this year."
    assert ops(first, "We have changed the map of the harbour twice") == [
        ("excerpt", "We have listened, and", ""), ("excerpt", "this year", "")]


def test_difference_offsets_point_into_both_texts():
    later = "The ferry to Ostavik will sail all winter, and [the board] has promised us a second boat by May."
    for difference in differences(FERRY, later):
        assert later[difference.start:difference.end] == difference.new
        assert FERRY[difference.old_start:difference.old_end] == difference.old


# --- groups ---------------------------------------------------------------------------------------------------
def occurrence(number: int, text: str, date: str | None, speaker: str | None = "Ada Novak",
               source: str = "Coastal Wire") -> Occurrence:
    return Occurrence(quotation_id=number, text=text, start=100, end=100 + len(text), speaker=speaker,
                      path=f"article-{number}.txt", date=date, source=source)


def test_a_group_is_ordered_oldest_first_undated_last_and_compared_with_the_first():
    group = build_group(7, [
        occurrence(3, FERRY.replace("March", "May"), "2024-05-02"),
        occurrence(1, FERRY, None),
        occurrence(4, FERRY, "2024-05-01"),
        occurrence(2, FERRY.replace("Kelby", "Kelby town"), "2024-05-02"),
    ])
    assert [o.quotation_id for o in group.occurrences] == [4, 2, 3, 1]
    assert group.first == 0 and group.occurrences[0].differences == ()
    assert [d.op for d in group.occurrences[2].differences] == ["replace"]
    assert group.changed is True


def test_honest_editing_alone_is_no_change_but_an_unmarked_cut_inside_is():
    honest = build_group(1, [
        occurrence(1, FERRY, "2024-01-01"),
        occurrence(2, "The ferry to Ostavik will run all winter … a second boat by March.", "2024-01-02"),
        occurrence(3, "[The service] to Ostavik will run all winter", "2024-01-03"),
    ])
    assert honest.changed is False
    silent = build_group(1, [occurrence(1, FERRY, "2024-01-01"),
                             occurrence(2, FERRY.replace(" to Ostavik will run all winter, and", ""), "2024-01-02")])
    assert silent.changed is True


def test_a_part_that_is_no_version_of_the_first_is_compared_with_the_longer_version_it_is_part_of():
    first_part = "We cannot staff the Gravdal ward safely with two midwives and a doctor who flies in on Mondays."
    second_part = "Closing the ward is the hardest decision I have made in this job, but it is the right one."
    texts = [first_part, second_part, f"{first_part} {second_part}", second_part.replace(" in this job", "")]
    assert len(grouped(texts)) == 1  # the two sentences quoted as one join them
    group = build_group(1, [occurrence(number, text, date) for number, (text, date) in enumerate(
        zip(texts, ["2025-04-02", "2025-04-02", "2025-04-03", "2025-04-10"]), 1)])
    assert [o.compared_with for o in group.occurrences] == [None, 2, 0, 1]
    assert [d.op for d in group.occurrences[1].differences] == ["excerpt"]
    assert [d.op for d in group.occurrences[2].differences] == ["excerpt"]
    assert [(d.op, d.old) for d in group.occurrences[3].differences] == [("delete", "in this job")]
    assert group.changed is True
    assert group.to_json()["occurrences"][1]["compared_with"] == 2
    members = [(o.quotation_id, o.date, o.speaker, Folded.of(o.text)) for o in group.occurrences]
    assert flags(members) == (True, False)


@pytest.mark.parametrize("speakers, conflict", [
    (["Ada Novak", "Novak", "Dr. Novak", "A. Novak", "Ada B. Novak"], False),
    (["Ada Novak", "spokesman", None, ""], False),
    (["Ada Novak", "Ben Varga"], True),
    (["Ada Novak", "Ben Novak"], True),
])
def test_speaker_conflict_needs_two_different_named_people(speakers, conflict):
    assert speaker_conflict(speakers) is conflict


def test_the_json_record_keeps_changes_in_differences_and_honest_editing_apart():
    group = build_group(1, [occurrence(1, FERRY, "2024-01-01"),
                            occurrence(2, "[The service] to Ostavik will run all winter, and the harbour board in "
                                          "Kelby has promised us a second boat by May.", "2024-01-02", "Ben Varga")])
    record = group.to_json()
    assert record["first"] == 0 and record["changed"] is True and record["speaker_conflict"] is True
    later = record["occurrences"][1]
    assert set(later) >= {"path", "date", "source", "speaker", "text", "start", "end", "differences"}
    assert later["differences"] == [{"op": "replace", "from": "March", "to": "May"}]
    assert later["edits"] == [{"op": "added", "from": "The ferry", "to": "[The service]"}]
    assert record["occurrences"][0]["differences"] == []


def test_flags_from_the_store_agree_with_the_group():
    texts = [FERRY, FERRY.replace("March", "May"), "The ferry to Ostavik will run all winter"]
    members = [(number, f"2024-01-0{number}", "Novak", Folded.of(text)) for number, text in enumerate(texts, 1)]
    group = build_group(1, [occurrence(n, t, f"2024-01-0{n}", "Novak") for n, t in enumerate(texts, 1)])
    assert flags(members) == (group.changed, group.speaker_conflict) == (True, False)


# --- grouping -------------------------------------------------------------------------------------------------
BRIDGE = "We will rebuild the Kelby footbridge before the floods come back, whatever the ministry in Ostavik says."
LOOKALIKES = [
    "We will not give up, because the families of Kelby deserve a bridge that stays open.",
    "We will not give up on the nurses who kept the Ostavik hospital running through the floods.",
]


def grouped(texts: list[str], grouper: Grouper | None = None) -> set[frozenset[str]]:
    grouper = grouper or Grouper()
    for number, text in enumerate(texts, 1):
        grouper.add(number, text)
    store = grouper.store
    return {frozenset(texts[m - 1] for m in store.members(store.group_of(n))) for n in range(1, len(texts) + 1)}


def test_grouping_finds_every_version_and_keeps_lookalikes_apart():
    ferry = [FERRY, "The ferry to Ostavik will run all winter", FERRY.replace("March", "May")]
    bridge = [BRIDGE, "We will rebuild the Kelby footbridge before the floods come back …"]
    texts = ferry + LOOKALIKES + bridge
    assert grouped(texts) == {frozenset(ferry), frozenset(bridge), frozenset(LOOKALIKES[:1]),
                              frozenset(LOOKALIKES[1:])}


def test_one_new_quotation_joins_its_group_and_returns_its_id():
    grouper = Grouper()
    grouper.add(10, FERRY)
    grouper.add(11, BRIDGE)
    group = grouper.add(12, "the harbour board in Kelby has promised us a second boat by March")
    assert group == grouper.store.group_of(10) and sorted(grouper.store.members(group)) == [10, 12]
    assert grouper.store.group_of(11) == 11


def test_removing_the_quotation_that_joined_two_others_splits_them():
    first_part = "The ferry to Ostavik will run all winter, whatever the weather in the strait."
    second_part = "The harbour board in Kelby has promised us a second boat by March."
    both = first_part + " " + second_part
    grouper = Grouper()
    for number, text in enumerate([first_part, second_part, both], 1):
        grouper.add(number, text)
    assert len(grouper.store.members(grouper.store.group_of(1))) == 3
    assert sorted(grouper.remove(3)) == [1, 2]
    assert grouper.store.members(1) == [1] and grouper.store.members(2) == [2]
    assert 3 not in grouper.store


def test_removing_a_member_keeps_the_rest_together():
    grouper = Grouper()
    for number, text in enumerate([FERRY, FERRY, FERRY.replace("March", "May")], 1):
        grouper.add(number, text)
    label = grouper.store.group_of(1)
    grouper.remove(label)  # the member whose id names the group
    rest = sorted({1, 2, 3} - {label})
    remaining = grouper.store.group_of(rest[0])
    assert sorted(grouper.store.members(remaining)) == rest and grouper.store.group_of(rest[1]) == remaining
    assert remaining in rest


def test_a_much_republished_quotation_still_finds_its_group_past_the_postings_limit():
    grouper = Grouper(postings_limit=3)
    grouper.add(100, BRIDGE)
    for number in range(1, 8):
        grouper.add(number, FERRY)
    assert grouper.add(8, FERRY.replace("March", "May")) == grouper.store.group_of(1)
    assert len(grouper.store.members(grouper.store.group_of(1))) == 8
    rows = Counter(shingle for shingle, _quotation in grouper.store.shingle_rows())
    assert all(rows[shingle] == 3 for shingle in shingles(words(FERRY)))  # the latest three


def test_the_memory_store_gives_rows_for_a_database():
    store = MemoryStore()
    grouper = Grouper(store)
    grouper.add(1, FERRY)
    grouper.add(2, FERRY.replace("March", "May"))
    quotation_rows = sorted(store.quotation_rows())
    assert [(quotation_id, group) for quotation_id, _folded, group in quotation_rows] == [(1, 1), (2, 1)]
    assert Folded.unpack(quotation_rows[0][1]) == Folded.of(FERRY)
    shingle_rows = list(store.shingle_rows())
    assert {q for _s, q in shingle_rows} == {1, 2}
    assert {s for s, q in shingle_rows if q == 1} == shingles(words(FERRY))


def test_a_first_groupings_dense_store_groups_as_the_memory_store_does():
    from bench.provenance_corpus import generate
    from store.provenance.grouping import DenseMemoryStore

    quotations = generate(300, seed=11).quotations()
    dense, sparse = Grouper(DenseMemoryStore()), Grouper(MemoryStore())
    for quotation_id, quotation in enumerate(quotations, 1):
        dense.add(quotation_id, quotation.text)
        sparse.add(quotation_id, quotation.text)

    assert len(dense.store) == len(quotations) and len(dense.store.groups()) > 30
    assert dense.store.groups(min_size=1) == sparse.store.groups(min_size=1)
    assert sorted(dense.store.quotation_rows()) == sorted(sparse.store.quotation_rows())
    assert list(dense.store.shingle_rows()) == list(sparse.store.shingle_rows())
    for quotation_id in range(1, len(quotations) + 1):
        assert dense.store.members(dense.store.group_of(quotation_id)) == \
            sparse.store.members(sparse.store.group_of(quotation_id))
    with pytest.raises(ValueError):  # ids come in order, each once
        dense.add(len(quotations) + 2, BRIDGE)
    with pytest.raises(ValueError):
        dense.add(1, BRIDGE)


def test_a_quotation_id_is_added_once():
    grouper = Grouper()
    grouper.add(1, FERRY)
    with pytest.raises(ValueError):
        grouper.add(1, BRIDGE)


def test_the_sample_articles_republish_and_alter_each_other():
    """The bundled Lofoten articles: found by the quotation engine, grouped, compared and flagged."""
    from store import bundled_sample_data, extract_quotations, iter_article_files, load_article

    grouper, found = Grouper(), {}
    for path in iter_article_files([bundled_sample_data()]):
        article = load_article(path)
        for quotation in extract_quotations(article.text):
            number = len(found) + 1
            found[number] = Occurrence(quotation_id=number, text=quotation.text, start=quotation.start,
                                       end=quotation.end, speaker=quotation.speaker, path=path.name,
                                       date=article.date, source=article.source)
            grouper.add(number, quotation.text)
    groups = [build_group(group, [found[m] for m in members]) for group, members in grouper.store.groups().items()]
    summary = {" ".join(group.occurrences[0].text.split()[:4]): (
        group.size, group.changed, group.speaker_conflict, [d.op for o in group.occurrences for d in o.differences])
        for group in groups}
    assert summary == {
        "We cannot staff a": (2, False, False, ["added"]),  # [The trust] for "We"
        "Closing it is the": (3, True, False, ["excerpt", "delete"]),  # within a cut "…", then "in this job" gone
        "Women in Lofoten will": (2, True, False, ["replace"]),  # "in bad weather"
        "Nobody in Oslo would": (2, False, False, []),
        "We delivered 180 babies": (3, True, True, ["replace"]),  # given to the mayor; then 80 babies
    }


def test_each_difference_is_said_in_words_honest_editing_apart_from_changes():
    def said(first: str, later: str) -> list[str]:
        return [d.describe() for d in differences(first, later)]

    assert said(FERRY, FERRY.replace("by March", "by May")) == ["changed: “March” → “May”"]
    assert said(FERRY, FERRY.replace(" in Kelby", "")) == ["dropped: “in Kelby”"]
    assert said(FERRY, FERRY.replace("a second boat", "a second fast boat")) == ["added: “fast”"]
    assert said(FERRY, "The ferry to Ostavik will run all winter … a second boat by March.") == [
        "cut, marked …: “and the harbour board in Kelby has promised us”"]
    assert said("It has promised us a second boat by March.",
                "[The harbour board] has promised us a second boat by March.") == [
        "editorial addition: [The harbour board] for “It”"]
    assert said(FERRY, "the harbour board in Kelby has promised us a second boat")[0].startswith("quotes less")


def test_a_worker_processs_answer_gives_each_text_its_folded_words_and_shingles():
    """What the worker processes of a first grouping hand back (the shingles of all texts in one array, sent
    as a pickle) is, text by text, what grouping here would have worked out."""
    import pickle

    from store.provenance.grouping import prepare
    from store.provenance.workers import each_prepared, prepare_texts

    texts = [FERRY, "", "No comment.", BRIDGE, FERRY.replace("March", "May"), "Ja … [the council] nei", BRIDGE]
    answer = pickle.loads(pickle.dumps(prepare_texts(texts), protocol=pickle.HIGHEST_PROTOCOL))
    found = [(packed, list(own)) for packed, own in each_prepared(answer)]
    # A text prepared lately (a republished quotation) is answered as it was the first time.
    assert [(packed, list(own)) for packed, own in each_prepared(prepare_texts(texts[::-1]))] == found[::-1]
    expected = [(folded.pack(), own) for folded, own in map(prepare, texts)]
    assert [packed for packed, _own in found] == [packed for packed, _own in expected]
    assert [sorted(own) for _packed, own in found] == [sorted(own) for _packed, own in expected]
    assert any(own for _packed, own in found) and not found[1][1]


def test_copies_posted_only_when_looked_up_leave_the_postings_and_groups_of_copies_posted_at_once():
    """A first grouping adds a copy of a wording without posting it to its shingles until one of them is looked
    up or written; candidates, groups and the rows written must be what posting every copy at once gives, also
    when several copied wordings share a shingle and when more copies come than a shingle keeps."""
    from bench.provenance_corpus import generate
    from store.provenance.grouping import DenseMemoryStore, prepare
    from store.provenance.relation import related
    from store.provenance.words import packed_features

    rng = random.Random(3)
    texts = [quotation.text for quotation in generate(200, seed=13).quotations()]
    stream = [rng.choice(texts[:40]) if rng.random() < 0.6 else text for text in texts for _ in range(2)]
    for kept in (2, 8):
        lazy, eager = Grouper(DenseMemoryStore(kept), kept), Grouper(MemoryStore(kept), kept)
        first_of: dict[str, int] = {}
        copies = 0
        for quotation_id, text in enumerate(stream, 1):
            folded, own = prepare(text)
            packed = folded.pack()
            first = first_of.setdefault(packed, quotation_id)
            if first == quotation_id or len(own) < 2:
                assert lazy.add_packed(quotation_id, packed, own) == eager.add_packed(quotation_id, packed, own)
                continue
            copies += 1
            joins = related(packed_features(packed), packed_features(packed))
            group = lazy.store.group_of(first)
            lazy.store.add_copy(quotation_id, packed, own, first, group if joins else None)
            eager.store.add(quotation_id, packed, own)
            if joins:
                eager.store.merge(eager.store.group_of(first), quotation_id)
            assert lazy.store.group_of(quotation_id) == eager.store.group_of(quotation_id)
            if rng.random() < 0.2:  # a look-up now and then (each brings the postings it reads up to date)
                probe = prepare(rng.choice(texts))[1]
                assert lazy.store.shared(probe, kept) == eager.store.shared(probe, kept)
        assert copies > 100
        assert lazy.store.groups(min_size=1) == eager.store.groups(min_size=1)
        assert list(lazy.store.shingle_rows()) == list(eager.store.shingle_rows())
