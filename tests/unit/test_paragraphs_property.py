"""Properties: reading a text's paragraphs in one pass, with its shortcut for one-line paragraphs, gives exactly
what reading it block by block and line by line gives (the reference below, the parser as it was), for any text:
the article's text, its identity, and so every offset into it (quotations, highlights) stay the same."""
from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from store.model import Article
from store.sources import formats
from store.sources.formats import (
    _LINE_ENDS_SENTENCE, _MD_HEADING, _MD_LIST_ITEM, NotText, _is_heading, _paragraphs_both_ways, join_paragraphs,
    parse_article, plain_paragraphs,
)

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def reference_join(text: str, keep_lines: bool = False) -> str:
    paragraphs = []
    for block in _BLANK_LINES.split(text.strip("\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if keep_lines:
            merged: list[str] = []
            for line in lines:
                if merged and not _MD_LIST_ITEM.match(line) and not _MD_HEADING.match(line):
                    merged[-1] += " " + line
                else:
                    merged.append(line)
            paragraphs.append("\n".join(merged))
        else:
            paragraphs.append(" ".join(lines))
    return "\n\n".join(paragraphs)


def reference_plain(text: str) -> str:
    paragraphs = []
    for block in _BLANK_LINES.split(text.strip("\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        current: list[str] = []
        for number, line in enumerate(lines):
            current.append(line)
            following = lines[number + 1] if number + 1 < len(lines) else ""
            if following and (_LINE_ENDS_SENTENCE.search(line) or _is_heading(line, following)):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


# Whitespace of every kind around and between lines (what `str.strip` and `\s` take: no-break and other
# Unicode spaces, \r, \x1c), blank lines of every shape, and the words that end sentences and make headings.
_BREAKS = st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n", " \n\n", "\n\n ", "\n\n\u00a0", "\u00a0\n\n",
                           "\r\n", "\n\x1c\n", "\u2003", " ", "\t", "\n \n\n", "\n\n\n\n"])
_WORDS = st.sampled_from(["The vote is on Friday.", "Harbour Board Approves Pier", "“We are ready,” she said.",
                          "and the ferry", "- item", "# Heading", "1) first", "Advertisement", "x", "(", "Dr.",
                          "…", "said:", "It’s late", "A", "b"])
_TEXT = st.lists(st.one_of(_WORDS, _BREAKS, st.text(max_size=6)), max_size=40).map("".join)
# one-line paragraphs with a blank line between (the shortcut), now and then broken by another whitespace
_PARAGRAPHS = st.lists(st.tuples(st.sampled_from(["", "", "", " ", "\u00a0", "\n"]), _WORDS,
                                 st.sampled_from(["", "", "", " ", "\t", "\u2003"]), _BREAKS), max_size=30).map(
    lambda parts: "".join("".join(part) for part in parts))


@settings(max_examples=600, deadline=2000)
@given(st.one_of(_TEXT, _PARAGRAPHS))
def test_paragraphs_read_in_one_pass_are_those_read_block_by_block(text):
    plain, joined = reference_plain(text), reference_join(text)
    assert _paragraphs_both_ways(text) == (plain, joined)
    assert plain_paragraphs(text) == plain
    assert join_paragraphs(text) == joined
    assert join_paragraphs(text, keep_lines=True) == reference_join(text, keep_lines=True)


def parsed(raw: str) -> Article | str:
    try:
        return parse_article(Path("2024-05-02_a.txt"), raw.encode())
    except NotText as exc:
        return str(exc)


@settings(max_examples=300, deadline=2000)
@given(st.sampled_from(["date 2024-05-01 By Harbour Wire\n", "Harbour news\n", "  \n", ""]),
       st.one_of(_TEXT, _PARAGRAPHS))
def test_an_article_parsed_in_one_pass_is_the_one_parsed_block_by_block(header, body):
    raw = header + body
    with mock.patch.object(formats, "_paragraphs_both_ways", lambda text: (reference_plain(text),
                                                                             reference_join(text))):
        expected = parsed(raw)
    assert parsed(raw) == expected


def test_a_megabyte_of_one_line_paragraphs_is_read_the_same_both_ways():
    paragraphs = [f"Paragraph {n}: the council met on Monday, and “the ferry runs,” Anna Berg said." for n in
                  range(12_000)]
    text = "\n" + "\n\n".join(paragraphs) + "\n"
    assert _paragraphs_both_ways(text) == (reference_plain(text), reference_join(text))
    # one paragraph spaced otherwise takes the long way, to the same end
    spaced = text.replace("Paragraph 700:", " Paragraph 700:\n")
    assert _paragraphs_both_ways(spaced) == (reference_plain(spaced), reference_join(spaced))
