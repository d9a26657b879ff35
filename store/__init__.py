"""quotedesk's data layer: article formats, the corpus, quotations, search and user state.

Nothing here imports a UI library; the TUI and the CLI are two faces on this API. Each name is imported from
its module when first used, so that a command pays only for what it needs (`quotedesk search` never loads the
article parsers or the state unless it must).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import bundled_sample_data, iter_article_files, load_article
    from .model import Article, ArticleMeta, Highlight, Quotation, Skipped
    from .state import State, StateError, resolve_db_path

# name -> the module that defines it
_HOMES = {
    "Article": "model", "ArticleMeta": "model", "Highlight": "model", "Quotation": "model", "Skipped": "model",
    "State": "state", "StateError": "state", "resolve_db_path": "state",
    "bundled_sample_data": "corpus", "iter_article_files": "corpus", "load_article": "corpus",
}


def __getattr__(name: str):
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
