"""Saved web pages: the article's paragraphs kept, the page's furniture dropped, metadata from the head."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.sources.article_files import load_article
from store.library import Library
from store.sources.article_files import load_article
from store.sources.html_text import html_to_text
from store.text import NotText, clean
from store.sources.webpage import parse_webpage

from ..conftest import PROJECT

PAGES = PROJECT / "tests" / "fixtures" / "pages"

# Each page: its main paragraphs (beginnings), and boilerplate of the page that must not be in the text.
EXPECTED = {
    "meridian_harbour.html": (
        ["The harbour board approved", "“This terminal will carry", "Critics were unconvinced.",
         "The terminal will add four berths", "Lindqvist said the board"],
        ["cookies", "Accept all", "World", "Advertisement", "home loans", "Related stories", "Dredging study",
         "harbourwatcher", "Thirty years of jobs", "Most read", "Share this", "All rights reserved", "Photo:"],
    ),
    "ledger_council.html": (
        ["Glasgow councillors on Thursday", "“A library is the last warm room", "The decision costs",
         "Unions welcomed the vote.", "The Sunday hours"],
        ["cookie", "Log in", "Home", "ADVERTISEMENT", "Read more", "Libraries face Sunday closures", "Sign up",
         "Tags:", "Jim from Partick", "car parks fall apart", "Most popular", "Copyright"],
    ),
    "caspian_opera.html": (
        ["ASTANA — The Astana Opera", "The work, by composer", "“Abai wrote for people",
         "The theatre’s director", "“We wanted a work"],
        ["privacy", "I agree", "Politics", "Flights to Almaty", "Read also", "Dombra", "Finally!", "Tickets",
         "Tenge", "Reproduction"],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_main_text_is_kept_and_the_boilerplate_dropped(name: str):
    article = load_article(PAGES / name)
    kept, dropped = EXPECTED[name]
    assert [p[: len(start)] for p, start in zip(article.paragraphs, kept)] == kept
    assert len(article.paragraphs) == len(kept)
    for junk in dropped:
        assert junk not in article.text, junk
    assert article.format == "web" and article.text == clean(article.text)


def test_metadata_from_og_and_article_tags():
    article = load_article(PAGES / "meridian_harbour.html")
    assert (article.title, article.date, article.source, article.url) == (
        "Harbour board approves container terminal after a year of hearings", "2024-03-08", "Meridian News",
        "https://meridian.example/news/2024/harbour-terminal")
    opera = load_article(PAGES / "caspian_opera.html")
    assert (opera.title, opera.date, opera.source, opera.url) == (
        "A new Kazakh opera about Abai will open the Astana season", "2021-10-22", "Caspian Wire",
        "https://caspianwire.example/culture/abai-opera")


def test_a_title_tag_names_the_site_after_the_headline(tmp_path: Path):
    article = load_article(PAGES / "ledger_council.html")
    assert (article.title, article.source, article.url) == (
        "Glasgow council votes to keep libraries open on Sundays", "Northern Ledger", None)
    # Without metadata, the date comes from the file name as for text files.
    saved = tmp_path / "2024-04-19 ledger.html"
    saved.write_bytes((PAGES / "ledger_council.html").read_bytes())
    assert load_article(saved).date == "2024-04-19"


def test_a_headline_repeated_in_the_text_is_not_a_paragraph(tmp_path: Path):
    body = "".join(f"<p>Paragraph {n} of the story, long enough to be an article paragraph of its own.</p>"
                   for n in range(4))
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><title>Ferry runs all winter</title></head><body><article>"
                    f"<h1>Ferry runs all winter</h1>{body}</article></body></html>")
    article = load_article(page)
    assert article.title == "Ferry runs all winter"
    assert article.paragraphs[0].startswith("Paragraph 0")


def test_hostile_page_text_is_cleaned(tmp_path: Path):
    body = ("<p>“Click here,” said [bold]Mallory[/bold] \x1b]0;pwned\x07of the \x1b[31mred\x1b[0m team, "
            "quietly.</p>") * 3
    page = (f'<html><head><meta property="og:title" content="Evil \x1b[2Jheadline">'
            f'<meta property="og:site_name" content="Bad&#x202e;Site"><link rel="canonical" href="javascript:x">'
            f"</head><body><article>{body}<script>document.write('gotcha')</script></article></body></html>")
    article = parse_webpage(tmp_path / "evil.html", page.encode())
    assert article.title == "Evil headline"
    assert article.source == "BadSite" and article.url is None
    assert article.paragraphs[0] == "“Click here,” said [bold]Mallory[/bold] of the red team, quietly."
    assert "gotcha" not in article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n ", "empty file"),
        (b"\x89PNG\x00\x00\x00", "binary"),
        (b"<html></html>", "no article text"),
        (b"<!-- only a comment -->", "not a readable web page"),
        (b"<script>var x = 1;</script><style>p{}</style>", "no article text"),
    ],
)
def test_pages_without_text_are_skipped_with_a_reason(tmp_path: Path, data: bytes, reason: str):
    with pytest.raises(NotText, match=reason):
        parse_webpage(tmp_path / "x.html", data)


def test_a_folder_of_pages_is_indexed(tmp_path: Path):
    library = Library([PAGES], tmp_path / "cache")
    library.sync(workers=1)
    articles = library.reader.newest(-1)
    assert sorted(m.source for m in articles) == ["Caspian Wire", "Meridian News", "Northern Ledger"]
    for meta in articles:
        assert load_article(meta.path, meta.entry).id == meta.id and meta.format == "web"


# --- the HTML-to-text helper ------------------------------------------------------------------------
def test_html_to_text_paragraphs():
    html = ("<div>First <b>bold</b> line<br>same paragraph</div>Second<br><br>Third &amp; last"
            "<ul><li>one</li><li>two</li></ul><p><a href='/x'>Read more about it</a></p>"
            "<p>Advertisement</p><noscript>enable js</noscript>"
            "<p>A <a href='/y'>short link</a> in a long sentence.</p>")
    assert html_to_text(html).split("\n\n") == [
        "First bold line same paragraph", "Second", "Third & last", "one", "two",
        "A short link in a long sentence."]


_PIECES = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["<p>", "</p>", "<br/>", "<br>", "<a href=x>", "</a>", "<script>", "</script>", "<svg/>",
                     "&#27;[2J", "&#x9b;", "&#0;", "&#xD800;", "\x1b[31m", "\x1b]8;;http://x\x1b\\", "<![if x]>",
                     "<!", "<?pi?>", "</", "<textarea>", "&", "\r", "\u2028", "\u202e", "<title>", "<h1>"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_html_to_text_never_raises_and_is_clean(html: str):
    text = html_to_text(html)
    assert clean(text) == text
    assert "\n\n\n" not in text and text == text.strip()
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_page_is_an_article_or_a_reason(tmp_path: Path, html: str):
    try:
        article = parse_webpage(tmp_path / "h.html", html.encode("utf-8", "surrogatepass"))
    except NotText:
        return
    for field in (article.title, article.text, article.source or "", article.url or ""):
        assert clean(field) == field
