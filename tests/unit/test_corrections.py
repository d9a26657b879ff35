"""Corrections: applied to the engine's quotations by one function, kept by the state, found again by their text."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson

from store import Article, Highlight, State, extract_quotations
from store.corrections import (
    addition,
    apply_corrections,
    article_people,
    explain_corrected,
    fingerprint,
    gold,
    hiding,
    highlight_speakers,
    selected_quotation,
    speaker_correction,
)
from store.model import Correction

TEXT = "\n\n".join([
    "The ferry to Holm Island will stop running in October, the county said on Monday.",
    "“We cannot keep a boat for eleven passengers a day,” said Mira Sand, the county’s transport chief.",
    "Islanders were angry. “They are cutting us off from the world,” she said.",
    "Petter Lund, who runs the island shop, said the decision was made without asking anyone.",
])


def make_article(text: str = TEXT, path: str = "/news/ferry.txt", entry: str | None = None) -> Article:
    import hashlib

    return Article(id=hashlib.sha1(text.encode()).hexdigest()[:20], file=path, title="Ferry", text=text,
                   entry=entry)


def listed(article: Article, corrections=(), **options):
    return apply_corrections(article.text, extract_quotations(article.text), corrections, **options)


def test_without_corrections_the_engine_answers():
    article = make_article()
    items = listed(article)
    assert [(i.quotation.speaker, i.extracted_speaker, i.corrected) for i in items] == [
        ("Mira Sand", "Mira Sand", False), ("Mira Sand", "Mira Sand", False)]
    assert [i.quotation for i in items] == extract_quotations(article.text)


def test_a_corrected_speaker_wins_and_the_engines_answer_is_kept():
    article = make_article()
    second = listed(article)[1]
    correction = speaker_correction(article, second, "Petter Lund")
    assert (correction.kind, correction.speaker, correction.extracted_speaker) == ("speaker", "Petter Lund", "Mira Sand")
    assert correction.text == second.quotation.text == article.text[correction.start:correction.end]
    items = listed(article, [correction])
    assert [i.quotation.speaker for i in items] == ["Mira Sand", "Petter Lund"]
    assert items[1].corrected and items[1].extracted_speaker == "Mira Sand" and items[1].quotation.role is None
    assert "Corrected by you: Petter Lund" in explain_corrected(items[1], article.text)
    assert "the engine said: “she” → Mira Sand" in explain_corrected(items[1], article.text)


def test_an_answer_equal_to_the_engines_is_no_correction_and_unknown_is_one():
    article = make_article()
    first = listed(article)[0]
    assert speaker_correction(article, first, "  Mira   Sand ") is None
    unknown = speaker_correction(article, first, "")
    assert unknown.speaker is None
    assert listed(article, [unknown])[0].quotation.speaker is None


def test_a_hidden_quotation_is_left_out_unless_asked_for():
    article = make_article()
    first = listed(article)[0]
    hidden = hiding(article, first)
    assert [i.quotation.text for i in listed(article, [hidden])] == ["They are cutting us off from the world"]
    every = listed(article, [hidden], include_hidden=True)
    assert [i.hidden is not None for i in every] == [True, False]
    assert explain_corrected(every[0], article.text).startswith("Marked as no quotation by you")


def test_an_added_quotation_is_listed_in_reading_order():
    article = make_article()
    start = article.text.index("the decision was made")
    end = article.text.index(" without asking")
    added = addition(article, start, end, "Petter Lund")
    items = listed(article, [added])
    assert [i.quotation.text for i in items][-1] == "the decision was made"
    last = items[-1]
    assert last.added and last.corrected and last.extracted_speaker is None and last.quotation.paragraph == 3
    assert explain_corrected(last, article.text) == "Added by you: Petter Lund"


def test_a_correction_follows_the_engines_quotation_when_its_span_changes_a_little():
    article = make_article()
    first = listed(article)[0]
    correction = speaker_correction(article, first, "Petter Lund")
    narrower = replace(correction, start=correction.start + 3, text=correction.text[3:])
    items = listed(article, [narrower])
    assert [i.quotation.speaker for i in items] == ["Petter Lund", "Mira Sand"]
    assert items[0].quotation.start == first.quotation.start  # the engine's span, the reader's speaker


def test_a_speaker_correction_the_engine_no_longer_finds_stays_as_the_readers_quotation():
    article = make_article()
    start = article.text.index("Islanders were angry")
    correction = Correction("c1", article.id, "speaker", start, start + 20, article.text[start:start + 20], "2024",
                            speaker="Petter Lund", extracted_speaker="Mira Sand", path=str(article.path))
    items = listed(article, [correction])
    assert [(i.quotation.text, i.quotation.speaker, i.added) for i in items][1] == (
        "Islanders were angry", "Petter Lund", True)


def test_detached_corrections_apply_to_nothing():
    article = make_article()
    correction = replace(speaker_correction(article, listed(article)[0], "Petter Lund"), detached=True)
    assert [i.quotation.speaker for i in listed(article, [correction])] == ["Mira Sand", "Mira Sand"]


def test_a_selection_loses_the_quote_marks_and_spaces_it_caught():
    text = "He said “yes, we will” and left. “Never,” she said."
    start, end = selected_quotation(text, text.index("“") - 1, text.index("”") + 1)
    assert text[start:end] == "yes, we will"
    start, end = selected_quotation(text, text.index("“Never"), text.index(" she"))
    assert text[start:end] == "Never"
    assert selected_quotation(text, 8, 9) is None  # only a quote mark


def test_highlights_take_the_speaker_of_the_quotation_they_lie_in():
    article = make_article()
    items = listed(article)
    q = items[1].quotation
    inside = Highlight("h1", article.id, q.start + 5, q.end, article.text[q.start + 5:q.end], "2024", speaker="Mira Sand")
    outside = Highlight("h2", article.id, 0, 9, article.text[:9], "2024", speaker=None)
    corrected = listed(article, [speaker_correction(article, items[1], "Petter Lund")])
    assert highlight_speakers([inside, outside], corrected) == [replace(inside, speaker="Petter Lund")]
    hidden = listed(article, [hiding(article, items[1])], include_hidden=True)
    assert highlight_speakers([inside], hidden) == [replace(inside, speaker=None)]


def test_the_people_of_an_article_speakers_first():
    text = TEXT + "\n\nThe council leader, Anna Berg, did not comment."
    people = article_people(text, extract_quotations(text))
    assert people[0] == "Mira Sand"
    assert {"Petter Lund", "Anna Berg"} <= set(people) and "Holm Island" not in people[:1]


def test_gold_is_the_scorers_format_and_hidden_wins():
    article = make_article()
    items = listed(article)
    corrections = [speaker_correction(article, items[0], "Petter Lund"), hiding(article, items[1]),
                   speaker_correction(article, items[1], "Anna Berg"),
                   replace(addition(article, 0, 9, None), text=article.text[:9], detached=True)]
    assert gold(corrections, {"ferry.txt": ["other"]}) == {"ferry.txt": {
        "quotes": [[items[0].quotation.text, "Petter Lund"]],
        "not_quotes": [items[1].quotation.text],
        "detached": [[article.text[:9], None]],
        "optional": ["other"],
    }}


def test_fingerprint_changes_with_what_corrections_decide():
    article = make_article()
    correction = speaker_correction(article, listed(article)[0], "Petter Lund")
    assert fingerprint([]) == ""
    assert fingerprint([correction]) == fingerprint([replace(correction, id="other", created="later")])
    assert fingerprint([correction]) != fingerprint([replace(correction, speaker="Anna Berg")])


# --- the state ---------------------------------------------------------------------------------------------

def test_corrections_are_kept_across_a_restart(db_path: Path):
    article = make_article()
    items = listed(article)
    state = State(db_path)
    state.save_correction(speaker_correction(article, items[0], "Petter Lund"))
    state.save_correction(hiding(article, items[1]))
    version = state.corrections_version
    state.close()
    again = State(db_path)
    assert [(c.kind, c.speaker) for c in again.corrections_for(article.id)] == [
        ("speaker", "Petter Lund"), ("hidden", None)]
    assert again.corrections_version == 0 and version == 2
    assert not again.warnings
    again.close()


def test_one_speaker_and_one_hidden_mark_per_span(state: State):
    article = make_article()
    first = listed(article)[0]
    state.save_correction(speaker_correction(article, first, "Petter Lund"))
    state.save_correction(speaker_correction(article, first, "Anna Berg"))
    state.save_correction(hiding(article, first))
    state.save_correction(hiding(article, first))
    assert sorted((c.kind, c.speaker) for c in state.corrections()) == [("hidden", None), ("speaker", "Anna Berg")]
    state.delete_correction(state.corrections_for(article.id)[0].id)
    assert len(state.corrections()) == 1


def test_a_correction_record_of_the_wrong_shape_is_left_out_and_kept_in_the_file(db_path: Path):
    article = make_article()
    good = {"id": "c1", "article_id": article.id, "kind": "speaker", "start": 0, "end": 3, "text": "The",
            "created": "2024-05-01T10:00:00+02:00", "speaker": "Mira Sand", "extracted_speaker": None,
            "path": "/news/ferry.txt", "entry": None, "detached": False}
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(orjson.dumps({"meta": {"1": {"schema": 1}}, "corrections": {
        "1": good,
        "2": {**good, "id": "c2", "kind": "opinion"},
        "3": {**good, "id": "c3", "end": 5},  # offsets that do not span the text
        "4": {**good, "id": "c4", "speaker": 7},
        "5": {**good, "id": "c5", "start": -1},
        "6": "not an object",
        "7": {**good},  # a repeated id
    }}))
    state = State(db_path)
    assert [c.id for c in state.corrections()] == ["c1"]
    [warning] = state.warnings
    assert "6 records" in warning and "correction record 2: its kind" in warning
    state.close()
    assert "opinion" in db_path.read_text()


def test_corrections_follow_an_edited_file_and_detach_when_their_text_is_gone(state: State):
    article = make_article()
    items = listed(article)
    state.save_correction(speaker_correction(article, items[1], "Petter Lund"))
    state.save_correction(hiding(article, items[0]))
    edited = make_article("A new first paragraph.\n\n" + TEXT.replace("“We cannot keep a boat for eleven passengers a "
                                                                       "day,” said", "Said"))
    state.reanchor(edited, known_ids={edited.id})
    moved = {c.kind: c for c in state.corrections_of(edited, {edited.id})}
    assert moved["speaker"].article_id == edited.id and not moved["speaker"].detached
    assert edited.text[moved["speaker"].start:moved["speaker"].end] == moved["speaker"].text
    assert moved["hidden"].detached and moved["hidden"].article_id == article.id  # kept, never dropped
    assert [i.quotation.speaker for i in listed(edited, state.corrections_of(edited, {edited.id}))] == ["Petter Lund"]


def test_corrections_of_a_feed_entry_do_not_follow_another_entry(state: State):
    article = make_article(path="/news/feed.xml", entry="one")
    state.save_correction(speaker_correction(article, listed(article)[0], "Petter Lund"))
    other = make_article("Another entry entirely.", path="/news/feed.xml", entry="two")
    state.reanchor(other, known_ids={other.id})
    assert state.corrections_of(other, {other.id}) == []
    assert not state.corrections()[0].detached


def test_a_read_only_state_keeps_corrections_for_the_session_only(db_path: Path):
    State(db_path).close()
    state = State(db_path, read_only=True)
    article = make_article()
    state.save_correction(speaker_correction(article, listed(article)[0], "Petter Lund"))
    assert len(state.corrections()) == 1 and state.read_only
    state.close()
    assert State.for_reading(db_path).corrections() == []


def test_corrections_by_article_is_a_snapshot(state: State):
    article = make_article()
    state.save_correction(speaker_correction(article, listed(article)[0], "Petter Lund"))
    snapshot = state.corrections_by_article()
    state.save_correction(hiding(article, listed(article)[1]))
    assert len(snapshot[article.id]) == 1 and len(state.corrections_by_article()[article.id]) == 2


def test_corrections_by_article_follow_an_edited_file_only_when_its_old_version_is_gone():
    from store.corrections import CorrectionsByArticle

    article = make_article()
    correction = speaker_correction(article, listed(article)[0], "Petter Lund")
    edited = make_article("Updated.\n\n" + TEXT)
    found = CorrectionsByArticle([correction])
    assert found.of(article, {article.id}) == [correction]
    assert found.earlier(edited) == [correction]
    assert found.of(edited, {article.id, edited.id}) == []  # the old version is still in the corpus: it keeps it
    [moved] = found.of(edited, {edited.id})
    assert (moved.article_id, moved.start) == (edited.id, correction.start + len("Updated.\n\n"))
