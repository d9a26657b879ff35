"""Index build time and per-query latency of `store.search` over synthetic articles, one core.

Run from the project root: `python -m bench.bench_search [ARTICLES]` (10,000 by default). The articles come
from a seeded RNG, so every run measures the same work: 2-4 KB of English news prose with quotations,
speakers (some with accented names), a few sources and dates from 2019 to 2025."""
from __future__ import annotations

import random
import statistics
import sys
import time

from store.search import SearchDoc, SearchIndex, parse_query

FIRST = ["Ada", "Tomas", "Amira", "Jonas", "Petra", "Kofi", "Inès", "Marek", "Sofia", "Rafael", "Hana", "Oskar",
         "Zoë", "François", "Björn", "Łucja", "Søren", "Núria", "Emeka", "Yusuf", "Mirela", "Dagny", "Teodor"]
LAST = ["Novak", "Brandt", "Haddad", "Lindqvist", "Varga", "Mensah", "Duarte", "Kowalski", "Reyes", "Tanaka",
        "Ødegaard", "Çelik", "Müller", "Ferreira", "Oyelaran", "Castellano", "Ivanović", "Nieminen", "Abara"]
ROLES = ["Foreign Minister", "Finance Minister", "Prime Minister", "MP", "Mayor", "Senator", "Governor",
         "union leader", "spokeswoman", "spokesman", "chief executive", "professor"]
SOURCES = ["Coastal Wire", "Valley Post", "Inland Courier", "Northern Ledger", "Harbour Gazette"]
VERBS = ["said", "added", "noted", "stressed", "warned", "explained", "told reporters", "insisted", "argued"]
SUBJECTS = ["the council", "the ministry", "the harbour board", "the government", "the opposition", "residents",
            "farmers", "teachers", "the regional court", "the central bank", "the rail operator", "nurses"]
OBJECTS = ["the budget", "the new bridge", "the fishing quota", "the school reform", "the pension plan",
           "the tax on fuel", "the wind farm", "the housing programme", "the ferry timetable", "the water tariff"]
ACTIONS = ["approved", "rejected", "postponed a vote on", "called for a review of", "published figures on",
           "raised concerns about", "agreed to fund", "criticised", "welcomed", "debated"]
WHEN = ["on Monday", "on Tuesday", "last week", "this spring", "after months of talks", "late on Friday",
        "in a closed session", "for the third time this year"]
CLAIMS = ["The new bridge will carry twice the traffic of the old one",
          "Nobody expected the river to rise so quickly this spring",
          "We have asked the council for a clear timetable and we are still waiting",
          "The harvest was better than last year, but prices keep falling",
          "Our teachers deserve more than promises and a handshake",
          "This agreement protects the fishing grounds for a generation",
          "We can’t keep borrowing against our children’s future",
          "The minister has not answered a single one of our letters",
          "It’s a good day for the region and a better one for its workers",
          "Let me be clear: the ferry will run all winter"]
SYLLABLES = ["ka", "lo", "ver", "an", "mir", "sta", "dun", "bel", "or", "tis", "gra", "hel", "mon", "ri", "zen",
             "pol", "ash", "ter", "qu", "vik", "lan", "dor", "ess", "fal"]


def _place(rng: random.Random) -> str:
    """A made-up town: hundreds of rare words, as real news has."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _narration(rng: random.Random, place: str) -> str:
    return (f"{rng.choice(SUBJECTS).capitalize()} in {place} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(WHEN)}. {rng.choice(SUBJECTS).capitalize()} {rng.choice(ACTIONS)} "
            f"{rng.choice(OBJECTS)} {rng.randint(2, 90)} days later.")


def _quote(rng: random.Random, person: tuple[str, str, str]) -> tuple[str, str, str]:
    """A paragraph quoting `person`, the quotation and the speaker's name."""
    first, last, role = person
    claim = rng.choice(CLAIMS)
    paragraph = rng.choice([
        f"“{claim},” {role} {first} {last} {rng.choice(VERBS)}.",
        f"“{claim},” {last} {rng.choice(VERBS)} {rng.choice(WHEN)}.",
        f"{role} {first} {last} struck a similar note: “{claim}.”",
    ])
    return paragraph, claim, f"{first} {last}"


def make_doc(rng: random.Random, number: int) -> SearchDoc:
    places = [_place(rng) for _ in range(2)]
    people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(3)]
    paragraphs = [f"{role} {first} {last} visited {places[0]} {rng.choice(WHEN)}." for first, last, role in people]
    quotations = []
    target = rng.randint(2048, 4096)
    while sum(map(len, paragraphs)) < target:
        if rng.random() < 0.5:
            paragraph, claim, speaker = _quote(rng, rng.choice(people))
            quotations.append((claim, speaker))
        else:
            paragraph = _narration(rng, rng.choice(places))
        paragraphs.append(paragraph)
    title = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} in {places[0]}"
    day = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return SearchDoc(f"a{number:06d}", title, "\n\n".join(paragraphs), rng.choice(SOURCES),
                     day if rng.random() > 0.02 else None, tuple(quotations))


def typed(text: str) -> list[str]:
    """The queries the field sees while `text` is typed one character at a time."""
    return [text[:end] for end in range(1, len(text) + 1)]


QUERIES = [
    *typed("minister"),
    *typed("“prime min"),
    "teachers promises", "-bridge ferry", "-“fishing grounds” quota", "odegaard", "zoë", "francois",
    "speaker:novak", 'speaker:"Ada Novak" bridge', "source:valley", "after:2022-01-01 before:2023-01-01",
    "is:unread council", "is:highlighted", "can't", "zzzz", "", "the", "budget after:2024 -tax",
]


def main(count: int = 10_000, seed: int = 1, repeats: int = 15) -> None:
    rng = random.Random(seed)
    docs = [make_doc(rng, n) for n in range(count)]
    size = sum(len(doc.text) for doc in docs)
    index = SearchIndex()
    started = time.perf_counter()
    for doc in docs:
        index.add(doc)
    build = time.perf_counter() - started
    print(f"{count} articles, {size / 1e6:.1f} MB of body text: index built in {build:.2f} s "
          f"({build / count * 1e6:.0f} µs per article)")

    read = {doc.article_id for doc in docs[::3]}
    highlighted = {doc.article_id for doc in docs[::50]}
    print(f"{'query':<42} {'hits':>6} {'median ms':>10} {'p95 ms':>8}")
    medians, p95s = [], []
    for text in QUERIES:
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            ids = index.search(parse_query(text), is_read=read.__contains__, highlighted=highlighted)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        median, p95 = statistics.median(timings), timings[min(len(timings) - 1, round(0.95 * len(timings)))]
        medians.append(median)
        p95s.append(p95)
        print(f"{text!r:<42} {len(ids):>6} {median:>10.2f} {p95:>8.2f}")
    print(f"over all {len(QUERIES)} queries: median of medians {statistics.median(medians):.2f} ms, "
          f"worst p95 {max(p95s):.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
