"""RSS and Atom feeds: entries as articles, feeds by URL (served from 127.0.0.1 only), the corpus database, the CLI."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.sources.article_files import load_article, load_articles
from store.sources.feed_download import feed_cache_path, fetch_feed
from store.sources.feeds import parse_feed
from store.library import Library
from store.text import NotText, clean

from ..conftest import PROJECT, write_article

FEEDS = PROJECT / "tests" / "fixtures" / "feeds"
RSS = FEEDS / "harbour_news.rss"
ATOM = FEEDS / "ledger.atom"


def assert_clean(text: str) -> None:
    assert clean(text) == text
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in text)


# --- entries as articles ----------------------------------------------------------------------------
def test_rss_entries_become_articles_with_title_date_source_and_url():
    read = load_articles(RSS)
    assert [(a.title, a.date, a.source, a.url, a.entry) for a in read.articles] == [
        ("Harbour board approves container terminal", "2024-03-08", "Meridian News & Views",
         "https://meridian.example/news/2024/harbour-terminal", "meridian-2024-0308-harbour"),
        ("Library bus starts its rounds", "2024-03-05", "Meridian News & Views",
         "https://meridian.example/news/2024/library-bus", "https://meridian.example/news/2024/library-bus"),
    ]
    harbour = read.articles[0]
    # The full content wins over the one-line description; the "Read the full story" link is dropped.
    assert harbour.paragraphs == [
        "The harbour board approved a new container terminal on Friday after a year of public hearings.",
        "“This terminal will carry the town for thirty years,” board chair Marta Lindqvist said.",
        "Critics were unconvinced. “The dredging will ruin the bay,” said Petter Holm, a fisherman.",
    ]
    assert harbour.path == RSS and harbour.format == "feed"
    assert read.problems == ["entry 3 (A headline with no story): no text"]


def test_atom_entries_html_titles_and_plain_text_summaries():
    read = load_articles(ATOM)
    assert [(a.title, a.date, a.source) for a in read.articles] == [
        ("Glasgow keeps libraries open on Sundays", "2024-04-19", "Northern Ledger"),
        ("Rail strike ends after talks", "2024-04-16", "Northern Ledger"),
    ]
    assert read.articles[1].paragraphs == [
        "The rail strike ended on Tuesday after eleven hours of talks.",
        '"We got what we came for," union leader Karl Ostrom told reporters.',
    ]
    assert read.problems == []


def test_an_entry_is_loaded_again_by_its_locator():
    for article in load_articles(RSS).articles + load_articles(ATOM).articles:
        assert load_article(article.path, article.entry) == article
    with pytest.raises(NotText, match="no longer in the feed"):
        load_article(RSS, "no-such-entry")
    with pytest.raises(NotText, match="feed holds many articles"):
        load_article(RSS)


def test_locators_are_unique_in_a_feed(tmp_path: Path):
    items = "".join(f"<item><guid>same</guid><title>T{n}</title><description>Story number {n}.</description></item>"
                    for n in range(3))
    feed = tmp_path / "dup.xml"
    feed.write_text(f'<rss version="2.0"><channel><title>S</title>{items}</channel></rss>')
    articles = load_articles(feed).articles
    assert [a.entry for a in articles] == ["same", "#1", "#2"]
    assert [load_article(feed, a.entry).title for a in articles] == ["T0", "T1", "T2"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"<html><body><p>Just a page.</p></body></html>", "not an RSS or Atom feed"),
        (b'{"items": []}', "not an RSS or Atom feed"),
        (b"\x00\xff" * 50, "not an RSS or Atom feed"),
        (b'<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>', "no entries"),
    ],
)
def test_what_is_not_a_feed_is_skipped_with_a_reason(tmp_path: Path, data: bytes, reason: str):
    with pytest.raises(NotText, match=reason):
        parse_feed(tmp_path / "x.xml", data)


def test_a_truncated_feed_keeps_the_entries_it_has(tmp_path: Path):
    data = RSS.read_bytes()
    read = parse_feed(tmp_path / "cut.rss", data[: data.index(b"<item>", data.index(b"</item>"))])
    assert [a.title for a in read.articles] == ["Harbour board approves container terminal"]


def test_hostile_feed_text_is_cleaned(tmp_path: Path):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Evil&#x1b;]0;pwned&#x7; News</title>'
        "<item><title>Click &#x1b;[31mhere&#x1b;[0m [bold]now[/bold]</title>"
        "<guid>id&#x1b;[2J-1</guid><link>javascript:alert(1)</link>"
        "<description>&lt;p&gt;Text \u009b31m with &#x202e;override and [link=https://x]markup[/link].&lt;/p&gt;"
        "&lt;script&gt;alert(1)&lt;/script&gt;</description></item></channel></rss>"
    )
    [article] = parse_feed(tmp_path / "evil.xml", feed.encode()).articles
    assert article.source == "Evil News"
    assert article.title == "Click here [bold]now[/bold]"
    # A C1 control may come out as nothing or (feedparser's cp1252 reading) as "›": never as a control.
    assert article.text.startswith("Text ") and "\x9b" not in article.text and "alert" not in article.text
    assert article.text.endswith(" with override and [link=https://x]markup[/link].")
    assert article.url is None  # only web addresses
    for field in (article.title, article.text, article.source, article.entry):
        assert_clean(field)


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
_MARKUP = st.lists(st.one_of(_TEXT, st.sampled_from(
    ["<p>", "</p>", "<br>", "<a href='x'>", "</a>", "<script>", "</script>", "&#27;[31m", "&#x9b;", "\x1b]0;t\x07",
     "<![CDATA[", "]]>", "&", "<", "<!--", "-->", "<div", "\r\n", "&amp;", "\u202e"])), max_size=20).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_MARKUP, body=_MARKUP, raw=st.booleans())
def test_any_entry_converts_without_error_to_clean_text(tmp_path: Path, title: str, body: str, raw: bool):
    from xml.sax.saxutils import escape

    def wrap(text: str) -> str:
        return text if raw else escape(text)  # raw: markup straight in the XML, most of it malformed

    feed = (f'<rss version="2.0"><channel><title>{wrap(title)}</title><item><title>{wrap(title)}</title>'
            f"<description>{wrap(body)}</description></item></channel></rss>").encode("utf-8", "surrogatepass")
    try:
        read = parse_feed(tmp_path / "h.xml", feed)
    except NotText:
        return
    for article in read.articles:
        assert article.text
        for field in (article.title, article.text, article.source or "", article.entry):
            assert_clean(field)
        assert "\n\n\n" not in article.text and article.text == article.text.strip()


# --- the corpus database ------------------------------------------------------------------------------
def test_every_entry_is_listed_and_read_again(tmp_path: Path, monkeypatch):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "meridian.rss").write_bytes(RSS.read_bytes())
    (folder / "ledger.atom").write_bytes(ATOM.read_bytes())
    write_article(folder, "note.txt", "A plain note\n\nSomething happened on the quay.\n")
    library = Library([folder], tmp_path / "cache")
    library.sync(workers=1)
    metas = library.reader.newest(-1)
    assert [(m.title, m.date, m.source, m.url) for m in metas] == [
        ("Glasgow keeps libraries open on Sundays", "2024-04-19", "Northern Ledger",
         "https://ledger.example/news/libraries-sundays"),
        ("Rail strike ends after talks", "2024-04-16", "Northern Ledger", "https://ledger.example/news/rail-strike"),
        ("Harbour board approves container terminal", "2024-03-08", "Meridian News & Views",
         "https://meridian.example/news/2024/harbour-terminal"),
        ("Library bus starts its rounds", "2024-03-05", "Meridian News & Views",
         "https://meridian.example/news/2024/library-bus"),
        ("A plain note", None, None, None),
    ]
    for meta in metas:
        article = load_article(meta.path, meta.entry)
        assert (article.id, article.title, article.entry) == (meta.id, meta.title, meta.entry)
    assert [(s.path.name, s.reason) for s in library.reader.skipped()] == [
        ("meridian.rss", "entry 3 (A headline with no story): no text")]

    monkeypatch.setattr("store.indexing.load_articles", lambda path, *rest: pytest.fail(f"read {path}"))
    again = Library([folder], tmp_path / "cache")
    assert again.reader.newest(-1) == metas and again.reader.skipped() == library.reader.skipped()
    assert not again.changes()  # nothing changed: no feed is parsed again


def test_a_changed_feed_is_read_again_whole(tmp_path: Path):
    feed = tmp_path / "news" / "ledger.atom"
    feed.parent.mkdir()
    feed.write_bytes(ATOM.read_bytes())
    library = Library([feed.parent], tmp_path / "cache")
    library.sync(workers=1)
    numbers = dict(library.connection.execute("SELECT entry, num FROM articles"))
    text = ATOM.read_text()
    first_entry = text[text.index("  <entry>"): text.index("  </entry>") + len("  </entry>\n")]
    new_entry = (first_entry.replace("libraries-sundays", "ferry").replace("branch libraries open on Sundays",
                                                                            "ferry running all winter"))
    feed.write_text(text.replace(first_entry, new_entry))  # one entry replaced by another
    os.utime(feed, ns=(1, 1_000_000_000))
    assert [item[0] for item in library.changes().to_read] == [str(feed)]
    library.sync(workers=1)
    now = dict(library.connection.execute("SELECT entry, num FROM articles"))
    assert sorted(now) == ["tag:ledger.example,2024:ferry", "tag:ledger.example,2024:rail-strike"]
    rail = "tag:ledger.example,2024:rail-strike"
    assert now[rail] == numbers[rail]  # the unchanged entry was left as it was
    feed.unlink()
    library.sync(workers=1)
    assert library.reader.article_count() == 0


# --- feeds by URL, from a server on 127.0.0.1 ---------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    routes = {
        "/feed.rss": (200, "application/rss+xml", RSS.read_bytes()),
        "/feed.atom": (200, "application/atom+xml", ATOM.read_bytes()),
        "/page": (200, "text/html", b"<html><body><h1>Welcome</h1><p>This is a web page.</p></body></html>"),
    }

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        status, kind, body = self.routes.get(self.path, (404, "text/html", b"<h1>Not Found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> str:
    """An address on 127.0.0.1 where nothing listens: what offline looks like."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.rss"


def test_a_feed_url_is_downloaded_into_the_cache(server: str, tmp_path: Path):
    for name, titles in (("feed.rss", 2), ("feed.atom", 2)):
        fetched = fetch_feed(f"{server}/{name}", tmp_path)
        assert fetched.notice is None
        assert fetched.path == feed_cache_path(f"{server}/{name}", tmp_path)
        assert len(load_articles(fetched.path).articles) == titles


def test_an_unchanged_feed_keeps_its_file_time(server: str, tmp_path: Path):
    path = fetch_feed(f"{server}/feed.rss", tmp_path).path
    os.utime(path, ns=(1, 1_000_000_000))
    assert fetch_feed(f"{server}/feed.rss", tmp_path).path.stat().st_mtime_ns == 1_000_000_000


def test_http_errors_and_non_feeds_are_a_message(server: str, tmp_path: Path):
    missing = fetch_feed(f"{server}/nothing", tmp_path)
    assert missing.path is None
    assert missing.notice == f"cannot fetch {server}/nothing: HTTP 404 Not Found; no earlier copy to read"
    page = fetch_feed(f"{server}/page", tmp_path)
    assert page.path is None
    assert page.notice.startswith(f"{server}/page is not a feed: not an RSS or Atom feed")


def test_offline_is_a_message(closed_port: str, tmp_path: Path):
    fetched = fetch_feed(closed_port, tmp_path, timeout=5)
    assert fetched.path is None
    assert fetched.notice == f"cannot fetch {closed_port}: Connection refused (offline?); no earlier copy to read"


def test_offline_reads_the_copy_from_an_earlier_launch(server: str, tmp_path: Path):
    url = f"{server}/feed.rss"
    first = fetch_feed(url, tmp_path)
    _Handler.routes, saved = {}, _Handler.routes  # the server now answers 404 to everything
    try:
        again = fetch_feed(url, tmp_path)
    finally:
        _Handler.routes = saved
    assert again.path == first.path
    assert again.notice.startswith(f"cannot fetch {url}: HTTP 404 Not Found; reading the copy saved 20")
    assert len(load_articles(again.path).articles) == 2


def test_a_page_does_not_replace_a_good_copy(server: str, tmp_path: Path):
    url = f"{server}/feed.rss"
    path = fetch_feed(url, tmp_path).path
    _Handler.routes, saved = {"/feed.rss": _Handler.routes["/page"]}, _Handler.routes
    try:
        fetched = fetch_feed(url, tmp_path)
    finally:
        _Handler.routes = saved
    assert fetched.path == path and "is not a feed" in fetched.notice
    assert path.read_bytes() == RSS.read_bytes()


# --- the command line -------------------------------------------------------------------------------
def quotedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=PROJECT, capture_output=True, text=True,
                          timeout=60)


def test_quotes_lists_the_quotations_of_a_feeds_entries():
    result = quotedesk("quotes", str(RSS), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["entry"], r["speaker"], r["text"]) for r in records] == [
        ("meridian-2024-0308-harbour", "Marta Lindqvist", "This terminal will carry the town for thirty years"),
        ("meridian-2024-0308-harbour", "Petter Holm", "The dredging will ruin the bay"),
        ("https://meridian.example/news/2024/library-bus", "Anna Berg", "Books should come to people"),
    ]
    for record in records:
        body = load_article(Path(record["path"]), record["entry"]).text
        assert body[record["start"]: record["end"]] == record["text"]
    assert result.stderr == f"quotedesk: skipped {RSS}: entry 3 (A headline with no story): no text\n"


def test_quotes_and_search_read_a_feed_url(server: str):
    result = quotedesk("quotes", f"{server}/feed.atom", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["speaker"] for line in result.stdout.splitlines()] == ["Aileen McBride", "Karl Ostrom"]
    result = quotedesk("search", "speaker:ostrom", f"{server}/feed.atom", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [row["headline"] for row in json.loads(result.stdout)] == ["Rail strike ends after talks"]


def test_an_unreachable_feed_url_is_a_one_line_message(closed_port: str, tmp_path: Path):
    for args in (["quotes", closed_port], ["search", "x", closed_port]):  # the app says so in its window
        result = quotedesk(*args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert (f"quotedesk: skipped: cannot fetch {closed_port}: Connection refused (offline?); "
                "no earlier copy to read") in result.stderr.splitlines()


def test_a_missing_local_path_beside_a_url_is_still_status_2(server: str, tmp_path: Path):
    result = quotedesk(f"{server}/feed.rss", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"quotedesk: error: no such file or directory: {tmp_path / 'nope'}"]
