"""How good and how fast provenance grouping is, on corpora with planted republications.

`python -m bench.bench_provenance [ARTICLES]` (default 100,000) generates a corpus (`provenance_corpus`),
feeds its quotations (text, speaker, date, source) straight to the grouping, and prints:

- pairwise precision and recall of the groups against the planted families, and recall per kind of variant;
- accuracy of the `changed` and `speaker_conflict` flags of each planted family's group;
- the first grouping of every quotation, in one process (one core), and the flags of every group; then again
  with the folding and shingling spread over a pool of two processes while this one groups (two cores);
- a reference loop's CPU time, measured just before: the machine is shared, and figures taken under load
  are only comparable through it;
- one new article grouped (and its groups' flags worked out again), median and max over 50 articles;
- one group's details, as the provenance view opens them (the largest group, and a typical one).

`--end-to-end N` also writes N articles to a temporary folder, reads them back, finds their quotations with
the real engine (`store.extract_quotations`), and reports how many planted quotations were found, with
what speaker, and the same quality figures on what was found.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from store.provenance import Folded, Grouper, MemoryStore, Occurrence, build_group, flags, prepare, words
from store.provenance.grouping import POSTINGS_LIMIT

from .provenance_corpus import Corpus, PlantedQuotation, generate

TARGETS = {"precision": 0.97, "recall": 0.97, "changed_accuracy": 0.97, "speaker_conflict_accuracy": 0.97,
           "new_article_ms_max": 50, "details_ms_largest": 100}


def _folded(store: MemoryStore, quotation_id: int) -> Folded:
    return Folded.unpack(store.folded(quotation_id))


def _pairs(size: int) -> int:
    return size * (size - 1) // 2


def pairwise(truth: dict[int, int], found: dict[int, int]) -> tuple[float, float]:
    """Precision and recall over pairs of quotations: a pair is found when both are in one group, true when
    both are of one family. Quotations missing from `found` are alone."""
    cells = Counter((family, found.get(quotation, -quotation)) for quotation, family in truth.items())
    together = sum(_pairs(count) for count in cells.values())
    found_pairs = sum(_pairs(count) for count in Counter(found.get(q, -q) for q in truth).values())
    true_pairs = sum(_pairs(count) for count in Counter(truth.values()).values())
    return (together / found_pairs if found_pairs else 1.0), (together / true_pairs if true_pairs else 1.0)


def quality(corpus: Corpus, quotations: Iterable[PlantedQuotation], store: MemoryStore) -> dict:
    """Precision, recall, recall per variant kind, and flag accuracy of the groups in `store`, for the
    planted `quotations` it holds (by their ids)."""
    held = [quotation for quotation in quotations if quotation.id in store]
    truth = {quotation.id: quotation.family for quotation in held}
    found = {quotation.id: store.group_of(quotation.id) for quotation in held}
    precision, recall = pairwise(truth, found)
    by_id = {quotation.id: quotation for quotation in held}
    kinds: Counter[str] = Counter()
    joined: Counter[str] = Counter()
    changed_right = conflict_right = families = 0
    for family in corpus.families.values():
        original = family.original
        present = [member for member in family.members if member.id in by_id]
        if original.id not in by_id or len(present) < 2:
            continue
        group = found[original.id]
        for member in present[1:]:
            kinds[member.kind] += 1
            joined[member.kind] += found[member.id] == group
        members = [(m, by_id[m].date, by_id[m].speaker, _folded(store, m)) for m in store.members(group) if m in by_id]
        changed, conflict = flags(members)
        families += 1
        changed_right += changed == family.changed
        conflict_right += conflict == family.speaker_conflict
    lookalikes = [q for q in held if q.kind == "common_phrase"]
    wrongly_joined = sum(1 for q in lookalikes if len(store.members(found[q.id])) > 1)
    return {
        "quotations": len(held), "families_with_republications": families,
        "precision": round(precision, 4), "recall": round(recall, 4),
        "changed_accuracy": round(changed_right / families, 4) if families else None,
        "speaker_conflict_accuracy": round(conflict_right / families, 4) if families else None,
        "recall_by_kind": {kind: round(joined[kind] / kinds[kind], 4) for kind in sorted(kinds)},
        "common_phrase_quotations_grouped": f"{wrongly_joined} of {len(lookalikes)}",
    }


def _occurrence(quotation: PlantedQuotation, path: str = "") -> Occurrence:
    return Occurrence(quotation_id=quotation.id, text=quotation.text, start=0, end=len(quotation.text),
                      speaker=quotation.speaker, path=path, date=quotation.date or None, source=quotation.source)


def reference_loop_cpu_s() -> float:
    """CPU seconds of a fixed loop of dictionary stores: the yardstick for this machine at this moment."""
    began = time.process_time()
    found: dict[int, int] = {}
    for number in range(2_000_000):
        found[number & 1023] = number
    return round(time.process_time() - began, 3)


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _prepared(texts: list[str]) -> list[tuple[str, list[int]]]:
    return [(folded.pack(), list(own)) for folded, own in map(prepare, texts)]


def two_cores(quotations: list[PlantedQuotation], postings_limit: int) -> float:
    """Seconds of a first grouping with `prepare` done by a pool of two processes, in chunks, while this
    process groups what they have prepared."""
    began = time.perf_counter()
    grouper = Grouper(MemoryStore(postings_limit), postings_limit)
    chunks = [quotations[at:at + 2000] for at in range(0, len(quotations), 2000)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for chunk, prepared in zip(chunks, pool.imap(_prepared, [[q.text for q in chunk] for chunk in chunks])):
            for quotation, (packed, own) in zip(chunk, prepared):
                grouper.add_prepared(quotation.id, Folded.unpack(packed), own)
    return time.perf_counter() - began


def speed(corpus: Corpus, extra: Corpus | None, new_articles: int, postings_limit: int = POSTINGS_LIMIT
          ) -> tuple[dict, MemoryStore]:
    quotations = corpus.quotations()
    reference = reference_loop_cpu_s()
    store = MemoryStore(postings_limit)
    grouper = Grouper(store, postings_limit)
    resident = _resident_mb()
    began, cpu = time.perf_counter(), time.process_time()
    grouper.add_many((quotation.id, quotation.text) for quotation in quotations)
    grouped_s, grouped_cpu_s = time.perf_counter() - began, time.process_time() - cpu
    store_mb = _resident_mb() - resident
    by_id = {quotation.id: quotation for quotation in quotations}
    began = time.perf_counter()
    groups = store.groups()
    for members in groups.values():
        flags([(m, by_id[m].date, by_id[m].speaker, _folded(store, m)) for m in members])
    flags_s = time.perf_counter() - began
    figures = {"reference_loop_cpu_s": reference, "quotations": len(quotations),
               "groups_of_two_or_more": len(groups),
               "first_grouping_s": round(grouped_s, 2), "first_grouping_cpu_s": round(grouped_cpu_s, 2),
               "flags_of_every_group_s": round(flags_s, 2),
               "first_grouping_with_flags_s": round(grouped_s + flags_s, 2),
               "first_grouping_two_cores_s": round(two_cores(quotations, postings_limit), 2),
               "store_mb": round(store_mb)}
    if extra is not None:
        timings = []
        for article in extra.articles[-new_articles:]:
            began = time.perf_counter()
            touched = {grouper.add(quotation.id, quotation.text) for quotation in article.quotations}
            for quotation in article.quotations:
                by_id[quotation.id] = quotation
            for group in touched:
                members = store.members(group)
                if len(members) > 1:
                    flags([(m, by_id[m].date, by_id[m].speaker, _folded(store, m)) for m in members])
            timings.append((time.perf_counter() - began) * 1000)
        figures["new_article_ms_median"] = round(statistics.median(timings), 2)
        figures["new_article_ms_max"] = round(max(timings), 2)
    sizes = sorted(store.groups().items(), key=lambda item: len(item[1]))
    if sizes:
        for label, (group, members) in (("largest", sizes[-1]), ("median", sizes[len(sizes) // 2])):
            began = time.perf_counter()
            built = build_group(group, (_occurrence(by_id[m]) for m in members))
            figures[f"details_ms_{label}"] = round((time.perf_counter() - began) * 1000, 2)
            figures[f"details_size_{label}"] = built.size
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures, store


def end_to_end(articles: int, seed: int) -> dict:
    """Write, read, extract with the real engine, group, and measure on what the engine found."""
    from store import extract_quotations, load_article

    corpus = generate(articles, seed)
    planted = {}
    for article in corpus.articles:
        for quotation in article.quotations:
            planted[(article.file_name, words(quotation.text))] = quotation
    store = MemoryStore()
    grouper = Grouper(store)
    found: list[PlantedQuotation] = []
    found_speaker = extracted = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus.write(folder)
        for article in corpus.articles:
            loaded = load_article(folder / article.file_name)
            for quotation in extract_quotations(loaded.text):
                extracted += 1
                match = planted.get((article.file_name, words(quotation.text)))
                if match is None:
                    continue
                as_found = PlantedQuotation(match.id, quotation.text, quotation.speaker, match.family, match.kind,
                                            loaded.date or "", loaded.source or "")
                found.append(as_found)
                found_speaker += quotation.speaker == match.speaker
                grouper.add(match.id, quotation.text)
    figures = {"articles": articles, "planted": len(planted), "extracted": extracted,
               "planted_found": len(found), "found_with_the_planted_speaker": found_speaker}
    corpus_as_found = Corpus(corpus.articles, corpus.families)
    by_id = {quotation.id: quotation for quotation in found}
    for family in corpus_as_found.families.values():  # flags judged with the speakers the engine gave
        family.members = [by_id.get(member.id, member) for member in family.members]
        family.original = by_id.get(family.original.id, family.original)
    figures.update(quality(corpus_as_found, found, store))
    return figures


def main(articles: int = 100_000, seed: int = 15, new_articles: int = 50, end_to_end_articles: int = 0,
         postings_limit: int = POSTINGS_LIMIT) -> dict:
    began = time.perf_counter()
    extra = generate(articles + new_articles, seed)
    corpus = Corpus(extra.articles[:articles], extra.families)
    generated_s = time.perf_counter() - began
    figures, store = speed(corpus, extra, new_articles, postings_limit)
    figures["generated_s"] = round(generated_s, 1)
    figures.update(quality(corpus, extra.quotations(), store))
    if end_to_end_articles:
        figures["end_to_end"] = end_to_end(end_to_end_articles, seed + 1)
    return figures


def _report(figures: dict) -> str:
    lines = []
    for key, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += ["  " + line for line in _report(value).splitlines()]
            continue
        target = TARGETS.get(key)
        mark = ""
        if target is not None and isinstance(value, (int, float)):
            at_least = key in ("precision", "recall") or key.endswith("accuracy")
            good = value >= target if at_least else value <= target
            mark = f"   (target {'>=' if at_least else '<='} {target}: {'pass' if good else 'MISS'})"
        lines.append(f"{key}: {value}{mark}")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.bench_provenance", description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--end-to-end", type=int, default=0, metavar="N", help="also run the real engine on N articles")
    parser.add_argument("--postings-limit", type=int, default=POSTINGS_LIMIT, metavar="N",
                        help=f"quotations looked at per shingle (default {POSTINGS_LIMIT})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = main(args.articles, args.seed, end_to_end_articles=args.end_to_end, postings_limit=args.postings_limit)
    print(json.dumps(result, indent=1) if args.json else _report(result))
    sys.exit(0)
