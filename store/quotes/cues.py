"""Speech cues: the verbs and phrases that attribute a quotation to a speaker.

The verbs are listed once, in their base form; every inflection ("gush": gushes, gushed, gushing) is generated,
so a verb is never found in one form and missed in another. The phrases ("according to", "in a statement")
are cues of their own."""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

# Verbs of saying, and of writing, asking and reacting when they introduce what was said. Verbs that are far
# more often something else ("offer", "allow", "reason") are left out: a cue that is wrong costs more than
# a cue that is missing, because the tag shape `“…,” Name <verb>.` attributes a quotation whatever its verb.
_BASE_VERBS = """
say tell add note stress emphasize emphasise underline underscore explain warn insist ask write recall
declare state announce argue claim comment remark reply respond answer continue conclude admit acknowledge
concede confirm deny suggest predict promise vow pledge tweet post call describe dub label brand term urge
charge allege assert contend maintain complain joke quip boast mock shout yell exclaim whisper testify
report observe reiterate repeat recount mention demand cite quote lament praise criticize criticise blast
slam accuse retort counter snap wonder agree object protest plead proclaim echo caution advise inform
assure tout hail summarize summarise read text compare laud chant sing email message chime scoff sigh laugh
gush fume interject muse grumble mutter murmur cry scream bark thunder growl rail rant brag crow confide
disclose reveal divulge elaborate clarify specify recommend speculate surmise posit opine theorize theorise
volunteer tease taunt jeer chide scold rebuke admonish preach pray blog retweet stammer stutter sneer smirk
grin beam shrug nod gasp groan moan howl roar snarl hiss sob wail bellow holler thank apologize apologise
congratulate reassure remind instruct beg implore entreat inquire enquire interrupt propose react express
characterize characterise snipe
""".split()
# verbs that are more often nouns in their bare form ("the state", "a call", "high-speed rail"): only their
# inflected forms are cues
_NOUN_LIKE = frozenset("""
state call post text quote message email tweet blog brand label term charge object protest echo counter express
retort continue
report comment remark answer reply claim promise vow pledge demand note joke boast rail crow bark roar howl
sob cry thunder sigh laugh nod grin beam shrug gasp groan moan snarl hiss wail bellow holler sneer smirk
""".split())
# verbs whose final consonant doubles before -ed and -ing
_DOUBLING = frozenset("quip snap admit chat rebut commit omit submit regret refer prefer jab nag gab blab sob "
                      "gag grin nod".split())
_IRREGULAR = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "read": ("read",),
    "sing": ("sang", "sung"), "speak": ("spoke", "spoken"), "swear": ("swore", "sworn"),
    "think": ("thought",), "teach": ("taught",), "cry": ("cried",),
}
# Verbs that end a speaker's description when they follow it ("The email goes on to say", "the ad ends with"):
# everyday verbs that are no nouns or adjectives before a noun (as "lead", "open", "close", "end", "start" are:
# "the lead engineer", "an open letter")
COMMON_VERBS = frozenset("""
begin begins began begun go goes went gone ends starts started opens opened closes closed continue continues
come comes came take takes took make makes made get gets got give gives gave keep keeps kept seem seems seemed
become becomes became follow follows followed leads led
""".split())
# phrases that attribute like a verb: `“…,” according to Musayev`, `points out`, `put it`
PHRASES = (
    "according to", "According to", "states that", "reports that", "claims that", "tweets that", "found that",
    "finds that",
    "pointed out", "points out", "point out", "pointing out", "put it",
    "puts it", "fired back", "fires back", "summed up", "sums up", "struck a similar note", "weighed in",
    "weighs in", "spoke of", "speaks of", "spoke about", "chimed in", "chimes in", "shot back", "shoots back",
)
# `struck a sharply different note`, `took a more cautious view`, `sounded a warning`; `went on:` (but not
# `the Senate goes on recess`)
# (the words that open it, what follows them)
PATTERNS = (("struck strikes strike sounded sounds took takes offered offers".split(),
             r" (?:a|an) (?:[\w\-]+ ){0,3}?(?:note|tone|view|line|warning|stance)"),
            ("went goes go going".split(), r" on(?=\s*[,:.]|\s+to\s+(?:say|add|note|explain|warn)\b)"))


def inflections(base: str) -> tuple[str, ...]:
    """The base form and its third person, past and -ing forms: say, says, said, saying."""
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    stem = base + base[-1] if base in _DOUBLING else base
    if base.endswith("e"):
        past, ing = base + "d", (base if base.endswith(("ee", "ye", "oe")) else base[:-1]) + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if base == "counter":
        past, ing = "countered", "countering"
    irregular = _IRREGULAR.get(base)
    return (base, third, ing) + (irregular if irregular else (past,))


# ... and of those, the ones whose -s form is a verb often enough to be a cue ("Kay calls it", "she notes")
_THIRD_PERSON_CUES = frozenset("state call tweet claim note continue".split())


def _cue_forms(base: str) -> tuple[str, ...]:
    forms = inflections(base)
    if base not in _NOUN_LIKE:
        return forms
    return forms[1:] if base in _THIRD_PERSON_CUES else forms[2:]


# "Tweeted" keeps the brand's capital in some papers' style; mid-sentence it is still the verb
VERB_FORMS = frozenset(form for base in _BASE_VERBS for form in _cue_forms(base)) | {"Tweeted", "Retweeted"}
BASE_FORMS = frozenset(_BASE_VERBS).difference(_IRREGULAR, {"read"})  # bare forms, which may be nouns too


def _trie(words) -> str:
    """A regular expression matching any of `words`, as a trie (one character test per position instead of
    one per word: several times faster than a flat alternation)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alternatives = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:%s)" % "|".join(alternatives)
        return "(?:%s)?" % body if ends else body

    return build(trie)


# Lowercase only: a capitalised "Post" or "Call" is a name or a sentence start, not a verb. A cue is found with
# the character before it (not part of a word), not after a word boundary: a scan then stops only where a word may
# start, not at every character, several times faster.
def _cue_pattern() -> str:
    """The patterns and the trie of the phrases and verbs as one alternation on the first letter (a pattern first,
    as it may be longer), so that each place a cue may start is tried with one test of its letter."""
    words = PHRASES + tuple(sorted(VERB_FORMS))
    by_letter = []
    for letter in sorted({w[0] for w in words} | {w[0] for opening, _ in PATTERNS for w in opening}):
        options = ["(?:%s)%s" % ("|".join(re.escape(w[1:]) for w in opening if w[0] == letter), rest)
                   for opening, rest in PATTERNS if any(w[0] == letter for w in opening)]
        options.append(_trie([w[1:] for w in words if w[0] == letter]))
        by_letter.append(re.escape(letter) + "(?:%s)" % "|".join(o for o in options if o))
    return "(?:%s)" % "|".join(by_letter)


_CUE_AFTER_GAP = re.compile(r"\W(%s)\b" % _cue_pattern())


class Cue(NamedTuple):
    """A speech cue found in a text: its offsets and its words ("said", "according to")."""

    start: int
    end: int
    words: str


_new_cue = tuple.__new__


def find_cues(text: str) -> list[Cue]:
    """The speech cues of `text` in reading order (each Cue made without a Python call: most texts have none or
    one, and a list of them costs less than a generator)."""
    return [_new_cue(Cue, (match.start(1) - 1, match.end(1) - 1, match.group(1)))
            for match in _CUE_AFTER_GAP.finditer(" " + text)]


def cue_matches(text: str) -> Iterator[re.Match]:
    """The matches `find_cues(text)` reads, one by one, the text read only as far as the caller asks: group 1 of
    each is a cue, at offsets one more than in `text`."""
    return _CUE_AFTER_GAP.finditer(" " + text)
