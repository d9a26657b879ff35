"""Properties of provenance: the groups do not depend on the order quotations arrive in, the relation is
symmetric, each member of a group is compared with the first other member it is a version of, the differences
rebuild the later version from the first, and the fast word split agrees with the tokens the differences are
drawn from."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.provenance import Folded, Grouper, compared_with, differences, features, related, tokens, words
from store.provenance.diff import is_changed
from store.provenance.groups import ordered_flags

QUOTATIONS = [
    "The ferry to Ostavik will run all winter, and the harbour board in Kelby has promised us a second boat by March.",
    "We warned the ministry about the cracks in the Selvik pier 40 times, and nobody answered a single letter.",
    "Our nurses in Dunmore deserve better than promises, they deserve a pay rise before the summer.",
    "The new paper mill in Anorgor will cost 313 million euros and employ 120 people from the valley.",
    "We will not give up, because the families of Kelby deserve a bridge that stays open all year.",
    "It is too early to say whether the Ostavik dam will hold if the spring floods come back.",
]
REPLACEMENTS = ["vital", "huge", "Brenna", "77", "costly", "northern"]
PUNCTUATION = ["", ",", ".", ";", " -", "!"]


@st.composite
def versions(draw) -> str:
    """A quotation of the bank, or a version of it: a part, a marked cut, words changed, a bracketed
    insertion, other punctuation and case."""
    words_of = QUOTATIONS[draw(st.integers(0, len(QUOTATIONS) - 1))].split()
    kind = draw(st.sampled_from(["same", "part", "cut", "changed", "bracketed", "restyled"]))
    if kind == "part":
        start = draw(st.integers(0, len(words_of) // 2))
        words_of = words_of[start:start + draw(st.integers(len(words_of) // 2, len(words_of)))]
    elif kind == "cut":
        start = draw(st.integers(2, len(words_of) - 5))
        words_of = words_of[:start] + ["…"] + words_of[start + draw(st.integers(1, 3)):]
    elif kind == "changed":
        for _ in range(draw(st.integers(1, 2))):
            words_of[draw(st.integers(0, len(words_of) - 1))] = draw(st.sampled_from(REPLACEMENTS))
    elif kind == "bracketed":
        insertion = draw(st.lists(st.sampled_from(["in", "the", "north", "council", "Kelby"]), min_size=1, max_size=4))
        words_of.insert(draw(st.integers(1, len(words_of) - 1)), f"[{' '.join(insertion)}]")
    elif kind == "restyled":
        words_of = [word.strip(",.;!").lower() + draw(st.sampled_from(PUNCTUATION)) for word in words_of]
    return " ".join(words_of)


def partition(texts: list[str], order: list[int]) -> set[frozenset[int]]:
    grouper = Grouper()
    for index in order:
        grouper.add(index + 1, texts[index])
    store = grouper.store
    return {frozenset(store.members(store.group_of(index + 1))) for index in order}


@settings(deadline=2000, max_examples=60)
@given(st.lists(versions(), min_size=2, max_size=14), st.randoms(use_true_random=False))
def test_groups_do_not_depend_on_the_order_of_arrival(texts, random):
    order = list(range(len(texts)))
    shuffled = order[:]
    random.shuffle(shuffled)
    assert partition(texts, order) == partition(texts, shuffled)


@settings(deadline=2000, max_examples=60)
@given(st.lists(versions(), min_size=2, max_size=14), st.data())
def test_removing_a_quotation_leaves_the_groups_of_the_rest(texts, data):
    gone = data.draw(st.integers(0, len(texts) - 1))
    grouper = Grouper()
    for index, text in enumerate(texts):
        grouper.add(index + 1, text)
    grouper.remove(gone + 1)
    store = grouper.store
    left = [index for index in range(len(texts)) if index != gone]
    assert {frozenset(store.members(store.group_of(index + 1))) for index in left} == partition(texts, left)


@settings(deadline=1000, max_examples=100)
@given(versions(), versions())
def test_the_relation_is_symmetric(a, b):
    fa, fb = features(Folded.of(a)), features(Folded.of(b))
    assert related(fa, fb) == related(fb, fa)


def rebuilt(first: str, later: str) -> str:
    """`first` with every difference applied: each `old` span replaced by its `new` words."""
    text = first
    for difference in sorted(differences(first, later), key=lambda d: d.old_start, reverse=True):
        text = f"{text[:difference.old_start]} {difference.new} {text[difference.old_end:]}"
    return text


@settings(deadline=1000, max_examples=150)
@given(versions(), versions())
def test_the_differences_rebuild_the_later_version_from_the_first(first, later):
    assert words(rebuilt(first, later)) == words(later)


PIECES = list("ab Zé’'.,…()-“”\n1ß") + ["...", "[...]", " . . .", "[the board]", "[a b c]", "[x b y]"]
TEXT = st.lists(st.sampled_from(PIECES + ["[", "]"]), max_size=30).map("".join)
# Brackets only in pairs: `rebuilt` pastes pieces of text together, and a stray bracket of one would pair
# with a stray bracket of another into an insertion neither text has.
BALANCED_TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(deadline=1000, max_examples=300)
@given(TEXT)
def test_the_fast_word_split_agrees_with_the_tokens(text):
    assert words(text) == tuple(token.key for token in tokens(text))


@settings(deadline=1000, max_examples=150)
@given(BALANCED_TEXT, BALANCED_TEXT)
def test_differences_of_any_texts_rebuild_them(first, later):
    assert words(rebuilt(first, later)) == words(later)


@settings(deadline=2000, max_examples=80)
@given(st.lists(versions(), min_size=1, max_size=5), st.lists(st.integers(0, 4), min_size=1, max_size=40))
def test_each_member_is_compared_with_the_first_other_member_it_is_a_version_of(wordings, picks):
    # A group as republishing makes them: many copies of a few wordings, in any order.
    folded = [Folded.of(wordings[pick % len(wordings)]) for pick in picks]
    expected: list[int | None] = [None]
    for index in range(1, len(folded)):
        expected.append(next((other for other in range(len(folded)) if other != index
                              and related(features(folded[index]), features(folded[other]))), 0))
    assert compared_with(folded) == expected
    changed = any(is_changed(folded[reference].keys, one.keys) for one, reference in zip(folded, expected)
                  if reference is not None)
    assert ordered_flags(folded, [None] * len(folded)) == (changed, False)
