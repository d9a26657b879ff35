"""Word-level differences of a later version of a quotation from the first seen one.

Both versions are aligned on their folded keys (see `words`), so case, punctuation and quote marks never
show. Each run of differing keys between two aligned runs becomes one difference, classified by what is in
it:

- one side is nothing but omission markers and bracketed insertions: "cut" when a marker is among them
  ("…" stands for the other side's words), "added" otherwise ("[the council]" for "it", or for nothing):
  honest editing, whichever version carries the marks;
- words only one version has, at its start or end: "excerpt", honest (one quotes less of the sentence);
- anything else: "replace", "insert" or "delete", a change of wording. Two changes with a single word in
  common between them are one change (a lone common word is no anchor: "when the weather turns" against
  "in bad weather" is one replacement).

So a part quoted alone is no change, but words dropped from inside a quotation without a marker are.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from rapidfuzz.distance import Indel

from .model import Difference
from .words import INSERTED, OMISSION, Token, tokens

__all__ = ["blocks", "differences", "is_changed"]

Block = tuple[str, int, int, int, int]  # (op, first_start, first_end, other_start, other_end) in keys


def blocks(first: Sequence[str], other: Sequence[str]) -> Iterator[Block]:
    """The differing runs of two key sequences, classified (see the module's docstring)."""
    runs: list[list[int]] = []
    previous_equal = True
    for tag, a_start, a_end, b_start, b_end in Indel.opcodes(first, other):
        if tag == "equal":
            previous_equal = True
        elif previous_equal:
            runs.append([a_start, a_end, b_start, b_end])
            previous_equal = False
        else:  # a deletion next to an insertion is one replacement
            runs[-1][1], runs[-1][3] = a_end, b_end
    if runs:
        runs = _bridged(first, other, runs)
        _slide_to_edges(first, other, runs)
    for run in runs:
        yield _classified(first, other, *run)


def _bridged(first: Sequence[str], other: Sequence[str], runs: list[list[int]]) -> list[list[int]]:
    """Join two changes that only one word in common keeps apart: "when the weather turns" against "in bad
    weather" is one change, not "when the" changed, "weather" kept, and "turns" left out. Honest editing
    (cuts, insertions) stays a difference of its own."""
    joined = [runs[0]]
    for run in runs[1:]:
        last = joined[-1]
        if run[0] - last[1] == 1 and not _honest(first, other, last) and not _honest(first, other, run):
            last[1], last[3] = run[1], run[3]
        else:
            joined.append(run)
    return joined


def _honest(first: Sequence[str], other: Sequence[str], run: list[int]) -> bool:
    return _only_marks(first[run[0]:run[1]]) or _only_marks(other[run[2]:run[3]])


def _slide_to_edges(first: Sequence[str], other: Sequence[str], runs: list[list[int]]) -> None:
    """Move words only one side has to the start or the end when the alignment allows both places:
    "we have changed the map" is the end of "we have listened, and we have changed the map", not "we have"
    and a gap. Only the first and the last run can reach an edge."""
    a_start, a_end, b_start, b_end = runs[0]
    if a_start == b_start and a_start and (a_start == a_end or b_start == b_end):
        side, start, end = (first, a_start, a_end) if b_start == b_end else (other, b_start, b_end)
        if side[:start] == side[end - start:end]:
            width = end - start
            runs[0] = [0, width, 0, 0] if side is first else [0, 0, 0, width]
    a_start, a_end, b_start, b_end = runs[-1]
    after = len(first) - a_end
    if after and after == len(other) - b_end and (a_start == a_end or b_start == b_end):
        side, start, end = (first, a_start, a_end) if b_start == b_end else (other, b_start, b_end)
        if side[end:] == side[start:start + after]:
            width = end - start
            if side is first:
                runs[-1] = [len(first) - width, len(first), len(other), len(other)]
            else:
                runs[-1] = [len(first), len(first), len(other) - width, len(other)]


def _classified(first: Sequence[str], other: Sequence[str], a_start: int, a_end: int, b_start: int,
                b_end: int) -> Block:
    old, new = first[a_start:a_end], other[b_start:b_end]
    if _only_marks(old) or _only_marks(new):
        op = "cut" if OMISSION in old or OMISSION in new else "added"
    elif not old or not new:
        at_edge = (a_start == 0 and b_start == 0) or (a_end == len(first) and b_end == len(other))
        op = "excerpt" if at_edge else "insert" if not old else "delete"
    else:
        op = "replace"
    return op, a_start, a_end, b_start, b_end


def _only_marks(keys: Sequence[str]) -> bool:
    return bool(keys) and all(key == OMISSION or key[0] == INSERTED for key in keys)


def is_changed(first: Sequence[str], other: Sequence[str]) -> bool:
    """Whether `other`'s wording differs from `first`'s (keys, as `words` gives them): the flag without the
    texts of the differences."""
    return any(block[0] in ("replace", "insert", "delete") for block in blocks(first, other))


def differences(first_text: str, text: str, first_tokens: list[Token] | None = None) -> tuple[Difference, ...]:
    """`text`'s differences from `first_text`, in reading order, with the words as each version writes them.
    `first_tokens`, when given, are `tokens(first_text)` (worked out once for a whole group)."""
    if first_tokens is None:
        first_tokens = tokens(first_text)
    other_tokens = tokens(text)
    found = []
    for op, a_start, a_end, b_start, b_end in blocks([t.key for t in first_tokens], [t.key for t in other_tokens]):
        old_start, old_end = _span(first_tokens, a_start, a_end)
        new_start, new_end = _span(other_tokens, b_start, b_end)
        found.append(Difference(op, first_text[old_start:old_end], text[new_start:new_end], new_start, new_end,
                                old_start, old_end))
    return tuple(found)


def _span(found: list[Token], start: int, end: int) -> tuple[int, int]:
    """Where tokens [start, end) are in their text; an empty span after the token before when there are none."""
    if start < end:
        return found[start].start, found[end - 1].end
    at = found[start - 1].end if start else 0
    return at, at
