"""Questions the views and the command line ask about provenance, answered from the corpus database as plain
dataclasses (`db_store` keeps the tables; this only reads them).

- `marks(article_id)`: per quotation of an article (by its place in the article's quotations), how many other
  occurrences it has and the flags of its group: the sidebar's `+3 ≠ words ≠ speaker`.
- `group_of(article_id, seq)` / `group(group_id)`: every occurrence of one quotation, oldest first, with date,
  source, headline, speaker, path and offsets, and each later one's differences (`model.Group`).
- `of_article(article_id)`: the same for the sidebar and the provenance view, by the quotations' offsets, with
  the first seen occurrence of each group (what a highlight of the quotation carries).
- `changed(offset, limit)` / `changed_count()`: the groups whose wording or speaker differs, the most
  republished first, a page at a time (`GroupSummary`).
- `groups(min_size, changed_only)`: every group, as `quotedesk provenance` prints them.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from ..corpus_db import QUOTATION_FIELDS, QUOTATIONS_OF, stored_quotations, unpack_quotations
from .groups import build_group
from .model import Group, Occurrence

__all__ = ["ARTICLE_QUOTATIONS", "QUOTATION_ROWS", "QUOTATION_SEQ", "ArticleProvenance", "GroupSummary",
           "ProvenanceReader", "QuotationMark"]


@dataclass(frozen=True, slots=True)
class QuotationMark:
    """The provenance of one quotation of an article, as the sidebar marks it."""

    seq: int  # its place among the article's quotations (`CorpusReader.quotations`)
    group_id: int
    others: int  # occurrences of the same quotation elsewhere in the corpus
    changed: bool  # some version's wording differs
    speaker_conflict: bool  # some version gives it to another named person

    @property
    def label(self) -> str:
        """"+3", "+3 ≠ words", "+3 ≠ words ≠ speaker": marks that read without colour."""
        return " ".join([f"+{self.others}"] + ["≠ words"] * self.changed + ["≠ speaker"] * self.speaker_conflict)


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """One group in a list of groups: its size, flags, and its first occurrence."""

    group_id: int
    size: int
    changed: bool
    speaker_conflict: bool
    first: Occurrence  # the earliest occurrence (no differences: it is what the others are compared with)


Span = tuple[int, int]  # a quotation's (start, end) in its article's text


@dataclass(frozen=True, slots=True)
class ArticleProvenance:
    """The provenance of an article's direct quotations by their offsets, which a listing made with the
    reader's corrections shares with the corpus database (their places in the two lists may differ).
    `grouped`: the article's quotations are grouped (when not, no quotation of it has a group yet)."""

    article_id: str
    grouped: bool = False
    groups: dict[Span, int] = field(default_factory=dict)  # every grouped quotation's group, one of one too
    marks: dict[Span, QuotationMark] = field(default_factory=dict)  # those that occur elsewhere too


# Each grouped quotation `p` (a `provenance_quotation` row) with its article `a`, its seq there and the article's
# packed quotations `q` (through `r`, its `provenance_article` row: the last to begin at or before its id). In this
# order: a group's members are found first, then where each is.
_OCCURRENCE_COLUMNS = "p.group_id, p.quotation_id, p.quotation_id - r.first_quotation, q.packed, a.path, a.date, " \
                      "a.source, a.title, a.id"
QUOTATION_ROWS = ("provenance_quotation p CROSS JOIN provenance_article r ON r.first_quotation = ("
                  "SELECT max(first_quotation) FROM provenance_article WHERE first_quotation <= p.quotation_id) "
                  f"CROSS JOIN articles a ON a.id = r.id CROSS JOIN article_quotations q ON {QUOTATIONS_OF}")
# An article's grouped quotations `p`, after its `provenance_article` row `r`; `QUOTATION_SEQ` is each one's seq.
ARTICLE_QUOTATIONS = ("provenance_article r CROSS JOIN provenance_quotation p ON p.quotation_id BETWEEN "
                      "r.first_quotation AND r.first_quotation + r.quotation_count - 1")
QUOTATION_SEQ = "p.quotation_id - r.first_quotation"
_TEXT, _START, _END, _SPEAKER = (QUOTATION_FIELDS.index(name) for name in ("text", "start", "end", "speaker"))


def _occurrence(row: tuple) -> Occurrence:
    _group, quotation_id, seq, quotations, path, date, source, title, article_id = row
    quotation = unpack_quotations(quotations)[seq]
    return Occurrence(quotation_id=quotation_id, text=quotation[_TEXT], start=quotation[_START],
                      end=quotation[_END], speaker=quotation[_SPEAKER], article_id=article_id, path=path, title=title,
                      date=date, source=source)


class ProvenanceReader:
    """Provenance questions asked of one connection (used by one thread at a time)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def marks(self, article_id: str) -> dict[int, QuotationMark]:
        """The article's quotations that occur elsewhere too, by seq."""
        rows = self.connection.execute(
            f"SELECT {QUOTATION_SEQ}, g.group_id, g.size, g.changed, g.speaker_conflict FROM {ARTICLE_QUOTATIONS} "
            "CROSS JOIN provenance_group g ON g.group_id = p.group_id WHERE r.id = ?", (article_id,))
        return {seq: QuotationMark(seq, group, size - 1, bool(changed), bool(conflict))
                for seq, group, size, changed, conflict in rows}

    def of_article(self, article_id: str) -> ArticleProvenance:
        """Every grouped quotation of the article by its offsets, with the marks of those found elsewhere. Where
        each was first seen is asked only when needed (`first_seen`): it sorts every member of its group."""
        grouped = self.connection.execute("SELECT 1 FROM provenance_article WHERE id = ?",
                                          (article_id,)).fetchone() is not None
        rows = self.connection.execute(
            f"SELECT {QUOTATION_SEQ}, p.group_id, g.size, g.changed, g.speaker_conflict FROM {ARTICLE_QUOTATIONS} "
            "LEFT JOIN provenance_group g ON g.group_id = p.group_id WHERE r.id = ?", (article_id,)).fetchall()
        number = self.connection.execute("SELECT num FROM articles WHERE id = ?", (article_id,)).fetchone()
        quotations = stored_quotations(self.connection, number[0]) if rows and number else []
        groups: dict[Span, int] = {}
        marks: dict[Span, QuotationMark] = {}
        for seq, group, size, changed, conflict in rows:
            if seq >= len(quotations):  # a quotation gone from the article is left out
                continue
            start, end = quotations[seq][_START], quotations[seq][_END]
            groups[(start, end)] = group
            if size is not None:
                marks[(start, end)] = QuotationMark(seq, group, size - 1, bool(changed), bool(conflict))
        return ArticleProvenance(article_id, grouped or bool(groups), groups, marks)

    def group_id_of(self, article_id: str, seq: int) -> int | None:
        row = self.connection.execute(
            "SELECT p.group_id FROM provenance_article r JOIN provenance_quotation p "
            "ON p.quotation_id = r.first_quotation + ?2 WHERE r.id = ?1 AND ?2 BETWEEN 0 AND r.quotation_count - 1",
            (article_id, seq)).fetchone()
        return row[0] if row else None

    def group_of(self, article_id: str, seq: int) -> Group | None:
        """The group of the article's quotation number `seq` (a group of one when it occurs nowhere else); None
        when the quotation is not grouped (not a direct quotation, or not grouped yet)."""
        group = self.group_id_of(article_id, seq)
        return None if group is None else self.group(group)

    def group(self, group_id: int) -> Group | None:
        rows = self.connection.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM {QUOTATION_ROWS} WHERE p.group_id = ?", (group_id,)).fetchall()
        return build_group(group_id, map(_occurrence, rows)) if rows else None

    def changed_count(self) -> int:
        return self.connection.execute(
            "SELECT count(*) FROM provenance_group WHERE changed OR speaker_conflict").fetchone()[0]

    def changed(self, offset: int = 0, limit: int = 50) -> list[GroupSummary]:
        """A page of the groups whose wording or speaker differs between versions, the most republished first."""
        summaries = self.connection.execute(
            "SELECT group_id, size, changed, speaker_conflict FROM provenance_group "
            "WHERE changed OR speaker_conflict ORDER BY size DESC, group_id LIMIT ? OFFSET ?",
            (limit, offset)).fetchall()
        return [GroupSummary(group, size, bool(changed), bool(conflict), self.first_seen(group))
                for group, size, changed, conflict in summaries]

    def first_seen(self, group_id: int) -> Occurrence:
        # oldest first as `groups.oldest_first` orders them: by date, undated last, then in the order added
        row = self.connection.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM {QUOTATION_ROWS} WHERE p.group_id = ? "
            "ORDER BY a.date IS NULL, a.date, p.quotation_id LIMIT 1", (group_id,)).fetchone()
        return _occurrence(row)

    def group_count(self, min_size: int = 2, changed_only: bool = False) -> int:
        flagged = " AND (changed OR speaker_conflict)" if changed_only else ""
        return self.connection.execute(f"SELECT count(*) FROM provenance_group WHERE size >= ?{flagged}",
                                       (min_size,)).fetchone()[0]

    def groups(self, min_size: int = 2, changed_only: bool = False) -> Iterator[Group]:
        """Every group of at least `min_size` occurrences (only those whose wording or speaker differs with
        `changed_only`), the most republished first."""
        flagged = " AND (g.changed OR g.speaker_conflict)" if changed_only else ""
        rows = self.connection.execute(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM provenance_group g CROSS JOIN {QUOTATION_ROWS} "
            f"WHERE p.group_id = g.group_id AND g.size >= ?{flagged} ORDER BY g.size DESC, g.group_id",
            (max(2, min_size),))
        for group, members in groupby(rows, key=lambda row: row[0]):
            yield build_group(group, map(_occurrence, members))
