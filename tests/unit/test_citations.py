"""Citations a journalist can publish: the whole headline, the author, source, date, URL and path, in every export
format and on the clipboard; notes of several lines; exports made with the user's umask."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from store import load_article
from store.export import clipboard_text, render, write_atomically
from store.sources.feeds import parse_feed
from store.model import Highlight

LONG_LEAD = ("The harbour board of the northern port approved on Friday a new container terminal that engineers say "
             "will double the port's capacity within ten years. Critics spoke against it.")


def test_a_quotation_is_cited_in_quote_marks_with_its_speaker_other_words_without():
    assert (clipboard_text("Yes", "Ann Berg", "Title", "Wire", "2020-01-01", "https://example.org/a")
            == "“Yes” — Ann Berg, Wire, 2020-01-01, https://example.org/a")
    assert (clipboard_text("The board met.", None, "Title", "Wire", "2020-01-01", "https://example.org/a",
                           quotation=False) == "The board met. — Wire, 2020-01-01, https://example.org/a")
    assert clipboard_text("The board met.", "Ann Berg", "Title", None, None, quotation=False) == "The board met. — Title"


def test_the_headline_of_a_citation_is_whole_while_the_list_shows_it_cut(tmp_path: Path):
    path = tmp_path / "harbour.txt"
    path.write_text(f"date 2021-04-02 By Coastal Wire\n\n{LONG_LEAD}\n\n“It will,” said Ann Berg.\n", encoding="utf-8")
    article = load_article(path)
    assert article.title.endswith("…") and len(article.title) <= 91
    assert article.headline == LONG_LEAD.split(". ")[0]


def test_the_author_comes_from_front_matter_feeds_and_page_metadata(tmp_path: Path):
    md = tmp_path / "vote.md"
    md.write_text("---\ntitle: A vote\nauthor: Ines Duarte\n---\n\nThe vote was held.\n", encoding="utf-8")
    assert load_article(md).author == "Ines Duarte"
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Ledger</title><item><title>Bridge opens</title><link>https://example.org/b</link>"
        "<dc:creator>Karl Ostrom</dc:creator><description>The bridge opened on Monday.</description></item>"
        "</channel></rss>", encoding="utf-8")
    [entry] = parse_feed(feed, feed.read_bytes()).articles
    assert entry.author == "Karl Ostrom"
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Dam vote</title><meta name="author" content="Mira Sand">'
        '<meta property="article:author" content="https://example.org/authors/mira"></head>'
        "<body><article><h1>Dam vote</h1><p>" + "The council voted on the dam after a long debate. " * 8
        + "</p></article></body></html>", encoding="utf-8")
    assert load_article(page).author == "Mira Sand"


CITED = Highlight(id="h1", article_id="a1", start=0, end=12, text="We will wait", created="2024-03-01T09:00:00+01:00",
                  speaker="Ann Berg", note="call her back\n=SUM(A1)\nthird line", title=LONG_LEAD.split(". ")[0],
                  source="Coastal Wire", date="2021-04-02", path="/corpus/harbour.txt", author="Ines Duarte",
                  url="https://example.org/harbour")


def test_markdown_json_and_csv_carry_every_part_of_the_citation_and_the_notes_lines():
    markdown = render([CITED], "markdown")
    assert f"## {CITED.title} — Ines Duarte, Coastal Wire, 2021-04-02" in markdown
    assert "<https://example.org/harbour>" in markdown and "`/corpus/harbour.txt`" in markdown
    assert "Note: call her back\\\n=SUM(A1)\\\nthird line" in markdown
    [record] = json.loads(render([CITED], "json"))
    assert {key: record[key] for key in ("title", "author", "source", "date", "url", "path", "note")} == {
        "title": CITED.title, "author": "Ines Duarte", "source": "Coastal Wire", "date": "2021-04-02",
        "url": "https://example.org/harbour", "path": "/corpus/harbour.txt", "note": CITED.note}
    [row] = csv.DictReader(io.StringIO(render([CITED], "csv")))
    assert (row["title"], row["author"], row["url"], row["path"]) == (
        CITED.title, "Ines Duarte", "https://example.org/harbour", "/corpus/harbour.txt")
    assert row["note"] == CITED.note  # its lines kept, in one quoted cell


def test_exports_are_made_with_the_users_umask(tmp_path: Path):
    for umask in (0o022, 0o027, 0o002):
        previous = os.umask(umask)
        try:
            target = tmp_path / f"export-{umask:o}.md"
            write_atomically(target, "# Highlights\n")
        finally:
            os.umask(previous)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask
