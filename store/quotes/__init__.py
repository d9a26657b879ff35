"""Quotations: quote marks paired (`marks`), the engine that decides which spans are quotations and who said
them (`engine`), with the speech verbs (`cues`), one article's cast of people (`cast`), name words and given
names (`name_words`, `names`) and the evidence kept for each attribution (`evidence`).

Only `compiled` is imported here (the check that compiled modules are not older than their sources), so that
the marks or the cast load without the engine; `store.extract_quotations` loads the engine on first use."""

import os as _os
import sys as _sys

from .compiled import stale_finder as _stale_finder

# Compiled at install where the machine could (`store.quotes.compiled`): sources edited since are imported instead.
_finder = _stale_finder(__name__, _os.path.dirname(__file__))
if _finder is not None:
    _sys.meta_path.insert(0, _finder)
del _finder
