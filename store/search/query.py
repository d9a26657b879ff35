"""The search field's query language: folding, parsing, and matching one text.

Query syntax (`parse_query`), all terms combined with AND:

- `minis`            a word: matches where a word of the text starts with it ("minis" finds "minister"),
                     since the list filters as the user types;
- `"prime minister"` a phrase (curly “…” work too): its words in a row, the last one as a word beginning;
- `-word`, `-"a phrase"`  excludes articles where the word or phrase matches;
- `speaker:novak`, `speaker:"Ada Novak"`  some quotation's speaker has a word starting with the name;
- `source:wire`      the article's source, matched the same way;
- `after:2024-05-01` on or after that date (inclusive); `before:2024-05-01` strictly before it. `2024` and
                     `2024-05` stand for their first day. Articles without a date never match either;
- `is:unread`, `is:read`, `is:highlighted`.

Field names and values are case-insensitive. Everything is compared after `fold` (case, accents, curly
quotes and apostrophes). A word of the text is a run of letters and digits, apostrophes inside it included
("can't", "o'brien"); whatever else stands between two words (spaces, punctuation, a line break) only
separates them, so a phrase matches across a comma. A term of the query is a sequence of such words, the last
one a word beginning unless the term ends with punctuation (`"mine,"` wants the whole word "mine"). A single
word without an apostrophe also finds the part of a word after one: `brien` finds "O’Brien", `europe` finds
"l'Europe". A word or phrase matches the headline, the body and the quotations' speakers (the quotations are
part of the body).

A malformed query never raises: `Query.problems` holds short hints for the UI, and the rest still applies.
An unclosed quote searches for the rest as a phrase; a bad date, an empty name or an unknown `is:` value
drops that field; an unknown field close to a known one (`speakr:`) is dropped with a "did you mean"
hint, any other `name:value` (`10:30`, `https://...`) is searched for as words.
"""
from __future__ import annotations

import re
import unicodedata
from collections import namedtuple
from functools import lru_cache
from collections.abc import Iterable

from ..text import _ASCII_BYTES, fold, iso_date

__all__ = [
    "Query",
    "Term",
    "UNCLOSED_QUOTE",
    "SEPARATOR",
    "WORD",
    "find_hits",
    "fold",
    "indexed_words",
    "parse_query",
    "quotation_matches",
    "term_of",
]

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters and digits (str.isalnum), inner apostrophes kept
# A word no query can hold: between two texts of one field (two speakers), it keeps a phrase from running on.
SEPARATOR = "\ue000"

# --- the query ----------------------------------------------------------------------------------------


# Named tuples, not dataclasses: `quotedesk search` would spend a sixth of its time making dataclasses.
class Query(namedtuple("Query", "text words phrases excluded speakers sources after before flags problems",
                       defaults=((), (), (), (), (), None, None, frozenset(), ()))):
    """A parsed query; every string in it is folded: `text`, the raw query; `words`, `phrases`; `excluded`, words
    or phrases (both match where a word starts); `speakers`, `sources` (tuples of str); `after` (ISO date,
    inclusive), `before` (exclusive), or None; `flags`, a subset of {"unread", "read", "highlighted"};
    `problems`, hints for the user, empty when the query is well-formed."""

    __slots__ = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to filter on (problems aside)."""
        return not (self.words or self.phrases or self.excluded or self.speakers or self.sources
                    or self.after or self.before or self.flags)


_FIELD_NAMES = ("speaker", "source", "after", "before", "is")
_FLAGS = ("unread", "read", "highlighted")
_FIELD = re.compile(r"([a-z]+):")
_SPACE = re.compile(r"\s*")
_BARE = re.compile(r"\S*")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
UNCLOSED_QUOTE = "unclosed quote: searching for the rest as a phrase"


def parse_query(text: str) -> Query:
    """Parse the search field's text. Never raises: what cannot be understood becomes a problem hint."""
    folded = fold(unicodedata.normalize("NFC", text))
    builder = _QueryBuilder()
    at = _SPACE.match(folded).end()
    while at < len(folded):
        at = _parse_term(folded, at, builder)
        at = _SPACE.match(folded, at).end()
    return builder.build(text)


def _parse_term(folded: str, at: int, builder: _QueryBuilder) -> int:
    """Parse the term starting at `at` into `builder`; return where it ends."""
    negated = folded[at] == "-" and at + 1 < len(folded) and not folded[at + 1].isspace()
    if negated:
        at += 1
    field = _FIELD.match(folded, at)
    name = field.group(1) if field else None
    if field and name in _FIELD_NAMES:
        value, at, closed = _read_value(folded, field.end())
        builder.add_field(name, value, negated)
    elif field and (guess := _close_field_name(name)):
        _value, at, closed = _read_value(folded, field.end())  # a mistyped field: its value is no word
        builder.problems.append(f"unknown field {name}: (did you mean {guess[0]}:?)")
    else:
        quoted = folded.startswith('"', at)
        value, at, closed = _read_value(folded, at)
        builder.add_text(value, negated, quoted)
    if not closed:
        builder.problems.append(UNCLOSED_QUOTE)
    return at


def _close_field_name(name: str) -> list[str]:
    """The field name `name` is likely a typo of, if any (loaded here: a query rarely holds one)."""
    import difflib

    return difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.75)


def _read_value(folded: str, at: int) -> tuple[str, int, bool]:
    """The quoted or bare value at `at`: (value, where it ends, whether a quote was left open).
    An unclosed quote takes the rest of the text."""
    if not folded.startswith('"', at):
        end = _BARE.match(folded, at).end()
        return folded[at:end], end, True
    close = folded.find('"', at + 1)
    if close == -1:
        return folded[at + 1:], len(folded), False
    return folded[at + 1:close], close + 1, True


def _clean_name(value: str) -> str:
    return _EDGE_PUNCTUATION.sub("", " ".join(value.split()))


def _parse_date(value: str) -> str | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the ISO date of its first day; None if not a real date."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = (int(part or 1) for part in match.groups())
    return iso_date(year, month, day)


class _QueryBuilder:
    """The parts of a query as the parser finds them."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.phrases: list[str] = []
        self.excluded: list[str] = []
        self.speakers: list[str] = []
        self.sources: list[str] = []
        self.afters: list[str] = []
        self.befores: list[str] = []
        self.flags: set[str] = set()
        self.problems: list[str] = []

    def add_text(self, value: str, negated: bool, quoted: bool) -> None:
        # Punctuation around a bare word is not part of it ("minister," "(un)"); a phrase keeps it.
        term = " ".join(value.split()) if quoted else _EDGE_PUNCTUATION.sub("", value)
        if not WORD.search(term):
            return  # nothing searchable: "", "-", "..."
        if negated:
            self.excluded.append(term)
        else:
            (self.phrases if quoted else self.words).append(term)

    def add_field(self, name: str, value: str, negated: bool) -> None:
        if negated:
            self.problems.append(f"only words and phrases can be excluded: -{name}: ignored")
        elif name in ("speaker", "source"):
            self._add_name(name, _clean_name(value))
        elif name in ("after", "before"):
            self._add_date(name, _parse_date(value))
        elif value in _FLAGS:
            self.flags.add(value)
        else:
            self.problems.append("is: can be unread, read or highlighted")

    def _add_name(self, field: str, name: str) -> None:
        if not name:
            self.problems.append(f"{field}: needs a name")
        else:
            (self.speakers if field == "speaker" else self.sources).append(name)

    def _add_date(self, field: str, iso: str | None) -> None:
        if iso is None:
            self.problems.append(f"{field}: needs a date like 2024-05-01")
        else:
            (self.afters if field == "after" else self.befores).append(iso)

    def build(self, text: str) -> Query:
        after = max(self.afters, default=None)  # every date field must hold: the tightest wins
        before = min(self.befores, default=None)
        if after and before and after >= before:
            self.problems.append(f"nothing is both after:{after} and before:{before}")
        if {"read", "unread"} <= self.flags:
            self.problems.append("nothing is both is:read and is:unread")
        return Query(
            text=text,
            words=_unique(self.words),
            phrases=_unique(self.phrases),
            excluded=_unique(self.excluded),
            speakers=_unique(self.speakers),
            sources=_unique(self.sources),
            after=after,
            before=before,
            flags=frozenset(self.flags),
            problems=_unique(self.problems),
        )


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))



# --- terms: what a word or phrase of a query looks for -------------------------------------------------


class Term(namedtuple("Term", "words prefix whole_word", defaults=(True, False))):
    """A word or a phrase of a query: folded `words` (a tuple) in a row, the last one a word beginning when
    `prefix`. `whole_word` (a typed word): a hit covers the whole last word, not just its beginning (a phrase's
    hit ends where the phrase does)."""

    __slots__ = ()

    def implies(self, other: Term) -> bool:
        """Wherever this term matches, `other` matches too (`other` is one word beginning one of these words):
        requiring both is requiring this one."""
        if len(other.words) != 1 or not other.prefix or other.words == self.words:
            return False
        return any(word.startswith(other.words[0]) for word in self.words)

    @property
    def pattern(self) -> re.Pattern[str]:
        return _term_pattern(self)


def term_of(text: str, *, whole_word: bool = False) -> Term | None:
    """The term a folded word or phrase of a query stands for; None when it holds no word."""
    words = tuple(WORD.findall(text))
    if not words:
        return None
    return Term(words, prefix=WORD.match(text[-1]) is not None, whole_word=whole_word)


_ENDS = "(?!'?[^\\W_])"  # no letter, digit or inner apostrophe follows: a word ends here


@lru_cache(maxsize=4096)
def _term_pattern(term: Term) -> re.Pattern[str]:
    """Where the term matches in folded text: its first word where a word starts (a lone word without an
    apostrophe also where a part of a word starts after one), anything but letters and digits between its
    words, the last one whole unless it is a prefix."""
    lone = len(term.words) == 1 and "'" not in term.words[0]
    start = "(?<![^\\W_])" if lone else "(?<![^\\W_])(?<![^\\W_]')"
    tail = ("(?:'?[^\\W_])*" if term.whole_word else "") if term.prefix else _ENDS
    return re.compile(start + (_ENDS + "[\\W_]+").join(map(re.escape, term.words)) + tail)


def text_terms(query: Query) -> list[Term]:
    """The query's words and phrases as terms (the parts that must match the text)."""
    terms = [term_of(word, whole_word=True) for word in query.words]
    terms += [term_of(phrase) for phrase in query.phrases]
    return [term for term in terms if term is not None]


_PART = re.compile(r"(?<=[^\W_])'([^\W_]+)")  # a part of a word after an inner apostrophe


def indexed_words(*texts: str | None) -> str:
    """Texts as a search index stores them in one field: the folded words of each, one space between them and
    `SEPARATOR` between the texts; then each part of a word after an apostrophe ("o'brien": "brien"), each
    after a `SEPARATOR`, so that a lone word finds it (see the module's docstring) and no phrase does."""
    runs, parts = [], []
    for text in texts:
        if not text:
            continue
        spaced = _ascii_words(text)
        if spaced is not None:  # most texts: split in C, the same words as WORD finds
            if "'" in spaced:
                if _LOOSE_APOSTROPHE.search(spaced):  # one not inside a word (a quotation mark) only separates
                    spaced = _LOOSE_APOSTROPHE.sub(" ", spaced)
                parts += _INNER_PART.findall(spaced)  # every apostrophe left is inside a word
            runs.append(_single_spaced(spaced))
        else:
            folded = fold(text)
            runs.append(" ".join(WORD.findall(folded)))
            if "'" in folded:
                parts += _PART.findall(folded)
    spaced = f" {SEPARATOR} "
    return spaced.join([run for run in runs if run] + parts)


def _ascii_words(text: str) -> str | None:
    """`fold(text)` with every character but an ASCII letter, digit or apostrophe a space, when the folded text's
    words are ASCII (else None). Each distinct character outside ASCII is replaced by its fold, or by a space when
    that is no letter or digit (a dash, an ellipsis: what only separates words), news text has a handful;
    the ASCII ones are lowercased by the table that blanks what is not a word: a pass over the text fewer than
    folding it whole, and the one `str.lower` would make over a text of 2 bytes a character is the slowest."""
    if not text.isascii():
        for char in set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
                        .decode("utf-8", "surrogatepass")):
            folded = _ASCII_FOLDS.get(char)
            if folded is None:
                folded = _ascii_fold(char)
            if not folded:
                return None
            text = text.replace(char, folded)
    return text.encode().translate(_LOWER_WORD_BYTES).decode()


def _ascii_fold(char: str) -> str:
    """The fold of one character outside ASCII as `fold` makes it inside a text when it is ASCII, a space when it is
    outside ASCII but no letter or digit, which only separates words ("": a letter or digit outside ASCII, or the
    character lowercases to two, which makes `fold` fold the whole text otherwise)."""
    lower = char.lower()
    folded = fold(lower) if len(lower) == 1 else ""
    found = _ASCII_FOLDS[char] = folded if folded.isascii() else " " if not folded.isalnum() else ""
    return found


_ASCII_FOLDS: dict[str, str] = {}
# ASCII letters (lowercased), digits and the apostrophe kept, every other byte a space: the tokens left are WORD's
# words unless an apostrophe stands at a token's end or next to another
_LOOSE_APOSTROPHE = re.compile(r"'(?<![A-Za-z0-9]')|'(?![A-Za-z0-9])")  # an apostrophe first: found by a quick scan
_INNER_PART = re.compile(r"'([A-Za-z0-9]+)")
_LOWER_WORD_BYTES = bytes(ord(chr(code).lower()) if chr(code).isascii() and (chr(code).isalnum() or chr(code) == "'")
                          else 32 for code in range(256))


def _single_spaced(spaced: str) -> str:
    """The words of `spaced` (spaces between them, no other whitespace) with one space between two. Split where two
    spaces stand, the pieces' leading spaces stripped and the empty ones dropped: a news text has a few dozen such
    runs (after a full stop, around a quotation mark) and a few hundred words, and this costs less than half a
    pattern's substitution, which pays for every run it replaces."""
    return " ".join(filter(None, map(str.lstrip, spaced.split("  ")))).rstrip(" ")


# --- hits in one text ---------------------------------------------------------------------------------


def find_hits(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the query's words and phrases, sorted and non-overlapping
    (overlapping hits merge). A word's hit covers the whole word it starts; a phrase's hit covers the
    phrase. Fields produce no hits."""
    folded = fold(text)
    spans = [match.span() for term in text_terms(query) for match in term.pattern.finditer(folded)]
    return _merge(sorted(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def quotation_matches(quotation_text: str, speaker: str | None, query: Query) -> bool:
    """Does this one quotation match all of the query's words and phrases (each in the quotation or its
    speaker) and all of its `speaker:` names? True when the query has none of these."""
    text, name = fold(quotation_text), fold(speaker or "")
    names = [term_of(wanted) for wanted in query.speakers]
    return (all(term.pattern.search(text) or term.pattern.search(name) for term in text_terms(query))
            and all(term is not None and term.pattern.search(name) for term in names))
