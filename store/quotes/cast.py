"""Who is who in an article: the people and bodies it names, their roles and genders, and how to complete
a speaker phrase ("Musayev", "Anna", "Mr. Kay", "the MP") to the fullest name the article gives.

A person is a given name and a surname: "Anna Berg", "Anna Maria Berg" and "Mrs. Berg" are one
person (the fullest form names her), "Tom Kay" and "Anna Kay" are two, and a bare "Kay" goes to whichever of
them the article spoke of last (by gender when a title gives it: "Mr. Kay")."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Final, Iterator, NamedTuple

import re as stdre

import regex as re

from store.quotes.cues import COMMON_VERBS
from store.quotes.name_words import (ABBREVIATED_TITLES, COURTESY_TITLES, GLUED_PARTICLES, NAME_SUFFIXES, POSTNOMINALS,
                                     NUMBERED_SUFFIXES, ORG_ABBREVIATIONS, PARTICLES, folded)
from store.quotes.names import UNISEX, gender_of_given_name


# the capital letters of the Latin, Greek, Cyrillic and Armenian scripts
UPPERCASE_LETTERS = frozenset(chr(cp) for block in ((0x41, 0x590), (0x10A0, 0x10D0), (0x1E00, 0x2000))
                              for cp in range(*block) if chr(cp).isupper())


def _uppercase_class() -> str:
    """UPPERCASE_LETTERS as a character class for the standard `re`, which scans a whole article for names
    several times faster than `regex` does."""
    capitals = sorted(map(ord, UPPERCASE_LETTERS))
    ranges, start = [], capitals[0]
    for previous, current in zip(capitals, capitals[1:] + [-1]):
        if current != previous + 1:
            ranges.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
            start = current
    return "[%s]" % "".join(ranges)


_UPPER = UPPERCASE = _uppercase_class()
# Musayev, O’Rourke, Jean-Luc, a single letter; combining accents inside, and the signs a letter of UTF-8 read as
# Latin-1 leaves inside a word ("PeÃ±a", "TrÃ©vidic")
_WORD_REST = r"(?:[\w’'\-\u0300-\u036f\u00a1-\u00bf]*[^\W\d_])?"
_WORD = rf"{_UPPER}{_WORD_REST}"
_INITIALS = rf"(?:{_UPPER}\.){{1,3}}"  # J. / U.S.
_ABBREVIATED_TITLES = ABBREVIATED_TITLES + NAME_SUFFIXES + ("St",)
_TITLE_ABBREV = r"(?:%s)\." % "|".join(_ABBREVIATED_TITLES)
_GLUED_REST = rf"{_UPPER}[\w’'\-\u0300-\u036f]*"
_GLUED_PARTICLE = "(?:%s)" % "|".join(GLUED_PARTICLES)
_GLUED = _GLUED_PARTICLE + _GLUED_REST
_ORG_ABBREV = r"(?:%s)\." % "|".join(ORG_ABBREVIATIONS)
_TOKEN = rf"(?:{_TITLE_ABBREV}|{_ORG_ABBREV}|{_INITIALS}|{_WORD}|{_GLUED})"
_PARTICLE = r"(?:%s)" % "|".join(PARTICLES)
_NAME_STARTS = f"[{_UPPER[1:-1]}adeiu]"
_DOT = r"\."


def _after_first(words: tuple[str, ...], then: str) -> str:
    """`words` (each followed by `then`) as what follows their first letter, once that letter is read:
    ("Mr", "Ms") and a full stop -> (?<=M)(?:r|s) and the stop (order kept, so that the same alternative wins)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if stdre.fullmatch(_NAME_STARTS, word[0]):
            groups.setdefault(word[0], []).append(stdre.escape(word[1:]))
    return "(?:%s)" % "|".join(f"(?<={first})(?:{'|'.join(rests)}){then}" for first, rests in groups.items())


# a run of capitalised words, particles inside it ("Joost van den Heuvel", "Bashar al-Assad"); the standard
# `re` (the pattern is also valid for `regex`, which composes it into other patterns)
_NOT_AFTER = r"[\w’'\-.]"  # a name starts a word
_RUN_REST = rf"(?:[ \xa0](?:{_PARTICLE}[ \xa0]){{0,2}}{_TOKEN})*"
NAME_RUN = stdre.compile(rf"(?={_NAME_STARTS})(?<!{_NOT_AFTER}){_TOKEN}{_RUN_REST}")
# The same runs, for scanning a whole text: those that open with a capital, whose first letter comes first in the
# pattern, so that the scan skips in C to the next capital instead of trying the pattern at every character (an
# abbreviation, "Mr.", "Ltd.", is looked for only before a full stop) ...
# (the rest of a word as `_WORD_REST` reads it, lower-case ASCII letters tried first: the class of `_WORD_REST`
# reads each character's Unicode properties)
_SCAN_WORD_REST = r"(?:[a-z]++(?![\w’'\-\u0300-\u036f\u00a1-\u00bf])|%s)" % _WORD_REST
_FIRST_LETTER_TOKEN = (rf"{_UPPER}(?:(?=[a-zA-Z]{{0,3}}+\.)(?:{_after_first(_ABBREVIATED_TITLES, _DOT)}|"
                       rf"{_after_first(ORG_ABBREVIATIONS, _DOT)})|\.(?:{_UPPER}\.){{0,2}}|{_SCAN_WORD_REST})")
# (each word after the first the same way: an abbreviation is tried only before a full stop; and a word after a
# space is tried only when its first letter may start a particle or a word of a name, not at every word that ends
# a run: "Brandt said")
# (a particle is known by its first two letters: "the", "a", "in" end a run at their second)
_NEXT_WORD_STARTS = "%s|%s" % (_UPPER, "|".join(
    f"{first}[{''.join(sorted({p[1] for p in PARTICLES + GLUED_PARTICLES if p[0] == first}))}]"
    for first in sorted({p[0] for p in PARTICLES + GLUED_PARTICLES})))
_RUN_CONTINUES = rf"[ \xa0](?={_NEXT_WORD_STARTS})(?:{_PARTICLE}[ \xa0]){{0,2}}+(?:{_FIRST_LETTER_TOKEN}|{_GLUED})"
_CAPITAL_RUN_REST = (rf"(?:(?=[a-zA-Z]{{0,3}}+\.)(?:{_after_first(_ABBREVIATED_TITLES, _DOT)}|"
                     rf"{_after_first(ORG_ABBREVIATIONS, _DOT)})|\.(?:{_UPPER}\.){{0,2}}|{_SCAN_WORD_REST})"
                     rf"(?:{_RUN_CONTINUES})*+")
# (compiled when first used, see `name_runs`: the engine reads the runs of `_CAPITAL_NAME_RUN`)
_CAPITAL_RUN = rf"{_UPPER}(?<!{_NOT_AFTER}.){_CAPITAL_RUN_REST}"
# ... and the few that open with a glued particle (al-Assad), found by the particle and its mark
_GLUED_LEADS = tuple(p for p in GLUED_PARTICLES if p[0] in "adeiu")


# ... looked for by the mark that ends them (one scan for each mark, not for each particle), then by the letter
# before the mark (most hyphens and apostrophes follow one that ends no particle: "so-called", "it’s")
_GLUED_BY_MARK = {mark: {letter: tuple(lead for lead in _GLUED_LEADS if lead.endswith(letter + mark))
                         for letter in {lead[-2] for lead in _GLUED_LEADS if lead.endswith(mark)}}
                  for mark in "-’'"}


def name_runs(text: str) -> list[stdre.Match]:
    """`NAME_RUN.finditer(text)`, in a fraction of the time."""
    return _with_glued_runs(text, stdre.finditer(_CAPITAL_RUN, text), NAME_RUN)


def _with_glued_runs(text: str, runs: Iterator[stdre.Match], glued_run: stdre.Pattern) -> list[stdre.Match]:
    """`runs` (of `_CAPITAL_RUN` or `_CAPITAL_NAME_RUN`) and those of `text` that open with a glued particle (matches
    of `glued_run`: `NAME_RUN`, or the same pattern marking the context as `_CAPITAL_NAME_RUN` does), in order."""
    glued = []
    for mark, leads_by_letter in _GLUED_BY_MARK.items():
        at = text.find(mark, 1)  # (a particle comes before its mark)
        while at >= 0:
            for lead in leads_by_letter.get(text[at - 1], ()):
                start = at + 1 - len(lead)
                if start >= 0 and text.startswith(lead, start):
                    run = glued_run.match(text, start)
                    if run is not None:
                        glued.append(run)
            at = text.find(mark, at + 1)
    if not glued:
        return list(runs)
    merged, end = [], -1
    for run in sorted([*runs, *glued], key=lambda m: m.start()):
        if run.start() >= end:  # a run inside another is not one of its own
            merged.append(run)
            end = run.end()
    return merged


# a nickname set in quotes inside a name: Ilse “The Hammer” Koenig
_NICKNAME = re.compile(r"[ \xa0][“\"‘']\p{Lu}[\p{L}’'\-.]*(?:[ \xa0]\p{Lu}[\p{L}’'\-.]*){0,2}[”\"’'][ \xa0](?=\p{Lu})")
_POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
_POSSESSIVE_MARKS = frozenset("’'")  # what a possessive ending opens with: read after a name in one look-up
_SUFFIXES = folded(NAME_SUFFIXES, tuple(f"{suffix}." for suffix in NAME_SUFFIXES), NUMBERED_SUFFIXES)
_PARTICLES = frozenset(PARTICLES)
_POSTNOMINALS = frozenset(POSTNOMINALS)

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
lord lady king queen prince princess pope father sister brother mother critic curator moderator
fr ald alderman alderwoman cmdr cdr brig brigadier cllr cr shri smt baroness skipper shopkeeper
assemblyman assemblywoman delegate organizer organiser owner striker defender goalkeeper manager
novelist writer poet playwright composer conductor singer actor actress director producer presenter
principal teacher nurse farmer fisherman engineer architect designer pilot driver volunteer witness partner
veterinarian surgeon physician pharmacist dentist paramedic firefighter midwife psychiatrist psychologist
epidemiologist virologist biologist geologist physicist astronomer meteorologist forecaster sociologist
anthropologist barrister solicitor magistrate constable lecturer journalist photographer accountant
electrician plumber librarian archivist referee umpire midfielder
""".split())
# words that qualify a role inside a title ("Foreign Minister", "press secretary", "Vice President")
ROLE_MODIFIERS = frozenset("""
foreign prime deputy vice press chief former interior defense defence finance economy economic health
education state assistant associate senior executive first majority minority acting interim house senate
campaign communications national security general managing principal district county city federal business
""".split())
# capitalised words that start a sentence or a phrase but are never part of a name
_NOT_NAMES = frozenset("""
the a an and but or nor so yet for in on at to of by with from into onto after before when while as if
it its this that these those he she they we i you his her their our my your him them us me there here
what who whom whose why how where which not no yes oh well also another other some many most all both each
every then now today yesterday tomorrow last next later according asked speaking during since despite
although though because under over meanwhile however instead still even just only like unlike once
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr. mrs. ms. dr. one two three specifically continuing reached
contacted hours minutes days weeks months years sources officials critics supporters residents experts
former then ex
""".split())
def _words_tree(words: list[str]) -> str:
    """`words` (lower case) capitalised, as a pattern that reads what follows their capital, once that letter is read:
    a tree of their letters, so that at each letter only the branches that go on with it are tried
    ("the", "this", "she" -> (?:h(?:e(?:(?<=[TS]he))|i(?:s(?:(?<=[T]his))))))."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word[1:]:
            node = node.setdefault(letter, {})
        node.setdefault("", []).append(word[0].upper())

    def pattern(node: dict, rest: str) -> str:
        # (the look-behind last: an alternation passes over a letter that does not follow at once, but enters every
        # look-behind, and most capitals begin no such word)
        branches = [stdre.escape(letter) + pattern(child, rest + letter) for letter, child in sorted(node.items())
                    if letter]
        branches += [f"(?<=[{''.join(node[''])}]{stdre.escape(rest)})"] if "" in node else []
        return "(?:%s)" % "|".join(branches)
    return pattern(tree, "")


# What beside a run may change what its words make of it (see `Cast._read_mentions`), told by an empty group that
# takes part in the match only then, so that a run with none of it is read without a look at the text around it:
# before the run "the", " of ", " for ", ", " or an opening quote mark (`first`: the pattern that has read the run's
# first letter by then), after it a comma, an apostrophe (a possessive) or a space and a quote mark (a nickname).
_OPENING_MARKS = "\u201c\u201e\u00ab\u2018\u201a\u2039\""


def _context_before(first: str) -> str:
    # (the character two before the run first: most runs follow a space, after a word that ends none of these)
    return (rf"(?:(?:(?<=[eEfr,] {first})(?:(?<=[Tt][Hh][Ee] {first})|(?<= of {first})|(?<= for {first})|(?<=, {first}))"
            rf"|(?<=[{_OPENING_MARKS}]{first}))()|)")


_CONTEXT_AFTER = rf"(?:(?=[,’']|[ \xa0][\u201c\"\u2018'])()|)"

# The runs of `_CAPITAL_RUN` less a word that is never a name standing alone, capitalised ("The", "Monday"): the
# run it would be is passed over in C. Only a word that plainly ends its run is, one that no word of a name (a
# capital or another letter not in a-z, a particle), no quote mark (a nickname: "The “Hammer” Koenig") and, after
# "A" or "I", no stop (an initial: "A. Kay") follows; "Monday." ends a sentence.
# (Where the word starts and its context are looked at only once the run is sure to be one: most capitals that
# open no run open a word never a name, after a space.)
_CAPITAL_NAME_RUN = stdre.compile(
    rf"{_UPPER}"
    rf"(?!{_words_tree(sorted(w for w in _NOT_NAMES if w.isalpha() and w.isascii()))}"
    rf"(?![\w’'\-\u0300-\u036f\u00a1-\u00bf]|(?<=[AI])\.)(?![ \xa0](?:[\u201c\"\u2018']|[^\W\d_a-z]|{_PARTICLE}[ \xa0]|{_GLUED_PARTICLE})))"
    rf"(?<!{_NOT_AFTER}.)"
    rf"{_context_before('.')}{_CAPITAL_RUN_REST}{_CONTEXT_AFTER}")
# the runs that open with a glued particle, their context marked the same way
_GLUED_NAME_RUN = stdre.compile(rf"(?={_NAME_STARTS})(?<!{_NOT_AFTER}){_context_before('')}{_TOKEN}{_RUN_REST}"
                                rf"{_CONTEXT_AFTER}")


def _runs_to_read(text: str) -> list[stdre.Match]:
    """`name_runs(text)` less the runs of a word that is never a name standing alone (see `_CAPITAL_NAME_RUN`); a
    run's `lastindex` is None when nothing around it changes what it is (see `_context_before`)."""
    return _with_glued_runs(text, _CAPITAL_NAME_RUN.finditer(text), _GLUED_NAME_RUN)



PRONOUNS = {"he": "m", "she": "f"}
NEVER_SPEAKERS = frozenset("i we you they it this that me us them who which one everyone".split())
_FEMININE = frozenset("""
mrs ms miss mrs. ms. spokeswoman chairwoman congresswoman councilwoman assemblywoman businesswoman queen
princess lady dame mother sister wife widow daughter grandmother aunt niece girlfriend actress baroness smt smt.
alderwoman
""".split())
_MASCULINE = frozenset("""
mr mr. spokesman chairman congressman councilman assemblyman businessman king prince lord father brother
sir husband widower son grandfather uncle nephew boyfriend actor shri fr fr. alderman
""".split())
# courtesy titles tell a gender but are not roles
_COURTESY = folded(COURTESY_TITLES, ("Mr.", "Mrs.", "Ms."))
# titles that say what someone is only when nothing better is said beside the name: "the critic Dr. Samuel Achterberg" is a critic
_TITLE_ROLES = frozenset(("dr", "prof"))
# a role and the roles it names too: "the lawmaker" is a senator or a representative
_ROLE_FAMILIES = {
    "lawmaker": frozenset("lawmaker legislator senator sen representative rep congressman congresswoman "
                          "congressmember mp assemblyman assemblywoman councilman councilwoman councillor".split()),
    "legislator": frozenset("legislator lawmaker senator sen representative rep congressman congresswoman mp".split()),
    "congressman": frozenset("congressman rep representative".split()),
    "congresswoman": frozenset("congresswoman rep representative".split()),
    "representative": frozenset("representative rep congressman congresswoman".split()),
    "senator": frozenset("senator sen".split()),
    "governor": frozenset("governor gov".split()),
    "general": frozenset("general gen".split()),
    "professor": frozenset("professor prof".split()),
    "doctor": frozenset("doctor dr".split()),
    "spokesperson": frozenset("spokesperson spokesman spokeswoman".split()),
    "official": frozenset("official officer".split()),
    "chair": frozenset("chair chairman chairwoman chairperson".split()),
    "chairman": frozenset("chairman chair".split()),
    "chairwoman": frozenset("chairwoman chair".split()),
    "coach": frozenset("coach manager".split()),
    "reverend": frozenset("reverend rev".split()),
    "father": frozenset("father fr".split()),
    "alderman": frozenset("alderman ald".split()),
    "alderwoman": frozenset("alderwoman ald".split()),
    "commander": frozenset("commander cmdr cdr".split()),
    "brigadier": frozenset("brigadier brig".split()),
    "councillor": frozenset("councillor cllr cr".split()),
}
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
# words that make a name a body or a place, not a person
_BODY_WORDS = frozenset("""
party department ministry committee council commission agency association institute university college
school foundation bank company corporation corp corp. inc inc. ltd ltd. llc plc group news times post
journal tribune herald network channel television radio press review magazine house senate congress
parliament court administration office bureau board service services union league club church center
centre campaign fund trust coalition federation organization organisation airlines airways motors
holdings partners capital media studios records agency city county state states republic kingdom
street avenue road square park river lake mountain island islands valley airport station hospital
government army navy force forces police guard project initiative program programme summit conference
""".split())
_DEMONYM_ENDINGS = ("an", "ese", "ene", "ish", "i", "ch")
_NOT_DEMONYMS = frozenset("human urban christian".split())
_PORTFOLIO_SUFFIX = re.compile(r"(?:tion|ment|ance|ence|ity|ure|ism|ics|ies|ry)$")
_OPEN_MARKS = frozenset(_OPENING_MARKS)
_CLOSE_MARKS = frozenset("\u201d\u201c\u00bb\u2019\u203a\"")
# a described role that has a short name of its own
_ROLE_SYNONYMS = {"member of parliament": "MP", "member of the european parliament": "MEP",
                  "members of parliament": "MP"}
_PLAIN_WORD = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-’']*")
_PREPOSITIONS = frozenset("for of at with from in on to who that which whose by".split())
_VERB_WORDS = frozenset("is are was were be been has have had will would can could should may might must do "
                        "does did says said familiar close involved knowledgeable aware".split()) | COMMON_VERBS
# an appositive role after a name: "Jessica Ditto, a spokeswoman for the campaign", "Koenig, 47, a defender"
_APPOSITIVE = re.compile(r", (?:\d{1,3}, )?(?:the|a|an|who is the|who is a|his|her|their) "
                         r"((?:[\w\-]+ ){0,3}?([\w\-]+))(?: (?:of|for|at|in|from|with|to) [^,.;]{1,60})?[,.;]")
# a single name as the subject of a speech verb, after it or before it
_SPEECH_AFTER = tuple(f" {verb}" for verb in """said says told tells added adds asked asks wrote writes explained
argued noted tweeted declared insisted warned replied responded continued recalled stated""".split())
_SPEECH_BEFORE = ("said ", "says ", "added ", "asked ", "wrote ", "tweeted ")
_DESCRIPTION_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[^,;:.()\u201c\u201d\"]{2,70}$")
_HOLDER_LOOKBACK = 400
_OPENING = 400  # characters of an article's opening, where a role may come before its holder's name
_OF_NAME = re.compile(r" (?:of|for) (?:the )?\p{Lu}[\p{L}’'\-]*(?: (?:and )?\p{Lu}[\p{L}’'\-]*)*")
_COMPANY_WORDS = frozenset("inc ltd corp co plc llc company corporation group holdings airlines motors".split())
# what "the company", "the ministry" … stand for: a body named in the article
BODY_NOUNS = frozenset("""company firm ministry agency department committee council commission party union bank
university court association foundation institute network newspaper board""".split())  # role holders considered before a position: bounded, so each look-up is O(1)


@lru_cache(maxsize=8192)
def _key(word: str) -> str:
    return word.casefold().rstrip(".")


@lru_cache(maxsize=8192)
def is_role_word(word: str) -> bool:
    """A word of a role or a title, singular or plural ("minister", "Sen.", "prosecutors", "deputy")."""
    key = _key(word)
    return key in ROLE_HEADS or key in ROLE_MODIFIERS or key.endswith("s") and _singular(key) in ROLE_HEADS


def _is_role_head(word: str) -> bool:
    key = _key(word)
    return key in ROLE_HEADS or key.endswith("s") and _singular(key) in ROLE_HEADS


def _singular(key: str) -> str:
    return key[:-3] + "y" if key.endswith("ies") else key[:-2] if key.endswith(("ches", "shes")) else key[:-1]


# a head noun and what it belongs to: "spokesman for Acme Ltd.", "adviser to Ola Berg" (not "Bank of Kell",
# "Joost van den Heuvel")
_BELONGS_TO = stdre.compile(r"(?:^|\s)(?!(?:%s)\s)[a-z][a-z\-]*\s(?:for|to|of|at|from|with|close\sto)\s"
                            % "|".join(PARTICLES))


def is_unnamed(speaker: str) -> bool:
    """A speaker the article does not name: a head noun, maybe with the body, place or person it belongs to
    ("spokesman", "MP", "Coca-Cola spokesman", "Danish official", "adviser to Ola Berg"). A person's name ends
    with a capitalised surname that is no role word."""
    last = speaker.split()[-1] if speaker.split() else ""
    return bool(last) and (not last[:1].isupper() or is_role_word(last) or _BELONGS_TO.search(speaker) is not None)


# qualifiers of a role that tell when or how high, not which role: "the former pollster" is the pollster named
_SOFT_MODIFIERS = frozenset("former acting interim senior first".split())


def same_role(noun: str, role_words: frozenset[str]) -> bool:
    """`noun` ("lawmaker", "senator") names a role held as `role_words` ({"sen"}, {"state", "senator"})."""
    key = _key(noun)
    family = _ROLE_FAMILIES.get(key)
    return key in role_words or (family is not None and not family.isdisjoint(role_words))


class Mention(NamedTuple):
    """A name at `position` (up to `end`), with the role given beside it there (or None). A tuple: an article
    has hundreds."""

    position: int
    name: str
    role: str | None
    gender: str | None
    definite: bool = False  # "the North Sea": a place or a thing rather than a person, unless it has a role
    end: int = 0
    possessive: bool = False  # "Varga’s adviser": the name qualifies what follows
    context: bool = False  # a role may be stated around the name (see Cast.mention_role)


_new_mention = tuple.__new__
_POSITION = itemgetter(0)  # a mention's position, read in C
_UNREAD = object()  # what `Cast._find` has not looked for yet
# "the " in every case: what casefolds to "the " (no other character folds to one of its letters), to compare the four
# characters before a position with in one look-up
_THE_WORDS = frozenset(f"{t}{h}{e} " for t in "tT" for h in "hH" for e in "eE")
_NEAR_MENTIONS = 4  # mentions read back for a role before all of a person's are


@dataclass(slots=True)
class Person:
    """Everyone the article names with the same given name and surname (or the same single name)."""

    fullest: str
    given: str | None = None
    surname: str = ""
    titled: int = 0  # mentions with a title or role, or as the subject of a speech verb: a person
    body: bool = False  # a name of a body or a place ("Valley Post", "New Harbour")
    votes: dict[str, int] = field(default_factory=dict)  # gender -> weight of the evidence
    mentions: list[int] = field(default_factory=list)  # indices into Cast.mentions, in order
    positions: list[int] = field(default_factory=list)  # where it is named, in order
    roles: list[tuple[int, str]] | None = None  # (position, role) where a role is given; see Cast._roles
    size: int = 1  # words in the fullest name


def _is_demonym(word: str) -> bool:
    """`Portuguese`, `Azerbaijani`, `Moroccan`: where a role holder is from is not part of the role."""
    key = _key(word)
    return key.endswith(_DEMONYM_ENDINGS) and key not in _PORTFOLIO and key not in ROLE_HEADS and \
        key not in _NOT_DEMONYMS


_NATIONALITY_ENDINGS = ("ian", "ese", "ean")
# nationalities of other shapes (an ending such as -ish is a given name's too: Trish, Manish)
_NATIONALITIES = frozenset("""british irish spanish polish turkish danish swedish finnish scottish kurdish jewish
french dutch czech greek thai swiss""".split())


def _is_nationality(word: str) -> bool:
    """`Nigerian`, `Japanese`, `Korean`, `Irish`: a word for where someone is from that no given name shares
    (Brian, Julian, Jean are given names)."""
    key = _key(word)
    if key in _NATIONALITIES:
        return word[:1].isupper()
    return len(word) >= 6 and word.endswith(_NATIONALITY_ENDINGS) and word[:1].isupper() and word[1:].islower() \
        and not gender_of_given_name(word)


_AGENT_ENDINGS = ("tor", "ist", "ant", "ician")  # investor, activist, consultant, technician
# the endings of given names such as Kerry, Casey, Lexie (Kerry Ann Walsh), and of adverbs: not a role never seen
_DIMINUTIVE_ENDINGS = ("y", "ie")


def split_role(tokens: list[str]) -> tuple[str | None, list[str]]:
    """Split "Energy Transition Minister Salma Benjelloun" into the role ("Energy Transition Minister") and
    the name tokens after the last role word (["Salma", "Benjelloun"]). Capitalised words before a role word
    qualify it; leading words that are not names ("The", "Another") are dropped; a courtesy title alone
    ("Ms Reyes") is no role; a suffix ("Jr.") stays with the name."""
    role, name = _split_role(tuple(tokens))
    return role, list(name)


# words for how someone stands to another, a role only as a title before a name ("Opponent Robin Kay"): set off
# beside one ("her opponent, Anna Berg") they say less than the role the article gives elsewhere
_RELATION_TITLES = frozenset("opponent rival challenger".split())


@lru_cache(maxsize=8192)
def _split_role(tokens: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """`split_role` of `tokens`, read once for each distinct run of them."""
    last_role = -1
    for i, token in enumerate(tokens):
        key = _key(token)
        if (key in ROLE_HEADS or key in _RELATION_TITLES and i == 0 and len(tokens) > 2) and \
                not (i and key in ("jr", "sr")) and not _is_surname_here(tokens, i):
            last_role = i
    start, stop = last_role + 1, len(tokens)
    while start < stop and _key(tokens[start]) in _NOT_NAMES:
        start += 1
    while stop - start > 1 and tokens[stop - 1].rstrip(",.") in _POSTNOMINALS:
        stop -= 1
    name = tokens[start:stop]
    if last_role < 0:
        nationality = next((i for i in range(len(name) - 2, 0, -1) if _is_nationality(name[i])), None) \
            if len(name) >= 4 else None
        if nationality is not None or len(name) == 3 and _is_nationality(name[0]):
            # "Unseeded Nigerian Ada Okonjo", "Belgian Petra Vandersteen": where someone is from, and any word
            # before it, describe the name that follows
            first = (nationality or 0) + 1
            return " ".join(name[:first]), name[first:]
        if len(name) >= 3 and not gender_of_given_name(name[0]) and not name[0].endswith(_DIMINUTIVE_ENDINGS) and \
                _key(name[0]) not in UNISEX and \
                (gender_of_given_name(name[1]) or name[0].endswith(_AGENT_ENDINGS) and len(name[0]) >= 6) and \
                name[0][-1:].isalpha() and _key(name[0]) not in _PARTICLES:
            # "Investor Jane Doe", "Investor Dana Doe": a word before a given name, or a word for someone who does
            # something before any name, is a role never seen
            return name[0], name[1:]
        return None, name
    first = 0
    while first < last_role and (_key(tokens[first]) in _NOT_NAMES or _is_demonym(tokens[first])):
        first += 1
    role_tokens = [t for t in tokens[first:last_role + 1] if _key(t) not in _COURTESY]
    return (" ".join(role_tokens) or None), name


@lru_cache(maxsize=8192)
def _run_parts(tokens: tuple[str, ...]) -> tuple[str | None, str | None, bool, str, bool, bool, str | None, bool]:
    """What a run's words say by themselves, read once for each distinct run: its role, then `_name_parts`, then the
    gender its role or titles tell and whether a role around the name may say more (see `Cast._mention`)."""
    role, name = _split_role(tokens)
    parts = _name_parts(tokens, name)
    titles = parts[2]
    gender = gender_of_words(role) or gender_of_words(titles) if role else gender_of_words(titles)
    return (role, *parts, gender, role is None or is_title_role(role))


@lru_cache(maxsize=8192)
def _parts_of_run(run: str) -> tuple[str | None, str | None, bool, str, bool, bool, str | None, bool]:
    """`_run_parts` of the words of `run`."""
    return _run_parts(tuple(run.split()))


def _name_parts(tokens: tuple[str, ...], name: tuple[str, ...]) -> tuple[str | None, bool, str, bool, bool]:
    """Of `tokens` whose name is `name`: the name without a possessive (None: no name), whether it was
    possessive ("Varga’s"), the titles before it, whether the run opens with "the", and whether it holds a
    courtesy title."""
    if not name:
        return None, False, "", False, any(_key(t) in _COURTESY for t in tokens)
    full = " ".join(name)
    possessive = full.endswith(_POSSESSIVE_ENDINGS) and len(name[-1]) > 2
    return (_strip_possessive(full), possessive, " ".join(tokens[:len(tokens) - len(name)]),
            _key(tokens[0]) == "the", False)


def _is_surname_here(tokens: tuple[str, ...], i: int) -> bool:
    """A role word that ends a name is its surname: "Stephen King", "Rep. Pete King", "Martin Luther King Jr."."""
    rest = [t for t in tokens[i + 1:] if _key(t) not in _SUFFIXES]
    if rest or not i:
        return False
    before = tokens[i - 1].rstrip(".")
    return bool(gender_of_given_name(before)) or len(before) == 1 or \
        i >= 2 and bool(gender_of_given_name(tokens[i - 2].rstrip(".")))


@lru_cache(maxsize=4096)
def gender_of_words(words: str | None) -> str | None:
    """The gender a title or role tells ("Mrs.", "chairwoman", "his wife"), else None."""
    found = {("f" if w in _FEMININE else "m") for w in (words or "").casefold().split()
             if w in _FEMININE or w in _MASCULINE}
    return found.pop() if len(found) == 1 else None


def _lowercase_role(text: str, start: int) -> str | None:
    """A role in lower case just before a name: "press secretary Josh Earnest", "the union’s leader, Brandt"."""
    window = text[start - 40 if start > 40 else 0:start]
    last = window.rsplit(None, 1)[-1:]  # the word before the name first: it is seldom a role
    if not last:
        return None
    key = _key(last[0].removesuffix(","))
    if key not in ROLE_HEADS or key in _COURTESY:
        return None
    words = window.split()[-3:]
    if words[-1].endswith(","):
        words[-1] = words[-1][:-1]
    first = len(words) - 1
    while first > 0 and not words[first - 1].endswith(_POSSESSIVE_ENDINGS) and \
            (is_role_word(words[first - 1]) or _is_qualifier(words[first - 1])):
        first -= 1  # "press secretary", "Valley TV host", "Labour strategist"
    return " ".join(words[first:])


def _is_qualifier(word: str) -> bool:
    """A capitalised word that can qualify a role: "Valley TV" host, "Labour" strategist."""
    return word[:1].isupper() and word[-1:].isalpha() and _key(word) not in _NOT_NAMES


def _described_role(text: str, end: int) -> str | None:
    """The role of a description just before `end`: "a spokeswoman for the agency" -> "spokeswoman"."""
    described = _DESCRIPTION_BEFORE.search(text, max(0, end - 80), end)
    if described is None:
        return None
    head = head_noun(described.group())
    if head and _key(head) in ("head", "member", "chief"):  # "The head of the fishermen’s association, X"
        return described.group().split(" ", 1)[-1].strip()
    return head if head and _key(head) in ROLE_HEADS and _key(head) not in _COURTESY else None


def _context_role(text: str, start: int, end: int) -> str | None:
    """A role stated beside a name rather than in its run of capitalised words."""
    role = None
    if start > 1 and text[start - 1] == " " and (text[start - 2].islower() or text[start - 2] == ","):
        role = _lowercase_role(text, start)
    if not role and text.endswith(", ", 0, start):
        role = _described_role(text, start - 2)  # "a spokeswoman for the agency, Jane Doe"
    if not role and text.startswith(", ", end):
        appositive = _APPOSITIVE.match(text, end, end + 120)
        if appositive:
            role = _appositive_role(appositive)
    return role


def is_title_role(role: str) -> bool:
    """A title such as "Dr." that gives way to a role said beside the name."""
    return _key(role) in _TITLE_ROLES


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
    if _key(head) in ("head", "member", "chief"):  # "head" alone says nothing: "head of the drivers’ union"
        described = appositive.group(0)[2:-1].split(" ", 1)[-1]
        return described if described != head else head
    return head if _key(head) in ROLE_HEADS else None


def _strip_possessive(name: str) -> str:
    return name[:-2] if name.endswith(("’s", "'s")) else name[:-1] if name.endswith(("s’", "s'")) else name


_GLUED_PREFIX = re.compile(r"(?:al|el|ad|as|ash|an|ul|bin|abu|ibn)-|d[’']")


# place words that are common surnames too: after a given name they end a person's name ("Cody Park")
_SURNAME_PLACES = frozenset("park".split())
# what `_name_facts` tells, by position
# (Final: a checker, and mypyc, read each item's own type in the tuple)
_GROUP_KEYS: Final = 0
_SURNAME: Final = 1
_PERSON_KEY: Final = 2
_BODY: Final = 3
_FIRST_KEY: Final = 4


@lru_cache(maxsize=8192)
def _name_facts(name: str) -> tuple[tuple[str, ...], str, str, bool, str]:
    """What the Cast asks of a name (its words one space apart), read once for each distinct name:
    - the keys that put it in a group with others (see `Cast._partition`): a single name, its surname and
      given-name keys; a person's full name, its surname and given name; a body's name, itself;
    - its surname, casefolded, without a suffix or a glued particle: "al-Assad" -> "assad";
    - its person's key: "anna berg" for "Anna Berg" and "Anna Maria Berg"; a body's or a single name as is;
    - whether it names a body or a place, not a person ("Valley Post", "BBC");
    - the key of its first word (a single name's own)."""
    if " " not in name:  # (most names: one word, read without a list of its words)
        first = name.casefold().rstrip(".")
        surname = _without_glued_particle(name.casefold())
        body = first in _BODY_WORDS or len(name) > 1 and name.isupper()  # BBC, LONDON, EU
        return ("s " + surname, "g " + first), surname, name, body, first
    tokens = name.split()
    keys = [token.casefold().rstrip(".") for token in tokens]  # (each `_key`)
    if len(tokens) == 2 and keys[1] in _SURNAME_PLACES and gender_of_given_name(tokens[0]):
        body = False
    else:
        body = not _BODY_WORDS.isdisjoint(keys) or \
            name.isupper() and all(len(t) > 1 and t.isupper() for t in tokens)  # UN FAO
    last = len(tokens) - 1
    while last and keys[last] in _SUFFIXES:  # (a name of suffixes alone keeps its last)
        last -= 1
    surname = _without_glued_particle(tokens[last].casefold() if keys[last] not in _SUFFIXES else
                                      tokens[-1].casefold())
    first = keys[0]
    if body:
        return ("b " + name,), surname, name, body, first
    return ("s " + surname, "g " + first), surname, f"{first} {surname}", body, first


def _without_glued_particle(word: str) -> str:
    """`word` (casefolded) without a glued particle: "al-assad" -> "assad"."""
    if "-" not in word and "’" not in word and "'" not in word:  # (what every glued particle ends with)
        return word
    glued = _GLUED_PREFIX.match(word)
    return word[glued.end():] if glued else word


# what a run of capitalised words is, by its text: most runs of an article are words that recur in every article
# ("The", "Monday", a surname), so each is judged once (a bounded cache)
_NOT_A_NAME, _PLAIN_WORD_RUN, _WORD_TO_READ = "not a name", "plain word", "word to read"
_SEVERAL_WORDS, _WORDS_TO_SPLIT = "words", "words to split"
_RUN_KINDS: dict[str, str] = {}
_RUN_KINDS_LIMIT = 50_000


def _run_kind(run: str) -> str:
    """A run's kind: a single word that is never a name, a plain single word (no role in it, not possessive), a
    single word to read as a possible role or possessive, several words, or several with a possessive before
    the last ("Varga’s adviser Tom Kay": two names)."""
    if " " in run or "\xa0" in run:
        kind = _WORDS_TO_SPLIT if ("’" in run or "'" in run) and \
            any(t.endswith(_POSSESSIVE_ENDINGS) and len(t) > 2 for t in run.split()[:-1]) else _SEVERAL_WORDS
    else:
        key = run.casefold().rstrip(".")
        kind = _NOT_A_NAME if key in _NOT_NAMES else \
            _WORD_TO_READ if key in ROLE_HEADS or run.endswith(_POSSESSIVE_ENDINGS) else _PLAIN_WORD_RUN
    if len(_RUN_KINDS) >= _RUN_KINDS_LIMIT:
        _RUN_KINDS.clear()
    _RUN_KINDS[run] = kind
    return kind


class Cast:
    """The people and bodies an article names, in reading order, with their roles and genders. Every name is read;
    who is who is worked out for a name only when a quotation asks about it (see `_partition`)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.mentions: list[Mention] = []
        self._people: dict[str, Person] = {}  # key ("given surname" or the single name) -> person
        self._surnames: dict[str, list[Person]] = {}
        self._given: dict[str, list[Person]] = {}
        self._pending: tuple[int, str] | None = None  # (end, role) of a role awaiting its appositive name
        self._quoted_starts = [s for s, _ in quoted or ()]
        self._quoted = quoted or []
        self._read_mentions(text)
        self._positions = list(map(_POSITION, self.mentions))
        self._context_roles: dict[int, str | None] = {}  # mention index -> the role around it, read when asked
        self._found: dict[str, Person | None] = {}  # name -> its person, once its group is made into people
        self._resolved: dict[str, str] = {}  # name -> what `resolve` gives it wherever it stands
        self._people_names: set[str] = set()  # names `is_person` has found a person's
        self._folded: str | None = None  # the text casefolded, when asked for
        self._given_roles: dict[str, bool] = {}  # role noun -> a word of its family is in the text
        # the words of every role the article gives, and the mentions whose role around them tells a gender (see
        # `holder_of`), read when first asked for
        self._all_role_words: frozenset[str] | None = None
        self._gendered_roles: list[int] = []
        self._registering = False  # a group of names is being made into people
        self._speech_text: str | None = None  # the text `note_speakers` reads, once given
        self._partition()

    # --- reading the names ---------------------------------------------------------------------------------
    def _read_mentions(self, text: str) -> None:
        """The names of `text` in reading order, into `self.mentions`. Most runs are one word, read here
        after one look-up of what kind of word it is (see `_run_kind`)."""
        matches = _runs_to_read(text)
        mentions = self.mentions
        kinds = _RUN_KINDS
        skip_to = 0  # the end of the last run read into a name before it
        for match in matches:
            start, end = match.span()
            if start < skip_to:
                continue
            run = match[0]  # (what the match holds: no slice object made)
            kind = kinds.get(run)
            if kind is None:
                kind = _run_kind(run)
            if match.lastindex is None:  # nothing around the run changes it (see `_context_before`)
                if kind is _PLAIN_WORD_RUN:
                    mentions.append(_new_mention(Mention, (start, run, None, None, False, end, False, True)))
                    continue
                if kind is _SEVERAL_WORDS:  # (what the same kind makes of it below, no "the" before it)
                    role, full, possessive, _, the_first, courtesy, gender, context = _parts_of_run(run)
                    if full is not None:
                        mentions.append(_new_mention(Mention, (
                            start, full, role, gender, role is None and the_first, end, possessive, context)))
                    elif role and not courtesy:
                        self._pending = (end, role)
                    continue
                if kind is _NOT_A_NAME:
                    continue
            elif text[end + 1:end + 2] in _OPEN_MARKS:
                nickname = _NICKNAME.match(text, end)
                if nickname:  # Ilse “The Hammer” Koenig is Ilse Koenig
                    every = name_runs(text)  # (the words never a name count in the runs read ahead)
                    i = next(i for i, other in enumerate(every) if other.start() == start)
                    following = next((j for j in range(i + 1, min(i + 4, len(every)))
                                      if every[j].start() >= nickname.end()), None)
                    if following is not None and every[following].start() == nickname.end():
                        run = run + " " + every[following].group()
                        end, kind = every[following].end(), _WORDS_TO_SPLIT
                        skip_to = end
            if kind is _NOT_A_NAME:
                continue
            if kind is _PLAIN_WORD_RUN:
                if start and text[start - 1] in _OPEN_MARKS and text[end:end + 1] in _CLOSE_MARKS:
                    continue  # a quoted title or nickname: “Koroglu”
                if not (self._pending is not None or text.startswith(",", end) or
                        text.endswith((" of ", " for ", " the "), 0, start)):
                    mentions.append(_new_mention(Mention, (  # (a Mention made without a Python call)
                        start, run, None, None, text[start - 4:start] in _THE_WORDS, end,
                        text[end:end + 1] in _POSSESSIVE_MARKS, True)))
                    continue  # nothing to split, no role in it
            elif kind is _SEVERAL_WORDS:  # one name (what `_mentions_in` finds, without its search for a possessive)
                if start and text[start - 1] in _OPEN_MARKS and text[end:end + 1] in _CLOSE_MARKS:
                    continue
                if self._pending is not None or text.startswith(",", end) or \
                        text.endswith((" of ", " for ", " the "), 0, start):
                    mention = self._mention(text, start, run.split())
                    if mention:
                        mentions.append(mention)
                    continue
                # (what `_mention` makes of it when no role awaits a name, no portfolio leads to it, no suffix follows)
                role, full, possessive, _, the_first, courtesy, gender, context = _parts_of_run(run)
                if full is None:
                    if role and not courtesy:
                        self._pending = (end, role)
                    continue
                mentions.append(_new_mention(Mention, (
                    start, full, role, gender, role is None and (the_first or text[start - 4:start] in _THE_WORDS), end,
                    possessive or text[end:end + 1] in _POSSESSIVE_MARKS, context)))
                continue
            mentions += self._mentions_in(text, start, end, run.split())

    def _mentions_in(self, text: str, start: int, end: int, tokens: list[str]) -> list[Mention]:
        if len(tokens) == 1 and _key(tokens[0]) in _NOT_NAMES:
            return []
        if start and text[start - 1] in _OPEN_MARKS and text[end:end + 1] in _CLOSE_MARKS:
            return []  # a quoted title or nickname: “The Salt Roads”
        # a possessive ends a name: "Varga’s adviser Tom Kay" is two runs
        for i, token in enumerate(tokens[:-1]):
            if token.endswith(_POSSESSIVE_ENDINGS) and len(token) > 2:
                head_end = start + len(" ".join(tokens[:i + 1]))
                head_role, head_name = split_role(tokens[:i + 1])
                head = Mention(head_end - len(" ".join(head_name)), _strip_possessive(" ".join(head_name)),
                               head_role, gender_of_words(head_role), end=head_end, possessive=True)
                rest = self._mention(text, head_end + 1, tokens[i + 1:])
                return [m for m in (head, rest) if m and m.name and _key(m.name) not in _NOT_NAMES]
        mention = self._mention(text, start, tokens)
        return [mention] if mention else []

    def _mention(self, text: str, start: int, tokens: list[str]) -> Mention | None:
        end = start + len(" ".join(tokens))
        if text[end:end + 1] == "," and text.startswith((" Jr.", " Sr."), end + 1):
            tokens, end = tokens + [text[end + 2:end + 5]], end + 5  # "Martin Luther King, Jr."
        pending, self._pending = self._pending, None
        role: str | None
        portfolio = _portfolio_lead(text, start) if text.endswith((" of ", " for ", " the "), 0, start) else None
        if portfolio is not None:  # "Minister for Defence Samuel Kiprono", "Minister of Energy, Salma X"
            lead, tokens = _split_portfolio(tokens)
            role = f"{portfolio} {' '.join(lead)}".strip()
            if not tokens:
                self._pending = (end, role)
                return None
            role_in_run, name = _split_role(tuple(tokens))
            role = role_in_run or role
            full, name_possessive, titles, the_first, courtesy = _name_parts(tuple(tokens), name)
            gender, context = None, False  # (told below, from the portfolio's role)
        else:
            role, full, name_possessive, titles, the_first, courtesy, gender, context = _run_parts(tuple(tokens))
        if full is None:
            if role and not courtesy:
                self._pending = (end, role)
            return None
        pending_role = not role and pending is not None and text.startswith(", ", pending[0]) and \
            pending[0] + 2 == start
        if pending_role:
            role = pending[1]  # type: ignore
        # "Kolkheti Terminals’ chief executive"
        possessive = name_possessive or text[end:end + 1] in _POSSESSIVE_MARKS
        definite = role is None and (the_first or text[start - 4:start] in _THE_WORDS)
        if portfolio is not None or pending_role:  # (`_run_parts` tells them for the run's own role)
            gender = gender_of_words(role) or gender_of_words(titles) if role else gender_of_words(titles)
            context = (role is None or is_title_role(role)) and portfolio is None
        return _new_mention(Mention, (start, full, role, gender, definite, end, possessive, context))

    def mention_role(self, index: int) -> str | None:
        """The role given to mention `index`: in its own run, else around it ("press secretary Josh Earnest",
        "a spokeswoman for the agency, Jane Doe", "Jane Doe, a spokeswoman for …"), read the first time it is
        asked for."""
        mention = self.mentions[index]
        if not mention.context:
            return mention.role
        if index not in self._context_roles:
            self._context_roles[index] = _context_role(self.text, mention.position, mention.end) or mention.role
        return self._context_roles[index]

    # --- people --------------------------------------------------------------------------------------------
    def _partition(self) -> None:
        """Sort the names into groups that share no surname and no given name (and each body's name apart): who
        is who in a group depends on its names alone, so a group is made into people (see `_register`) only when
        one of its names is asked about. An article names many people and places its quotations never need."""
        names: dict[str, list[int]] = {}  # name -> indices of its mentions
        for index, mention in enumerate(self.mentions):
            name = mention[1]
            if name:
                indices = names.get(name)
                if indices is None:
                    names[name] = [index]
                else:
                    indices.append(index)
        groups: dict[str, list[str]] = {}  # key (see `_name_facts`) -> the names of its group, shared
        for name in names:
            group: list[str] | None = None
            keys = _name_facts(name)[_GROUP_KEYS]
            for key in keys:
                other = groups.get(key)
                if other is None or other is group:
                    continue
                if group is None:
                    group = other
                    continue
                if len(other) > len(group):
                    group, other = other, group
                group += other  # two groups meet in this name: one group
                for moved in other:
                    for moved_key in _name_facts(moved)[_GROUP_KEYS]:
                        groups[moved_key] = group
            if group is None:
                group = []
            group.append(name)
            for key in keys:
                groups[key] = group
        self._names = names
        self._person_at: list[Person | None] = [None] * len(self.mentions)  # of each mention, once its group is made
        self._groups = groups
        self._registered: set[int] = set()  # ids of the groups made into people
        self._ready: set[str] = set()  # names whose groups are made into people

    def _ensure(self, name: str) -> None:
        """The people whose names `name` may stand for are known."""
        if name in self._ready:
            return
        self._ready.add(name)
        name = " ".join(name.split())
        if not name:
            return
        for key in _name_facts(name)[_GROUP_KEYS]:
            group = self._groups.get(key)
            if group is not None and id(group) not in self._registered:
                self._registered.add(id(group))
                names = self._names  # (the mentions of one name are in reading order already)
                self._register(names[group[0]] if len(group) == 1 else sorted(i for member in group for i in names[member]))

    def _ensure_all(self) -> None:
        for group in list(self._groups.values()):
            if id(group) not in self._registered:
                self._ensure(group[0])

    @property
    def people(self) -> dict[str, Person]:
        """Everyone the article names, by key: the people of full names in reading order, then those of single
        names."""
        self._ensure_all()
        mentions = self.mentions

        def first_named(person: Person) -> tuple[int, int]:
            if " " in person.fullest:
                return 0, next(i for i in person.mentions if " " in mentions[i].name)
            return 1, self._names[person.fullest][0]
        return dict(sorted(self._people.items(), key=lambda item: first_named(item[1])))

    def _register(self, group: list[int]) -> None:
        """Group the mentions into people: full names first, in reading order, then each single name with the
        person who bears it as a surname (the one spoken of last) or, failing that, as a given name (if only
        one does). Each distinct name is looked up once. `group`: indices of the mentions of a group of names
        (see `_partition`), in reading order."""
        mentions = self.mentions
        singles: dict[str, list[int]] = {}  # single name -> indices of its mentions
        people_of: dict[str, Person] = {}  # full name -> its person
        titled: set[int] = set()  # single-name mentions with a role or a gender (few)
        self._registering = True  # fullest names may change: nothing found is kept
        for index in group:
            mention = mentions[index]
            name = mention[1]
            if " " not in name:
                indices = singles.get(name)
                if indices is None:
                    singles[name] = [index]
                else:
                    indices.append(index)
                if mention[2] or mention[3]:  # a role or a gender
                    titled.add(index)
                continue
            person = people_of.get(name)
            if person is None:
                person = people_of[name] = self._new_person(name.split())
            position, _, role, gender, definite = mention[:5]
            person.mentions.append(index)
            person.positions.append(position)  # read by `resolve` while the single names are placed
            size = name.count(" ") + 1
            if size > person.size and not person.body:
                person.fullest, person.size = name, size  # "Anna Maria Berg" is fuller than "Anna Berg"
            if role or gender:
                person.titled += 1
                if gender:
                    person.votes[gender] = person.votes.get(gender, 0) + 3
            elif definite and not person.titled:
                person.body = True  # "the Black Sea"
        # attached after the loop: resolving a single name looks only at full names
        attached = [self._place_single(name, indices) for name, indices in singles.items()]
        self._registering = False
        for placed in attached:
            for person, indices in placed:
                person.mentions += indices
                if titled:
                    for index in sorted(titled.intersection(indices)):
                        person.titled += 1
                        gender = mentions[index].gender
                        if gender:
                            person.votes[gender] = person.votes.get(gender, 0) + 3
        positions, person_at = self._positions, self._person_at
        placed_people = {id(person): person for person in people_of.values()}
        placed_people.update((id(person), person) for placed in attached for person, _ in placed)
        for person in placed_people.values():
            indices = person.mentions
            indices.sort()
            person.positions = [positions[i] for i in indices]
            for index in indices:
                person_at[index] = person
        if self._speech_text is not None:
            self._note_speakers(singles)

    def _person_of(self, index: int) -> Person | None:
        """The person of mention `index`."""
        self._ensure(self.mentions[index].name)
        return self._person_at[index]

    def _place_single(self, name: str, indices: list[int]) -> list[tuple[Person, list[int]]]:
        """The people the mentions `indices` of the single name `name` belong to: the one person who bears it,
        or, when several do, the one each mention's place and title point to."""
        facts = _name_facts(name)
        # (how many people bear it as a surname, else as a given name)
        candidates = 0 if facts[_BODY] else \
            len(self._surnames.get(facts[_SURNAME], ())) or len(self._given.get(facts[_FIRST_KEY], ()))
        if candidates <= 1:
            person = self._bearer(name, 0, None) if candidates else None  # (else a name nobody else bears)
            return [(person or self._single_person(name, facts), indices)]
        placed = []
        for index in indices:
            mention = self.mentions[index]
            person = self._bearer(name, mention.position, mention.gender)
            placed.append((person or self._single_person(name, facts), [index]))
        return placed

    def _roles(self, person: Person) -> list[tuple[int, str]]:
        """(position, role) wherever the article gives `person` a role, read the first time it is asked for;
        a role that tells a gender ("spokeswoman") counts for it."""
        if person.roles is None:
            person.roles = []
            for index in person.mentions:
                role = self.mention_role(index)
                if role:
                    person.roles.append((self.mentions[index].position, role))
                    gender = gender_of_words(role) if self.mentions[index].role is None else None
                    if gender:
                        person.votes[gender] = person.votes.get(gender, 0) + 3
        return person.roles

    def _single_person(self, name: str, facts: tuple) -> Person:
        """The person of the single name `name` whose `_name_facts` are `facts` (what `_new_person([name])` gives,
        made without its look-ups of full names)."""
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = Person(name, surname=facts[_SURNAME], body=facts[_BODY])
        return person

    def _new_person(self, tokens: list[str]) -> Person:
        person = self._person_for(tokens, create=True)
        assert person is not None  # created when missing
        return person

    def _person_for(self, tokens: list[str], create: bool = False) -> Person | None:
        if not tokens:
            return None
        name = " ".join(tokens)
        facts = _name_facts(name)
        key = facts[_PERSON_KEY]
        person = self._people.get(key)
        if person is not None:
            return person
        body = facts[_BODY]
        if len(tokens) > 1 and not body:
            # "El Amrani" for "Youssef El Amrani": the tail of a known name
            tail = " " + name
            for other in self._surnames.get(facts[_SURNAME], ()):
                if other.fullest.endswith(tail):
                    return other
        if not create:
            return None
        given = tokens[0] if len(tokens) > 1 and not body else None
        person = self._people[key] = Person(name, given=given, surname=facts[_SURNAME], body=body, size=len(tokens))
        if given is not None:
            self._surnames.setdefault(person.surname, []).append(person)
            self._given.setdefault(facts[_FIRST_KEY], []).append(person)
        return person

    def resolve(self, name: str, position: int, gender: str | None = None) -> str:
        """The fullest name the article gives for `name` at `position`: a surname or a given name alone goes
        to the one person of the article who has it, else to the one of them spoken of last before
        `position` (of `gender`, when a title gives it); a name nobody else bears stays as it is. (Once a name's
        group is made into people, everyone it may stand for is known: what a full name or a single name that at
        most one person bears as a surname gives is the same wherever it stands, and is kept.)"""
        registering = self._registering
        if not registering:
            resolved = self._resolved.get(name)
            if resolved is not None:
                return resolved
            if name not in self._ready:
                self._ensure(name)
        tokens = name.split()
        if len(tokens) > 1:
            # (once the names are grouped, the person of a full name is looked for once: see `_find`)
            person = self._person_for(tokens) if registering else self._find(name)
            fixed = True
        elif tokens:
            person = self._bearer(tokens[0], position, gender)
            fixed = len(self._surnames.get(_name_facts(tokens[0])[_SURNAME], ())) < 2
        else:
            return name
        resolved = person.fullest if person is not None else name
        if fixed and not registering:
            self._resolved[name] = resolved
        return resolved

    def _bearer(self, name: str, position: int, gender: str | None) -> Person | None:
        """The person of a full name the single name `name` stands for at `position` (see `resolve`), or None."""
        facts = _name_facts(name)
        people = self._surnames.get(facts[_SURNAME], ())
        if not people:
            people = self._given.get(facts[_FIRST_KEY], ())
            if len(people) > 1:
                return None  # two Annas: "Anna" alone does not say which
        if gender is not None and len(people) > 1:
            people = [p for p in people if self.gender_of(p.fullest) in (gender, None)] or people
        if not people:
            return None
        if len(people) == 1:
            return people[0]
        return max(people, key=lambda p: (self._last_before(p, position), len(p.mentions)))

    @staticmethod
    def _last_before(person: Person, position: int) -> int:
        i = bisect.bisect_left(person.positions, position)
        return person.positions[i - 1] if i else -1

    def is_person(self, name: str) -> bool:
        """`name` (a fullest name) looks like a person's: a title or a role, a gender the article gives, or
        a given name and a surname that name no body or place. (Asked of every quotation's speaker: a name once
        found a person's stays one, as what says so only grows, and is told by one look-up.)"""
        if name in self._people_names:
            return True
        person = self._find(name)
        if person is None:
            tokens = name.split()
            found = len(tokens) > 1 and not _name_facts(" ".join(tokens))[_BODY]
        elif person.body:
            return False
        else:
            found = bool(person.titled or person.votes or person.given is not None)
        if found and not self._registering:
            self._people_names.add(name)
        return found

    def _find(self, name: str) -> Person | None:
        found = self._found
        if self._registering:  # still grouping the names: fullest names may change
            return self._person_for(name.split()) if name else None
        person = found.get(name, _UNREAD)  # (a look-up, not an exception, for the few names read the first time)
        if person is _UNREAD:
            if name:
                self._ensure(name)
            person = found[name] = self._person_for(name.split()) if name else None
        return person  # type: ignore

    def note_speakers(self, masked: str) -> None:
        """Single names that speak somewhere in the article (`Kay said`, `said Koenig`) are people's,
        wherever else they stand (`When Kay wrapped up — “…”`)."""
        self._speech_text = masked
        if not self._registered:  # (as when the engine reads an article: no group is made yet)
            return
        read = {id(group): group for group in self._groups.values() if id(group) in self._registered}
        for group in read.values():  # (the others are read when they are made into people)
            self._note_speakers({name: self._names[name] for name in group if " " not in name})

    def _note_speakers(self, singles: dict[str, list[int]]) -> None:
        masked = self._speech_text
        assert masked is not None
        people, mentions = self._people, self.mentions
        for name, indices in singles.items():
            person = people.get(name)  # a person of a single name (a full name has a "given surname" key)
            if person is None or person.body:
                continue
            for index in indices:
                mention = mentions[index]
                if not mention.possessive and (masked.startswith(_SPEECH_AFTER, mention.end) or
                                               masked.endswith(_SPEECH_BEFORE, 0, mention.position)):
                    person.titled += 1

    # --- gender --------------------------------------------------------------------------------------------
    def gender_of(self, name: str | None) -> str | None:
        """"m", "f" or None: from the article (titles, roles, the pronouns used for the person), else from
        the given name."""
        person = self._find(name) if name else None
        if person is None:
            return None
        self._roles(person)
        votes = person.votes
        male, female = votes.get("m", 0), votes.get("f", 0)
        if male != female:
            return "m" if male > female else "f"
        if person.given:
            return gender_of_given_name(person.given)
        return None

    def note_gender(self, name: str, gender: str) -> None:
        """The article used a he or she for `name`."""
        person = self._find(name)
        if person is not None and not person.body:
            person.votes[gender] = person.votes.get(gender, 0) + 1

    # --- roles ---------------------------------------------------------------------------------------------
    def role_of(self, name: str, before: int) -> str | None:
        """The latest role given to `name` before `before` (or the first given after, if none)."""
        person = self._find(name)
        if person is None:
            return None
        if person.roles is None:  # the few mentions nearest `before` first: the others need not be read
            at = bisect.bisect_left(person.positions, before)
            for index in range(at - 1, at - 1 - _NEAR_MENTIONS if at > _NEAR_MENTIONS else -1, -1):
                role = self.mention_role(person.mentions[index])
                if role:
                    if is_title_role(role):
                        break  # "Dr. Osei said": a role the article gives her elsewhere says more
                    return role
        return _role_at(self._roles(person), before)

    def role_given(self, name: str, role_noun: str) -> str | None:
        """A role whose head is `role_noun` that the article gives `name` anywhere ("Sen." for "the senator")."""
        person = self._find(name)
        if person is None or person.body:
            return None
        return next((role for _, role in self._roles(person) if same_role(role_noun, _role_words(role))), None)

    def holder_of(self, role_noun: str, before: int, qualifiers: tuple[str, ...] = ()) -> tuple[str, str | None] | None:
        """(fullest name, role) of the person named last before `before` with a role whose head is
        `role_noun` ("the MP", "the lawmaker" for a senator); with `qualifiers` ("the foreign minister",
        "the Valley TV host"), one whose role or name has them all, and nobody else when none has them. Reads back
        a bounded number of names, and the roles of only the people it meets."""
        if not self._may_be_given(role_noun):
            return None
        stop = bisect.bisect_left(self._positions, before)
        if not same_role(role_noun, self._role_words_given()):
            # Every role the scan below compares is the role of some mention, so none is of this family and it
            # would find nobody. What the scan leaves behind is kept: the roles it reads count for the genders
            # of the people it meets (see `_roles`), which only a role around a name that tells one changes (the
            # people a group of names makes are the same whenever it is made, see `_partition`).
            self._count_gendered_roles(max(0, stop - _HOLDER_LOOKBACK), stop)
            return None
        wanted = {_key(q) for q in qualifiers}
        fallback = None
        for i in range(stop - 1, max(-1, stop - 1 - _HOLDER_LOOKBACK), -1):
            found = self._holder_at(i, role_noun, wanted)
            if found is None:
                continue
            if found[2]:
                return found[:2]
            if fallback is not None and fallback[0] != found[0]:
                return None  # two holders, neither with the qualifiers: do not guess
            fallback = fallback or found[:2]
        if fallback is None and not wanted and before < _OPENING:
            # "the mayor called it “long overdue”" in the opening, "Mayor Greg Alcott" named further on: the one
            # holder the rest of the article names with the role as a title (further in, "the senator" is more
            # likely someone the article spoke of without a title)
            for i in range(stop, min(len(self.mentions), stop + _HOLDER_LOOKBACK)):
                found = self._holder_at(i, role_noun, wanted)
                position = self._positions[i]
                if found is None or not same_role(role_noun, frozenset((_key(self.text[position:position + 20].split(
                        None, 1)[0]),))):
                    continue
                if fallback is not None and fallback[0] != found[0]:
                    return None
                fallback = fallback or found[:2]
        return None if wanted - ROLE_MODIFIERS else fallback

    def _holder_at(self, i: int, role_noun: str, wanted: set[str]) -> tuple[str, str | None, bool] | None:
        """(fullest name, role, whether the role has all the `wanted` qualifiers) of the person of mention `i` when
        a role of theirs there has the head `role_noun`, else None."""
        person = self._person_of(i)
        if person is None or person.body:
            return None
        roles = self._roles(person)
        if not roles:
            return None
        role = self.mention_role(i) or _role_at(roles, self._positions[i])
        words = _role_words(role)
        if not same_role(role_noun, words):
            return None
        if wanted <= words:
            return person.fullest, role, True
        if wanted - _SOFT_MODIFIERS and any(w not in wanted and w not in ROLE_MODIFIERS and
                                            not same_role(w, frozenset((role_noun,)))
                                            for w in words - {_key(role_noun)}):
            return None  # "the Senate minority leader" is not the "Union Leader": each has a qualifier of its own
        return person.fullest, role, False

    def _role_words_given(self) -> frozenset[str]:
        """The words of all the roles the article gives (see `mention_role`)."""
        if self._all_role_words is None:
            words: set[str] = set()
            for index, mention in enumerate(self.mentions):
                role = self.mention_role(index)
                if role:
                    words |= _role_words(role)
                    if mention.role is None and gender_of_words(role):
                        self._gendered_roles.append(index)
            self._all_role_words = frozenset(words)
        return self._all_role_words

    def _count_gendered_roles(self, first: int, stop: int) -> None:
        """Read the roles (see `_roles`) of the people named by mentions `first` to `stop` whose roles tell a gender
        that is not yet counted."""
        for index in self._gendered_roles:
            person = self._person_of(index)
            if person is not None and not person.body and person.roles is None:
                at = bisect.bisect_left(person.mentions, first)
                if at < len(person.mentions) and person.mentions[at] < stop:
                    self._roles(person)

    def _may_be_given(self, role_noun: str) -> bool:
        """A role named `role_noun` may be given to someone: a word of its family is in the text (a quick test
        before the roles of everyone named are read)."""
        key = _key(role_noun)
        found = self._given_roles.get(key)
        if found is None:
            if self._folded is None:
                self._folded = self.text.casefold()
            family = _ROLE_FAMILIES.get(key, frozenset((key,))) | {key}
            found = self._given_roles[key] = any(word in self._folded for word in family) or \
                any(phrase in self._folded for phrase, role in _ROLE_SYNONYMS.items() if _key(role) in family)
        return found

    def body_of(self, noun: str, before: int) -> str | None:
        """The body named last before `before` that `noun` stands for: "the ministry" -> "Ministry of Health",
        "the company" -> "Acme Ltd."."""
        key = _key(noun)
        words = _COMPANY_WORDS if key in ("company", "firm") else frozenset((key,))
        stop = bisect.bisect_left(self._positions, before)
        for i in range(stop - 1, max(-1, stop - 1 - _HOLDER_LOOKBACK), -1):
            mention = self.mentions[i]
            name = mention.name
            if _key(name) in words:  # "Ministry" of "Ministry of Transport"
                of = _OF_NAME.match(self.text, mention.end)
                if of:
                    return name + of.group()
            elif " " in name and not words.isdisjoint(_key(t) for t in name.split()):
                return name
        return None

    # --- mentions by position ------------------------------------------------------------------------------
    def index_before(self, position: int) -> int:
        """Index of the first mention at or after `position`."""
        return bisect.bisect_left(self._positions, position)

    def mention_at(self, position: int) -> Mention | None:
        i = bisect.bisect_left(self._positions, position)
        return self.mentions[i] if i < len(self.mentions) and self._positions[i] == position else None

    def is_quoted(self, position: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, position) - 1
        return i >= 0 and position < self._quoted[i][1]


@lru_cache(maxsize=4096)
def _role_words(role: str) -> frozenset[str]:
    return frozenset(_key(w) for w in role.split())


def _role_at(roles: list[tuple[int, str]], before: int) -> str | None:
    """The latest role before `before` (the first one given, if none is given before); a title ("Dr.") only when
    the article gives no other role."""
    roles = [role for role in roles if not is_title_role(role[1])] or roles
    if not roles:
        return None
    i = bisect.bisect_left(roles, (before,))
    return roles[i - 1][1] if i else roles[0][1]


def head_noun(phrase: str) -> str | None:
    """Head noun of an unnamed speaker's description: "a senior spokesman for the ministry" -> "spokesman",
    "a Moroccan official involved in the talks" -> "official". Acronyms keep their capitals ("MP")."""
    words = []
    found = _PLAIN_WORD.findall(phrase)
    for i, word in enumerate(found):
        if word == "close" and found[i + 1:i + 2] not in ([], ["to"]):
            words.append(word)  # "a close aide" (but "a source close to the mayor")
            continue
        if word.casefold() in _PREPOSITIONS or word.casefold() in _VERB_WORDS or word.islower() and \
                word.endswith(("ed", "ing", "ly")) and any(w.casefold() not in _NOT_NAMES for w in words):
            break
        if word.endswith(("’s", "'s", "s’", "s'")) and len(word) > 2:
            words = []  # "Kelly Ayotte’s campaign": the head is after the possessive
            continue
        words.append(word)
    while words and words[0].casefold() in _NOT_NAMES and not (len(words) == 1 and _is_role_head(words[0])):
        words.pop(0)  # (but "the officials", "Critics": no name, yet the head of who speaks)
    if not words:
        return None
    roles = [w for w in words if _key(w) in ROLE_HEADS]
    word = _strip_possessive(roles[-1] if roles else words[-1])
    return word if len(word) > 1 and word.isupper() else word.casefold()
