"""Finding what the user marked on an article (highlights, corrections) again when its text changes.

A record anchored to an article carries `article_id`, `path`, `start`, `end`, `text` and `detached`. Articles are
known by a hash of their text, so an edited file is a new article: its records follow it by path."""
from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from .model import Article


class Anchored(Protocol):
    article_id: str
    path: str
    start: int
    end: int
    text: str
    detached: bool


AnchoredT = TypeVar("AnchoredT", bound=Anchored)


def follows(record: Anchored, article: Article, known_ids: Container[str]) -> bool:
    """`record` belongs to `article`: it was made on it, or on an earlier version of the same file (the same path,
    and the same feed entry for records that keep one, and an id no longer in the corpus)."""
    if record.article_id == article.id:
        return True
    return (record.path == str(article.path) and getattr(record, "entry", article.entry) == article.entry
            and record.article_id not in known_ids)


def reanchor(record: AnchoredT, article: Article, **also: Any) -> AnchoredT:
    """`record` placed on `article`'s current text: unchanged when its offsets still hold its text, else moved to
    the occurrence of its text nearest the old place, else marked detached (kept as it was, never dropped).
    `also`: other fields a placed record takes from the article (a highlight's citation)."""
    text = article.text
    start: int | None = record.start
    if text[record.start : record.end] != record.text:
        start = _nearest_occurrence(text, record.text, record.start)
        if start is None:
            return record if record.detached else replace(record, detached=True)
    placed = dict(start=start, end=start + len(record.text), article_id=article.id, path=str(article.path),
                  detached=False, **also)
    if all(getattr(record, name) == value for name, value in placed.items()):
        return record  # nothing moved: no copy (an article opened with 1,000 highlights checks them all)
    return replace(record, **placed)


def _nearest_occurrence(text: str, needle: str, near: int) -> int | None:
    if not needle:
        return None
    best = None
    index = text.find(needle)
    while index != -1:
        if best is None or abs(index - near) < abs(best - near):
            best = index
        index = text.find(needle, index + 1)
    return best
