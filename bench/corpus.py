"""Deterministic synthetic corpora for the benchmarks: wire-format news articles of 2-4 KB with quotations.

`make_article(rng)` makes one; `ensure_corpus(count)` writes `count` of them as files (cached between runs in
`bench/.cache/`, 1,000 files a folder) and returns the folder. The same seed always gives the same corpus."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass
class SyntheticArticle:
    date: str
    source: str
    paragraphs: list[str]
    quotations: list[tuple[str, str]]  # (quotation, speaker)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def wire_text(self) -> str:
        return f"date {self.date} By {self.source}\n\n{self.body}\n"


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
    aside = f" The so-called “{place} corridor” has been open since March." if rng.random() < 0.1 else ""
    return (f"{rng.choice(SUBJECTS).capitalize()} in {place} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(WHEN)}. {rng.choice(SUBJECTS).capitalize()} {rng.choice(ACTIONS)} "
            f"{rng.choice(OBJECTS)} {rng.randint(2, 90)} days later.{aside}")


def _quote(rng: random.Random, person: tuple[str, str, str]) -> tuple[str, str, str]:
    """A paragraph quoting `person` in one of the usual news shapes, the quotation and the speaker's name."""
    first, last, role = person
    claim, other = rng.sample(CLAIMS, 2)
    verb = rng.choice(VERBS)
    paragraph = rng.choice([
        f"“{claim},” {role} {first} {last} {verb}.",
        f"“{claim},” {last} {verb} {rng.choice(WHEN)}. “{other}.”",
        f"“{claim},” {verb.split()[0]} {first} {last}, the {role.lower()}.",
        f"{role} {first} {last} struck a similar note: “{claim}.”",
        f"“{claim},” {last} {verb}, “{other[0].lower() + other[1:]}.”",
        f"{last} said the plan was “{claim[0].lower() + claim[1:]}” and left.",
    ])
    return paragraph, claim, f"{first} {last}"


def make_article(rng: random.Random) -> SyntheticArticle:
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
    day = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return SyntheticArticle(day, rng.choice(SOURCES), paragraphs, quotations)



def ensure_corpus(count: int, seed: int = 1) -> Path:
    """A folder of `count` wire articles, generated once and then reused."""
    folder = CACHE / f"wire-{count}-seed{seed}"
    done = folder / ".complete"
    if done.exists():
        return folder
    rng = random.Random(seed)
    for number in range(count):
        path = folder / f"{number // 1000:03d}" / f"{number:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_article(rng).wire_text(), encoding="utf-8")
    done.write_text(str(count))
    return folder
