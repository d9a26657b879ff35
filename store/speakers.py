"""Who is who in an article: the people it names, their roles, and how to resolve a speaker phrase
("Musayev", "the MP", "he", "a spokesman for the ministry") to the fullest name the article gives."""
from __future__ import annotations

import bisect
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
NAME_RUN = re.compile(rf"(?<![\p{{L}}\p{{N}}’'\-.]){_TOKEN}(?:[ ](?:{_PARTICLE}[ ])?{_TOKEN})*")
_POSSESSIVE = re.compile(r"[’']s?$")

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
_PREPOSITIONS = frozenset("for of at with from in on to who that which whose by".split())


def _key(word: str) -> str:
    return word.casefold().rstrip(".")


def is_role_word(word: str) -> bool:
    key = _key(word)
    return key in ROLE_HEADS or key in ROLE_MODIFIERS or word.casefold() in ROLE_HEADS


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named at `position`, with the role given beside the name there (or None)."""

    position: int
    name: str
    role: str | None
    gender: str | None


def split_role(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Split "Azerbaijani MP Elshan Musayev" into the role ("MP") and the name tokens after the last role
    word (["Elshan", "Musayev"]). Leading words that are not names ("The", "Another") are dropped."""
    last_role = max((i for i, token in enumerate(tokens) if _key(token) in ROLE_HEADS), default=-1)
    name = [t for t in tokens[last_role + 1:]]
    while name and _key(name[0]) in _NOT_NAMES:
        name.pop(0)
    if last_role < 0:
        return None, name
    first = last_role
    while first > 0 and is_role_word(tokens[first - 1]):
        first -= 1
    return " ".join(tokens[first:last_role + 1]), name


def _gender(role: str | None) -> str | None:
    words = (role or "").casefold().split()
    if any(w in _FEMININE for w in words):
        return "f"
    if any(w in _MASCULINE for w in words):
        return "m"
    return None


# lowercase role words just before a capitalised name: "press secretary Josh Earnest"
_ROLE_PREFIX = re.compile(r"((?:[\p{Ll}\-]+ ){1,3})$")
# an appositive role after a name: "Jessica Ditto, a spokeswoman for the campaign"
_APPOSITIVE = re.compile(r"^, (?:the|a|an|who is the|who is a) ((?:[\w\-]+ ){0,3}?([\w\-]+))"
                         r"(?: (?:of|for|at|in|from|with) [^,.;]{1,60})?[,.;]")


class Cast:
    """The people an article names, in reading order, with their roles."""

    def __init__(self, text: str) -> None:
        self.mentions: list[Mention] = []
        self._fullest: dict[str, str] = {}
        counts: dict[str, int] = {}
        for match in NAME_RUN.finditer(text):
            for mention in self._mentions_in(text, match):
                self.mentions.append(mention)
                counts[mention.name] = counts.get(mention.name, 0) + 1
        self._positions = [m.position for m in self.mentions]
        self._index_surnames(counts)

    def _mentions_in(self, text: str, match: re.Match) -> list[Mention]:
        tokens = match.group().split(" ")
        # a possessive ends a name: "Trump’s adviser Kellyanne Conway" is two runs
        for i, token in enumerate(tokens[:-1]):
            if _POSSESSIVE.search(token) and len(token) > 2:
                head = Mention(match.start(), _strip_possessive(" ".join(tokens[:i + 1])), None, None)
                rest = self._mention(text, match.start() + len(" ".join(tokens[:i + 1])) + 1, tokens[i + 1:])
                return [m for m in (head, rest) if m and m.name and _key(m.name) not in _NOT_NAMES]
        mention = self._mention(text, match.start(), tokens)
        return [mention] if mention else []

    def _mention(self, text: str, start: int, tokens: list[str]) -> Mention | None:
        role, name = split_role(tokens)
        if not name:
            return None
        prefix = _ROLE_PREFIX.search(text, max(0, start - 40), start)
        if prefix:
            words = prefix.group(1).split()
            lowercase_role, rest = split_role(words + ["X"])
            if lowercase_role and rest == ["X"]:
                role = f"{lowercase_role} {role}" if role else lowercase_role
        end = start + len(" ".join(tokens))
        appositive = _APPOSITIVE.match(text[end:end + 80])
        if not role and appositive and _key(appositive.group(2)) in ROLE_HEADS:
            role = appositive.group(2)
        full = _strip_possessive(" ".join(name))
        return Mention(start, full, role, _gender(role))

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
        roles = [m.role for m in self.mentions if m.role and self.fullest(m.name) == name]
        earlier = [m.role for m in self._before(before) if m.role and self.fullest(m.name) == name]
        return earlier[-1] if earlier else (roles[0] if roles else None)

    def holder_of(self, role_noun: str, before: int) -> Mention | None:
        """The latest person given a role whose head is `role_noun` ("the MP", "the minister")."""
        noun = _key(role_noun)
        for mention in reversed(self._before(before)):
            if mention.role and noun in (_key(w) for w in mention.role.split()):
                return mention
        return None

    def latest_person(self, before: int, gender: str | None) -> str | None:
        """The latest name that looks like a person's (two words or a role) and fits the gender."""
        for mention in reversed(self._before(before)):
            looks_personal = mention.role or len(self.fullest(mention.name).split()) >= 2
            if looks_personal and (gender is None or mention.gender in (None, gender)):
                return self.fullest(mention.name)
        return None

    def gender_of(self, name: str) -> str | None:
        genders = {m.gender for m in self.mentions if m.gender and self.fullest(m.name) == name}
        return genders.pop() if len(genders) == 1 else None

    def _before(self, position: int) -> list[Mention]:
        return self.mentions[:bisect.bisect_left(self._positions, position)]


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE.sub("", name) if name.endswith(("’s", "'s", "s’", "s'")) else name


def head_noun(phrase: str) -> str | None:
    """Head noun of an unnamed speaker's description: "a senior spokesman for the ministry" -> "spokesman"."""
    words = []
    for word in re.findall(r"[\p{L}\-’']+", phrase):
        if word.casefold() in _PREPOSITIONS:
            break
        words.append(word)
    while words and words[0].casefold() in _NOT_NAMES:
        words.pop(0)
    return _strip_possessive(words[-1]).casefold() if words else None
