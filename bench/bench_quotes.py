"""Throughput of `extract_quotations` on synthetic 2-4 KB articles, one core.

Run from the project root: `python -m bench.bench_quotes`. The articles are generated from a seeded RNG,
so every run measures the same work."""
from __future__ import annotations

import random
import time

from store.quotes import extract_quotations

FIRST = ["Lena", "Tomas", "Amira", "Jonas", "Petra", "Kofi", "Ines", "Marek", "Sofia", "Rafael", "Hana", "Oskar"]
LAST = ["Varga", "Brandt", "Haddad", "Lindqvist", "Novak", "Mensah", "Duarte", "Kowalski", "Reyes", "Tanaka"]
ROLES = ["Foreign Minister", "MP", "Mayor", "Dr.", "Senator", "Governor"]
VERBS = ["said", "added", "noted", "stressed", "warned", "explained", "told reporters"]
CLAIMS = ["The new bridge will carry twice the traffic of the old one",
          "Nobody expected the river to rise so quickly this spring",
          "We have asked the council for a clear timetable and we are still waiting",
          "The harvest was better than last year, but prices keep falling",
          "Our teachers deserve more than promises and a handshake",
          "This agreement protects the fishing grounds for a generation"]
NARRATION = ["The council met on Tuesday to discuss the budget for the coming year.",
             "Officials said the figures would be published later this month.",
             "The so-called \u201cgreen corridor\u201d has been open since March.",
             "Residents have complained about the noise for several weeks.",
             "The opposition has called for an independent review of the contract."]


def _paragraph(rng: random.Random, people: list[tuple[str, str, str]]) -> str:
    """Half narration, half quotation in the usual news shapes."""
    if rng.random() < 0.5:
        return " ".join(rng.sample(NARRATION, 3))
    first, last, role = rng.choice(people)
    claim, other = rng.sample(CLAIMS, 2)
    verb = rng.choice(VERBS)
    return rng.choice([
        f"\u201c{claim},\u201d {last} {verb}. \u201c{other}.\u201d",
        f"\u201c{claim},\u201d {verb.split()[0]} {role} {first} {last}.",
        f"{role} {first} {last} struck a similar note: \u201c{claim}.\u201d",
        f"\u201c{claim},\u201d she {verb}, \u201c{other[0].lower() + other[1:]}.\u201d",
        f"{last} {verb.split()[0]} the plan was \u201c{claim.lower()}\u201d and left.",
    ])


def make_article(rng: random.Random) -> str:
    """An article of 2-4 KB: an introduction naming its people, then quotations and narration."""
    people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(3)]
    paragraphs = [f"{role} {first} {last} visited the port on Monday." for first, last, role in people]
    target = rng.randint(2048, 4096)
    while sum(map(len, paragraphs)) < target:
        paragraphs.append(_paragraph(rng, people))
    return "\n\n".join(paragraphs)


def main(count: int = 2000, seed: int = 1) -> None:
    rng = random.Random(seed)
    articles = [make_article(rng) for _ in range(count)]
    quotations = 0
    started = time.perf_counter()
    for text in articles:
        quotations += len(extract_quotations(text))
    elapsed = time.perf_counter() - started
    size = sum(map(len, articles)) / count / 1024
    print(f"{count} articles ({size:.1f} KB average), {quotations} quotations: "
          f"{count / elapsed:,.0f} articles/s on one core")


if __name__ == "__main__":
    main()
