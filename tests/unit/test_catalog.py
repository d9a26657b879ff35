from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import catalog as catalog_module
from store.catalog import Catalog

from ..conftest import write_article


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def scanned(corpus: Path, cache: Path) -> Catalog:
    catalog = Catalog([corpus], cache)
    catalog.load_cache()
    catalog.scan()
    catalog.save_cache()
    return catalog


def test_a_second_open_lists_from_the_cache_without_reading_files(corpus: Path, cache: Path, monkeypatch):
    first = scanned(corpus, cache)
    monkeypatch.setattr(catalog_module, "load_articles", lambda path: pytest.fail(f"read {path}"))
    again = Catalog([corpus], cache)
    assert again.load_cache()
    assert again.articles() == first.articles()
    assert [a.date for a in again.articles()] == ["2023-06-01", "2021-04-02", "2019-11-20", None]
    assert not again.scan()  # nothing changed on disk


def test_changed_added_and_deleted_files_are_noticed(corpus: Path, cache: Path):
    scanned(corpus, cache)
    harbour = corpus / "wire" / "harbour.txt"
    harbour.write_text(harbour.read_text().replace("Friday", "Saturday"))
    os.utime(harbour, ns=(1, 1_000_000_000))  # a different mtime even on coarse clocks
    (corpus / "essay.md").unlink()
    write_article(corpus, "new.txt", "date 2024-02-02 By Wire\n\nA brand new story about the port.\n")
    catalog = Catalog([corpus], cache)
    assert catalog.load_cache()
    changes = catalog.scan()
    assert [m.path.name for m in changes.changed] == ["harbour.txt"]
    assert [m.path.name for m in changes.added] == ["new.txt"]
    assert [m.path.name for m in changes.removed] == ["essay.md"]
    assert [a.date for a in catalog.articles()] == ["2024-02-02", "2021-04-02", "2019-11-20", None]
    assert "Saturday" in catalog.read(catalog.articles()[1]).text


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"garbage" * 10,  # not ours
        # another version
        lambda data: data.replace(b"quotedesk-catalog %d" % catalog_module.CATALOG_FORMAT, b"quotedesk-catalog 99", 1),
        lambda data: data[:-5] + bytes(5),  # a damaged payload
        lambda data: b"",
    ],
)
def test_a_damaged_or_foreign_cache_is_rebuilt_not_trusted(corpus: Path, cache: Path, damage):
    first = scanned(corpus, cache)
    [cache_file] = list(cache.rglob("catalog.bin"))
    cache_file.write_bytes(damage(cache_file.read_bytes()))
    catalog = Catalog([corpus], cache)
    assert not catalog.load_cache() and catalog.cache_problem
    assert catalog.articles() == []
    catalog.scan()
    assert catalog.articles() == first.articles()


def test_a_cache_of_other_folders_is_not_used(corpus: Path, cache: Path, tmp_path: Path):
    scanned(corpus, cache)
    other = tmp_path / "other"
    write_article(other, "x.txt", "Title\n\nBody.\n")
    [cache_file] = list(cache.rglob("catalog.bin"))
    mine = Catalog([other], cache)
    (mine.folder).mkdir(parents=True, exist_ok=True)
    (mine.folder / "catalog.bin").write_bytes(cache_file.read_bytes())
    assert not mine.load_cache() and "other folders" in mine.cache_problem


def test_unreadable_files_are_remembered_and_not_read_again(corpus: Path, cache: Path, monkeypatch):
    (corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    first = scanned(corpus, cache)
    assert [s.path.name for s in first.skipped()] == ["image.txt"]
    monkeypatch.setattr(catalog_module, "load_articles", lambda path: pytest.fail(f"read {path}"))
    again = Catalog([corpus], cache)
    again.load_cache()
    assert not again.scan()
    assert [s.path.name for s in again.skipped()] == ["image.txt"]
