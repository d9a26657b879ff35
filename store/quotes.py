"""Quotations of an article and who said them.

`extract_quotations` pairs quote marks (store.quote_marks), decides which quote-marked spans are quotations
rather than titles or scare quotes, and attributes each to a speaker from the speech cue after it
(`“…,” Musayev said`), before it (`Musayev said: “…”`), or, failing both, from the quotation just before it."""
from __future__ import annotations

from dataclasses import dataclass

import re as _stdre

import regex as re

from store.model import Quotation
from store.quote_marks import QuotedSpan, find_quoted_spans
from store.speakers import (NAME_RUN, NEVER_SPEAKERS, PRONOUNS, ROLE_MODIFIERS, Cast, head_noun, is_role_word,
                            split_role)

__all__ = ["extract_quotations", "find_quoted_spans"]

_VERBS = """
say says said saying tell tells told telling add adds added adding note notes noted noting stress stresses
stressed stressing emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised underline
underlines underlined underlining explain explains explained explaining warn warns warned warning insist
insists insisted insisting ask asks asked asking write writes wrote written writing recall recalls recalled
recalling sings sang declare declares declared declaring stated announce announces announced argue argues argued arguing
claimed commented remarked replied replies reply responded answered continued continues
concluded admitted admits acknowledged acknowledges conceded concedes confirmed confirms denied suggested
suggests predicted predicts promised vowed vows pledged tweeted posted called calling described
describes describing dubbed labeled labelled branded termed urged urges charged alleged asserted asserts
contended maintained complained complains joked jokes quipped boasted mocked shouted yelled exclaimed
whispered testified reported observed reiterated repeated recounted mentioned demanded cited quoted
lamented praised criticized criticised blasted slammed accused retorted countered snapped wondered agreed
objected protested pleaded proclaimed echoed cautioned advised informed assured touted hailed summarized
summarised reads texted compared lauded chanted chanting shouting yelling singing tweeting declaring claiming
posting noting replying responding answering urging demanding emailed messaged recalled chimed scoffed sighed laughed
""".split()
_PHRASES = ("according to", "According to", "states that", "reports that", "claims that", "tweets that", "pointed out", "points out", "point out", "went on", "goes on", "put it",
            "fired back", "summed up", "sums up", "struck a similar note", "weighed in", "spoke of")
# `struck a sharply different note`, `took a more cautious view`, `sounded a warning`
_PATTERNS = (r"(?:struck|strikes|strike|sounded|sounds|took|takes|offered|offers) (?:a|an) (?:[\w\-]+ ){0,3}?"
             r"(?:note|tone|view|line|warning|stance)",)


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
        alternatives = [_stdre.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:%s)" % "|".join(alternatives)
        return "(?:%s)?" % body if ends else body

    return build(trie)


_CUE = _stdre.compile(r"\b(?:%s|%s)\b" % ("|".join(_PATTERNS), _trie(_PHRASES + tuple(_VERBS))))
# a cue word after a determiner is a noun: `her notes`, `a reply`, `the call`
_NOUN_BEFORE = re.compile(r"(?i)\b(?:the|a|an|her|his|their|its|our|my|your|this|that|every|each|no)\s+$")
# words that may stand between a subject and its speech verb ("Musayev also said", "she has repeatedly said")
_FILLER = re.compile(r"(?:\s+(?:has|have|had|was|is|were|would|will|could|did|also|then|later|once|again|"
                     r"previously|recently|further|still|just|never|not|\p{Ll}+ly))+$")
_TRAILING_WHEN = re.compile(r"(?:,|\s+)\s*(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                            r"Sunday|yesterday|today|earlier|later|last\s+\w+|this\s+\w+)\s*$")
# a speaker phrase after a verb ends at punctuation or where the sentence moves on
_PHRASE_END = re.compile(r"[,;:()!?\u2014\u2013]|\.(?:\s|$)(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|"
                         r"Prof|Sgt|Jr|Sr|St|\p{Lu})\.\s?)|\s(?:in|on|at|during|after|before|when|while|as|"
                         r"on|to|about|of|that|who|from|with|via|last|this|earlier)\s")
_SENTENCE_END = re.compile(r"(?<!\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Sgt|Jr|Sr|St|\p{Lu}))"
                           r"[.!?][\"”’]?\s+(?=[\p{Lu}\"“‘(])")
_DETERMINED = re.compile(r"\b(?:the|a|an|another|this|that|his|her|its|their|one)\s+[^,;:]*$", re.IGNORECASE)
# what introduces a title, name or scare quote rather than speech
_NAMING_LEAD = re.compile(
    r"(?:so-called|dubbed|nicknamed|titled|entitled|named|known as|the (?:word|term|phrase|slogan|hashtag|"
    r"label|moniker|motto|nickname|book|film|movie|show|programme|program|series|song|album|opera|app|novel|"
    r"headline|column|newspaper|magazine|website|podcast|documentary|episode|poem|painting|brand|festival|"
    r"exhibition|ballet|musical))\s*,?\s*$", re.IGNORECASE)
# a naming verb and its object before a short quote: `nicknamed the spacecraft “the shoebox”`
_NAMING_VERB = re.compile(r"(?i)\b(?:nicknamed|nicknames|nickname|dubbed|dubs|christened|renamed|titled|known\s+as|"
                          r"refer(?:s|red)?\s+to\s+(?:it|them|him|her)\s+as)(?:\s+[\p{L}\p{N}’'\-]+){0,4}\s*,?\s*$")
# a short quote used as a noun after a determiner: `taken to calling the “Atlantic bridge”`
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:call|calls|called|calling|term|terms|termed)\s+"
                                r"(?:the|a|an|its|their|this)\s*$")
# what a title follows mid-sentence: a preposition or a possessive (`on “Face the Nation”`, `CBS’s “…”`)
_TITLE_LEAD = re.compile(r"(?:\b(?:on|in|of|to|at|from|with|for|by|about|the|a|an)|[’']s)\s*$", re.IGNORECASE)
# a nickname inside a name: Marcia “Cia” Price
_NAME_BEFORE = re.compile(r"\p{Lu}[\p{L}.]*\s*$")
_NAME_AFTER = re.compile(r"^\s*\p{Lu}")
_POSSESSOR_BEFORE = re.compile(r"(?i)(?:\b(?:the|a|an|its|his|her|their|our|my|your)|[’']s)\s*$")
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs".split())
_WORDS = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}’'\-]*")


_DETERMINER = re.compile(r"(?i)(?:the|a|an|another|this|that|his|her|its|their|one|some|several|many|most|"
                         r"other|two|three|\d+)\b")
# an epigraph-style source after the quote: `“…” ― Lena Varga`
_DASH_SOURCE = re.compile(r"\s*[\u2015\u2014\u2013-]\s*(?=\p{Lu})")
# a capitalised pronoun after a finished quoted sentence starts a new sentence: `“….” She says it …`
_PRONOUN_SUBJECTS = NEVER_SPEAKERS | frozenset(PRONOUNS)
# a name after a preposition in a description is not the speaker: a spokesperson for the Department of Health
_PREPOSITION = re.compile(r"\b(?:for|of|at|with|from|in|on|by)\s")
_DETERMINER_END = re.compile(r"(?i)\b(?:the|a|an|another|one)\s+$")
_LOWER_NEXT = re.compile(r"\s+\p{Ll}")
_DEFINITE = re.compile(r"(?i)the\b")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:that|and|but|while|when|as|because|after|before|if|who|which)\b")
_TAG_START = re.compile(r"\s*[,\u2014\u2013]")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_PARTICIPLE_START = re.compile(r"\p{Ll}+(?:ed|en)\s+(?:by|in|at|for|to|with)\b")
_PASSIVE = re.compile(r"\s+(?:was|were|is|are|been|be)$")
_LEADING_ADVERBIAL = re.compile(r"(?i)^(?:in|on|at|during|after|before|speaking|asked|last|earlier|later|"
                                r"yesterday|today|tonight|meanwhile|for|with|from|since|when|while)\b")


@dataclass(frozen=True, slots=True)
class _Attribution:
    """Who a quotation is attributed to; `speaker` None for a speaker that cannot be named (I, we)."""

    speaker: str | None
    role: str | None
    adjacent: bool  # the cue touches the quote (`“…,” she said` / `She said: “…”`), not just its sentence
    cued: bool = True  # found through a speech cue, not only as the subject of the quote's sentence


@dataclass(slots=True)
class _Candidate:
    """A quote-marked span with the text around it, on its way to becoming a quotation (or not)."""

    span: QuotedSpan
    text: str
    before: str  # from the sentence start to the opening mark, other quotes blanked out
    after: str  # from the closing mark to the sentence end (or the next quote)
    joined: bool  # `before` is the very text between the previous quote and this one (a split quote)
    attribution: _Attribution | None = None
    attributed_after: bool = False
    is_quotation: bool = False


def extract_quotations(text: str) -> list[Quotation]:
    """Direct quotations of `text` in reading order, with speakers and roles where the article gives them."""
    spans = find_quoted_spans(text)
    if not spans:
        return []
    masked = _masked(text, spans)
    candidates = [_candidate(text, masked, spans, i) for i in range(len(spans))]
    _Attributor(Cast(text), text).attribute(candidates)
    return [_quotation(text, c) for c in candidates if c.is_quotation]


def _quotation(text: str, candidate: _Candidate) -> Quotation:
    start, end = candidate.span.start, candidate.span.end
    # `“…,” she said`: the comma before the closing mark belongs to the attribution, not to what was said.
    while end > start and text[end - 1] in ", ":
        end -= 1
    attribution = candidate.attribution
    return Quotation(text[start:end], start, end, candidate.span.paragraph,
                     attribution.speaker if attribution else None, attribution.role if attribution else None)


def _masked(text: str, spans: list[QuotedSpan]) -> str:
    """`text` with the content of every quote-marked span blanked out, so that the words around a quote
    can be read without the words inside other quotes (offsets are kept)."""
    pieces, position = [], 0
    for span in spans:
        pieces += [text[position:span.start], "\u2026" * (span.end - span.start)]
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _candidate(text: str, masked: str, spans: list[QuotedSpan], i: int) -> _Candidate:
    span = spans[i]
    line_start = masked.rfind("\n", 0, span.start) + 1
    line_end = masked.find("\n", span.end)
    line_end = len(masked) if line_end < 0 else line_end
    previous = spans[i - 1] if i else None
    following = spans[i + 1] if i + 1 < len(spans) else None
    before = masked[line_start:max(line_start, span.start - 1)]
    sentence_starts = [m.end() for m in _SENTENCE_END.finditer(before)]
    if sentence_starts:
        before = before[sentence_starts[-1]:]
    joined = previous is not None and previous.closed and \
        span.start - 1 - len(before) <= previous.end + 1 <= span.start
    after_to = min(line_end, following.start - 1) if following else line_end
    after = masked[span.end + 1:after_to] if span.closed else ""
    sentence_end = _SENTENCE_END.search(after)
    if sentence_end:
        after = after[:sentence_end.start() + 1]
    return _Candidate(span, text[span.start:span.end], before, after, joined)


def _chains(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Group the segments of quotations that run over several paragraphs."""
    chains: list[list[_Candidate]] = []
    open_chain = False
    for candidate in candidates:
        if open_chain:
            chains[-1].append(candidate)
        else:
            chains.append([candidate])
        open_chain = not candidate.span.closed
    return chains


def _continues(candidate: _Candidate, previous: _Candidate | None) -> bool:
    return previous is not None and previous.attribution is not None and \
        candidate.span.paragraph - previous.span.paragraph <= 1


def _is_quotation(candidate: _Candidate, previous: _Candidate | None, names: set[str]) -> bool:
    """A quotation, rather than a title, a nickname or a scare quote."""
    words = _WORDS.findall(candidate.text)
    if not words:
        return False
    if _is_name_quote(candidate, words):
        names.add(candidate.text.casefold().strip(" ,.;:"))
        return False
    if len(words) <= 4 and candidate.text.casefold().strip(" ,.;:") in names:
        return False  # a term the article already set off as a name: the so-called “blue corridor”
    if len(words) <= 2 and _NAME_BEFORE.search(candidate.before) and _NAME_AFTER.match(candidate.after):
        return False
    if len(words) <= 4 and _POSSESSOR_BEFORE.search(candidate.before) and _NAME_AFTER.match(candidate.after):
        return False  # a descriptor before a name: its “national enterprise reporter” Jane Doe
    attribution = candidate.attribution
    if _is_title_case(words) and (attribution is None or not attribution.adjacent or
                                  _TITLE_LEAD.search(candidate.before) or
                                  candidate.text.rstrip()[-1:] not in ",.!?\u2026"):
        return False
    if len(words) == 1 and candidate.before.strip() and candidate.text.rstrip()[-1:] not in ",.!?\u2026":
        return False  # one quoted word inside a sentence is a term, not speech: the site was “provisional”
    if attribution is not None and attribution.cued:
        return True
    if not candidate.span.closed or len(words) >= 5:
        return True
    return _continues(candidate, previous) and (len(words) >= 3 or words[0][0].isupper())


def _is_name_quote(candidate: _Candidate, words: list[str]) -> bool:
    """A name, a nickname or a title set off by a naming phrase: the so-called “…”, nicknamed it “…”."""
    before = candidate.before
    if len(words) <= 8 and _NAMING_LEAD.search(before):
        return True
    if len(words) <= 6 and _NAMING_VERB.search(before):
        return True
    return len(words) <= 4 and _DETERMINER_BEFORE.search(before) is not None and \
        not any(c in candidate.text for c in ".!?")


def _is_title_case(words: list[str]) -> bool:
    """`Face the Nation`, `Morning Joe`: every word capitalised but the small ones, and short."""
    if len(words) > 6:
        return False
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)


def _ends_sentence(quoted: str) -> bool:
    return quoted.rstrip(" \u2019'\"").endswith(".")


class _Attributor:
    """Attributes candidates in reading order, remembering the latest speaker for he/she and for
    quotations without an attribution of their own."""

    def __init__(self, cast: Cast, text: str) -> None:
        self.cast = cast
        self.text = text
        self.last_speaker: tuple[str, int, int] | None = None  # (name, paragraph, end of the quotation)

    def attribute(self, candidates: list[_Candidate]) -> None:
        previous_quotation: _Candidate | None = None
        previous: _Candidate | None = None
        names: set[str] = set()
        for chain in _chains(candidates):
            attribution, after = self._chain_attribution(chain, previous)
            for candidate in chain:
                candidate.attribution, candidate.attributed_after = attribution, after
                candidate.is_quotation = _is_quotation(candidate, previous_quotation, names)
                if not candidate.is_quotation:
                    continue
                own = candidate.attribution
                if (own is None or not own.cued) and _continues(candidate, previous_quotation):
                    candidate.attribution = previous_quotation.attribution
                self._note_speaker(candidate)
                previous_quotation = candidate
            previous = chain[-1]

    def _chain_attribution(self, chain: list[_Candidate],
                           previous: _Candidate | None) -> tuple[_Attribution | None, bool]:
        """A quotation running over several paragraphs takes the attribution where it closes; the second
        part of a split quote (`“…,” she said, “…”`) takes the first part's."""
        attribution = self._after(chain[-1])
        if attribution is not None:
            return attribution, True
        first = chain[0]
        if first.joined and previous is not None and previous.attributed_after:
            return previous.attribution, False
        return self._before(first), False

    def _note_speaker(self, candidate: _Candidate) -> None:
        attribution = candidate.attribution
        if attribution is not None and attribution.speaker and attribution.speaker[0].isupper():
            self.last_speaker = (attribution.speaker, candidate.span.paragraph, candidate.span.end)

    def _after(self, candidate: _Candidate) -> _Attribution | None:
        """`“…,” Musayev said`, `“…,” said Elshan Musayev, an MP`, `“…” ― Lena Varga`."""
        after = candidate.after
        position = candidate.span.end
        dash = _DASH_SOURCE.match(after)
        if dash:
            return self._resolve(_phrase_after(after[dash.end():]), candidate, position, adjacent=True)
        cue = next(_verb_cues(after), None)
        if cue is None:
            return None
        subject = _PARENTHETICAL.sub("", after[:cue.start()]).strip(" ,\u2014\u2013")
        rest = after[cue.end():]
        if cue.group().casefold() == "according to" or not subject:
            if subject:
                return None
            return self._resolve(_phrase_after(rest), candidate, position, adjacent=True)
        if len(subject.split()) > 12 and _is_name(subject.split(",")[0].strip()):
            subject = subject.split(",")[0]  # `“…,” Name, a long description of who she is, told X`
        if len(subject.split()) > 12 or _SENTENCE_END.search(subject + " X") or _PARTICIPLE_START.match(subject):
            return None  # not a tag: `“The Salt Bride”, composed by X to a libretto by Y, tells the story`
        if _ends_sentence(candidate.text) and (len(subject.split()) > 6 or
                                               subject.split()[0].casefold() in _PRONOUN_SUBJECTS):
            return None  # a new sentence, not an attribution tag
        subject = _FILLER.sub("", subject)
        if _PASSIVE.search(subject) and rest.startswith(" by "):
            return self._resolve(_phrase_after(rest[4:]), candidate, position, adjacent=True)
        tag = _TAG_START.match(after) is not None or candidate.text.rstrip()[-1:] in ",?!\u2026\u2014"
        return self._resolve(_tag_subject(subject), candidate, position, adjacent=tag)

    def _before(self, candidate: _Candidate) -> _Attribution | None:
        """`Musayev said: “…”`, `The head of X, Name, struck a similar note: “…”`, `Name called it “…”`."""
        before = candidate.before
        position = candidate.span.start
        touches = before.rstrip()[-1:] in (":", ",")
        unnamed = None
        for cue in reversed(list(_verb_cues(before))):
            tail = before[cue.end():]
            adjacent = touches and not tail.strip(" ,:")
            if cue.group().casefold() == "according to":
                subject = _phrase_after(tail)
            elif cue.group().endswith("ing"):
                subject = _participle_subject(before[:cue.start()])
            else:
                subject = _subject_before(before[:cue.start()])
            if subject is None and tail.startswith(" by "):
                subject = _phrase_after(tail[4:])
            attribution = self._resolve(subject, candidate, position, adjacent)
            if attribution is not None and attribution.speaker:
                return attribution
            unnamed = unnamed or attribution
        if unnamed is not None:
            return unnamed
        if before.rstrip().endswith(":"):
            return self._resolve(_clause_subject(before.rstrip()[:-1]), candidate, position, adjacent=True)
        if before.strip():
            subject = self._resolve(_clause_subject(before), candidate, position, adjacent=False)
            return _Attribution(subject.speaker, subject.role, False, cued=False) if subject else None
        return None

    def _resolve(self, phrase: str | None, candidate: _Candidate, position: int,
                 adjacent: bool) -> _Attribution | None:
        """Resolve a speaker phrase to the fullest name, a role holder, a pronoun's referent or a head noun."""
        if not phrase:
            return None
        cast = self.cast
        words = phrase.split()
        key = words[0].casefold() if len(words) == 1 else phrase.casefold()
        if key in PRONOUNS:
            name = self._referent(PRONOUNS[key], position, candidate.span.paragraph)
            return _Attribution(name, cast.role_of(name, position) if name else None, adjacent)
        if key in NEVER_SPEAKERS:
            return _Attribution(None, None, adjacent)
        runs = list(NAME_RUN.finditer(phrase))
        role = None
        determined = _DETERMINER.match(phrase) is not None
        if runs and (not determined or runs[-1].end() == len(phrase.rstrip(" .,")) and
                     not _PREPOSITION.search(phrase, 0, runs[-1].start())):
            role, name = split_role(runs[-1].group().split())
            if name:
                full = cast.fullest(" ".join(name).removesuffix("’s").removesuffix("'s"))
                return _Attribution(full, role or cast.role_of(full, position), adjacent)
        noun = head_noun(phrase)
        if noun is None or noun in NEVER_SPEAKERS or not (determined or role or is_role_word(noun)):
            return None
        qualifiers = tuple(w for w in words if w.casefold() in ROLE_MODIFIERS)
        holder = cast.holder_of(noun, position, qualifiers) if role or _DEFINITE.match(phrase) else None
        if holder is not None:
            return _Attribution(cast.fullest(holder.name), holder.role, adjacent)
        return _Attribution(noun, None, adjacent)

    def _referent(self, gender: str, position: int, paragraph: int) -> str | None:
        """he/she: the latest speaker if recent, else the latest person named who fits."""
        if self.last_speaker is not None and paragraph - self.last_speaker[1] <= 1:
            # a person who opens a sentence of this paragraph after the last speaker's quotation is more recent
            paragraph_start = self.text.rfind("\n", 0, position) + 1
            subject = self.cast.subject_between(max(paragraph_start, self.last_speaker[2]), position, gender)
            if subject is not None:
                return subject
            name = self.last_speaker[0]
            if self.cast.gender_of(name) in (None, gender):
                return name
        person = self.cast.latest_person(position, gender)
        return person or (self.last_speaker[0] if self.last_speaker else None)


def _verb_cues(text: str):
    """Speech cues of `text` used as verbs (`her notes`, `a reply` are nouns)."""
    for cue in _CUE.finditer(text):
        if not _NOUN_BEFORE.search(text, 0, cue.start()):
            yield cue


def _tag_subject(subject: str) -> str:
    """The speaker in an attribution tag: `Musayev, an MP, ` -> `Musayev`; `is held accountable, Warren`
    -> `Warren`."""
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if len(parts) > 1 and NAME_RUN.search(parts[-1]) and not _DETERMINER.match(parts[-1]):
        return parts[-1]
    return parts[0] if parts else subject


def _subject_before(text: str) -> str | None:
    """The subject standing just before a speech verb: "The MP", "Elshan Musayev, an MP from Baku,"."""
    text = _TRAILING_WHEN.sub("", _FILLER.sub("", _PARENTHETICAL.sub("", text).rstrip()))
    if not text:
        return None
    if text.endswith(","):
        return _clause_subject(text[:-1])
    clause = _CLAUSE_BREAK.split(text)[-1]
    clause = clause.strip()
    if not clause:  # "Scott beamed and asked": the subject of the whole clause
        return _clause_subject(text) or None
    run = _last_name_run(clause)
    if run is not None and clause.endswith(run) and split_role(run.split())[1]:
        return run
    determined = _DETERMINED.search(clause)
    if determined:
        return determined.group()
    return clause.split()[-1]


def _participle_subject(text: str) -> str | None:
    """Whoever is `saying`: the name just before (`footage of Trump saying`), else the clause's subject."""
    stripped = text.rstrip()
    run = _last_name_run(stripped)
    if run is not None and stripped.endswith(run) and split_role(run.split())[1]:
        return run
    return _clause_subject(stripped.rstrip(","))


def _clause_subject(text: str) -> str:
    """The subject of a clause introducing a quote: a name set off by commas after a described role
    ("The head of X, Name," / "The lead author, Dr. Name of the Y group,"), else the first name of the
    clause's first main part (not an adjective: "A Moroccan official"), else that part."""
    parts = [p.strip() for p in _PARENTHETICAL.sub("", text).split(",") if p.strip()]
    if not parts:
        return ""
    if len(parts) > 1 and _DETERMINER.match(parts[0]):
        name = _leading_name(parts[1])
        if name:
            return name
    main = next((p for p in parts if not _LEADING_ADVERBIAL.match(p)), parts[-1])
    run = NAME_RUN.search(main)
    if run and not _is_modifier(main, run) and split_role(run.group().split())[1]:
        return run.group()
    return main


def _leading_name(text: str) -> str | None:
    """`Name` or `Name of/at …` (a name with where it belongs) -> the name."""
    run = NAME_RUN.match(text)
    if run is None or not split_role(run.group().split())[1]:
        return None
    rest = text[run.end():]
    return run.group() if not rest.strip() or _PREPOSITION.match(rest.lstrip()) else None


def _is_modifier(text: str, run: re.Match) -> bool:
    """`A Moroccan official`, `the Health Department spokesman`: capitalised words after a determiner and before
    a lowercase noun qualify that noun; they are not a name (unless they hold a role and a name)."""
    determined = _DETERMINER.match(run.group()) or _DETERMINER_END.search(text, 0, run.start())
    if not determined or not _LOWER_NEXT.match(text, run.end()):
        return False
    role, name = split_role(run.group().split())
    return not (role and name)


def _is_name(text: str) -> bool:
    run = NAME_RUN.fullmatch(text)
    return run is not None and bool(split_role(text.split())[1])


def _last_name_run(text: str) -> str | None:
    runs = list(NAME_RUN.finditer(text))
    return runs[-1].group() if runs else None


def _phrase_after(text: str) -> str:
    """The speaker phrase after a verb: "said Jim Clyburn, the leader" -> "Jim Clyburn"."""
    text = text.lstrip(" ,:")
    end = _PHRASE_END.search(text)
    return (text[:end.start()] if end else text).strip()
