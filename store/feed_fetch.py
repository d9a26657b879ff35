"""Feeds named by URL: downloaded once per launch into the cache folder, then read from there like any feed
file. When the download fails, the copy saved by an earlier launch is used, and the user is told."""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus_db import cache_root
from .corpus import MAX_ARTICLE_BYTES
from .feeds import parse_feed
from .text import NotText, clean_inline

FETCH_TIMEOUT = 10.0  # seconds without an answer before a feed counts as unreachable


@dataclass(frozen=True)
class Fetched:
    path: Path | None  # the feed file to read: this launch's download or an earlier copy; None: nothing to read
    notice: str | None = None  # one line on what went wrong and which copy is read; None when all went well


class FetchError(Exception):
    """A feed could not be downloaded; the message is one line for the user."""


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def feed_cache_path(url: str, cache_dir: Path | None = None) -> Path:
    digest = hashlib.blake2b(url.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
    return (cache_dir or cache_root() / "feeds") / f"{digest}.xml"


def fetch_feed(url: str, cache_dir: Path | None = None, timeout: float = FETCH_TIMEOUT) -> Fetched:
    """Download the feed at `url` into the cache. Never raises: a failure is a notice, with the copy from an
    earlier launch to read when there is one."""
    target = feed_cache_path(url, cache_dir)
    shown = clean_inline(url)
    try:
        body = _download(url, timeout)
        try:
            parse_feed(target, body)  # an error page or a web page must not replace a good copy
        except NotText as exc:
            raise FetchError(f"{shown} is not a feed: {exc}") from None
        _save(target, body)
        return Fetched(target)
    except FetchError as exc:
        problem = str(exc)
    except OSError as exc:
        problem = f"cannot save the feed from {shown} in {target.parent}: {exc.strerror or exc}"
    if target.is_file():
        saved = time.strftime("%Y-%m-%d %H:%M", time.localtime(target.stat().st_mtime))
        return Fetched(target, f"{problem}; reading the copy saved {saved}")
    return Fetched(None, f"{problem}; no earlier copy to read")


def _download(url: str, timeout: float) -> bytes:
    import http.client
    import socket
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={
        "User-Agent": "quotedesk (feed reader)",
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    })
    shown = clean_inline(url)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_ARTICLE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"cannot fetch {shown}: HTTP {exc.code} {clean_inline(str(exc.reason))}") from None
    except (urllib.error.URLError, OSError) as exc:  # no network, no such host, refused, timed out
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            reason = f"no answer within {timeout:g} s"
        elif isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        raise FetchError(f"cannot fetch {shown}: {clean_inline(str(reason))} (offline?)") from None
    except (http.client.HTTPException, ValueError) as exc:  # a broken answer, or a URL urllib cannot use
        raise FetchError(f"cannot fetch {shown}: {clean_inline(str(exc)) or type(exc).__name__}") from None
    if len(body) > MAX_ARTICLE_BYTES:
        raise FetchError(f"cannot fetch {shown}: larger than {MAX_ARTICLE_BYTES // 2**20} MB")
    return body


def _save(target: Path, body: bytes) -> None:
    """Write atomically, and only when the feed changed: an unchanged file keeps its time, so the catalog does
    not read it again."""
    try:
        if target.read_bytes() == body:
            return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(body)
    os.replace(tmp, target)
