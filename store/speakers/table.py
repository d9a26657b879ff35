"""The speakers of a corpus: the names of the people quoted grouped into speakers, and each speaker's
statistics, kept in the corpus database (`speaker_forms`, `speakers`) and recomputed whenever its quotations
change (`rebuild_speakers`). The speaker view asks for the rows it shows (`SpeakerDirectory`); nothing is
held in memory.

Names that differ only by a title, a middle name or a first-name initial are one speaker: "Dr. Ada Novak",
"Ada Novak", "Ada B. Novak" and "A. Novak" are one, "Ada Novak" and "Ben Novak" are two. An initial joins
the full name only when one full name with that surname starts with it, and a bare surname ("Novak") joins
only when exactly one person has that surname. Unnamed speakers (the extractor's head nouns: "spokesman",
"official", "MP") are not people: they are kept apart, `named` False, after every named speaker.
Only direct quotations count; quotations without a speaker are left out of the statistics.
"""
from __future__ import annotations

import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from operator import is_not

from ..corpus_db import QUOTATION_FIELDS, QUOTATIONS_OF, unpack_quotations
from ..quotes.name_words import ABBREVIATED_TITLES, NAME_SUFFIXES, NUMBERED_SUFFIXES, PARTICLES, WRITTEN_TITLES, folded
from ..text import fold
from ..quotes.cast import is_role_word
from ..quotes.cast import is_unnamed as engine_says_unnamed

UNNAMED_PREFIX = "~"  # keys of unnamed speakers start with it; no name key does

# Titles before a name, and suffixes after it, that do not tell one person from another.
_TITLES = folded(ABBREVIATED_TITLES, WRITTEN_TITLES)
_SUFFIXES = folded(NAME_SUFFIXES, NUMBERED_SUFFIXES)
# Folded, the particles "ben" and "abu" cannot be told from the given names Ben and Abu: only the article's cast,
# which sees the capitals, takes them for particles.
_PARTICLES = folded(PARTICLES) - {"ben", "abu"}


@dataclass(frozen=True, slots=True)
class QuotationRef:
    """One quotation of a speaker, with what the speaker view shows of its article."""

    article_id: str
    start: int
    end: int
    date: str | None
    speaker: str
    role: str | None
    text: str = ""
    title: str = ""
    source: str | None = None
    path: str = ""


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


# --- computing the table ----------------------------------------------------------------------------------

_FROM_SPEAKER_ARTICLES = ("speaker_forms f JOIN speaker_articles s ON s.speaker = f.form "
                          "JOIN articles a ON a.num = s.article")


class SpeakerTally:
    """Each speaker name's quotations by role, and its articles, as `speaker_articles` holds them: read once by
    `rebuild_speakers`, then kept up to date with the quotations added (`add`), so that a first indexing, which
    counts the speakers now and then, does not read every quotation again each time. `forget` when quotations
    are removed: the next count reads them all. A name's articles are an array of numbers, each once (as sets,
    those of 100,000 articles would hold 25 MB while the run lasts)."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        self.names: dict[str, tuple[Counter[str | None], array[int]]] | None = None  # None: not read yet

    def add(self, speaker_rows: Iterable[tuple[str, str, int, int]]) -> None:
        """The quotations of articles just stored, as their `speaker_articles` rows (`store.corpus_db.speaker_rows`),
        article after article."""
        if self.names is None:
            return
        names = self.names
        for name, role, article, count in speaker_rows:
            tallied = names.get(name)  # not setdefault: a new Counter and array for every row cost more
            if tallied is None:
                tallied = names[name] = (Counter(), array("q"))
            tallied[0][role or None] += count
            if not tallied[1] or tallied[1][-1] != article:  # each article once (a name may come with two roles)
                tallied[1].append(article)

    def forget(self) -> None:
        self.names = None


def _read_names(connection: sqlite3.Connection) -> dict[str, tuple[Counter[str | None], set[int]]]:
    """One pass over `speaker_articles`, in its order: each name's quotations by role, and its articles."""
    by_name: dict[str, tuple[Counter[str | None], set[int]]] = {}
    for name, role, article, count in connection.execute(
            "SELECT speaker, role, article, quotations FROM speaker_articles"):
        roles_of_name, articles_of_name = by_name.setdefault(name, (Counter(), set()))
        roles_of_name[role or None] += count
        articles_of_name.add(article)
    return by_name


def rebuild_speakers(connection: sqlite3.Connection, tally: SpeakerTally | None = None) -> None:
    """Recompute `speaker_forms` and `speakers` from the quotations (inside the caller's transaction): their names,
    roles and articles as `tally` holds them when it holds them, else as read (and kept in `tally`, when given);
    the names are then grouped into speakers here."""
    by_name: dict[str, tuple[Counter[str | None], Iterable[int]]]
    if tally is not None and tally.names is not None:
        by_name = tally.names
    else:
        by_name = _read_names(connection)
        if tally is not None:
            tally.names = {name: (roles, array("q", articles)) for name, (roles, articles) in by_name.items()}
    groups = group_names({name: sum(roles.values()) for name, (roles, _articles) in sorted(by_name.items())})
    connection.execute("DELETE FROM speaker_forms")
    connection.executemany("INSERT INTO speaker_forms(form, key) VALUES (?, ?)",
                           [(form, key) for key, members in groups.items() for form, _count in members])
    dates = dict(connection.execute("SELECT num, date FROM articles WHERE date IS NOT NULL"))
    totals: dict[str, tuple[int, int, str | None, str | None]] = {}
    roles: dict[str, tuple[int, str]] = {}
    for key, members in groups.items():
        role_counts: Counter[str | None] = Counter()
        articles: set[int] = set()
        for form, _count in members:
            role_counts.update(by_name[form][0])
            articles.update(by_name[form][1])
        known = list(filter(_dated, map(dates.get, articles)))  # in C: a speaker can have most articles
        totals[key] = (role_counts.total(), len(articles), min(known, default=None), max(known, default=None))
        del role_counts[None]
        if role_counts:  # the most frequent role; of equally frequent ones, the first in order
            role = min(role_counts, key=lambda name: (-role_counts[name], name))
            roles[key] = (role_counts[role], role)
    stats = []
    for key, members in groups.items():
        quotations, articles, first, last = totals.get(key, (0, 0, None, None))
        named = not key.startswith(UNNAMED_PREFIX)
        members = sorted(members, key=lambda pair: (-pair[1], pair[0]))
        forms = tuple(form for form, _count in members)
        display = max((_without_title(form) for form in forms), key=_fullness) if named else forms[0]
        role = roles[key][1] if key in roles else None
        stats.append(SpeakerStats(key, display, role, quotations, articles, first, last, {}, named, forms))
    stats.sort(key=lambda s: (not s.named, -s.quotations, s.name.casefold(), s.key))
    connection.execute("DELETE FROM speakers")
    connection.executemany(
        "INSERT INTO speakers(key, rank, name, role, quotations, articles, first_date, last_date, named, forms, "
        "folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(s.key, rank, s.name, s.role, s.quotations, s.articles, s.first_date, s.last_date, s.named,
          json.dumps(s.forms), "\n".join(fold(text) for text in (s.name, s.role or "", *s.forms)))
         for rank, s in enumerate(stats)])


_dated = partial(is_not, None)


# --- reading it -------------------------------------------------------------------------------------------

_STATS_COLUMNS = "key, name, role, quotations, articles, first_date, last_date, named, forms"


def _stats(row: tuple) -> SpeakerStats:
    key, name, role, quotations, articles, first, last, named, forms = row
    return SpeakerStats(key, name, role, quotations, articles, first, last, {}, bool(named), tuple(json.loads(forms)))


class SpeakerDirectory:
    """The speakers of the corpus database, asked for a screenful at a time (one connection, one thread)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def speakers(self, needle: str = "", limit: int = 2000) -> list[SpeakerStats]:
        """Named speakers by number of quotations (most first), then the unnamed ones; only those whose name,
        forms or role hold `needle` (folded) when given."""
        where, params = self._filter(needle)
        rows = self.connection.execute(
            f"SELECT {_STATS_COLUMNS} FROM speakers {where} ORDER BY rank LIMIT ?", (*params, limit))
        return [_stats(row) for row in rows]

    def named_like(self, pattern: str, limit: int) -> list[SpeakerStats]:
        """Named speakers whose folded name, forms or role match the SQL LIKE `pattern` (escape `\\`)."""
        rows = self.connection.execute(
            f"SELECT {_STATS_COLUMNS} FROM speakers WHERE named AND folded LIKE ? ESCAPE '\\' ORDER BY rank LIMIT ?",
            (pattern, limit))
        return [_stats(row) for row in rows]

    def count(self, needle: str = "", *, named: bool | None = None) -> int:
        where, params = self._filter(needle)
        if named is not None:
            where += (" AND " if where else "WHERE ") + ("named" if named else "NOT named")
        return self.connection.execute(f"SELECT count(*) FROM speakers {where}", params).fetchone()[0]

    @staticmethod
    def _filter(needle: str) -> tuple[str, tuple]:
        if not needle:
            return "", ()
        from ..corpus_db import like_pattern

        return "WHERE folded LIKE ? ESCAPE '\\'", (like_pattern(fold(needle)),)

    def get(self, key: str) -> SpeakerStats | None:
        row = self.connection.execute(f"SELECT {_STATS_COLUMNS} FROM speakers WHERE key = ?", (key,)).fetchone()
        return _stats(row) if row else None

    def by_month(self, key: str) -> dict[str, int]:
        """The speaker's quotations per month ("YYYY-MM"), in month order; months without any left out."""
        return dict(self.connection.execute(
            f"SELECT substr(a.date, 1, 7) AS month, sum(s.quotations) FROM {_FROM_SPEAKER_ARTICLES} "
            "WHERE f.key = ? AND a.date IS NOT NULL GROUP BY month ORDER BY month", (key,)))

    def months(self) -> tuple[str, str] | None:
        """The first and the last month with a quotation of any speaker."""
        first, last = self.connection.execute("SELECT min(first_date), max(last_date) FROM speakers").fetchone()
        return (first[:7], last[:7]) if first and last else None

    def quotations_of(self, key: str) -> list[QuotationRef]:
        """The speaker's quotations, newest article first, in reading order within an article."""
        rows = self.connection.execute(
            f"SELECT a.num, a.id, a.date, a.title, a.source, a.path, q.packed, s.speaker FROM {_FROM_SPEAKER_ARTICLES} "
            f"JOIN article_quotations q ON {QUOTATIONS_OF} WHERE f.key = ? ORDER BY a.num", (key,))
        found = []
        # An article's row once per form of the name and role it has: its quotations are unpacked once.
        for _number, article in groupby(rows, key=lambda row: row[0]):
            article = list(article)
            _number, article_id, date, title, source, path, packed, _speaker = article[0]
            forms = {row[-1] for row in article}
            found += [QuotationRef(article_id, quotation[_START], quotation[_END], date, quotation[_SPEAKER],
                                   quotation[_ROLE], quotation[_TEXT], title, source, path)
                      for quotation in unpack_quotations(packed) if quotation[_SPEAKER] in forms]
        return found


_TEXT, _START, _END, _SPEAKER, _ROLE = (QUOTATION_FIELDS.index(name)
                                        for name in ("text", "start", "end", "speaker", "role"))


# --- names ------------------------------------------------------------------------------------------


def is_unnamed(speaker: str) -> bool:
    """A speaker the article does not name ("spokesman", "MP", "Coca-Cola spokesman"): as the engine tells it
    (`store.quotes.cast.is_unnamed`), so that the speaker view keeps apart what the sidebar calls unnamed; but
    capitalised words of which only the last is a role word are a person whose surname is one ("Martin King")."""
    if not engine_says_unnamed(speaker):
        return False
    words = speaker.split()
    return len(words) < 2 or not all(word[:1].isupper() for word in words) or any(map(is_role_word, words[:-1]))


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
