"""The evidence of each quotation: its cue, the words naming its speaker, how they were resolved, how sure the
engine is, and the one line that tells it (the reader's `w`)."""
from __future__ import annotations

from store.quotes.evidence import explain
from store.quotes.engine import extract_quotations


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def evidence(text: str, index: int = 0):
    quote = extract_quotations(text)[index]
    cue = text[quote.cue_start:quote.cue_end] if quote.cue_start is not None else None
    mention = text[quote.mention_start:quote.mention_end] if quote.mention_start is not None else None
    return quote, cue, mention


def test_a_name_at_the_cue_is_high_confidence():
    text = "“The dam will hold,” Tomas Brandt said."
    quote, cue, mention = evidence(text)
    assert (cue, mention, quote.resolution, quote.confidence) == ("said", "Tomas Brandt", "name", "high")
    assert explain(quote, text) == "Tomas Brandt (named at the cue “said”)"


def test_a_surname_completed_from_the_article_is_a_partial_name():
    text = article("Tomas Brandt runs the dam.", "“It will hold,” Brandt said.")
    quote, cue, mention = evidence(text)
    assert (cue, mention, quote.speaker, quote.resolution, quote.confidence) == \
        ("said", "Brandt", "Tomas Brandt", "partial_name", "high")
    assert explain(quote, text) == "“Brandt” → Tomas Brandt (named at the cue “said”, the fullest name the article gives)"


def test_a_pronoun_resolved_in_the_previous_sentence_is_medium_and_says_why():
    text = "Asked about the delay, Mira Sand smiled. “Trains are late everywhere,” she said."
    quote, cue, mention = evidence(text)
    assert (cue, mention, quote.resolution, quote.basis, quote.confidence) == \
        ("said", "she", "pronoun", "previous_sentence", "medium")
    assert explain(quote, text) == "“she” → Mira Sand (subject of the previous sentence)"


def test_a_pronoun_resolved_far_back_is_low_confidence():
    text = article("“The dam will hold,” Tomas Brandt said.", "The council met on Friday.",
                   "It voted on the budget and adjourned.", "Rain is expected all week.",
                   "“We are ready,” he added.")
    quote, _, mention = evidence(text, 1)
    assert (quote.speaker, mention, quote.resolution, quote.confidence) == ("Tomas Brandt", "he", "pronoun", "low")


def test_a_role_goes_to_its_holder_with_the_role_as_mention():
    text = article("Gov. Anna Berg signed the bill.", "“This is a good day,” the governor said.")
    quote, cue, mention = evidence(text)
    assert (cue, mention, quote.speaker, quote.resolution, quote.basis, quote.confidence) == \
        ("said", "the governor", "Anna Berg", "role", "role_holder", "medium")
    assert explain(quote, text) == "“the governor” → Anna Berg (the person the article gives that role)"


def test_an_unnamed_speaker_at_the_cue_is_certain_but_not_named():
    text = "“The border stays closed,” a spokesman for the ministry said."
    quote, cue, mention = evidence(text)
    assert (quote.speaker, cue, quote.resolution, quote.basis, quote.confidence) == \
        ("spokesman", "said", "role", "unnamed", "high")
    assert explain(quote, text) == "“a spokesman for the ministry” → spokesman (not named in the article)"


def test_a_continuation_carries_the_evidence_of_the_quotation_it_continues():
    text = article("“The bridge is safe,” Tomas Brandt said.", "“It was inspected in March.”")
    first, second = extract_quotations(text)
    assert (second.speaker, second.resolution, second.basis, second.confidence) == \
        ("Tomas Brandt", "continuation", "previous_quotation", "medium")
    assert (second.cue_start, second.mention_start) == (first.cue_start, first.mention_start)
    assert explain(second, text) == "Tomas Brandt: continues the quotation before (Tomas Brandt, “said”)"


def test_a_subject_without_a_speech_cue_is_low_confidence():
    text = article("Cornel West spoke after the mayor.", "West landed a sharp dig at “my dear old friend the mayor.”")
    quote, cue, _ = evidence(text)
    assert (quote.speaker, cue, quote.basis, quote.confidence) == ("Cornel West", None, "sentence_subject", "low")


def test_a_transcript_turn_names_its_speaker_at_the_colon():
    text = article("Tom Kay interviewed Anna Berg.", "KAY: Is the ferry safe?", "BERG: It is.", "KAY: Thanks.")
    quote, cue, mention = evidence(text)
    assert (cue, mention, quote.speaker, quote.confidence) == (":", "KAY", "Tom Kay", "high")
    assert explain(quote, text) == "“KAY” → Tom Kay (speaker of a transcript turn)"


def test_first_person_has_no_speaker_and_says_so():
    text = "“It was cold that night,” I said."
    quote, cue, mention = evidence(text)
    assert (quote.speaker, mention, quote.confidence) == (None, "I", "low")
    assert explain(quote, text) == "“I”: the writer speaks, nobody to name"


def test_no_evidence_at_all():
    text = "“Nobody knows who wrote this line and nobody will.”"
    quote, cue, mention = evidence(text)
    assert (quote.speaker, cue, mention, quote.resolution, quote.confidence) == (None, None, None, "none", "low")
    assert explain(quote, text) == "no speaker found"
