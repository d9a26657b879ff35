"""Properties: no text whatsoever makes the engine raise; every reported slice equals its text; the evidence
of a quotation (its cue and the words naming its speaker) lies inside the article and outside the quotation."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.quotes.evidence import explain
from store.quotes.engine import extract_quotations

# text rich in the characters and words the engine reacts to, mixed with arbitrary ones
_PIECES = st.sampled_from(['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb", "'", "''",
                           " ", "\n", "\n\n", ",", ".", ":", " said ", " Lena Varga", " he ", " she ", " the MP",
                           "\u2015 ", "(", ")", "Dr. ", " according to ", "KAY: ", "BERG: ", " Mr. Kay",
                           " Anna Kay", " a spokesman for the ministry", " told reporters", " who ", " Jones' ",
                           " 'n' ", " the '90s", " R-Ky., ", " Acme Ltd. ", " his wife, Ilse \u201cThe Hammer\u201d Koenig,"])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=80).map("".join)
_RESOLUTIONS = {"name", "partial_name", "pronoun", "role", "continuation", "none"}


@settings(max_examples=400, deadline=2000)
@given(_TEXT)
def test_never_raises_and_slices_match(text):
    for quote in extract_quotations(text):
        assert text[quote.start:quote.end] == quote.text
        assert 0 <= quote.paragraph <= text.count("\n\n")


@settings(max_examples=400, deadline=2000)
@given(_TEXT)
def test_evidence_lies_in_the_text_and_never_on_the_quotation(text):
    for quote in extract_quotations(text):
        assert quote.resolution in _RESOLUTIONS
        assert quote.confidence in ("high", "medium", "low")
        for start, end in ((quote.cue_start, quote.cue_end), (quote.mention_start, quote.mention_end)):
            assert (start is None) == (end is None)
            if start is None:
                continue
            assert 0 <= start < end <= len(text)
            assert end <= quote.start or start >= quote.end, (start, end, quote)
        assert explain(quote, text)
