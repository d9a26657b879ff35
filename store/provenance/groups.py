"""A group's details (what the provenance view opens) and its flags (what the sidebar and the list of
changed quotations show).

Occurrences are ordered oldest first: by date, undated ones last, then by `quotation_id` (the order they
were added in), so the order never depends on how the store returns them. The first is the earliest dated
occurrence, or the first added when none is dated; every later one is compared with it (`diff`).

`speaker_conflict` is true when two named speakers are different people by the speaker table's own name
merging (`store.people.group_names`): "Ada Novak", "Dr. Novak" and "A. Novak" are one person, "Ada Novak"
and "Ben Novak" two. Unnamed speakers ("a spokesman") and missing ones conflict with nobody.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..people import group_names, is_unnamed
from .diff import differences, is_changed
from .model import Group, Occurrence
from .words import tokens

__all__ = ["build_group", "flags", "oldest_first", "speaker_conflict"]


def _order(occurrence: Occurrence) -> tuple[bool, str, int]:
    return occurrence.date is None, occurrence.date or "", occurrence.quotation_id


def oldest_first(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    return sorted(occurrences, key=_order)


def speaker_conflict(speakers: Iterable[str | None]) -> bool:
    named = {speaker.strip() for speaker in speakers if speaker and speaker.strip() and not is_unnamed(speaker)}
    return len(named) > 1 and len(group_names(dict.fromkeys(named, 0))) > 1


def build_group(group_id: int, occurrences: Iterable[Occurrence]) -> Group:
    """The group of these occurrences (any order), each with its differences from the first."""
    ordered = oldest_first(occurrences)
    if not ordered:
        return Group(group_id, (), 0, False, False)
    first = ordered[0]
    first_tokens = tokens(first.text)
    compared = [replace(first, differences=())]
    compared += [replace(occurrence, differences=differences(first.text, occurrence.text, first_tokens))
                 for occurrence in ordered[1:]]
    return Group(group_id, tuple(compared), 0, any(occurrence.changed for occurrence in compared),
                 speaker_conflict(occurrence.speaker for occurrence in compared))


def flags(members: Sequence[tuple[int, str | None, str | None, Sequence[str]]]) -> tuple[bool, bool]:
    """(changed, speaker_conflict) of a group from its members as (quotation_id, date, speaker, keys), keys
    as `words` gives them: what `build_group` says, without reading the texts again."""
    ordered = sorted(members, key=lambda member: (member[1] is None, member[1] or "", member[0]))
    first_keys = ordered[0][3] if ordered else ()
    changed = any(is_changed(first_keys, member[3]) for member in ordered[1:])
    return changed, speaker_conflict(member[2] for member in ordered)
