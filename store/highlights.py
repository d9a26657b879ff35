"""Re-anchoring highlights when an article's text changes."""
from __future__ import annotations

from dataclasses import replace

from .model import Article, Highlight


def reanchor(highlight: Highlight, article: Article) -> Highlight:
    """The highlight placed on `article`'s current text: unchanged when its offsets still hold its text,
    else moved to the occurrence of its text nearest the old place, else marked detached."""
    text = article.text
    start = highlight.start
    if text[start : highlight.end] != highlight.text:
        start = _nearest_occurrence(text, highlight.text, start)
        if start is None:
            return highlight if highlight.detached else replace(highlight, detached=True)
    placed = dict(start=start, end=start + len(highlight.text), article_id=article.id, path=str(article.path),
                  title=article.title, source=article.source, date=article.date, detached=False)
    if all(getattr(highlight, name) == value for name, value in placed.items()):
        return highlight  # nothing moved: no copy (an article opened with 1,000 highlights checks them all)
    return replace(highlight, **placed)


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
