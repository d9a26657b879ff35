"""What `quotedesk search --format json` prints: `json.dumps(records, ensure_ascii=False, indent=2)` of one record
per matching article, made inert (`store.text.inert_json`), then a line end.

Each article's record, but its number of hits, is written once, when the article is stored (`json_record`, kept in
the `articles` table): a search only has SQLite join the stored records with their hits, into one string for the
whole output, and makes nothing per article in Python."""
from __future__ import annotations

from json.encoder import encode_basestring as _quoted  # json.dumps of a str, with ensure_ascii=False

from ..text import inert_json

FIELDS = ("path", "date", "source", "headline", "hits")
RECORD_END = "\n  }"  # after the number of hits
SEPARATOR = RECORD_END + ",\n"  # between two records, each up to its number of hits: one text fewer to join to each


def json_record(path: str, date: str | None, source: str | None, headline: str) -> str:
    """An article's record as the output holds it (in a list, indented), up to its number of hits."""
    return inert_json(f'  {{\n    "path": {_quoted(path)},\n    "date": {_nullable(date)},\n'
                      f'    "source": {_nullable(source)},\n    "headline": {_quoted(headline)},\n    "hits": ')


def _nullable(text: str | None) -> str:
    return "null" if text is None else _quoted(text)


def json_output(records: bytes | None) -> tuple[bytes, ...]:
    """The whole output around the records, each up to its number of hits and separated as above (UTF-8; None: no
    record), in pieces to be written one after the other: joining them would copy the records (20 MB at 100,000
    articles) twice."""
    return (b"[\n", records, (RECORD_END + "\n]\n").encode()) if records else (b"[]\n",)
