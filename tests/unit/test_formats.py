from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.sources.formats import headline_from_lead, parse_article
from store.text import NotText, clean

WIRE = (
    "  date 2020-05-06 By Harbor Press Agency\n\n"
    "The city council voted on Monday to close the old bridge to cars from June, ending decades of traffic.\n\n"
    "“It is the right call,” Mayor Ada Novak said.\n"
)


def parse(name: str, text: str | bytes) -> object:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_article(Path(name), data)


def test_wire_format_header_and_headline_from_lead():
    article = parse("a.txt", WIRE)
    assert article.format == "wire"
    assert article.date == "2020-05-06"
    assert article.source == "Harbor Press Agency"
    assert article.title.startswith("The city council voted on Monday")
    assert len(article.title) <= 91 and article.title.endswith("…")
    assert article.paragraphs == [
        "The city council voted on Monday to close the old bridge to cars from June, ending decades of traffic.",
        "“It is the right call,” Mayor Ada Novak said.",
    ]


def test_headline_is_the_first_sentence_when_short():
    assert headline_from_lead("Prices rose. Nobody was surprised.") == "Prices rose"
    assert headline_from_lead("Dr. Vega and the U.S. team won. Then it rained.") == "Dr. Vega and the U.S. team won"


def test_headline_cut_at_a_word_boundary():
    lead = "word " * 40
    title = headline_from_lead(lead)
    assert title.endswith("…")
    assert not title[:-1].endswith(" ")
    assert set(title[:-1].split()) == {"word"}
    assert 80 <= len(title) <= 91


def test_plain_text_first_line_is_title_and_hard_wraps_are_joined():
    article = parse(
        "news_2016-09-12_story.txt",
        "Storm closes schools\n\nThe storm closed\nevery school in the county.\n\n\nClasses resume on Monday.\n",
    )
    assert article.format == "plain"
    assert article.title == "Storm closes schools"
    assert article.date == "2016-09-12"  # taken from the file name when the text has none
    assert article.paragraphs == ["The storm closed every school in the county.", "Classes resume on Monday."]


def test_markdown_front_matter():
    article = parse(
        "x.md",
        "---\ntitle: \"Wind farm hearing\"\ndate: 2024-02-11\nsource: Valley Post\nurl: https://example.org/w\n---\n\n"
        "## Background\n\nThe *hearing* lasted [two days](https://example.org/d).\n\n- first item\n- second item\n",
    )
    assert article.format == "markdown"
    assert (article.title, article.date, article.source, article.url) == (
        "Wind farm hearing",
        "2024-02-11",
        "Valley Post",
        "https://example.org/w",
    )
    assert article.paragraphs == ["Background", "The hearing lasted two days.", "- first item\n- second item"]


def test_markdown_without_front_matter_uses_heading_as_title():
    article = parse("y.md", "# The title\n\nBody text here.\n")
    assert article.title == "The title"
    assert article.text == "Body text here."


def test_bom_crlf_and_cr_are_normalised_and_identity_is_stable():
    lf = parse("a.txt", WIRE)
    crlf = parse("b.txt", b"\xef\xbb\xbf" + WIRE.replace("\n", "\r\n").encode())
    cr = parse("elsewhere/c.txt", WIRE.replace("\n", "\r").encode())
    assert lf.text == crlf.text == cr.text
    assert lf.id == crlf.id == cr.id  # identity is the content, not the file name or line ends
    assert parse("a.txt", WIRE.replace("right call", "wrong call")).id != lf.id


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"   \n\n  ", "empty"),
    ],
)
def test_not_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(NotText, match=reason):
        parse("bad.txt", data)


@pytest.mark.parametrize(
    "text, encoding, named",
    [
        ("Café society\n\nThe café on the corner reopened, and its crème brûlée is back.", "cp1252", "Windows-1252"),
        ("Новости дня\n\nГородской совет одобрил новый бюджет на следующий год.", "cp1251", "Windows-1251"),
    ],
)
def test_legacy_encodings_are_read_with_a_notice_not_dropped(text, encoding, named):
    article = parse("legacy.txt", text.encode(encoding))
    assert article.title == text.split("\n")[0]
    assert article.text == text.split("\n\n")[1]
    assert article.notice and named in article.notice


def test_utf8_articles_carry_no_notice():
    assert parse("a.txt", WIRE).notice is None


def test_control_characters_and_escape_sequences_are_stripped():
    hostile = (
        "Title \x1b]0;owned\x07here\n\n"
        "Clear\x1b[2J screen, 8-bit \x9b31m CSI, bell\x07, bidi \u202eevil\u202c, NUL\x00? no: "
    )
    with pytest.raises(NotText):  # NUL bytes mean binary
        parse("h.txt", hostile)
    article = parse("h.txt", hostile.replace("\x00", "") + "[bold]x[/] [@click=app.quit]y[/]")
    for ch in article.title + article.text:
        assert ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F), repr(ch)
    assert "\u202e" not in article.text
    assert article.title == "Title here"
    assert "[bold]x[/] [@click=app.quit]y[/]" in article.text  # markup is kept as literal text
    assert "owned" not in article.title


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda s: s.encode("utf-8")))
def test_any_bytes_parse_or_are_refused_cleanly(data):
    try:
        article = parse("any.md" if len(data) % 2 else "any.txt", data)
    except NotText:
        return
    assert article.title
    assert clean(article.text) == article.text
    assert "\r" not in article.text
    assert "\n\n".join(article.paragraphs) == article.text


@pytest.mark.parametrize("written, kept", [("2024-02-29", "2024-02-29"), ("2023-02-29", None), ("2024-02-31", None),
                                           ("2024-04-31", None), ("2024-13-01", None), ("2024-05-01T10:00", "2024-05-01")])
def test_a_date_that_does_not_exist_is_no_date(written, kept):
    # the same check as a query's `after:`: an article dated 2024-02-31 would otherwise sort and filter on a day
    # that no query can name
    article = parse("a.md", f"---\ntitle: T\ndate: {written}\n---\n\nSome text here.\n")
    assert article.date == kept


@pytest.mark.parametrize("name", ["a.txt", "dir/b.Markdown", "c.", ".hidden", "dir/.md", "d.tar.gz", "e", "f..md",
                                  "/abs/g.HTML", "h.md.", "über/ß.TXT"])
def test_a_files_suffix_and_stem_are_read_from_its_name_as_a_path_reads_them(name):
    from store.sources.article_files import file_stem, file_suffix

    assert (file_suffix(name), file_stem(name)) == (Path(name).suffix.lower(), Path(name).stem)


def test_an_article_read_from_a_string_is_the_one_read_from_a_path(tmp_path):
    from store.sources.article_files import load_articles

    path = tmp_path / "2024-05-06 harbour.news.md"  # no title, no text: the file's name gives both title and date
    path.write_text("---\nsource: Harbor Press Agency\n---\n")
    from_path, from_string = load_articles(path).articles[0], load_articles(str(path)).articles[0]
    assert from_path == from_string and from_string.path == path and from_string.file == str(path)
    assert (from_string.title, from_string.date) == ("2024-05-06 harbour.news", "2024-05-06")
