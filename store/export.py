"""Highlights exported as Markdown, JSON or CSV, and written atomically.

Highlights come from the state file, which anyone could have edited: Markdown and CSV (read on a terminal, opened in
a spreadsheet) show every string through `store.text.printable`, and no CSV cell can start a formula. JSON keeps
every string exactly as stored."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields

from .files import write_atomically  # exports are written whole or not at all (re-exported)
from .model import Highlight
from .text import inert_json, printable

__all__ = ["EXPORT_FORMATS", "HIGHLIGHT_FIELDS", "citation", "clipboard_text", "csv_cell", "csv_text", "render",
           "to_csv", "to_json", "to_markdown", "write_atomically"]

EXPORT_FORMATS = ("markdown", "json", "csv")
HIGHLIGHT_FIELDS = [f.name for f in fields(Highlight)]


def citation(highlight: Highlight) -> str:
    """`Headline — Author, Source, date`: how the article of a highlight is cited (the parts that are known)."""
    where = ", ".join(part for part in (highlight.author, highlight.source, highlight.date) if part)
    return f"{highlight.title} — {where}" if where else highlight.title


def clipboard_text(text: str, speaker: str | None, title: str, source: str | None, date: str | None,
                   url: str | None = None, *, quotation: bool = True) -> str:
    """A quotation as `“text” — Speaker, Source, date, URL`; other words of an article, which nobody is quoted
    saying, as `text — Source, date, URL`. The parts that are known; the headline when none is."""
    where = ", ".join(part for part in (speaker if quotation else None, source, date, url) if part) or title
    return f"“{text}” — {where}" if quotation else f"{text} — {where}"


def to_markdown(highlights: list[Highlight]) -> str:
    """Grouped by article under a citation line; each highlight a block quote with speaker and note."""
    out = ["# Highlights", ""]
    by_article: dict[str, list[Highlight]] = {}
    for highlight in highlights:
        by_article.setdefault(highlight.article_id, []).append(highlight)
    for group in by_article.values():
        first = group[0]
        out += [f"## {printable(citation(first))}", ""]
        if first.url:
            out += [f"<{printable(first.url)}>", ""]
        out += [f"`{printable(first.path)}`", ""]
        for highlight in sorted(group, key=lambda h: h.start):
            out += [f"> {line}" if line else ">" for line in printable(highlight.text, lines=True).split("\n")]
            if highlight.speaker:
                out.append(f"> — {printable(highlight.speaker)}")
            if highlight.first_seen:
                out.append(f"> *(first seen: {printable(highlight.first_seen)})*")
            if highlight.detached:
                out.append("> *(detached: no longer found in the article)*")
            out.append("")
            if highlight.note:  # a note of several lines keeps them (a backslash ends a line in Markdown)
                out += ["\\\n".join(f"Note: {printable(highlight.note, lines=True)}".split("\n")), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(highlights: list[Highlight]) -> str:
    """Every field exactly as stored (what a terminal could act on written as JSON escapes: the same data)."""
    return inert_json(json.dumps([asdict(h) for h in highlights], ensure_ascii=False, indent=1)) + "\n"


def to_csv(highlights: list[Highlight]) -> str:
    return csv_text([asdict(h) for h in highlights], HIGHLIGHT_FIELDS)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value made safe for a spreadsheet cell: text shown through `printable` (line breaks kept), and prefixed
    with a single quote when it would start a formula, as OWASP advises. Numbers, booleans and None pass."""
    if not isinstance(value, str):
        return value
    text = printable(value, lines=True)
    return "'" + text if text.startswith(_FORMULA_STARTS) or value.startswith(_FORMULA_STARTS) else text


def csv_text(records: list[dict], fieldnames: list[str] | tuple[str, ...]) -> str:
    """Records as CSV with a header line; every cell through `csv_cell`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: csv_cell(value) for name, value in record.items()} for record in records)
    return buffer.getvalue()


def render(highlights: list[Highlight], fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(highlights)
    if fmt == "json":
        return to_json(highlights)
    if fmt == "csv":
        return to_csv(highlights)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
