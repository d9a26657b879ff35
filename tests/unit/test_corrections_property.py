"""Properties of corrections across edits of their article: kept when their text stays, detached (never lost) when it
goes."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store import Article, State, extract_quotations
from store.corrections import apply_corrections, speaker_correction

FILLER = ["the harbour board met on friday", "ticket prices rose again this spring", "a storm closed the road",
          "the school will reopen in autumn", "nobody expected the vote to be close", "fishing boats stayed in port"]
QUOTED = ["ferries", "islanders", "deserve", "better", "winter", "timetables", "cannot", "wait", "longer", "promises"]
PATH = "/news/ferry.txt"

paragraphs = st.lists(st.sampled_from(FILLER).map(lambda s: s[0].upper() + s[1:] + "."), max_size=4)
quoted_words = st.lists(st.sampled_from(QUOTED), min_size=4, max_size=9).map(" ".join)


def article_of(text: str) -> Article:
    return Article(id=hashlib.sha1(text.encode()).hexdigest()[:20], file=PATH, title="Ferry", text=text)


def text_of(before: list[str], quoted: str, after: list[str]) -> str:
    return "\n\n".join([*before, f"“{quoted.capitalize()},” said Mira Sand, who runs the island shop.", *after])


def corrected(state: State, article: Article) -> tuple[str, str]:
    """(the corrected quotation's text, its speaker): the article is changed before this state sees it."""
    [item] = apply_corrections(article.text, extract_quotations(article.text), [])
    correction = speaker_correction(article, item, "Petter Lund")
    state.save_correction(correction)
    return correction.text, correction.speaker


@settings(max_examples=40, deadline=2000)
@given(before=paragraphs, after=paragraphs, quoted=quoted_words, new_before=paragraphs, new_after=paragraphs)
def test_a_correction_survives_an_edit_that_keeps_the_quotations_text(before, after, quoted, new_before, new_after):
    state = State(None)
    original = article_of(text_of(before, quoted, after))
    text, speaker = corrected(state, original)
    edited = article_of(text_of(new_before, quoted, new_after))
    state.reanchor(edited, known_ids={edited.id})
    [correction] = state.corrections_of(edited, {edited.id})
    assert not correction.detached and correction.article_id == edited.id
    assert edited.text[correction.start:correction.end] == text
    listed = apply_corrections(edited.text, extract_quotations(edited.text), [correction])
    assert [(item.quotation.text, item.quotation.speaker) for item in listed] == [(text, speaker)]


@settings(max_examples=25, deadline=3000)
@given(before=paragraphs, quoted=quoted_words, replacement=st.sampled_from(FILLER))
def test_a_correction_whose_text_is_gone_is_detached_and_never_lost(before, quoted, replacement):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "state.json"
        state = State(db)
        original = article_of(text_of(before, quoted, []))
        text, speaker = corrected(state, original)
        edited = article_of(text_of(before, replacement, []))
        state.reanchor(edited, known_ids={edited.id})
        state.close()
        again = State(db)  # and after a restart
        [correction] = again.corrections_of(edited, {edited.id})
        assert correction.detached and (correction.text, correction.speaker) == (text, speaker)
        assert again.corrections() == [correction]
        listed = apply_corrections(edited.text, extract_quotations(edited.text), [correction])
        assert all(not item.corrected for item in listed)
        again.close()
