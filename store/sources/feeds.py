"""RSS and Atom feeds: one file, many articles.

Each entry becomes an `Article` whose `path` is the feed file and whose `entry` locates it in that file: the
entry's id (RSS `guid`, Atom `id`), else its link, else `#N` (its position, from 0). A locator is unique within
its file, so `load_article(path, entry)` finds the same entry again, even after the feed gained new entries.
"""
from __future__ import annotations

import email.utils
import io
import time
from pathlib import Path

from .formats import join_paragraphs, new_article, valid_date
from .html_text import check_element_count, html_to_line, html_to_text
from ..model import Article, FileRead
from ..text import NotText, clean, clean_inline, web_address

_HTML_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}


def parse_feed(path: str | Path, data: bytes) -> FileRead:
    """Read every entry of a feed. Raises `NotText` when the bytes are not an RSS or Atom feed or the feed
    has no entries; an entry that cannot be read is a problem, not an error."""
    import feedparser  # imported here: most corpora hold no feed, and it takes a while to import

    if not data.strip():
        raise NotText("empty file")
    check_element_count(data)
    # A stream, never a string: feedparser would fetch a string that looks like a URL or names a file.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise NotText("not an RSS or Atom feed" + (f" ({clean_inline(str(reason))})" if reason else ""))
    if not parsed.entries:
        raise NotText("a feed with no entries")
    source = _text_field(parsed.feed, "title") or None
    read = FileRead()
    for number, (entry, locator) in enumerate(zip(parsed.entries, _locators(parsed.entries))):
        try:
            read.articles.append(_entry_article(path, entry, locator, source))
        except NotText as exc:
            title = _text_field(entry, "title")
            read.problems.append(f"entry {number + 1}" + (f" ({title[:60]})" if title else "") + f": {exc}")
    return read


def _locators(entries: list) -> list[str]:
    locators: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries):
        locator = clean_inline(str(entry.get("id") or entry.get("link") or ""))
        if not locator or locator.startswith("#") or locator in seen:  # "#N" is kept for positions
            locator = f"#{number}"
        seen.add(locator)
        locators.append(locator)
    return locators


def _entry_article(path: str | Path, entry: dict, locator: str, source: str | None) -> Article:
    body = _body(entry)
    if not body:
        raise NotText("no text")
    link = clean_inline(str(entry.get("link") or ""))
    url = web_address(link)
    return new_article(path, body, headline=_text_field(entry, "title") or None, format="feed", date=_date(entry),
                       source=source, url=url, url_refused=bool(link) and not url, entry=locator,
                       author=_text_field(entry, "author") or None)


def _body(entry: dict) -> str:
    """The fullest text the entry carries: its content, else its summary (often an excerpt of the content)."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    best = ""
    for detail in candidates:
        value = str(detail.get("value") or "")
        if detail.get("type", "text/html") in _HTML_TYPES:
            text = html_to_text(value)
        else:
            text = join_paragraphs(clean(value))
        if len(text) > len(best):
            best = text
    return best


def _text_field(container: dict, name: str) -> str:
    value = str(container.get(name) or "")
    detail = container.get(f"{name}_detail") or {}
    return html_to_line(value) if detail.get("type") in _HTML_TYPES else clean_inline(value)


def _date(entry: dict) -> str | None:
    """The publication day as the publisher wrote it (an RFC 822 or ISO date in its own time zone), else
    feedparser's reading of it (in UTC)."""
    for name in ("published", "updated"):
        raw = str(entry.get(name) or "")
        date = valid_date(raw)
        if date:
            return date
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None
