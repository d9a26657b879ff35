"""When two quotations are the same quotation.

Two quotations are the same when, aligned word by word (a longest common subsequence of their folded words,
omission markers and bracketed insertions left out), the words they share in runs of at least `MIN_RUN`
words:

- hold distinct content words (not function words) of a weight of at least `MIN_CONTENT`, and at least
  `CONTENT_COVER` of the content of the quotation that has less, where a word weighs one and a rare word
  (a number, a name: `words.rare_words`) one and a half: four content words, or three with a name;
- and cover at least `WORD_COVER` of the words of the shorter quotation.

This is one rule for the three cases: the same words up to case and punctuation (everything is shared), one
a part of the other (the shorter is covered whole, however long the other is), and nearly the same wording
(a few words changed, added or dropped leave most of the shorter covered). What it keeps apart:

- quotations that only share a common phrase ("it is too early to say", "we will not give up"): such a
  phrase is mostly function words and holds two or three content words, short of `MIN_CONTENT`, and it is
  a small part of any quotation that says more;
- quotations that share many scattered words: a word matched alone between two differences does not count
  (`MIN_RUN`), so "the ... council ... budget" found here and there in a long quotation is no match;
- formulas filled in with other names and figures ("The new mill in Anorgor will cost 313 million euros",
  "... in Belmirzen will cost 574 million euros"): the differing names and numbers weigh more, so two of
  them are more than "a few words changed", while one changed figure in a quotation is still a version;
- very short quotations ("No comment", "We are very happy with the result"): content short of
  `MIN_CONTENT` is never grouped, since identical clichés from unrelated speakers are not republications.
  "Nobody in Oslo would accept that" (a name and two words) is just enough.

The thresholds were chosen on the generated corpora of `bench/provenance_corpus.py`, which plant every kind
of republication and of look-alike that must stay apart.
"""
from __future__ import annotations

from rapidfuzz.distance import Indel

from .words import RARE_EXTRA, STOPWORDS, Features

__all__ = ["CONTENT_COVER", "MIN_CONTENT", "MIN_RUN", "RARE_EXTRA", "WORD_COVER", "related", "shared_words"]

MIN_CONTENT = 3.5
CONTENT_COVER = 0.75
WORD_COVER = 0.7
MIN_RUN = 2


def shared_words(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, set[str]]:
    """The number of words of `a` aligned with equal words of `b` in runs of `MIN_RUN` or more, and the
    distinct content words among them."""
    matched = 0
    content: set[str] = set()
    for tag, a_start, a_end, _b_start, _b_end in Indel.opcodes(a, b):
        if tag == "equal" and a_end - a_start >= MIN_RUN:
            matched += a_end - a_start
            content.update(a[a_start:a_end])
    content.difference_update(STOPWORDS)
    return matched, content


def related(a: Features, b: Features) -> bool:
    """Whether two quotations are the same quotation (see the module's docstring). Symmetric."""
    shared = a.content & b.content
    need = max(MIN_CONTENT, CONTENT_COVER * min(a.weight, b.weight))
    if len(shared) * (1 + RARE_EXTRA) < need:
        return False  # the cheap tests first (even were every shared word rare): most candidates stop here
    rare = a.rare | b.rare
    if _weight(shared, rare) < need:
        return False
    if (a.size, a.plain) > (b.size, b.plain):  # one order for both calls: alignments can tie differently
        a, b = b, a
    matched, content = shared_words(a.plain, b.plain)
    return _weight(content, rare) >= need and matched >= WORD_COVER * a.size


def _weight(content: frozenset[str] | set[str], rare: frozenset[str]) -> float:
    return len(content) + RARE_EXTRA * len(rare.intersection(content))
