"""Properties: reading an article file from its bytes (cleaning them as they stand, hashing the file's own bytes
for the identity, finding the lead's first sentence) gives exactly what reading it from its decoded text gave:
the references below are the reader as it was."""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from store.quotes.name_words import ABBREVIATED_TITLES, NAME_SUFFIXES
from store.sources import formats
from store.sources.formats import _SENTENCE_END, NotText, parse_article
from store.text import _ESCAPE_SEQUENCE, _LATIN_JOINER, _UNSAFE, clean


def reference_clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _LATIN_JOINER.sub("", _UNSAFE.sub("", text))
    return re.sub(r"[ \t]+\n", "\n", unicodedata.normalize("NFC", text))


_NO_END_AFTER = ABBREVIATED_TITLES + NAME_SUFFIXES + ("St", "Mt", "vs")
REFERENCE_SENTENCE_END = re.compile(r"(?<![A-Z])" + "".join(
    r"(?<!\b(?:%s))" % "|".join(word for word in _NO_END_AFTER if len(word) == size)
    for size in sorted({len(word) for word in _NO_END_AFTER})) + r"[.!?][\"”’']?(?=\s+[\"“‘'A-Z0-9])")

# What cleaning changes or keeps: composing marks and letters (Latin, Hangul jamo, Tamil and Malayalam vowel signs,
# which compose with the letter before them), characters NFC replaces (Å sign, the en quad, Greek question mark),
# controls, escape sequences, invisible characters and joiners, line breaks of every kind, spaces before them.
_PIECES = st.sampled_from([
    "a", "e", "A", "é", "\u0301", "\u0327", "\u0308", "\u1100", "\u1161", "\u11a8", "\uac00", "\u0bc6", "\u0bbe",
    "\u0d46", "\u0d3e", "\u212b", "\u2000", "\u037e", "\u0344", "\u0f73", "ß", "ж", "“", "”", "’", "—", "\u00a0",
    " ", "\t", "\n", "\n\n", " \n", "\t\n", "\r\n", "\r", "\u2028", "\u2029", "\x1b[31m", "\x1b]0;t\x07", "\x9b1m",
    "\x00", "\x07", "\x7f", "\x85", "\u00ad", "\u200b", "\u200c", "\u200d", "\u202e", "\ufeff", "\U0001f600",
    "Dr.", "U.S.", "Mr", ". ", "! ", "? ", ".” ", "said. The", " 3", "'", "\"",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=800, deadline=2000)
@given(_TEXT)
def test_a_text_is_cleaned_as_it_was_whether_or_not_its_bytes_are_given(text):
    expected = reference_clean(text)
    assert clean(text) == expected
    assert clean(text, text.encode("utf-8", "surrogatepass")) == expected


def test_no_character_outside_ascii_composes_with_an_ascii_one_unless_it_is_a_combining_mark():
    # what lets `clean` leave a text uncomposed when its characters outside ASCII, side by side, are composed
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = [chr(int(part, 16)) for part in decomposition.split()]
        if len(parts) == 2:
            first, second = parts
            assert not second.isascii()
            assert not first.isascii() or unicodedata.combining(second), hex(code)


@settings(max_examples=800, deadline=2000)
@given(_TEXT)
def test_a_lead_sentence_ends_where_it_did(text):
    assert ([match.span() for match in _SENTENCE_END.finditer(text)]
            == [match.span() for match in REFERENCE_SENTENCE_END.finditer(text)])


def read_from_text(path: Path, data: bytes):
    """The article as the reader made it from the decoded text alone: cleaned by the reference, its identity
    hashed from the text."""
    original = formats.new_article

    def from_text(*args, identity_utf8=None, **fields):
        return original(*args, **fields)

    with mock.patch.object(formats, "clean", lambda text, utf8=None: reference_clean(text)), \
            mock.patch.object(formats, "new_article", from_text):
        return read(path, data)


def read(path: Path, data: bytes):
    try:
        return parse_article(path, data)
    except NotText as exc:
        return str(exc)


_HEADERS = st.sampled_from(["date 2024-05-01 By Harbour Wire\n", "date 2024-05-01 By Ørsted Tidende\n",
                            "Harbour news\n", "\n\nHarbour news\r\n", "  \n", "", "---\ntitle: A\n---\n"])
_PARAGRAPHS = st.lists(st.tuples(_TEXT, st.sampled_from(["\n\n", "\n", "\n\n\n", " \n\n"])), max_size=8).map(
    lambda parts: "".join("".join(part) for part in parts))


@settings(max_examples=600, deadline=2000)
@given(_HEADERS, st.one_of(_TEXT, _PARAGRAPHS), st.sampled_from(["", "\ufeff"]),
       st.sampled_from(["2024-05-02_a.txt", "b.md"]), st.booleans())
def test_an_article_read_from_its_bytes_is_the_one_read_from_its_text(header, body, mark, name, latin):
    text = mark + header + body
    data = text.encode("cp1252", "ignore") + b"\xe9" if latin else text.encode("utf-8", "surrogatepass")
    path = Path(name)
    assert read(path, data) == read_from_text(path, data)
