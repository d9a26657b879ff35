"""Plain-text articles that put one paragraph per line, with no blank line between, are read as paragraphs:
a line that ends a sentence ends its paragraph; headings stand alone; a hard-wrapped line is joined."""
from __future__ import annotations

from pathlib import Path

from store.sources.formats import join_paragraphs, parse_article, plain_paragraphs
from store.quotes.engine import extract_quotations


def test_a_line_that_ends_a_sentence_ends_its_paragraph():
    text = ("The council met on Monday.\n“We are ready,” Anna Berg said.\nThe vote is on Friday.")
    assert plain_paragraphs(text).split("\n\n") == [
        "The council met on Monday.", "“We are ready,” Anna Berg said.", "The vote is on Friday."]


def test_hard_wrapped_lines_are_joined():
    text = "The council met on Monday to discuss the\nharbour and the ferry timetable.\n\nNext paragraph."
    assert plain_paragraphs(text) == ("The council met on Monday to discuss the harbour and the ferry timetable."
                                      "\n\nNext paragraph.")


def test_a_heading_and_a_list_of_headlines_are_not_sentences():
    text = ("Ferry Runs All Winter\nHarbour Board Approves New Pier\nThe board voted on Monday.\n"
            "Advertisement\nThe pier opens in May.")
    assert plain_paragraphs(text).split("\n\n") == [
        "Ferry Runs All Winter", "Harbour Board Approves New Pier", "The board voted on Monday.", "Advertisement",
        "The pier opens in May."]


def test_an_article_keeps_its_identity_when_its_lines_become_paragraphs(tmp_path: Path):
    raw = "Harbour news\nThe council met on Monday.\n“We are ready,” Anna Berg said.\n"
    article = parse_article(tmp_path / "a.txt", raw.encode())
    assert article.text.count("\n\n") == 1
    # the identity is that of the text read before lines became paragraphs: read marks and highlights stay
    from store.sources.formats import article_id

    assert article.id == article_id("Harbour news", None, None, join_paragraphs(raw.partition("\n")[2]))


def test_a_headline_above_a_quotation_never_speaks():
    raw = "Harbour news\nHarbour Board Approves New Pier\n“We are ready,” the chairwoman said.\n"
    article = parse_article(Path("a.txt"), raw.encode())
    assert [(q.text, q.speaker) for q in extract_quotations(article.text)] == [("We are ready", "chairwoman")]
