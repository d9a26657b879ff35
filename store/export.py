"""Highlights exported as Markdown, JSON or CSV, and written atomically."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import asdict, fields
from pathlib import Path

from .model import Highlight

EXPORT_FORMATS = ("markdown", "json", "csv")
HIGHLIGHT_FIELDS = [f.name for f in fields(Highlight)]


def citation(highlight: Highlight) -> str:
    """`Headline — Source, date`: how a quotation is cited."""
    where = ", ".join(part for part in (highlight.source, highlight.date) if part)
    return f"{highlight.title} — {where}" if where else highlight.title


def clipboard_text(text: str, speaker: str | None, title: str, source: str | None, date: str | None) -> str:
    """`“text” — Speaker, Source, date` (the parts that are known)."""
    who = ", ".join(part for part in (speaker, source, date) if part) or title
    return f"“{text}” — {who}"


def to_markdown(highlights: list[Highlight]) -> str:
    """Grouped by article under a citation line; each highlight a block quote with speaker and note."""
    out = ["# Highlights", ""]
    by_article: dict[str, list[Highlight]] = {}
    for highlight in highlights:
        by_article.setdefault(highlight.article_id, []).append(highlight)
    for group in by_article.values():
        first = group[0]
        out += [f"## {_one_line(citation(first))}", "", f"`{first.path}`", ""]
        for highlight in sorted(group, key=lambda h: h.start):
            out += [f"> {line}" if line else ">" for line in highlight.text.split("\n")]
            if highlight.speaker:
                out.append(f"> — {_one_line(highlight.speaker)}")
            if highlight.detached:
                out.append("> *(detached: no longer found in the article)*")
            out.append("")
            if highlight.note:
                out += [f"Note: {highlight.note}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(highlights: list[Highlight]) -> str:
    return json.dumps([asdict(h) for h in highlights], ensure_ascii=False, indent=1) + "\n"


def to_csv(highlights: list[Highlight]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HIGHLIGHT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(h) for h in highlights)
    return buffer.getvalue()


def render(highlights: list[Highlight], fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(highlights)
    if fmt == "json":
        return to_json(highlights)
    if fmt == "csv":
        return to_csv(highlights)
    raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that an existing file is replaced whole or not at all."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _one_line(text: str) -> str:
    return " ".join(text.split())
