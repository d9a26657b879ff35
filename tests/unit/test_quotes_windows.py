"""The readings of a window of text (the tag after a quote, the words before one) are kept and reused; what lies
outside the window still decides, whichever article read the same window first."""
from __future__ import annotations

from store.quotes.engine import extract_quotations

_MEETING = "Anna Berg chaired the harbour meeting."
_QUESTION = "\u201cIs the bridge ready for the winter?\u201d Berg said,"


def test_the_same_tag_introduces_the_next_quote_only_when_one_follows():
    introducing = "\n\n".join([_MEETING, _QUESTION, "\u201cNot yet, and not this year.\u201d"])
    closing = "\n\n".join([_MEETING, _QUESTION, "The mayor left early."])
    for first, second in ((introducing, closing), (closing, introducing)):
        for text in (first, second):
            question = extract_quotations(text)[0]
            assert question.speaker == "Anna Berg"
            if text is introducing:  # the tag belongs to the answer: the question's speaker is the sentence's
                assert question.cue_start is None and question.resolution == "name"
            else:
                assert text[question.cue_start:question.cue_end] == "said"
                assert question.resolution == "partial_name"


def test_the_same_tag_after_a_quote_is_placed_where_each_article_has_it():
    short = "\n\n".join([_MEETING, _QUESTION + " and left."])
    longer = "\n\n".join([_MEETING, "The council met again on Friday.", _QUESTION + " and left."])
    for text in (short, longer, short):
        [question] = extract_quotations(text)
        assert text[question.mention_start:question.mention_end] == "Berg"
        assert text[question.cue_start:question.cue_end] == "said"
