"""Generated corpora with planted republications, and the truth about them, for measuring provenance.

`generate(articles, seed)` makes wire-format articles in date order. Each quotation is either new (an
original, a member of a family of its own) or a republication of an earlier family's original in a later
article, mostly of another source, as one of these variants:

    verbatim       the same words; case, punctuation, quote marks or apostrophes may differ
    excerpt        a part of it quoted alone (a clause, or a run of words), no marker
    cut            words left out inside or at the end, marked with … (or [...])
    bracketed      an editorial insertion: a pronoun replaced by "[the council]", or "[in Kelby]" added
    changed        one to three content words changed (numbers and names too)
    clause_dropped a middle clause left out with no marker
    cut_changed    a marked cut and one word changed
    other_speaker  the same words given to another named person

and a republication's speaker is the original's full name, surname alone, title and surname, initial and
surname, or an unnamed role ("spokesman"), none of which is a conflict. Expected flags of a family:
`changed` when a member is `changed`, `clause_dropped` or `cut_changed`; `speaker_conflict` when a member
is `other_speaker`.

Look-alikes that must stay apart: a share of new quotations are built around a common phrase ("we will not
give up", "it is too early to say", ...) followed or preceded by words of their own, and some are the
common phrase alone.

All sentences come from the word banks and templates below; places and surnames are made up from
syllables. The same seed always gives the same corpus. `python -m bench.provenance_corpus N` writes N articles
to `bench/.cache/` (see `ensure_corpus`) and prints the folder.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from store.provenance.words import STOPWORDS

CACHE = Path(__file__).resolve().parent / ".cache"

# --- word banks --------------------------------------------------------------------------------------------
# Noun phrases are composed from two banks each, so that two unrelated quotations of one template seldom share
# more than their fixed words: a look-alike corpus needs as many distinct phrases as real news has.
SUBJECTS = ["we", "our members", "this government", "my department", "the company", "our union", "the city",
            "my team", "this council", "our party", "the province", "the cooperative"]
BODY_KINDS = ["regional", "city", "national", "harbour", "county", "district", "provincial", "northern", "coastal",
              "metropolitan", "rural", "island", "port", "water", "transport", "energy", "health", "fisheries"]
BODIES = ["council", "ministry", "board", "authority", "committee", "agency", "regulator", "trust", "office",
          "department", "commission", "tribunal", "inspectorate", "assembly"]
THING_KINDS = ["new", "old", "northern", "planned", "promised", "second", "public", "temporary", "main", "coastal",
               "municipal", "rebuilt", "proposed", "disputed", "eastern", "western", "flooded", "private",
               "emergency", "upper", "lower", "winter", "summer", "cross-border", "historic", "unfinished"]
THINGS = ["bridge", "ferry service", "pension reform", "water tariff", "wind farm", "housing plan", "night train",
          "fishing quota", "school budget", "flood barrier", "bus contract", "fuel levy", "museum extension",
          "recycling scheme", "maternity clinic", "grain terminal", "cycle lane", "cable car", "copper mine",
          "mobile library", "dredging contract", "bypass", "orchard subsidy", "tram depot", "drought plan",
          "salmon ladder", "heating grant", "border crossing", "runway", "seawall", "reservoir", "fish market",
          "ring road", "sports hall", "care home", "rail link", "ice rink", "lighthouse", "desalination plant",
          "landfill", "bus station", "cargo pier", "dam", "tunnel", "ski lift", "tax rebate", "rent cap",
          "vaccination drive", "night shelter", "footbridge", "marina", "solar park", "paper mill", "abattoir",
          "train depot", "toll road", "canal", "stadium", "power line", "quarry"]
PEOPLE = ["families", "nurses", "fishermen", "teachers", "farmers", "bus drivers", "residents", "shopkeepers",
          "students", "pensioners", "dock workers", "miners", "volunteers", "parents", "young people",
          "taxpayers", "engineers", "firefighters", "midwives", "ferry crews", "beekeepers", "vineyard workers",
          "carers", "bakers", "cleaners", "postal workers", "shepherds", "welders", "librarians", "tenants"]
VERBS = ["rebuild", "finish", "reopen", "fund", "protect", "review", "cancel", "expand", "repair", "defend",
         "publish", "close", "redesign", "postpone", "approve", "challenge", "inspect", "replace", "support",
         "modernise", "audit", "extend", "scrap", "relocate", "privatise", "insure", "widen", "electrify"]
PAST = ["promised", "delayed", "abandoned", "approved", "rejected", "ignored", "underfunded", "misjudged",
        "welcomed", "criticised", "blocked", "doubled", "halved", "postponed", "questioned", "mishandled",
        "rushed", "quietly shelved", "overpriced", "redrawn", "sold off", "neglected", "mothballed", "renamed"]
MODALS = ["will", "must", "cannot", "should", "are going to", "intend to", "have promised to", "refuse to",
          "want to", "plan to", "are ready to", "will never"]
ADJECTIVES = ["unworkable", "reckless", "long overdue", "unfair", "expensive", "dangerous", "excellent",
              "disappointing", "historic", "remarkable", "shameful", "premature", "sensible", "fragile",
              "ambitious", "realistic", "unacceptable", "encouraging", "chaotic", "badly planned", "a gamble",
              "a lifeline", "a scandal", "a relief", "overdue", "illegal", "pointless", "brilliant"]
TIMES = ["before the winter", "by the end of the year", "within eighteen months", "next spring",
         "for the third time", "since last autumn", "over the summer", "in the coming weeks", "after the election",
         "before the next harvest", "this year", "by March", "for a decade", "every single week", "since 2019",
         "before the tourist season", "within a month", "by the autumn", "for two winters", "since the floods",
         "in June", "before Christmas", "after the strike", "by 2030", "since the merger", "at the last minute"]
UNITS = ["jobs", "families", "hectares", "passengers a day", "hospital beds", "homes", "tonnes of grain",
         "kilometres of track", "pupils", "boats", "flights a week", "apprentices", "shops", "dairy herds"]
CURRENCIES = ["euros", "dollars", "pounds", "kroner", "lari"]
RELATIVES = ["father", "mother", "grandfather", "grandmother", "sister", "brother", "uncle", "aunt"]
FEELINGS = ["angry", "disappointed", "proud", "worried", "confident", "frustrated", "relieved", "determined",
            "surprised", "ashamed", "grateful", "furious"]
DESERVE = ["a straight answer", "a fair price", "better than promises", "a timetable they can trust",
           "a seat at the table", "the same rights as everyone else", "an apology", "a proper hearing",
           "clean water", "safe roads", "a decent wage", "the truth about the costs", "a vote on it",
           "their money back", "a plan B", "an inquiry"]
PROBLEMS = ["the cracks in the pier", "the shortage of teachers", "the leaking reservoir", "the missing invoices",
            "the broken signals", "the mould in the classrooms", "the falling catches", "the overtime rota",
            "the empty wards", "the rising rents", "the closed pharmacy", "the silted channel", "the unpaid bonuses",
            "the rusting cranes", "the waiting lists", "the poisoned wells", "the flooded cellars"]
# The look-alikes: phrases many unrelated people say.
COMMON_PHRASES = ["we will not give up", "it is too early to say", "we are very happy with the result",
                  "this is not the end of the story", "I want to be very clear", "nobody is above the law",
                  "we take this very seriously", "at the end of the day", "time will tell",
                  "we will do everything we can", "there is still a lot of work to do", "the door is always open",
                  "we need to listen to people", "I have said it before and I will say it again",
                  "this is a good day for everyone", "we are not going anywhere"]
# Words a republication "tidies" a quotation into.
SYNONYMS = {
    "rebuild": "restore", "reopen": "restart", "fund": "finance", "protect": "safeguard", "cancel": "drop",
    "expand": "enlarge", "repair": "fix", "defend": "uphold", "close": "shut", "postpone": "delay",
    "promised": "pledged", "delayed": "held up", "abandoned": "dropped", "rejected": "refused",
    "ignored": "neglected", "criticised": "condemned", "blocked": "stopped", "unworkable": "impossible",
    "reckless": "irresponsible", "unfair": "unjust", "expensive": "costly", "dangerous": "unsafe",
    "excellent": "superb", "angry": "furious", "worried": "concerned", "proud": "delighted",
    "families": "households", "residents": "locals", "new": "planned", "answer": "reply", "safe": "secure",
    "scrap": "abolish", "fragile": "delicate", "shameful": "disgraceful", "chaotic": "messy", "truth": "facts",
}
SOURCES = ["Coastal Wire", "Valley Post", "Inland Courier", "Northern Ledger", "Harbour Gazette", "Meridian News",
           "Caspian Wire", "Delta Chronicle", "Upland Herald", "Riverside Times", "Bay Observer", "Steppe Daily"]
FIRST = ["Ada", "Tomas", "Amira", "Jonas", "Petra", "Kofi", "Ines", "Marek", "Sofia", "Rafael", "Hana", "Oskar",
         "Zoe", "Lior", "Bjorn", "Lucja", "Soren", "Nuria", "Emeka", "Yusuf", "Mirela", "Dagny", "Teodor", "Aisha",
         "Pavel", "Ilse", "Nils", "Carmen", "Farid", "Greta", "Ruben", "Selin", "Matteo", "Olga", "Kwame", "Lena"]
ROLES = ["Mayor", "Minister", "MP", "Senator", "Governor", "union leader", "chief executive", "professor",
         "councillor", "harbour master", "spokeswoman", "director"]
UNNAMED = ["spokesman", "spokeswoman", "official", "minister"]
TITLES = ["Dr.", "Mr.", "Ms.", "Prof."]
SYLLABLES = ["ka", "lo", "ver", "an", "mir", "sta", "dun", "bel", "or", "tis", "gra", "hel", "mon", "ri", "zen",
             "pol", "ash", "ter", "vik", "lan", "dor", "ess", "fal", "nor", "bru", "sel", "tam", "gor"]

CHANGING_KINDS = frozenset({"changed", "clause_dropped", "cut_changed"})
VARIANT_WEIGHTS = {"verbatim": 24, "excerpt": 14, "cut": 12, "bracketed": 10, "changed": 16, "clause_dropped": 8,
                   "cut_changed": 4, "other_speaker": 12}


# --- the corpus and its truth ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class PlantedQuotation:
    id: int  # unique, in the order of the articles (oldest first)
    text: str
    speaker: str | None  # as the article names the speaker
    family: int  # quotations of one family are the same quotation
    kind: str  # "original", "common_phrase", or a variant kind
    date: str = ""
    source: str = ""


@dataclass(slots=True)
class PlantedArticle:
    number: int
    date: str
    source: str
    paragraphs: list[str]
    quotations: list[PlantedQuotation]

    @property
    def file_name(self) -> str:
        return f"{self.number // 1000:03d}/{self.date}_{self.number:06d}.txt"

    def wire_text(self) -> str:
        return f"date {self.date} By {self.source}\n\n" + "\n\n".join(self.paragraphs) + "\n"


@dataclass(slots=True)
class Family:
    id: int
    original: PlantedQuotation
    person: Person
    members: list[PlantedQuotation] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    joiners: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(member.kind in CHANGING_KINDS for member in self.members)

    @property
    def speaker_conflict(self) -> bool:
        return any(member.kind == "other_speaker" for member in self.members)


@dataclass(slots=True)
class Corpus:
    articles: list[PlantedArticle]
    families: dict[int, Family]

    def quotations(self) -> list[PlantedQuotation]:
        return [quotation for article in self.articles for quotation in article.quotations]

    def write(self, folder: Path) -> None:
        for article in self.articles:
            path = folder / article.file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article.wire_text(), encoding="utf-8")


# --- sentences ------------------------------------------------------------------------------------------------
def _place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + rng.choice(
        ["", "", "ic", "sen", "ova", "ez", "i", "son"])


def _body(rng: random.Random) -> str:
    return f"the {rng.choice(BODY_KINDS)} {rng.choice(BODIES)}"


def _thing(rng: random.Random) -> str:
    return f"the {rng.choice(THING_KINDS)} {rng.choice(THINGS)}"


def _clause(rng: random.Random) -> str:
    """One clause: word-bank phrases around at least two made-up places or numbers, so that two unrelated
    clauses of one template differ in at least two of their content words, as unrelated news quotations do."""
    kind = rng.randrange(15)
    place, other_place, thing, time = _place(rng), _place(rng), _thing(rng), rng.choice(TIMES)
    number = rng.randint(100, 9990)
    if kind == 0:
        return (f"{rng.choice(SUBJECTS)} {rng.choice(MODALS)} {rng.choice(VERBS)} {thing} "
                f"between {place} and {other_place}")
    if kind == 1:
        return f"{_body(rng)} in {place} {rng.choice(PAST)} {thing} {number % 900 + 100} days ago"
    if kind == 2:
        return f"{thing} is {rng.choice(ADJECTIVES)} for the {rng.choice(PEOPLE)} of {place} and {other_place}"
    if kind == 3:
        return f"{place} has lost {number} {rng.choice(UNITS)} {time}"
    if kind == 4:
        return (f"I am {rng.choice(FEELINGS)} that {_body(rng)} {rng.choice(PAST)} {thing} in {place} "
                f"after {number % 900 + 100} days")
    if kind == 5:
        return f"nobody in {place} or {other_place} asked for {thing} to be {rng.choice(PAST)}"
    if kind == 6:
        return f"the {rng.choice(PEOPLE)} of {place} deserve {rng.choice(DESERVE)}, and {number} of them told me so"
    if kind == 7:
        return f"{thing} in {place} will cost {number} million {rng.choice(CURRENCIES)}"
    if kind == 8:
        return f"{thing} was {rng.choice(ADJECTIVES)} from the start in {place} and {other_place}"
    if kind == 9:
        return f"we warned {_body(rng)} in {place} about {rng.choice(PROBLEMS)} {number} times"
    if kind == 10:
        return f"they {rng.choice(PAST)} {thing} in {place} and the {rng.choice(PEOPLE)} of {other_place} paid for it"
    if kind == 11:
        return f"{number} {rng.choice(UNITS)} in {place} depend on {thing}"
    if kind == 12:
        return f"{_body(rng)} has not answered a single one of our {number} letters about {thing} in {place}"
    if kind == 13:
        return f"{thing} in {place} is {rng.choice(ADJECTIVES)} and everyone in {other_place} knows it"
    return (f"my {rng.choice(RELATIVES)} worked on {thing} in {place} for {number % 40 + 3} years before "
            f"{other_place} took the contract")


_JOINERS = [", and ", ", but ", ". ", "; ", " because ", ", so ", " and "]


def _sentence_case(text: str) -> str:
    text = text[0].upper() + text[1:]
    return re.sub(r"([.?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def _join(clauses: list[str], joiners: list[str]) -> str:
    text = clauses[0]
    for joiner, clause in zip(joiners, clauses[1:]):
        text += joiner + clause
    return _sentence_case(text) + "."


def _original(rng: random.Random) -> tuple[str, list[str], list[str]]:
    """A new quotation: its text, its clauses and the joiners between them."""
    count = rng.choices([1, 2, 3], [25, 50, 25])[0]
    clauses = [_clause(rng) for _ in range(count)]
    joiners = [rng.choice(_JOINERS) for _ in range(count - 1)]
    return _join(clauses, joiners), clauses, joiners


def _common_phrase_quotation(rng: random.Random) -> str:
    phrase = rng.choice(COMMON_PHRASES)
    shape = rng.randrange(5)
    if shape == 0:
        return _sentence_case(phrase) + "."
    if shape in (1, 2):
        return _join([phrase, _clause(rng)], [rng.choice([", and ", ". ", ", because ", ": "])])
    return _join([_clause(rng), phrase], [rng.choice([", but ", ". ", " and "])])


# --- variants -----------------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")


def _content_spans(text: str) -> list[re.Match]:
    return [m for m in _WORD.finditer(text) if m.group().lower() not in STOPWORDS]


def _replacement(rng: random.Random, word: str) -> str:
    lower = word.lower()
    if lower in SYNONYMS:
        new = SYNONYMS[lower]
    elif word.isdigit():
        new = str(int(word) + rng.choice([-1, 1]) * rng.randint(1, max(2, int(word) // 3)))
        new = new if new != word and int(new) > 0 else str(int(word) + 7)
    elif word[0].isupper() and lower not in STOPWORDS and rng.random() < 0.7:
        new = _place(rng)  # a place name changed
    else:
        new = rng.choice(["strange", "huge", "local", "entire", "whole", "second", "modern", "public",
                          "costly", "vital", "rural", "coastal"])
    if new.lower() == lower:
        new = "other" if lower != "other" else "another"
    return new[0].upper() + new[1:] if word[0].isupper() else new


def _change_words(rng: random.Random, text: str, count: int) -> str | None:
    spans = _content_spans(text)
    if len(spans) < 4 * count:
        return None
    chosen = sorted(rng.sample(spans, count), key=lambda m: m.start(), reverse=True)
    for match in chosen:
        text = text[:match.start()] + _replacement(rng, match.group()) + text[match.end():]
    return text


def _cut(rng: random.Random, text: str) -> str | None:
    words = list(_WORD.finditer(text))
    if len(words) < 12:
        return None
    marker = rng.choice(["…", "...", "[…]", "[...]"])
    for _attempt in range(3):
        if rng.random() < 0.25:  # the end cut off, marked
            at = rng.randint(len(words) * 2 // 3, len(words) - 2)
            cut = text[:words[at].end()] + " " + marker
        else:
            length = rng.randint(2, min(6, len(words) - 6))
            start = rng.randint(2, len(words) - length - 2)
            cut = text[:words[start - 1].end()] + " " + marker + " " + text[words[start + length].start():]
        if _distinctive(cut):
            return cut
    return None


def _excerpt(rng: random.Random, family: Family, text: str) -> str | None:
    if len(family.clauses) > 1 and rng.random() < 0.6:
        clause = _sentence_case(rng.choice(family.clauses)) + "."
        return clause if _distinctive(clause) else None
    words = list(_WORD.finditer(text))
    if len(words) < 10:
        return None
    for _attempt in range(3):
        length = rng.randint(max(7, len(words) // 2), len(words) - 2)
        start = rng.randint(0, len(words) - length)
        excerpt = text[words[start].start():words[start + length - 1].end()]
        if _distinctive(excerpt):
            return excerpt
    return None


def _distinctive(text: str) -> bool:
    """Whether a part of a quotation says something of its own: a journalist quotes the part with the names
    and numbers, not "a single one of our letters about the"."""
    spans = _content_spans(text)
    rare = [m for m in spans
            if (len(m.group()) > 2 and m.group().isdigit()) or (m.group()[0].isupper() and m.start() > 0)]
    return len(spans) >= 5 and len(rare) >= 2


def _clause_dropped(family: Family) -> str | None:
    clauses, joiners = family.clauses, family.joiners
    if len(clauses) < 3:
        return None
    return _join([clauses[0], clauses[2]], [joiners[0]])


_THING = re.compile(r"\bthe (?:%s) (?:%s)\b" % ("|".join(THING_KINDS), "|".join(THINGS)))
_PRONOUN = re.compile(r"\b(it|they|we|this)\b", re.IGNORECASE)


def _bracketed(rng: random.Random, text: str) -> str | None:
    pronoun = _PRONOUN.search(text)
    if pronoun and rng.random() < 0.5:
        insertion = _body(rng) if rng.random() < 0.5 else _thing(rng)
        if pronoun.group()[0].isupper():
            insertion = insertion[0].upper() + insertion[1:]
        return text[:pronoun.start()] + f"[{insertion}]" + text[pronoun.end():]
    thing = _THING.search(text)
    if thing is None:
        return None
    return text[:thing.end()] + f" [{rng.choice(['in', 'near', 'for'])} {_place(rng)}]" + text[thing.end():]


def _restyled(rng: random.Random, text: str) -> str:
    """The same words, punctuated or cased a little differently."""
    style = rng.randrange(5)
    if style == 0:
        return text.replace(", ", " ").replace("; ", ", ")
    if style == 1:
        return text[0].lower() + text[1:].rstrip(".")
    if style == 2:
        return text.replace("'", "’").replace(". ", "; ", 1)
    if style == 3:
        return text.rstrip(".") + "!"
    return text


def _variant(rng: random.Random, family: Family, kind: str) -> str | None:
    text = family.original.text
    if kind in ("verbatim", "other_speaker"):
        return _restyled(rng, text)
    if kind == "excerpt":
        return _excerpt(rng, family, text)
    if kind == "cut":
        return _cut(rng, text)
    if kind == "bracketed":
        return _bracketed(rng, text)
    if kind == "changed":
        return _change_words(rng, text, rng.choice([1, 1, 2, 3]))
    if kind == "clause_dropped":
        return _clause_dropped(family)
    cut = _cut(rng, text)  # cut_changed
    return cut and _change_words(rng, cut, 1)


def _speaker_form(rng: random.Random, person: Person) -> str:
    form = rng.choices(["full", "surname", "title", "initial", "unnamed"], [60, 15, 10, 10, 5])[0]
    if form == "full":
        return person.name
    if form == "surname":
        return person.last
    if form == "title":
        return f"{rng.choice(TITLES)} {person.last}"
    if form == "initial":
        return f"{person.first[0]}. {person.last}"
    return rng.choice(UNNAMED)


# --- articles -----------------------------------------------------------------------------------------------
def _quote_paragraph(rng: random.Random, text: str, speaker: str | None, person: Person | None) -> str:
    """A paragraph quoting `text`, said by `speaker` (as the article names them)."""
    open_ended = text.rstrip(".")
    if open_ended.endswith(("!", "?")):  # “...!” takes no comma
        return f"“{open_ended}” {speaker or 'a spokesman'} said."
    if speaker is None or person is None:
        return f"“{open_ended},” a spokesman for {_body(rng)} said."
    if speaker in UNNAMED:
        return f"“{open_ended},” the {speaker} said."
    shape = rng.randrange(4)
    if shape == 0:
        return f"“{open_ended},” {speaker} said."
    if shape == 1:
        return f"{speaker} told reporters: “{text}”"
    if shape == 2 and speaker == person.name:
        return f"“{open_ended},” said {speaker}, the {person.role.lower()}."
    when = rng.choice(["on Monday", "on Friday", "in a statement", "at the hearing"])
    return f"“{open_ended},” {speaker} said {when}."


def _narration(rng: random.Random) -> str:
    return (f"{_sentence_case(_body(rng))} {rng.choice(PAST)} {_thing(rng)} in {_place(rng)} "
            f"{rng.choice(TIMES)}, {rng.randint(2, 90)} days after the first hearing.")


class _Generator:
    def __init__(self, seed: int, start_year: int = 2019, years: int = 6) -> None:
        self.rng = random.Random(seed)
        self.start_year, self.years = start_year, years
        self.families: dict[int, Family] = {}
        self.recent: list[int] = []  # families open for republication, newest last
        self.hot: list[int] = []  # the much-republished ones
        self.next_id = 1
        self.people = [Person(self.rng.choice(FIRST), _surname(self.rng), self.rng.choice(ROLES)) for _ in range(4000)]

    def _date(self, number: int, count: int) -> str:
        day = number * (365 * self.years) // max(count, 1)
        return (date(self.start_year, 1, 1) + timedelta(days=day)).isoformat()

    def _quotation(self, text: str, speaker: str | None, family: int, kind: str) -> PlantedQuotation:
        quotation = PlantedQuotation(self.next_id, text, speaker, family, kind)
        self.next_id += 1
        return quotation

    def _new(self, person: Person) -> PlantedQuotation:
        rng = self.rng
        if rng.random() < 0.2:
            quotation = self._quotation(_common_phrase_quotation(rng), person.name, self.next_id, "common_phrase")
            self.families[quotation.family] = Family(quotation.family, quotation, person, [quotation])
            return quotation
        text, clauses, joiners = _original(rng)
        quotation = self._quotation(text, person.name, self.next_id, "original")
        family = Family(quotation.family, quotation, person, [quotation], clauses, joiners)
        self.families[family.id] = family
        self.recent.append(family.id)
        if rng.random() < 0.02:
            self.hot.append(family.id)
        return quotation

    def _republished(self, source: str, used: set[int]) -> tuple[PlantedQuotation, Person] | None:
        rng = self.rng
        if not self.recent:
            return None
        for _ in range(4):
            if self.hot and rng.random() < 0.15:
                family = self.families[rng.choice(self.hot)]
            else:  # one of the last 3,000 new ones: news is republished within weeks
                family = self.families[self.recent[rng.randrange(max(0, len(self.recent) - 3000), len(self.recent))]]
            if family.original.source != source and family.id not in used:
                break
        if family.id in used:  # one article quotes a quotation once
            return None
        kind = rng.choices(list(VARIANT_WEIGHTS), list(VARIANT_WEIGHTS.values()))[0]
        text = _variant(rng, family, kind)
        if text is None:
            kind, text = "verbatim", _restyled(rng, family.original.text)
        if kind == "other_speaker":
            other = rng.choice(self.people)
            while other.last == family.person.last:
                other = rng.choice(self.people)
            speaker, person = other.name, other
        else:
            speaker, person = _speaker_form(rng, family.person), family.person
        quotation = self._quotation(text, speaker, family.id, kind)
        family.members.append(quotation)
        return quotation, person

    def article(self, number: int, count: int) -> PlantedArticle:
        rng = self.rng
        day, source = self._date(number, count), rng.choice(SOURCES)
        paragraphs = [_narration(rng)]
        quotations = []
        used: set[int] = set()
        for _slot in range(rng.choice([3, 4, 4, 5])):
            planted = self._republished(source, used) if rng.random() < 0.45 else None
            if planted is None:
                person = rng.choice(self.people)
                quotation = self._new(person)
            else:
                quotation, person = planted
            quotation.date, quotation.source = day, source
            used.add(quotation.family)
            quotations.append(quotation)
            paragraphs.append(_quote_paragraph(rng, quotation.text, quotation.speaker, person))
            if rng.random() < 0.4:
                paragraphs.append(_narration(rng))
        return PlantedArticle(number, day, source, paragraphs, quotations)


def generate(articles: int, seed: int = 15) -> Corpus:
    """`articles` articles in date order, with their planted quotations and families."""
    generator = _Generator(seed)
    made = [generator.article(number, articles) for number in range(articles)]
    return Corpus(made, generator.families)


def ensure_corpus(articles: int, seed: int = 15) -> Path:
    """The folder of the corpus as wire-format files, for the app and the command line to be measured on
    (written once, in `bench/.cache/`; the same seed always writes the same files)."""
    folder = CACHE / f"provenance-{articles}-{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        generate(articles, seed).write(folder)
        stamp.write_text("done\n")
    return folder


if __name__ == "__main__":
    import sys

    print(ensure_corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
