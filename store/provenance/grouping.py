"""Grouping quotations into groups of the same quotation, incrementally, without comparing all pairs.

`Grouper` holds the logic; what it remembers lives behind `ProvenanceStore`, a small interface with two
implementations in mind: `MemoryStore` here (tests, the benchmark, a first grouping done in one go), and a
corpus-database one, whose tables the interface implies:

    provenance_quotation(quotation_id INTEGER PRIMARY KEY, folded TEXT, shingles INTEGER, group_id INTEGER)
        -- index on group_id; `shingles` is how many distinct shingles the quotation has
    provenance_shingle(shingle INTEGER, quotation_id INTEGER)  -- index on (shingle, quotation_id)

`folded` is `Folded.pack()` (the quotation's keys and rare words as one string); a group's id is one of its
members' ids, and a quotation alone is a group of one with its own id.

Adding a quotation: its shingles (`words.shingles`) are looked up, each in at most `POSTINGS_LIMIT`
quotations (the earliest added). A quotation is a candidate when it shares at least `MIN_SHARED_SHINGLES`
of them and at least `CANDIDATE_SHARE` of the shingles of whichever of the two has fewer: two versions of
one quotation share most of their content-word pairs (each changed word breaks at most two, each cut one),
while quotations that only share a turn of phrase share a few. Candidates already in the new quotation's
group are skipped; the others are tested with `relation.related`, and each that passes merges its group
into the new quotation's.

The relation is symmetric and so is the candidate rule, so the groups do not depend on the order
quotations are added in, except where a shingle is shared by more than `POSTINGS_LIMIT` quotations (a pair
of words of thousands of articles: "prime minister", "care home"). Such a shingle still finds the first of
them, which is enough to join a much-republished quotation to its group, while a common pair of words costs
a bounded amount of work; and the share of shingles in common is then judged on the quotation's other
shingles, those seen whole.
"""
from __future__ import annotations

from collections import Counter
from itertools import chain
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from .relation import related
from .words import Features, Folded, features, shingles

__all__ = ["CANDIDATE_SHARE", "MIN_SHARED_SHINGLES", "POSTINGS_LIMIT", "Grouper", "MemoryStore", "ProvenanceStore"]

MIN_SHARED_SHINGLES = 2
CANDIDATE_SHARE = 0.4
POSTINGS_LIMIT = 16


class ProvenanceStore(Protocol):
    """What grouping remembers. Quotation ids are positive integers, unique in the store."""

    def add(self, quotation_id: int, folded: str, shingles: Collection[int]) -> None:
        """Record a quotation: its packed `Folded`, its shingle rows and their number, and a group of its own."""

    def remove(self, quotation_id: int) -> None:
        """Forget a quotation: its keys, its shingle rows, its membership."""

    def postings(self, shingle: int, limit: int) -> Sequence[int]:
        """The ids of at most `limit` quotations having `shingle`, the earliest added first."""

    def folded(self, quotation_id: int) -> str:
        """The packed `Folded` recorded for a quotation."""

    def shingle_count(self, quotation_id: int) -> int:
        """How many distinct shingles a quotation has."""

    def group_of(self, quotation_id: int) -> int:
        """The id of the quotation's group."""

    def merge(self, group: int, other: int) -> int:
        """Make two groups one; the id of the result (one of the two: the larger group's, the smaller id on
        a tie)."""

    def members(self, group: int) -> list[int]:
        """The ids of a group's quotations."""

    def split(self, quotation_ids: Iterable[int]) -> None:
        """Give each of these quotations a group of its own again."""


class MemoryStore:
    """`ProvenanceStore` in dictionaries. A group is relabelled when merged into a larger one, as a
    database would update the smaller group's rows."""

    def __init__(self) -> None:
        self._folded: dict[int, str] = {}
        self._shingle_counts: dict[int, int] = {}
        self._postings: dict[int, list[int]] = {}
        self._group: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self._folded)

    def __contains__(self, quotation_id: object) -> bool:
        return quotation_id in self._folded

    def add(self, quotation_id: int, folded: str, shingles: Collection[int]) -> None:
        if quotation_id in self._folded:
            raise ValueError(f"quotation {quotation_id} is already stored")
        self._folded[quotation_id] = folded
        self._shingle_counts[quotation_id] = len(shingles)
        postings = self._postings
        for shingle in shingles:
            posting = postings.get(shingle)
            if posting is None:
                postings[shingle] = [quotation_id]
            else:
                posting.append(quotation_id)
        self._group[quotation_id] = quotation_id
        self._members[quotation_id] = [quotation_id]

    def remove(self, quotation_id: int) -> None:
        folded = Folded.unpack(self._folded.pop(quotation_id))
        del self._shingle_counts[quotation_id]
        for shingle in shingles(folded.keys):
            posting = self._postings[shingle]
            posting.remove(quotation_id)
            if not posting:
                del self._postings[shingle]
        group = self._group.pop(quotation_id)
        members = self._members[group]
        members.remove(quotation_id)
        if not members:
            del self._members[group]
        elif group == quotation_id:  # the group keeps a member's id
            self._relabel(members, members[0])
            del self._members[group]

    def postings(self, shingle: int, limit: int) -> Sequence[int]:
        posting = self._postings.get(shingle)
        if posting is None:
            return ()
        return posting if len(posting) <= limit else posting[:limit]

    def folded(self, quotation_id: int) -> str:
        return self._folded[quotation_id]

    def shingle_count(self, quotation_id: int) -> int:
        return self._shingle_counts[quotation_id]

    def group_of(self, quotation_id: int) -> int:
        return self._group[quotation_id]

    def merge(self, group: int, other: int) -> int:
        if group == other:
            return group
        # the smaller group takes the larger's id (fewer rows to change); on a tie the older id stays
        if (len(self._members[group]), -group) < (len(self._members[other]), -other):
            group, other = other, group
        moved = self._members.pop(other)
        self._relabel(moved, group)
        return group

    def _relabel(self, quotation_ids: list[int], group: int) -> None:
        for quotation_id in quotation_ids:
            self._group[quotation_id] = group
        if group in self._members and self._members[group] is not quotation_ids:
            self._members[group].extend(quotation_ids)
        else:
            self._members[group] = quotation_ids

    def members(self, group: int) -> list[int]:
        return list(self._members.get(group, ()))

    def split(self, quotation_ids: Iterable[int]) -> None:
        alone = set(quotation_ids)
        for group in {self._group[quotation_id] for quotation_id in alone}:
            rest = [member for member in self._members.pop(group) if member not in alone]
            if rest:  # the others stay together, under a member's id
                self._relabel(rest, group if group not in alone else rest[0])
        for quotation_id in alone:
            self._group[quotation_id] = quotation_id
            self._members[quotation_id] = [quotation_id]

    def groups(self, min_size: int = 2) -> dict[int, list[int]]:
        """Every group of at least `min_size` quotations, by id."""
        return {group: list(members) for group, members in self._members.items() if len(members) >= min_size}

    def shingle_rows(self) -> Iterable[tuple[int, int]]:
        """(shingle, quotation_id) rows, for writing a first grouping done in memory to a database."""
        for shingle, posting in self._postings.items():
            for quotation_id in posting:
                yield shingle, quotation_id

    def quotation_rows(self) -> Iterable[tuple[int, str, int]]:
        """(quotation_id, folded, group_id) rows, likewise."""
        for quotation_id, folded in self._folded.items():
            yield quotation_id, folded, self._group[quotation_id]


class Grouper:
    """Groups quotations as they are added, in whatever store it is given."""

    def __init__(self, store: ProvenanceStore | None = None, postings_limit: int = POSTINGS_LIMIT) -> None:
        self.store: ProvenanceStore = store if store is not None else MemoryStore()
        self.postings_limit = postings_limit

    def add(self, quotation_id: int, text: str) -> int:
        """Group a quotation with those already added; its group's id."""
        return self.add_folded(quotation_id, Folded.of(text))

    def add_folded(self, quotation_id: int, folded: Folded) -> int:
        """`add`, with the quotation already folded."""
        store = self.store
        own = shingles(folded.keys)
        limit = self.postings_limit
        postings = [store.postings(shingle, limit) for shingle in own]
        shared = Counter(chain.from_iterable(postings))
        store.add(quotation_id, folded.pack(), own)
        # The share is judged on the shingles seen whole: a common one only shows its first `limit`
        # quotations, and would otherwise make every candidate look short of shingles in common.
        seen_whole = sum(1 for posting in postings if len(posting) < limit)
        group = quotation_id
        mine: Features | None = None
        enough_of_mine = max(MIN_SHARED_SHINGLES, CANDIDATE_SHARE * seen_whole)
        candidates = [(count, other) for other, count in shared.items() if count >= MIN_SHARED_SHINGLES]
        candidates.sort(reverse=True)  # the likeliest first: once in their group, the rest of it is skipped
        for count, other in candidates:
            if count < enough_of_mine and not _candidates(count, seen_whole, store.shingle_count(other)):
                continue
            other_group = store.group_of(other)
            if other_group == group:
                continue
            if mine is None:
                mine = features(folded)
            if related(mine, features(Folded.unpack(store.folded(other)))):
                group = store.merge(group, other_group)
        return group

    def add_many(self, items: Iterable[tuple[int, str]]) -> None:
        """`add` every (quotation_id, text)."""
        for quotation_id, text in items:
            self.add_folded(quotation_id, Folded.of(text))

    def remove(self, quotation_id: int) -> list[int]:
        """Forget a quotation (its article changed or went away); the rest of its group is regrouped, since
        it may have been what joined them. The ids of the groups its former group's members are now in."""
        store = self.store
        rest = [member for member in store.members(store.group_of(quotation_id)) if member != quotation_id]
        store.remove(quotation_id)
        if not rest:
            return []
        store.split(rest)
        candidates = {member: (shingles(folded.keys), features(folded))
                      for member in rest for folded in (Folded.unpack(store.folded(member)),)}
        for at, member in enumerate(rest):
            own_shingles, own_features = candidates[member]
            for other in rest[at + 1:]:
                other_shingles, other_features = candidates[other]
                if store.group_of(member) == store.group_of(other):
                    continue
                if _candidates(len(own_shingles & other_shingles), len(own_shingles), len(other_shingles)) \
                        and related(own_features, other_features):
                    store.merge(store.group_of(member), store.group_of(other))
        return sorted({store.group_of(member) for member in rest})


def _candidates(shared: int, mine: int, theirs: int) -> bool:
    """The candidate rule (see the module's docstring) on numbers of shingles."""
    return shared >= MIN_SHARED_SHINGLES and shared >= CANDIDATE_SHARE * min(mine, theirs)
