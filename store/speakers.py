"""Who is who in an article: the people it names, their roles, and how to resolve a speaker phrase
("Musayev", "the MP", "he", "a spokesman for the ministry") to the fullest name the article gives."""
from __future__ import annotations

import bisect
from functools import lru_cache
from dataclasses import dataclass

import regex as re

_WORD = r"\p{Lu}(?:[\p{L}\p{M}’'\-]*[\p{L}\p{M}])?"  # Musayev, O’Rourke, Jean-Luc, single letter
_INITIALS = r"(?:\p{Lu}\.){1,3}"  # J. / U.S.
_ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Prof",
                       "Sgt", "Adm", "Maj", "Rev", "Hon", "Amb", "Supt", "Det", "Insp", "Jr", "Sr", "St")
_TITLE_ABBREV = r"(?:%s)\." % "|".join(_ABBREVIATED_TITLES)
_TOKEN = rf"(?:{_TITLE_ABBREV}|{_INITIALS}|{_WORD})"
_PARTICLE = r"(?:de|da|di|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|ter)"
# a run of capitalised words, optionally led by lowercase role words ("press secretary Josh Earnest")
NAME_RUN = re.compile(rf"(?=\p{{Lu}})(?<![\p{{L}}\p{{N}}’'\-.]){_TOKEN}(?:[ ](?:{_PARTICLE}[ ]){{0,2}}{_TOKEN})*")
_POSSESSIVE = re.compile(r"[’']s?$")
_SENTENCE_ENDINGS = (". ", "! ", "? ", ".\u201d ", ".\" ")
_POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")

ROLE_HEADS = frozenset("""
president minister mp senator representative congressman congresswoman congressmember governor mayor
spokesman spokeswoman spokesperson chairman chairwoman chair chairperson ceo director head chief leader
ambassador judge justice attorney lawyer prosecutor general colonel officer official commissioner professor
doctor candidate nominee adviser advisor analyst expert economist researcher author founder speaker whip
chancellor premier envoy diplomat manager editor reporter correspondent columnist host anchor strategist
pollster consultant aide activist coach captain sheriff superintendent inspector detective sergeant
lieutenant commander admiral bishop rabbi imam cardinal reverend pastor executive treasurer counsel
commentator scientist historian secretary deputy lawmaker legislator councilman councilwoman councillor
ombudsman mr mrs ms dr sen rep gov gen lt col capt prof sgt adm maj rev hon amb supt det insp sir dame
lord lady king queen prince princess pope father sister brother mother
""".split())
# words that qualify a role inside a title ("Foreign Minister", "press secretary", "Vice President")
ROLE_MODIFIERS = frozenset("""
foreign prime deputy vice press chief former interior defense defence finance economy economic health
education state assistant associate senior executive first majority minority acting interim house senate
campaign communications national security general managing principal district county city federal
""".split())
# capitalised words that start a sentence or a phrase but are never part of a name
_NOT_NAMES = frozenset("""
the a an and but or nor so yet for in on at to of by with from into onto after before when while as if
it its this that these those he she they we i you his her their our my your him them us me there here
what who whom whose why how where which not no yes oh well also another other some many most all both each
every then now today yesterday tomorrow last next later according asked speaking during since despite
although though because under over meanwhile however instead still even just only like unlike once
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr. mrs. ms. dr. one two three
""".split())
PRONOUNS = {"he": "m", "she": "f"}
NEVER_SPEAKERS = frozenset("i we you they it this that me us them who which one everyone".split())
_FEMININE = frozenset("mrs ms mrs. ms. spokeswoman chairwoman congresswoman councilwoman queen princess "
                      "lady dame mother sister".split())
_MASCULINE = frozenset("mr mr. spokesman chairman congressman councilman king prince lord father "
                       "brother sir".split())
# courtesy titles tell a gender but are not roles
_COURTESY = frozenset("mr mrs ms miss mx mr. mrs. ms.".split())
# words naming a ministry's or an office's portfolio: "Minister for Defence", "Secretary of State"
_PORTFOLIO = frozenset("""
affairs energy transition defence defense health finance education justice agriculture transport
transportation trade industry labour labor environment economy tourism housing culture sport sports science
technology digital home state treasury commerce interior foreign fisheries water infrastructure development
planning communications information social welfare employment immigration veterans public works security
homeland territorial local government climate mines mining oil petroleum resources natural land lands youth
women family children equality heritage arts research innovation budget economic national european
relations cooperation international regional rural urban power electricity gas telecommunications media
religious external internal
""".split()) | ROLE_MODIFIERS
_DEMONYM_ENDINGS = ("an", "ese", "ene", "ish", "i", "ch")
_NOT_DEMONYMS = frozenset("human urban christian".split())
_PORTFOLIO_SUFFIX = re.compile(r"(?:tion|ment|ance|ence|ity|ure|ism|ics|ies|ry)$")
_OPEN_MARKS = frozenset("\u201c\u201e\u00ab\u2018\u201a\u2039\"")
_CLOSE_MARKS = frozenset("\u201d\u201c\u00bb\u2019\u203a\"")
# a described role that has a short name of its own
_ROLE_SYNONYMS = {"member of parliament": "MP", "member of the european parliament": "MEP",
                  "members of parliament": "MP"}
_PLAIN_WORD = re.compile(r"[\p{L}\-’']+")
_PREPOSITIONS = frozenset("for of at with from in on to who that which whose by".split())


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return word.casefold().rstrip(".")


@lru_cache(maxsize=8192)
def is_role_word(word: str) -> bool:
    key = _key(word)
    return key in ROLE_HEADS or key in ROLE_MODIFIERS


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named at `position`, with the role given beside the name there (or None)."""

    position: int
    name: str
    role: str | None
    gender: str | None
    definite: bool = False  # "the North Sea": a place or a thing rather than a person, unless it has a role
    initial: bool = False  # the name opens a sentence (is likely its subject)


def _is_demonym(word: str) -> bool:
    """`Portuguese`, `Azerbaijani`, `Moroccan`: where a role holder is from is not part of the role."""
    key = _key(word)
    return key.endswith(_DEMONYM_ENDINGS) and key not in _PORTFOLIO and key not in ROLE_HEADS and \
        key not in _NOT_DEMONYMS


def split_role(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Split "Energy Transition Minister Salma Benjelloun" into the role ("Energy Transition Minister") and
    the name tokens after the last role word (["Salma", "Benjelloun"]). Capitalised words before a role word
    qualify it; leading words that are not names ("The", "Another") are dropped; a courtesy title alone
    ("Ms Reyes") is no role."""
    last_role = -1
    for i, token in enumerate(tokens):
        if _key(token) in ROLE_HEADS:
            last_role = i
    name = tokens[last_role + 1:]
    while name and _key(name[0]) in _NOT_NAMES:
        name.pop(0)
    if last_role < 0:
        return None, name
    first = 0
    while first < last_role and (_key(tokens[first]) in _NOT_NAMES or _is_demonym(tokens[first])):
        first += 1
    role_tokens = [t for t in tokens[first:last_role + 1] if _key(t) not in _COURTESY]
    return (" ".join(role_tokens) or None), name


@lru_cache(maxsize=4096)
def _gender(role: str | None) -> str | None:
    words = (role or "").casefold().split()
    if any(w in _FEMININE for w in words):
        return "f"
    if any(w in _MASCULINE for w in words):
        return "m"
    return None


# an appositive role after a name: "Jessica Ditto, a spokeswoman for the campaign"
_APPOSITIVE = re.compile(r", (?:the|a|an|who is the|who is a) ((?:[\w\-]+ ){0,3}?([\w\-]+))"
                         r"(?: (?:of|for|at|in|from|with) [^,.;]{1,60})?[,.;]")


def _lowercase_role(text: str, start: int) -> str | None:
    """A role in lower case just before a name: "press secretary Josh Earnest", "the union’s leader, Brandt"."""
    words = text[max(0, start - 40):start].split()[-3:]
    if not words:
        return None
    if words[-1].endswith(","):
        words[-1] = words[-1][:-1]
    if _key(words[-1]) not in ROLE_HEADS or _key(words[-1]) in _COURTESY:
        return None
    first = len(words) - 1
    while first > 0 and is_role_word(words[first - 1]) and not _POSSESSIVE.search(words[first - 1]):
        first -= 1
    return " ".join(words[first:])


def _portfolio_lead(text: str, start: int) -> str | None:
    """The office before a portfolio: "Deputy Minister for " before "Defence Samuel Kiprono"."""
    if not text.endswith((" of ", " for ", " the "), 0, start):
        return None
    words = text[max(0, start - 60):start].split()
    if len(words) >= 2 and _key(words[-1]) == "the":
        words = words[:-1]
    if len(words) < 2 or words[-1] not in ("of", "for") or _key(words[-2]) not in ROLE_HEADS or \
            not words[-2][:1].isupper():
        return None
    first = len(words) - 2
    while first > 0 and is_role_word(words[first - 1]) and words[first - 1][:1].isupper():
        first -= 1
    return " ".join(words[first:])


def _split_portfolio(tokens: list[str]) -> tuple[list[str], list[str]]:
    """["Defence", "Samuel", "Kiprono"] -> (["Defence"], ["Samuel", "Kiprono"])."""
    i = 0
    while i < len(tokens) and (_key(tokens[i]) in _PORTFOLIO or
                               len(tokens) - i > 2 and _PORTFOLIO_SUFFIX.search(tokens[i])):
        i += 1
    return tokens[:i], tokens[i:]


def _appositive_role(appositive: re.Match) -> str | None:
    described = appositive.group(0).casefold()
    for phrase, role in _ROLE_SYNONYMS.items():
        if phrase in described:
            return role
    head = appositive.group(2)
    return head if _key(head) in ROLE_HEADS else None


class Cast:
    """The people an article names, in reading order, with their roles."""

    def __init__(self, text: str) -> None:
        self.mentions: list[Mention] = []
        self._fullest: dict[str, str] = {}
        counts: dict[str, int] = {}
        self._pending: tuple[int, str] | None = None  # (end, role) of a role awaiting its appositive name
        for match in NAME_RUN.finditer(text):
            for mention in self._mentions_in(text, match):
                self.mentions.append(mention)
                counts[mention.name] = counts.get(mention.name, 0) + 1
        self._positions = [m.position for m in self.mentions]
        self._index_surnames(counts)
        self._roles: dict[str, list[tuple[int, str]]] = {}  # fullest name -> (position, role)
        for mention in self.mentions:
            if mention.role:
                self._roles.setdefault(self.fullest(mention.name), []).append((mention.position, mention.role))
        # every mention of a person who holds a role, with that role (for "the minister")
        self._holders: list[tuple[Mention, str, frozenset[str]]] = []
        for mention in self.mentions:
            role = mention.role or self.role_of(self.fullest(mention.name), mention.position)
            if role:
                self._holders.append((mention, role, frozenset(_key(w) for w in role.split())))
        self._holder_positions = [m.position for m, _, _ in self._holders]

    def _mentions_in(self, text: str, match: re.Match) -> list[Mention]:
        tokens = match.group().split(" ")
        if len(tokens) == 1 and _key(tokens[0]) in _NOT_NAMES:
            return []
        start, end = match.span()
        if start and text[start - 1] in _OPEN_MARKS and text[end:end + 1] in _CLOSE_MARKS:
            return []  # a quoted title or nickname: “The Salt Roads”
        # a possessive ends a name: "Trump’s adviser Kellyanne Conway" is two runs
        for i, token in enumerate(tokens[:-1]):
            if token.endswith(_POSSESSIVE_ENDINGS) and len(token) > 2:
                head = Mention(start, _strip_possessive(" ".join(tokens[:i + 1])), None, None)
                rest = self._mention(text, start + len(" ".join(tokens[:i + 1])) + 1, tokens[i + 1:])
                return [m for m in (head, rest) if m and m.name and _key(m.name) not in _NOT_NAMES]
        mention = self._mention(text, start, tokens)
        return [mention] if mention else []

    def _mention(self, text: str, start: int, tokens: list[str]) -> Mention | None:
        end = start + len(" ".join(tokens))
        pending, self._pending = self._pending, None
        portfolio = _portfolio_lead(text, start)
        if portfolio is not None:  # "Minister for Defence Samuel Kiprono", "Minister of Energy, Salma X"
            lead, tokens = _split_portfolio(tokens)
            role = f"{portfolio} {' '.join(lead)}".strip()
            if not tokens:
                self._pending = (end, role)
                return None
            role_in_run, name = split_role(tokens)
            role = role_in_run or role
        else:
            role, name = split_role(tokens)
        if not name:
            if role and not any(_key(t) in _COURTESY for t in tokens):
                self._pending = (end, role)
            return None
        if not role and portfolio is None and start > 1 and text[start - 1] == " " and \
                (text[start - 2].islower() or text[start - 2] == ","):
            role = _lowercase_role(text, start)
        if not role and pending is not None and text.startswith(", ", pending[0]) and pending[0] + 2 == start:
            role = pending[1]
        if not role and text.startswith(", ", end):
            appositive = _APPOSITIVE.match(text, end, end + 100)
            if appositive:
                role = _appositive_role(appositive)
        full = _strip_possessive(" ".join(name))
        definite = role is None and text[max(0, start - 4):start].casefold() == "the "
        initial = start == 0 or text[start - 1] == "\n" or text.endswith(_SENTENCE_ENDINGS, 0, start)
        return Mention(start, full, role, _gender(role) or _gender(" ".join(tokens)) if role else
                       _gender(" ".join(tokens)), definite, initial)

    def _index_surnames(self, counts: dict[str, int]) -> None:
        """Map each surname to the most frequent (then first) multi-word name that ends with it."""
        for mention in self.mentions:
            words = mention.name.split()
            if len(words) < 2:
                continue
            surname = words[-1]
            best = self._fullest.get(surname)
            if best is None or counts[mention.name] > counts[best] or \
                    counts[mention.name] == counts[best] and len(words) > len(best.split()):
                self._fullest[surname] = mention.name

    def fullest(self, name: str) -> str:
        """The fullest name the article gives for `name` ("Musayev" -> "Elshan Musayev")."""
        words = name.split()
        if len(words) == 1:
            return self._fullest.get(words[0], name)
        # "Elshan Musayev" stays; "Mr. Musayev" was split earlier; "Ilham Aliyev" is its own fullest
        return name

    def role_of(self, name: str, before: int) -> str | None:
        """The latest role given to `name` before `before` (or the first given after, if none)."""
        roles = self._roles.get(name)
        if not roles:
            return None
        earlier = [role for position, role in roles if position < before]
        return earlier[-1] if earlier else roles[0][1]

    def holder_of(self, role_noun: str, before: int, qualifiers: tuple[str, ...] = ()) -> Mention | None:
        """The latest person named with a role whose head is `role_noun` ("the MP", "the minister"); with
        `qualifiers` ("the foreign minister"), one whose role has them all, if any."""
        noun = _key(role_noun)
        wanted = {_key(q) for q in qualifiers}
        fallback = None
        holders = self._holders
        for i in range(bisect.bisect_left(self._holder_positions, before) - 1, -1, -1):
            mention, role, words = holders[i]
            if noun in words:
                if wanted <= words:
                    return mention if mention.role else Mention(mention.position, mention.name, role,
                                                                mention.gender)
                fallback = fallback or Mention(mention.position, mention.name, role, mention.gender)
        return fallback

    def subject_between(self, after: int, before: int, gender: str | None) -> str | None:
        """The latest person named at the start of a sentence between `after` and `before`, if any."""
        mentions = self.mentions
        for i in range(bisect.bisect_left(self._positions, before) - 1, -1, -1):
            mention = mentions[i]
            if mention.position < after:
                return None
            if mention.initial and not mention.definite and \
                    (mention.role or len(self.fullest(mention.name).split()) >= 2) and \
                    (gender is None or mention.gender in (None, gender)):
                return self.fullest(mention.name)
        return None

    def latest_person(self, before: int, gender: str | None) -> str | None:
        """The latest name that looks like a person's (two words or a role) and fits the gender."""
        mentions = self.mentions
        for i in range(bisect.bisect_left(self._positions, before) - 1, -1, -1):
            mention = mentions[i]
            if mention.definite:
                continue
            looks_personal = mention.role or len(self.fullest(mention.name).split()) >= 2
            if looks_personal and (gender is None or mention.gender in (None, gender)):
                return self.fullest(mention.name)
        return None

    def gender_of(self, name: str) -> str | None:
        genders = {_gender(role) for _, role in self._roles.get(name, ())} - {None}
        return genders.pop() if len(genders) == 1 else None



def _strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name) if name.endswith(("’s", "'s", "s’", "s'")) else name


def head_noun(phrase: str) -> str | None:
    """Head noun of an unnamed speaker's description: "a senior spokesman for the ministry" -> "spokesman",
    "a Moroccan official involved in the talks" -> "official". Acronyms keep their capitals ("MP")."""
    words = []
    for word in _PLAIN_WORD.findall(phrase):
        if word.casefold() in _PREPOSITIONS or word.islower() and word.endswith(("ed", "ing")) and \
                any(w.casefold() not in _NOT_NAMES for w in words):
            break
        words.append(word)
    while words and words[0].casefold() in _NOT_NAMES:
        words.pop(0)
    if not words:
        return None
    roles = [w for w in words if _key(w) in ROLE_HEADS]
    word = _strip_possessive(roles[-1] if roles else words[-1])
    return word if len(word) > 1 and word.isupper() else word.casefold()
