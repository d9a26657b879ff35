"""The speakers of a corpus: every article's direct quotations as compact numbers, saved beside the search
index, and the per-speaker statistics the speaker view shows.

`QuotationTable` keeps, per article, its date and one `array('I')` of (start, end, speaker, role) per
direct quotation, speakers and roles as numbers into one shared list of strings: no quotation text is
held (it is read from the article when a speaker's quotations are listed). At 100,000 articles of 15
quotations that is 50-65 MB (tracemalloc), and counting every speaker takes about
2 s of CPU.

Names that differ only by a title, a middle name or a first-name initial are one speaker: "Dr. Ada Novak",
"Ada Novak", "Ada B. Novak" and "A. Novak" are one, "Ada Novak" and "Ben Novak" are two. An initial joins
the full name only when one full name with that surname starts with it, and a bare surname ("Novak") joins
only when exactly one person has that surname. Unnamed speakers (the extractor's head nouns: "spokesman",
"official", "MP") are not people: they are kept apart, `named` False, after every named speaker.
Quotations without a speaker are left out of the statistics.

The file (`quotations.bin` in the index folder) is a header line (magic, format version, the quotation
engine's version, Python version, byte order), a BLAKE2b digest of the payload, then the payload, marshal:
(names, [(article id, date, bytes of the array), ...]).
"""
from __future__ import annotations

import hashlib
import marshal
import operator
import os
import sys
import tempfile
import threading
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import compress, islice, repeat
from dataclasses import dataclass, field
from pathlib import Path

from .model import Quotation
from .versions import QUOTES_VERSION
from .search import fold
from .speakers import is_role_word

TABLE_FILE = "quotations.bin"
TABLE_FORMAT = 1
_MAGIC = b"quotedesk-quotations"
_HEADER = _MAGIC + b" %d q%d py%d.%d %s I%d\n" % (
    TABLE_FORMAT, QUOTES_VERSION, *sys.version_info[:2], sys.byteorder.encode(), array("I").itemsize)
_FIELDS = 4  # start, end, speaker, role
_NONE = 0  # the number of "no speaker" / "no role"
UNNAMED_PREFIX = "~"  # keys of unnamed speakers start with it; no name key does

# Titles before a name, and suffixes after it, that do not tell one person from another.
_TITLES = frozenset("""
mr mrs ms miss mx dr prof sen rep gov gen lt col capt sgt adm maj rev hon amb supt det insp sir dame lord
lady professor doctor
""".split())
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_PARTICLES = frozenset("de da di del della der den van von bin ibn al el la le du dos ter".split())


@dataclass(frozen=True, slots=True)
class QuotationRef:
    """Where one quotation is: its text is `read(article_id).text[start:end]`."""

    article_id: str
    start: int
    end: int
    date: str | None
    speaker: str
    role: str | None


@dataclass(slots=True)
class SpeakerStats:
    key: str  # what `quotations_of` takes; stable for a given set of names
    name: str  # the fullest form of the name seen (without a title); the head noun for an unnamed speaker
    role: str | None  # the most frequent role given
    quotations: int
    articles: int
    first_date: str | None  # ISO dates of the articles, None when none of them has a date
    last_date: str | None
    by_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> quotations, in month order
    named: bool = True  # False for an unnamed speaker ("spokesman"): not a person
    forms: tuple[str, ...] = ()  # every form of the name seen, most frequent first


class QuotationTable:
    """Per article: its date and its direct quotations as numbers. A worker thread may add and remove while
    another thread reads the statistics."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._articles: dict[str, tuple[str | None, array]] = {}
        self._strings: list[str | None] = [None]  # speakers, roles and dates; 0 is None
        self._numbers: dict[str, int] = {}
        self._version = 0  # bumped by every change: what the cached statistics were computed from
        self._cache: tuple[int, list[SpeakerStats], dict[str, frozenset[int]]] | None = None

    # the table ------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles

    @property
    def version(self) -> int:
        """Changes with every `add` and `remove`: tells a caller whether there is anything new to show or save."""
        return self._version

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._articles)

    def _number(self, string: str | None) -> int:
        if string is None:
            return _NONE
        number = self._numbers.get(string)
        if number is None:
            number = self._numbers[string] = len(self._strings)
            self._strings.append(string)
        return number

    def add(self, article_id: str, date: str | None, quotations: Iterable[Quotation]) -> None:
        """Record an article's direct quotations (indirect ones are skipped), replacing what it had."""
        with self._lock:
            numbers = array("I")
            for quotation in quotations:
                if quotation.kind == "direct":
                    numbers.extend((quotation.start, quotation.end, self._number(quotation.speaker),
                                    self._number(quotation.role)))
            date = self._strings[self._number(date)]  # one copy of each date
            self._articles[article_id] = (date, numbers)
            self._version += 1

    def remove(self, article_id: str) -> None:
        with self._lock:
            if self._articles.pop(article_id, None) is not None:
                self._version += 1

    def rows(self, article_id: str) -> list[tuple[int, int, str | None, str | None]]:
        """An article's quotations as (start, end, speaker, role); empty for an unknown article."""
        entry = self._articles.get(article_id)
        if entry is None:
            return []
        numbers, strings = entry[1], self._strings
        return [(numbers[i], numbers[i + 1], strings[numbers[i + 2]], strings[numbers[i + 3]])
                for i in range(0, len(numbers), _FIELDS)]

    # saving and loading ---------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the table to `folder` atomically (temporary file, fsync, rename); OSError if it cannot."""
        with self._lock:
            strings = self._strings[1:]
            entries = [(article_id, date, numbers.tobytes()) for article_id, (date, numbers) in self._articles.items()]
        payload = marshal.dumps((strings, entries), 4)
        data = _HEADER + hashlib.blake2b(payload, digest_size=32).digest() + payload
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{TABLE_FILE}.", suffix=".tmp", dir=folder)
        try:
            with open(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, folder / TABLE_FILE)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, folder: Path) -> QuotationTable | None:
        """The table saved in `folder`; None when there is none, or it is damaged or of another version."""
        try:
            data = (folder / TABLE_FILE).read_bytes()
        except OSError:
            return None
        header, newline, rest = data.partition(b"\n")
        if not newline or header + b"\n" != _HEADER:
            return None
        digest, payload = rest[:32], rest[32:]
        if hashlib.blake2b(payload, digest_size=32).digest() != digest:
            return None
        try:
            strings, entries = marshal.loads(payload)
            return cls._validated(strings, entries)
        except (ValueError, EOFError, TypeError):
            return None

    @classmethod
    def _validated(cls, strings: object, entries: object) -> QuotationTable:
        if type(strings) is not list or type(entries) is not list or \
                not all(type(string) is str for string in strings):
            raise TypeError("bad strings")
        table = cls()
        table._strings = [None, *strings]
        table._numbers = {string: number for number, string in enumerate(table._strings) if number}
        if len(table._numbers) != len(strings):
            raise ValueError("duplicate strings")
        count = len(table._strings)
        for entry in entries:
            if type(entry) is not tuple or len(entry) != 3:
                raise TypeError("bad entry")
            article_id, date, blob = entry
            if type(article_id) is not str or type(blob) is not bytes or not (date is None or type(date) is str):
                raise TypeError("bad entry")
            numbers = array("I")
            numbers.frombytes(blob)  # ValueError unless a whole number of items
            if len(numbers) % _FIELDS or article_id in table._articles:
                raise ValueError("bad entry")
            starts, ends = numbers[0::_FIELDS], numbers[1::_FIELDS]
            if numbers and (max(numbers[2::_FIELDS]) >= count or max(numbers[3::_FIELDS]) >= count
                            or any(map(operator.gt, starts, ends))):
                raise ValueError("bad quotation")
            date = table._strings[table._number(date)]
            table._articles[article_id] = (date, numbers)
        return table

    # the speakers -----------------------------------------------------------------------------------
    def speakers(self) -> list[SpeakerStats]:
        """Every speaker: named ones by number of quotations (most first), then the unnamed ones."""
        return self._statistics()[1]

    def quotations_of(self, key: str) -> list[QuotationRef]:
        """The quotations of the speaker with `key` (from `speakers`), newest article first, in reading order
        within an article; empty for an unknown key."""
        numbers = self._statistics()[2].get(key)
        if not numbers:
            return []
        with self._lock:
            items = list(self._articles.items())
            strings = self._strings
        found: list[QuotationRef] = []
        for article_id, (date, row) in items:
            speakers = row[2::_FIELDS]
            if numbers.isdisjoint(speakers):
                continue
            for at, speaker in enumerate(speakers):
                if speaker in numbers:
                    i = at * _FIELDS
                    found.append(QuotationRef(article_id, row[i], row[i + 1], date, strings[speaker],
                                              strings[row[i + 3]]))
        found.sort(key=lambda ref: (ref.article_id, ref.start))
        found.sort(key=lambda ref: ref.date or "", reverse=True)  # stable: undated articles last
        return found

    def _statistics(self) -> tuple[int, list[SpeakerStats], dict[str, frozenset[int]]]:
        with self._lock:
            cache = self._cache
            if cache is not None and cache[0] == self._version:
                return cache
            version = self._version
            items = list(self._articles.values())
            strings = self._strings[:]
        stats, members = _aggregate(items, strings)
        result = (version, stats, members)
        with self._lock:
            if self._version == version:
                self._cache = result
        return result


def _aggregate(items: list[tuple[str | None, array]], strings: list[str | None]
               ) -> tuple[list[SpeakerStats], dict[str, frozenset[int]]]:
    """The statistics of every speaker, and the speaker numbers each speaker's key stands for.

    The per-quotation work is done by C loops (Counter, dict, map, zip) over flat arrays built one article
    at a time, oldest first."""
    items = sorted((item for item in items if item[1]), key=lambda item: item[0] or "")  # undated, then oldest
    speakers, roles, lengths, article_dates = array("I"), array("I"), array("I"), []
    month_starts: list[tuple[str, int]] = []  # each month and where its quotations start in `speakers`
    for date, row in items:
        if date and (not month_starts or month_starts[-1][0] != date[:7]):
            month_starts.append((date[:7], len(speakers)))
        row_speakers = row[2::_FIELDS]
        speakers.extend(row_speakers)
        roles.extend(row[3::_FIELDS])
        lengths.append(len(row_speakers))
        article_dates.append(date)
    # one group for the names that are one person; group 0 is "no speaker"
    forms = Counter(speakers)
    forms.pop(_NONE, None)
    groups = group_names({strings[number]: number for number in forms})
    keys = [""] + list(groups)
    group_of = [0] * len(strings)
    for group, key in enumerate(keys[1:], 1):
        for _name, number in groups[key]:
            group_of[number] = group
    grouped = array("I", map(group_of.__getitem__, speakers))
    del speakers, group_of
    quotation_counts = Counter(grouped)
    present, present_dates = array("I"), []  # the distinct speakers of each article, and its date
    at = 0
    for length, date in zip(lengths, article_dates):
        distinct = set(grouped[at:at + length])
        at += length
        present.extend(distinct)
        present_dates += [date] * len(distinct)
    article_counts = Counter(present)
    skip = present_dates.count(None)  # undated articles go first
    last_dates = dict(islice(zip(present, present_dates), skip, None))  # the last value of a key wins
    first_dates = dict(islice(zip(reversed(present), reversed(present_dates)), len(present) - skip))
    del present, present_dates
    by_month: dict[int, dict[str, int]] = {}
    for (month, start), (_next, end) in zip(month_starts, [*month_starts[1:], ("", len(grouped))]):
        for group, count in Counter(grouped[start:end]).items():
            months_of = by_month.get(group)
            if months_of is None:
                by_month[group] = {month: count}
            else:
                months_of[month] = count
    role_counts: dict[int, dict[int, int]] = {}
    base = len(strings)  # (group, role) counted as one number: faster than tuples
    for pair, count in Counter(map(operator.add, map(operator.mul, compress(grouped, roles), repeat(base)),
                                   compress(roles, roles))).items():
        group, role = divmod(pair, base)
        role_counts.setdefault(group, {})[role] = count
    del grouped, roles
    stats: list[SpeakerStats] = []
    members: dict[str, frozenset[int]] = {}
    for group, key in enumerate(keys[1:], 1):
        names = groups[key]
        named = not key.startswith(UNNAMED_PREFIX)
        if len(names) == 1:
            display = _without_title(names[0][0]) if named else names[0][0]
        else:
            names = sorted(names, key=lambda pair: (-forms[pair[1]], pair[0]))
            display = max((_without_title(name) for name, _number in names), key=_fullness) if named else names[0][0]
        roles_of = role_counts.get(group)
        role = None
        if roles_of:
            role = strings[max(roles_of, key=roles_of.__getitem__)] if len(roles_of) > 1 else strings[next(iter(roles_of))]
        stats.append(SpeakerStats(key, display, role, quotation_counts[group], article_counts[group],
                                  first_dates.get(group), last_dates.get(group), by_month.get(group, {}), named,
                                  tuple(name for name, _number in names)))
        members[key] = frozenset(number for _name, number in names)
    stats.sort(key=lambda s: (not s.named, -s.quotations, s.name.casefold(), s.key))
    return stats, members


# --- names ------------------------------------------------------------------------------------------


def is_unnamed(speaker: str) -> bool:
    """A head noun standing for a speaker the article does not name ("spokesman", "official", "MP")."""
    words = speaker.split()
    return len(words) == 1 and (not words[0][:1].isupper() or is_role_word(words[0]))


def _without_title(name: str) -> str:
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].rstrip(".").casefold() in _TITLES:
        tokens.pop(0)
    return " ".join(tokens)


def _fullness(name: str) -> tuple[int, int]:
    tokens = name.split()
    return sum(1 for token in tokens if len(token.rstrip(".")) > 1), len(name)


def name_parts(name: str) -> tuple[str, str] | None:
    """(given, surname), folded: the first given name ("a." for an initial) and the surname; given is ""
    for a bare surname; None when nothing is left once titles are stripped."""
    tokens = fold(name).replace(",", " ").split()
    while tokens and tokens[0].rstrip(".") in _TITLES:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].rstrip(".") in _SUFFIXES:
        tokens.pop()
    if not tokens:
        return None
    # a particle starts the surname: "Els van der Berg" is (els, van der berg), "de Gaulle" is bare
    if len(tokens) > 1 and not _PARTICLES.isdisjoint(tokens[:-1]):
        particle = next(i for i, token in enumerate(tokens) if token in _PARTICLES)
        given, surname = tokens[:particle], tokens[particle:]
    else:
        given, surname = tokens[:-1], tokens[-1:]
    first = given[0].rstrip(".") if given else ""
    if len(first) == 1 or "." in first:  # A. / A / J.R. / J.-P.
        first = first[0] + "."
    return first, " ".join(surname).rstrip(".")


def group_names(names: dict[str, int]) -> dict[str, list[tuple[str, int]]]:
    """Group raw speaker strings (to any payload) into speakers, by key. See the module's docstring."""
    groups: dict[str, list[tuple[str, int]]] = {}
    initials: list[tuple[str, str, str, int]] = []  # (initial, surname, raw, payload)
    bare: list[tuple[str, str, int]] = []
    full_by_surname: dict[str, set[str]] = {}
    for raw, payload in names.items():
        if not raw or not raw.strip():
            continue
        if is_unnamed(raw):
            groups.setdefault(UNNAMED_PREFIX + raw.casefold(), []).append((raw, payload))
            continue
        parts = name_parts(raw)
        if parts is None:
            groups.setdefault(fold(raw), []).append((raw, payload))
            continue
        given, surname = parts
        if not given:
            bare.append((surname, raw, payload))
        elif given.endswith("."):
            initials.append((given[0], surname, raw, payload))
        else:
            key = f"{given} {surname}"
            groups.setdefault(key, []).append((raw, payload))
            full_by_surname.setdefault(surname, set()).add(key)
    alone_by_surname: dict[str, set[str]] = {}
    for initial, surname, raw, payload in initials:
        matching = [key for key in full_by_surname.get(surname, ()) if key[0] == initial]
        key = matching[0] if len(matching) == 1 else f"{initial}. {surname}"
        if len(matching) != 1:
            alone_by_surname.setdefault(surname, set()).add(key)
        groups.setdefault(key, []).append((raw, payload))
    for surname, raw, payload in bare:
        people = full_by_surname.get(surname, set()) | alone_by_surname.get(surname, set())
        key = next(iter(people)) if len(people) == 1 else surname
        groups.setdefault(key, []).append((raw, payload))
    return groups
