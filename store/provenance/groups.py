"""A group's details (what the provenance view opens) and its flags (what the sidebar and the list of
changed quotations show).

Occurrences are ordered oldest first: by date, undated ones last, then by `quotation_id` (the order they
were added in), so the order never depends on how the store returns them. The first is the earliest dated
occurrence, or the first added when none is dated.

Each later occurrence is compared (`diff`) with the first occurrence it is itself the same quotation as
(`relation.related`), which is the first of the group but for one case: a group joined through a longer
version. "A … B" makes "A" and "B" one group, though "B" is not a version of "A" and shares no words with
it; "B" is compared with "A … B", of which it is an excerpt, not declared a rewording of "A". Its
`compared_with` says which.

`speaker_conflict` is true when two named speakers are different people by the speaker table's own name
merging (`store.speakers.table.group_names`): "Ada Novak", "Dr. Novak" and "A. Novak" are one person, "Ada Novak"
and "Ben Novak" two. Unnamed speakers ("a spokesman") and missing ones conflict with nobody.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..speakers.table import group_names, is_unnamed
from .diff import differences, is_changed
from .model import Group, Occurrence
from .relation import related
from .words import Folded, features, tokens

__all__ = ["build_group", "compared_with", "flags", "oldest_first", "ordered_flags", "speaker_conflict",
           "wording_flags"]


def _order(occurrence: Occurrence) -> tuple[bool, str, int]:
    return occurrence.date is None, occurrence.date or "", occurrence.quotation_id


def oldest_first(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    return sorted(occurrences, key=_order)


def speaker_conflict(speakers: Iterable[str | None]) -> bool:
    named = {speaker.strip() for speaker in speakers if speaker and speaker.strip() and not is_unnamed(speaker)}
    return len(named) > 1 and len(group_names(dict.fromkeys(named, 0))) > 1


def compared_with(folded: Sequence[Folded]) -> list[int | None]:
    """For each of a group's quotations, oldest first, the index of the one it is compared with: the first
    one it is the same quotation as (the first of all when it is no version of any; None for the first)."""
    if len(folded) <= 2:  # the second has nothing else to be compared with
        return [None, 0][:len(folded)]
    wordings: dict[Folded, int] = {}
    return _references([wordings.setdefault(one, len(wordings)) for one in folded], list(wordings))


def _references(wording: list[int], distinct: list[Folded]) -> list[int | None]:
    """`compared_with` of a group of more than two, given as the number of each one's wording in `distinct`
    (numbered in order of first appearance). A much-republished quotation is mostly verbatim copies: each pair of
    wordings is tested once, and the answer for every copy after a wording's first is the same (the first copy
    of the first wording related to it), so that a group of n copies of a few wordings costs n steps, not n
    times the copies of the wordings that are not related to theirs."""
    found = [features(one) for one in distinct]
    answers: dict[tuple[int, int], bool] = {}

    def same(one: int, other: int) -> bool:
        pair = (one, other) if one <= other else (other, one)  # the relation is symmetric
        answer = answers.get(pair)
        if answer is None:
            answer = answers[pair] = related(found[one], found[other])
        return answer

    first_at: list[int] = []  # where each wording first appears, and where it appears second
    second_at: dict[int, int] = {}
    seen = 0
    for index, number in enumerate(wording):
        if number == seen:
            first_at.append(index)
            seen += 1
        elif number not in second_at:
            second_at[number] = index

    def first_copy_reference(number: int) -> int:
        """What the first copy of a wording is compared with: the first copy of the first wording related to it,
        or its own second copy when that comes before."""
        own = second_at.get(number) if same(number, number) else None
        for other, at in enumerate(first_at):
            if own is not None and at > own:
                break
            if other != number and same(number, other):
                return at
        return 0 if own is None else own

    # What the copies of a wording after its first are compared with: the first copy of the first wording
    # related to it.
    after_first = {number: next((at for other, at in enumerate(first_at) if same(number, other)), 0)
                   for number in second_at}
    references: list[int | None] = list(map(after_first.get, wording))
    for number, at in enumerate(first_at[1:], 1):
        references[at] = first_copy_reference(number)
    references[0] = None
    return references


def build_group(group_id: int, occurrences: Iterable[Occurrence]) -> Group:
    """The group of these occurrences (any order), each with its differences from the one it is compared with."""
    ordered = oldest_first(occurrences)
    if not ordered:
        return Group(group_id, (), 0, False, False)
    references = compared_with([Folded.of(occurrence.text) for occurrence in ordered])
    tokens_of: dict[int, list] = {}
    compared = []
    for occurrence, reference in zip(ordered, references):
        if reference is None:
            compared.append(replace(occurrence, differences=(), compared_with=None))
            continue
        if reference not in tokens_of:
            tokens_of[reference] = tokens(ordered[reference].text)
        found = differences(ordered[reference].text, occurrence.text, tokens_of[reference])
        compared.append(replace(occurrence, differences=found, compared_with=reference))
    return Group(group_id, tuple(compared), 0, any(occurrence.changed for occurrence in compared),
                 speaker_conflict(occurrence.speaker for occurrence in compared))


def flags(members: Sequence[tuple[int, str | None, str | None, Folded]]) -> tuple[bool, bool]:
    """(changed, speaker_conflict) of a group from its members as (quotation_id, date, speaker, folded): what
    `build_group` says, without reading the texts again."""
    ordered = sorted(members, key=lambda member: (member[1] is None, member[1] or "", member[0]))
    return ordered_flags([member[3] for member in ordered], [member[2] for member in ordered])


def ordered_flags(folded: Sequence[Folded], speakers: Iterable[str | None]) -> tuple[bool, bool]:
    """`flags` of a group's members given oldest first: each one's folded words, and their speakers."""
    wordings: dict[Folded, int] = {}
    wording = [wordings.setdefault(one, len(wordings)) for one in folded]
    return wording_flags(wording, list(wordings), speakers)


def wording_flags(wording: list[int], distinct: Sequence[Folded], speakers: Iterable[str | None]) -> tuple[bool, bool]:
    """`ordered_flags` of a group given as the number of each member's wording in `distinct`, numbered in order
    of first appearance."""
    references = _references(wording, distinct) if len(wording) > 2 else [None, 0][:len(wording)]
    # A copy of the wording it is compared with is no change; each other pair of wordings is compared once.
    compared = set(zip(map(wording.__getitem__, references[1:]), wording[1:]))
    changed = any(is_changed(distinct[first].keys, distinct[other].keys) for first, other in compared
                  if first != other)
    return changed, speaker_conflict(speakers)
