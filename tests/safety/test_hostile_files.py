"""Files that would hang, exhaust or crash a reader: FIFOs, devices, folders nested thousands deep, pages of
millions of tiny tags, invisible characters inside words."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import State, load_article
from store.sources.article_files import iter_article_files
from store.text import NotText
from tui.app import QuotedeskApp

from ..app.helpers import loaded
from .conftest import quotedesk, start_app, wait_for_exit, wait_for_screen

STORY = "date 2024-01-02 By Wire\n\n“The ferry runs at dawn,” said Mara Quill.\n"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def corpus_with(folder: Path, **specials: str) -> Path:
    """A folder with one good article and, for each name, a FIFO ("fifo") or a symlink to a device path."""
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    for name, kind in specials.items():
        if kind == "fifo":
            os.mkfifo(folder / name)
        else:
            (folder / name).symlink_to(kind)
    return folder


@needs_fifo
def test_quotes_reads_past_a_fifo_and_device_symlinks(tmp_path: Path):
    folder = corpus_with(tmp_path / "c", **{"pipe.txt": "fifo", "zero.txt": "/dev/zero", "random.md": "/dev/urandom"})
    result = quotedesk("quotes", str(folder), timeout=60)
    assert result.returncode == 0, result.stderr
    assert b"Mara Quill" in result.stdout
    stderr = result.stderr.decode()
    assert "pipe.txt: not a regular file (a FIFO)" in stderr
    assert "zero.txt: not a regular file (a character device)" in stderr
    assert "random.md: not a regular file (a character device)" in stderr
    assert "MemoryError" not in stderr and "Traceback" not in stderr


@needs_fifo
def test_the_reader_never_reads_more_than_the_limit(tmp_path: Path):
    from store.files import NotRegularFile, TooLarge, read_regular

    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegularFile, match="FIFO"):
        read_regular(tmp_path / "pipe", 100)  # returns at once: never opened, never waited on
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(TooLarge):
        read_regular(tmp_path / "big", 100)
    assert read_regular(tmp_path / "big", 101) == b"x" * 101


@needs_fifo
def test_the_app_lists_a_folder_with_a_fifo_and_quits(tmp_path: Path, tmux):
    folder = corpus_with(tmp_path / "c", **{"pipe.txt": "fifo", "zero.txt": "/dev/zero"})
    start_app(tmux, tmp_path, str(folder))
    wait_for_screen(tmux, lambda s: "1 unread of 1" in s and "2 skipped" in s, "the list with two files skipped")
    tmux("send-keys", "q")
    wait_for_exit(tmux, "q")


def nested(root: Path, depth: int) -> Path:
    """`depth` folders one inside the other, made relative to each level (the whole path is too long for one
    call to the OS), with an article at the bottom."""
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        article = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(article, STORY.encode())
        os.close(article)
    finally:
        os.close(fd)
    return root


def remove_nested(root: Path) -> None:
    """Remove what `nested` made, bottom up (`shutil.rmtree`, and so pytest's clean-up, recurse and would fail)."""
    fds = [os.open(root, os.O_RDONLY)]
    try:
        while True:
            try:
                fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
            except FileNotFoundError:
                break
        for name in os.listdir(fds[-1]):
            os.unlink(name, dir_fd=fds[-1])
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir("d", dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)


DEPTH = 1500


@pytest.fixture
def deep_root(tmp_path: Path):
    root = nested(tmp_path / "deep", DEPTH)
    yield root
    remove_nested(root)


def test_folders_nested_1500_deep_are_walked(deep_root: Path):
    root = deep_root
    [found] = iter_article_files([root])
    assert found.name == "deep.txt" and found.parts.count("d") == DEPTH
    result = quotedesk("quotes", str(root))
    assert result.returncode == 0 and b"RecursionError" not in result.stderr, result.stderr
    assert b"Mara Quill" in result.stdout
    result = quotedesk("search", "ferry", str(root), "--format", "json")
    assert result.returncode == 0 and b"RecursionError" not in result.stderr, result.stderr
    assert b"deep.txt" in result.stdout


async def test_the_app_opens_folders_nested_1500_deep(deep_root: Path, db_path: Path):
    app = QuotedeskApp([deep_root], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert [meta.title for meta in screen.library.reader.newest(-1)] == ["“The ferry runs at dawn,” said Mara Quill"]


def tiny_tags_page(elements: int) -> bytes:
    body = "".join(f"<b>w{i}</b> " for i in range(elements))
    return f"<html><head><title>Tags</title></head><body><article><p>{body}</p></article></body></html>".encode()


def test_a_page_of_too_many_elements_is_refused_with_a_message(tmp_path: Path):
    from store.sources.html_text import MAX_HTML_ELEMENTS

    page = tmp_path / "tags.html"
    page.write_bytes(tiny_tags_page(MAX_HTML_ELEMENTS + 1))
    with pytest.raises(NotText, match=f"too many HTML elements for an article \\(more than {MAX_HTML_ELEMENTS:,}\\)"):
        load_article(page)
    page.write_bytes(tiny_tags_page(200))
    assert load_article(page).title == "Tags"  # a page within the limit is read


def test_a_feed_of_too_many_elements_is_refused_with_a_message(tmp_path: Path):
    from store.sources.html_text import MAX_HTML_ELEMENTS

    escaped = "&lt;b&gt;w&lt;/b&gt; " * (MAX_HTML_ELEMENTS + 1)  # as feeds carry HTML
    feed = tmp_path / "f.rss"
    feed.write_text(f"<rss version='2.0'><channel><title>F</title><item><title>One</title>"
                    f"<description>{escaped}</description></item></channel></rss>", encoding="utf-8")
    result = quotedesk("quotes", str(feed))
    assert result.returncode == 1
    assert "too many HTML elements" in result.stderr.decode()


def test_invisible_characters_inside_words_are_removed_at_load(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-01-02 By Wire\n\n“The Regie\u00adrung will act,” said Anna Gru\u200bber, the "
                    "min\u200dis\u200cter. Her wo\u2060rds were clear\ufeff.\n", encoding="utf-8")
    article = load_article(path)
    assert "Regierung" in article.text and "Anna Gruber" in article.text and "minister" in article.text
    assert not set("\u00ad\u200b\u200c\u200d\u2060\ufeff") & set(article.text)
    result = quotedesk("quotes", str(path), "--format", "json")
    assert b'"speaker": "Anna Gruber"' in result.stdout
    result = quotedesk("search", "regierung gruber", str(path), "--format", "json")
    assert b"a.txt" in result.stdout


def test_joiners_that_build_emoji_and_shape_words_are_kept(tmp_path: Path):
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    path = tmp_path / "a.txt"
    path.write_text(f"date 2024-01-02 By Wire\n\nA {family} photo. The word {persian}. Ma\u200dria left.\n",
                    encoding="utf-8")
    article = load_article(path)
    assert family in article.text and persian in article.text
    assert "Maria left" in article.text
