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


def test_a_folder_below_the_root_names_the_source_of_articles_without_one(tmp_path: Path):
    corpus = tmp_path / "corpus"
    write_article(corpus, "Valley Gazette/2024-05-01-story.txt", "Bridge reopens\n\nThe bridge reopened.\n")
    write_article(corpus, "Valley Gazette/2024-05-02-notes.md", "# Ferry back\n\nThe ferry is back.\n")
    write_article(corpus, "Valley Gazette/wire.txt", " date 2024-05-03 By Coastal Wire\n\nThe port grew.\n")
    write_article(corpus, "Valley Gazette/own.md", "---\ntitle: Own\nsource: Hill Times\n---\n\nA hill.\n")
    write_article(corpus, "top.txt", "Top story\n\nStraight in the opened folder.\n")
    report = scan_corpus([corpus])
    sources = {article.path.name: article.source for article in report.articles()}
    assert sources == {"2024-05-01-story.txt": "Valley Gazette", "2024-05-02-notes.md": "Valley Gazette",
                       "wire.txt": "Coastal Wire", "own.md": "Hill Times", "top.txt": None}


def test_the_folder_source_leaves_the_identity_alone(tmp_path: Path):
    from store.sources.article_files import load_article, source_folder

    path = write_article(tmp_path / "corpus", "Valley Gazette/story.txt", "Bridge reopens\n\nThe bridge reopened.\n")
    named = load_article(path, None, source_folder(path, [tmp_path / "corpus"]))
    assert named.source == "Valley Gazette"
    assert named.id == load_article(path).id  # moving a file between folders keeps its highlights


def test_source_folder_counts_only_folders_below_a_root(tmp_path: Path):
    from store.sources.article_files import source_folder

    root = tmp_path / "corpus"
    assert source_folder(root / "a.txt", [root]) is None
    assert source_folder(root / "Valley Gazette" / "a.txt", [root]) == "Valley Gazette"
    assert source_folder(root / "2024" / "May" / "a.txt", [root]) == "May"  # the folder it is in
    assert source_folder(root / "Valley Gazette" / "a.txt", [root, root / "Valley Gazette"]) is None
    assert source_folder(tmp_path / "elsewhere" / "a.txt", [root]) is None
    assert "\x1b" not in source_folder(root / "Bad\x1b[31mName" / "a.txt", [root])  # cleaned like all text
