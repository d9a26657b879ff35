"""Re-anchoring highlights when an article's text changes."""
from __future__ import annotations

from dataclasses import replace

from .model import Article, Highlight


def reanchor(highlight: Highlight, article: Article) -> Highlight:
    """The highlight placed on `article`'s current text: unchanged when its offsets still hold its text,
    else moved to the occurrence of its text nearest the old place, else marked detached."""
    text = article.text
    if text[highlight.start : highlight.end] == highlight.text:
        moved = highlight
    else:
        found = _nearest_occurrence(text, highlight.text, highlight.start)
        if found is None:
            return replace(highlight, detached=True)
        moved = replace(highlight, start=found, end=found + len(highlight.text))
    return replace(moved, article_id=article.id, path=str(article.path), title=article.title,
                   source=article.source, date=article.date, detached=False)


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
