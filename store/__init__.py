"""quotedesk's data layer: article formats, the corpus, quotations, search and user state.

Nothing here imports a UI library; the TUI and the CLI are two faces on this API.
"""
from __future__ import annotations

from .corpus import bundled_sample_data, iter_article_files, load_article
from .model import Article, ArticleMeta, Highlight, Quotation, Skipped
from .state import State, StateError, resolve_db_path



def extract_quotations(text: str) -> list[Quotation]:
    """The quotations of an article's text (see `store.quotes`; loaded on first use, not at start-up)."""
    from .quotes import extract_quotations as extract

    return extract(text)


__all__ = [
    "Article",
    "ArticleMeta",
    "Highlight",
    "Quotation",
    "Skipped",
    "State",
    "StateError",
    "bundled_sample_data",
    "extract_quotations",
    "iter_article_files",
    "load_article",
    "resolve_db_path",
]
