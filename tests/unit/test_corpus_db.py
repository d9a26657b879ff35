"""The corpus database: kept in step with the files, rebuilt when it cannot be trusted, shared safely between
processes, and whole after a kill."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import corpus_db
from store.corpus_db import CorpusUnavailable
from store.library import Finished, Library, Rebuilt, Stored
from store.listing import ArticleView
from store.search import parse_query
from store.search.plan import compile_query
from store.speakers.table import SpeakerDirectory
from store.versions import QUOTES_VERSION

from ..conftest import PROJECT, indexed_words_by_article, write_article


def found(library: Library, text: str) -> list[str]:
    """What a search finds once the files were checked (as `quotedesk search` does): file names."""
    def run(connection: sqlite3.Connection) -> list[str]:
        view = ArticleView.of(connection, compile_query(parse_query(text)))
        return [view.row(connection, index).path.name for index in range(view.count)]

    return library.search_while_checking(run)


def indexed(roots: list[Path]) -> Library:
    library = Library(roots)
    library.sync(workers=1)
    return library


def titles(library: Library) -> list[str]:
    return [meta.title for meta in library.reader.newest(-1)]


# --- freshness ----------------------------------------------------------------------------------------


def test_a_second_open_lists_from_the_database_without_reading_files(corpus: Path, monkeypatch):
    first = indexed([corpus])
    monkeypatch.setattr("store.indexing.load_articles", lambda path, *rest: pytest.fail(f"read {path}"))
    again = Library([corpus])
    assert again.reader.newest(-1) == first.reader.newest(-1)
    assert [a.date for a in again.reader.newest(-1)] == ["2023-06-01", "2021-04-02", "2019-11-20", None]
    assert not again.changes()
    assert not again.sync(workers=1)  # nothing to do, nothing read


def test_append_edit_rename_and_delete_are_found_by_the_next_search(corpus: Path):
    library = indexed([corpus])
    harbour = corpus / "wire" / "harbour.txt"
    assert found(library, "trawler") == []
    with open(harbour, "a", encoding="utf-8") as file:  # appended in place: the folder does not change
        file.write("\nA trawler captain said nothing.\n")
    assert found(library, "trawler") == ["harbour.txt"]

    plain = corpus / "plain.txt"
    plain.write_text(plain.read_text().replace("eleven hours", "nine hours"))
    assert found(library, '"nine hours"') == ["plain.txt"] and found(library, "eleven") == []

    plain.rename(corpus / "renamed.txt")
    assert found(library, '"nine hours"') == ["renamed.txt"]

    (corpus / "essay.md").unlink()
    assert found(library, "turnout") == []
    assert [s.path.name for s in library.reader.skipped()] == []
    assert library.reader.article_count() == 3


def test_a_check_interrupted_after_dropping_a_moved_file_finds_it_when_it_comes_back(corpus: Path, monkeypatch):
    library = indexed([corpus])
    assert not library.changes() and library.changes().recorded  # the files as recorded: one digest compared
    plain = corpus / "plain.txt"
    aside = corpus.parent / "aside.txt"
    plain.rename(aside)

    def killed(self, files):
        raise KeyboardInterrupt  # after its first transaction, which dropped the file gone
        yield

    monkeypatch.setattr("store.indexing.Indexer._records", killed)
    with pytest.raises(KeyboardInterrupt):
        library.sync(workers=1)
    monkeypatch.undo()
    aside.rename(plain)  # back as it was, time and size: the files match what was recorded before the check
    assert found(library, '"eleven hours"') == ["plain.txt"]
    assert library.changes().recorded


def test_quotedesk_search_checks_the_files_first(corpus: Path, tmp_path: Path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def search(text: str) -> str:
        return subprocess.run([sys.executable, "-m", "tui.cli", "search", text, str(corpus), "--format", "json"],
                              cwd=PROJECT, capture_output=True, text=True, env=env, timeout=120).stdout

    assert "harbour" in search("dredging")
    write_article(corpus, "late.txt", "Late news\n\nThe dredging resumed at dawn.\n")
    assert "late.txt" in search("dredging")


def test_unreadable_files_are_remembered_and_not_read_again(corpus: Path, monkeypatch):
    (corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    first = indexed([corpus])
    assert [s.path.name for s in first.reader.skipped()] == ["image.txt"]
    monkeypatch.setattr("store.indexing.load_articles", lambda path, *rest: pytest.fail(f"read {path}"))
    again = Library([corpus])
    assert not again.changes()
    assert [s.path.name for s in again.reader.skipped()] == ["image.txt"]


def test_a_copy_is_listed_once_and_takes_over_when_the_original_goes(corpus: Path, tmp_path: Path):
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes((corpus / "wire" / "older.txt").read_bytes())
    library = Library([corpus, copy.parent])
    library.sync(workers=1)
    assert library.reader.article_count() == 4
    assert [s.path.name for s in library.reader.skipped()] == ["copy.txt"]
    (corpus / "wire" / "older.txt").unlink()
    library.sync(workers=1)
    assert library.reader.article_count() == 4 and library.reader.skipped() == []


def test_many_files_are_read_by_worker_processes_in_their_order(tmp_path: Path):
    folder = tmp_path / "many"
    for number in range(60):
        write_article(folder, f"{number:03d}.txt", f"date 2024-01-01 By Wire\n\nStory number {number} about the port.\n")
    library = Library([folder])
    events: list = []
    assert library.sync(events.append, workers=2)
    assert library.reader.article_count() == 60
    # one day: the articles in the order their files were walked
    assert [meta.path.name for meta in library.reader.newest(-1)] == [f"{n:03d}.txt" for n in range(60)]
    assert isinstance(events[-1], Finished) and events[-1].changed


def test_a_first_build_leaves_no_reading_process_behind(tmp_path: Path, monkeypatch):
    """A first build starts its reading processes before it knows how many files there are: with a few files it
    reads them itself, and with many it uses the processes; either way none is left running."""
    from store import read_worker

    started: list[subprocess.Popen] = []
    start = read_worker.start
    monkeypatch.setattr(read_worker, "start", lambda module: started.append(start(module)) or started[-1])
    few, many = tmp_path / "few", tmp_path / "many"
    for number in range(3):
        write_article(few, f"{number:03d}.txt", f"date 2024-01-01 By Wire\n\nStory number {number} about the port.\n")
    for number in range(60):
        write_article(many, f"{number:03d}.txt", f"date 2024-01-02 By Wire\n\nStory number {number} about the dam.\n")
    for folder, count in ((few, 3), (many, 60)):
        library = Library([folder])
        assert library.sync(workers=2)
        assert library.reader.article_count() == count
    assert len(started) == 4 and all(process.poll() is not None for process in started)


_HELD_READER = """
import sys, time
from pathlib import Path
from store import read_worker

folder = Path(sys.argv[1])


def answer(files):
    names = [Path(item[0]).name for item in files]
    if "000.txt" in names:  # a slow file: held until another process has read one far behind it
        deadline = time.monotonic() + 60
        while not (folder / "later-read").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        if not (folder / "later-read").exists():
            (folder / "held-in-vain").touch()
    if "150.txt" in names:
        (folder / "later-read").touch()
    return read_worker._read_files(files)


read_worker.serve(answer)
"""


def test_a_slow_file_does_not_hold_the_other_reading_process(tmp_path: Path, monkeypatch):
    """While one process reads a slow file, the other goes on with the files after it (their articles wait
    until the slow one's are stored, and are stored in the files' order)."""
    from store import read_worker

    folder = tmp_path / "many"
    for number in range(200):
        write_article(folder, f"{number:03d}.txt", f"date 2024-01-01 By Wire\n\nStory number {number} about the port.\n")
    signals = tmp_path / "signals"
    signals.mkdir()
    monkeypatch.setattr(read_worker, "start", lambda module: subprocess.Popen(
        [sys.executable, "-c", _HELD_READER, str(signals)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL))
    library = Library([folder])
    assert library.sync(workers=2)
    assert (signals / "later-read").exists() and not (signals / "held-in-vain").exists()
    assert [meta.path.name for meta in library.reader.newest(-1)] == [f"{n:03d}.txt" for n in range(200)]


_DYING_READER = """
import os
from pathlib import Path
from store import read_worker


def answer(files):
    if "100.txt" in [Path(item[0]).name for item in files]:
        os._exit(9)  # killed half way through the files, the other process going on
    return read_worker._read_files(files)


read_worker.serve(answer)
"""


def test_a_reading_process_that_dies_half_way_costs_nothing(tmp_path: Path, monkeypatch):
    from store import read_worker

    folder = tmp_path / "many"
    for number in range(200):
        write_article(folder, f"{number:03d}.txt", f"date 2024-01-01 By Wire\n\nStory number {number} about the port.\n")
    monkeypatch.setattr(read_worker, "start", lambda module: subprocess.Popen(
        [sys.executable, "-c", _DYING_READER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL))
    library = Library([folder])
    assert library.sync(workers=2)
    assert [meta.path.name for meta in library.reader.newest(-1)] == [f"{n:03d}.txt" for n in range(200)]


def test_a_reading_process_that_dies_costs_nothing_the_rest_is_read_here(tmp_path: Path, monkeypatch):
    """A reading process killed from outside (or out of memory) must not leave the corpus half read or the
    indexer raising: what it had not answered is read in this process."""
    from store import read_worker

    folder = tmp_path / "many"
    for number in range(60):
        write_article(folder, f"{number:03d}.txt", f"date 2024-01-01 By Wire\n\nStory number {number} about the port.\n")
    dying = [sys.executable, "-c", "import sys; sys.stdin.buffer.read(8); sys.exit(9)"]
    monkeypatch.setattr(read_worker, "start", lambda module: subprocess.Popen(
        dying, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL))
    library = Library([folder])
    assert library.sync(workers=2)
    assert [meta.path.name for meta in library.reader.newest(-1)] == [f"{n:03d}.txt" for n in range(60)]



_LOGGING_READER = """
import sys
from pathlib import Path
from store import read_worker

log = Path(sys.argv[1])


def answer(files):
    with log.open("a") as answered:
        answered.write(files[0][0] + "\\n")
    return [(path, size, mtime_ns, [], []) for path, size, mtime_ns, _source in files]


read_worker.serve(answer)
"""


def test_the_reading_processes_read_further_ahead_while_the_writer_writes(tmp_path: Path, monkeypatch):
    """Held back to a chunk ahead of the writer, a reading process goes on through every chunk while the writer
    says it is writing (a commit), and the answers still come in the chunks' order."""
    from store import read_worker

    log = tmp_path / "answered"
    monkeypatch.setattr(read_worker, "start", lambda module: subprocess.Popen(
        [sys.executable, "-c", _LOGGING_READER, str(log)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL))
    monkeypatch.setattr(read_worker.ReadingProcesses, "AHEAD_PER_PROCESS", 1)
    names = [f"{number:03d}.txt" for number in range(40)]
    processes = read_worker.ReadingProcesses(1)
    try:
        answers = processes.read([[(name, 1, 1, None)] for name in names])
        assert [record.path for record in next(answers)] == names[:1]
        with processes.writing():
            deadline = time.monotonic() + 60
            while not (log.exists() and len(log.read_text().split()) == len(names)):
                assert time.monotonic() < deadline, "the process did not read ahead while the writer wrote"
                time.sleep(0.01)
        assert [record.path for chunk in answers for record in chunk] == names[1:]
    finally:
        processes.close()
    assert all(process.poll() is not None for process in processes.processes)


def test_articles_written_a_few_at_a_time_are_stored_and_found_as_when_written_at_once(tmp_path: Path,
                                                                                      monkeypatch):
    from store import indexing

    monkeypatch.setattr(indexing, "FLUSH_ARTICLES", 3)
    folder = tmp_path / "many"
    for number in range(60):
        write_article(folder, f"{number:03d}.txt",
                      f"date 2024-01-{1 + number % 3:02d} By Wire\n\nStory number {number} about the port.\n")
    library = Library([folder])
    assert library.sync(workers=2)
    # newest day first, each day's articles in the order their files were walked
    assert [meta.path.name for meta in library.reader.newest(-1)] == [
        f"{number:03d}.txt" for day in (2, 1, 0) for number in range(60) if number % 3 == day]
    assert found(library, "port") == [f"{number:03d}.txt" for day in (2, 1, 0) for number in range(60)
                                      if number % 3 == day]

# --- damaged, foreign, old ------------------------------------------------------------------------------


def _database(corpus: Path) -> Path:
    return corpus_db.database_path([corpus])


def _set_meta(key: str, value: object):
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        connection.commit()
        connection.close()
    return damage


def _foreign(path: Path) -> None:
    corpus_db.remove_database(path)
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes(body) VALUES ('not ours')")
    connection.commit()
    connection.close()


def _rewrite(change):
    def damage(path: Path) -> None:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        path.write_bytes(change(path.read_bytes()))
    return damage


@pytest.mark.parametrize("damage, reason", [
    (_rewrite(lambda data: data[: len(data) // 2]), "damaged"),
    (_rewrite(lambda data: b"garbage" * 1000), "damaged"),
    (_rewrite(lambda data: b""), "empty"),
    (_foreign, "not a quotedesk corpus database"),
    (_set_meta("schema", 99), "another version of quotedesk"),
    (_set_meta("quotes", QUOTES_VERSION + 1), "quotation engine"),
    (_set_meta("roots", '["/somewhere/else"]'), "other folders"),
    (_set_meta("quotation_packing", "marshal 0"), "another version of Python"),
])
def test_a_database_that_cannot_be_trusted_is_rebuilt_with_a_notice(corpus: Path, damage, reason):
    first = indexed([corpus])
    expected = titles(first)
    first.close()
    damage(_database(corpus))
    library = Library([corpus])
    assert library.notice and reason in library.notice
    assert library.reader.article_count() == 0
    library.sync(workers=1)
    assert titles(library) == expected
    assert len(library.reader.quotations(library.reader.newest(1)[0].id)) == 1  # found again


def test_damage_found_while_indexing_rebuilds(corpus: Path):
    first = indexed([corpus])
    first.close()
    path = _database(corpus)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'files'").fetchone()[0]
    connection.close()
    with open(path, "r+b") as file:  # garble the files table's page: the header still looks fine
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)
    library = Library([corpus])
    assert library.notice is None
    with open(corpus / "plain.txt", "a", encoding="utf-8") as file:  # a change: its row in the table is read
        file.write("\nOne more line.\n")
    events: list = []
    library.sync(events.append, workers=1)
    assert any(isinstance(event, Rebuilt) for event in events)
    assert len(titles(library)) == 4


def test_damaged_quotations_found_while_indexing_rebuild(corpus: Path):
    first = indexed([corpus])
    expected = titles(first)
    first.close()
    connection = sqlite3.connect(_database(corpus))
    assert connection.execute("UPDATE article_quotations SET packed = x'ff00ff'").rowcount
    connection.commit()
    connection.close()
    library = Library([corpus])
    for path in corpus.rglob("*.txt"):  # changed: the quotations they had are read to be taken out
        with open(path, "a", encoding="utf-8") as file:
            file.write("\nOne more line.\n")
    events: list = []
    library.sync(events.append, workers=1)
    assert any(isinstance(event, Rebuilt) for event in events)
    assert titles(library) == expected
    assert len(library.reader.quotations(library.reader.newest(1)[0].id)) == 1


def test_old_caches_are_removed_not_read(corpus: Path, tmp_path: Path):
    import hashlib

    names = str(corpus.resolve())
    old = tmp_path / "cache" / "quotedesk" / "corpora" / hashlib.blake2b(names.encode(), digest_size=12).hexdigest()
    (old / "index-quotes1").mkdir(parents=True)
    (old / "catalog.bin").write_bytes(b"quotedesk-catalog 2 3.11\n" + b"\x00" * 64)
    (old / "index-quotes1" / "search-index.bin").write_bytes(b"QDSEARCH" + b"\x00" * 64)
    (old / "index-quotes1" / "quotations.bin").write_bytes(b"quotedesk-quotations")
    library = indexed([corpus])
    assert len(titles(library)) == 4
    assert not old.exists()


def test_without_fts5_one_clear_error_line(corpus: Path, monkeypatch, capsys):
    real_connect = sqlite3.connect

    class NoFts5:
        def __init__(self, connection):
            self.connection = connection

        def execute(self, sql, *args):
            if "fts5" in sql.lower():
                raise sqlite3.OperationalError("no such module: fts5")
            return self.connection.execute(sql, *args)

        def close(self):
            self.connection.close()

    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: NoFts5(real_connect(*args, **kwargs)))
    with pytest.raises(CorpusUnavailable):
        Library([corpus])
    from tui.cli import main

    assert main(["search", "harbour", str(corpus)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "FTS5" in err[0] and err[0].startswith("quotedesk: error:")


# --- processes ------------------------------------------------------------------------------------------


def _many(folder: Path, count: int) -> None:
    for number in range(count):
        write_article(folder, f"{number // 100:02d}/{number:04d}.txt",
                      f"date 2024-02-{number % 28 + 1:02d} By Wire\n\nThe minister visited port {number}.\n\n"
                      f"“We will build the quay {number},” Ada Novak said.\n")


def _quotations_by_article(library: Library) -> dict[str, list[tuple]]:
    """Each article's quotations as the reader is shown them, by article id; and no quotation, nor any count of a
    speaker's, is stored that no article has."""
    connection = library.connection
    stored = {(number, first): corpus_db.unpack_quotations(packed)
              for first, number, packed in connection.execute("SELECT id, article, packed FROM article_quotations")}
    counted = {(number, first): count for number, first, count in connection.execute(
        "SELECT num, first_quotation, quotation_count FROM articles WHERE quotation_count")}
    assert {key: len(rows) for key, rows in stored.items()} == counted
    speakers = sorted(row for (number, _first), rows in stored.items() for row in corpus_db.speaker_rows(number, rows))
    assert connection.execute("SELECT * FROM speaker_articles ORDER BY 1, 2, 3").fetchall() == speakers
    ids = [article_id for (article_id,) in connection.execute("SELECT id FROM articles")]
    return {article_id: [(q.text, q.speaker) for q in library.reader.quotations(article_id)] for article_id in ids}


def _index_by_article(library: Library) -> dict[str, tuple[set[str], tuple]]:
    """Each article's row of the full-text index, by article id: the words the index holds for it, and the fields
    kept beside it. Every article has one, and no other number has any."""
    connection = library.connection
    ids = dict(connection.execute("SELECT num, id FROM articles"))
    words = indexed_words_by_article(connection)
    rows = {number: tuple(fields) for number, *fields in connection.execute("SELECT * FROM search_rows")}
    assert set(words) == set(rows) == set(ids)
    return {ids[number]: (words[number], rows[number]) for number in ids}


def test_files_changed_removed_and_moved_leave_the_index_a_first_indexing_of_them_makes(tmp_path: Path):
    folder = tmp_path / "corpus"
    _many(folder, 60)
    library = Library([folder], tmp_path / "kept")
    library.sync(workers=1)
    freed = library.reader.number_of(library.reader.ids_of_file(folder / "00/0059.txt", None).pop())
    for number in range(0, 60, 7):  # changed: other words
        path = folder / f"00/{number:04d}.txt"
        path.write_text(path.read_text().replace("minister visited", "trawler captain left")
                        .replace("“We will", "“We may not").replace("said.", "said. “Not this year,” he added."))
    for number in (3, 14, 59):  # removed: 59 is the last of its day, whose number the new article takes
        (folder / f"00/{number:04d}.txt").unlink()
    (folder / "00/0005.txt").rename(folder / "moved.txt")
    write_article(folder, "new.txt", "date 2024-02-04 By Wire\n\nA ferry pilot spoke.\n\n"
                                     "“Calm seas ahead of us,” Ben Ortiz said.\n")
    library.sync(workers=1)
    assert library.reader.number_of(library.reader.ids_of_file(folder / "new.txt", None).pop()) == freed
    fresh = Library([folder], tmp_path / "fresh")
    fresh.sync(workers=1)
    assert _index_by_article(library) == _index_by_article(fresh)
    assert _quotations_by_article(library) == _quotations_by_article(fresh)
    for query in ("minister", "trawler", '"minister visited"', '"captain left"', "port", "59", "quay", "ferry",
                  "speaker:novak", "speaker:ortiz", "calm*", "-minister port"):
        assert found(library, query) == found(fresh, query), query
    assert found(library, "59") == [] and found(library, "ferry") == ["new.txt"]


INDEX_IN_A_PROCESS = """
import sys
from pathlib import Path
from store.library import Library
Library([Path(sys.argv[1])]).sync(workers=2)
"""

READ_IN_A_PROCESS = """
import sys, time
from pathlib import Path
from store.library import Library
from store.listing import ArticleView
from store.search import parse_query
from store.search.plan import compile_query
library = Library([Path(sys.argv[1])])
last = 0
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    library.connection.execute("BEGIN")  # one snapshot for the questions below
    count = library.reader.article_count()
    view = ArticleView.of(library.connection, compile_query(parse_query("minister")))
    rows = [view.row(library.connection, index) for index in range(min(view.count, 70))]
    library.connection.execute("COMMIT")
    assert count >= last and view.count == count and None not in rows, (count, last, view.count)
    last = count
    if count == int(sys.argv[2]):
        print("complete")
        break
"""


def test_two_processes_read_while_one_writes(tmp_path: Path):
    folder = tmp_path / "corpus"
    _many(folder, 400)
    Library([folder]).close()  # the database exists before anyone reads it
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = [sys.executable, "-c"]
    readers = [subprocess.Popen([*run, READ_IN_A_PROCESS, str(folder), "400"], cwd=PROJECT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    writer = subprocess.run([*run, INDEX_IN_A_PROCESS, str(folder)], cwd=PROJECT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert writer.returncode == 0, writer.stderr
    for reader in readers:
        out, err = reader.communicate(timeout=150)
        assert reader.returncode == 0 and out.strip() == "complete", err


# Commits often and stores slowly, so that a kill finds some articles stored and some not.
SLOW_INDEX_IN_A_PROCESS = """
import sys, time
from pathlib import Path
from store import indexing
from store.library import Library
indexing.COMMIT_SECONDS = 0.1
store = indexing._Writer.store
indexing._Writer.store = lambda self, record: (time.sleep(0.01), store(self, record))[1]
Library([Path(sys.argv[1])]).sync(workers=2)
"""


def test_a_kill_while_indexing_leaves_a_database_that_reopens_cleanly(tmp_path: Path):
    folder = tmp_path / "corpus"
    _many(folder, 600)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = corpus_db.database_path([folder], tmp_path / "cache" / "quotedesk" / "corpora")
    writer = subprocess.Popen([sys.executable, "-c", SLOW_INDEX_IN_A_PROCESS, str(folder)], cwd=PROJECT, env=env,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while not 0 < stored < 600:  # killed with some of the articles stored and some not
            assert time.monotonic() < deadline and writer.poll() is None, "the indexer finished or stalled"
            time.sleep(0.05)
            try:
                connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
                stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                connection.close()
            except sqlite3.Error:
                stored = 0
    finally:
        os.killpg(writer.pid, signal.SIGKILL)  # the indexer and its worker processes
        writer.wait(timeout=30)
    library = Library([folder])
    assert library.notice is None
    assert library.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert library.reader.article_count() < 600
    library.sync(workers=1)
    counts = library.connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM files), "
        "(SELECT count(*) FROM search_rows), (SELECT count(*) FROM article_quotations)").fetchone()
    assert counts == (600, 600, 600, 600)
    assert len(indexed_words_by_article(library.connection)) == 600


# Commits once (the first articles), then only writes what it reads, saying so: a kill then finds articles
# written and not committed.
WRITE_WITHOUT_COMMIT_IN_A_PROCESS = """
import sys, time
from pathlib import Path
from store import indexing
from store.library import Library
indexing.COMMIT_SECONDS = indexing.COMMIT_SECONDS_MAX = 3600.0
indexing.FLUSH_SECONDS = 0.05
store, flush = indexing._Writer.store, indexing._Writer.flush
indexing._Writer.store = lambda self, record: (time.sleep(0.01), store(self, record))[1]
def flush_and_say(self, **options):
    written = len(self.pending)
    flush(self, **options)
    if written and len(self.added_ids) > indexing.FIRST_COMMIT:
        print("written", len(self.added_ids), flush=True)
indexing._Writer.flush = flush_and_say
Library([Path(sys.argv[1])]).sync(workers=2)
"""


def test_a_kill_between_commits_loses_what_was_written_since_the_last_one_and_nothing_else(tmp_path: Path):
    folder = tmp_path / "corpus"
    _many(folder, 300)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    writer = subprocess.Popen([sys.executable, "-c", WRITE_WITHOUT_COMMIT_IN_A_PROCESS, str(folder)], cwd=PROJECT,
                              env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        line = writer.stdout.readline()  # waits until articles past the first commit are written
        assert line.startswith("written"), writer.stderr.read()
    finally:
        os.killpg(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    library = Library([folder])
    assert library.notice is None
    assert library.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = library.connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM search_rows), "
        "(SELECT count(*) FROM article_quotations)").fetchone()
    assert counts == (50, 50, 50)  # the first commit's articles only
    assert len(indexed_words_by_article(library.connection)) == 50
    library.sync(workers=1)
    counts = library.connection.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM files), "
        "(SELECT count(*) FROM search_rows), (SELECT count(*) FROM article_quotations)").fetchone()
    assert counts == (300, 300, 300, 300)
    assert len(indexed_words_by_article(library.connection)) == 300


@pytest.mark.skipif(sys.platform != "linux", reason="the cache folder is found without platformdirs on Linux only")
@pytest.mark.parametrize("cache_home, home", [("/tmp/x-cache", "/home/ada"), ("", "/home/ada"), ("relative", "/home/ada/"),
                                              ("/tmp/x-cache/", "relative")])
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch, cache_home, home):
    from platformdirs import user_cache_path

    monkeypatch.setenv("XDG_CACHE_HOME", cache_home)
    monkeypatch.setenv("HOME", home)
    assert corpus_db.cache_root() == user_cache_path("quotedesk", appauthor=False)


def test_the_stored_quotation_columns_are_the_fields_of_a_quotation():
    """The database keeps every field of a quotation, in order: a field added to the model is a new column."""
    import dataclasses

    from store.model import Quotation

    assert corpus_db.QUOTATION_FIELDS == tuple(field.name for field in dataclasses.fields(Quotation))


# --- a first indexing -----------------------------------------------------------------------------------


def _contents(library: Library) -> dict[str, list]:
    """Everything indexing stores, table by table, and the schema. (Quotations are numbered in the order written,
    which depends on when the writer wrote: each article's are compared as found from it.)"""
    connection = library.connection
    tables = ("files", "speaker_forms", "speakers", "provenance_article")
    contents = {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables}
    contents["articles"] = connection.execute(
        "SELECT num, id, path, entry, title, title_key, date, source, url, format, json_record, quotation_count "
        "FROM articles ORDER BY num").fetchall()
    contents["quotations"] = [
        (number, article, seq, *row) for number, article, packed in connection.execute(
            f"SELECT a.num, q.article, q.packed FROM articles a JOIN article_quotations q ON {corpus_db.QUOTATIONS_OF} "
            "ORDER BY a.num") for seq, row in enumerate(corpus_db.unpack_quotations(packed))]
    contents["speaker_articles"] = connection.execute("SELECT * FROM speaker_articles ORDER BY 1, 2, 3").fetchall()
    contents["search"] = connection.execute("SELECT * FROM search_rows ORDER BY num").fetchall()
    contents["index"] = indexed_words_by_article(connection)
    contents["schema"] = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    contents["minister"] = found(library, "minister novak")
    return contents


def test_a_first_indexing_stopped_then_resumed_stores_what_an_uninterrupted_one_does(tmp_path: Path):
    folder = tmp_path / "corpus"
    _many(folder, 150)
    whole = Library([folder], tmp_path / "whole")
    whole.sync(workers=1)
    expected = _contents(whole)
    assert len(expected["articles"]) == 150 and len(expected["speakers"]) == 1

    library = Library([folder], tmp_path / "resumed")
    stored: list[int] = []
    library.sync(lambda event: stored.append(event.articles) if isinstance(event, Stored) else None,
                 cancelled=lambda: len(stored) > 0, workers=1)  # stopped after its first commit
    assert 0 < library.reader.article_count() < 150
    # Meanwhile the speakers are those of the articles stored so far.
    novak = SpeakerDirectory(library.connection).speakers()
    assert [(s.name, s.quotations) for s in novak] == [("Ada Novak", library.reader.article_count())]
    library.sync(workers=1)
    assert _contents(library) == expected



def _answers(library: Library) -> dict[str, object]:
    """What the reader is shown of a corpus: searches, the speaker view and the quotations' provenance."""
    from store.provenance.reader import ProvenanceReader

    speakers = SpeakerDirectory(library.connection)
    provenance = ProvenanceReader(library.connection)
    keys = [stats.key for stats in speakers.speakers()]
    ids = [article_id for (article_id,) in library.connection.execute("SELECT id FROM articles ORDER BY num")]
    return {
        "searches": {query: found(library, query) for query in ("quay", "speaker:novak", "harbour -quay", "port*")},
        "speakers": speakers.speakers(),
        "months": {key: speakers.by_month(key) for key in keys},
        "quoted": {key: speakers.quotations_of(key) for key in keys},
        "provenance": {article_id: provenance.of_article(article_id) for article_id in ids},
        "groups": list(provenance.groups()),
        "changed": provenance.changed(),
    }


def test_how_often_a_first_indexing_commits_changes_nothing_it_stores_or_answers(tmp_path: Path, monkeypatch):
    """A commit (and a copy of the log into the file) after every article, or only after the first ones and at
    the end: the same database, the same answers."""
    from store import indexing

    folder = tmp_path / "corpus"
    _many(folder, 90)
    for number in range(12):  # one quotation printed by several sources, some of them changing a word
        word = "harbour" if number % 3 else "port"
        write_article(folder, f"copies/{number:02d}.txt",
                      f"date 2024-03-{number % 9 + 1:02d} By Desk {number}\n\nThe {word} reopened.\n\n"
                      f"“The {word} will stay open all winter for the fishing fleet,” Ben Ortiz said.\n")
    built = {}
    for name, seconds, share, log_pages in (("often", 0.0, 0.0, 1), ("rarely", 1e9, 1.0, 100_000)):
        monkeypatch.setattr(indexing, "COMMIT_SECONDS", seconds)
        monkeypatch.setattr(indexing, "COMMIT_SHARE", share)
        monkeypatch.setattr(indexing, "WRITER_WAL_PAGES", log_pages)
        commits: list[int] = []
        library = Library([folder], tmp_path / name)
        library.sync(lambda event: commits.append(event.articles) if isinstance(event, Stored) else None, workers=1)
        built[name] = (len(commits), _contents(library), _answers(library))
    (often, *often_built), (rarely, *rarely_built) = built["often"], built["rarely"]
    assert often > 100 and rarely <= 3
    assert often_built == rarely_built
    contents, answers = rarely_built
    assert len(contents["articles"]) == 102 and answers["searches"]["quay"]
    assert [stats.name for stats in answers["speakers"]] == ["Ada Novak", "Ben Ortiz"]
    assert [group.size for group in answers["groups"]][:1] == [12] and answers["changed"]


def test_a_first_indexing_finds_a_copy_of_an_article_it_stored_in_an_earlier_commit(tmp_path: Path, monkeypatch):
    from store import indexing

    monkeypatch.setattr(indexing, "COMMIT_SECONDS", 0.0)  # a commit after every file
    monkeypatch.setattr(indexing, "COMMIT_SHARE", 0.0)
    folder = tmp_path / "corpus"
    _many(folder, 70)
    copy = folder / "zz" / "copy.txt"  # read last
    copy.parent.mkdir()
    copy.write_bytes((folder / "00" / "0003.txt").read_bytes())
    library = Library([folder], tmp_path / "kept")
    library.sync(workers=1)
    assert library.reader.article_count() == 70
    assert [(skipped.path, skipped.reason) for skipped in library.reader.skipped()] == [
        (copy, f"{indexing.DUPLICATE}{folder / '00' / '0003.txt'}")]
