"""A quotation as folded words: what provenance compares, and the shingles that find candidates.

A quotation's words are `store.search.fold`ed (case, accents, curly quotes) runs of letters and digits;
apostrophes inside a word are dropped ("don't" is "dont"), every other punctuation mark is ignored. Two
things are kept apart from the words, because they are honest editing rather than a change of wording:

- an omission marker (`…`, `...`, `[…]`, `(...)`) becomes the key `OMISSION`;
- a bracketed editorial insertion (`[the council]`) becomes one key, `INSERTED` and its words joined by
  "_" (`[the_council`): an insertion is added or not as a whole.

Shingles are hashes of pairs of consecutive content words (function words such as "the", "will", "not"
are skipped): "we will not give up" has one content word and no shingle, so a common phrase never makes
two quotations candidates of each other. A pair never spans an omission (the words around a cut were not
next to each other in what was quoted). Hashes are CRC-32 based, stable across processes and below 2**63,
so they can be stored as SQLite INTEGERs.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..text import fold

__all__ = ["INSERTED", "OMISSION", "STOPWORDS", "Features", "Folded", "Token", "features", "packed_features",
           "rare_words", "shingles", "tokens", "words"]

OMISSION = "…"
INSERTED = "["  # first character of the key of an editorial [insertion]

_TOKEN = re.compile(r"""
    (?P<cut>\[\s*(?:…|\.{3,}|\.\ \.\ \.)\s*\]|\(\s*(?:…|\.{3,}|\.\ \.\ \.)\s*\)|…|\.{3,}|\.\ \.\ \.)
  | (?P<insert>\[[^\[\]\n]*\])
  | (?P<word>[^\W_]+(?:'[^\W_]+)*)
""", re.VERBOSE)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")

# Function words: they carry no content of their own, so sharing them says nothing about two quotations.
# Apostrophe-free forms, as `words` writes them ("dont", "were").
STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another any anyone
anything are around as at back be became because been before being below between both but by can cannot
cant could couldnt did didnt do does doesnt doing done dont down during each either else enough even ever
every few for from further get gets getting go goes going got had hadnt has hasnt have havent having he
hed hell her here hers herself hes him himself his how however i id if ill im in into is isnt it its itll
itself ive just least less let lets like made make many may me might more most much must my myself neither
never no nobody none nor not nothing now of off often on once one only or other others our ours ourselves
out over own per perhaps quite rather really same shall she shes should shouldnt since so some something
still such than that thats the their theirs them themselves then there theres these they theyd theyll
theyre theyve thing things this those though through thus to too under until up upon us very was wasnt we
wed well were werent weve what whats when where whether which while who whom whose why will with within
without wont would wouldnt yes yet you youd youll your youre yours yourself yourselves youve
""".split())


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a quotation: its key (a folded word, `OMISSION`, or an insertion's key) and where it is in
    the quotation's text (an insertion with its brackets)."""

    key: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The quotation's tokens, in order, with their offsets into `text`."""
    return [Token(key, start, end) for key, start, end in _scan(fold(text))]


def _scan(folded: str) -> Iterator[tuple[str, int, int]]:
    for match in _TOKEN.finditer(folded):
        start, end = match.span()
        if match.lastgroup == "word":
            yield match.group().replace("'", ""), start, end
        elif match.lastgroup == "cut":
            yield OMISSION, start, end
        else:
            inserted = [word.replace("'", "") for word in _WORD.findall(folded, start + 1, end - 1)]
            if inserted:  # "[—]" says nothing
                yield INSERTED + "_".join(inserted), start, end


# Every ASCII character but letters, digits and the apostrophe, to a space: `words`' fast path splits on them.
_ASCII_SPACES = str.maketrans({chr(code): " " for code in range(128)
                               if not chr(code).isalnum() and chr(code) != "'"})


def words(text: str) -> tuple[str, ...]:
    """The keys of the quotation's tokens (see the module's docstring): `[t.key for t in tokens(text)]`."""
    folded = fold(text)
    if not folded.isascii() or "[" in folded or "..." in folded or ". . ." in folded or "''" in folded:
        return tuple(key for key, _start, _end in _scan(folded))
    split = folded.translate(_ASCII_SPACES).split()  # the common case, several times faster than a regex
    if "'" not in folded:
        return tuple(split)
    return tuple(key for key in (word.strip("'").replace("'", "") for word in split) if key)


_SENTENCE_END = frozenset(".!?:;…")
_BEFORE_A_WORD = frozenset(" \n\t\"'“‘«„([—–-")  # what may stand between a sentence's end and its first word
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{N}'’])\p{Lu}[\p{L}\p{N}]*(?:['’][\p{L}\p{N}]+)*")
_CAPITALISED_ASCII = re.compile(r"(?<![A-Za-z0-9'])[A-Z][A-Za-z0-9]*(?:'[A-Za-z0-9]+)*")  # the same, in ASCII text


def rare_words(text: str, keys: tuple[str, ...] | None = None) -> frozenset[str]:
    """The quotation's names and numbers, as keys: words with a digit, and capitalised words that do not start
    a sentence (and are not function words). They weigh more in the relation test, since two quotations
    about different places or figures are different quotations however alike the rest of their words.
    `keys`, when given, are `words(text)`."""
    if keys is None:
        keys = words(text)
    rare = set() if "".join(keys).isalpha() else {
        key for key in keys if not key.isalpha() and key != OMISSION and key[0] != INSERTED}
    ascii_text = text.isascii()
    for match in (_CAPITALISED_ASCII if ascii_text else _CAPITALISED).finditer(text):
        before = match.start() - 1
        while before >= 0 and text[before] in _BEFORE_A_WORD:
            before -= 1
        if before < 0 or text[before] in _SENTENCE_END:
            continue
        key = (match.group().lower() if ascii_text else fold(match.group())).replace("'", "")  # fold, in ASCII
        if key not in STOPWORDS:
            rare.add(key)
    return frozenset(rare)


@dataclass(frozen=True, slots=True)
class Folded:
    """What provenance keeps of a quotation: its keys and its rare words. `pack` makes one string of it (for a
    TEXT column), `unpack` reads it back."""

    keys: tuple[str, ...]
    rare: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str) -> Folded:
        keys = words(text)
        return cls(keys, rare_words(text, keys))

    def pack(self) -> str:
        joined = " ".join(self.keys)
        return f"{joined}\t{' '.join(sorted(self.rare))}" if self.rare else joined

    @classmethod
    def unpack(cls, packed: str) -> Folded:
        joined, _tab, rare = packed.partition("\t")
        return cls(tuple(joined.split(" ")) if joined else (), frozenset(rare.split(" ")) if rare else frozenset())


RARE_EXTRA = 0.5  # a rare word weighs 1 + RARE_EXTRA in the relation test (`relation`)


class Features(NamedTuple):
    """What the relation test needs of one quotation: its own words (without markers and insertions), the set
    of its distinct content words, those of them that are rare (names, numbers), and the weight of its
    content (`relation`: worked out once here, since a quotation is tested against many). A named tuple:
    grouping makes one for most quotations, and a tuple is the quickest to make."""

    plain: tuple[str, ...]
    content: frozenset[str]
    rare: frozenset[str]
    weight: float

    @property
    def size(self) -> int:
        return len(self.plain)


def features(folded: Folded) -> Features:
    keys = folded.keys
    if OMISSION in keys or INSERTED in "".join(keys):  # no word holds "[": only an insertion's key does
        keys = tuple(key for key in keys if key != OMISSION and key[0] != INSERTED)
    return _features(keys, folded.rare)


def packed_features(packed: str) -> Features:
    """`features(Folded.unpack(packed))`, without making the `Folded`."""
    joined, _tab, rare = packed.partition("\t")
    keys = tuple(joined.split(" ")) if joined else ()
    if OMISSION in joined or INSERTED in joined:  # neither is in any word
        keys = tuple(key for key in keys if key != OMISSION and key[0] != INSERTED)
    return _features(keys, rare.split(" ") if rare else ())


def _features(keys: tuple[str, ...], rare_words: Iterable[str]) -> Features:
    content = frozenset(keys).difference(STOPWORDS)
    rare = content.intersection(rare_words)
    return Features(keys, content, rare, len(content) + RARE_EXTRA * len(rare))


_hash_cache: dict[str, int] = {}


def _word_hash(word: str) -> int:
    value = _hash_cache.get(word)
    if value is None:
        if len(_hash_cache) > 500_000:  # a bound on memory for a corpus of unusual words
            _hash_cache.clear()
        value = _hash_cache[word] = zlib.crc32(word.encode("utf-8"))
    return value


def shingles(keys: tuple[str, ...] | list[str]) -> set[int]:
    """The distinct shingle hashes of a quotation's keys: one per pair of consecutive content words, pairs
    broken at omissions, words of insertions skipped."""
    found: set[int] = set()
    inserted = INSERTED in "".join(keys)  # no word holds "[": only an insertion's key does
    for segment in _segments(keys):
        content = [key for key in segment if key not in STOPWORDS]
        if inserted:
            content = [key for key in content if key[0] != INSERTED]
        hashes = list(map(_hash_cache.get, content))
        if None in hashes:
            hashes = [_word_hash(key) if value is None else value for key, value in zip(content, hashes)]
        found.update([((first & 0x7FFFFFFF) << 32) | second for first, second in zip(hashes, hashes[1:])])
    return found


def _segments(keys: tuple[str, ...] | list[str]) -> list[tuple[str, ...] | list[str]]:
    if OMISSION not in keys:
        return [keys]
    segments: list[list[str]] = [[]]
    for key in keys:
        if key == OMISSION:
            segments.append([])
        else:
            segments[-1].append(key)
    return segments
