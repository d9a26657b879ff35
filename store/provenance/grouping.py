"""Grouping quotations into groups of the same quotation, incrementally, without comparing all pairs.

`Grouper` holds the logic; what it remembers lives behind `ProvenanceStore`, a small interface with two
implementations in mind: `MemoryStore` here (tests, the benchmark; `DenseMemoryStore`, a first grouping done
in one go), and a corpus-database one, whose tables the interface implies:

    provenance_quotation(quotation_id INTEGER PRIMARY KEY, folded TEXT, shingles INTEGER, group_id INTEGER)
        -- index on group_id; `shingles` is how many distinct shingles the quotation has
    provenance_shingle(shingle INTEGER, quotation_id INTEGER)  -- index on (shingle, quotation_id DESC)

`shared` is then one query: the latest `limit` rows of each shingle (`ORDER BY quotation_id DESC LIMIT ?`,
one subquery per shingle joined by UNION ALL), counted by quotation.

`folded` is `Folded.pack()` (the quotation's keys and rare words as one string); a group's id is one of its
members' ids, and a quotation alone is a group of one with its own id.

Adding a quotation: its shingles (`words.shingles`) are looked up, each in at most `POSTINGS_LIMIT`
quotations (the latest added: news is republished within days). A quotation is a candidate when it shares
at least `MIN_SHARED_SHINGLES` of them and at least `CANDIDATE_SHARE` of the shingles of whichever of the
two has fewer: two versions of one quotation share most of their content-word pairs (each changed word
breaks at most two, each cut one), while quotations that only share a turn of phrase share a few.
Candidates already in the new quotation's group are skipped; the others are tested with
`relation.related`, and each that passes merges its group into the new quotation's.

The relation is symmetric and so is the candidate rule, so the groups do not depend on the order
quotations are added in, except where a shingle is shared by more than `POSTINGS_LIMIT` quotations (a pair
of words of thousands of articles: "prime minister", "care home"). Such a shingle still finds the latest of
them, which is enough to join a much-republished quotation to its group, while a common pair of words costs
a bounded amount of work; and the share of shingles in common is then judged on the quotation's other
shingles, those seen whole. So the memory store keeps only the latest `POSTINGS_LIMIT` quotations of each
shingle, which bounds its memory; a database may keep every row and read the latest.
"""
from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import partial
from itertools import chain, islice, repeat
from operator import is_not, itemgetter
from typing import Protocol

from .relation import related
from .words import Features, Folded, features, packed_features, shingles

__all__ = ["CANDIDATE_SHARE", "MIN_SHARED_SHINGLES", "POSTINGS_LIMIT", "DenseMemoryStore", "Grouper", "MemoryStore",
           "ProvenanceStore", "prepare"]

MIN_SHARED_SHINGLES = 2
CANDIDATE_SHARE = 0.4
POSTINGS_LIMIT = 8
FEATURES_CACHED = 20_000


class ProvenanceStore(Protocol):
    """What grouping remembers. Quotation ids are positive integers, unique in the store."""

    def add(self, quotation_id: int, folded: str, shingles: Collection[int]) -> None:
        """Record a quotation: its packed `Folded`, its shingle rows and their number, and a group of its own."""

    def remove(self, quotation_id: int) -> None:
        """Forget a quotation: its keys, its shingle rows, its membership."""

    def shared(self, shingles: Collection[int], limit: int) -> tuple[Counter[int], int]:
        """How many of `shingles` each quotation has, among the latest `limit` quotations added having each
        shingle; and how many of the shingles have fewer than `limit` quotations (were seen whole)."""

    def add_shared(self, quotation_id: int, folded: str, shingles: Collection[int], limit: int
                   ) -> tuple[Counter[int], int]:
        """`add` the quotation, and say what `shared` said of its shingles just before (in one pass over them
        where that is faster)."""

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
    database would update the smaller group's rows. Each shingle keeps its latest `postings_kept`
    quotations: a `Grouper` must not ask for more. Most quotations are alone and most shingles are had by
    one quotation, so neither costs a list: a quotation alone is in no group table, a shingle of one
    quotation maps to its id."""

    _postings_in_order = False  # whether each shingle's postings are in the order of their ids

    def __init__(self, postings_kept: int = POSTINGS_LIMIT) -> None:
        self.postings_kept = postings_kept
        self._folded: dict[int, str] = {}
        self._shingle_counts: dict[int, int] = {}
        self._postings: dict[int, int | list[int]] = {}
        self._group: dict[int, int] = {}  # quotations in groups of two or more
        self._members: dict[int, list[int]] = {}  # groups of two or more

    def __len__(self) -> int:
        return len(self._folded)

    def __contains__(self, quotation_id: object) -> bool:
        return quotation_id in self._folded

    def _keep(self, quotation_id: int, folded: str, shingle_count: int) -> None:
        """Record a new quotation's packed `Folded` and number of shingles."""
        if quotation_id in self._folded:
            raise ValueError(f"quotation {quotation_id} is already stored")
        self._folded[quotation_id] = folded
        self._shingle_counts[quotation_id] = shingle_count

    def add(self, quotation_id: int, folded: str, shingles: Collection[int]) -> None:
        self._keep(quotation_id, folded, len(shingles))
        # Added so, a quotation is mostly a copy of an earlier one, whose shingles all have postings: one loop
        # costs less here than `_post`'s two passes.
        postings, kept = self._postings, self.postings_kept
        for shingle in shingles:
            posting = postings.get(shingle)
            if posting is None:
                postings[shingle] = quotation_id
            elif type(posting) is int:
                postings[shingle] = [posting, quotation_id]
            else:
                posting.append(quotation_id)
                if len(posting) > kept:
                    del posting[0]

    def _post(self, quotation_id: int, shingles: Collection[int]) -> tuple[list[int], int]:
        """Add a new quotation (not a copy) to its shingles' postings; the quotations they had before (a
        quotation once per shingle it shares), and how many of them were full (had `postings_kept`)."""
        postings, kept = self._postings, self.postings_kept
        # Most shingles are new: one pass in C gives each shingle's posting, or this quotation for a new one.
        before = list(map(postings.setdefault, shingles, repeat(quotation_id, len(shingles))))
        found: list[int] = []
        full = 0
        if before.count(quotation_id) == len(before):  # every one new (no posting equals a new id)
            return found, full
        for shingle, posting in zip(shingles, before):
            if type(posting) is list:
                found += posting
                posting.append(quotation_id)
                if len(posting) > kept:
                    del posting[0]
                    full += 1
            elif posting is not quotation_id:
                found.append(posting)
                postings[shingle] = [posting, quotation_id]
        return found, full

    def remove(self, quotation_id: int) -> None:
        self.split([quotation_id])
        folded = Folded.unpack(self._folded.pop(quotation_id))
        del self._shingle_counts[quotation_id]
        for shingle in shingles(folded.keys):
            posting = self._postings.get(shingle)
            if posting == quotation_id:
                del self._postings[shingle]
            elif type(posting) is list and quotation_id in posting:  # not when later ones pushed it out
                posting.remove(quotation_id)

    def shared(self, shingles: Collection[int], limit: int) -> tuple[Counter[int], int]:
        found = list(filter(partial(is_not, None), map(self._postings.get, shingles)))
        counts = Counter([posting for posting in found if type(posting) is int])
        lists = [posting for posting in found if type(posting) is list]
        if self.postings_kept > limit:
            lists = [posting[-limit:] for posting in lists]
        counts.update(chain.from_iterable(lists))
        return counts, len(shingles) - list(map(len, lists)).count(limit)

    def add_shared(self, quotation_id: int, folded: str, shingles: Collection[int], limit: int
                   ) -> tuple[Counter[int], int]:
        if limit != self.postings_kept:
            shared = self.shared(shingles, limit)
            self.add(quotation_id, folded, shingles)
            return shared
        self._keep(quotation_id, folded, len(shingles))
        found, full = self._post(quotation_id, shingles)
        return Counter(found), len(shingles) - full

    def folded(self, quotation_id: int) -> str:
        return self._folded[quotation_id]

    def shingle_count(self, quotation_id: int) -> int:
        return self._shingle_counts[quotation_id]

    def group_of(self, quotation_id: int) -> int:
        return self._group.get(quotation_id, quotation_id)

    def members(self, group: int) -> list[int]:
        members = self._members.get(group)
        if members is not None:
            return list(members)
        return [group] if group in self._folded and group not in self._group else []

    def merge(self, group: int, other: int) -> int:
        if group == other:
            return group
        mine, theirs = self._members.get(group, [group]), self._members.get(other, [other])
        # the smaller group takes the larger's id (fewer rows to change); on a tie the older id stays
        if (len(mine), -group) < (len(theirs), -other):
            group, other, mine, theirs = other, group, theirs, mine
        self._members.pop(other, None)
        for quotation_id in theirs:
            self._group[quotation_id] = group
        if len(mine) == 1:
            self._group[group] = group
            mine = self._members[group] = self._member_list(group)
        mine.extend(theirs)
        return group

    @staticmethod
    def _member_list(group: int) -> list[int]:
        """The members of a new group of two or more, its first one in."""
        return [group]

    def split(self, quotation_ids: Iterable[int]) -> None:
        alone = {quotation_id for quotation_id in quotation_ids if quotation_id in self._group}
        for group in {self._group[quotation_id] for quotation_id in alone}:
            rest = [member for member in self._members.pop(group) if member not in alone]
            if len(rest) == 1:
                del self._group[rest[0]]
            elif rest:  # the others stay together, under a member's id
                label = group if group not in alone else rest[0]
                for member in rest:
                    self._group[member] = label
                self._members[label] = rest
        for quotation_id in alone:
            del self._group[quotation_id]

    def group_ids(self) -> list[int]:
        """The ids of the groups of two or more, in order."""
        return sorted(self._members)

    def kept_members(self, group: int) -> Sequence[int]:
        """The ids of a group of two or more as kept, not copied (to read, not to change)."""
        return self._members[group]

    def groups(self, min_size: int = 2) -> dict[int, list[int]]:
        """Every group of at least `min_size` quotations, by id."""
        found = {group: list(members) for group, members in self._members.items() if len(members) >= min_size}
        if min_size <= 1:
            found.update((quotation_id, [quotation_id]) for quotation_id in self._folded
                         if quotation_id not in self._group)
        return found

    def shingle_rows(self) -> Iterable[tuple[int, int]]:
        """(shingle, quotation_id) rows in that order, for writing a first grouping done in memory to a database
        (the latest `postings_kept` of each shingle: all that grouping reads). Gathered in two arrays first,
        which is faster than yielding them one by one."""
        shingles, quotation_ids = array("q"), array("q")
        postings = self._postings
        for shingle in sorted(postings):  # the keys alone: comparing (key, posting) pairs costs more
            posting = postings[shingle]
            if type(posting) is int:
                shingles.append(shingle)
                quotation_ids.append(posting)
            else:
                shingles.extend([shingle] * len(posting))
                quotation_ids.extend(posting if self._postings_in_order else sorted(posting))
        return zip(shingles, quotation_ids)

    def quotation_rows(self) -> Iterable[tuple[int, str, int]]:
        """(quotation_id, folded, group_id) rows, likewise."""
        for quotation_id, folded in self._folded.items():
            yield quotation_id, folded, self._group.get(quotation_id, quotation_id)


class DenseMemoryStore(MemoryStore):
    """`MemoryStore` for quotations added with ids 1, 2, 3, ... in that order (a first grouping): what it keeps
    of each quotation sits in lists and arrays at its id rather than in dictionaries, a few bytes a quotation
    (the dictionaries cost about a hundred). Quotations are not removed."""

    _postings_in_order = True  # quotations are added in the order of their ids, and never removed

    def __init__(self, postings_kept: int = POSTINGS_LIMIT) -> None:
        super().__init__(postings_kept)
        self._folded: list[str | None] = [None]  # type: ignore[assignment]
        self._shingle_counts = array("I", [0])  # type: ignore[assignment]
        self._group = array("q", [0])  # type: ignore[assignment]  # 0: alone
        # Once a wording has had as many copies as a shingle keeps (`add_copy`), its further copies reach the
        # postings of a shingle no other such wording has only when that shingle is looked up or written: most
        # quotations of a corpus can be copies of a few, and posting each copy to every shingle it has would
        # cost more than all the rest of adding it. A shingle of several such wordings takes their copies at
        # once (gathering them later would mean looking at every one), and so do the shingles of a wording
        # copied less (most are: looking for their copies at each look-up would cost more than it saves).
        self._copies: dict[int, list[int]] = {}  # a wording's first quotation -> its latest copies
        self._lazy: dict[int, int] = {}  # shingle -> the one wording (its first quotation) whose copies wait
        self._posted_up_to: dict[int, int] = {}  # lazy shingle -> its postings have the copies up to this id
        self._eager: dict[int, list[int]] = {}  # a much-copied wording's first quotation -> its shingles posted
        self._eager_shingles: set[int] = set()

    def add_copy(self, quotation_id: int, folded: str, shingles: Collection[int], first: int,
                 group: int | None = None) -> None:
        """`add` a quotation worded as quotation `first` (added before with these same shingles), and when
        `group` is given, `merge` it into that group (as `merge(group, quotation_id)` would)."""
        # `_keep`, inline, and the quotation's group set as it is appended (most quotations of a corpus are
        # copies: each step here is paid for every one of them)
        kept_folded = self._folded
        if quotation_id != len(kept_folded):
            raise ValueError(f"quotation {quotation_id} is not the next one ({len(kept_folded)})")
        members = None if group is None else self._members.get(group)
        kept_folded.append(folded)
        self._shingle_counts.append(len(shingles))
        self._group.append(0 if members is None else group)
        copies = self._copies.get(first)
        if copies is None:
            copies = self._copies[first] = []
        eager = self._eager.get(first)
        if eager is None:
            if len(copies) < self.postings_kept:  # posted at once, as `add` does
                if self._lazy:
                    self._post_copies(self._lazy.keys() & shingles)
                eager = shingles
            else:
                eager = self._eager[first] = self._much_copied(first, shingles)
        copies.append(quotation_id)
        if len(copies) > 2 * self.postings_kept:  # only the latest can be among a shingle's latest
            del copies[:-self.postings_kept]
        if eager:
            postings, kept = self._postings, self.postings_kept
            for shingle in eager:
                posting = postings[shingle]
                if type(posting) is int:
                    postings[shingle] = [posting, quotation_id]
                else:
                    posting.append(quotation_id)
                    if len(posting) > kept:
                        del posting[0]
        if members is not None:  # a group of two or more takes a new quotation as it is
            members.append(quotation_id)
        elif group is not None:
            self.merge(group, quotation_id)

    def _much_copied(self, first: int, shingles: Collection[int]) -> list[int]:
        """Make the shingles of a wording copied as often as a shingle keeps lazy, or eager when another such
        wording has them too; those to post its copies to at once."""
        lazy, eager_shingles, last_posted = self._lazy, self._eager_shingles, self._copies[first][-1]
        eager = []
        for shingle in shingles:
            other = lazy.get(shingle)
            if other is None and shingle not in eager_shingles:
                lazy[shingle] = first
                self._posted_up_to[shingle] = last_posted
                continue
            if other is not None:
                self._post_copies((shingle,))
                del lazy[shingle]
                self._posted_up_to.pop(shingle, None)
                self._eager[other].append(shingle)
                eager_shingles.add(shingle)
            eager.append(shingle)
        return eager

    def _post_copies(self, shingles: Iterable[int]) -> None:
        """Bring the postings of these lazy shingles up to date with the copies added since they last were."""
        postings, kept, copies, lazy, posted_up_to = (self._postings, self.postings_kept, self._copies, self._lazy,
                                                      self._posted_up_to)
        for shingle in shingles:
            latest = copies[lazy[shingle]]
            since = posted_up_to.get(shingle, 0)
            if latest[-1] == since:
                continue
            posted_up_to[shingle] = latest[-1]
            found = [copy for copy in latest[-kept:] if copy > since]
            posting = postings[shingle]
            found[:0] = [posting] if type(posting) is int else posting
            del found[:-kept]
            postings[shingle] = found

    def _post(self, quotation_id: int, shingles: Collection[int]) -> tuple[list[int], int]:
        if self._lazy:
            self._post_copies(self._lazy.keys() & shingles)
        return super()._post(quotation_id, shingles)

    def shared(self, shingles: Collection[int], limit: int) -> tuple[Counter[int], int]:
        if self._lazy:
            self._post_copies(self._lazy.keys() & shingles)
        return super().shared(shingles, limit)

    def shingle_rows(self) -> Iterable[tuple[int, int]]:
        self._post_copies(list(self._lazy))
        return super().shingle_rows()

    def __len__(self) -> int:
        return len(self._folded) - 1

    @staticmethod
    def _member_list(group: int) -> array:  # type: ignore[override]
        return array("q", [group])  # 8 bytes a member, where a list of ints costs 40

    def __contains__(self, quotation_id: object) -> bool:
        return type(quotation_id) is int and 0 < quotation_id < len(self._folded)

    def _keep(self, quotation_id: int, folded: str, shingle_count: int) -> None:
        if quotation_id != len(self._folded):
            raise ValueError(f"quotation {quotation_id} is not the next one ({len(self._folded)})")
        self._folded.append(folded)
        self._shingle_counts.append(shingle_count)
        self._group.append(0)

    def remove(self, quotation_id: int) -> None:
        raise NotImplementedError("a first grouping removes no quotation")

    def group_of(self, quotation_id: int) -> int:
        return self._group[quotation_id] or quotation_id

    def members(self, group: int) -> list[int]:
        members = self._members.get(group)
        if members is not None:
            return list(members)
        return [group] if group in self and not self._group[group] else []

    def split(self, quotation_ids: Iterable[int]) -> None:
        raise NotImplementedError("a first grouping splits no group")

    def groups(self, min_size: int = 2) -> dict[int, list[int]]:
        found = {group: list(members) for group, members in self._members.items() if len(members) >= min_size}
        if min_size <= 1:
            found.update((quotation_id, [quotation_id]) for quotation_id in range(1, len(self._folded))
                         if not self._group[quotation_id])
        return found

    def quotation_rows(self) -> Iterable[tuple[int, str, int]]:
        group = self._group
        for quotation_id in range(1, len(self._folded)):
            yield quotation_id, self._folded[quotation_id], group[quotation_id] or quotation_id

    def quotation_columns(self) -> tuple[Iterable[str], Iterable[int]]:
        """Of each quotation, in the order of their ids (1, 2, 3, ...), its packed `Folded` and its group's id (0
        when alone): columns to zip, so that writing them makes no object per quotation in Python."""
        return islice(self._folded, 1, None), islice(self._group, 1, None)

    def folded_of(self, quotation_ids: Iterable[int]) -> list[str]:
        """The packed `Folded` of each of these quotations."""
        return list(map(self._folded.__getitem__, quotation_ids))


def prepare(text: str) -> tuple[Folded, set[int]]:
    """What adding a quotation needs that no store has to be asked for: its folded words and its shingles.
    Pure, so that a first grouping can work it out in other processes while this one groups."""
    folded = Folded.of(text)
    return folded, shingles(folded.keys)


class Grouper:
    """Groups quotations as they are added, in whatever store it is given."""

    def __init__(self, store: ProvenanceStore | None = None, postings_limit: int = POSTINGS_LIMIT) -> None:
        self.store: ProvenanceStore = store if store is not None else MemoryStore(postings_limit)
        self.postings_limit = postings_limit
        # The features of quotations tested lately: the first quotations of a common shingle are candidates
        # of many, and a much-republished one of every new copy.
        self._features: dict[int, Features] = {}

    def _features_of(self, quotation_id: int) -> Features:
        found = self._features.get(quotation_id)
        if found is None:
            found = packed_features(self.store.folded(quotation_id))
            self._remember(quotation_id, found)
        return found

    def _remember(self, quotation_id: int, found: Features) -> None:
        if len(self._features) >= FEATURES_CACHED:
            self._features.clear()
        self._features[quotation_id] = found

    def add(self, quotation_id: int, text: str) -> int:
        """Group a quotation with those already added; its group's id."""
        return self.add_prepared(quotation_id, *prepare(text))

    def add_prepared(self, quotation_id: int, folded: Folded, own: Collection[int]) -> int:
        """`add`, with the quotation already `prepare`d."""
        return self.add_packed(quotation_id, folded.pack(), own, folded)

    def add_packed(self, quotation_id: int, packed: str, own: Collection[int], folded: Folded | None = None) -> int:
        """`add_prepared`, with the `Folded` packed (as worker processes hand it over); it is unpacked only if
        some candidate has to be tested."""
        store = self.store
        if len(own) < MIN_SHARED_SHINGLES:  # no quotation can share enough: nothing to look up or index
            store.add(quotation_id, packed, ())
            return quotation_id
        # The share is judged on the shingles seen whole: a common one only shows its latest `limit`
        # quotations, and would otherwise make every candidate look short of shingles in common.
        shared, seen_whole = store.add_shared(quotation_id, packed, own, self.postings_limit)
        group = quotation_id
        # The likeliest first (as `Counter.most_common` orders them): once in their group, the rest is skipped.
        candidates = sorted([item for item in shared.items() if item[1] >= MIN_SHARED_SHINGLES],
                            key=itemgetter(1), reverse=True)
        if not candidates:
            return group
        mine: Features | None = None
        enough_of_mine = max(MIN_SHARED_SHINGLES, CANDIDATE_SHARE * seen_whole)
        for other, count in candidates:
            if count < enough_of_mine and count < CANDIDATE_SHARE * store.shingle_count(other):
                continue  # short of the share of either quotation's shingles
            other_group = store.group_of(other)
            if other_group == group:
                continue
            if mine is None:
                mine = features(folded) if folded is not None else packed_features(packed)
                self._remember(quotation_id, mine)  # it is likely a candidate of its next copies
            if related(mine, self._features_of(other)):
                group = store.merge(group, other_group)
        return group

    def add_many(self, items: Iterable[tuple[int, str]]) -> None:
        """`add` every (quotation_id, text)."""
        for quotation_id, text in items:
            self.add_prepared(quotation_id, *prepare(text))

    def remove(self, quotation_id: int) -> list[int]:
        """Forget a quotation (its article changed or went away); the rest of its group is grouped again, since
        the quotation may have been what joined them. The ids of the groups its former group's members are
        now in."""
        store = self.store
        rest = sorted(member for member in store.members(store.group_of(quotation_id)) if member != quotation_id)
        store.remove(quotation_id)
        self._features.pop(quotation_id, None)
        if not rest:
            return []
        again = Grouper(postings_limit=self.postings_limit)  # the same rule, on the group alone
        for member in rest:
            folded = Folded.unpack(store.folded(member))
            again.add_prepared(member, folded, shingles(folded.keys))
        store.split(rest)
        for members in again.store.groups().values():
            group = store.group_of(members[0])
            for member in members[1:]:
                group = store.merge(group, store.group_of(member))
        return sorted({store.group_of(member) for member in rest})
