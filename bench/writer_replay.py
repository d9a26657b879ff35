"""The writer of a first indexing alone: what the reading processes answered for the first ARTICLES files of the
bench corpus, recorded once, is given again to the indexer's writer on a new database, and the processor time it
takes is measured, with no reading process beside it (the figures change with the machine's speed only).

The writer's pace follows a clock that advances as records come, as if the processes read `RATE` articles a
second: its commits and writes come at the same points of every run, whatever the machine does meanwhile.

Run from the project root:
  `python -m bench.writer_replay record ARTICLES` reads the files (in worker processes) and keeps their answers;
  `python -m bench.writer_replay replay ARTICLES [--repeat N] [--grouping] [--profile]` gives them to a writer N
  times and prints its processor time from the first record to the last commit (the speakers' last count
  included), with `--grouping` that of the grouping that follows, and the size of the database made;
  `--profile` prints the writer's cProfile instead (its 30 costliest functions by their own processor time)."""
from __future__ import annotations

import argparse
import marshal
import os
import struct
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

from store import corpus_db, indexing
from store.freshness import changed_files

from .corpus import ensure_corpus

RATE = 2000.0  # articles the reading processes answer a second (a first indexing of 100,000 in 50 s)
_LENGTH = struct.Struct("<Q")


def _corpus(count: int) -> Path:
    """The bench corpus whose first `count` files are read."""
    return ensure_corpus(10_000 if count <= 10_000 else 100_000)


def records_path(count: int) -> Path:
    return Path(tempfile.gettempdir()) / f"quotedesk-writer-replay-{count}.marshal"


def record(count: int) -> Path:
    """Read the first `count` files of the bench corpus (in the order a first indexing reads them) as the reading
    processes do, and keep their answers, chunk by chunk, in `records_path(count)`."""
    from store.read_worker import ReadingProcesses

    corpus = _corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        connection, _ = corpus_db.open_database(Path(tmp) / "corpus.sqlite3", [corpus])
        files = changed_files(connection, [corpus]).to_read[:count]
        connection.close()
    chunks = [files[at:at + indexing.CHUNK] for at in range(0, len(files), indexing.CHUNK)]
    path = records_path(count)
    processes = ReadingProcesses(min(os.cpu_count() or 1, 4))
    try:
        with open(path, "wb") as out:
            for records in processes.read(chunks):
                answer = marshal.dumps([(r.path, r.size, r.mtime_ns, r.articles, r.problems) for r in records])
                out.write(_LENGTH.pack(len(answer)))
                out.write(answer)
    finally:
        processes.close()
    return path


def _recorded(path: Path) -> Iterator[indexing.FileRecord]:
    with open(path, "rb") as source:
        while header := source.read(_LENGTH.size):
            for fields in marshal.loads(source.read(_LENGTH.unpack(header)[0])):
                yield indexing.FileRecord(*fields)


class _ReplayIndexer(indexing.Indexer):
    """An indexer whose reading processes' answers come from a recording, on a clock that advances with them."""

    def __init__(self, path: Path, roots: list[Path], records: Path, grouping: bool) -> None:
        super().__init__(path, roots, workers=1)
        self.records = records
        self.grouping = grouping
        self.clock = 0.0
        self.cpu: dict[str, float] = {}

    def _records(self, files):
        for file_record in _recorded(self.records):
            self.clock += len(file_record.articles) / RATE
            yield file_record

    def _apply(self, connection, changes, listed=False):
        began = time.process_time()
        changed = super()._apply(connection, changes, listed)
        self.cpu["writing"] = time.process_time() - began
        return changed

    def _group_quotations(self, connection, added, removed):
        if not self.grouping:
            return False
        began = time.process_time()
        changed = super()._group_quotations(connection, added, removed)
        self.cpu["grouping"] = time.process_time() - began
        return changed


def replay(count: int, profile: bool = False, grouping: bool = False) -> dict[str, float]:
    """One first indexing of the recorded answers into a new database; processor seconds by stage."""
    path = records_path(count)
    if not path.exists():
        raise SystemExit(f"no recording for {count} articles: run `python -m bench.writer_replay record {count}`")
    corpus = _corpus(count)
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "corpus.sqlite3"
        corpus_db.open_database(database, [corpus])[0].close()
        indexer = _ReplayIndexer(database, [corpus], path, grouping)
        real_time = indexing.time
        indexing.time = SimpleNamespace(monotonic=lambda: indexer.clock)
        try:
            # A placeholder to read: `_records` gives the recording instead.
            changes = indexing.Changes([("", 0, 0, None)], [])
            if profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile(time.process_time)
                profiler.runcall(indexer.run, changes)
                pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
            else:
                indexer.run(changes)
        finally:
            indexing.time = real_time
        indexer.cpu["database_mb"] = sum(os.path.getsize(f"{database}{suffix}") for suffix in ("", "-wal")
                                         if os.path.exists(f"{database}{suffix}")) / 1e6
    return indexer.cpu


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.writer_replay")
    parser.add_argument("action", choices=("record", "replay"))
    parser.add_argument("articles", type=int)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--grouping", action="store_true", help="measure the grouping after reading too")
    arguments = parser.parse_args()
    if arguments.action == "record":
        print(record(arguments.articles))
        return
    if arguments.profile:
        replay(arguments.articles, profile=True, grouping=arguments.grouping)
        return
    runs = [replay(arguments.articles, grouping=arguments.grouping) for _ in range(arguments.repeat)]
    for stage in runs[0]:
        values = sorted(run[stage] for run in runs)
        print(f"{stage}: min {values[0]:.2f}  median {values[len(values) // 2]:.2f}  "
              f"({', '.join(f'{value:.2f}' for value in values)})")


if __name__ == "__main__":
    main()
