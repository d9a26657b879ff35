"""A parsed query compiled into what any full-text engine can run: terms per field, a date range and the
user's own marks. Nothing here knows SQLite: `store.corpus_db` renders a plan as an FTS5 query, and an
external search engine would render the same plan as its own query (see the README).

The fields of an indexed article are `title`, `body`, `speakers` (the distinct speakers of its quotations)
and `source`, each stored as its folded words (`indexed_words`). A term matches a field where its words stand
in a row, the last one as a word beginning when the term says so."""
from __future__ import annotations

import bisect
from collections import namedtuple
TYPE_CHECKING = False  # typing's flag, without importing typing

if TYPE_CHECKING:
    from .query import Query, Term

# The fields a word or phrase of the query is looked for in.
TEXT_FIELDS = ("title", "body", "speakers")


# Named tuples, not dataclasses: `quotedesk search` would spend a sixth of its time making dataclasses.
class Clause(namedtuple("Clause", "fields term")):
    """`term` in any of `fields` (a tuple of field names)."""

    __slots__ = ()


class SearchPlan(namedtuple("SearchPlan", "required excluded after before flags",
                            defaults=((), (), None, None, frozenset()))):
    """What an article must hold (`required`, every one), must not hold (`excluded`, none), both tuples of
    clauses; the date range (ISO dates, `after` inclusive, `before` exclusive, undated articles outside any range)
    and the user's marks (`flags`: "read", "unread", "highlighted", answered from the state)."""

    __slots__ = ()

    @property
    def everything(self) -> bool:
        """No condition at all: every article matches."""
        return not (self.required or self.excluded or self.after or self.before or self.flags)


def compile_query(query: Query) -> SearchPlan:
    """The plan of a parsed query. Terms implied by others are folded away: `min minister` requires only
    "minister", `-min -minister` excludes only "min"; repeated terms were already dropped by the parser."""
    from .query import text_terms

    required = [Clause(TEXT_FIELDS, term) for term in _without_implied(text_terms(query), keep="longest")]
    required += [Clause(("speakers",), term) for term in _terms(query.speakers)]
    required += [Clause(("source",), term) for term in _terms(query.sources)]
    excluded = [Clause(TEXT_FIELDS, term) for term in _without_implied(_terms(query.excluded), keep="shortest")]
    return SearchPlan(tuple(required), tuple(excluded), query.after, query.before, query.flags)


def _terms(texts: tuple[str, ...]) -> list[Term]:
    from .query import term_of

    return [term for term in map(term_of, texts) if term is not None]


def _without_implied(terms: list[Term], keep: str) -> list[Term]:
    """Required terms (`keep="longest"`): drop a lone word that another term implies ("min" when "minister"
    is required). Excluded terms (`keep="shortest"`): drop a term that implies another excluded one (excluding
    "min" excludes every "minister"). In O(n log n): a pasted page of text is a query of a thousand terms."""
    unique = list(dict.fromkeys(terms))
    words = sorted((word, at) for at, term in enumerate(unique) for word in term.words)
    dropped: set[int] = set()
    for at, term in enumerate(unique):
        if len(term.words) != 1 or not term.prefix:
            continue
        prefix = term.words[0]
        others = set()
        for word, other in words[bisect.bisect_left(words, (prefix, -1)):]:
            if not word.startswith(prefix):
                break
            if other != at and unique[other].words != term.words:
                others.add(other)
        if keep == "longest" and others:
            dropped.add(at)
        elif keep == "shortest":
            dropped |= others - {at}
    return [term for at, term in enumerate(unique) if at not in dropped]
