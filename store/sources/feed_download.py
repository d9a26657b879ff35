"""Feeds named by URL: downloaded once per launch into the cache folder, then read from there like any feed
file. When the download fails, the copy saved by an earlier launch is used, and the user is told.

A download has one deadline for all of it (the name lookup, connecting, the answer, every byte of the feed): a
name server or a server that is silent, or trickles a byte now and then, costs at most `FETCH_TIMEOUT` seconds.
Several feeds are downloaded in parallel (`fetch_feeds`). Redirects are followed only to other http(s) addresses."""
from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..corpus_db import cache_root
from .article_files import MAX_ARTICLE_BYTES
from .feeds import parse_feed
from ..files import read_regular, write_atomically
from ..text import NotText, clean_inline, web_address

FETCH_TIMEOUT = 10.0  # seconds for a whole download, from connecting to the last byte
PARALLEL_DOWNLOADS = 8


@dataclass(frozen=True)
class Fetched:
    path: Path | None  # the feed file to read: this launch's download or an earlier copy; None: nothing to read
    notice: str | None = None  # one line on what went wrong and which copy is read; None when all went well
    changed: bool = False  # the file at `path` is new or different from the copy of an earlier launch


class FetchError(Exception):
    """A feed could not be downloaded; the message is one line for the user."""


def feed_cache_path(url: str, cache_dir: Path | None = None) -> Path:
    digest = hashlib.blake2b(url.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return (cache_dir or cache_root() / "feeds") / f"{digest}.xml"


def fetch_feeds(urls: Iterable[str], cache_dir: Path | None = None, timeout: float = FETCH_TIMEOUT) -> list[Fetched]:
    """`fetch_feed` for each URL, in parallel; the results in the order of `urls`."""
    urls = list(urls)
    if len(urls) < 2:
        return [fetch_feed(url, cache_dir, timeout) for url in urls]
    with ThreadPoolExecutor(min(PARALLEL_DOWNLOADS, len(urls)), thread_name_prefix="feed") as pool:
        return list(pool.map(lambda url: fetch_feed(url, cache_dir, timeout), urls))


def fetch_feed(url: str, cache_dir: Path | None = None, timeout: float = FETCH_TIMEOUT) -> Fetched:
    """Download the feed at `url` into the cache, in at most `timeout` seconds. Never raises: a failure is a
    notice, with the copy from an earlier launch to read when there is one."""
    target = feed_cache_path(url, cache_dir)
    shown = clean_inline(url)
    try:
        body = _download(url, timeout)
        try:
            parse_feed(target, body)  # an error page or a web page must not replace a good copy
        except NotText as exc:
            raise FetchError(f"{shown} is not a feed: {exc}") from None
        return Fetched(target, changed=_save(target, body))
    except FetchError as exc:
        problem = str(exc)
    except OSError as exc:
        problem = f"cannot save the feed from {shown} in {target.parent}: {exc.strerror or exc}"
    if target.is_file():
        saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(target.stat().st_mtime))
        return Fetched(target, f"{problem}; reading the copy saved {saved}")
    return Fetched(None, f"{problem}; no earlier copy to read")


class _Deadline:
    """One time limit for a whole download. When it passes, every socket the download opened is shut down, which
    ends at once a read blocked on a silent server or one trickling its answer a byte at a time."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _opener(deadline: _Deadline):
    """A urllib opener (proxies from the environment as usual) whose connections `deadline` watches, and which
    follows redirects only to http(s) addresses."""
    import http.client
    import urllib.request

    def watched(connection_class: type) -> type:
        class Watched(connection_class):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                create = self._create_connection  # every socket it opens, also through a proxy
                self._create_connection = lambda *a, **k: deadline.watch(create(*a, **k))

        return Watched

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(watched(http.client.HTTPConnection), req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(watched(http.client.HTTPSConnection), req, context=self._context)

    class RedirectHandler(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if web_address(newurl) is None:
                raise FetchError(f"cannot fetch {clean_inline(req.full_url)}: it redirects to "
                                 f"{clean_inline(newurl)}, which is not an http(s) address")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HTTPHandler, HTTPSHandler, RedirectHandler)


def _download(url: str, timeout: float) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, headers={
        "User-Agent": "quotedesk (feed reader)",
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    })
    shown = clean_inline(url)
    if web_address(url) is None:
        raise FetchError(f"cannot fetch {shown}: not an http(s) address")
    # The name lookup comes before any socket the deadline could shut, and cannot be cut: the download runs in a
    # thread of its own, and the caller waits for it no longer than the deadline.
    outcome: list[bytes | BaseException] = []
    finished = threading.Event()

    def download() -> None:
        try:
            outcome.append(_read_answer(request, shown, timeout))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            outcome.append(exc)
        finally:
            finished.set()

    threading.Thread(target=download, name="feed download", daemon=True).start()
    if not finished.wait(timeout):
        raise FetchError(f"cannot fetch {shown}: no complete answer within {timeout:g} s (offline?)")
    body = outcome[0]
    if isinstance(body, BaseException):
        raise body
    if len(body) > MAX_ARTICLE_BYTES:
        raise FetchError(f"cannot fetch {shown}: larger than {MAX_ARTICLE_BYTES // 2**20} MB")
    return body


def _read_answer(request, shown: str, timeout: float) -> bytes:
    import http.client
    import urllib.error

    with _Deadline(timeout) as deadline:
        try:
            with _opener(deadline).open(request, timeout=timeout) as response:
                body = response.read(MAX_ARTICLE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise FetchError(f"cannot fetch {shown}: HTTP {exc.code} {clean_inline(str(exc.reason))}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            if deadline.expired:
                raise FetchError(f"cannot fetch {shown}: no complete answer within {timeout:g} s (offline?)") from None
            if isinstance(exc, (http.client.HTTPException, ValueError)):  # a broken answer, or a URL urllib cannot use
                raise FetchError(f"cannot fetch {shown}: {clean_inline(str(exc)) or type(exc).__name__}") from None
            reason = getattr(exc, "reason", exc)  # no network, no such host, refused, timed out
            if isinstance(reason, (socket.timeout, TimeoutError)):
                reason = f"no answer within {timeout:g} s"
            elif isinstance(reason, OSError) and reason.strerror:
                reason = reason.strerror
            raise FetchError(f"cannot fetch {shown}: {clean_inline(str(reason))} (offline?)") from None
        if deadline.expired:  # the connection was cut: what was read is not the whole feed
            raise FetchError(f"cannot fetch {shown}: no complete answer within {timeout:g} s (offline?)")
    return body


def _save(target: Path, body: bytes) -> bool:
    """Write atomically, and only when the feed changed (True then): an unchanged file keeps its time, so the
    catalog does not read it again."""
    try:
        if read_regular(target, MAX_ARTICLE_BYTES) == body:
            return False
    except (OSError, ValueError):  # none yet, or not a file we can read: replaced
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, body)
    return True
