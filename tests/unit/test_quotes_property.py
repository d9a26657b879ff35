"""Property: no text whatsoever makes the engine raise, and every reported slice equals its text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.quotes import extract_quotations

# text rich in the characters the engine reacts to, mixed with arbitrary ones
_PIECES = st.sampled_from(['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb", "'",
                           " ", "\n", "\n\n", ",", ".", ":", " said ", " Lena Varga", " he ", " the MP",
                           "\u2015 ", "(", ")", "Dr. ", " according to "])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_never_raises_and_slices_match(text):
    for quote in extract_quotations(text):
        assert text[quote.start:quote.end] == quote.text
        assert 0 <= quote.paragraph <= text.count("\n\n")
        assert quote.kind == "direct"
