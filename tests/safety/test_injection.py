"""Nothing from a file or the state file acts on the terminal, the browser or a spreadsheet: headless output goes
through the one sanitiser (JSON stays exact), only http(s) addresses reach the browser, and no CSV cell can start
a formula."""
from __future__ import annotations

import csv
import io
import json
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from store import Highlight, State, load_article
from store.sources.article_files import load_articles
from store.export import render
from store.text import printable
from tui.app import QuotedeskApp
from tui.launch import editor_command, open_in_browser

from ..app.helpers import loaded, opened, recorder
from .conftest import quotedesk

CLIPBOARD = "\x1b]52;c;ZXZpbA==\x1b\\"  # OSC 52: sets the clipboard (tmux: the paste buffer)
TITLE = "\x1b]2;evil\x07"  # OSC 2: the window title
CLEAR = "\x1b[2J"  # CSI: clears the screen
EIGHT_BIT_CSI = "\u009b2J"
HOSTILE_NAME = f"story{CLIPBOARD}{CLEAR}.txt"
# What must never reach a terminal: ESC, BEL, the 8-bit CSI, a bidi override.
NEVER = ["\x1b", "\x07", "\u009b", "\u202e"]


def hostile_corpus(folder: Path) -> Path:
    folder.mkdir()
    path = folder / HOSTILE_NAME
    path.write_text("date 2024-01-02 By Wire\n\n“The ferry runs at dawn,” said Mara Quill.\n", encoding="utf-8")
    return path


def hostile_state(db_path: Path) -> None:
    state = State(db_path)
    state.add_highlight(Highlight(
        id="h1", article_id="a1", start=0, end=10, text=f"Quote {CLEAR}text", created="2024-01-01T00:00:00+00:00",
        speaker=f"Mara {TITLE}Quill", note=f"see {CLIPBOARD}this {EIGHT_BIT_CSI}\u202eevil", title=f"Head{TITLE}line",
        source=f"Wire{CLEAR}", path=f"/corpus/{HOSTILE_NAME}"))
    state.close()


def assert_inert(output: bytes, what: str) -> None:
    text = output.decode("utf-8")
    for char in NEVER:
        assert char not in text, f"{what} lets {char!r} reach the terminal:\n{text!r}"


def test_quotes_output_never_carries_escape_sequences_and_json_stays_exact(tmp_path: Path):
    path = hostile_corpus(tmp_path / "corpus")
    for fmt in ("table", "csv"):
        result = quotedesk("quotes", str(tmp_path / "corpus"), "--format", fmt, env={"COLUMNS": "200"})
        assert result.returncode == 0, result.stderr
        assert b"Mara Quill" in result.stdout
        assert_inert(result.stdout, f"quotes --format {fmt}")
        assert_inert(result.stderr, f"quotes --format {fmt} (stderr)")
    for fmt in ("json", "jsonl"):
        result = quotedesk("quotes", str(tmp_path / "corpus"), "--format", fmt)
        assert_inert(result.stdout, f"quotes --format {fmt}")
        first = json.loads(result.stdout.splitlines()[0] if fmt == "jsonl" else result.stdout)
        record = first if fmt == "jsonl" else first[0]
        assert record["path"] == str(path)  # exact: escaped in JSON, not altered


def test_search_output_never_carries_escape_sequences_and_json_stays_exact(tmp_path: Path):
    path = hostile_corpus(tmp_path / "corpus")
    table = quotedesk("search", "ferry", str(tmp_path / "corpus"), env={"COLUMNS": "200"})
    assert table.returncode == 0, table.stderr
    assert b"story" in table.stdout
    assert_inert(table.stdout, "search")
    result = quotedesk("search", "ferry", str(tmp_path / "corpus"), "--format", "json")
    assert_inert(result.stdout, "search --format json")
    assert json.loads(result.stdout)[0]["path"] == str(path)


def test_highlights_export_never_carries_escape_sequences_and_json_stays_exact(tmp_path: Path):
    db = tmp_path / "db.json"
    hostile_state(db)
    for fmt in ("markdown", "csv"):
        result = quotedesk("highlights", "--db", str(db), "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert b"Quill" in result.stdout and b"Headline" in result.stdout
        assert_inert(result.stdout, f"highlights --format {fmt}")
    result = quotedesk("highlights", "--db", str(db), "--format", "json")
    assert_inert(result.stdout, "highlights --format json")
    [record] = json.loads(result.stdout)
    assert record["note"] == f"see {CLIPBOARD}this {EIGHT_BIT_CSI}\u202eevil" and record["path"] == f"/corpus/{HOSTILE_NAME}"


def test_a_file_name_that_is_not_utf8_is_shown_not_a_traceback(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    with open(bytes(folder) + b"/caf\xe9.txt", "w", encoding="utf-8") as handle:  # a Latin-1 name on a UTF-8 system
        handle.write("date 2024-01-02 By Wire\n\n“Open,” said Ann Lee.\n")
    for fmt in ("table", "json", "csv"):
        result = quotedesk("quotes", str(folder), "--format", fmt)
        assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
        assert b"Ann Lee" in result.stdout
    assert json.loads(quotedesk("quotes", str(folder), "--format", "json").stdout)[0]["path"].endswith("caf\udce9.txt")


# --- the browser -------------------------------------------------------------------------------------------------
BAD_URLS = ["--remote-debugging-port=9222", "file:///etc/passwd", "javascript:alert(1)", "-x https://a.example/",
            "ftp://files.example/x", "https://", "https://a.example/ x"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_markdown_url_that_is_not_http_is_not_kept(tmp_path: Path, url: str):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: T\nurl: {url}\n---\n\nBody.\n", encoding="utf-8")
    article = load_article(path)
    assert (article.url, article.url_refused) == (None, True)


def test_an_article_without_a_url_has_none_refused(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\n---\n\nBody.\n", encoding="utf-8")
    assert (load_article(path).url, load_article(path).url_refused) == (None, False)


# Starts like a web address, but has no host and carries an option for the browser.
OPTION_URL = "http:// --remote-debugging-port=9222"


def test_feed_and_page_links_that_are_not_web_addresses_are_not_kept(tmp_path: Path):
    feed = tmp_path / "f.rss"
    feed.write_text("<rss version='2.0'><channel><title>F</title>"
                    f"<item><title>One</title><link>{OPTION_URL}</link><description>Body text.</description></item>"
                    "<item><title>Two</title><link>javascript:alert(1)</link><description>Body.</description></item>"
                    "</channel></rss>", encoding="utf-8")
    assert [(article.url, article.url_refused) for article in load_articles(feed).articles] == [(None, True)] * 2
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><title>T</title><link rel='canonical' href='{OPTION_URL}'>"
                    "<meta property='og:url' content='file:///etc/passwd'></head>"
                    "<body><article><p>" + "A long paragraph of article text. " * 20 + "</p></article></body></html>",
                    encoding="utf-8")
    assert load_article(page).url is None


@pytest.mark.parametrize("url", [*BAD_URLS, "https://a.example/\x1b]2;x\x07"])
def test_the_launcher_never_hands_the_browser_anything_but_http(tmp_path: Path, monkeypatch, url: str):
    script, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {script}")
    assert open_in_browser(url) is False
    assert not log.exists()


@asynccontextmanager
async def article_opened_with_url(tmp_path: Path, db_path: Path, monkeypatch, title: str, url: str):
    """The app on one article whose front matter gives `url`, opened, with a browser that logs what it is given:
    yields the app, the pilot and that log."""
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\ntitle: {title}\nurl: {url}\n---\n\nBody.\n")
    script, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {script}")
    app = QuotedeskApp([folder], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        screen = await opened(pilot)
        assert screen.open_article.title == title
        yield app, pilot, log


async def test_o_on_an_article_with_a_hostile_url_starts_nothing(tmp_path: Path, db_path: Path, monkeypatch):
    async with article_opened_with_url(tmp_path, db_path, monkeypatch, "Linked",
                                       "--remote-debugging-port=9222") as (app, pilot, log):
        await pilot.press("o")
        app.open_url("file:///etc/passwd")  # a link clicked in the app goes the same way
        await pilot.pause()
        assert not log.exists()
        assert any("only http and https" in n.message for n in app._notifications)


async def test_o_on_an_article_whose_link_was_refused_says_so_and_starts_nothing(tmp_path: Path, db_path: Path,
                                                                                 monkeypatch):
    async with article_opened_with_url(tmp_path, db_path, monkeypatch, "Scripted",
                                       '"javascript:alert(1)"') as (app, pilot, log):
        await pilot.press("o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("refused as unsafe" in message for message in messages), messages
        assert not any("has no URL" in message for message in messages)
        assert not log.exists()


def test_the_editor_never_gets_an_argument_starting_with_a_dash(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VISUAL", "vi")
    monkeypatch.chdir(tmp_path)
    assert editor_command("-c:!touch pwned") == ["vi", str(tmp_path / "-c:!touch pwned")]


# --- spreadsheets ----------------------------------------------------------------------------------------------
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_export_cells_never_start_a_formula():
    highlights = [Highlight(id=f"h{n}", article_id="a", start=0, end=1, text=formula, created="2024",
                            note=formula, speaker=formula, title=formula, source=formula, path=formula)
                  for n, formula in enumerate(FORMULAS)]
    rows = list(csv.DictReader(io.StringIO(render(highlights, "csv"))))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for name in ("text", "note", "speaker", "title", "source", "path"):
            assert row[name].startswith("'"), (name, row[name])
    assert rows[0]["note"] == "'" + FORMULAS[0]  # prefixed, else kept as it was


def test_quotes_csv_cells_never_start_a_formula(tmp_path: Path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2024-01-02 By Wire\n\n“=HYPERLINK(1) is the plan,” said Ann Lee.\n")
    rows = list(csv.DictReader(io.StringIO(quotedesk("quotes", str(folder), "--format", "csv").stdout.decode())))
    assert rows and rows[0]["text"] == "'=HYPERLINK(1) is the plan"


def test_printable_is_the_one_sanitiser():
    assert printable(f"a{CLIPBOARD}b{TITLE}c{CLEAR}d{EIGHT_BIT_CSI}e\u202ef\udce9") == "abcdef\ufffd"
    assert printable("two\nlines\x1b[31m", lines=True) == "two\nlines"
