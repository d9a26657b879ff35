"""The check of the files before a search: the listing by find, when it says nothing changed, is trusted only
while it is the listing the walk last agreed with; any edit changes it, and without find the walk gives the same
answer."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from store import freshness
from store.freshness import Listing, changed_files, current_listing
from store.library import Library

from ..conftest import write_article
from .test_corpus_db import found, indexed

needs_find = pytest.mark.skipif(current_listing([Path(__file__).parent]) is None,
                                reason="no GNU find here: the walk alone checks the files")


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as long) in place, the file's time moved on by a second: neither its size nor its
    folder changes."""
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == before.st_size


def no_walk(*args):
    pytest.fail("the files were walked")


def settled(library: Library) -> Library:
    """The database as if last written an hour ago: a listing taken now may be recorded beside its files."""
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for name in (library.path, Path(f"{library.path}-wal")):
        if name.exists():
            os.utime(name, ns=(an_hour_ago, an_hour_ago))
    return library


def recorded_listing(library: Library) -> str | None:
    row = library.connection.execute("SELECT value FROM meta WHERE key = 'listing'").fetchone()
    return row and row[0]


@needs_find
def test_an_unchanged_corpus_is_checked_by_the_listing_alone(corpus: Path, monkeypatch):
    library = settled(indexed([corpus]))
    assert library.changes().recorded  # walked: the listing is recorded beside the files' digest
    monkeypatch.setattr(freshness, "walk_article_files", no_walk)
    changes = library.changes()
    assert not changes and changes.recorded


@needs_find
def test_an_edit_that_keeps_the_size_changes_the_listing_and_is_found(corpus: Path):
    library = settled(indexed([corpus]))
    library.changes()
    assert recorded_listing(library)
    listed = current_listing([corpus])
    harbour = corpus / "wire" / "harbour.txt"
    same_size_edit(harbour, "dredging", "trawling")
    assert current_listing([corpus]) != listed
    assert [Path(path).name for path, *_ in library.changes().to_read] == ["harbour.txt"]
    assert found(library, "trawling") == ["harbour.txt"] and found(library, "dredging") == []


@needs_find
@pytest.mark.parametrize("change", ["append", "rename", "delete", "new folder", "same size edit in a subfolder"])
def test_every_change_changes_the_listing(corpus: Path, change: str):
    library = indexed([corpus])
    library.changes()
    listed = current_listing([corpus])
    harbour = corpus / "wire" / "harbour.txt"
    if change == "append":
        with open(harbour, "a", encoding="utf-8") as file:
            file.write("\nMore.\n")
    elif change == "rename":
        harbour.rename(harbour.with_name("renamed.txt"))
    elif change == "delete":
        harbour.unlink()
    elif change == "new folder":
        write_article(corpus, "wire/later/late.txt", "Late\n\nNews.\n")
    else:
        same_size_edit(harbour, "harbour", "harvest")
    assert current_listing([corpus]) != listed
    assert library.changes()


def test_a_hidden_file_changes_nothing(corpus: Path):
    library = indexed([corpus])
    library.changes()
    listed = current_listing([corpus])
    write_article(corpus, "wire/.draft.txt", "Draft\n\nNot yet.\n")
    (corpus / "wire" / ".draft.txt").write_text("Draft\n\nChanged.\n")
    # Its folder's time moved on: the listing differs (None without find), the walk finds nothing to read.
    assert listed is None or current_listing([corpus]) != listed
    assert not library.changes() and library.changes().recorded


def test_without_find_the_walk_gives_the_same_answer(corpus: Path, tmp_path: Path, monkeypatch):
    """Each change, checked with the listing (where find is at hand) and with the walk alone, on copies of one
    database: the same files to read, the same files gone, the same verdict on the recorded digest."""
    library = settled(indexed([corpus]))
    library.changes()

    def both() -> list[tuple]:
        answers = []
        for can_list in (True, False):
            monkeypatch.setattr(freshness, "_CAN_LIST", can_list)
            copy = sqlite3.connect(tmp_path / f"copy-{can_list}.sqlite3", isolation_level=None)
            library.connection.backup(copy)
            changes = changed_files(copy, [corpus])
            answers.append((changes.to_read, changes.removed, changes.recorded))
            copy.close()
            (tmp_path / f"copy-{can_list}.sqlite3").unlink()
        monkeypatch.undo()
        return answers

    harbour = corpus / "wire" / "harbour.txt"
    steps = [lambda: None,
             lambda: same_size_edit(harbour, "dredging", "trawling"),
             lambda: harbour.write_text(harbour.read_text() + "\nMore.\n"),
             lambda: (corpus / "plain.txt").rename(corpus / "renamed.txt"),
             lambda: (corpus / "essay.md").unlink(),
             lambda: write_article(corpus, "wire/later/late.txt", "Late\n\nNews.\n")]
    for step in steps:
        step()
        with_listing, walked = both()
        assert with_listing == walked
        library.sync(workers=1)
        settled(library)
    assert both()[0] == ([], [], True)


def test_a_listing_recorded_with_other_files_is_not_trusted(corpus: Path, monkeypatch):
    """The listing counts only beside the files' digest it was recorded with: once the database's files change
    (another process read them), the walk decides again."""
    library = settled(indexed([corpus]))
    library.changes()
    connection = library.connection
    connection.execute("UPDATE meta SET value = 'another' WHERE key = 'files_digest'")
    calls = []
    monkeypatch.setattr(freshness, "walk_article_files",
                        lambda roots: calls.append(roots) or iter(()))
    library.changes()
    assert calls


def test_an_edit_behind_a_symbolic_link_is_found(corpus: Path, tmp_path: Path):
    """find does not follow links below the roots, the walk does: a listing that holds one leaves the check to the
    walk, which sees an edit of the file the link leads to."""
    outside = write_article(tmp_path / "outside", "linked.txt", "Ferry news\n\nThe ferries ran late.\n")
    (corpus / "linked").symlink_to(outside.parent, target_is_directory=True)
    library = indexed([corpus])
    assert library.changes().recorded
    assert current_listing([corpus]) is None
    same_size_edit(outside, "ferries", "barges!")
    assert found(library, "barges") == ["linked.txt"]


@needs_find
@pytest.mark.parametrize("where", ["wire/aaa-linked.txt", "wire/zzz-linked.txt", "wire/deep/er/linked.txt"])
def test_a_symbolic_link_anywhere_among_the_files_leaves_the_check_to_the_walk(corpus: Path, tmp_path: Path,
                                                                              where: str):
    """Whichever place find meets it at, among many files and folders, a link below the roots makes the listing
    no answer: the walk follows it to the file and sees that file's edit."""
    for number in range(40):
        write_article(corpus, f"wire/many/{number:02d}.txt", f"Story {number}\n\nNothing happened.\n")
    outside = write_article(tmp_path / "outside", "target.txt", "Ferry news\n\nThe ferries ran late.\n")
    (corpus / where).parent.mkdir(parents=True, exist_ok=True)
    (corpus / where).symlink_to(outside)
    library = indexed([corpus])
    assert library.changes().recorded
    assert current_listing([corpus]) is None
    same_size_edit(outside, "ferries", "barges!")
    assert found(library, "barges") == [Path(where).name]


@needs_find
def test_a_root_that_is_a_symbolic_link_is_listed(corpus: Path, tmp_path: Path):
    link = tmp_path / "link"
    link.symlink_to(corpus, target_is_directory=True)
    listed = current_listing([link])
    assert listed is not None
    same_size_edit(corpus / "wire" / "harbour.txt", "dredging", "trawling")
    assert current_listing([link]) != listed


@needs_find
def test_a_listing_started_before_the_database_was_written_is_not_recorded(corpus: Path):
    """Files listed before another process stored newer ones must not stand for them: had the files gone back to
    what was listed, the check would miss it."""
    library = settled(indexed([corpus]))
    listing = Listing([corpus])
    library.connection.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('written', 'now')")
    assert library.changes(listing=listing).recorded
    assert recorded_listing(library) is None
    settled(library)
    assert library.changes().recorded and recorded_listing(library)  # a listing started well after it is


@needs_find
def test_a_search_of_a_closed_database_records_its_listing(corpus: Path, monkeypatch):
    """As `quotedesk search` runs: find's listing starts, then the database is opened (its first reader makes an
    empty write-ahead log). Opening it writes nothing: the listing is recorded, and the next search checks the
    files by the listing alone."""
    library = indexed([corpus])
    library.close()
    wal = Path(f"{library.path}-wal")
    assert not wal.exists()  # the last connection closed took it away
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(library.path, ns=(an_hour_ago, an_hour_ago))
    listing = Listing([corpus])
    library = Library([corpus])
    assert wal.exists() and wal.stat().st_size == 0
    assert library.changes(listing=listing).recorded
    assert recorded_listing(library)
    monkeypatch.setattr(freshness, "walk_article_files", no_walk)
    changes = Library([corpus]).changes()
    assert not changes and changes.recorded


def test_a_recorded_listing_is_compared_piece_by_piece_with_the_one_found():
    """The recorded text matches only the pieces' exact bytes, one after the other: a byte more, less or
    different anywhere, or a text that is no bytes, is another listing."""
    pieces = (b"5c10\0", b"4096 17 /corpus\0\0", b"f 12 1.5 /corpus/a.txt\0")
    joined = b"".join(pieces)
    assert freshness._joined(joined, pieces)
    assert freshness._joined(b"", (b"", b""))
    for other in (joined + b"\0", joined[:-1], joined.replace(b"a.txt", b"b.txt"), joined.replace(b"5c", b"6c"),
                  b"4096 17 /corpus\0\0" + b"5c10\0" + pieces[2], None, joined.decode()):
        assert not freshness._joined(other, pieces), other


def folders_corpus(root: Path) -> Path:
    """Articles in six folders (one of them nested), and one beside them: enough folders for finds to share."""
    for folder in ("north", "south", "east", "west", "hills", "coast/bays"):
        for number in range(3):
            write_article(root, f"{folder}/{number}.txt", f"Story {number}\n\nThe {folder} ferry ran late.\n")
    write_article(root, "top.txt", "Top story\n\nThe ferry ran on time.\n")
    return root


def entries(text: bytes) -> list[bytes]:
    return [entry for entry in text.split(b"\0") if entry]


@needs_find
def test_finds_sharing_the_folders_list_every_entry_once_as_one_find_does(tmp_path: Path, monkeypatch):
    corpus = folders_corpus(tmp_path / "corpus")
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert len(freshness._parts([str(corpus)])) == 4  # what stands in the root, then three shares of the folders
    shared = current_listing([corpus])
    assert shared == current_listing([corpus])  # the same folders shared out the same way each time
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert len(freshness._parts([str(corpus)])) == 1
    alone = current_listing([corpus])
    assert sorted(entries(shared)) == sorted(entries(alone))
    assert len(entries(shared)) == 1 + 7 + 1 + 6 * 3  # the root; what stands in it; coast/bays; the stories


@needs_find
@pytest.mark.parametrize("change", ["same size edit", "append", "rename", "delete", "new file", "new folder",
                                    "new folder in the root", "deep edit", "hidden folder"])
def test_every_change_in_any_share_changes_the_listing(tmp_path: Path, change: str, monkeypatch):
    corpus = folders_corpus(tmp_path / "corpus")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    listed = current_listing([corpus])
    for folder in ("north", "south", "hills"):  # in each share of the folders
        story = corpus / folder / "1.txt"
        if change == "same size edit":
            same_size_edit(story, "ferry", "barge")
        elif change == "append":
            story.write_text(story.read_text() + "More.\n")
        elif change == "rename":
            story.rename(story.with_name("renamed.txt"))
        elif change == "delete":
            story.unlink()
        elif change == "new file":
            write_article(corpus, f"{folder}/late.txt", "Late\n\nNews.\n")
        elif change == "new folder":
            write_article(corpus, f"{folder}/later/late.txt", "Late\n\nNews.\n")
        elif change == "new folder in the root":
            write_article(corpus, f"{folder}-2/late.txt", "Late\n\nNews.\n")
        elif change == "deep edit":
            same_size_edit(corpus / "coast" / "bays" / "1.txt", "ferry", "barge")
        else:  # only its folder's time tells: the walk then finds nothing to read
            write_article(corpus, f".{folder}/draft.txt", "Draft\n\nNot yet.\n")
        assert current_listing([corpus]) != listed, folder
        listed = current_listing([corpus])


@needs_find
def test_a_symbolic_link_in_any_share_leaves_the_check_to_the_walk(tmp_path: Path, monkeypatch):
    corpus = folders_corpus(tmp_path / "corpus")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    outside = write_article(tmp_path / "outside", "target.txt", "Ferry news\n\nThe ferries ran late.\n")
    for where in ("north/link.txt", "south/link.txt", "coast/bays/link.txt", "link-folder"):
        (corpus / where).symlink_to(outside.parent if where == "link-folder" else outside)
        assert current_listing([corpus]) is None, where
        (corpus / where).unlink()
        assert current_listing([corpus]) is not None
