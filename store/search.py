"""The search field's query language, and an incremental inverted index over articles.

Query syntax (`parse_query`), all terms combined with AND:

- `minis`            a word: matches where a word of the text starts with it ("minis" finds "minister"),
                     since the list filters as the user types;
- `"prime minister"` a phrase (curly “…” work too): matches the folded text where a word starts;
- `-word`, `-"a phrase"`  excludes articles where the word or phrase matches;
- `speaker:novak`, `speaker:"Ada Novak"`  some quotation's speaker has a word starting with the name;
- `source:wire`      the article's source, matched the same way;
- `after:2024-05-01` on or after that date (inclusive); `before:2024-05-01` strictly before it. `2024` and
                     `2024-05` stand for their first day. Articles without a date never match either;
- `is:unread`, `is:read`, `is:highlighted`.

Field names and values are case-insensitive. Everything is compared after `fold` (case, accents, curly
quotes), and a word of the text is a run of letters and digits: "o'brien" holds the words "o" and "brien".
A word or phrase matches the headline, the body, the quotations and their speakers.

A malformed query never raises: `Query.problems` holds short hints for the UI, and the rest still applies.
An unclosed quote searches for the rest as a phrase; a bad date, an empty name or an unknown `is:` value
drops that field; an unknown field close to a known one (`speakr:`) is dropped with a "did you mean"
hint, any other `name:value` (`10:30`, `https://...`) is searched for as a word.
"""
from __future__ import annotations

import bisect
import difflib
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator

from .model import Article, Quotation
from .search_index import WORD as _WORD
from .search_index import (CorruptIndex, Loaded, Needle, Snapshot, TextStore, TokenIndex, read_index, utf8,
                           write_index)

__all__ = [
    "Query",
    "SearchDoc",
    "SearchIndex",
    "find_hits",
    "fold",
    "parse_query",
    "quotation_matches",
]

# --- folding ------------------------------------------------------------------------------------------

# Quotes fold to straight ones; letters with a stroke have no decomposition to strip; final sigma is sigma
# (str.lower() writes ς at word ends only, which would make folding depend on the neighbours).
_CHAR_FOLDS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "ς": "σ",
}


def _fold_char(char: str) -> str:
    """One character folded to one character: lowercase, accents stripped, quotes straightened. A
    character whose fold would be longer (ß -> ss, ﬁ -> fi) stays itself, lowercased if possible."""
    if char in _CHAR_FOLDS:  # before NFKD, which would turn "´" into a space and an accent
        return _CHAR_FOLDS[char]
    lower = char.lower()
    # lowercase again: a compatibility decomposition may be a capital ("𝑨" -> "A")
    base = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)).lower()
    if len(base) != 1:
        base = lower if len(lower) == 1 else char
    return _CHAR_FOLDS.get(base, base)


class _FoldTable(dict):
    """A `str.translate` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Lowercase, strip accents, straighten curly quotes and apostrophes. Character by character, so the
    result has the length of `text` and offsets map 1:1."""
    lowered = text.lower()  # fast in C; only the non-ASCII characters left need the table
    if len(lowered) != len(text):  # "İ" lowercases to two characters
        return text.translate(_FOLD_TABLE)
    if lowered.isascii():
        return lowered
    return _NON_ASCII_RUN.sub(_fold_run, lowered)


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD_TABLE)


# --- matching folded text -----------------------------------------------------------------------------

_WORD_TAIL = re.compile(r"[^\W_]*")


def _is_one_word(term: str) -> bool:
    return _WORD.fullmatch(term) is not None


def _word_starts(folded: str, term: str) -> Iterator[int]:
    """Offsets where `term` occurs in `folded` at the start of a word (anywhere, if it starts with
    punctuation)."""
    if not term:
        return
    anywhere = not term[0].isalnum()
    at = folded.find(term)
    while at != -1:
        if anywhere or at == 0 or not folded[at - 1].isalnum():
            yield at
        at = folded.find(term, at + 1)


def _occurs(folded: str, term: str) -> bool:
    return next(_word_starts(folded, term), None) is not None


# --- the query ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed query; every string in it is folded."""

    text: str  # the raw query
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # words or phrases: both match where a word starts
    speakers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    after: str | None = None  # ISO date, inclusive
    before: str | None = None  # ISO date, exclusive
    flags: frozenset[str] = frozenset()  # subset of {"unread", "read", "highlighted"}
    problems: tuple[str, ...] = ()  # hints for the user; empty when the query is well-formed

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
    elif field and (guess := difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.75)):
        _value, at, closed = _read_value(folded, field.end())  # a mistyped field: its value is no word
        builder.problems.append(f"unknown field {name}: (did you mean {guess[0]}:?)")
    else:
        quoted = folded.startswith('"', at)
        value, at, closed = _read_value(folded, at)
        builder.add_text(value, negated, quoted)
    if not closed:
        builder.problems.append(UNCLOSED_QUOTE)
    return at


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
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


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
        if not _WORD.search(term):
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


# --- hits in one text ---------------------------------------------------------------------------------


def find_hits(text: str, query: Query) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the query's words and phrases, sorted and non-overlapping
    (overlapping hits merge). A word's hit covers the whole word it starts; a phrase's hit covers the
    phrase. Fields produce no hits."""
    return _folded_hits(fold(text), query)


def _folded_hits(folded: str, query: Query) -> list[tuple[int, int]]:
    spans = [(start, _word_end(folded, start + len(word)) if word[-1].isalnum() else start + len(word))
             for word in query.words for start in _word_starts(folded, word)]
    spans += [(start, start + len(phrase)) for phrase in query.phrases for start in _word_starts(folded, phrase)]
    return _merge(sorted(spans))


def _word_end(folded: str, at: int) -> int:
    return _WORD_TAIL.match(folded, at).end()


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
    return (all(_occurs(text, term) or _occurs(name, term) for term in (*query.words, *query.phrases))
            and all(_occurs(name, wanted) for wanted in query.speakers))


# --- the index ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDoc:
    """What the index reads of one article."""

    article_id: str
    title: str
    text: str  # Article.text, the body
    source: str | None
    date: str | None
    quotations: tuple[tuple[str, str | None], ...] = ()  # (quotation text, speaker)

    @classmethod
    def from_article(cls, article: Article, quotations: Iterable[Quotation] = ()) -> SearchDoc:
        return cls(article.id, article.title, article.text, article.source, article.date,
                   tuple((q.text, q.speaker) for q in quotations))


class SearchIndex:
    """An inverted index over articles, built one `add` at a time; a worker thread may add while another
    thread searches. Keeps each article's folded text in a mapped file, to verify phrases on candidates.

    Documents are numbered in the order they were added. Removing or replacing an article leaves its old
    number behind as a tombstone, skipped by searches and dropped when the index is saved."""

    def __init__(self, loaded: Loaded | None = None) -> None:  # `load` passes what it read
        self._lock = threading.Lock()
        self._ids: list[str] = loaded.ids if loaded else []  # by number, removed ones included
        self._numbers: dict[str, int] = {article_id: number for number, article_id in enumerate(self._ids)}
        self._removed: set[int] = set()
        self._dates: list[str | None] = loaded.dates if loaded else []
        self._sources: list[str] = loaded.sources if loaded else []  # folded
        self._shared: dict[str | None, str | None] = {}  # one copy of each source and date for all articles
        self._texts = loaded.texts if loaded else TextStore()  # headline, body, stray quotations, speakers
        stored = loaded.token_indexes if loaded else {}
        self._text_index, self._speaker_index, self._source_index = (
            TokenIndex(stored[name]) if name in stored else TokenIndex() for name in ("text", "speaker", "source"))

    def __len__(self) -> int:
        return len(self._numbers)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._numbers

    def ids(self) -> list[str]:
        """The ids of the articles in the index, in the order they were added."""
        with self._lock:
            return list(self._numbers)

    def add(self, doc: SearchDoc) -> None:
        """Index an article, replacing the one with the same id if there is one."""
        speakers = "\n".join(dict.fromkeys(fold(speaker) for _text, speaker in doc.quotations if speaker))
        stray_quotations = [fold(text) for text, _speaker in doc.quotations if text not in doc.text]
        # Lines keep phrases from running from one part into the next (fold never makes a newline).
        text = "\n".join([fold(doc.title), fold(doc.text), *stray_quotations, speakers])
        encoded = utf8(text)
        source = fold(doc.source or "")
        with self._lock:
            self._remove(doc.article_id)
            number = len(self._ids)
            self._text_index.add(number, text)
            self._speaker_index.add(number, speakers)
            self._source_index.add(number, source)
            self._texts.append(encoded, len(encoded) - len(utf8(speakers)))
            self._sources.append(self._shared.setdefault(source, source))
            self._dates.append(self._shared.setdefault(doc.date, doc.date))
            self._ids.append(doc.article_id)
            self._numbers[doc.article_id] = number

    def hit_count(self, article_id: str, query: Query) -> int | None:
        """How often the query's words and phrases occur in the article's headline and text, counted on the
        indexed text (no need to read the file); None when the article is not in the index."""
        with self._lock:
            number = self._numbers.get(article_id)
            folded = self._texts.folded_text(number) if number is not None else None
        return None if folded is None else len(_folded_hits(folded, query))

    def remove(self, article_id: str) -> None:
        """Drop an article from the index; nothing happens if it is not there."""
        with self._lock:
            self._remove(article_id)

    def _remove(self, article_id: str) -> None:
        number = self._numbers.pop(article_id, None)
        if number is not None:
            self._removed.add(number)

    def search(self, query: Query, *, is_read: Callable[[str], bool] = lambda _id: False,
               highlighted: Collection[str] = ()) -> list[str]:
        """Ids of the matching articles in the order they were added. A query without words or phrases
        matches every article that its fields and flags allow."""
        highlighted = highlighted if isinstance(highlighted, (set, frozenset)) else set(highlighted)
        with self._lock:
            candidates = self._candidates(query)
            numbers: Iterable[int]
            if candidates is None:
                numbers = range(len(self._ids))
                if self._removed:
                    numbers = [n for n in numbers if n not in self._removed]
            else:
                numbers = sorted(candidates - self._removed)
                del numbers[bisect.bisect_left(numbers, len(self._ids)):]  # bad numbers in a loaded file
            checks = self._checks(query, is_read, highlighted)
            if checks:
                numbers = [n for n in numbers if all(check(n) for check in checks)]
            return [self._ids[n] for n in numbers]

    def _candidates(self, query: Query) -> set[int] | None:
        """Documents that may match, from the index alone; None for all of them."""
        found = [self._text_index.candidates(term) for term in (*query.words, *query.phrases)]
        found += [self._speaker_index.candidates(name) for name in query.speakers]
        found += [self._source_index.candidates(name) for name in query.sources]
        excluded = [self._text_index.candidates(term) for term in query.excluded if _is_one_word(term)]
        if not found and not excluded:
            return None
        found.sort(key=len)
        result = found[0] if found else set(range(len(self._ids)))
        for docs in found[1:]:
            result &= docs
        for docs in excluded:
            result -= docs
        return result

    def _checks(self, query: Query, is_read: Callable[[str], bool],
                highlighted: Collection[str]) -> list[Callable[[int], bool]]:
        """Tests on one candidate for what the index cannot decide alone."""
        checks = [self._has(term) for term in (*query.words, *query.phrases) if not _is_one_word(term)]
        checks += [self._has(name, speakers_only=True) for name in query.speakers if not _is_one_word(name)]
        checks += [self._has_source(name) for name in query.sources if not _is_one_word(name)]
        checks += [self._lacks(term) for term in query.excluded if not _is_one_word(term)]
        dates, ids = self._dates, self._ids
        if query.after:
            checks.append(lambda n: dates[n] is not None and dates[n] >= query.after)
        if query.before:
            checks.append(lambda n: dates[n] is not None and dates[n] < query.before)
        if "read" in query.flags:
            checks.append(lambda n: is_read(ids[n]))
        if "unread" in query.flags:
            checks.append(lambda n: not is_read(ids[n]))
        if "highlighted" in query.flags:
            checks.append(lambda n: ids[n] in highlighted)
        return checks

    def _has(self, term: str, *, speakers_only: bool = False) -> Callable[[int], bool]:
        needle, has = Needle.of(term), self._texts.has
        return lambda n: has(n, needle, speakers_only=speakers_only)

    def _has_source(self, name: str) -> Callable[[int], bool]:
        sources = self._sources
        return lambda n: _occurs(sources[n], name)

    def _lacks(self, term: str) -> Callable[[int], bool]:
        may_hold, has = self._text_index.candidates(term), self._has(term)
        return lambda n: n not in may_hold or not has(n)

    # saving and loading ------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the index to `folder`, compacted: removed articles are left out. The file appears whole
        or not at all. Adding and searching may go on meanwhile; what was added before the call is saved."""
        with self._lock:
            snapshot = self._snapshot()
        write_index(folder, snapshot)

    def _snapshot(self) -> Snapshot:
        count = len(self._ids)
        live = [n for n in range(count) if n not in self._removed] if self._removed else list(range(count))
        return Snapshot(count, live, self._ids[:], self._dates[:], self._sources[:], self._texts.snapshot(), {
            name: (index.stored, dict(index.fresh))
            for name, index in (("text", self._text_index), ("speaker", self._speaker_index),
                                ("source", self._source_index))})

    @classmethod
    def load(cls, folder: Path) -> SearchIndex | None:
        """The index saved in `folder`; None if there is none, or it is damaged or from another version."""
        try:
            return cls(read_index(folder))
        except CorruptIndex:
            return None
