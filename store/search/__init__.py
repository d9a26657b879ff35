"""Search: the query language (`query`), its compilation into a plan any search engine can run (`plan`),
and the plan run on the corpus database's full-text index (`fts5`).

The query language's names (`query.__all__`) are loaded on first use: listing the corpus needs a plan, not the
parser."""
from __future__ import annotations

import importlib
TYPE_CHECKING = False  # typing's flag, without importing typing

if TYPE_CHECKING:
    from .query import *  # noqa: F403


def __getattr__(name: str):
    query = importlib.import_module(".query", __name__)  # not `from . import`: that would ask this function
    if name in query.__all__:
        return getattr(query, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
