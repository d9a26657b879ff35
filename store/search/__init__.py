"""Search: the query language (`query`), its compilation into a plan any search engine can run (`plan`),
and the plan run on the corpus database's full-text index (`store.corpus_db`)."""
from .query import (SEPARATOR, UNCLOSED_QUOTE, WORD, Query, Term, find_hits, fold, indexed_words, parse_query,
                    quotation_matches, term_of)

__all__ = [
    "Query",
    "Term",
    "SEPARATOR",
    "UNCLOSED_QUOTE",
    "WORD",
    "find_hits",
    "fold",
    "indexed_words",
    "parse_query",
    "quotation_matches",
    "term_of",
]
