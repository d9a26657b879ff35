"""HTML to plain paragraphs, for web pages and the HTML that feed entries carry.

The standard library's tolerant parser is enough here: the markup is either a feed's short HTML or a page's
main content already picked out by readability. What comes out has been through `clean`: paragraphs separated
by a blank line, whitespace runs collapsed, no markup.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import islice

from ..text import NotText, clean

# Parsing costs time and memory per element, not per byte: 16 MB of tiny tags took 48 s and 1.9 GB. A long news page
# has a few thousand elements; this many take a few seconds at most.
MAX_HTML_ELEMENTS = 40_000
# A start tag, raw or escaped as feeds carry it ("&lt;p&gt;", "&#60;p").
_START_TAG = re.compile(rb"<[A-Za-z]|&(?:lt|#0*60|#x0*3c);[A-Za-z]", re.IGNORECASE)

# Elements that end one paragraph and start another.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
}
# Elements whose content is never text to read.
_HIDDEN = {"button", "head", "iframe", "noscript", "object", "script", "select", "style", "svg", "template",
           "textarea", "title"}
# Elements that have no end tag: they must not be counted as open.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr"}
# A paragraph that is nothing but one of these labels is page furniture, not article text.
_LABELS = re.compile(r"(?i)(?:advertisement|advertising|advert|sponsored(?: content)?|anzeige|read more)\W*")
_SPACE = re.compile(r"\s+")


def check_element_count(data: bytes) -> None:
    """Raise `NotText` when the markup in `data` holds more elements than `MAX_HTML_ELEMENTS`: checked on the raw
    bytes, before any parser spends time on them."""
    counted = sum(1 for _ in islice(_START_TAG.finditer(data), MAX_HTML_ELEMENTS + 1))  # stop past the limit
    if counted > MAX_HTML_ELEMENTS:
        raise NotText(f"too many HTML elements for an article (more than {MAX_HTML_ELEMENTS:,})")


def html_to_text(html: str) -> str:
    """The paragraphs of an HTML fragment or page, joined by blank lines; "" when there are none. Paragraphs
    that are mostly link text ("Read more: …", a linked ad) are dropped."""
    parser = _Paragraphs()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser's rare give-ups on broken markup: keep what was read
        pass
    parser.end_paragraph()
    return "\n\n".join(parser.paragraphs)


def html_to_line(html: str) -> str:
    """One line of text from an HTML snippet (a title): tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html_to_text(html).split())


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._hidden = 0  # depth inside hidden elements
        self._links = 0  # depth inside <a>
        self._breaks = 0  # consecutive <br>: two of them end a paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._breaks += 1
            if self._breaks >= 2:
                self.end_paragraph()
            else:
                self._parts.append(" ")
            return
        elif tag in _BLOCKS:
            self.end_paragraph()
        elif tag == "a":
            self._links += 1
        self._breaks = 0

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:  # <script/> opens nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.end_paragraph()
        elif tag == "a":
            self._links = max(0, self._links - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if data.strip():
            self._breaks = 0
        self._parts.append(data)
        if self._links:
            self._link_chars += len(data.strip())

    def end_paragraph(self) -> None:
        text = _SPACE.sub(" ", clean("".join(self._parts))).strip()
        link_chars, self._parts, self._link_chars, self._breaks = self._link_chars, [], 0, 0
        if not text or _LABELS.fullmatch(text):
            return
        if link_chars > len(text) / 2:
            return
        self.paragraphs.append(text)
