from __future__ import annotations

import os
from pathlib import Path

from store import bundled_sample_data

from ..conftest import scan_corpus, write_article


def test_folders_are_read_recursively_newest_first(corpus: Path):
    report = scan_corpus([corpus])
    assert [a.date for a in report.articles()] == ["2023-06-01", "2021-04-02", "2019-11-20", None]
    assert {a.format for a in report.articles()} == {"wire", "plain", "markdown"}
    assert report.skipped() == []


def test_unreadable_files_are_skipped_with_a_reason(corpus: Path):
    (corpus / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (corpus / "empty.md").write_text("")
    (corpus / "ignored.json").write_text("{}")  # not an article suffix: never tried in a folder
    report = scan_corpus([corpus])
    assert len(report.articles()) == 4
    reasons = {s.path.name: s.reason for s in report.skipped()}
    assert set(reasons) == {"picture.txt", "empty.md"}
    assert "binary" in reasons["picture.txt"] and "empty" in reasons["empty.md"]


def test_same_article_twice_is_listed_once(corpus: Path, tmp_path: Path):
    copy = tmp_path / "elsewhere" / "renamed.txt"
    copy.parent.mkdir()
    copy.write_bytes((corpus / "wire" / "harbour.txt").read_bytes().replace(b"\n", b"\r\n"))
    report = scan_corpus([corpus, copy])
    assert len(report.articles()) == 4
    assert [s.path for s in report.skipped()] == [copy]


def test_a_file_named_twice_and_a_symlink_loop_are_read_once(corpus: Path):
    os.symlink(corpus, corpus / "wire" / "loop")
    report = scan_corpus([corpus, corpus / "wire" / "harbour.txt"])
    assert len(report.articles()) == 4


def test_explicit_file_of_any_suffix_is_tried(tmp_path: Path):
    path = write_article(tmp_path, "story.news", "Headline here\n\nBody.\n")
    report = scan_corpus([path])
    assert [a.title for a in report.articles()] == ["Headline here"]


def test_bundled_sample_data_is_rich_enough():
    report = scan_corpus([bundled_sample_data()])
    assert report.skipped() == []
    formats = [a.format for a in report.articles()]
    assert formats.count("wire") >= 12 and formats.count("plain") >= 2 and formats.count("markdown") >= 2
    wire_years = {a.date[:4] for a in report.articles() if a.format == "wire"}
    assert {"2019", "2025"} <= wire_years
    assert len({a.source for a in report.articles() if a.format == "wire"}) >= 3
