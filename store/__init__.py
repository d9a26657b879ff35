"""quotedesk's data layer: article formats, the corpus, quotations, search and user state.

Nothing here imports a UI library; the TUI and the CLI are two faces on this API. The names below are loaded
from their modules when first used, so that importing one module of the package (`store.quotes.engine` in a worker)
does not load the others.
"""
from __future__ import annotations

import importlib
TYPE_CHECKING = False  # typing's flag, without importing typing

if TYPE_CHECKING:
    from .model import Article, ArticleMeta, Highlight, Quotation, Skipped
    from .sources.article_files import bundled_sample_data, iter_article_files, load_article
    from .state import State, StateError, resolve_db_path

_HOMES = {
    "bundled_sample_data": "sources.article_files", "iter_article_files": "sources.article_files",
    "load_article": "sources.article_files",
    "Article": "model", "ArticleMeta": "model", "Highlight": "model", "Quotation": "model", "Skipped": "model",
    "State": "state", "StateError": "state", "resolve_db_path": "state",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def extract_quotations(text: str) -> list[Quotation]:
    """The quotations of an article's text (see `store.quotes.engine`; loaded on first use, not at start-up)."""
    from .quotes.engine import extract_quotations as extract

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
