"""Saved web pages (`.html`, `.htm`): the article's main text, picked out of the page's navigation, ads,
banners, related links and comments by readability, and its metadata from the page's head."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .formats import date_from_name, new_article, valid_date
from .html_text import check_element_count, html_to_text
from ..model import Article
from ..text import NotText, clean, clean_inline, decode, web_address

if TYPE_CHECKING:
    from lxml.html import HtmlElement


# readability logs a traceback when a page defeats it; here that is a skip reason, not terminal output.
logging.getLogger("readability").addHandler(logging.NullHandler())
logging.getLogger("readability").propagate = False

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·:]{1,2}\s+")


def parse_webpage(path: str | Path, data: bytes) -> Article:
    """Parse a saved page. Raises `NotText` when it is binary, empty or has no readable text."""
    # Imported here: most corpora hold no web page, and the command line should not wait for lxml.
    import lxml.etree
    import lxml.html
    from readability import Document

    check_element_count(data)
    decoded, notice = decode(data)
    if not decoded.strip():
        raise NotText("empty file")
    # Bytes, so that lxml accepts a page that declares its own encoding.
    page = clean(decoded).encode("utf-8")
    try:
        tree = lxml.html.document_fromstring(page, parser=lxml.html.HTMLParser(encoding="utf-8"))
        meta = _metadata(tree)
        body = html_to_text(Document(tree).summary(html_partial=True))
    except (lxml.etree.LxmlError, ValueError) as exc:  # readability's Unparseable is a ValueError
        raise NotText(f"not a readable web page ({exc})") from None
    if not body:
        raise NotText("no article text found in this web page")
    title = meta["title"]
    if body.split("\n\n", 1)[0] == title:  # the headline repeated as the first paragraph
        body = body.partition("\n\n")[2] or body
    date = meta["date"] or date_from_name(os.path.basename(path))
    return new_article(path, body, headline=title, format="web", date=date, source=meta["source"], url=meta["url"],
                       notice=notice, author=meta["author"])


def _metadata(tree: HtmlElement) -> dict[str, str | None]:
    """Title, source, date and URL from `og:` and `article:` meta tags, `<title>`, `<h1>`, `<time>` and
    `<link rel=canonical>`, each only when present."""

    def meta(*names: str) -> str | None:
        for name in names:
            for element in tree.iterfind(".//meta"):
                if name in (element.get("property"), element.get("name"), element.get("itemprop")):
                    value = clean_inline(element.get("content") or "")
                    if value:
                        return value
        return None

    def text_of(tag: str) -> str:
        element = tree.find(f".//{tag}")
        return clean_inline(element.text_content()) if element is not None else ""

    source = meta("og:site_name")
    title = meta("og:title")
    if not title:
        title, site = _split_title(text_of("title"), text_of("h1"), source)
        source = source or site
    times = [element.get("datetime") for element in tree.iterfind(".//time") if element.get("datetime")]
    date = valid_date(meta("article:published_time", "datePublished", "date") or (times[0] if times else None))
    links = [link.get("href") for link in tree.iterfind(".//link") if (link.get("rel") or "").lower() == "canonical"]
    url = next(filter(None, (web_address(clean_inline(u)) for u in [*links, meta("og:url")] if u)), None)
    # A byline, never the address of an author's page that `article:author` often holds.
    author = next((name for name in (meta("author"), meta("article:author"), meta("byl"))
                   if name and web_address(name) is None), None)
    return {"title": title or None, "source": source, "date": date, "url": url, "author": author}


def _split_title(title: str, heading: str, source: str | None) -> tuple[str, str | None]:
    """`<title>` often reads "Headline | Site": the site is cut off when it is the known source, or when the
    page's `<h1>` is the part before it (then that part names the site)."""
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title, None
    head, tail = title[: separators[-1].start()], title[separators[-1].end():]
    if source and tail.casefold() == source.casefold():
        return head, None
    if heading and " ".join(heading.split()).casefold() == head.casefold():
        return head, tail
    return title, None

