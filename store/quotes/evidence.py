"""How each quotation's speaker was found, told in one line (the reader's `w` key).

A `Quotation` carries its evidence: `cue_start`/`cue_end` (the speech verb, colon or "according to"),
`mention_start`/`mention_end` (the words naming the speaker there: a name, a pronoun, a role), `resolution`
(how those words became the speaker), `basis` (for a pronoun, a role or a continuation: where the speaker
was found) and `confidence`. A continuation carries the cue and mention of the quotation it continues.

Resolutions: "name" (named in full at the cue), "partial_name" (a surname or a given name completed from the
article), "pronoun", "role" (a role given to a named person, or a description of an unnamed one),
"continuation" (carried from the quotation before), "none".

Confidence: "high" when the speaker is named (or described, unnamed) at the cue; "medium" for a pronoun, a
role or a continuation resolved in the same or the previous sentence, or for a quote inside a paragraph of words
a cue before it introduces; "low" for anything further, or found without a cue."""
from __future__ import annotations

from store.model import Quotation

# basis -> what it means, as `explain` says it
BASES = {
    "cue": "named at the cue",
    "fullest_name": "the fullest name the article gives",
    "same_sentence": "subject of the same sentence",
    "previous_sentence": "subject of the previous sentence",
    "earlier_sentence": "subject of an earlier sentence",
    "latest_speaker": "the latest named speaker",
    "latest_person": "the latest person named",
    "role_holder": "the person the article gives that role",
    "named_body": "the body the article names",
    "unnamed": "not named in the article",
    "previous_quotation": "continues the quotation before",
    "sentence_subject": "subject of its sentence, no speech cue",
    "previous_sentence_subject": "subject of the sentence before it, no speech cue",
    "spoke_about": "who the paragraph before says spoke about it, no speech cue",
    "block_introduction": "in a paragraph of words the colon before it introduces",
    "possessive": "whose words a possessive names, no speech cue",
    "transcript": "speaker of a transcript turn",
    "first_person": "the writer speaks",
    "addressed_court": "who the next sentences say told the court",
}
HIGH, MEDIUM, LOW = "high", "medium", "low"


def confidence_of(speaker: str | None, resolution: str, basis: str | None, cued: bool, near: bool) -> str:
    """The confidence of an attribution (see the module's docstring)."""
    if not speaker:
        return LOW
    if basis == "block_introduction":
        return MEDIUM  # (the cue introduces the whole paragraph, not the quote inside it)
    if resolution in ("name", "partial_name"):
        return HIGH if cued else LOW
    if resolution == "role" and basis == "unnamed":
        return HIGH if cued else LOW
    if resolution in ("pronoun", "role", "continuation"):
        return MEDIUM if near and (cued or resolution == "continuation") else LOW
    return LOW


def explain(quotation: Quotation, text: str) -> str:
    """One line telling how the speaker of `quotation` (a quotation of `text`) was found, e.g.
    `“she” → Mira Sand (subject of the previous sentence)` or `“Sand” → Mira Sand (named at the cue “said”,
    the fullest name the article gives)`."""
    def words(start: int | None, end: int | None) -> str | None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return None
        return " ".join(text[start:end].split())

    cue = words(quotation.cue_start, quotation.cue_end)
    mention = words(quotation.mention_start, quotation.mention_end)
    speaker = quotation.speaker
    at_cue = f"named at the cue “{cue}”" if cue else "named without a speech cue"
    if quotation.resolution == "continuation":
        carried = f" ({mention}, “{cue}”)" if mention and cue else ""
        return f"{speaker or 'nobody'}: {BASES['previous_quotation']}{carried}"
    if not speaker:
        if quotation.basis == "first_person" and mention:
            return f"“{mention}”: {BASES['first_person']}, nobody to name"
        if mention:
            return f"“{mention}”: nobody the article names fits"
        return "no speaker found"
    said = f"“{mention}” → {speaker}" if mention and mention != speaker else speaker
    reason = BASES.get(quotation.basis or "", quotation.resolution)
    if quotation.basis == "transcript":
        return f"{said} ({reason})"
    if quotation.resolution == "name":
        return f"{said} ({at_cue})" if quotation.basis == "cue" else f"{said} ({reason})"
    if quotation.resolution == "partial_name":
        return f"{said} ({at_cue}, {reason})" if quotation.basis == "fullest_name" else f"{said} ({reason})"
    return f"{said} ({reason})"
