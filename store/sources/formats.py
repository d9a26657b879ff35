"""Article file formats: parse the bytes of one file into an `Article`.

Three layouts are read:
- wire: a header line `date YYYY-MM-DD By SOURCE`, a blank line, paragraphs; no title (the headline
  is derived from the lead);
- markdown (`.md`, `.markdown`): an optional front matter block (`title`, `date`, `source`, `url`, `author`);
- plain text: the first line is the title, paragraphs after it.

Web pages and feeds have modules of their own (`webpage`, `feeds`); they share the helpers here.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from pathlib import Path

from ..model import Article
from ..quotes.name_words import ABBREVIATED_TITLES, NAME_SUFFIXES
from ..text import NotText, clean, clean_inline, decode, iso_date, web_address
from .article_files import MARKDOWN_SUFFIXES, file_stem, file_suffix

__all__ = [
    "parse_article", "headline_from_lead", "article_id", "join_paragraphs", "plain_paragraphs", "valid_date",
    "date_from_name", "NotText", "MARKDOWN_SUFFIXES", "new_article",
]

HEADLINE_WIDTH = 90

_WIRE_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+By[ \t]+(.+?)[ \t]*$", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# A line break that is not one of the two of a blank line between paragraphs (a lone one, a third one), or two
# with a space after or before them. Starting with a line break, it is looked for only where one is.
_IRREGULAR_BREAK = re.compile(r"\n(?:\n(?:\s|(?<=\s\n\n))|(?<!\n\n)(?!\n))")
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# A sentence ends at . ! or ? (maybe followed by a closing quote) before a space and a capital or an
# opening quote; initials and common abbreviations ("U.S.", "Dr.") do not end one.
_NO_END_AFTER = ABBREVIATED_TITLES + NAME_SUFFIXES + ("St", "Mt", "vs")
# The standard `re` looks behind a fixed width only: one look-behind for each length of abbreviation. The pattern
# starts with the mark itself, and looks behind it: a pattern led by a set of characters is looked for by a quick
# scan, where look-behinds first would be tried at every character of the lead.
_SENTENCE_END = re.compile(r"[.!?](?<![A-Z][.!?])" + "".join(
    r"(?<!\b(?:%s)[.!?])" % "|".join(word for word in _NO_END_AFTER if len(word) == size)
    for size in sorted({len(word) for word in _NO_END_AFTER})) + r"[\"”’']?(?=\s+[\"“‘'A-Z0-9])")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
# a line that ends a sentence: . ! ? : or … maybe followed by closing quotes or brackets
_LINE_ENDS_SENTENCE = re.compile(r"[.!?:\u2026][\"”’')\]]*$")
_MD_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# inline Markdown and what stays of it, taken away in this order: a link leaves its words, code its text,
# emphasis the words it marks
_MD_INLINE = ((re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"), (re.compile(r"`([^`\n]+)`"), r"\1"),
              (re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1"), r"\2"))


def parse_article(path: str | Path, data: bytes) -> Article:
    """Parse one file. Raises `NotText` for binary, undecodable or empty files."""
    path = os.fspath(path)
    decoded, notice = decode(data)
    # The text's UTF-8, while the text is the file's (decoded as UTF-8, nothing taken away): its bytes are cleaned
    # and hashed as they are rather than encoded again.
    utf8 = None if notice else data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    raw = clean(decoded, utf8)
    if raw is not decoded:
        utf8 = None
    if not raw.strip():
        raise NotText("empty file")
    identity_utf8 = None
    if file_suffix(path) in MARKDOWN_SUFFIXES:
        fields, body = _parse_markdown(raw)
        identity = body
        fmt = "markdown"
    else:
        first, _, rest = raw.lstrip("\n").partition("\n")
        header = _WIRE_HEADER.match(first)
        if header:
            fields = {"date": header.group(1), "source": clean_inline(header.group(2))}
            fmt = "wire"
        else:
            fields = {"title": clean_inline(first)}
            fmt = "plain"
        # how lines make paragraphs never changes an article's identity: it is made of the text as
        # `join_paragraphs` reads it
        text = rest.strip("\n")
        if _one_line_each(text):  # most files: their text as it stands (and its bytes, the file's) is the body
            body = identity = text
            if utf8 is not None:
                identity_utf8 = utf8.lstrip(b"\n").partition(b"\n")[2].strip(b"\n")
        else:
            body, identity = _paragraphs_from_blocks(text)
    url = web_address(fields.get("url"))  # a browser is only ever handed an http(s) address
    return new_article(path, body, headline=fields.get("title"), format=fmt, identity_text=identity,
                       identity_utf8=identity_utf8,
                       date=valid_date(fields.get("date")) or date_from_name(os.path.basename(path)),
                       source=fields.get("source") or None, url=url, url_refused=bool(fields.get("url")) and not url,
                       notice=notice, author=fields.get("author") or fields.get("byline") or None)


def new_article(path: str | Path, body: str, *, headline: str | None, format: str, date: str | None,
                source: str | None, url: str | None, identity_text: str | None = None,
                identity_utf8: bytes | None = None, **optional: str | bool | None) -> Article:
    """The `Article` a parser found, the same way for every format. `headline` is the file's own (None: the lead's
    first sentence, else the file name); `identity_text` is the text the id is made of when it is not `body`
    (how a plain file's lines make paragraphs must not change its identity), `identity_utf8` its UTF-8 when the
    parser has it. `optional`: notice, entry, author, url_refused."""
    sentence = "" if headline else _lead_sentence(body)  # found once for both headlines
    path = os.fspath(path)
    title = headline or _cut_headline(sentence, HEADLINE_WIDTH) or clean_inline(file_stem(path))
    whole = headline or _cut_headline(sentence, None) or title
    if identity_text is None:
        identity_text, identity_title = body, title
    elif headline or identity_text == body:  # most files: their lines are their paragraphs
        identity_title = title
    else:
        identity_title = _cut_headline(_lead_sentence(identity_text), HEADLINE_WIDTH) or clean_inline(file_stem(path))
    identity = identity_text if identity_utf8 is None else identity_utf8
    return Article(id=article_id(identity_title, date, source, identity), file=path, title=title, text=body,
                   date=date, source=source, url=url, format=format, full_title=whole if whole != title else None,
                   **optional)


def article_id(title: str, date: str | None, source: str | None, text: str | bytes) -> str:
    """A stable identity from the normalised content, so state survives renames and moves. `text` may be given as
    its UTF-8."""
    # Each part and a NUL after it, hashed as one: a call of `update` each costs more than joining them.
    body = text if isinstance(text, bytes) else text.encode("utf-8")
    head = f"{title}\x00{date or ''}\x00{source or ''}\x00".encode("utf-8")
    return hashlib.blake2b(b"".join((head, body, b"\x00")), digest_size=10).hexdigest()


def headline_from_lead(body: str, width: int | None = HEADLINE_WIDTH) -> str:
    """The lead's first sentence, cut at a word boundary near `width` characters (None: whole)."""
    return _cut_headline(_lead_sentence(body), width)


def _lead_sentence(body: str) -> str:
    """The first sentence of the lead, whole ("" when there is no lead)."""
    end = body.find("\n\n")
    lead = (body if end < 0 else body[:end]).replace("\n", " ").strip()
    if not lead:
        return ""
    end = _SENTENCE_END.search(lead)
    return lead[: end.start() + 1] if end else lead


def _cut_headline(sentence: str, width: int | None) -> str:
    """`headline_from_lead` of the lead whose first sentence is `sentence`."""
    if not sentence:
        return ""
    if width is None or len(sentence) <= width:
        return sentence.rstrip(".")
    cut = sentence.rfind(" ", 0, width)
    if cut < width // 2:  # one enormous word: cut it rather than leave a stub
        cut = width
    return sentence[:cut].rstrip(" ,;:—-") + "…"


def join_paragraphs(text: str, keep_lines: bool = False) -> str:
    """Paragraphs are separated by blank lines; lines inside one are joined (hard wraps), except
    markdown list items and headings, which keep their own lines."""
    text = text.strip("\n")
    if _one_line_each(text):
        return text
    return "\n\n".join(_joined(block, keep_lines) if "\n" in block else block for block in _blocks(text))


def plain_paragraphs(text: str) -> str:
    """Paragraphs of a plain-text article. Blank lines separate them, and so does the end of a line that ends
    a sentence or is a heading (many articles put one paragraph per line, with no blank line between); any
    other line break is a hard wrap inside a paragraph."""
    return _paragraphs_both_ways(text)[0]


def _paragraphs_both_ways(text: str) -> tuple[str, str]:
    """`plain_paragraphs(text)` and `join_paragraphs(text)`, from one reading of the text."""
    text = text.strip("\n")
    if _one_line_each(text):
        return text, text
    return _paragraphs_from_blocks(text)


def _paragraphs_from_blocks(text: str) -> tuple[str, str]:
    """`_paragraphs_both_ways` of a text (no line break at its ends) that is not one line a paragraph."""
    plain: list[str] = []
    joined: list[str] = []
    for block in _blocks(text):
        if "\n" in block:
            plain += _plain_lines(block)
            joined.append(_joined(block))
        else:
            plain.append(block)
            joined.append(block)
    return "\n\n".join(plain), "\n\n".join(joined)


def _one_line_each(text: str) -> bool:
    """Is `text` (no line break at its ends) paragraphs of one line each, one blank line between them and no
    space around them? Then it is its own paragraphs, read either way: most articles are, and a megabyte is
    checked in about 2 ms, where splitting it takes 10."""
    return not (text[:1].isspace() or text[-1:].isspace() or _IRREGULAR_BREAK.search(text))


def _blocks(text: str) -> list[str]:
    """The blocks of `text` between blank lines, stripped, the empty ones left out."""
    return list(filter(None, map(str.strip, _BLANK_LINES.split(text))))


def _lines(block: str) -> list[str]:
    """The lines of a block, stripped, the empty ones left out."""
    return list(filter(None, map(str.strip, block.split("\n"))))


def _joined(block: str, keep_lines: bool = False) -> str:
    """A block of lines as one paragraph; with `keep_lines`, markdown list items and headings on lines of their
    own."""
    lines = _lines(block)
    if not keep_lines:
        return " ".join(lines)
    merged: list[str] = []
    for line in lines:
        if merged and not _MD_LIST_ITEM.match(line) and not _MD_HEADING.match(line):
            merged[-1] += " " + line
        else:
            merged.append(line)
    return "\n".join(merged)


def _plain_lines(block: str) -> list[str]:
    """The paragraphs of a block of lines: a line that ends a sentence or is a heading ends one."""
    lines = _lines(block)
    paragraphs = []
    current: list[str] = []
    for number, line in enumerate(lines):
        current.append(line)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following and (_LINE_ENDS_SENTENCE.search(line) or _is_heading(line, following)):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _is_heading(line: str, following: str) -> bool:
    """A line that is no sentence: short or title-cased, without a full stop, before a capitalised line."""
    if not following[:1].isupper() and following[:1] not in "\"“‘'(":
        return False
    words = line.split()
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 8 or capitalised >= 0.8 * len(words)


def _parse_markdown(raw: str) -> tuple[dict[str, str], str]:
    fields: dict[str, str] = {}
    text = raw.lstrip("\n")
    if text.startswith("---\n"):
        front, sep, rest = text[4:].partition("\n---")
        if sep:
            for line in front.split("\n"):
                key, colon, value = line.partition(":")
                if colon and key.strip():
                    fields[key.strip().lower()] = clean_inline(value.strip().strip("'\""))
            text = rest.partition("\n")[2]
    body = join_paragraphs(text, keep_lines=True)
    plain_paragraphs = []
    for paragraph in body.split("\n\n"):
        if not fields.get("title") and _MD_HEADING.match(paragraph) and "\n" not in paragraph:
            # A leading `# Title` stands in for a missing front matter title.
            fields["title"] = clean_inline(_strip_inline_markdown(_MD_HEADING.sub("", paragraph)))
            continue
        lines = [_strip_inline_markdown(_MD_HEADING.sub("", line)) for line in paragraph.split("\n")]
        plain_paragraphs.append("\n".join(lines))
    return fields, "\n\n".join(p for p in plain_paragraphs if p.strip())


def _strip_inline_markdown(line: str) -> str:
    for pattern, kept in _MD_INLINE:
        line = pattern.sub(kept, line)
    return line


# A corpus's articles share a few thousand days (a corpus of ten years, 3,650): each is checked once, where with room
# for a thousand, most articles of one in no order of dates had theirs checked again.
@functools.lru_cache(maxsize=8192)
def valid_date(value: str | None) -> str | None:
    """The day an article's date field starts with ("2024-05-01T10:00" -> "2024-05-01") if that day exists."""
    if not value:
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    return iso_date(*(int(g) for g in match.groups()))


def date_from_name(name: str) -> str | None:
    match = _DATE_IN_NAME.search(name)
    return valid_date(match.group(0)) if match else None
