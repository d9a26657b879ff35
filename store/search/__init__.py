"""Search: the query language (`query`), its compilation into a plan any search engine can run (`plan`),
and the plan run on the corpus database's full-text index (`fts5`).

The query language's names are loaded on first use: listing the corpus needs a plan, not the parser."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .query import (SEPARATOR, UNCLOSED_QUOTE, WORD, Query, Term, find_hits, fold, indexed_words,
                        parse_query, quotation_matches, term_of)

__all__ = [
    "Query",
    "SEPARATOR",
    "Term",
    "UNCLOSED_QUOTE",
    "WORD",
    "find_hits",
    "fold",
    "indexed_words",
    "parse_query",
    "quotation_matches",
    "term_of",
]


def __getattr__(name: str):
    if name in __all__:
        from . import query

        return getattr(query, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
