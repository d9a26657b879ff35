"""Provenance: where else a quotation was printed, in what words, and by whom it was said.

Quotations are grouped when they are the same quotation up to case, punctuation and quote marks, when one
is a part of the other, or when their wording is nearly the same (`relation`); candidates come from shingles
of their folded words (`words`), so grouping never compares all pairs and can go one article at a time
(`grouping`). A group's details compare every later version with the first seen one, word by word (`diff`,
`groups`). Nothing here reads files or knows the corpus database: callers hand in quotation ids and texts,
and a `ProvenanceStore` to keep them in.
"""
from __future__ import annotations

from .diff import differences, is_changed
from .grouping import Grouper, MemoryStore, ProvenanceStore, prepare
from .groups import build_group, compared_with, flags, oldest_first, speaker_conflict
from .model import CHANGE_OPS, EDIT_OPS, Difference, Group, Occurrence
from .relation import related
from .words import Features, Folded, features, rare_words, shingles, tokens, words

__all__ = [
    "CHANGE_OPS",
    "EDIT_OPS",
    "Difference",
    "Features",
    "Folded",
    "Group",
    "Grouper",
    "MemoryStore",
    "Occurrence",
    "ProvenanceStore",
    "build_group",
    "compared_with",
    "differences",
    "features",
    "flags",
    "is_changed",
    "oldest_first",
    "prepare",
    "rare_words",
    "related",
    "shingles",
    "speaker_conflict",
    "tokens",
    "words",
]
