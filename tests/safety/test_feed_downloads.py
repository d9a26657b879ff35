"""Feeds named by URL: one deadline for a whole download (a silent or trickling server cannot hold anything up),
downloads in parallel and after the window is up, and redirects only to http(s)."""
from __future__ import annotations

import select
import socket
import threading
import time
from pathlib import Path

import pytest

from store import State
from store.sources.feed_download import feed_cache_path, fetch_feed
from tui.app import QuotedeskApp

from ..app.helpers import loaded

FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Feed</title><item><title>Ferry news"
        b"</title><guid>ferry-1</guid><description>\xe2\x80\x9cThe ferry runs at dawn,\xe2\x80\x9d said Mara Quill."
        b"</description></item></channel></rss>")


class Server:
    """A TCP server on 127.0.0.1 that answers each connection with `answer(connection)` in a thread of its own,
    and remembers when each connection came and went."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.stop = threading.Event()
        self.connections: list[dict] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.rss"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            record = {"came": time.monotonic(), "went": None}
            self.connections.append(record)
            threading.Thread(target=self._handle, args=(connection, record), daemon=True).start()

    def _handle(self, connection: socket.socket, record: dict) -> None:
        with connection:
            connection.settimeout(0.1)
            try:
                self.answer(self, connection)
            except OSError:
                pass
            record["went"] = time.monotonic()

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


def read_request(connection: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            data += connection.recv(4096)
        except socket.timeout:
            continue


def trickle(server: Server, connection: socket.socket) -> None:
    """An answer that never ends: a byte every 0.2 s, as long as the client listens."""
    read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n")
    while not server.stop.is_set():
        connection.sendall(b" ")
        time.sleep(0.2)


def silence(server: Server, connection: socket.socket) -> None:
    """Takes the request, never answers, and notices when the client gives up (closes)."""
    while not server.stop.is_set():
        try:
            if connection.recv(4096) == b"":
                return
        except socket.timeout:
            continue


@pytest.fixture
def servers():
    started: list[Server] = []

    def start(answer) -> Server:
        started.append(Server(answer))
        return started[-1]

    yield start
    for server in started:
        server.close()


def test_a_trickling_server_costs_one_deadline_not_forever(servers, tmp_path: Path):
    server = servers(trickle)
    result: list = []
    download = threading.Thread(target=lambda: result.append(fetch_feed(server.url, tmp_path, timeout=1.0)),
                                daemon=True)
    download.start()
    download.join(30)  # far beyond the deadline: only a download without one is still running
    assert not download.is_alive(), "the download of a trickling server never ended"
    [fetched] = result
    assert fetched.path is None and "no complete answer within 1 s" in fetched.notice


def test_a_name_lookup_that_never_answers_costs_one_deadline(tmp_path: Path, monkeypatch):
    answered = threading.Event()  # the lookup answers only once the test is over

    def silent_lookup(*args, **kwargs):
        answered.wait(30)
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", silent_lookup)
    try:
        result: list = []
        download = threading.Thread(target=lambda: result.append(
            fetch_feed("http://feeds.example.org/news.xml", tmp_path, timeout=0.5)), daemon=True)
        download.start()
        download.join(20)
        assert not download.is_alive(), "the download waited for the name lookup"
        [fetched] = result
        assert fetched.path is None and "no complete answer within 0.5 s" in fetched.notice
    finally:
        answered.set()


def test_downloads_run_in_parallel(servers, tmp_path: Path):
    from store.sources.feed_download import fetch_feeds

    first, second = servers(silence), servers(silence)
    fetched = fetch_feeds([first.url, second.url], tmp_path, timeout=1.0)
    assert all(f.path is None and "within 1 s" in f.notice for f in fetched)
    deadline = time.monotonic() + 10
    while any(c["went"] is None for s in (first, second) for c in s.connections) and time.monotonic() < deadline:
        time.sleep(0.05)
    [a], [b] = first.connections, second.connections
    assert b["came"] < a["went"] and a["came"] < b["went"], "one download waited for the other"


def test_a_redirect_to_anything_but_http_is_not_followed(servers, tmp_path: Path):
    with socket.create_server(("127.0.0.1", 0)) as ftp:  # where the redirect points: never to be contacted
        target = f"ftp://127.0.0.1:{ftp.getsockname()[1]}/feed.rss"

        def redirect(server: Server, connection: socket.socket) -> None:
            read_request(connection)
            connection.sendall(f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n".encode())

        fetched = fetch_feed(servers(redirect).url, tmp_path, timeout=5)
        assert fetched.path is None and "which is not an http(s) address" in fetched.notice
        contacted, _, _ = select.select([ftp], [], [], 0)  # a connection attempt waits in the backlog
        assert contacted == []


async def test_feeds_download_after_the_window_is_up_and_fill_the_list_in(servers, corpus: Path, db_path: Path):
    gate = threading.Event()

    def slow_feed(server: Server, connection: socket.socket) -> None:
        read_request(connection)
        gate.wait(20)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: "
                           + str(len(FEED)).encode() + b"\r\n\r\n" + FEED)

    feed = servers(slow_feed)
    unreachable = servers(silence)
    app = QuotedeskApp([corpus, feed_cache_path(feed.url), feed_cache_path(unreachable.url)], State(db_path),
                       feeds=[feed.url, unreachable.url])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)  # the local articles, while the feed server has not answered
        assert screen.library.reader.article_count() == 4 and not gate.is_set()
        gate.set()
        for _ in range(500):
            if any(meta.title == "Ferry news" for meta in screen.library.reader.newest(-1)):
                break
            await pilot.pause(0.02)
        assert [meta.title for meta in screen.library.reader.newest(-1) if meta.format == "feed"] == ["Ferry news"]
        assert app.is_running
