"""`quotedesk quotes` with the reader's corrections, and `quotedesk corrections`, the reader's own test set."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import State, extract_quotations, load_article
from store.corrections import addition, apply_corrections, hiding, speaker_correction

from .conftest import SHARED
from .test_cli import quotedesk

SCORER = SHARED / "tools" / "score_quotes.py"


def correct(db: Path, corpus: Path) -> None:
    """On the harbour article: Holm's quotation given to Anna Berg, Lindqvist's hidden, and a quotation added."""
    article = load_article(corpus / "wire" / "harbour.txt")
    lindqvist, holm = apply_corrections(article.text, extract_quotations(article.text), [])
    start = article.text.index("the board would publish")
    end = article.text.index(" next month")
    state = State(db)
    state.save_correction(speaker_correction(article, holm, "Anna Berg"))
    state.save_correction(hiding(article, lindqvist))
    state.save_correction(addition(article, start, end, "Marta Lindqvist"))
    state.close()


def harbour(records: list[dict]) -> list[tuple]:
    return [(r["text"], r["speaker"], r["extracted_speaker"], r["corrected"]) for r in records
            if r["path"].endswith("harbour.txt")]


def test_quotes_applies_the_corrections_of_the_database_in_every_format(corpus: Path, tmp_path: Path):
    db = tmp_path / "db.json"
    correct(db, corpus)
    before = db.read_bytes()
    records = json.loads(quotedesk("quotes", str(corpus), "--format", "json", "--db", str(db)).stdout)
    assert harbour(records) == [
        ("The dredging will ruin the bay", "Anna Berg", "Petter Holm", True),
        ("the board would publish the environmental study", "Marta Lindqvist", None, True),
    ]
    jsonl = [json.loads(line) for line in
             quotedesk("quotes", str(corpus), "--format", "jsonl", "--db", str(db)).stdout.splitlines()]
    assert jsonl == records
    rows = list(csv.DictReader(io.StringIO(quotedesk("quotes", str(corpus), "--format", "csv", "--db",
                                                     str(db)).stdout)))
    assert [(row["speaker"], row["extracted_speaker"], row["corrected"]) for row in rows
            if row["path"].endswith("harbour.txt")] == [("Anna Berg", "Petter Holm", "True"),
                                                       ("Marta Lindqvist", "", "True")]
    others = [r for r in records if not r["path"].endswith("harbour.txt")]
    assert others and all(r["speaker"] == r["extracted_speaker"] and r["corrected"] is False for r in others)
    found = quotedesk("quotes", str(corpus), "--format", "jsonl", "--speaker", "berg", "--db", str(db)).stdout
    assert sorted(json.loads(line)["text"] for line in found.splitlines()) == [
        "Books should come to people", "The dredging will ruin the bay"]  # Anna Berg's, one corrected
    assert "Anna Berg ✎" in quotedesk("quotes", str(corpus / "wire"), "--db", str(db)).stdout
    assert db.read_bytes() == before  # read only


def test_quotes_reads_the_usual_state_database_by_default(corpus: Path):
    correct(Path(os.environ["QUOTEDESK_DB"]), corpus)  # the tests' stand-in for the user's database
    records = json.loads(quotedesk("quotes", str(corpus / "wire"), "--format", "json").stdout)
    assert harbour(records)[0][1] == "Anna Berg"


def test_quotes_places_corrections_on_an_edited_file_as_the_app_does(corpus: Path, tmp_path: Path):
    db = tmp_path / "db.json"
    correct(db, corpus)
    path = corpus / "wire" / "harbour.txt"
    path.write_text(path.read_text().replace("Critics were unconvinced.", "Critics, many of them, were unconvinced."))
    records = json.loads(quotedesk("quotes", str(corpus), "--format", "json", "--db", str(db)).stdout)
    assert [r[:2] for r in harbour(records)] == [
        ("The dredging will ruin the bay", "Anna Berg"),
        ("the board would publish the environmental study", "Marta Lindqvist")]
    plain = json.loads(quotedesk("quotes", str(corpus), "--format", "json", "--db", str(tmp_path / "none")).stdout)
    files = lambda listed: list(dict.fromkeys(r["path"] for r in listed))  # noqa: E731
    assert files(records) == files(plain)  # the edited article keeps its place among the others


def test_corrections_json_is_a_gold_file_for_the_scorer(corpus: Path, tmp_path: Path):
    db = tmp_path / "db.json"
    correct(db, corpus)
    result = quotedesk("corrections", "--db", str(db))
    assert result.returncode == 0, result.stderr
    gold = json.loads(result.stdout)
    assert gold == {"harbour.txt": {
        "quotes": [["The dredging will ruin the bay", "Anna Berg"],
                   ["the board would publish the environmental study", "Marta Lindqvist"]],
        "not_quotes": ["This terminal will carry the town for thirty years"],
    }}  # every quotation of the article was judged: nothing optional


def test_corrections_csv_lists_every_field(corpus: Path, tmp_path: Path):
    db = tmp_path / "db.json"
    correct(db, corpus)
    rows = list(csv.DictReader(io.StringIO(quotedesk("corrections", "--format", "csv", "--db", str(db)).stdout)))
    assert sorted((row["kind"], row["speaker"], row["extracted_speaker"]) for row in rows) == [
        ("added", "Marta Lindqvist", ""), ("hidden", "", "Marta Lindqvist"), ("speaker", "Anna Berg", "Petter Holm")]
    assert all(row["path"].endswith("harbour.txt") and row["detached"] == "False" for row in rows)


def test_corrections_with_no_database_yet_is_empty_and_creates_nothing(tmp_path: Path):
    result = quotedesk("corrections", "--db", str(tmp_path / "none.json"))
    assert (result.returncode, result.stdout) == (0, "{}\n")
    assert not (tmp_path / "none.json").exists()
    # ...and says why it is empty, so that a mistyped name does not pass for a database without corrections.
    assert result.stderr.strip() == f"quotedesk: note: no state database at {tmp_path / 'none.json'}: no corrections"


def test_corrections_from_a_database_that_cannot_be_read_is_an_error_not_an_empty_test_set(tmp_path: Path):
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"corrections": {"1": {"text": ', encoding="utf-8")
    result = quotedesk("corrections", "--db", str(damaged))
    assert result.returncode == 2 and result.stdout == ""
    assert "cannot be read" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert damaged.read_text(encoding="utf-8") == '{"corrections": {"1": {"text": '  # only read, never moved


def test_a_newsrooms_corrections_score_the_engine(corpus: Path, tmp_path: Path):
    """The corrections export, scored by the project's scorer: the engine alone misses what the reader fixed; the
    engine with the corrections applied (`quotes --db`) agrees with them entirely."""
    if not SCORER.exists():
        pytest.skip("the quotation scorer is not beside the project")
    db = tmp_path / "db.json"
    article = load_article(corpus / "wire" / "harbour.txt")
    _, holm = apply_corrections(article.text, extract_quotations(article.text), [])
    state = State(db)
    state.save_correction(speaker_correction(article, holm, "Anna Berg"))
    state.close()
    gold = tmp_path / "gold.json"
    gold.write_text(quotedesk("corrections", "--db", str(db)).stdout)
    assert json.loads(gold.read_text())["harbour.txt"]["optional"] == [
        "This terminal will carry the town for thirty years"]

    def score(*quotes_args: str) -> str:
        extracted = tmp_path / "extracted.json"
        extracted.write_text(quotedesk("quotes", str(corpus), "--format", "json", *quotes_args).stdout)
        return subprocess.run([sys.executable, str(SCORER), str(gold), str(extracted)], capture_output=True,
                              text=True).stdout.strip().splitlines()[-1]

    assert "P=1.000 R=1.000 F1=1.000" in score("--db", str(tmp_path / "none.json"))
    assert "attributed_R=0.000 (0/1)" in score("--db", str(tmp_path / "none.json"))
    assert "attributed_R=1.000 (1/1)" in score("--db", str(db))


def test_corrections_of_an_edited_file_are_placed_on_it_as_it_is_now(corpus: Path, tmp_path: Path):
    db = tmp_path / "db.json"
    correct(db, corpus)
    path = corpus / "wire" / "harbour.txt"
    path.write_text(path.read_text().replace("The dredging will ruin the bay", "The dredging is fine"))
    gold = json.loads(quotedesk("corrections", "--db", str(db)).stdout)["harbour.txt"]
    assert gold["quotes"] == [["the board would publish the environmental study", "Marta Lindqvist"]]
    assert gold["detached"] == [["The dredging will ruin the bay", "Anna Berg"]]
    assert gold["optional"] == ["The dredging is fine"]  # the engine's, not judged
    path.unlink()
    result = quotedesk("corrections", "--db", str(db))
    assert "harbour.txt" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["harbour.txt"]["quotes"][0] == ["The dredging will ruin the bay", "Anna Berg"]
