"""Plain dataclasses of provenance, ready for the views and for `quotedesk provenance --format json`."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CHANGE_OPS", "EDIT_OPS", "Difference", "Group", "Occurrence"]

# A change of wording: words of the first version replaced, words added, words dropped inside the quotation.
CHANGE_OPS = frozenset({"replace", "insert", "delete"})
# Honest editing, not a change of wording: "cut" an omission marked with … (either version may carry the
# marker), "added" a bracketed editorial insertion ([the council]), "excerpt" words before or after a part
# quoted alone (one version quotes less of the sentence than the other, without a marker).
EDIT_OPS = frozenset({"cut", "added", "excerpt"})


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference of an occurrence from the first seen version, in reading order.

    `old` is the first version's words, `new` this occurrence's (either may be empty), each as its text writes
    them; `start`/`end` is where `new` is in this occurrence's text and `old_start`/`old_end` where `old` is in
    the first's (an empty span where there are no words)."""

    op: str  # one of CHANGE_OPS or EDIT_OPS
    old: str
    new: str
    start: int
    end: int
    old_start: int
    old_end: int

    @property
    def is_change(self) -> bool:
        return self.op in CHANGE_OPS

    def describe(self) -> str:
        """The difference in words, as the provenance table and view say it: a change of wording ("changed",
        "added", "dropped") or honest editing (a marked cut, an editorial addition, a part quoted alone)."""
        old, new = self.old, self.new
        if self.op == "replace":
            return f"changed: “{old}” → “{new}”"
        if self.op == "insert":
            return f"added: “{new}”"
        if self.op == "delete":
            return f"dropped: “{old}”"
        if self.op == "cut":  # the marker may be on either side: "…" for the other's words
            if old.strip(" .…"):
                return f"cut, marked …: “{old}”"
            return f"in full where the first cuts (…): “{new}”"
        if self.op == "added":  # the brackets may be on either side too
            if new.startswith("["):
                return f"editorial addition: {new}" + (f" for “{old}”" if old else "")
            return f"the first's editorial addition {old}" + (f" as “{new}”" if new else " left out")
        return f"quotes less: without “{old}”" if old else f"quotes more: “{new}”"

    def to_json(self) -> dict:
        return {"op": self.op, "from": self.old, "to": self.new}


@dataclass(frozen=True, slots=True, kw_only=True)
class Occurrence:
    """One quotation where it was found: the quotation (`quotation_id` the number the grouping knows it by,
    `start`/`end` indexing the article's text), then the article that printed it. Its fields are many and
    alike, so it is built with keywords only."""

    quotation_id: int
    text: str
    start: int
    end: int
    speaker: str | None = None
    article_id: str = ""
    path: str
    title: str = ""
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    differences: tuple[Difference, ...] = ()  # against occurrence `compared_with` of the group; empty for the first
    compared_with: int | None = None  # index in the group: the first, unless this is no version of it

    @property
    def changed(self) -> bool:
        """Its wording differs from the first's beyond case, punctuation, marked cuts and insertions."""
        return any(difference.is_change for difference in self.differences)

    def to_json(self) -> dict:
        """The record of the command line: `differences` holds the changes of wording only, `edits` the
        honest editing (cuts, insertions, excerpts), both against occurrence `compared_with`."""
        return {"path": self.path, "date": self.date, "source": self.source, "speaker": self.speaker,
                "text": self.text, "start": self.start, "end": self.end,
                "differences": [d.to_json() for d in self.differences if d.is_change],
                "edits": [d.to_json() for d in self.differences if not d.is_change],
                "compared_with": self.compared_with}


@dataclass(frozen=True, slots=True)
class Group:
    """Every occurrence of one quotation, oldest first (undated ones last)."""

    id: int
    occurrences: tuple[Occurrence, ...]
    first: int  # index of the first seen occurrence
    changed: bool  # some occurrence's wording differs from the first's
    speaker_conflict: bool  # two named speakers differ (a short form of the same name is no conflict)

    @property
    def size(self) -> int:
        return len(self.occurrences)

    def to_json(self) -> dict:
        return {"first": self.first, "changed": self.changed, "speaker_conflict": self.speaker_conflict,
                "occurrences": [occurrence.to_json() for occurrence in self.occurrences]}
