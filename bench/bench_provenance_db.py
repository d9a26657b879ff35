"""Provenance in the corpus database, as the app and `quotedesk provenance` use it.

`python -m bench.bench_provenance_db [ARTICLES]` (default 100,000) generates a corpus with planted
republications (`provenance_corpus`), stores its articles and quotations in a new corpus database as the
indexer would (without writing files or finding quotations again: that is `cold_index`'s part), and measures:

- the first grouping of the whole corpus (`store.provenance.db_store.update`), of quotations prepared as the
  indexer's reading processes prepare them (`store.provenance.prepared`: the CPU time of preparing them is
  given apart, `prepare_cpu_s`): wall time with two worker processes working out the groups' flags, its CPU
  time here and in the workers, and how often it reported progress;
- the pairwise precision and recall of the groups written, against the planted families;
- one new article stored and grouped (the indexer's hook after a change), median and max over 20 articles;
  all on a connection set as the indexer's is (`store.indexing.configure_writer`): with SQLite's default, a
  checkpoint every dozen articles made one of them 25-95 ms;
- opening a group (`ProvenanceReader.group`, what the provenance view shows): the largest and a typical one;
  the marks of one article's quotations; the first page of the changed groups.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from store.corpus_db import (INSERT_QUOTATIONS, INSERT_SPEAKERS, QUOTATION_FIELDS, connect, day_of,
                             next_quotation_id, open_database, pack_quotations, transaction)
from store.corpus_db import speaker_rows as corpus_speaker_rows
from store.indexing import configure_writer
from store.library import Progress
from store.model import Quotation
from store.provenance import db_store
from store.provenance.prepared import PreparedQuotations, quotation_keys
from store.provenance.reader import ARTICLE_QUOTATIONS, QUOTATION_ROWS, QUOTATION_SEQ, ProvenanceReader
from store.search.output import json_record

from .bench_provenance import pairwise, reference_loop_cpu_s
from .provenance_corpus import Corpus, PlantedArticle, generate

TARGETS = {"first_grouping_s": 60, "new_article_ms_max": 50, "open_group_ms_largest": 100}


def _insert(connection, articles: list[PlantedArticle], numbers: dict[int, int]) -> list[int]:
    """Store articles and their quotations as the indexer does (no search rows: nothing here searches); their
    numbers."""
    article_rows, quotation_rows, speaker_rows = [], [], []
    # An article's quotations take the ids after the last one stored, as the indexer gives them.
    first = next_quotation_id(connection)
    for article in articles:
        day = day_of(article.date)
        number = numbers[day] = numbers.get(day, day << 32) + 1
        title = f"Article {article.number}"
        path = f"/corpus/{article.file_name}"
        article_rows.append((number, f"a{article.number:08d}", path, None, title, title.casefold(), article.date,
                             article.source, None, "wire", json_record(path, article.date, article.source, title),
                             first if article.quotations else None, len(article.quotations)))
        rows = [tuple(getattr(Quotation(planted.text, 0, len(planted.text), 0, planted.speaker), name)
                      for name in QUOTATION_FIELDS) for planted in article.quotations]
        if rows:
            quotation_rows.append((first, number, pack_quotations(rows)))
            speaker_rows += corpus_speaker_rows(number, rows)
        first += len(rows)
    connection.executemany("INSERT INTO articles(num, id, path, entry, title, title_key, date, source, url, format, "
                           "json_record, first_quotation, quotation_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           article_rows)
    connection.executemany(INSERT_QUOTATIONS, quotation_rows)
    connection.executemany(INSERT_SPEAKERS, speaker_rows)
    return [row[0] for row in article_rows]


def _prepared(articles: list[PlantedArticle], article_numbers: list[int]) -> PreparedQuotations:
    """The articles' quotations prepared for grouping, as the indexer hands them over."""
    prepared = PreparedQuotations()
    for article, number in zip(articles, article_numbers, strict=True):
        prepared.add(f"a{article.number:08d}", number, article.date, [q.speaker for q in article.quotations],
                     quotation_keys([q.text for q in article.quotations]))
    return prepared


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _quality(connection, corpus: Corpus) -> dict:
    truth, found = {}, {}
    rows = connection.execute(f"SELECT r.id, {QUOTATION_SEQ}, p.group_id FROM {ARTICLE_QUOTATIONS}")
    groups = {(article, seq): group for article, seq, group in rows}
    for article in corpus.articles:
        for seq, quotation in enumerate(article.quotations):
            truth[quotation.id] = quotation.family
            found[quotation.id] = groups.get((f"a{article.number:08d}", seq), -quotation.id)
    precision, recall = pairwise(truth, found)
    return {"precision": round(precision, 4), "recall": round(recall, 4)}


def main(articles: int = 100_000, seed: int = 15, new_articles: int = 20) -> dict:
    extra = generate(articles + new_articles, seed)
    corpus = Corpus(extra.articles[:articles], extra.families)
    figures: dict = {"articles": articles, "reference_loop_cpu_s": reference_loop_cpu_s()}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.sqlite3"
        connection, _notice = open_database(path, [Path(tmp) / "corpus"])
        configure_writer(connection)  # as the indexer's connection, which does all this in the app
        numbers: dict[int, int] = {}
        with transaction(connection):
            article_numbers = _insert(connection, corpus.articles, numbers)
        figures["quotations"] = connection.execute("SELECT sum(quotation_count) FROM articles").fetchone()[0]
        cpu = time.process_time()
        prepared = _prepared(corpus.articles, article_numbers)
        figures["prepare_cpu_s"] = round(time.process_time() - cpu, 2)
        progress = []
        cpu, children, began = time.process_time(), _children_cpu_s(), time.perf_counter()
        db_store.update(connection, progress.append, workers=2, prepared=prepared)
        del prepared
        figures["first_grouping_s"] = round(time.perf_counter() - began, 2)
        figures["first_grouping_cpu_s_writer"] = round(time.process_time() - cpu, 2)
        figures["first_grouping_cpu_s_workers"] = round(_children_cpu_s() - children, 2)
        figures["progress_reports"] = sum(isinstance(event, Progress) for event in progress)
        figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        figures["groups_of_two_or_more"] = connection.execute("SELECT count(*) FROM provenance_group").fetchone()[0]
        figures.update(_quality(connection, corpus))

        timings = []
        for article in extra.articles[articles:]:
            began = time.perf_counter()
            with transaction(connection):
                _insert(connection, [article], numbers)
            db_store.update(connection, added=[f"a{article.number:08d}"], removed=[])  # as the indexer tells it
            timings.append((time.perf_counter() - began) * 1000)
        figures["new_article_ms_median"] = round(statistics.median(timings), 2)
        figures["new_article_ms_max"] = round(max(timings), 2)

        connection.close()  # the last connection: the log is copied into the file, which is then measured
        figures["database_mb"] = round(os.path.getsize(path) / 2**20)

        connection = connect(path)  # what the app reads through
        reader = ProvenanceReader(connection)
        sizes = connection.execute("SELECT group_id, size FROM provenance_group ORDER BY size DESC").fetchall()
        for label, (group, size) in (("largest", sizes[0]), ("median", sizes[len(sizes) // 2])):
            began = time.perf_counter()
            reader.group(group)
            figures[f"open_group_ms_{label}"] = round((time.perf_counter() - began) * 1000, 2)
            figures[f"open_group_size_{label}"] = size
        article_id = connection.execute(
            f"SELECT a.id FROM {QUOTATION_ROWS} WHERE p.group_id = ?", (sizes[0][0],)).fetchone()[0]
        began = time.perf_counter()
        reader.marks(article_id)
        figures["article_marks_ms"] = round((time.perf_counter() - began) * 1000, 2)
        began = time.perf_counter()
        reader.changed(0, 50)
        figures["changed_first_page_ms"] = round((time.perf_counter() - began) * 1000, 2)
        connection.close()
    figures["load_average"] = [round(load, 2) for load in os.getloadavg()]
    return figures


def report(figures: dict) -> str:
    lines = []
    for key, value in figures.items():
        target = TARGETS.get(key)
        mark = f"   (target <= {target}: {'pass' if value <= target else 'MISS'})" if target is not None else ""
        lines.append(f"{key}: {value}{mark}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.bench_provenance_db", description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = main(args.articles, args.seed)
    print(json.dumps(result, indent=1) if args.json else report(result))
    sys.exit(0)
