"""Quotations of an article and who said them.

`extract_quotations` pairs quote marks (store.quotes.marks), decides which quote-marked spans are quotations
rather than titles or scare quotes, and attributes each to a speaker: from the tag after it (`“…,” Musayev
said`), from the cue before it (`Musayev said: “…”`), from the quotation it continues, or from the subject of
its sentence. A paragraph `NAME: text` of a transcript is a quotation by NAME. Each quotation carries its
evidence (store.quotes.evidence): the cue, the words naming the speaker, how they were resolved, a confidence.

Every step reads a bounded window around its quotation (sentence starts are found once per article), so the
work grows linearly with the length of the text, however long a paragraph is."""
from __future__ import annotations

import bisect
import dataclasses
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import add
from typing import Any, Callable, Iterator, NamedTuple

import re as stdre

import regex as re

from store.quotes.cues import BASE_FORMS, COMMON_VERBS, VERB_FORMS as CUE_WORDS, Cue, cue_matches, find_cues
from store.quotes.evidence import confidence_of
from store.model import Quotation
from store.quotes.name_words import ABBREVIATED_TITLES, NAME_SUFFIXES, ORG_ABBREVIATIONS, OTHER_ABBREVIATIONS, PARTICLES
from store.quotes.marks import QuotedSpan, find_quoted_spans, paragraph_starts_of
from store.quotes.names import gender_of_given_name
from store.quotes.cast import (BODY_NOUNS, NAME_RUN, UPPERCASE, NEVER_SPEAKERS, PRONOUNS, ROLE_HEADS, ROLE_MODIFIERS, Cast, gender_of_words,
                            head_noun, is_role_word, is_title_role, split_role)

__all__ = ["extract_quotations", "find_quoted_spans"]

LOOKBACK = 600  # characters of a quotation's sentence read before it
LOOKAHEAD = 400  # ... and after it
_SENTENCES_BACK = 8  # sentences searched for the referent of a pronoun

# words that may stand between a subject and its speech verb ("Musayev also said", "she has repeatedly said")
_FILLER = re.compile(r"(?:\s+(?:has|have|had|was|is|were|would|will|could|did|also|then|later|once|again|"
                     r"previously|recently|further|still|just|never|not|first|already|often|always|sometimes|ever|now|\p{Ll}+ly))+$")
# words whose period ends no sentence: `Sen.`, `Ltd.`, `Jr.`
_ABBREVIATED = frozenset(ABBREVIATED_TITLES + NAME_SUFFIXES + ORG_ABBREVIATIONS + OTHER_ABBREVIATIONS)
_DETERMINER = stdre.compile(r"(?i)(?:the|a|an|another|this|that|his|her|its|their|one|some|several|many|most|"
                         r"other|two|three|\d+)\b")
# a capitalised pronoun after a finished quoted sentence starts a new sentence: `“….” She says it …`
_PRONOUN_SUBJECTS = NEVER_SPEAKERS | frozenset(PRONOUNS)
# the one-word speaker phrases `_Attributor._resolve` reads before it looks for a name: "he", "one", "another", "it"
_ONE_WORD_SUBJECTS = _PRONOUN_SUBJECTS | {"another"}
# a name after a preposition in a description is not the speaker: a spokesperson for the Department of Health
_PREPOSITION = stdre.compile(r"\b(?:for|of|at|with|from|in|on|by|to)\s")
_LEADING_ADVERBIAL = re.compile(r"(?i)(?:in|on|at|of|about|during|after|before|speaking|asked|last|earlier|later|"
                                r"yesterday|today|tonight|meanwhile|for|with|from|since|when|while|"
                                r"although|though|despite|following|like|unlike|under|over|amid|among|"
                                r"without|by|through|as|if|because|once|until|reached|contacted|still|yet|"
                                r"instead|now|then|but|and|so|however|also|even|in\s+\w+|"
                                # "Asked", "Speaking", "Finally", but not the names Ted Kay, Sterling Hale, Emily Berg
                                r"(?:\p{Ll}+ing|\p{Ll}+ed|\p{L}+ly)(?!\p{L})(?!(?-i:[ \xa0]+\p{Lu}))|here|there|alongside|besides|beyond|toward|towards|around|across|"
                                r"behind|outside|inside|near|per|via|throughout|upon|within|regarding|given|"
                                r"including|(?:hours|days|weeks|months|years|minutes|moments)\s+(?:later|"
                                r"earlier|ago|after|before))\b")
# a name inside the patterns below: simpler than NAME_RUN (which scans whole articles), and quick to compile
_NAME = (r"\p{Lu}[\p{L}\p{M}’'\-.]*(?:[ \xa0](?:(?:de|da|di|del|della|der|den|van|von|bin|ibn|al|el|la|le|du|dos|"
         r"ter|abu|ben)[ \xa0]){0,2}\p{Lu}[\p{L}\p{M}’'\-.]*)*")
_TAIL = 120
# windows of text whose readings are kept (a few hundred characters each): an article's worth, and more
_WINDOWS_CACHED = 1024
# ... and the tags after quotes, whose few words ("Berg said on Monday.") come back across articles more than other
# windows do (each kept reading is about 500 bytes)
_TAGS_CACHED = 4096
_ARTICLE = stdre.compile(r"(?i)(?:the|a|an|another|one|his|her|its|their)\b")
_ONE_OF = stdre.compile(r"(?i)(?:one|two|some|many|several|most|each|either|neither|any)\s+of\s+(?:the|those|these|"
                     r"his|her|their|its|our)?\s*")
# a name after these is an object, not the subject of what follows: "on Facebook writing", "speaking to the Valley Post"
_OBJECT_BEFORE = stdre.compile(r"\b(?:on|in|at|to|with|from|for|by|into|about|against|via)\s+(?:the\s+)?$")
_PLACE_BEFORE = stdre.compile(r"\b(?:on|in|at)\s+(?:the\s+)?$")  # "later that month on Radio Kemi:"
_ADVERBS = frozenset("now then also later still again once just even yet soon instead meanwhile first already "
                     "never".split())
_POSSESSIVE_LEAD = re.compile(r"\p{Lu}[\p{L}\-.]*(?:\s\p{Lu}[\p{L}\-.]*)*[’']s?\s+\p{Ll}")


def _possessive_lead(text: str) -> bool:
    """`text` opens with a name's possessive and a word it owns: "Varga’s campaign" (the pattern is tried only on a
    text with an apostrophe: it reads a long run of names before failing)."""
    return ("’" in text or "'" in text) and _POSSESSIVE_LEAD.match(text) is not None


class _Attribution(NamedTuple):
    """Who a quotation is attributed to and the evidence: `speaker` None for a speaker that cannot be named
    (I, we). Offsets are absolute (index the article text). A tuple: attributions are made by the thousand."""

    speaker: str | None
    role: str | None
    adjacent: bool  # the cue touches the quote (`“…,” she said` / `She said: “…”`), not just its sentence
    cued: bool = True  # found through a speech cue, not only as the subject of the quote's sentence
    cue: tuple[int, int] | None = None
    mention: tuple[int, int] | None = None
    resolution: str = "none"
    basis: str | None = None
    near: bool = True  # resolved within the same or the previous sentence


_tuple_new = tuple.__new__  # an attribution made without a Python call: `_tuple_new(_Attribution, (all nine fields))`


@dataclass(slots=True)
class _Candidate:
    """A quote-marked span with the text around it, on its way to becoming a quotation (or not)."""

    span: QuotedSpan
    text: str
    before: str  # from the sentence start to the opening mark, other quotes blanked out
    before_at: int  # where `before` starts in the article text
    after: str  # from the closing mark to the sentence end (or the next quote)
    after_at: int
    joined: bool  # `before` is the very text between the previous quote and this one (a split quote)
    sentence: int  # index of the sentence the quote opens in
    attribution: _Attribution | None = None
    attributed_after: bool = False
    is_quotation: bool = False


def extract_quotations(text: str) -> list[Quotation]:
    """Direct quotations of `text` in reading order, with speakers, roles and the evidence for them."""
    # where each paragraph starts, as `text.split("\n\n")` cuts them (read once, for the marks, the turns and the
    # document)
    paragraph_starts = paragraph_starts_of(text)
    spans = find_quoted_spans(text, paragraph_starts)
    if not spans and ":" not in text:
        return []
    turns = list(_turns(text, paragraph_starts)) if ":" in text else []
    if "Q:" in text and "A:" in text:
        turns = sorted(turns + _answers(text, paragraph_starts))
    if not spans and not turns:
        return []
    document = _Document(text, spans, paragraph_starts)
    candidates = document.candidates()
    attributor = _Attributor(document)
    attributor.attribute(candidates)
    quotations = [_quotation(text, c) for c in candidates if c.is_quotation]
    if turns:  # a quote inside a turn stays inside it, like a nested quote
        inside = {turn[4] for turn in turns}
        quotations = sorted([q for q in quotations if q.paragraph not in inside] +
                            [attributor.turn(*turn) for turn in turns], key=lambda q: q.start)
    return quotations


def _quotation(text: str, candidate: _Candidate) -> Quotation:
    span = candidate.span
    start = span.start
    # `“…,” she said`: the comma before the closing mark belongs to the attribution, not to what was said.
    quoted = candidate.text.rstrip(", ")
    return _evidenced(quoted, start, start + len(quoted), span.paragraph, candidate.attribution)


def _slot_constructor(cls: type) -> Callable[..., Quotation]:
    """A function with the signature of a frozen, slotted dataclass's `__init__` that makes an instance of it at a
    fraction of the cost: the `__init__` of a frozen class sets each field through `object.__setattr__`, a call that
    made a quotation cost as much as a tenth of the work of finding it. The instance is made as one of a mutable
    class with the very same slots, whose plain assignments are cheap, and then given its class (which the same
    layout allows). Follows the fields as they are declared."""
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(field.default_factory is not dataclasses.MISSING or not field.init
                                            for field in fields):
        return cls
    parameters = ", ".join(field.name if field.default is dataclasses.MISSING else f"{field.name}=_default_{field.name}"
                           for field in fields)
    body = "".join(f"    self.{field.name} = {field.name}\n" for field in fields)
    namespace = {"_cls": cls, **{f"_default_{field.name}": field.default for field in fields}}
    exec(f"def __init__(self, {parameters}):\n{body}    self.__class__ = _cls\n", namespace)
    slots = getattr(cls, "__slots__")  # (a dataclass made with slots=True has them: a checker cannot tell)
    return type(f"_Mutable{cls.__name__}", (), {"__slots__": slots, "__init__": namespace["__init__"]})


_new_quotation = _slot_constructor(Quotation)


def _evidenced(quoted: str, start: int, end: int, paragraph: int, attribution: _Attribution | None) -> Quotation:
    if attribution is None:
        return _new_quotation(quoted, start, end, paragraph)
    speaker, role, _, _, cue, mention, resolution, basis, near = attribution
    cue_start, cue_end = cue if cue else _NO_SPAN
    mention_start, mention_end = mention if mention else _NO_SPAN
    # (the fields in the order Quotation declares them: keywords cost a quarter of the call)
    return _new_quotation(quoted, start, end, paragraph, speaker, role, cue_start, cue_end, mention_start, mention_end,
                          resolution, confidence_of(speaker, resolution, basis, cue is not None, near), basis)


_NO_SPAN = (None, None)


_WORD_BOUNDARY = stdre.compile(r"\s")


class _Document:
    """An article's text with its quotes blanked out, its sentence starts, lines and cast, read once."""

    def __init__(self, text: str, spans: list[QuotedSpan], paragraph_starts: list[int]) -> None:
        self.text = text
        self.spans = spans
        self.masked = _masked(text, spans)
        lines = text.split("\n")
        # each line starts after the lines before it and their line breaks
        line_starts = list(map(add, accumulate(map(len, lines[:-1]), initial=0), count()))
        self.line_starts = line_starts
        ends = _sentence_ends(self.masked, within_lines=True)
        # every line that is not empty starts a sentence, and so do the first and the last (where the text ends)
        starts = list(compress(line_starts, lines))
        if not lines[0]:
            starts.insert(0, 0)
        if not lines[-1] and len(lines) > 1:
            starts.append(line_starts[-1])
        # (no sentence end starts a line: the two sorted lists are merged, with nothing counted twice)
        starts += ends
        starts.sort()
        self.sentence_starts = starts
        self.paragraph_starts = paragraph_starts
        # where a sentence starts after a quoted sentence (`“… dangerous.” New Jersey Gov. …`): the blanked quote
        # hides its full stop from _sentence_ends
        self.after_quoted_sentences = [end + close_len + 1 for _, end, _, closed, _, close_len in spans if closed and
                                       text[end - 1:end] in ".!?" and
                                       text[end + close_len:end + close_len + 1] == " " and
                                       text[end + close_len + 1:end + close_len + 2].isupper()]
        self.cast = Cast(text, [span[:2] for span in spans])  # (start, end) of each
        self.cast.note_speakers(self.masked)

    def paragraph_floor(self, position: int) -> int:
        """Start of the paragraph before the one holding `position`."""
        i = bisect.bisect_right(self.paragraph_starts, position) - 1
        return self.paragraph_starts[max(0, i - 1)]

    def sentence_of(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        starts = self.sentence_starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def introduction(self, span: QuotedSpan) -> tuple[str, int] | None:
        """(text, its start) of the sentence ending the paragraph before a quote that opens its own, when it
        ends with a colon and so introduces the quote: `Said Koenig:`, `The mayor issued this statement:`."""
        opening = span.start - span.open_len
        line_start, _ = self.line_bounds(opening)
        if self.masked[line_start:opening].strip() or line_start < 2:
            return None
        end = line_start  # (read back over the blank, not copying the text before it)
        while end and self.masked[end - 1].isspace():
            end -= 1
        if self.masked[end - 1:end] != ":":
            return None
        start = max(self.sentence_starts[self.sentence_of(end - 1)], end - LOOKBACK)
        return self.masked[start:end], start

    def line_bounds(self, position: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, position) - 1
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return self.line_starts[i], end

    def candidates(self) -> list[_Candidate]:
        """Every span with the text around it: `before` from its sentence start (or after a quoted sentence, at
        most LOOKBACK back) to its opening mark; `after` from its closing mark to the end of its sentence or the
        next quote (at most LOOKAHEAD on). Every line that is not empty starts a sentence: neither reads past its
        line (but for the blank lines after it, which `after` drops with the spaces at its end)."""
        spans, masked, text = self.spans, self.masked, self.text
        sentence_starts, after_quoted = self.sentence_starts, self.after_quoted_sentences
        sentences = len(sentence_starts)
        bisect_right = bisect.bisect_right
        candidates = []
        spans_count = len(spans)
        previous_end = None  # where the mark closing the previous quote ends (None when it runs on)
        for i, span in enumerate(spans):
            start, end, paragraph, closed, open_len, close_len = span
            opening = start - open_len
            sentence = bisect_right(sentence_starts, opening) - 1
            # a quoted sentence that ended before starts a new sentence: `“….” New Jersey Gov. …`
            quoted = bisect_right(after_quoted, opening) - 1
            after_sentence = after_quoted[quoted] if quoted >= 0 else 0
            # (the latest of the three floors, compared here: a call of max costs more than all the rest of a step)
            before_at = sentence_starts[sentence]
            if opening - LOOKBACK > before_at:
                before_at = opening - LOOKBACK
            if after_sentence > before_at:
                before_at = after_sentence
            if before_at == opening - LOOKBACK:  # cut at a word boundary
                gap = _WORD_BOUNDARY.search(masked, before_at, opening)
                before_at = gap.end() if gap else opening
            skipped = i + 1
            following = spans[skipped] if skipped < spans_count else None
            while following is not None and skipped - i <= 3 and \
                    following[1] - following[0] <= _SHORT_TITLE and _is_short_title(text, following) and \
                    following[2] == paragraph and skipped + 1 < spans_count:
                skipped += 1  # `“…,” Tom Kay, wearing “Vote Berg” pins, said`: a tag reads past a name in quotes
                following = spans[skipped]
            joined = previous_end is not None and before_at <= previous_end <= opening
            after_at = end + close_len
            after = ""
            if closed:
                # (the nearest of the ends, compared here, as the floors above; none is negative, and a slice
                # that would end before it starts is empty)
                after_to = after_at + LOOKAHEAD
                if following and following[0] - following[4] < after_to:
                    after_to = following[0] - following[4]
                next_sentence = bisect_right(sentence_starts, after_at)
                if next_sentence < sentences and sentence_starts[next_sentence] < after_to:
                    after_to = sentence_starts[next_sentence]
                after = masked[after_at:after_to].rstrip()
            candidates.append(_Candidate(span, text[start:end], masked[before_at:opening], before_at, after,
                                         after_at, joined, sentence))
            previous_end = after_at if closed else None
        return candidates


_SHORT_TITLE = 40  # characters of a quoted name or title at most (longer spans are told without a call)


def _is_short_title(text: str, span: QuotedSpan) -> bool:
    """A quote-marked name or title of a few words, no sentence of its own: “Vote Berg”, “The Salt Roads”."""
    if not span.closed or span.end - span.start > _SHORT_TITLE:
        return False
    inside = text[span.start:span.end]
    return inside[:1].isupper() and not any(c in inside for c in ".!?,;:")


# where a sentence may end after each stop: the stop (and a closing mark), a space, and a capital or an opening mark
# after it (the standard `re`, whose scan for a literal first character runs in C)
# (a full stop after more lowercase letters than any abbreviation ends with is no abbreviation's or initial's: the
# empty group says so, and most stops are told so without a Python test; the group is atomic, so that a stop with
# no break after it is not read a second time without it)
_LOWERCASE_TAIL = 1 + max(len(word) - len(word.rstrip("abcdefghijklmnopqrstuvwxyz")) for word in _ABBREVIATED)
# (`within_lines`: the same breaks but those whose spaces end with a line break, which fail the pattern without a match
# being made)
_SENTENCE_BREAKS, _SENTENCE_BREAKS_WITHIN_LINES = (
    tuple(stdre.compile(r"\%s%s[\"”’']?%s(?=[%s\"“‘'(0-9])" %
                        (stop, r"(?>(?<=[a-z]{%d}\.)()|)" % _LOWERCASE_TAIL if stop == "." else "", spaces,
                         UPPERCASE[1:-1]))
          for stop in ".!?")
    for spaces in (r"\s+", r"\s*[^\S\n]"))


def _sentence_ends(text: str, within_lines: bool = False) -> list[int]:
    """Where the sentences of `text` after the first begin: after . ! or ? (and a closing mark) and a space, before a
    capital or an opening mark; an abbreviation ("Mr.", "Sen.", "Ltd.") or an initial ends none. `within_lines`: only
    those that do not start a line (a caller that counts every line start as a sentence start has those)."""
    full_stops, exclamations, questions = _SENTENCE_BREAKS_WITHIN_LINES if within_lines else _SENTENCE_BREAKS
    # (lastindex is None: the stop follows a word that may be an abbreviation's)
    ends = [stop.end() for stop in full_stops.finditer(text)
            if stop.lastindex is not None or not _abbreviation_before(text, stop.start())]
    if "!" not in text and "?" not in text:
        return ends
    ends += [stop.end() for stop in exclamations.finditer(text)]
    ends += [stop.end() for stop in questions.finditer(text)]
    return sorted(ends)


def _abbreviation_before(text: str, at: int) -> bool:
    """The full stop at `at` ends an abbreviation or an initial: "Sen.", "U.S.", "Maya D. Song"."""
    if not at or text[at - 1].isspace():
        return False
    word = text[max(0, at - 6):at].rsplit(None, 1)[-1].rsplit("(", 1)[-1]
    return word in _ABBREVIATED or word[-1:].isupper() and (len(word) == 1 or not word[-2].isalpha())


def _masked(text: str, spans: list[QuotedSpan]) -> str:
    """`text` with the content of every quote-marked span blanked out, so that the words around a quote
    can be read without the words inside other quotes (offsets are kept)."""
    pieces: list[str] = []
    position = 0
    append = pieces.append
    for start, end, _, _, _, _ in spans:
        append(text[position:start])
        append("\u2026" * (end - start))
        position = end
    append(text[position:])
    return "".join(pieces)


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


# what joins quotes that a tag after the last of them attributes together: `“…” and “…,” she said`
_LINKING_WORDS = stdre.compile(r",?\s+(?:and|or|and then|as well as)\s+|,\s+")


def _share_tags(text: str, quotations: list[_Candidate]) -> None:
    """Quotes joined by "and", "or" or a comma share the tag after the last of them: `It is “…” and “…,” Ola
    Berg said` is Berg's twice. The tag is the evidence of each, so its attribution is taken as it is."""
    for quote, following in zip(reversed(quotations[:-1]), reversed(quotations[1:])):
        own, shared = quote.attribution, following.attribution
        if own is not None and own.speaker and own.cued or shared is None or not shared.speaker or \
                not (following.attributed_after and shared.adjacent) or not quote.span.closed or \
                following.sentence != quote.sentence:
            continue
        if _LINKING_WORDS.fullmatch(text, quote.span.end + quote.span.close_len,
                                    following.span.start - following.span.open_len):
            quote.attribution, quote.attributed_after = shared, True


def _continues(candidate: _Candidate, previous: _Candidate | None) -> bool:
    return previous is not None and previous.attribution is not None and \
        candidate.span.paragraph - previous.span.paragraph <= 1


# what a title follows mid-sentence: a preposition or a possessive (`on “Face the Nation”`, `CBS’s “…”`)
# (or a verb of telling, whose object is the programme told: `told “Morning Talk,”`)
_TITLE_LEAD = stdre.compile(r"(?:\b(?:on|in|of|to|at|from|with|for|by|about|the|a|an|told|tells|telling)|[’']s)\s*$",
                            re.IGNORECASE)
# a verb of saying right before a quote, which is then what was said, whatever its capitals: shouted “Not Here!”
_SAYING_VERB_END = stdre.compile(r"\b(?:said|says|declared|declares|exclaimed|shouted|shouting|yelled|yelling|"
                                 r"screamed|screaming|chanted|chanting|cried|crying|announced|added|replied|answered)"
                                 r"[,:]?\s*$")
# a nickname inside a name: Marcia “Cia” Price
_NAME_BEFORE = re.compile(r"\p{Lu}[\p{L}.]*\s*$")
_NAME_AFTER = re.compile(r"^\s*\p{Lu}")
_POSSESSOR_BEFORE = stdre.compile(r"(?i)(?:\b(?:the|a|an|its|his|her|their|our|my|your)|[’']s)\s*$")
_WORDS = stdre.compile(r"[^\W_][\w’'\-]*")
# a quote of nine words (of _WORDS) or more is no title, term or nickname: told without listing them
_ENOUGH_WORDS = stdre.compile(r"(?:[\W_]*+[^\W_][\w’'\-]*+){9}")

# a determiner or a possessive and at most two words before a quote that qualifies a noun after it
_MODIFIER_USE = re.compile(r"(?:\b(?i:the|a|an|his|her|its|their|our|my|your|this|these|those)|\p{L}[’']s?)"
                           r"\s+(?:[\p{L}\-’']+\s+){0,2}$")
_NOT_NOUNS = frozenset("""and or but nor to of in on at for with by from as if that which who whom whose is was are were
be been being has have had will would could should may might can must did does do because when while than so since
after before until into about over under against the a an said says told added during through across without per
via whether where once though although unless down up out off between among toward towards around behind beyond near
like amid despite within upon onto along given""".split())
# (a word in -ing or -ed after the quote is rather a verb or a participle: a “quiet revolution” sweeping the country)
_NOUN_AFTER = re.compile(r"\s+(?!(?:%s)\b)(?!\p{Ll}+(?:ing|ed)\b)\p{Ll}[\p{L}\-]*(?=[\s,.;:)]|$)" %
                         "|".join(sorted(_NOT_NOUNS, key=len, reverse=True)))


# nine words of one character each and the eight characters between them
_SHORTEST_NINE_WORDS = 9 + 8
# nine pieces between single spaces, each opening with an ASCII letter or digit: each holds a word of its own (no
# word runs over a space), so `_ENOUGH_WORDS` matches; one pass in C with no class of Unicode characters to read
_NINE_PLAIN_PIECES = stdre.compile(r"(?:[A-Za-z0-9][^ ]* ){8}[A-Za-z0-9]")


def _has_enough_words(text: str) -> bool:
    """`_ENOUGH_WORDS` matches `text`. Most quotes are told by `_NINE_PLAIN_PIECES`, a pattern that reads no
    character class of Unicode (as `_ENOUGH_WORDS` does, at several times the cost)."""
    if len(text) < _SHORTEST_NINE_WORDS:
        return False  # (a title, a term: most short quotes are told without a match)
    return _NINE_PLAIN_PIECES.match(text) is not None or _ENOUGH_WORDS.match(text) is not None


def _is_quotation(candidate: _Candidate, previous: _Candidate | None, names: set[str]) -> bool:
    """A quotation, rather than a title, a nickname or a scare quote."""
    text = candidate.text
    if len(text) >= _SHORTEST_NINE_WORDS and _NINE_PLAIN_PIECES.match(text) is not None:
        return True  # (`_has_enough_words`, told without the words: the tests below all pass so many)
    words = _WORDS.findall(text)
    if len(words) >= 9:
        return True  # (the words `_ENOUGH_WORDS` counts)
    if not words:
        return False
    if _is_name_quote(candidate, words):
        names.add(candidate.text.casefold().strip(" ,.;:"))
        return False
    if len(words) <= 4 and candidate.text.casefold().strip(" ,.;:") in names:
        return False  # a term the article already set off as a name: the so-called “blue corridor”
    tail = candidate.before[-_TAIL:]  # what a quote's opening follows: patterns anchored at its end read no further
    if len(words) <= 2 and _NAME_BEFORE.search(tail) and _NAME_AFTER.match(candidate.after):
        return False
    if len(words) <= 4 and _POSSESSOR_BEFORE.search(tail) and _NAME_AFTER.match(candidate.after) and \
            not _ends_sentence(candidate.text):  # (a capital after a full stop starts the next sentence)
        return False  # a descriptor before a name: its “national enterprise reporter” Jane Doe
    attribution = candidate.attribution
    if _is_title_case(words) and (attribution is None or not attribution.adjacent or
                                  _TITLE_LEAD.search(tail) or
                                  candidate.text.rstrip()[-1:] not in ",.!?\u2026") and \
            not _continued_sentence(candidate, previous) and not _SAYING_VERB_END.search(tail):
        return False
    if len(words) == 1 and candidate.before.strip() and candidate.text.rstrip()[-1:] not in ",.!?\u2026":
        return False  # one quoted word inside a sentence is a term, not speech: the site was “provisional”
    if len(words) <= 4 and _NOUN_AFTER.match(candidate.after) and \
            _MODIFIER_USE.search(tail, len(tail) - 60 if len(tail) > 60 else 0) and \
            not any(c in candidate.text for c in ".!?,;:") and not words[-1].endswith("ly"):
        return False  # a short quote qualifying the noun after it: the original “gang of four” negotiators
    if attribution is not None and attribution.cued:
        return True
    if not candidate.span.closed or len(words) >= 4:
        return True
    if not candidate.before.strip() and not candidate.after.strip() and candidate.text.rstrip()[-1:] in ".!?":
        return True  # a quoted sentence that is a paragraph of its own: “Building it? Not negotiable.”
    return _continues(candidate, previous) and (len(words) >= 3 or words[0][0].isupper())


def _listed_with(text: str, candidate: _Candidate, title: _Candidate) -> bool:
    """`candidate` is a title listed right after the title before it: starred in “…” and “Fall of the Moon,”."""
    span = title.span
    if not span.closed or span.paragraph != candidate.span.paragraph or \
            not _LINKING_WORDS.fullmatch(text, span.end + span.close_len,
                                         candidate.span.start - candidate.span.open_len):
        return False
    words, listed = _WORDS.findall(candidate.text), _WORDS.findall(title.text)
    return bool(words and listed) and _is_title_case(words) and _is_title_case(listed)


def _continued_sentence(candidate: _Candidate, previous: _Candidate | None) -> bool:
    """A quoted sentence standing alone right after another speaker's quotation: `“…,” said Kay. “That’s Jan
    Marsh and Ola Berg.”` continues it, whatever its capitals."""
    return candidate.text.rstrip()[-1:] in ".!?" and not candidate.before.strip() and \
        not candidate.after.strip() and _continues(candidate, previous) and \
        previous.span.paragraph == candidate.span.paragraph  # type: ignore


# what introduces a title, name or scare quote rather than speech
_NAMING_PHRASES = ("so-called", "so- called", "dubbed", "nicknamed", "titled", "entitled", "named", "known as",
                   "publish", "publishes", "published", "publishing")  # (what is published is a work)
_NAMED_THINGS = """word term phrase slogan hashtag label moniker motto nickname book film movie show programme program
series song album opera app novel headline column newspaper magazine website podcast documentary episode poem painting
brand festival exhibition ballet musical memoir play sitcom essay commentary article op-ed biography""".split()
# (one word may qualify the thing: her new book, the TV show)
_NAMING_LEAD = stdre.compile(r"(?:%s|(?:\b(?:the|his|her|its|their|our)|\w[’']s?) (?:[\w\-]+ )?(?:%s))\s*,?\s*$" %
                             ("|".join(_NAMING_PHRASES), "|".join(_NAMED_THINGS)), re.IGNORECASE)
# (16: the qualifying word and its space)
# the words a naming lead ends with (renamed, misnamed: a naming verb may end a longer word)
_NAMING_LEAD_ENDS = frozenset([phrase.rsplit(None, 1)[-1] for phrase in _NAMING_PHRASES] + _NAMED_THINGS + ["called"])
_NAMING_VERB_ENDS = ("called", "dubbed", "named", "titled", "published", "publish", "publishes", "publishing")
_LONGEST_NAMING_LEAD = max(map(len, [*_NAMING_PHRASES, *("their " + thing for thing in _NAMED_THINGS)])) + 16
# (the thing as the object of a calling verb takes the quote as its complement: called the program “a scam”)
_CALLING_VERB_END = stdre.compile(r"\b(?:call|calls|called|calling|labels|labeled|labelled|termed|deemed|declared)"
                                  r"\s+$", re.IGNORECASE)
# a thing introduced by the name it is called: a play called “…”, a group called the “…”
# (the thing is named: in `a decision the mayor called “…”` the words before "called" are its subject)
_CALLED_THING = re.compile(r"(?<=\S\s)(?i:an?)\s+(?:[\p{L}\-]+\s+){0,2}?(?:%s|group|company|firm|organi[sz]ation|"
                           r"movement|campaign|initiative|coalition|band|party|bill|law|act|project|committee|fund|"
                           r"foundation|operation|plan|network)\s+called\s+(?:the\s+)?$" % "|".join(_NAMED_THINGS))
# what a work's title is followed by: the kind of work in apposition (`“…,” a film about`), its star or host before
# a name (`“…” star Ana Ruiz`), its author (`“…,” by Ana Ruiz`)
_WORK_AFTER = re.compile(r",?\s+(?:(?:a|an|the|his|her|their|its)\s+(?:[\p{L}\-’']+\s+){0,2}?(?:%s)"
                         r"(?=[,.;:]|\s+(?:about|by|from|that|which|starring|directed|written|released|based|set|on|"
                         r"in|of|with|for)\b|\s*$)|"
                         r"(?:star|co-star|actor|actress|host|co-host|creator|author|director|writer|producer|"
                         r"anchor|contestant|character)s?\s+\p{Lu}|"
                         r"by\s+\p{Lu}[\p{L}’'.]*\s+\p{Lu})" % "|".join(_NAMED_THINGS))
# a year in brackets after a quote dates a title, a poster or a slogan: “Save the Valley” (1998)
_DATED_AFTER = stdre.compile(r"\s*\((?:[^()\n]{0,40}\s)?(?:1[5-9]|20)\d\d\)")
# a naming verb and its object before a short quote: `nicknamed the spacecraft “the shoebox”`
_NAMING_VERB = re.compile(r"(?i)\b(?:nicknamed|nicknames|nickname|dubbed|dubs|christened|renamed|titled|known\s+as|"
                          r"refer(?:s|red)?\s+to\s+(?:it|them|him|her)\s+as)(?:\s+[\p{L}\p{N}’'\-]+){0,4}\s*,?\s*$")
# a describing verb before a definite short quote, which names what it describes
_DESCRIBED_AS = re.compile(r"(?i)\b(?:describe|describes|described|describing)(?:\s+[\p{L}’'\-]+){0,3}\s+as\s*$")
# a short quote used as a noun after a determiner: `taken to calling the “Atlantic bridge”`
_DETERMINER_BEFORE = stdre.compile(r"(?i)\b(?:call|calls|called|calling|term|terms|termed)\s+"
                                r"(?:the|a|an|its|their|this)\s*$")
_DETERMINER_WORD = stdre.compile(r"(?i)the|a|an|its|their|this")  # (the last word `_DETERMINER_BEFORE` needs)
# a short noun phrase naming what was called: `calls Brandt a “coward”` (not `called it “unworkable”`)
_CALLED_BEFORE = re.compile(r"\b(?:call|calls|called|calling|dubs|dubbed|dubbing|labels|labeled|labelled|"
                            r"brands|branded|branding|terms|termed)\s+(?:[\p{L}\p{N}’'\-.]+\s+){1,4}an?\s+$")


def _is_name_quote(candidate: _Candidate, words: list[str]) -> bool:
    """A name, a nickname or a title set off by a naming phrase: the so-called “…”, nicknamed it “…”."""
    before = candidate.before[-_TAIL:]
    if len(words) <= 8 and _naming_lead(before):
        return True
    if len(words) <= 6 and candidate.after and _WORK_AFTER.match(candidate.after) and \
            not any(c in candidate.text.rstrip(" ,") for c in ".!?,;:"):
        return True
    if len(words) <= 8 and _DATED_AFTER.match(candidate.after):
        return True
    if len(words) <= 6 and "called" in before and _CALLED_THING.search(before[-80:]):
        return True
    if len(words) <= 6 and _NAMING_VERB.search(before):
        return True
    if len(words) <= 4 and words[0] in ("the", "The") and _DESCRIBED_AS.search(before[-80:]):
        return True  # a name for a thing: a curve they describe only as “the big swoosh”
    if len(words) <= 3 and before.endswith(("the ", "The ")) and not any(c in candidate.text for c in ".!?"):
        return True  # a noun phrase after "the": the “missing half” of the network
    if len(words) <= 3 and _CALLED_BEFORE.search(before[-80:]) is not None and \
            not any(c in candidate.text.rstrip(" .,") for c in ".!?,"):
        return True
    return len(words) <= 4 and _called_determiner(before) and not any(c in candidate.text for c in ".!?")


def _called_determiner(before: str) -> bool:
    """`before` ends with a naming verb and a determiner (`_DETERMINER_BEFORE`); the pattern, which tries every
    position of the text, is tried only when the last word is such a determiner."""
    last = before.rsplit(None, 1)[-1:]
    return bool(last) and _DETERMINER_WORD.fullmatch(last[0]) is not None and \
        _DETERMINER_BEFORE.search(before) is not None


def _naming_lead(before: str) -> bool:
    """`before` ends with a naming phrase (`_NAMING_LEAD`), looked for only where it may start: no further back
    than the longest phrase before the spaces and the comma that may end the text."""
    end = len(before.rstrip())
    if before[end - 1:end] == ",":
        end = len(before[:end - 1].rstrip())
    # (most quotes follow no word a naming phrase ends with: told without the search; a word cut by the 24
    # characters read is longer than any of them)
    last = before[end - 24 if end > 24 else 0:end].rsplit(None, 1)
    if not last or last[-1].lower() not in _NAMING_LEAD_ENDS and not last[-1].endswith(_NAMING_VERB_ENDS):
        return False
    lead = _NAMING_LEAD.search(before, end - _LONGEST_NAMING_LEAD if end > _LONGEST_NAMING_LEAD else 0)
    return lead is not None and _CALLING_VERB_END.search(before, 0, lead.start()) is None


_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to with vs".split())


def _is_title_case(words: list[str]) -> bool:
    """`Face the Nation`, `Morning Joe`: every word capitalised but the small ones, and short."""
    if len(words) > 6:
        return False
    big = [w for w in words if w.casefold() not in _SMALL_WORDS]
    return bool(big) and all(w[0].isupper() or w[0].isdigit() for w in big)


_CLOSING_AFTER_STOP = " \u2019'\""  # what may stand after the full stop ending a quoted sentence


def _ends_sentence(quoted: str) -> bool:
    return quoted.rstrip(_CLOSING_AFTER_STOP)[-1:] == "."


_DASHES = frozenset("-\u2013\u2014")
_THAT_END = stdre.compile(r"\bthat\s*$")
_COMPLEMENT_PREPOSITION = re.compile(r" (?:for|to|of|at|from|with|close to) ")
# an epigraph-style source after the quote: `“…” ― Lena Varga`
_DASH_SOURCE = re.compile(r"\s*[\u2015\u2014\u2013-]\s*(?=\p{Lu})")
_DASH_CHARS = frozenset("\u2015\u2014\u2013-")
# ... on a line of its own under a quoted paragraph: `“…”` / `― Lena Varga, at the launch.`
_SOURCE_LINE_DASH = r"[ \t]*\n(?:[ \t]*\n)?[ \t]*[\u2015\u2014\u2013-]"
_SOURCE_LINE = re.compile(_SOURCE_LINE_DASH + r"[ \t]*(?=\p{Lu})")
# (its dash, read first by the standard `re`, whose call costs a fraction of a `regex` one: most quotes have none)
_SOURCE_LINE_LEAD = stdre.compile(_SOURCE_LINE_DASH)
_TAG_START = stdre.compile(r"\s*[,\u2014\u2013]")
_PARTICIPLE_START = re.compile(r"\p{Ll}+(?:ed|en)\s+(?:by|in|at|for|to|with)\b")
_PASSIVE = re.compile(r"\s+(?:was|were|is|are|been|be)(?:\s+\p{Ll}+ly)?\s*$")
_NEXT_QUOTE = stdre.compile("\\s*[\u201c\u201e\u00ab\u2018\"']")
# where the speakers of a tag belong, closing it: "of the Kemi Institute for Sea Research"
_AFFILIATION = re.compile(r"\s+(?:of|for|at|from)\s+(?:the\s+)?\p{Lu}[\p{L}’'\-.]*(?:\s+(?:(?:of|for|and|the|&)\s+)?"
                          r"\p{Lu}[\p{L}’'\-.]*)*\s*$")
# a subject that begins another clause, not a tag: ", and Kay", "while Varga"
_NEW_CLAUSE = stdre.compile(r"(?:^|,\s*)(?:and|but|while|whereas|although|though|because|so|or|yet|when|as|after|"
                         r"before|if|until|since|where|once)\b", re.IGNORECASE)
_LINE_END = stdre.compile(r"\n|$")
# what a court was told, at the end of the sentence that quotes it: `…, a jury at Leeds Crown Court has heard.`
_COURT_HEARD = re.compile(r",\s+(?:an?|the)\s+(?:jury|court|inquest|tribunal|hearing|trial)\b[^,.;:]{0,60}?\s+"
                          r"(?P<cue>(?:has\s+|had\s+)?heard|(?:was|were|has\s+been)\s+told)\b(?=[^;:]{0,60}$)")
# ... and who told it so
_TOLD_COURT = re.compile(r"\b(?:told|telling)\s+(?:the\s+)?(?:jurors|jury|court|inquest|tribunal|hearing|"
                         r"magistrates|judge)\b")
# the sentence after a quote that says whose words they were: `“…” Those were the words of Lena Varga, …`
_WORDS_OF_CUE_TEXT = (r"(?:Those|These|Such) (?:were|are) the (?:words|thoughts|views|remarks|comments) of|"
                      r"That (?:was|is) the (?:verdict|view|message|warning|promise|assessment) (?:of|from)|"
                      r"(?:That|The|This) (?:quote|remark|line|comment|warning) (?:came )?from")
_WORDS_OF = re.compile(r"\s*(?P<cue>%s) (?=\p{Lu}|\p{Ll}+ (?:\p{Ll}+ )?\p{Lu})" % _WORDS_OF_CUE_TEXT)
# (its cue alone, read first by the standard `re` where the spaces before it end: many sentences open with "The")
_WORDS_OF_CUE = stdre.compile(_WORDS_OF_CUE_TEXT)
# `“…,” the harbour master riffed …`, `“…?” Kay pressed.`
_GENERIC_TAG = re.compile(r"\s*,?\s*(?P<subject>(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{L}\-’']+\s+){0,4}?"
                          r"[\p{L}\-’']+|" + _NAME + r"|[Hh]e|[Ss]he))\s+(?:\p{Ll}+ly\s+)?"
                          r"(?P<verb>\p{Ll}{3,}(?:ed|s))\b")
# ... with a plural subject, whose verb is the bare form: `“…,” the fishermen claim`, `“…,” the Danes state`
_PLURAL_TAG = re.compile(r"\s*,?\s*(?P<subject>(?:[Tt]he|[Tt]heir)\s+(?:[\p{L}\-’']+\s+){0,3}?(?:\p{L}+(?<![suiy’']s)s|"
                         r"\p{Ll}*men|people))\s+(?P<verb>\p{Ll}{3,})\b")
_GENERIC_INVERTED_TAG = re.compile(r"\s*,?\s*(?P<verb>\p{Ll}{3,}ed)\s+(?=\p{Lu})")
_NOT_TAG_VERBS = frozenset("was has is does goes seems remains appears looks sounds means needs wants gets "
                           "makes takes comes gives leaves keeps thinks knows believes feels wanted needed "
                           "seemed used".split())
_TRAILING_VERB = stdre.compile(r"(?<=\w) [a-z]+(?:s|ed)$")
_RELATIVE_END = re.compile(r"\b(?:who|which)(?:\s+\p{Ll}+ly)?\s+$")
_DEFINITE = stdre.compile(r"(?i)the\b")
_OUTLET_NOUNS = frozenset("magazine newspaper paper journal website blog channel network radio".split())
# what an unnamed speaker belongs to, named after its head noun: "(a spokesman) for Acme Ltd.", "(an adviser) to
# Ola Berg", "(a source) close to the campaign"
_COMPLEMENT = re.compile(r"\s+(?:of\s+(?!(?:the|a|an|his|her|their|its|my|our|your|this|that|these|those|them|him|"
                         r"me|us|mine|ours|theirs)\b)\p{Ll}{3,}"  # "secretary of state", "chief of staff"
                         r"|(?:for|to|of|at|from|with)\s+(?:(?:the|both)\s+)?(?:\p{Ll}+\s+)?" + _NAME +
                         r"|close\s+to\s+(?:(?:the|both|his|her|their)\s+)?(?:\p{Ll}[\p{Ll}\-]+(?:\s+\p{Ll}[\p{Ll}\-]+)?|" + _NAME + r"))"
                         r"(?=\s*(?:[,.;:!?)\u2014\u2013]|$))")
# (one introduced with "a" may carry a name of its own: "A Democratic committee aide")
_WORDS_OF_LEADS = ("Th", "Su")  # how `_WORDS_OF` may start, tested before it
_PERSON_WORDS = frozenset("man woman person".split())
# a body that puts out a statement: `the DNC issued a statement`, `Acme Corp. released a letter`
_BODY_STATEMENT = re.compile(r"(?:^|,\s+|\b[Tt]he\s+)(?!The\s)(?P<body>\p{Lu}[\p{L}&.\-]*(?:\s+\p{Lu}[\p{L}&.\-]*){0,5})\s+"
                             r"(?:issued|released|put\s+out|posted|published|sent\s+out)\s+(?:a|an)\s+"
                             r"(?:\p{Ll}+\s+)?(?:statement|letter|memo)\b")
# a sentence reporting what its person holds: `Berg has long argued that …`
_ARGUED_THAT = re.compile(r"\s+(?:has\s+|had\s+|have\s+)?(?:long\s+|also\s+|repeatedly\s+)?(?:argued|argues|"
                          r"contended|contends|maintained|maintains|insisted|insists|claimed|claims)\s+that\b")
# what a paragraph before a quote says its person did: spoke about, talked of, was asked about the matter
_SPOKE_ABOUT = re.compile(r"\s+(?:also\s+|then\s+|later\s+|further\s+)?"
                          r"(?:(?:spoke|talked)\s+(?:at\s+length\s+)?(?:about|of|on)|"
                          r"(?:was|were)\s+(?:also\s+)?asked\s+(?:about|whether|if|what|how|why))\b")
# `…, said the agency's director, Tom Kay, on Monday.`: a tag, verb first, closing a sentence
_INVERTED_CLOSING_TAG = re.compile(r",\s+(?P<cue>said|says|added|adds)\s+(?=\p{L})")
_PLACE_ACRONYMS = frozenset("US UK USA UAE DC NYC LA".split())
_BODY_KINDS = frozenset("campaign committee agency department ministry council commission party union company "
                        "firm group administration government".split())


def _is_body_name(name: str) -> bool:
    """A name that is a body's and no place's: "Democratic National Committee", "CREW", "FBI"."""
    return _BODY_NAME.search(name) is not None or \
        2 <= len(name) <= 6 and name.isupper() and name.isalpha() and name not in _PLACE_ACRONYMS


def _is_named_body(speaker: str) -> bool:
    """A body described with the name it belongs to: "Sanders campaign", "Acme board"."""
    words = speaker.split()
    return len(words) > 1 and words[-1] in _BODY_KINDS and words[0][:1].isupper()


# what may stand between a described subject's head noun and the name set off after it
_APPOSITIVE_AFTER = stdre.compile(r"(?:\s(?:of|for|at|in|on|who|that)\s[^,.;:\u201c\u201d\"\n]{1,60})?, ")
_ROLE_SUBJECT = stdre.compile(r"(?:The (?:[a-z\-]+ ){0,2}|(?:A|An|One|Another) (?:[A-Za-z\-]+ ){0,2})[a-z\-]+")
# `…, Varga said.` ending a sentence: what it reports is Varga's
_CLOSING_TAG = re.compile(r",\s+(?P<name>\p{Lu}[\p{L}’'\-]+(?:\s\p{Lu}[\p{L}’'\-]+)*)\s+(?:also\s+)?"
                          r"(?:said|says|added|argued|noted|explained|told\s+\S+(?:\s\S+)?)"
                          r"(?:\s+(?:on\s+)?\p{Lu}\p{Ll}+day)?\.\s*$")
_AFTER_PREPOSITION = stdre.compile(r"\b(?:of|for|to|with|at|by|from|about|against|like|than|into|over|on|in)\s+"
                                r"(?:the\s+)?$")
_INDEFINITE = stdre.compile(r"(?:A|An|One|Another)\s")
# people an article often quotes unnamed, by what they are
_PEOPLE = frozenset("resident neighbor neighbour voter parent passenger shopper worker employee fan student patient "
                    "customer farmer driver witness survivor victim tenant homeowner supporter protester "
                    "demonstrator volunteer nurse participant attendee visitor traveler traveller commuter "
                    "police authorities investigators organisers organizers rescuers relatives".split())
_RESTRICTIVE = stdre.compile(r"\s+(?:who|that)\b")
_UNNAMED_BEFORE = ("", None)  # (what `_role_in_context` says of an unnamed subject)
_PARTICLE_WORDS = frozenset(PARTICLES)
_BODY_SUBJECT = stdre.compile(r"(?:The|Its|Their)\s+(?P<noun>[a-z]+)\b")
# the words that make a name a company's or an organisation's, for "it said"
_BODY_NAME = stdre.compile(r"\b(?:Inc|Ltd|Co|Corp|LLC|plc|Group|Company|Corporation|Association|Union|Council|"
                           r"Ministry|Department|Agency|Institute|Foundation|Federation|Party|Committee|Commission|"
                           r"Bank|University|College|Brewing|Airlines|Holdings)\b")
# a group of people opening a sentence, whom "one" or "another" may be one of
_GROUP_SUBJECT = stdre.compile(r"\s*(?:Several|Some|Many|Most|Other|Two|Three|Four|A few|A group of|Dozens of|"
                               r"Hundreds of|Thousands of)\s+(?:[a-z\-]+\s+){0,2}?(?P<noun>[a-z]+s)\b")
_DEFINITE_LEAD = stdre.compile(r"^[Tt]he\s+")
_CREDIT = stdre.compile(r"\b(?:via|/)\s*(?:Getty|AP\b|Reuters|AFP|EPA|Shutterstock|Alamy)|^(?:Photo|Image|Picture)s?"
                        r"(?:\s+(?:by|credit))?\s*:?\s", stdre.MULTILINE)
_BODY_ROLE_TEXT = (r"(?i:an?|the)\s+(?P<body>\p{Lu}[\p{L}’'\-]*(?:\s+(?:(?:for|of|and|&)\s+)?\p{Lu}[\p{L}’'\-]*)*"
                   r"\s+(?:for|of)\s+(?:the\s+)?\p{Lu}[\p{L}’'\-]*(?:\s+\p{Lu}[\p{L}’'\-]*)*)\s+(?P<noun>\p{Ll}+)")
_BODY_ROLE = re.compile(_BODY_ROLE_TEXT + r"\s*$")
_BODY_ROLE_AHEAD = re.compile(_BODY_ROLE_TEXT + r"(?=[\s,.;:]|$)")
_KIN_BEFORE = re.compile(r"\b(?i:his|her|their|the)\s+(?P<noun>\p{Ll}+),\s+$")
_PRONOUN_WORD = re.compile(r"(?i)\b(?:he|she)\b")


@lru_cache(maxsize=1024)
def _introduced(text: str, at: int, noun: str) -> bool:
    """The subject at `at`, whose head is `noun`, brings someone new in ("Another resident …", "A neighbour, who
    …"), rather than describing someone ("A president who authorized the raid …" may be the one the article
    names)."""
    if _INDEFINITE.match(text, at) is None:
        return False
    head = _word_pattern(noun).search(text, at, at + 80)
    return head is not None and _RESTRICTIVE.match(text, head.end()) is None


def _people_of(phrase: str, noun: str) -> bool:
    """`phrase` opens with people by what they are, of a place or a body: "Residents of Harrow Isle"."""
    return noun[-1:] == "s" and noun[:-1] in _PEOPLE and phrase[:len(noun) + 4].casefold() == noun + " of "


def _people_noun(phrase: str) -> str | None:
    """The noun of people of a place or a body that opens `phrase` ("Residents of Harrow Isle"), else None."""
    if " of " not in phrase:
        return None
    first = phrase.split(None, 1)[0].casefold()
    return first if _people_of(phrase, first) else None


@lru_cache(maxsize=256)
def _pair_pattern(given: str) -> re.Pattern:
    """`given` and another given name before the surname they share: "Sophie and Lauren Marsh"."""
    return re.compile(r"\b%s\s+and\s+(?P<other>\p{Lu}\p{Ll}+)\s+(?P<surname>\p{Lu}[\p{L}’'\-]+)\b(?![ \xa0]\p{Lu})"
                      % re.escape(given))


@lru_cache(maxsize=1024)
def _word_pattern(word: str) -> stdre.Pattern:
    """`word` as a whole word, any case, compiled once (the `re` module's own cache holds few patterns and
    evicts them as others are compiled)."""
    return stdre.compile(r"(?i)\b%s\b" % stdre.escape(word))


class _Attributor:
    """Attributes candidates in reading order, remembering the latest speaker and the subject of each
    sentence for he/she and for quotations without an attribution of their own."""

    def __init__(self, document: _Document) -> None:
        self.document = document
        self.cast = document.cast
        self.text = document.text
        self.last_speaker: tuple[str, int, int] | None = None  # (name, paragraph, end of the quotation)
        self.last_unnamed: str | None = None  # the head noun of the latest unnamed speaker: "one" is one of them
        self.sentence_speakers: dict[int, tuple[str, int]] = {}  # sentence -> (speaker, its mention's start)
        self._subjects: dict[int, tuple[str, str | None, int] | None] = {}
        self._label_names: dict[str, str] = {}  # a transcript's labels: surname -> the fullest name given

    def attribute(self, candidates: list[_Candidate]) -> None:
        previous_quotation: _Candidate | None = None
        previous: _Candidate | None = None
        names: set[str] = set()
        for chain in _chains(candidates):
            attribution, after = self._chain_attribution(chain, previous)
            for candidate in chain:
                candidate.attribution, candidate.attributed_after = attribution, after
                candidate.is_quotation = _is_quotation(candidate, previous_quotation, names) and \
                    (previous is None or previous.is_quotation or not _listed_with(self.text, candidate, previous))
                if not candidate.is_quotation:
                    continue
                own = candidate.attribution
                if own is None or not own.cued and not self._is_person(own.speaker):
                    candidate.attribution = self._introduced(candidate, previous_quotation) or own
                    if candidate.attribution is own and previous_quotation is not None and \
                            _continues(candidate, previous_quotation):
                        candidate.attribution = self._other_subject(candidate, previous_quotation) or \
                            self._continuation(candidate, previous_quotation)
                    elif candidate.attribution is None:
                        candidate.attribution = self._argued_before(candidate, previous_quotation) or \
                            self._block_introduced(candidate, previous_quotation)
                self._note_speaker(candidate)
                previous_quotation = candidate
            previous = chain[-1]
        _share_tags(self.text, [c for c in candidates if c.is_quotation])

    def _introduced(self, candidate: _Candidate, previous: _Candidate | None) -> _Attribution | None:
        """A quote that opens its sentence without a cue, after a sentence about a person that is not the
        previous quotation's (`Varga distanced herself from the plan. “I am going to vote for it.”`): that
        person, the subject of the previous sentence."""
        if candidate.before.strip(" \u2014\u2013-"):
            return None
        sentence = candidate.sentence - 1
        if sentence < 0 or previous is not None and previous.sentence >= sentence or \
                self.document.sentence_bounds(sentence)[0] < self.document.paragraph_floor(candidate.span.start):
            return None
        subject = self._subject(sentence, 0)
        if subject is None:
            return self._body_statement(sentence) or self._spoke_about(candidate, sentence, previous)
        if not subject[0][:1].isupper() or not self._is_person(subject[0]):
            return self._spoke_about(candidate, sentence, previous)
        name, _, at = subject
        mention = self.cast.mention_at(at)
        return _Attribution(name, self.cast.role_of(name, at), False, cued=False,
                            mention=(mention.position, mention.end) if mention else None,
                            resolution="name", basis="previous_sentence_subject", near=True)

    def _argued_before(self, candidate: _Candidate, previous: _Candidate | None) -> _Attribution | None:
        """A quote with no speaker in its own sentence, right after a sentence of the same paragraph whose person
        argued that something (`Berg has argued that the pier came too late. As a result, the port is “…”`):
        that person, a guess."""
        sentence = candidate.sentence - 1
        paragraph_start = self.document.paragraph_starts[
            bisect.bisect_right(self.document.paragraph_starts, candidate.span.start) - 1]
        if sentence < 0 or previous is not None and previous.sentence >= sentence or \
                self.document.sentence_bounds(sentence)[0] < paragraph_start:
            return None
        subject = self._subject(sentence, 0)
        if subject is None:
            return None
        name = subject[0]
        mention = self.cast.mention_at(subject[2])
        if mention is None or not name[:1].isupper() or not self._is_person(name) or \
                _ARGUED_THAT.match(self.document.masked, mention.end) is None:
            return None
        return _Attribution(name, self.cast.role_of(name, mention.position), False, cued=False,
                            mention=(mention.position, mention.end), resolution="name",
                            basis="previous_sentence_subject", near=False)

    def _block_introduced(self, candidate: _Candidate, previous: _Candidate | None) -> _Attribution | None:
        """A quote inside a paragraph of someone's words set off after a colon (`Berg wrote:` then `I think the
        pier is late. What we should ask is “who pays?”`): the writer the colon introduces, a guess."""
        document = self.document
        start = document.paragraph_starts[bisect.bisect_right(document.paragraph_starts, candidate.span.start) - 1]
        if start < 2 or previous is not None and previous.span.paragraph >= candidate.span.paragraph - 1 or \
                find_cues(document.masked[start:document.sentence_bounds(candidate.sentence)[0]]):
            return None
        first = next((span for span in document.spans if span.start >= start), None)
        if first is None or first.start - first.open_len <= start:
            return None  # (a paragraph opening with a quote is read by the tag rules)
        intro = document.introduction(_tuple_new(QuotedSpan, (start + 1, start + 1, first.paragraph, True, 1, 1)))
        if intro is None:
            return None
        attribution = self._cue_before(candidate, *intro)
        if attribution is None or not attribution.speaker or not self._is_person(attribution.speaker):
            return None
        return attribution._replace(cued=False, adjacent=False, near=False, basis="block_introduction")

    def _spoke_about(self, candidate: _Candidate, sentence: int, previous: _Candidate | None) -> _Attribution | None:
        """A paragraph that is wholly a quote, after a paragraph about a person who spoke about something (`Pell
        also spoke about the budget. (It was cut twice.)` then `“Money is tight.”`): that person, a guess."""
        if candidate.after.strip() or not candidate.span.closed:
            return None
        floor = self.document.paragraph_floor(candidate.span.start)
        masked = self.document.masked
        while sentence >= 0 and self.document.sentence_bounds(sentence)[0] >= floor and \
                (previous is None or previous.sentence < sentence):
            subject = self._subject(sentence, 0)
            mention = self.cast.mention_at(subject[2]) if subject is not None else None
            if subject is not None and mention is not None and subject[0][:1].isupper() and \
                    self._is_person(subject[0]) and _SPOKE_ABOUT.match(masked, mention.end) is not None:
                return _Attribution(subject[0], self.cast.role_of(subject[0], mention.position), False, cued=False,
                                    mention=(mention.position, mention.end), resolution="name",
                                    basis="spoke_about", near=False)
            sentence -= 1
        return None

    def _body_statement(self, sentence: int) -> _Attribution | None:
        """`The DNC issued a statement on Monday. “…”`: the body whose statement the sentence before announces."""
        start, end = self.document.sentence_bounds(sentence)
        issued = _BODY_STATEMENT.search(self.document.masked, start, end)
        if issued is None or not _is_body_name(issued.group("body")):
            return None
        at = issued.start("body")
        body = self.cast.resolve(issued.group("body"), at)
        return _Attribution(body, None, False, cued=False, mention=(at, issued.end("body")), resolution="name",
                            basis="previous_sentence_subject", near=True)

    def _other_subject(self, candidate: _Candidate, previous: _Candidate) -> _Attribution | None:
        """A quote inside a sentence of a new paragraph whose subject, named or he/she, is a person other than the
        previous quotation's speaker (`Coates was unconvinced. He has lived here for fifty years — “longer than
        any barrier” —`): that person, not a continuation."""
        if candidate.span.paragraph == previous.span.paragraph or not candidate.before.strip():
            return None
        subject = self._subject(candidate.sentence, 0)
        if subject is None or subject[2] >= candidate.span.start or not subject[0][:1].isupper() or \
                subject[0] == previous.attribution.speaker or not self._is_person(subject[0]):  # type: ignore
            return None
        name, _, at = subject
        return _Attribution(name, self.cast.role_of(name, at), False, cued=False, resolution="name",
                            basis="sentence_subject", near=True)

    def _continuation(self, candidate: _Candidate, previous: _Candidate) -> _Attribution:
        carried = previous.attribution
        assert carried is not None  # a quotation continues only an attributed one
        sentences = candidate.sentence - previous.sentence
        return _tuple_new(_Attribution, (*carried[:6], "continuation", "previous_quotation", sentences <= 1))

    def _is_person(self, speaker: str | None) -> bool:
        return self.cast.is_person(speaker) if speaker else False

    def _chain_attribution(self, chain: list[_Candidate],
                           previous: _Candidate | None) -> tuple[_Attribution | None, bool]:
        """A quotation running over several paragraphs takes the attribution where it closes; the second
        part of a split quote (`“…,” she said, “…”`) takes the first part's; a tag touching the quote wins
        over a cue before it, which wins over a cue later in the sentence."""
        tag = self._after(chain[-1])
        if tag is not None and tag.adjacent:
            if tag.speaker and not chain[0].before:
                return tag, True  # (a quote that opens its line: nothing before it to weigh against the tag)
            if _THAT_END.search(chain[0].before[-12:]) or not tag.speaker or \
                    chain[0].before.rstrip()[-1:] in _DASHES and chain[-1].after.lstrip()[:1] in _DASHES:
                # `X claimed that “…,” one of them said`; `Kay lamented her gaffes – “…?” – and voters said`
                before = self._before(chain[0])
                if before is not None and before.cued and before.speaker:
                    return before, False
            elif tag.resolution == "pronoun" and chain[0].before.strip():
                # `Asked about it, Ola Lind said “…,” she said`: the tag repeats the name the cue before gave
                before = self._before(chain[0])
                if before is not None and before.cued and before.speaker and before.resolution != "pronoun" and \
                        before.speaker != tag.speaker and tag.mention is not None and \
                        self._is_person(before.speaker) and self.cast.gender_of(before.speaker) in \
                        (None, PRONOUNS.get(self.text[tag.mention[0]:tag.mention[1]].casefold())):
                    return before, False
            return tag, True
        first = chain[0]
        if first.joined and previous is not None and previous.attributed_after:
            carried = previous.attribution
            # a cue of its own needs words after the carried one's (not just `“…,” she said, “…”`)
            before = self._before(first) if carried is not None and carried.cue is not None and \
                len(first.before[max(0, carried.cue[1] - first.before_at):].split()) > 1 else None
            if before is not None and before.cued and before.speaker and before.cue is not None and \
                    carried is not None and carried.cue is not None and before.cue[0] > carried.cue[1] and \
                    before.speaker != carried.speaker and _INTRODUCES.search(
                        self.text, before.cue[1], first.span.start - first.span.open_len) and \
                    len(self.text[before.cue[1]:first.span.start].split()) <= 8:
                return before, False  # `“…,” Kay wrote after Berg argued that “…”`: the nearer cue
            return carried, False
        before = self._before(first)
        if ("’" in first.before or "'" in first.before) and (before is None or not before.speaker or
                                                             not before.cued or before.cue is not None):
            possessor = self._possessor(first)
            if possessor is not None and (before is None or not before.speaker or not before.cued or
                                          before.cue is not None and
                                          possessor.mention[0] > before.cue[1] or  # type: ignore
                                          before.mention is not None and
                                          before.mention[0] <= possessor.mention[0]  # type: ignore
                                          < before.mention[1]):
                # nearer than the cue (`he said that Berg’s call to “…”`), or the cue's own subject (`Berg’s
                # answer was: “…”`): what someone's words say, that person says
                if before is not None and before.cue is not None and \
                        possessor.mention[0] < before.cue[0]:  # type: ignore
                    return possessor._replace(cue=before.cue, cued=True, adjacent=before.adjacent), False
                return possessor, False
        if before is not None and (before.cued or tag is None):
            generic = self._generic_tag(chain[-1]) if not before.cued else None
            if generic is not None and generic.speaker:
                return generic, True
            closing = self._closing_tag(chain[-1]) if not before.cued else None
            return (closing, True) if closing is not None else (before, False)
        if tag is not None:
            return tag, True
        generic = self._generic_tag(chain[-1])
        if generic is not None and generic.speaker:
            return generic, True
        closing = self._closing_tag(chain[-1])
        return (closing, True) if closing is not None else (before, False)

    def _possessor(self, candidate: _Candidate) -> _Attribution | None:
        """The person whose words a possessive names around the quote: `Berg’s “…” promise`, `Berg’s call last
        week to “…”`, `Berg’s stock answer then — “…”`."""
        tail = _blank_parentheticals(candidate.before[-100:])
        if "’" not in tail and "'" not in tail:
            return None  # (both patterns read the possessive's apostrophe)
        # (the noun the first pattern reads is looked for first, by the standard `re`: most tails have none)
        found = _POSSESSED_BEFORE.search(tail) if _SPEECH_NOUN.search(tail) else None
        if found is not None and found.group("noun") in _SPEECH_NOUNS:
            name = found.group("name")
        else:
            following = candidate.after.split(None, 1)[:1]
            if not following or following[0].strip(".,;:") not in _SPEECH_NOUNS:
                return None
            found = _POSSESSOR_END.search(tail)
            if found is None:
                return None
            name = found.group("name")
        at = candidate.before_at + len(candidate.before) - len(tail) + found.start("name")
        named = self._named(name, at, False, None)
        return named._replace(cued=False, basis="possessive") if named is not None and named.speaker and \
            self._is_person(named.speaker) else None

    def _closing_tag(self, candidate: _Candidate) -> _Attribution | None:
        """The tag that closes the quote's sentence after a comma, when nothing nearer attributes the quote:
        `… will carry “…” and bring the town money, port spokesman Tom Kay said.`"""
        if not candidate.span.closed or _ends_sentence(candidate.text):
            return None  # a quoted sentence ends its sentence: the tag of the next one is not its own
        _, end = self.document.sentence_bounds(self.document.sentence_of(candidate.after_at))
        masked = self.document.masked
        # where the sentence's text ends, read back no further than the quote (not over the text before it)
        end = candidate.after_at + len(masked[candidate.after_at:end].rstrip())
        if end <= candidate.after_at or masked[end - 1:end] not in ".!?":
            return None
        comma = masked.rfind(",", max(candidate.after_at, end - 160), end)
        if comma < 0:
            return None
        reading = _closing_tag_reading(masked[comma + 1:end])
        if reading is None:
            return self._inverted_closing_tag(candidate, end)
        subject, at, cue = reading
        start = comma + 1
        attribution = self._resolve(subject, start + at, candidate, False, (start + cue[0], start + cue[1]))
        return attribution if attribution is not None and attribution.speaker else None

    def _inverted_closing_tag(self, candidate: _Candidate, end: int) -> _Attribution | None:
        """The inverted tag that closes the quote's sentence: `… did not find “…” in the files, said the agency's
        director, Tom Kay, on Monday.`"""
        masked = self.document.masked
        lo = max(candidate.after_at, end - 160)
        tag = None
        for tag in _INVERTED_CLOSING_TAG.finditer(masked, lo, end):
            pass
        if tag is None:
            return None
        phrase = _phrase_after(masked[tag.end("cue"):end])
        found = _locate(masked, phrase, tag.end("cue"), 0, end) if phrase else None
        if found is None or len(masked[found + len(phrase):end].split()) > 3:
            return None
        attribution = self._resolve(phrase, found, candidate, False, (tag.start("cue"), tag.end("cue")))
        return attribution if attribution is not None and attribution.speaker else None

    def _note_speaker(self, candidate: _Candidate) -> None:
        attribution = candidate.attribution
        if attribution is None or not attribution[0]:
            return
        speaker, _, _, cued, _, _, resolution, basis, _ = attribution
        if cued and resolution != "continuation" and candidate.sentence not in self.sentence_speakers:
            self.sentence_speakers[candidate.sentence] = (speaker, candidate.span.start)  # type: ignore
        if speaker[0].isupper() and self.cast.is_person(speaker):  # type: ignore
            self.last_speaker = (speaker, candidate.span.paragraph, candidate.span.end)  # type: ignore
        if basis == "unnamed":
            self.last_unnamed = _COMPLEMENT_PREPOSITION.split(speaker, 1)[0].split()[-1]

    def _answer(self, label_start: int, start: int, end: int, paragraph: int) -> Quotation:
        """An answer of a question-and-answer interview: by the person the interview is with, the first person
        the article names before its first question."""
        first_question = self.text.find("Q:")
        cast = self.cast
        for i in range(cast.index_before(first_question)):
            mention = cast.mentions[i]
            name = cast.resolve(mention.name, mention.position)
            if cast.is_person(name):
                attribution = _Attribution(name, cast.role_of(name, start), True, cue=(label_start, label_start + 2),
                                           mention=None, resolution="role", basis="transcript", near=False)
                return _evidenced(self.text[start:end], start, end, paragraph, attribution)
        return Quotation(self.text[start:end], start, end, paragraph)

    # --- the tag after a quote -----------------------------------------------------------------------------
    def _after(self, candidate: _Candidate) -> _Attribution | None:
        """`“…,” Musayev said`, `“…,” said Elshan Musayev, an MP`, `“…” ― Lena Varga`."""
        after, at = candidate.after, candidate.after_at
        if not after:
            source = self._source_line(candidate)
            if source is None:
                masked = self.document.masked
                head = masked[at:at + 8]
                lead = head.lstrip()
                # (the cue of `_WORDS_OF` is read where the spaces before it end)
                if lead[:2] in _WORDS_OF_LEADS and _WORDS_OF_CUE.match(masked, at + len(head) - len(lead)) and \
                        _WORDS_OF.match(masked, at) is not None:
                    return self._words_of(candidate)
            return source
        lead = after.lstrip()
        if lead[:2] in _WORDS_OF_LEADS and _WORDS_OF_CUE.match(lead) and _WORDS_OF.match(after) is not None:
            words_of = self._words_of(candidate)
            if words_of is not None:
                return words_of
        if ("heard" in after or " told" in after) and _COURT_HEARD.search(after) is not None:
            return self._court_heard(candidate)
        quoted = candidate.text
        last = quoted[-1:]  # (the last character, read without copying the quote, as most end with no space)
        quote_end = last if last and not last.isspace() else quoted.rstrip()[-1:]
        closes = last == "." if last not in _CLOSING_AFTER_STOP else _ends_sentence(quoted)
        may_introduce, reading = _read_tag(after, quote_end, closes)
        if may_introduce:
            tag_end = candidate.after_at + len(after.rstrip())
            if after.rstrip()[-1:] == self.text[tag_end - 1:tag_end] and _NEXT_QUOTE.match(self.text, tag_end):
                return None  # `“…?” Kay then writes back, “…”`: that tag introduces the next quote
        if reading is None:
            return None
        phrase, found, adjacent, cue = reading
        return self._resolve(phrase, None if found is None else at + found, candidate, adjacent,
                             None if cue is None else (at + cue[0], at + cue[1]))

    def _source_line(self, candidate: _Candidate) -> _Attribution | None:
        """A quoted paragraph whose source is the short line under it, after a dash (`― Lena Varga, at the
        launch.`), as quotations are set out in fact-checks and notebooks."""
        before = candidate.before
        if before and not before.isspace() or not candidate.span.closed:
            return None
        masked = self.document.masked
        dash = _SOURCE_LINE.match(masked, candidate.after_at) if _SOURCE_LINE_LEAD.match(masked, candidate.after_at) \
            else None
        if dash is None:
            return None
        line_end = _LINE_END.search(masked, dash.end())
        line = masked[dash.end():line_end.start() if line_end else len(masked)]
        phrase = _phrase_after(line)
        if len(line) > 120 or not phrase or len(phrase.split()) > 6 or line.rstrip(" .")[-1:] in "\u2015\u2014\u2013-":
            return None  # `– An immigrant himself –`: a heading between dashes
        named = self._named(phrase, _locate(line, phrase, 0, dash.end()), True, (dash.end() - 1, dash.end()))
        return named if named is not None and named.speaker else None

    def _words_of(self, candidate: _Candidate) -> _Attribution | None:
        """A quote standing alone, then `Those were the words of Lena Varga, …`: whose words they were."""
        before = candidate.before
        if before and not before.isspace() or not candidate.span.closed:
            return None
        words_of = _WORDS_OF.match(self.document.masked, candidate.after_at)
        if words_of is None:
            return None
        at = words_of.end()
        line_end = _LINE_END.search(self.document.masked, at)
        phrase = _phrase_after(self.document.masked[at:line_end.start() if line_end else len(self.document.masked)])
        words, named_yet = [], False
        for word in phrase.split():  # up to the verb that may follow: `harbour master Tom Kay appeared`
            if word[:1].islower() and named_yet and not is_role_word(word) and word not in _PARTICLE_WORDS:
                break
            named_yet = named_yet or word[:1].isupper()
            words.append(word)
        if not named_yet:
            return None
        named = self._named(" ".join(words), at, False, (words_of.start("cue"), words_of.end("cue")))
        return named if named is not None and named.speaker else None

    def _court_heard(self, candidate: _Candidate) -> _Attribution | None:
        """`“…” between accounts, a jury at Leeds Crown Court heard.`: the words are of whoever addressed the
        court, the person the next sentences say told it so (`Prosecutor Ann Roe told jurors …`), never the one
        the words are about; nobody when no sentence says who."""
        heard = _COURT_HEARD.search(candidate.after)
        if heard is None:
            return None
        at = candidate.after_at
        cue = (at + heard.start("cue"), at + heard.end("cue"))
        document = self.document
        sentence = document.sentence_of(at + heard.end("cue"))
        last = min(len(document.sentence_starts), sentence + 4)
        for index in range(sentence + 1, last):
            start, end = document.sentence_bounds(index)
            told = _TOLD_COURT.search(document.masked, start, end)
            if told is None:
                continue
            subject = self._subject(index, 0)
            if subject is not None and subject[2] < told.start() and subject[0][:1].isupper() and \
                    self._is_person(subject[0]):
                name, _, position = subject
                mention = self.cast.mention_at(position)
                return _Attribution(name, self.cast.role_of(name, position), False, cue=cue,
                                    mention=(position, mention.end) if mention is not None and mention.end else None,
                                    resolution="role", basis="addressed_court", near=index == sentence + 1)
            break
        return _Attribution(None, None, False, cue=cue)

    def _generic_tag(self, candidate: _Candidate) -> _Attribution | None:
        """The tag shape whatever its verb: `“…,” the nominee riffed`, `“…?” Kay pressed.`, `“…,”
        reacted Varga.`; only after a quote that ends as a tag does (a comma, ? or !) or as a whole sentence."""
        after, at = candidate.after, candidate.after_at
        if not after:
            return None
        ending = candidate.text.rstrip()[-1:]
        if ending not in ",?!\u2014" and not (ending == "." and after[-1:] in ".!?" and len(after.split()) <= 6):
            return None
        tag = _GENERIC_TAG.match(after)
        if tag is not None and tag.group("verb").casefold() not in _NOT_TAG_VERBS:
            subject = tag.group("subject")
            return self._resolve(subject, at + tag.start("subject"), candidate, True, tag.span("verb") and
                                 (at + tag.start("verb"), at + tag.end("verb")))
        tag = _PLURAL_TAG.match(after)
        if tag is not None and tag.group("verb") in BASE_FORMS:  # `“…,” the Danes state in a letter`
            return self._resolve(tag.group("subject"), at + tag.start("subject"), candidate, True,
                                 (at + tag.start("verb"), at + tag.end("verb")))
        tag = _GENERIC_INVERTED_TAG.match(after)
        if tag is not None:
            subject = _phrase_after(after[tag.end("verb"):])
            return self._resolve(subject, _locate(after, subject, tag.end("verb"), at), candidate, True,
                                 (at + tag.start("verb"), at + tag.end("verb")))
        return None

    # --- the cue before a quote ----------------------------------------------------------------------------
    def _before(self, candidate: _Candidate) -> _Attribution | None:
        """`Musayev said: “…”`, `The head of X, Name, struck a similar note: “…”`, `Name called it “…”`; for a
        quote that opens its paragraph, the previous paragraph when it ends with a colon (`Said Koenig:`)."""
        if candidate.before.strip():
            return self._cue_before(candidate, candidate.before, candidate.before_at)
        intro = self.document.introduction(candidate.span)
        return self._cue_before(candidate, *intro) if intro else None

    def _cue_before(self, candidate: _Candidate, before: str, at: int) -> _Attribution | None:
        reading = _before_reading(before)
        made = reading.made
        unnamed = None
        index = 0
        step: Any
        while True:
            if index < len(made):
                step = made[index]
            else:
                step = reading.step(index)
                if step is None:
                    return None
            index += 1
            kind = step[0]
            if kind <= _TRY_ELSE_KEEP:
                _, phrase, found, adjacent, cue = step
                attribution = self._resolve(phrase, None if found is None else at + found, candidate, adjacent,
                                            (at + cue[0], at + cue[1]))
                if attribution is not None and attribution.speaker:
                    return attribution
                if kind == _TRY_ELSE_KEEP:
                    unnamed = unnamed or attribution
            elif kind == _KEPT:
                if unnamed is not None:
                    return unnamed
            elif kind == _LAST:
                _, phrase, found, adjacent, cue = step
                return self._resolve(phrase, None if found is None else at + found, candidate, adjacent,
                                     (at + cue[0], at + cue[1]))
            elif kind == _NOT_BY:
                return _Attribution(None, None, step[1], cue=(at + step[2][0], at + step[2][1]))
            elif kind == _SUBJECT:
                return self._sentence_subject_attribution(candidate, step[1], step[2]) \
                    if before is candidate.before else None
            else:
                return None

    def _sentence_subject_attribution(self, candidate: _Candidate, subject: str, found: int | None
                                      ) -> _Attribution | None:
        """No cue: the person who is the subject of the quote's sentence, if one is (`Berg landed a dig at
        “…”`); never a place or a body only mentioned nearby. (`subject`: `_clause_subject` of the text before the
        quote, `found` where it is in that text.)"""
        if found is not None and not candidate.before[found + len(subject):].strip() and \
                candidate.text[:1].islower():
            return None  # `Kay “misspoke.”`: the quote says what the subject did, in someone else's words
        attribution = self._resolve(subject, None if found is None else candidate.before_at + found, candidate,
                                    False, None)
        if attribution is None or not attribution.speaker or attribution.resolution == "pronoun" or \
                attribution.resolution in ("name", "partial_name") and not self._is_person(attribution.speaker) \
                and not _is_body_name(attribution.speaker):
            return None
        if attribution.resolution == "role" and attribution.basis == "unnamed" and \
                not _is_named_body(attribution.speaker) and \
                not (attribution.speaker[:1].isupper() and head_noun(subject) in _DOCUMENTS and
                     stdre.search(r"\b%s\b" % head_noun(subject), subject)):  # ("The Washington Post": a name)
            return None  # (but "A 2014 OECD report found “…”": the body that wrote it)
        return attribution._replace(cued=False, adjacent=False, basis="sentence_subject")

    # --- from a phrase to a speaker --------------------------------------------------------------------------
    def _resolve(self, phrase: str | None, at: int | None, candidate: _Candidate, adjacent: bool,
                 cue: tuple[int, int] | None) -> _Attribution | None:
        """Resolve a speaker phrase (found at `at`) to the fullest name, a role holder, a pronoun's referent
        or an unnamed speaker's description."""
        if not phrase:
            return None
        words = phrase.split()
        # (a pronoun or a word that names nobody is one word, of the few that `_named` is never asked about)
        if len(words) == 1 and (key := words[0].casefold()) in _ONE_WORD_SUBJECTS:
            mention = (at, at + len(phrase)) if at is not None else None
            if key in PRONOUNS:
                return self._pronoun(key, mention, candidate, adjacent, cue)
            if key in ("one", "another"):  # "Several parents shouted. “Resign!” one yelled": one of the parents
                group = self._group_before(mention[0] if mention else candidate.span.start)
                if group is not None:
                    return _Attribution(group, None, adjacent, cue=cue, mention=mention, resolution="role",
                                        basis="unnamed")
            if key in ("one", "another") and self.last_unnamed:  # "one said", "another added": one of them
                return _Attribution(self.last_unnamed, None, adjacent, cue=cue, mention=mention, resolution="role",
                                    basis="unnamed")
            if key in ("one", "another"):  # nobody before to be one of: the word itself, never nothing
                return _Attribution(key, None, adjacent, cue=cue, mention=mention, resolution="role", basis="unnamed")
            if key == "it" and cue is not None:  # "The company said …. “…,” it said": the body
                body = self._body_in_context(mention[0] if mention else candidate.span.start)
                if body is not None:
                    return _Attribution(body[0], None, adjacent, cue=cue, mention=mention, resolution="pronoun",
                                        basis=body[1], near=True)
            if key in NEVER_SPEAKERS:
                return _Attribution(None, None, adjacent, cue=cue, mention=mention, basis="first_person"
                                    if key in ("i", "we", "me", "us") else None)
        authored = _AUTHORED_BY.match(phrase) if "by" in phrase or "from" in phrase else None  # ("… by NAME")
        if authored is not None and authored.group("noun") in _MEDIA | _DOCUMENTS:
            # "a fundraising email sent out by Ola Berg": what someone wrote speaks for its author
            named = self._named(authored.group("name"), None if at is None else at + authored.start("name"),
                                adjacent, cue)
            if named is not None and named.speaker:
                return named
        named = self._named(phrase, at, adjacent, cue)
        if named is not None:
            return named
        mention = (at, at + len(phrase)) if at is not None else None
        one_of = _ONE_OF.match(phrase)
        if one_of and one_of.end() < len(phrase):  # "one of those advisers": an adviser
            return self._described(phrase[one_of.end():], mention, candidate, adjacent, cue)
        return self._described(phrase, mention, candidate, adjacent, cue)

    def _named(self, phrase: str, at: int | None, adjacent: bool, cue: tuple[int, int] | None) -> _Attribution | None:
        """A name in the phrase: "Musayev", "Foreign Minister Lena Varga", "Elshan Musayev, an MP"."""
        reading = _name_reading(phrase)
        if reading is None:
            return None
        start, position, named, last_token, as_surname = reading
        if named is None and last_token is not None and \
                self.cast.resolve(last_token, (at or 0) + start) != last_token:
            named = as_surname  # "King said" of Rep. Pete King
        if named is None:
            return None
        role, written, title_gender, shift, titled, particle_lead, described, given_alone = named
        position += at or 0
        full = self.cast.resolve(written, position, title_gender)
        if full == written and particle_lead:
            # "Van der Berg said" opening a sentence: the surname "van der Berg" the article gave
            lowered = written[0].lower() + written[1:]
            surname = written.split()[-1]
            resolved = self.cast.resolve(surname, position, title_gender)
            if resolved != surname and resolved.endswith(" " + lowered):
                full = resolved
        if full == written and described:
            return None
        if full == written and given_alone:
            full = self._shared_surname(written)
        name_start = position + shift
        mention = (name_start, name_start + len(written)) if at is not None else None
        complete = full == written or " " in written and full.endswith(written)
        if titled:
            role = self.cast.role_of(full, position) or role
        return _tuple_new(_Attribution, (full, role, adjacent, True, cue, mention,
                                         "name" if complete else "partial_name", "cue" if complete else "fullest_name",
                                         True))

    def _shared_surname(self, given: str) -> str:
        """A given name alone completed with the surname it shares in "Sophie and Lauren Marsh" (or "Lauren and
        Sophie Marsh" for Lauren), else the given name."""
        pair = _pair_pattern(given).search(self.text)
        if pair is None or not gender_of_given_name(pair.group("other")):
            return given
        return f"{given} {pair.group('surname')}"

    def _described(self, phrase: str, mention: tuple[int, int] | None, candidate: _Candidate | None, adjacent: bool,
                   cue: tuple[int, int] | None) -> _Attribution | None:
        """A role or a description: "the MP" (the person given that role), "a spokesman for the ministry"."""
        if " for " in phrase or " of " in phrase:
            body_role = _BODY_ROLE.match(phrase)
            if body_role is not None and is_role_word(body_role.group("noun")):
                # "a Department for Transport spokesperson": the body's name holds a preposition
                return _Attribution(body_role.group("body") + " " + body_role.group("noun"), None, adjacent, cue=cue,
                                    mention=mention, resolution="role", basis="unnamed")
        noun = head_noun(phrase) or _people_noun(phrase)
        determined = _DETERMINER.match(phrase) is not None or _possessive_lead(phrase)
        if noun is None or noun in NEVER_SPEAKERS:
            return None
        words = phrase.split()
        qualifiers = _qualifiers(words, noun)
        if not (determined or is_role_word(noun) or noun in _PEOPLE or _people_of(phrase, noun)):
            if noun not in _OUTLET_NOUNS or not qualifiers or not qualifiers[0][:1].isupper():
                return None
            # "Harbour magazine wrote": a publication named before the kind of it
            return _Attribution(" ".join(qualifiers + (noun,)), None, adjacent, cue=cue, mention=mention,
                                resolution="name", basis="cue")
        position = mention[0] if mention else candidate.span.start  # type: ignore
        if _DEFINITE.match(phrase) and noun in BODY_NOUNS and not qualifiers:
            body = self.cast.body_of(noun, position)
            if body is not None:  # "the company" -> "Acme Ltd.", "the ministry" -> "Ministry of Transport"
                return _Attribution(body, None, adjacent, cue=cue, mention=mention, resolution="role",
                                    basis="named_body", near=self._near(body, position))
        if noun.endswith("-year-old") and _DEFINITE.match(phrase):
            aged = self._person_in_context(position)
            if aged is not None:  # "“…,” the 19-year-old said": the person the sentence before is about
                return _Attribution(aged[0], self.cast.role_of(aged[0], position), adjacent, cue=cue, mention=mention,
                                    resolution="role", basis=aged[1], near=True)
        if _DEFINITE.match(phrase) or not determined:
            distinctive = tuple(q for q in qualifiers if q[:1].isupper() or is_role_word(q))
            holder = self._role_in_context(noun, position) if not distinctive else None
            if holder == _UNNAMED_BEFORE:
                holder = None  # "A committee aide blasted it. “…,” the aide said": that one, unnamed
            elif holder is None:
                holder = self.cast.holder_of(noun, position, distinctive)
            if holder is not None:
                return _Attribution(holder[0], holder[1], adjacent, cue=cue, mention=mention, resolution="role",
                                    basis="role_holder", near=self._near(holder[0], position))
            if _DEFINITE.match(phrase) and _describes_someone_named(phrase, noun, qualifiers):
                described = self._person_in_context(position)
                if described is not None:  # "Ola Berg, 31, scored twice. “…,” the Norwegian said": Ola Berg
                    return _Attribution(described[0], self.cast.role_of(described[0], position), adjacent, cue=cue,
                                        mention=mention, resolution="role", basis=described[1], near=True)
                demonym = _DEMONYM_DESCRIPTION.fullmatch(phrase)
                latest = self.last_speaker
                if demonym is not None and latest is not None and \
                        latest[1] >= candidate.span.paragraph - 1 and self._is_person(latest[0]):  # type: ignore
                    # "The former governor noted … “…,” the Texan said": whom the article quoted last
                    return _Attribution(latest[0], self.cast.role_of(latest[0], position), adjacent, cue=cue,
                                        mention=mention, resolution="role", basis="latest_speaker", near=False)
                if demonym is not None:  # nobody to describe: the one from there, as the article writes it
                    return _Attribution(phrase.split()[-1], None, adjacent, cue=cue, mention=mention,
                                        resolution="role", basis="unnamed")
        author = _author_of(qualifiers, noun)
        if author:  # "the OECD report stated", "as a ministry memo put it": the body that wrote it
            return _Attribution(author, None, adjacent, cue=cue, mention=mention, resolution="role", basis="unnamed")
        # an unnamed speaker is its head noun ("resident", "official"), with the body or place it belongs to
        # when the article names one ("Coca-Cola spokesman", "Danish official"); all of its description is its
        # role ("senior official")
        first = next((i for i, q in enumerate(qualifiers) if q[:1].isupper()), None)
        speaker = " ".join(qualifiers[first:] + (noun,)) if first is not None else noun
        role = " ".join(qualifiers + (noun,)) if qualifiers else None
        belongs = self._complement(phrase, noun, mention)
        if belongs and noun in _DOCUMENTS and belongs.startswith((" from ", " by ")):
            # "a paper from the Harbour Institute": what someone wrote speaks for its author
            author = belongs.split(None, 1)[1]
            author = author[4:] if author.startswith("the ") else author
            at = self.document.masked.find(author, mention[0]) if mention else -1
            named = self._named(author, at if at >= 0 else None, adjacent, cue)
            if named is not None and named.speaker:
                return named
        if belongs:  # "spokesman for Acme Ltd.", "adviser to Ola Berg"
            speaker += belongs
        return _Attribution(speaker, role if role != speaker else None, adjacent, cue=cue, mention=mention,
                            resolution="role", basis="unnamed")

    def _group_before(self, position: int) -> str | None:
        """The people a group that opens the sentence at `position` (before it) or the one before names, singular:
        "Several parents shouted him down" -> "parent"."""
        document = self.document
        sentence = document.sentence_of(position)
        for index in range(sentence, max(-1, sentence - 2), -1):
            start, end = document.sentence_bounds(index)
            group = _GROUP_SUBJECT.match(document.masked, start, min(end, position))
            if group is not None:
                noun = group.group("noun")
                single = noun[:-3] + "y" if noun.endswith("ies") else noun[:-1]
                if single in _PEOPLE or is_role_word(single):
                    return single
        return None

    def _body_in_context(self, position: int) -> tuple[str, str] | None:
        """(name, basis) of the body that opens the sentence at `position` (before it) or the one before: named
        ("Northgate Brewing Co. said …") or by what it is ("The company said …")."""
        document, cast = self.document, self.cast
        sentence = document.sentence_of(position)
        for index in range(sentence, max(-1, sentence - 2), -1):
            start, end = document.sentence_bounds(index)
            while start < end and document.masked[start] in " \xa0\n\u201c\"":
                start += 1
            if start >= position:
                continue
            described = _BODY_SUBJECT.match(document.masked, start, end)
            if described is not None and described.group("noun").casefold() in BODY_NOUNS:
                body = cast.body_of(described.group("noun"), start)
                if body is not None:
                    return body, _basis(index, sentence)
            mention = cast.mention_at(start)
            if mention is not None:
                name = cast.resolve(mention.name, mention.position)
                if " " in name and _BODY_NAME.search(name):
                    return name, _basis(index, sentence)
        return None

    def _person_in_context(self, position: int) -> tuple[str, str] | None:
        """(name, basis) of the named person who is the subject of the sentence at `position` (before it) or of
        the one before."""
        sentence = self.document.sentence_of(position)
        for index in range(sentence, max(-1, sentence - 2), -1):
            subject = self._subject(index, 0)
            if subject is not None and subject[2] < position and subject[0][:1].isupper() and \
                    self._is_person(subject[0]):
                return subject[0], _basis(index, sentence)
        return None

    def _role_in_context(self, noun: str, position: int) -> tuple[str, str | None] | None:
        """Who "the <noun>" at `position` is when the subject of its sentence (before it) or of the one before
        has that role: (name, role) of a named person the article gives the role anywhere, `_UNNAMED_BEFORE` for
        an unnamed one just introduced with that head noun ("A neighbour …"), else None."""
        sentence = self.document.sentence_of(position)
        for index in range(sentence, max(-1, sentence - 2), -1):
            subject = self._subject(index, 0)
            if subject is None or subject[2] >= position:
                continue
            name, _, at = subject
            if not name[:1].isupper():
                if name == noun and _INDEFINITE.match(self.document.masked, at):
                    return _UNNAMED_BEFORE
                continue
            role = self.cast.role_given(name, noun)
            if role is not None:
                return name, role
        return None

    def _complement(self, phrase: str, noun: str, mention: tuple[int, int] | None) -> str | None:
        """What an unnamed speaker belongs to, when a complement after its head noun names it (in the phrase, or
        right after it in the text, where a speaker phrase ends at "to" or "of"): " for Acme Ltd.", " close to
        the mayor"; never a possessive ("the head of the Acme’s board")."""
        head = _word_pattern(noun).search(phrase)
        if head is None:
            return None
        found = _COMPLEMENT.match(phrase, head.end())
        if found is None and mention is not None:
            found = _COMPLEMENT.match(self.document.masked[mention[0] + head.end():mention[1] + 120])
        if found is None:
            return None
        words = found.group().split()
        if found.string[found.end():found.end() + 1] == "." and words[-1] in _ABBREVIATED:
            return None  # "a memo from Gov. Ola Berg’s campaign": no name ends at the title's stop
        if words[-1].endswith(("’s", "'s", "s’", "s'")):
            return None
        if words[-1].endswith(".") and words[-1].rstrip(".") not in _ABBREVIATED and len(words[-1]) > 2:
            words[-1] = words[-1].rstrip(".")  # the full stop of the sentence, not of "Ltd." or an initial
        return " " + " ".join(words)

    def _near(self, name: str, position: int) -> bool:
        """`name` is named in the quote's sentence or the one before."""
        sentence = self.document.sentence_of(position)
        first = self.document.sentence_bounds(max(0, sentence - 1))[0]
        cast = self.cast
        for i in range(cast.index_before(position) - 1, -1, -1):
            mention = cast.mentions[i]
            if mention.position < first:
                return False
            if cast.resolve(mention.name, mention.position) == name:
                return True
        return False

    # --- pronouns --------------------------------------------------------------------------------------------
    def _pronoun(self, pronoun: str, mention: tuple[int, int] | None, candidate: _Candidate, adjacent: bool,
                 cue: tuple[int, int] | None) -> _Attribution:
        position = mention[0] if mention else candidate.span.start
        found = self._referent(PRONOUNS[pronoun], position)
        if found is None:
            return _Attribution(None, None, adjacent, cue=cue, mention=mention, resolution="pronoun")
        name, basis, near = found
        if basis in ("same_sentence", "previous_sentence") and name[:1].isupper():
            self.cast.note_gender(name, PRONOUNS[pronoun])
        role = self.cast.role_of(name, position) if name[:1].isupper() else None
        return _Attribution(name, role, adjacent, cue=cue, mention=mention, resolution="pronoun", basis=basis,
                            near=near)

    def _referent(self, gender: str, position: int, depth: int = 0) -> tuple[str, str, bool] | None:
        """he/she: the subject of the same sentence, else of an earlier one (the previous paragraph at most),
        else the latest named speaker, else the latest person named; of that gender. A known gender that fits
        beats an unknown one."""
        document = self.document
        sentence = document.sentence_of(position)
        paragraph_floor = document.sentence_of(document.paragraph_floor(position))
        unknown = None
        for index in range(sentence, max(paragraph_floor, sentence - _SENTENCES_BACK) - 1, -1):
            subject = self._subject(index, depth)
            if subject is None or index == sentence and subject[2] >= position:
                if index < sentence:  # no subject: someone else the sentence names, if the gender says so
                    other = self._person_of_gender(index, gender, position)
                    if other is not None:
                        return other, _basis(index, sentence), index >= sentence - 1
                continue
            name, its_gender, _ = subject
            basis = _basis(index, sentence)
            if its_gender == gender:
                return name, basis, index >= sentence - 1
            if its_gender is None and index >= sentence - 1 and not name[:1].isupper() and \
                    _introduced(document.masked, subject[2], name):
                return name, basis, True  # "Another resident disagreed. “…,” she said": the one just introduced
            if its_gender is None and index == sentence - 1 and name[:1].isupper() and \
                    self._same_paragraph(subject[2], position) and self.cast.is_person(name) and \
                    self._described_person(name, subject[2], position):
                # `Robin Kay, a taxpayer advocate, disagreed. “…,” she said.`: the person just introduced, whose
                # gender nothing tells, before anyone named further back
                return name, basis, True
            if its_gender is None and unknown is None:
                unknown = (name, basis, index >= sentence - 1)
            if its_gender is not None and index < sentence:  # "Anna Berg and Piotr Nowak met. “…,” he said."
                other = self._person_of_gender(index, gender, position)
                if other is not None:
                    return other, basis, index >= sentence - 1
        if self.last_speaker is not None:
            name = self.last_speaker[0]
            its_gender = self.cast.gender_of(name)
            if its_gender == gender:
                return name, "latest_speaker", False
            if its_gender is None and unknown is None:
                unknown = (name, "latest_speaker", False)
        if unknown is not None:
            return unknown
        person = self._latest_person(position, gender)
        return (person, "latest_person", False) if person else None

    def _described_person(self, name: str, at: int, before: int) -> bool:
        """The name at `at` is said to be a person: a role is given to it, or a description follows it ("Dana
        Kowal, now a conductor,", "Dana Kowal, who …") or a noun comes just before it ("pupil Dana Kowal")."""
        if self.cast.role_of(name, before) is not None:
            return True
        mention = self.cast.mention_at(at)
        masked = self.document.masked
        if mention is not None and _DESCRIPTION_AFTER.match(masked, mention.end):
            return True
        word = masked[max(0, at - 20):at].rsplit(None, 1)[-1:]
        return bool(word) and _is_noun_before_name(word[0])

    def _same_paragraph(self, position: int, other: int) -> bool:
        starts = self.document.paragraph_starts
        return bisect.bisect_right(starts, position) == bisect.bisect_right(starts, other)

    def _person_of_gender(self, index: int, gender: str, before: int) -> str | None:
        """The first person of sentence `index` whose gender the article or the given name says is `gender`."""
        start, end = self.document.sentence_bounds(index)
        cast = self.cast
        for i in range(cast.index_before(start), len(cast.mentions)):
            mention = cast.mentions[i]
            if mention.position >= min(end, before, start + LOOKBACK):
                break
            if mention.possessive or cast.is_quoted(mention.position):
                continue
            name = cast.resolve(mention.name, mention.position, mention.gender)
            if cast.gender_of(name) == gender and cast.is_person(name):
                return name
        return None

    def _latest_person(self, position: int, gender: str) -> str | None:
        cast = self.cast
        stop = cast.index_before(position)
        for i in range(stop - 1, max(-1, stop - 60), -1):
            mention = cast.mentions[i]
            if mention.definite or mention.possessive or cast.is_quoted(mention.position):
                continue
            name = cast.resolve(mention.name, mention.position)
            if cast.is_person(name) and cast.gender_of(name) == gender:
                return name
        return None

    def _subject(self, index: int, depth: int) -> tuple[str, str | None, int] | None:
        """(name, gender, position) of the subject of sentence `index`: the speaker of a quotation attributed
        in it, else the person (or the role) that opens its main clause, else a he/she that does, resolved."""
        if index in self.sentence_speakers:
            name, at = self.sentence_speakers[index]
            return name, self._gender(name), at
        if index in self._subjects:
            return self._subjects[index]
        start, end = self.document.sentence_bounds(index)
        found = self._read_subject(start, min(end, start + LOOKBACK), depth)
        if depth == 0:
            self._subjects[index] = found
        return found

    def _gender(self, name: str) -> str | None:
        return self.cast.gender_of(name) if name[:1].isupper() else gender_of_words(name)

    def _read_subject(self, start: int, end: int, depth: int) -> tuple[str, str | None, int] | None:
        """The person a sentence is about: named in a closing tag (`…, Varga said.`), else the first person
        named in its main clause (after an opening adverbial clause, never after a preposition), else the
        referent of a he/she that opens it; nobody for a picture's credit (`Ola Berg via Getty Images`)."""
        masked, text = self.document.masked, self.text
        if _CREDIT.search(masked, start, min(end, start + 120)):
            return None
        tag = _CLOSING_TAG.search(masked, max(start, end - 80), end)
        if tag is not None and _is_name(tag.group("name")):
            mention = self.cast.mention_at(tag.start("name"))
            name = self.cast.resolve(mention.name if mention else tag.group("name"), tag.start("name"))
            if self.cast.is_person(name):
                return name, self.cast.gender_of(name), tag.start("name")
        clause = start
        if _LEADING_ADVERBIAL.match(masked, start, end):
            comma = text.find(",", start, min(end, start + 150))  # a comma inside a quoted title counts
            if comma < 0:
                return None
            clause = comma + 1
        while clause < end and masked[clause] in " \xa0\u201c\"(":
            clause += 1
        pronoun = _PRONOUN_WORD.match(masked, clause, end)
        if pronoun and depth < 2:
            found = self._referent(PRONOUNS[pronoun.group().casefold()], clause, depth + 1)
            return (found[0], PRONOUNS[pronoun.group().casefold()], clause) if found else None
        cast = self.cast
        for i in range(cast.index_before(clause), len(cast.mentions)):
            mention = cast.mentions[i]
            if mention.position >= min(end, clause + 100):
                break
            if mention.possessive or cast.is_quoted(mention.position) or \
                    _AFTER_PREPOSITION.search(masked, max(clause, mention.position - 12), mention.position):
                continue
            if not _subject_lead(masked[clause:mention.position]):
                break
            name = cast.resolve(mention.name, mention.position, mention.gender)
            if cast.is_person(name):
                return name, cast.gender_of(name), mention.position
            before = masked[max(clause, mention.position - 20):mention.position].rsplit(None, 1)[-1:]
            given_gender = gender_of_given_name(name) if " " not in name else None
            if given_gender and before and _is_noun_before_name(before[0]):
                return name, cast.gender_of(name) or given_gender, mention.position  # "My friend Deborah"
            kin = _KIN_BEFORE.search(masked, max(clause, mention.position - 30), mention.position)
            gender = gender_of_words(kin.group("noun")) if kin is not None else None
            if gender:  # "Her husband, Graham, waited …": a person, whom the kinship word gives a gender
                cast.note_gender(name, gender)
                return name, gender, mention.position
        described = _ROLE_SUBJECT.match(masked, clause, end)  # "A mother of two in Sunnyside, …": unnamed
        # "The judges’ decision was …": the possessor is not the subject
        if described is not None and masked[described.end():described.end() + 1] not in ("’", "'"):
            noun = head_noun(described.group())
            if noun is not None and (is_role_word(noun) or gender_of_words(noun) or noun in _PEOPLE):
                named = self._appositive_name(noun, clause, described.end())
                return named or (noun, gender_of_words(noun), clause)
            if noun in _PERSON_WORDS:  # "The man who runs the port, Ana Ruiz, said"
                return self._appositive_name(noun, clause, described.end())
        else:
            demonym = _DEMONYM_DESCRIPTION.match(masked, clause, end)
            if demonym is not None:  # "The Dutchman who runs the port, Pieter van Houten, said"
                return self._appositive_name(demonym.group().split()[-1], clause, demonym.end())
        return None

    def _appositive_name(self, noun: str, start: int, end: int) -> tuple[str, str | None, int] | None:
        """The person an appositive names after a described subject: "One voter, Ana Ruiz, 35, showed up"."""
        masked, cast = self.document.masked, self.cast
        head = _word_pattern(noun).search(masked, start, end)
        if head is None:
            return None
        # (a complement may come between: "The head of the port’s board, Ana Ruiz, said")
        appositive = _APPOSITIVE_AFTER.match(masked, head.end())
        if appositive is None:
            return None
        mention = cast.mention_at(appositive.end())
        if mention is None or masked[mention.end:mention.end + 1] != ",":
            return None
        name = cast.resolve(mention.name, mention.position, mention.gender)
        if not cast.is_person(name):
            return None
        key = noun.casefold()
        described = "f" if key.endswith("woman") else "m" if key.endswith("man") else gender_of_words(key)
        return name, cast.gender_of(name) or described, mention.position

    # --- a transcript's turns ----------------------------------------------------------------------------------
    def turn(self, label_start: int, label_end: int, start: int, end: int, paragraph: int) -> Quotation:
        if self.text[label_start:label_start + 2] == "A:":
            return self._answer(label_start, start, end, paragraph)
        if self.text[label_start:label_start + 1] in _TURN_QUOTES:  # a turn of a transcript quoted whole
            label_start += 1
            if self.text[end - 1:end] in _TURN_QUOTES:
                end -= 1
        label = self.text[label_start:label_end].rstrip(": \xa0")
        colon = label_start + len(label)
        if label.endswith(")"):  # "HOST (PAULA REYES)": the name in brackets
            name = _label_name(label)
            label_start = label_start + label.index(name)
            label = name
        mention_end = label_start + len(label)
        # a surname alone ("REYES:") is the full name an earlier label gave ("HOST (PAULA REYES):")
        if " " in label:
            self._label_names.setdefault(label.split()[-1].casefold(), label)
        else:
            label = self._label_names.get(label.casefold(), label)
        attribution = self._named(label.title() if label.isupper() else label, label_start, True,
                                  (colon, colon + 1))
        if attribution is None and " " not in label and is_role_word(label):
            # "HOST: …", "MODERATOR: …": the person the article gives that role, else the role itself
            attribution = self._described(label.casefold() if label.isupper() else label,
                                          (label_start, mention_end), None, True, (colon, colon + 1))
        if attribution is None or not attribution.speaker:
            return Quotation(self.text[start:end], start, end, paragraph)
        attribution = attribution._replace(mention=(label_start, mention_end), basis="transcript")
        return _evidenced(self.text[start:end], start, end, paragraph, attribution)


# the reading of the tag after a quote: (speaker phrase, where it starts in the tag, whether the tag touches the
# quote, the cue's span in the tag), or None
_TagReading = tuple[str | None, int | None, bool, tuple[int, int] | None]


@lru_cache(maxsize=_TAGS_CACHED)
def _read_tag(after: str, quote_end: str, closes: bool) -> tuple[bool, _TagReading | None]:
    """What the text `after` a quote (from its closing mark to its sentence's end) says of its speaker, given the
    quote's last character and whether it closes a sentence; and whether the tag may instead introduce the next
    quote (ending with a comma or a colon after a quote that does not), which only the text after it tells."""
    dash = _DASH_SOURCE.match(after) if after.lstrip()[:1] in _DASH_CHARS else None
    if dash:
        phrase = _phrase_after(after[dash.end():])
        return False, (phrase, _locate(after, phrase, dash.end(), 0), True, None)
    may_introduce = after.rstrip()[-1:] in ",:" and quote_end != ","
    # `“…,” saying …` after a quote goes with the subject before it, not after it
    cue = _first_finite_cue(after)
    # (the pattern is tried only after a t or a w: it opens with "that", "which" or "who")
    relative = _RELATIVE_LEAD.match(after) if cue is not None and after.lstrip()[:1] in ("t", "w") else None
    if relative is not None and relative.end() >= cue.start:  # type: ignore
        # `“…” that would respond to …, Ola Berg wrote`: the verb of a relative clause tags nothing
        later = _first_finite_cue(after[cue.end:])  # type: ignore
        cue = later._replace(start=later.start + cue.end, end=later.end + cue.end) if later else None  # type: ignore
    if cue is None:
        return may_introduce, None
    cue_span = (cue.start, cue.end)
    lead = after[:cue.start]
    subject = _blank_parentheticals(lead).strip(" ,\u2014\u2013")
    if subject[:3].casefold() == "as " and cue.words in ("put it", "said", "says", "wrote", "noted"):
        subject = subject[3:]  # `“…,” as a ministry memo put it`
    rest = after[cue.end:]
    inverted = lead.rstrip().endswith(",") and subject[:1].islower() and not _ARTICLE.match(subject) and \
        _starts_with_speaker(rest) and not _starts_complement(rest)
    if "," not in subject and subject.startswith(("who", "which")) and _RELATIVE_PRONOUN.match(subject):
        return may_introduce, None  # `“…,” who went on to work for Kay, said`: its subject came before the quote
    if cue.words.casefold() == "according to" or not subject or inverted:
        if subject and cue.words.casefold() == "according to":
            return may_introduce, None
        phrase = _phrase_after(rest)  # `“…,” said Elshan Musayev` / `“…” in 2008, said Ola Berg`
        return may_introduce, (phrase, _locate(after, phrase, cue.end, 0), True, cue_span)
    long = len(subject.split()) > 12
    if long and _is_name(subject.split(",")[0].strip()):
        subject = subject.split(",")[0]  # `“…,” Name, a long description of who she is, told X`
        long = len(subject.split()) > 12
    affiliation = _AFFILIATION.search(subject) if long else None
    if affiliation is not None:  # `“…,” experts Ola Berg and Tom Kay of the Kemi Institute for Sea Research wrote`
        subject = subject[:affiliation.start()]
        long = len(subject.split()) > 12
    first_part, last_part = subject.split(",", 1)[0], subject.rsplit(",", 1)[-1].strip()
    if "," in subject and first_part[:1].islower() and not _ARTICLE.match(first_part) and \
            len(last_part.split()) <= 8 and (_ends_with_name(last_part) or _DETERMINER.match(last_part)):
        phrase = last_part  # `“…” fostered by the mayor and others, the groups say`
        return may_introduce, (phrase, _locate(after, phrase, 0, 0, cue.start), False, cue_span)
    if long or _may_open_lowercase(subject) and _opens_with_participle(subject) or \
            ("." in subject or "!" in subject or "?" in subject) and _sentence_ends(subject + " X"):
        return may_introduce, None  # not a tag: `“The Salt Bride”, composed by X to a libretto by Y, tells the story`
    set_off = _SET_OFF_ADVERB.match(subject) if "," in subject else None
    if set_off is not None:
        subject = subject[set_off.end():]
    if _opens_new_clause(subject) and not NAME_RUN.match(subject):
        return may_introduce, None  # `“…,” for instance, and Varga vowed to …`: another clause, another speaker
    closes_sentence = closes
    if not closes_sentence and quote_end in "?!" and (subject.split()[0] in ("He", "She", "They", "It", "We", "I") or
                                                     _CAPITAL_DETERMINER.fullmatch(subject.split()[0])):
        # `“…!” She replied to him that …`, `“…?” Her critics cited it as …`: a capitalised pronoun or
        # determiner opens a sentence
        closes_sentence = True
    if closes_sentence and not (_short_tag(subject, rest) and after[-1:] in ".!?"):
        return may_introduce, None  # a new sentence, not an attribution tag
    subject = _strip_filler(subject)
    if rest.startswith(" by ") and _PASSIVE.search(subject):
        phrase = _phrase_after(rest[4:])
        return may_introduce, (phrase, _locate(after, phrase, cue.end, 0), True, cue_span)
    tag = quote_end in ",?!\u2026\u2014" or closes_sentence or _TAG_START.match(after) is not None
    phrase = _tag_subject(subject)
    return may_introduce, (phrase, _locate(after, phrase, 0, 0, cue.start), tag, cue_span)


def _opens_new_clause(subject: str) -> bool:
    """`_NEW_CLAUSE` is found in `subject`: where it opens, or after a comma (the pattern is searched for only in a
    subject with a comma)."""
    first = subject[:1]
    # (where it opens, the pattern reads a comma or a word of its own, whose first letter is read before it; a
    # character other than ASCII may be read as one of those letters)
    return (not first.isascii() or first.lower() in _NEW_CLAUSE_FIRSTS) and _NEW_CLAUSE.match(subject) is not None \
        or "," in subject and _NEW_CLAUSE.search(subject) is not None


_NEW_CLAUSE_FIRSTS = frozenset(",abwtsoyiu")


def _opens_with_participle(subject: str) -> bool:
    """`_PARTICIPLE_START` matches `subject`: tried only when its first word ends as the participle would (the
    pattern's letters and ending are no spaces, and its spaces are spaces to `split`), as most subjects' does not."""
    first = subject.split(None, 1)[:1]
    return bool(first) and first[0].endswith(("ed", "en")) and _PARTICIPLE_START.match(subject) is not None


def _may_open_lowercase(text: str) -> bool:
    """`text` may open with a lowercase letter (`\\p{Ll}`): not with a capital or an ASCII character other than a-z."""
    first = text[:1]
    return not (first.isupper() or first.isascii() and not "a" <= first <= "z")


# what may follow the verb of a closing tag: "said.", "wrote in a court filing.", "told reporters on Monday."
_TAG_REST_WORDS = 8


@lru_cache(maxsize=_WINDOWS_CACHED)
def _closing_tag_reading(segment: str) -> tuple[str, int, tuple[int, int]] | None:
    """(subject, its start, the cue's span) of the last clause of a sentence when it is a tag: ` port spokesman
    Tom Kay said.`, ` the ministry wrote in a statement.`; None for a clause of another kind."""
    if "\u2026" in segment:
        return None
    cue = _first_finite_cue(segment)
    if cue is None or len(segment[cue.end:].split()) > _TAG_REST_WORDS:
        return None
    subject = _strip_filler(segment[:cue.start].rstrip()).strip()
    words = subject.split()
    if not words or len(words) > 8 or any(w in _CLAUSE_WORDS or w in CUE_WORDS for w in words) or \
            not (_ends_with_name(subject) or _ROLE_SUBJECT.fullmatch(subject)):
        return None
    return subject, segment.find(subject), (cue.start, cue.end)


_CAPITAL_DETERMINER = stdre.compile(r"(?:The|A|An|Her|His|Their|Its|Our|My|Your|This|That|These|Those|Many|Some|"
                                  r"Most|Other|Several)")
_LOWER_NOUN_AFTER = stdre.compile(r" [a-z][a-z\-]+$")
# verbs whose object is whom they address, never an inverted subject: `Kay, who lives in Kemi, told the Post that`
_ADDRESSING = frozenset("told tell tells asked ask asks".split())
# a sentence adverb set off by commas after a quote, no conjunction: `“…,” though, Allen did suggest`
_SET_OFF_ADVERB = stdre.compile(r"(?:though|however|too|also|meanwhile|then|in turn|in fact|of course)\s*,\s*")
_INTRODUCES = stdre.compile(r"(?:\bthat|[:,])\s*$")
_RELATIVE_PRONOUN = stdre.compile(r"(?:who|which)\b")
_RELATIVE_LEAD = stdre.compile(r"\s*(?:that|which|who)(?:\s+(?:would|will|could|can|should|may|might|must|did|does|do|"
                               r"has|have|had))?\s+")


def _name_in_phrase(phrase: str) -> tuple[int, tuple[str, ...], int, str | None, tuple[str, ...]] | None:
    """The name a speaker phrase gives (read once for every phrase by `_name_reading`, which keeps it): (start of its last name run, the tokens that
    name the speaker, their offset in the run, the role, the name tokens), or None when it names nobody
    ("the Valley Post reporter", "City officials", "Varga’s campaign")."""
    last = _last_name_match(phrase)
    if last is None:
        return None
    of = _NAMED_OF.search(phrase, 0, last.start()) if " of " in phrase else None
    if of is not None and last.end() == len(phrase.rstrip(" .,")):
        head = of.group("head").split()
        if _key_of(head[-1]) in _ORGANISATION_NOUNS and not _PREPOSITION.search(phrase, 0, of.start()) and \
                not _ARTICLE.match(_DEFINITE_LEAD.sub("", phrase[:of.start()], 1)):
            # "The Royal College of Surgeons", "the Bank of England" (not "a spokesman for the Bank of England")
            tokens = tuple(phrase[of.start():last.end()].split())
            return of.start(), tokens, 0, None, tokens
        if of.start() == 0 and _people_of(phrase, _key_of(head[0])):
            return None  # "Residents of Harrow Isle": people of a place, not the place
        if len(split_role(head)[1]) > 1:  # "Sen. Brad Collier of Ohio", "Dr. Amit Rao of Boston Medical Center"
            return _name_in_phrase(phrase[:of.start() + len(of.group("head"))].rstrip())
    if _DETERMINER.match(phrase) is not None and \
            (last.end() != len(phrase.rstrip(" .,")) or _PREPOSITION.search(phrase, 0, last.start())):
        return None
    if phrase[:1].islower() and _OBJECT_BEFORE.search(phrase, max(0, last.start() - 30), last.start()):
        return None  # "voters in Kemi who saw the debate": the place qualifies who speaks
    run_tokens = last.group().split()
    if _LOWER_NOUN_AFTER.match(phrase, last.end()):
        return None  # "City officials", "White House aides": the name qualifies who speaks
    name_tokens = _possessive_name(run_tokens, phrase[last.end():])
    if name_tokens is None:
        return None  # "Varga’s campaign", "Kay’s spokesman": a description (see _described)
    offset = len(" ".join(run_tokens)) - len(" ".join(name_tokens)) if name_tokens[-1] == run_tokens[-1] else 0
    role, name = split_role(name_tokens)
    return last.start(), tuple(name_tokens), offset, role, tuple(name)


# what _named reads of a name in a phrase: (role, the name as written, the gender its title gives, where the name
# starts after the phrase's position, whether the role is missing or only a title, whether it opens with a particle
# (a surname's, capitalised at a sentence's start), whether it describes people rather than names them unless the
# article gives a fuller name, whether it is a given name alone)
_NameReading = tuple[str | None, str, str | None, int, bool, bool, bool, bool]


@lru_cache(maxsize=4096)
def _name_reading(phrase: str) -> tuple[int, int, _NameReading | None, str | None, _NameReading | None] | None:
    """All of `_named`'s work that depends on the phrase alone, done once for every phrase: (start of the last name
    run, where the name's tokens start in the phrase, the reading of the name, the last token when no name was read
    (it may be a surname the article gives, "King said"), the reading of that token as the name)."""
    parsed = _name_in_phrase(phrase)
    if parsed is None:
        return None
    start, tokens, offset, role, name = parsed

    def read(role: str | None, name: tuple[str, ...]) -> _NameReading:
        written = " ".join(name).removesuffix("’s").removesuffix("'s")
        title_gender = gender_of_words(" ".join(tokens[:len(tokens) - len(name)]))
        shift = len(" ".join(tokens)) - len(" ".join(name))
        particle_lead = written[:1].isupper() and written.split(None, 1)[0].casefold() in _PARTICLE_WORDS
        # "Leaders of the party said", "Officials said": people described, not named; "the Belgian said", "the
        # Corkman said": where someone is from
        described = bool(written[-1:] == "s" and " " not in written and is_role_word(written) or
                         start and phrase[:4] in ("the ", "The ") and _DEMONYM_DESCRIPTION.fullmatch(phrase))
        given_alone = " " not in written and bool(gender_of_given_name(written))
        return (role, written, title_gender, shift, role is None or is_title_role(role), particle_lead, described,
                given_alone)

    named = read(role, name) if name else None
    last_token = tokens[-1] if not name and tokens else None
    as_surname = read(" ".join(tokens[:-1]) or None, tokens[-1:]) if last_token is not None else None
    return start, start + offset, named, last_token, as_surname


def _basis(index: int, sentence: int) -> str:
    return "same_sentence" if index == sentence else "previous_sentence" if index == sentence - 1 else \
        "earlier_sentence"


# `NAME: text`: a turn of a transcript ("TRUMP:", "SEN. SANDERS:", "Jake Tapper:")
# (a transcript quoted whole opens each turn with a quote mark: `"WALLACE: But, Governor, …`)
_TURN = re.compile(r"[\"\u201c]?(?:(?:\p{Lu}{2,}\.?[ \xa0])?[\p{Lu}][\p{Lu}’'\-]+(?:[ \xa0][\p{Lu}][\p{Lu}’'\-]+){0,2}"
                   r"(?:[ \xa0]\((?:\p{Lu}[\p{Lu}’'\-.]*,?[ \xa0]?){1,4}\))?:"
                   r"[ \xa0]+(?=\S)|(?:\p{Lu}\p{Ll}+\.?[ \xa0])?\p{Lu}\p{Ll}+[ \xa0]\p{Lu}[\p{Ll}’'\-]+:[ \xa0]+(?=\S))")
_LONGEST_LABEL = 100
_TURN_QUOTES = "\"\u201c\u201d"
_LABEL_SPACES = 3
_LABEL_COLON_ENDS = (" ", "\xa0")  # what follows a label's colon, as `_TURN` reads it


def _answers(text: str, starts: list[int]) -> list[tuple[int, int, int, int, int]]:
    """The answers of an interview set out as questions and answers (paragraphs opening `Q:` and `A:`), as
    `_turns` gives turns; none unless both are there."""
    answers, asked = [], False
    for index, start in enumerate(starts):
        label = text[start:start + 2]
        if label == "Q:":
            asked = True
        elif label == "A:":
            end = (starts[index + 1] - 2) if index + 1 < len(starts) else len(text)
            first = start + 2 + len(text[start + 2:end]) - len(text[start + 2:end].lstrip())
            end = start + len(text[start:end].rstrip())
            if end > first:
                answers.append((start, first, first, end, index))
    return answers if asked else []


def _turns(text: str, starts: list[int]):
    """(label start, label end, start, end, paragraph) of each paragraph of a transcript, `NAME: text`, where
    someone takes a turn twice (a label alone is a heading: "UPDATE: ...", "Anna Berg: Harbour fees")."""
    found = []
    # only a paragraph whose first colon is near its start may be a turn: read from each such colon, not paragraph
    # by paragraph (`starts`: where the paragraphs of `text.split("\n\n")` start)
    colon = text.find(":")
    while colon >= 0:
        index = bisect.bisect_right(starts, colon) - 1
        offset = starts[index]
        paragraph_end = starts[index + 1] - 2 if index + 1 < len(starts) else len(text)
        # a label is at most four words: more spaces before the first colon and there is none
        # (and a label's colon, its first, has a space after it in the paragraph)
        turn = _TURN.match(text, offset, paragraph_end) if colon < offset + _LONGEST_LABEL and \
            text.startswith(_LABEL_COLON_ENDS, colon + 1, paragraph_end) and \
            text.count(" ", offset, colon) + text.count("\xa0", offset, colon) <= _LABEL_SPACES and \
            _may_be_label(text[offset:colon]) else None
        if turn and _is_speaker_label(turn.group()):
            end = offset + len(text[offset:paragraph_end].rstrip())
            found.append((offset, turn.end(), turn.end(), end, index, turn.group()))
        colon = text.find(":", paragraph_end)  # the next paragraph's first colon
    labels = [_label_name(f[5]).split()[-1].casefold() for f in found]  # "JAKE TAPPER", then "TAPPER"
    if len(set(labels)) == len(labels):
        return  # no one speaks twice: headings ("Anna Berg: Harbour fees ..."), not a dialogue
    for label_start, label_end, start, end, index, _ in found:
        if end > start:
            yield label_start, label_end, start, end, index


def _may_be_label(label: str) -> bool:
    """`label` (a paragraph's opening up to its first colon) may be what `_TURN` reads as a label: each word after
    the first opens with a capital or a bracket, the words one space apart. Tested before the pattern, as most colons
    near a paragraph's start end a sentence's words (`“Let me be clear: …`); a letter other than ASCII is left to
    the pattern."""
    for word in label.replace("\xa0", " ").split(" ")[1:]:
        first = word[:1]
        if not first or first.isascii() and not ("A" <= first <= "Z" or first in "()"):
            return False
    return True


def _label_name(label: str) -> str:
    """The name a turn's label gives: "JAKE TAPPER" of "JAKE TAPPER:", "JIM" of "CALLER (JIM, EASTSIDE):" (a role
    and, in brackets, the name and where the speaker is from)."""
    label = label.split(":")[0]
    if label.endswith(")") and "(" in label:
        return label[label.index("(") + 1:-1].split(",")[0].strip()
    return label


# labels that open a paragraph but are no speakers: "UPDATE:", "Editor's note:", "Photo:"
_NOT_TURNS = frozenset("""
update updated editor editors note correction clarification photo photos video watch look read related
source sources email byline exclusive breaking boom busted warning advertisement listen credit credits
caption image images graphic map chart transcript disclaimer subscribe share follow q a question answer
tags filed posted published summary background context analysis opinion comment comments note notes
""".split())


def _is_speaker_label(label: str) -> bool:
    words = label.split(":")[0].replace("\xa0", " ").lstrip(_TURN_QUOTES).split()
    return not any(w.casefold().strip(".’'") in _NOT_TURNS for w in words)


# what a person writes or says, so that "Berg’s Facebook post" is by Berg
_MEDIA = frozenset("""
post posts tweet tweets statement statements letter letters email emails e-mail message messages website site
account page blog column op-ed book memoir speech speeches remarks memo ad advertisement video interview
testimony filing announcement release text texts twitter facebook instagram feed note notes words phrase
slogan line comments comment response answer reply quote claim argument question advice warning promise
pledge vow
""".split())


def _possessive_name(tokens: list[str], following: str) -> list[str] | None:
    """The tokens of a name run that name the speaker, given a possessive in it: the author of what they
    wrote or said ("Berg’s Facebook post", "Kay’s tweet" -> the possessor), the name after the possessive
    ("the Post’s Ola Berg"), or None when the run only qualifies a description ("Varga’s campaign",
    "Kay’s spokesman"). Without a possessive, all the tokens."""
    for i, token in enumerate(tokens):
        if token.endswith(("’s", "'s", "s’", "s'")) and len(token) > 2:
            rest = tokens[i + 1:]
            words = [w.casefold().strip(".,;:") for w in rest + following.split()[:2]]
            if any(w in _MEDIA for w in words) and all(w.casefold() in _MEDIA for w in rest):
                return tokens[:i + 1]
            return rest or None
    return tokens


# what someone said, named by a possessive before a quote: "Berg’s call last week to “…”"
_SPEECH_NOUNS = frozenset("promise pledge vow slogan line warning words answer response reply claim demand message "
                          "call catchphrase mantra refrain motto dictum remark remarks comment comments statement "
                          "tweet quip retort".split())
_POSSESSED_BEFORE = re.compile(r"(?P<name>" + _NAME + r")[’']s?\s+(?:\p{Ll}+\s+)?(?P<noun>" +
                               "|".join(sorted(_SPEECH_NOUNS)) + r")\b"
                               r"(?:\s+[\p{Ll}\p{N}]+){0,5}?(?:\s+(?:to|that|was|is)\s*[:,]?|\s*[:,\u2014\u2013])\s*$")
_SPEECH_NOUN = stdre.compile("|".join(sorted(_SPEECH_NOUNS)))
_POSSESSOR_END = re.compile(r"(?P<name>" + _NAME + r")[’']s?\s*$")
_AUTHORED_BY = re.compile(r"(?:[\p{L}\p{N}\-’'.]+\s+){0,4}?(?P<noun>\p{Ll}+)\s+(?:(?:\p{Ll}+ed|sent|written|put)\s+"
                          r"(?:out\s+)?)?(?:by|from)\s+(?:(?!(?:the|a|an)\s)\p{Ll}[\p{Ll}\-]*\s+){0,3}?(?P<name>" + _NAME + r")")
_DOCUMENTS = frozenset("""report memo memorandum statement letter study paper poll survey ad advertisement editorial
filing complaint release analysis document order ruling brief website post tweet""".split())
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
                    "august september october november december".split())


# "the Belgian", "the Corkman", "the Texan": a person by where they are from (not "the Guardian")
_DEMONYM_DESCRIPTION = re.compile(r"[Tt]he\s+(?!Guardian\b|Observer\b|Examiner\b|Inquirer\b|Independent\b)"
                                  r"\p{Lu}\p{Ll}+(?:an|ese|ish|i|ch|man|woman)")
_THING_NOUNS = frozenset("crowd sign banner poster caption headline group team club side party family".split())


def _describes_someone_named(phrase: str, noun: str, qualifiers: tuple[str, ...]) -> bool:
    """"the <noun>" tells something about a person the article has just named rather than bringing someone new
    in: where they are from ("the Belgian", "the Corkman") or a calling the article gives nobody as a role ("the
    zoologist"). A role nobody holds ("the judge", "the spokesman") and people by what they are ("the resident")
    are someone else."""
    if noun in BODY_NOUNS or noun in _MEDIA or noun in _DOCUMENTS or noun in _OUTLET_NOUNS or noun in _PEOPLE or \
            noun in _THING_NOUNS or noun in NEVER_SPEAKERS or noun.endswith("s"):
        return False
    if _DEMONYM_DESCRIPTION.fullmatch(phrase):
        return True
    return not is_role_word(noun) and noun.endswith("ist") and not qualifiers


def _author_of(qualifiers: tuple[str, ...], noun: str) -> str | None:
    """The body named before a document: ("OECD",) "report" -> "OECD"; none for "a Feb. 1 letter"."""
    if noun.casefold() not in _DOCUMENTS:
        return None
    names = [q for q in qualifiers if q[:1].isupper()]
    if not names or len(names) != len(qualifiers) or any(_key_of(q) in _MONTHS for q in names):
        return None
    return " ".join(names)


def _key_of(word: str) -> str:
    return word.casefold().rstrip(".")


_LEAD_WORDS = frozenset("the a an his her their its our my former then- ex- late longtime veteran top of".split())


# a description set off after a name: ", a teacher", ", now a conductor", ", who ..."
_DESCRIPTION_AFTER = stdre.compile(r",\s+(?:now\s+|then\s+)?(?:a|an|the|who|whose|[a-z]+\s+of)\s")
# past forms without -ed, which may stand between a subject and its object ("Police caught Jan Kay")
_IRREGULAR_PAST = frozenset("""met saw hit beat took gave sent left made found let put got sought brought caught thought
taught chose knew won lost told paid sold shot led held kept heard""".split())


# words that open a sentence or stand before a name without describing the person: "Or maybe Jeb Bush"
_NOT_DESCRIBING = frozenset("""and or but so yet nor then now maybe perhaps also still even only just not never
again later soon here there""".split())


def _is_noun_before_name(word: str) -> bool:
    return word.isalpha() and word.islower() and not word.endswith(("ed", "ly")) and word not in _NOT_DESCRIBING and \
        word not in _ADVERBS and \
        word not in _IRREGULAR_PAST and word not in COMMON_VERBS and word not in CUE_WORDS and \
        word not in _NOT_TAG_VERBS and word not in _LEAD_WORDS


def _subject_lead(text: str) -> bool:
    """What may stand before the name of a sentence's subject: "Former Kell governor", "The Valley TV host",
    "Texas Sen.", "The chair of the judges, the critic" (no verb, no other clause)."""
    words = text.replace(",", " ").split()
    if len(words) > 10:
        return False
    if 2 <= len(words) <= 3 and words[0][:1].isupper() and words[0].casefold() not in _NOT_DESCRIBING and \
            _is_noun_before_name(words[-1]):
        words = words[:-1]  # "Former pupil Jan Kay": a lower-case noun just before the name says what they are
    for word in words:
        key = word.casefold().strip(".")
        if not (word[:1].isupper() or word[:1].isdigit() or key in _LEAD_WORDS or is_role_word(key) or
                key in ROLE_HEADS or key.endswith("-year-old") or "\u2026" in word or gender_of_words(key) or
                _LEADING_ADVERBIAL.match(word)):
            return False
    return True


_NOT_QUALIFIERS = frozenset("the a an one another some several many most few both all any each every this that "
                            "these those his her their its our my your who which and or but".split())


def _qualifiers(words: list[str], noun: str) -> tuple[str, ...]:
    """The words that qualify an unnamed speaker's head noun: "a Varga campaign official" -> ("Varga",
    "campaign"), "the former secretary" -> ("former",), "one unaligned Kell strategist" -> ("unaligned",
    "Kell")."""
    keys = [w.casefold().strip(".,’'") for w in words]
    try:
        head = keys.index(noun.casefold())
    except ValueError:
        return ()
    found: list[str] = []
    for word in reversed(words[:head]):
        clean = word.strip(",")
        if clean != word or clean.casefold() in _NOT_QUALIFIERS or not clean[:1].isalnum():
            break
        found.insert(0, clean.removesuffix("’s").removesuffix("'s"))
        if len(found) == 4:
            break
    return tuple(found)


def _locate(window: str, phrase: str | None, lo: int, at: int, hi: int | None = None) -> int | None:
    """Absolute position of `phrase` in `window` (the last occurrence before `hi`, else the first after `lo`)."""
    if not phrase:
        return None
    hi = len(window) if hi is None else hi
    found = window.rfind(phrase, lo, hi)
    if found < 0:
        found = window.find(phrase, lo)
    return at + found if found >= 0 else None


def _strip_end(pattern: re.Pattern, text: str) -> str:
    """`text` without what `pattern` (anchored at the end) matches there, reading only its last characters."""
    head, tail = text[:-_TAIL], text[-_TAIL:]
    return head + pattern.sub("", tail)


# the words _FILLER ends with (or an -ly adverb), and those _TRAILING_WHEN does: most texts end with none, and
# their last word says so without the pattern
_FILLER_WORDS = frozenset("has have had was is were would will could did also then later once again previously "
                          "recently further still just never not first already often always sometimes ever "
                          "now".split())
_WHEN_ENDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "yesterday", "today",
              "earlier", "later")


def _strip_filler(text: str) -> str:
    last = text.rsplit(None, 1)[-1:]
    if not last or last[0] not in _FILLER_WORDS and not last[0].endswith("ly"):
        return text
    return _strip_end(_FILLER, text)


def _strip_when(text: str) -> str:
    words = text.rsplit(None, 2)
    if not words or not words[-1].endswith(_WHEN_ENDS) and not (len(words) > 1 and
                                                                 words[-2].endswith(("last", "this"))):
        return text
    return _strip_end(_TRAILING_WHEN, text)


_PARENTHETICAL = stdre.compile(r"\s*\([^()]*\)")
_DASHED = stdre.compile(r"\s+[\u2014\u2013]\s[^\u2014\u2013]{1,160}?\s[\u2014\u2013](?=\s)")
_PARTY_STATE = re.compile(r",?\s*\b[RDI]-\p{Lu}[\p{L}.]{0,7}(?=,|\s|$)")


def _blank_parentheticals(text: str) -> str:
    """`text` with its parentheticals and party-state tags blanked (offsets kept): "Sen. Joe Doe (R-Ky.)",
    "Sen. Joe Doe, R-Ky.,"."""
    if "(" in text:
        text = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text)
    if "\u2014" in text or "\u2013" in text:  # "Lind — named by the Post as the likely choice — told"
        text = _DASHED.sub(lambda m: " " * len(m.group()), text)
    if "R-" in text or "D-" in text or "I-" in text:
        text = _PARTY_STATE.sub(lambda m: " " * len(m.group()), text)
    return text


def _starts_with_speaker(rest: str) -> bool:
    """What follows a verb names its subject: `said Ola Berg`, `said a spokesman` (not `said Sunday`)."""
    rest = rest.lstrip(" ,")
    run = NAME_RUN.match(rest)
    if run is not None:
        return bool(split_role(run.group().split())[1])
    return _DETERMINER.match(rest) is not None


def _starts_complement(rest: str) -> bool:
    """What follows a verb is a clause of its own, not its subject: `said his boss was …`, `said the mayor had …`
    (but `said his lawyer, Tom Kay`)."""
    words = rest.split()[:5]
    return bool(words) and _DETERMINER.fullmatch(words[0]) is not None and \
        any(w in _FINITE_WORDS or w in _MODALS for w in words[1:4])


_MODALS = frozenset("would will could can should may might must".split())
_TAG_WORDS = frozenset("the a an of for at from his her their its".split())


def _short_tag(subject: str, rest: str) -> bool:
    """After a quoted sentence, a tag is short: `“….” Brandt said.`, `“…?” she asked the minister.`; a
    capitalised he/she opens a new sentence (`“….” She says it …`) unless the tag ends right there, and so
    does a clause of its own (`“….” O’Malley’s move was first reported by …`)."""
    words = _strip_filler(subject).split()
    if not words or len(words) > 6:
        return False
    if any(w.islower() and w not in _TAG_WORDS and not is_role_word(w) for w in words[1:]):
        return False
    if words[0].casefold() in _PRONOUN_SUBJECTS and words[0][0].isupper() and len(rest.split()) > 3:
        return False
    if words[0].casefold() in NEVER_SPEAKERS - frozenset(("one",)):
        return False
    return len(rest.split()) <= 6


# a cue word after a determiner or a possessive is a noun: `her notes`, `a reply`, `Kay’s claims`
# (a capitalised preposition is a name's: `“…,” From said` of Al From)
_NOUN_BEFORE = stdre.compile(r"(?:\b(?i:the|a|an|her|his|their|its|our|my|your|this|that|every|each|no|these|"
                          r"those|whose)|\b(?:of|for|in|on|at|with|from|about|by|into|over|under|among|without)|"
                          r"[’']s)\s+$")
# the endings _NOUN_BEFORE reads before the spaces, lowercase
_NOUN_LEADS = ("the", "a", "an", "her", "his", "their", "its", "our", "my", "your", "this", "that", "every", "each",
               "no", "these", "those", "whose", "of", "for", "in", "on", "at", "with", "from", "about", "by", "into",
               "over", "under", "among", "without", "’s", "'s")
# the only letters other than ASCII ones that a case-blind pattern reads as ASCII letters (i, i, s, k)
_ASCII_ALIKE = ("\u0130", "\u0131", "\u017f", "\u212a")
# the characters that may end a word _NOUN_BEFORE reads, in any case it reads them (and "\u017f", read as s)
_NOUN_LEAD_ENDINGS = "".join(sorted({lead[-1] for lead in _NOUN_LEADS} | {lead[-1].upper() for lead in _NOUN_LEADS} |
                                    {"\u017f"}))


_NOUN_LEAD_WORDS = frozenset(_NOUN_LEADS)
_ASCII_ALIKE_LETTERS = frozenset(_ASCII_ALIKE)


def _may_end_with_noun_lead(head: str) -> bool:
    """`head` (the text before a cue, without the spaces before it) may end with a word _NOUN_BEFORE reads: a test
    in C that spares the pattern most cues. A last word of letters and digits alone is such a word only as a whole
    (the pattern reads a word boundary before it): told by one look-up, not by the endings of every one (most names
    end with a letter that ends one: "a", "an", "the")."""
    tail = head[-8:]  # (the seven characters the pattern reads, and the one before them that tells the boundary)
    word = tail.rsplit(None, 1)[-1] if tail else ""
    if word.isalnum():
        return word.lower() in _NOUN_LEAD_WORDS if word.isascii() else not _ASCII_ALIKE_LETTERS.isdisjoint(word)
    tail = head[-7:]
    return tail.lower().endswith(_NOUN_LEADS) or not tail.isascii() and not _ASCII_ALIKE_LETTERS.isdisjoint(tail)


_NAMING_WORDS = frozenset("called dubbed named nicknamed titled entitled labeled labelled termed".split())
_OPENING_MARK = stdre.compile("\\s*[\u201c\"\u2018]")
_VERB_PREFIX = stdre.compile(r"(?i)(?<![\w-])(?:re|co)-$")
_ARTICLE_BEFORE = stdre.compile(r"(?i)\b(?:the|a|an|his|her|their|its)\s+\S+\s+$")
# "the Danes claim", "the fishermen say": a plural subject, so the bare form after it is its verb, unless a
# verb follows ("the Times report said")
_PLURAL_BEFORE = stdre.compile(r"(?i)\b(?:the|their|its|his|her)\s+(?!news\s)(?:[a-z]+(?<![suiy’']s)s|[a-z]*men|people|"
                               r"police|children)\s+$")
_VERB_AFTER = re.compile(r"\s+(?:\p{Ll}+(?:ed|s)|said|says|found|shows?|put)\b")


# The steps of `_Attributor._cue_before` for a text before a quote, worked out from the text alone (and kept, as a
# text such as "Varga said the plan was " comes back): each phrase to resolve in turn with where it stands in the
# text and its cue, and what to do when it names nobody.
_TRY, _TRY_ELSE_KEEP, _KEPT, _LAST, _NOT_BY, _SUBJECT, _NOBODY = range(7)
# (_TRY, phrase, its offset, adjacent, cue span): the speaker it names, if any; _TRY_ELSE_KEEP: the same, and
# what it resolves to is kept for _KEPT, which returns the first kept; _LAST: what the phrase resolves to, even
# nobody; _NOT_BY (adjacent, cue span): a passive cue that names nobody; _SUBJECT (phrase, its offset): the
# subject of the quote's own sentence; _NOBODY: none


class _Steps:
    """The steps of a text worked out so far (`made`), and the rest to work out when they are needed (`more`): the
    first phrase that names a speaker ends the reading, and the steps after it are seldom needed."""

    __slots__ = ("made", "more")

    def __init__(self, before: str) -> None:
        self.made: list[tuple] = []
        self.more = _before_steps(before)

    def step(self, index: int) -> tuple | None:
        """Step `index`, worked out now if no thread has yet (None after the last)."""
        with _STEPS_LOCK:
            while len(self.made) <= index:
                step = next(self.more, None)
                if step is None:
                    return None
                self.made.append(step)
            return self.made[index]


_STEPS_LOCK = threading.Lock()  # (the engine runs in two threads at once: one works out a text's steps)


@lru_cache(maxsize=_WINDOWS_CACHED)
def _before_reading(before: str) -> _Steps:
    return _Steps(before)


def _before_steps(before: str) -> Iterator[tuple]:
    stripped = before.rstrip()
    touches = stripped[-1:] in (":", ",")
    cues = _verb_cues(before)
    if stripped.endswith(":"):  # `Pollsters agree – Ola Berg: “…”`: the name before the colon
        run = _name_run_ending(stripped[:-1])
        lead = stripped[:-1].rstrip()[:-len(run)].rstrip() if run else ""
        if run and stripped[:-1].rstrip().endswith(run) and _is_name(run) and \
                (not lead or lead[-1] in "-\u2013\u2014.!?"):
            yield (_TRY, run, _locate(before, run, 0, 0, len(stripped)), True,
                   (len(stripped) - 1, len(stripped)))
    subject: str | None
    for index in range(len(cues) - 1, -1, -1):
        cue = cues[index]
        tail = before[cue.end:]
        adjacent = touches and not tail.strip(" ,:")
        cue_span = (cue.start, cue.end)
        # (the pattern is tried only where its "who" or "which" may be)
        if before.find("wh", cue.start - 30 if cue.start > 30 else 0, cue.start) >= 0 and \
                _RELATIVE_END.search(before, max(0, cue.start - 30), cue.start):
            continue  # `an architect who said he was stiffed, …`: the verb of a relative clause
        if "(" in before and before.rfind("(", 0, cue.start) > before.rfind(")", 0, cue.start) and \
                ")" in before[cue.end:]:
            continue  # `Barrett’s dictum (repeated to me over the years) was`: an aside
        if cue.words.endswith("ing") and before[:cue.start].rstrip().endswith(",") and \
                any(not c.words.endswith("ing") and not _RELATIVE_END.search(before, max(0, c.start - 30), c.start)
                    and _subordinate_subject(before[c.end:cue.start].rstrip()[:-1]) is None
                    for c in cues[:index]):
            continue  # `X said Varga will …, saying “…”`: whoever said it is saying it
        by = tail.startswith(" by ")
        passive = (by or cue.words in ("asked", "told", "quoted")) and \
            _PASSIVE.search(before, max(0, cue.start - 30), cue.start) is not None
        if passive and not by and cue.words in ("asked", "told", "quoted"):
            yield (_NOT_BY, adjacent, cue_span)  # `Kay was asked, “…”`: not by Kay
            return
        if by and passive:
            subject = _phrase_after(tail[4:])  # `Kay was asked by the host, Ola Berg, “…”`
            yield (_TRY, subject, _locate(before, subject, cue.end, 0), adjacent, cue_span)
        if before[:cue.start].rstrip().endswith(",") and _starts_with_speaker(tail) and \
                "," in tail.strip(" ,") and not cue.words.endswith("ing") and cue.words not in _ADDRESSING:
            # `The paradox of Nancy, says Carl Anthony, historian, is that “…”` (but `…, telling the crowd,
            # “…”`: what follows a participle is its object)
            subject = _phrase_after(tail)
            yield (_TRY, subject, _locate(before, subject, cue.end, 0), False, cue_span)
        if cue.words.casefold() == "according to":
            subject, lo, hi = _phrase_after(tail), cue.end, len(before)
        elif cue.words.split(None, 1)[0].endswith("ing"):  # "saying", "pointing out"
            quoted = _QUOTED_AS.search(before, max(0, cue.start - 160), cue.start) if "quot" in before else None
            if quoted is not None:  # "Reuters quoted a ministry official as saying": the one quoted said it
                subject, lo, hi = _phrase_after(quoted.group("quoted")), quoted.start("quoted"), cue.start
            else:
                subject, lo, hi = _participle_subject(before[:cue.start]), 0, cue.start
        else:
            subject, lo, hi = _subject_before(before[:cue.start]), 0, cue.start
        if subject is None and tail.startswith(" by "):
            subject, lo, hi = _phrase_after(tail[4:]), cue.end, len(before)
        yield (_TRY_ELSE_KEEP, subject, _locate(before, subject, lo, 0, hi), adjacent, cue_span)
    yield (_KEPT,)
    if stripped.endswith(":"):
        colon = (len(stripped) - 1, len(stripped))
        # `… – Ola P. Berg:`, `More from Berg and Kay:`, `The Valley Post reports:` (a name and its verb)
        head = _TRAILING_VERB.sub("", stripped[:-1].rstrip())
        run = _name_run_ending(head)
        lead_span = max(0, len(head) - len(run or "") - 30), len(head) - len(run or "")
        object_ = run is not None and head.endswith(run) and _OBJECT_BEFORE.search(head, *lead_span) is not None
        subject = run if run and head.endswith(run) and _is_name(run) and not object_ \
            else _clause_subject(stripped[:-1])
        source = _FROM_SOURCE.search(stripped, max(0, len(stripped) - 80))
        if source is not None and _DOCUMENT_NOUN.search(source.group("source")):  # `From the report:`, `More from the memo:`: the text quoted is the source's
            subject = source.group("source")
        if object_ and subject and subject.endswith(run) and _PLACE_BEFORE.search(head, *lead_span):  # type: ignore
            yield (_NOBODY,)  # `Then, later that month on Radio Kemi:`: where it was said, not who said it
        else:
            yield (_LAST, subject, _locate(before, subject, 0, 0, len(stripped) - 1), True, colon)
    elif before.strip():
        subject = _clause_subject(before)
        yield (_SUBJECT, subject, _locate(before, subject, 0, 0))


# The readings of a window of text below (the subject before a verb, the phrase after one) depend on the window
# alone and are cached: a tag such as " Berg said." or a sentence's opening comes back within an article. (The cues
# of a window and the subject before its verb are read only for a window whose steps `_before_reading` keeps: not
# kept again.)
def _verb_cues(text: str) -> tuple[Cue, ...]:
    """Speech cues of `text` used as verbs (`her notes`, `a reply`, `a Brandt-style retort` are nouns)."""
    return tuple(cue for cue in find_cues(text) if _is_verb_cue(text, cue))


def _first_finite_cue(text: str) -> Cue | None:
    """The first of `_verb_cues(text)` that is no -ing form, read no further than it (not kept: only `_read_tag`
    asks, for a window it has not read before)."""
    for match in cue_matches(text):
        words = match.group(1)
        if words[-3:] != "ing":
            cue = _new_cue(Cue, (match.start(1) - 1, match.end(1) - 1, words))
            if _is_verb_cue(text, cue):
                return cue
    return None


_new_cue = tuple.__new__


_ACCUSED = {"accused": " of ", "charged": " with "}


def _is_verb_cue(text: str, cue: Cue) -> bool:
    start = cue.start
    lo = start - 40 if start > 40 else 0
    # the match ends with the spaces before the cue and starts at most a word of 7 letters before them: the
    # search starts there, not at each of 40 characters; and it is tried only after a letter that ends a word of it
    head = text[lo:start].rstrip()
    if len(head) < start - lo and head[-1:] in _NOUN_LEAD_ENDINGS and _may_end_with_noun_lead(head) and \
            _NOUN_BEFORE.search(text, max(lo, lo + len(head) - 7), start):
        return False
    if text[start - 1:start] == "-" and not _VERB_PREFIX.search(text, max(0, start - 4), start):
        return False  # part of an adjective: so-called, self-described, oft-repeated (but re-stated, co-wrote)
    words = cue.words
    if words in _NAMING_WORDS and _OPENING_MARK.match(text, cue.end):
        return False  # a name follows: a class called “Perception”
    if words in _ACCUSED and text.startswith(_ACCUSED[words], cue.end):
        return False  # "a man accused of fraud", "a woman charged with theft": who is accused, not who speaks
    if words in BASE_FORMS and _ARTICLE_BEFORE.search(text, lo, start) and \
            not (_PLURAL_BEFORE.search(text, lo, start) and not _VERB_AFTER.match(text, cue.end)):
        return False  # a bare form after "a/the" and one word is a noun too (not after a plural: the Danes claim)
    return True


def _tag_subject(subject: str) -> str:
    """The speaker in an attribution tag: `Musayev, an MP, ` -> `Musayev`; `is held accountable, Warren`
    -> `Warren`."""
    if "," not in subject:
        return subject.strip() or subject
    parts = [p.strip() for p in subject.split(",") if p.strip()]
    if len(parts) > 1 and (_is_name(parts[-1]) or _is_titled_name(_MASKED_NICKNAME.sub(" ", parts[-1]))) and \
            not _DETERMINER.match(parts[-1]):
        return parts[-1]  # "Berg's niece, state Rep. Marcia “Cia” Lund"
    if len(parts) == 2 and _DETERMINER.match(parts[0]) and len(parts[0].split()) == 2 and \
            not is_role_word(parts[0].split()[1]) and parts[1][:1].isalnum() and not parts[1][:1].isupper() and \
            not _DETERMINER.fullmatch(parts[1].split()[0]) and len(parts[1].split()) > 1:
        return subject.strip(" ,")  # "the bespectacled, 71-year-old diplomat": two adjectives of one noun
    return parts[0] if parts else subject


_TRAILING_WHEN = stdre.compile(r"(?:,|\s+)\s*(?:(?:on|during)\s+(?:an?\s+|the\s+)?)?(?:Monday|Tuesday|Wednesday|Thursday|"
                            r"Friday|Saturday|Sunday|yesterday|today|earlier|later|last\s+\w+|this\s+\w+)\s*$")
_DETERMINED = stdre.compile(r"\b(?:the|a|an|another|this|that|his|her|its|their|one|many|some|several|most|few|"
                         r"both|all|other|two|three|four|five)\s+[^,;:]*$", re.IGNORECASE)
# a number of people, counted: "14 percent", "21 percent of voters", "300 protesters" (not "since 2008 she has")
_COUNTED = stdre.compile(r"\b\d[\d,.]*\s+(?:[a-z][a-z\-]*\s+){0,2}(?:percent|[a-z\-]+s)(?:\s+of\s+[a-z\-]+)?$")
# the one a text quotes: "quoted a ministry official as (saying)"
_QUOTED_AS = re.compile(r"\b[Qq]uot(?:e|es|ed|ing)\s+(?P<quoted>[^\s\u201c\u201d\"][^\u201c\u201d\"]{0,120}?)\s+as\s+$")
# a noun, then a relative clause without "that" whose subject has a determiner of its own: "a decision the mayor"
_CONTACT_CLAUSE = stdre.compile(r"(?i)\b(?:the|a|an|this|that|his|her|its|their)\s+(?P<noun>[a-z\-]+)\s+"
                                r"(?P<subject>(?:the|his|her|their|its)\s+[^,;:]*)$")
_DETERMINER_WORDS = frozenset("the a an this that his her its their one some many most all both few other".split())
_HEAD_OF = re.compile(r"(?<![\p{L}\-’'])(?P<noun>\p{L}+)\s+(?:of|at|for|from|in|with)\s+$")
_CLAUSE_BREAK_WORDS = "that and but while when as because after before if who which".split()


def _clause_break_pattern() -> str:
    """The clause breaks `[,;]`, `:` before no digit and the words, each word with the boundary before it read after
    its first letter: every alternative then opens with a character of its own, and a scan stops only at those
    characters instead of trying the pattern at every position."""
    letters = sorted({word[0] for word in _CLAUSE_BREAK_WORDS})
    words = [r"%s(?<!\w%s)(?:%s)\b" % (letter, letter, "|".join(w[1:] for w in _CLAUSE_BREAK_WORDS if w[0] == letter))
             for letter in letters]
    return "|".join([",", ";", r":(?!\d)", *words])


_CLAUSE_BREAK = stdre.compile(_clause_break_pattern())
# a conjunction that opens a clause with a subject of its own: "…, while Tom Kay, the former mayor, said"
_OTHER_SUBJECT = stdre.compile(r"(?:,\s*|\s)(?:while|whereas|but|although|though)\s+(?=[A-Z])")


def _subject_before(text: str) -> str | None:
    """The subject standing just before a speech verb: "The MP", "Elshan Musayev, an MP from Baku,"."""
    opened = text.rfind("(")
    if opened >= 0 and ")" not in text[opened:]:
        text = text[opened + 1:]  # "… for what it is (Anna Lund, who coined the word, once said": a new clause
    text = _strip_when(_strip_filler(_blank_parentheticals(text).rstrip())).rstrip()
    if not text:
        return None
    if text.endswith(","):
        last = text[:-1].rsplit(",", 1)[-1].strip()
        if last != text[:-1].strip() and _is_full_name(last) and not _is_name(text.split(",", 1)[0].strip()):
            return last  # "Back home in Kemi, once the count was over, Gov. Ola Berg, said": the name set off last
        other = None
        for other in _OTHER_SUBJECT.finditer(text):
            pass
        if other is not None:  # "Gov. Ola Berg signed an order, while Tom Kay, the former mayor, said"
            return _clause_subject(text[other.end():-1])
        return _clause_subject(text[:-1])
    breaks = list(_CLAUSE_BREAK.finditer(text))
    relative = text[breaks[-1].end():].split() if breaks else []
    if breaks and breaks[-1].group() in ("who", "which") and breaks[-1].start() and relative and \
            relative[0][:1].islower() and relative[0].casefold() not in _PRONOUN_SUBJECTS and \
            not _ARTICLE.match(relative[0]):
        return _subject_before(text[:breaks[-1].start()])  # "a White House official who spoke anonymously said"
    clause = text[breaks[-1].end():] if breaks else text
    clause = clause.strip()
    if not clause or clause.casefold() in _ADVERBS:  # "Scott beamed and asked", "…, but now said"
        return _clause_subject(text) or None
    last_word = clause.split()[-1]
    if last_word.casefold() in _PRONOUN_SUBJECTS and len(clause.split()) > 1:
        return last_word  # "a deterrence to what it called", "the deal, which he described as"
    run = _name_run_ending(clause)
    if run is not None and clause.endswith(run) and split_role(run.split())[1] and \
            (run == clause or not _OBJECT_BEFORE.search(clause, max(0, len(clause) - len(run) - 30),
                                                        len(clause) - len(run))):  # (a whole clause has no object)
        of = _NAMED_OF.search(clause, 0, len(clause) - len(run)) if " of " in clause else None
        if of is not None and (_key_of(of.group("head").split()[-1]) in _ORGANISATION_NOUNS or
                               of.start() == 0 and _people_of(clause, _key_of(of.group("head").split()[0]))):
            return clause[of.start():]  # "The Royal College of Surgeons"; "Residents of Harrow Isle", not the place
        return run
    determined = _DETERMINED.search(clause) or _COUNTED.search(clause)
    if determined:
        contact = _CONTACT_CLAUSE.search(clause, determined.start())
        if contact is not None and contact.group("noun").casefold() not in _DETERMINER_WORDS:
            return contact.group("subject")  # "a decision the mayor called": the mayor made it
        head = _HEAD_OF.search(clause, 0, determined.start())
        if head is not None and is_role_word(head.group("noun")):
            return clause[head.start():]  # "Leaders of the union", "Officials at the port": not the union or port
        return determined.group()
    return _trailing_noun_phrase(clause.split())


# "X of " before a name: the name may be the end of an organisation's ("Royal College of Surgeons")
_NAMED_OF = re.compile(r"(?P<head>(?:(?!The\s)\p{Lu}[\p{L}\-’'.&]*\s+)+)of\s+(?:the\s+)?$")
_ORGANISATION_NOUNS = BODY_NOUNS | frozenset("college school society federation office church chamber academy bureau "
                                             "league centre center museum library hospital service corporation "
                                             "coalition alliance conference organisation organization".split())


def _trailing_noun_phrase(words: list[str]) -> str:
    """The noun phrase ending `words`: "Varga’s campaign", "Town Hall press secretary", "officials"."""
    first = len(words) - 1
    while first > 0 and first > len(words) - 5:
        word = words[first - 1]
        if not (word[:1].isupper() or word.endswith(("’s", "'s")) or is_role_word(word)):
            break
        first -= 1
    return " ".join(words[first:])


_WITH_BEFORE = stdre.compile(r"(?:^|,\s*|\s)with\s+$")
_TRAILING_ADVERB = re.compile(r"\s+\p{Ll}+ly$")


@lru_cache(maxsize=_WINDOWS_CACHED)
def _participle_subject(text: str) -> str | None:
    """Whoever is `saying`: the name just before (`footage of Kay saying`, `Kay reportedly yelling`, but not
    `on Facebook writing`), else the clause's subject (`the council issued a statement saying`)."""
    stripped = _TRAILING_ADVERB.sub("", text.rstrip())
    run = _name_run_ending(stripped)
    if run is not None and stripped.endswith(run) and split_role(run.split())[1]:
        lead = stripped[max(0, len(stripped) - len(run) - 30):len(stripped) - len(run)]
        if not _OBJECT_BEFORE.search(lead) or _WITH_BEFORE.search(lead):  # `…, with Kay yelling` is Kay’s
            return run
    if stripped.endswith(","):
        nearest = _subordinate_subject(stripped[:-1])
        if nearest is not None:
            return nearest
    else:
        owned = _OWNED_BEFORE.search(stripped)
        if owned is not None:  # `after the newspaper’s editorial telling him …`: what the participle describes
            return owned.group()
    absolute = None
    for absolute in _WITH_PARTICIPLE.finditer(stripped):
        pass
    if absolute is not None and "," not in stripped[absolute.end():].rstrip(","):
        return absolute.group("name")  # `…, with Ola Berg tweeting that … and asking`
    return _clause_subject(stripped.rstrip(","))


_FROM_SOURCE = re.compile(r"(?:^|(?<=[\s.]))(?:[Mm]ore\s+)?[Ff]rom\s+(?P<source>(?:the|a|an)\s+"
                          r"[^\s,;:]+(?:\s+[^\s,;:]+){0,3}):$")
_DOCUMENT_NOUN = re.compile(r"\b(?:%s)s?$" % "|".join(sorted(_MEDIA | _DOCUMENTS)))
_OWNED_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+\p{L}[\p{L}\-]*[’']s\s+\p{Ll}[\p{Ll}\-]*$")
_WITH_PARTICIPLE = re.compile(r"(?:^|,\s*|\s)with\s+(?P<name>" + _NAME + r")\s+"
                              r"(?!(?:during|including|regarding|concerning|following|according|excluding)\b)\p{Ll}+ing\b")


# a clause with a subject of its own, which a participle after it goes with: "Kay spoke as a plumber walked in,
# saying …", "… at the mill, where fishermen had gathered, chanting …"
_SUBORDINATE = stdre.compile(r"(?:^|\s)(?:as|where|while|when)\s+(?=\S)")
_SINGULAR_LEAD = stdre.compile(r"(?i)(?:a|an|one|another|this|that)\s")


def _subordinate_subject(text: str) -> str | None:
    """The subject of the last subordinate clause of `text` that has one (`as a plumber walks in` -> "a plumber",
    `where about 50 fishermen had gathered` -> "about 50 fishermen", `when Lena Holm ended` -> "Lena Holm")."""
    last = None
    for last in _SUBORDINATE.finditer(text):
        pass
    if last is None:
        return None
    clause = text[last.end():]
    if "," in clause:
        return None
    run = NAME_RUN.match(clause)
    if run is not None and split_role(run.group().split())[1]:
        words = run.group().split()
    else:
        clause = clause.removeprefix("about ")  # "about 50 fishermen"
        if not _DETERMINER.match(clause) and not _AGED.match(clause):
            return None
        words = _leading_noun_phrase(clause).split()
        if _SINGULAR_LEAD.match(clause):  # "a plumber walks": a singular subject's verb ends with -s
            verb = next((i for i, w in enumerate(words) if i > 1 and w.islower() and w.endswith("s") and
                         not w.endswith("ss")), None)
            words = words[:verb]
        if len(words) < 2:
            return None
    rest = clause.split()[len(words):]
    # a verb follows the subject ("as a ladder to the middle class" is no clause)
    if not rest or not (rest[0] in _FINITE_WORDS or rest[0].islower() and rest[0].endswith(("s", "ed")) or
                        rest[0] in CUE_WORDS or rest[0] in COMMON_VERBS):
        return None
    return " ".join(words)


_FINITE_WORDS = frozenset("is are was were has have had will would can could did does do put made gave took got "
                          "went came sent left held kept found brought thought felt saw met ran won lost set let "
                          "spent paid".split())


@lru_cache(maxsize=_WINDOWS_CACHED)
def _clause_subject(text: str) -> str:
    dateline = _DATELINE.match(text)
    if dateline is not None:
        text = text[dateline.end():]  # "WASHINGTON, Dec. 8 (UPI) — …": where the article was filed
    if text[:3] == "As " and text[3:4].isupper():
        text = text[3:]  # "As Tom Kay, the No. 2 on the council, put it: “…”" (not "As the crowd began to chant, …")
    return _clause_subject_of(text)


_DESCRIBED_NAME = re.compile(r"\s+(?P<words>(?:\p{Ll}[\p{Ll}\-]*\s+){1,3})(?P<name>\p{Lu}[\p{L}’'\-.]*(?:\s\p{Lu}[\p{L}’'\-.]*)+)"
                             r"(?=\s+\p{Ll}|\s*$)")  # (a clause's part may end with the name: "…, who …")
_DATELINE = stdre.compile(r"[A-Z]{2}[A-Z.'\- ]*(?:,\s*[A-Z][A-Za-z.]*(?:\s\d{1,2})?)*\s*(?:\([A-Za-z ]+\))?\s*[\u2014\u2013]\s*")
_AGED = stdre.compile(r"\d+-year-old ")  # "81-year-old Ola Berg"
_CONJUNCTION_NAME = re.compile(r"(?:And|But|So|Yet|Or)\s+(?=\p{Lu})" + _NAME + r"\s*$")
# "Varga’s campaign manager Tom Kay": the name after a possessive and its role
_NAME_AFTER_POSSESSIVE = re.compile(r"\s+(?:[\p{Ll}\-]+\s+){0,3}(?=\p{Lu})" + _NAME)


def _clause_subject_of(text: str) -> str:
    """The subject of a clause introducing a quote: a name set off by commas after a described role
    ("The head of X, Name," / "The lead author, Dr. Name of the Y group,"), else the first name of the
    clause's first main part (not an adjective: "A Moroccan official"), else that part."""
    parts = [p.strip() for p in _blank_parentheticals(text).split(",") if p.strip()]
    if not parts:
        return ""
    if len(parts) > 1 and parts[0].startswith("As ") and all(_DETERMINER.match(p) for p in parts[1:]):
        # "As my neighbour, a retired driver, (put it)": whoever "as" opens with is the subject, described after
        rest = text.split("As ", 1)[1]
        subject = _clause_subject_of(rest[:1].upper() + rest[1:])  # ("my neighbour" read as a sentence opens)
        return rest[:1] + subject[1:] if subject and rest.startswith(subject[:1].lower() + subject[1:]) else subject
    # "But Sen. Tom Kay (D-Kell), noting …,": a conjunction before a name opens no adverbial
    adverbial = [_LEADING_ADVERBIAL.match(p) is not None and _CONJUNCTION_NAME.match(p) is None for p in parts]
    for first, second, leads in zip(parts, parts[1:], adverbial):  # "(In a statement,) her adviser, Tom Kay,"
        if _DETERMINER.match(first) or _possessive_lead(first):
            name = _leading_name(second)  # "Berg’s business manager, Tom Kay,"
            if name:
                return name
        if not leads:
            break
    clauses = [p for p, leads in zip(parts, adverbial) if not leads]
    main = next((p for p in clauses if p[:1].isupper() or _DETERMINER.match(p) or _AGED.match(p)),
                clauses[0] if clauses else parts[-1])
    run = NAME_RUN.search(main)
    if run is not None and not _DETERMINER.fullmatch(run.group()):
        described = _DESCRIBED_NAME.match(main, run.end())
        if described is not None and not any(w in _CLAUSE_WORDS or w in _NOT_QUALIFIERS or w.endswith("ed") or
                                             _PREPOSITION.match(w + " ") for w in described.group("words").split()) \
                and (" " not in run.group() or is_role_word(described.group("words").split()[-1])):
            # ("Harbour Board spokesman Tom Kay": a body of several words, then a role)
            # "Republican presidential front-runner Ola Berg is …": the name after its description
            return described.group("name")
    if run and run.start() and main[:1].islower() and _DETERMINER.match(main) and \
            run.start() >= len(_leading_noun_phrase(main)):
        return _leading_noun_phrase(main)  # "several environmental groups granted Mr. Clarke …"
    if run and not _is_modifier(main, run) and split_role(run.group().split())[1]:
        if run.group().endswith(("’s", "'s", "s’", "s'")):  # "Kay’s campaign", "Varga’s stock answer"
            named = _NAME_AFTER_POSSESSIVE.match(main, run.end())
            return run.group() + (named.group() if named else " " + _leading_noun_phrase(main[run.end():]))
        return run.group()
    return _leading_noun_phrase(main) if _DETERMINER.match(main) else main


_CLAUSE_WORDS = frozenset("is are was were be been has have had will would can could should may might must do "
                          "does did who which that when while as in on at to with by put made gave took got went "
                          "came sent left held kept found brought thought felt saw met ran won lost set let spent "
                          "paid".split())


def _leading_noun_phrase(text: str) -> str:
    """The noun phrase opening `text`, up to its verb: "The spokesman refused to …" -> "The spokesman"."""
    words: list[str] = []
    tokens = text.split()[:8]
    for i, word in enumerate(tokens[:7]):
        key = word.casefold()
        if words and (key in _CLAUSE_WORDS or word.islower() and (key.endswith("ed") or key in CUE_WORDS or
                                                              key in COMMON_VERBS or key in _ADVERBS)):
            break  # "the Clinton campaign also called", "Right Wing Watch first reported"
        if len(words) > 1 and word.islower() and key.endswith("s") and not key.endswith("ss") and \
                tokens[i - 1].islower() and i + 1 < len(tokens) and \
                (tokens[i + 1][:1].isupper() or tokens[i + 1] in _OBJECT_DETERMINERS):
            break  # "The Kay ad hits Berg …": a verb with its object
        words.append(word)
    return " ".join(words)


_OBJECT_DETERMINERS = frozenset("the a an his her their its this that".split())


def _leading_name(text: str) -> str | None:
    """`Name`, `actress Name` or `Name of/at …` (a name with where it belongs) -> the name."""
    words = text.split()
    popped: list[str] = []
    while len(words) > 1 and words[0].islower() and len(popped) < 4:
        if words[0] in _BY_WORDS and popped and popped[-1] in _FOUND_BY:
            return None  # "obtained by Politico": who obtained it, not who is the subject
        popped.append(words.pop(0))  # "actress Ola Berg", "the critic Dr. Paul Roe"
    text = " ".join(words)
    run = NAME_RUN.match(text)
    if run is None or not split_role(run.group().split())[1]:
        return None
    rest = text[run.end():]
    if rest.startswith(" and ") and NAME_RUN.fullmatch(rest[5:].strip()):
        return text.strip()  # "Ola Berg and Tom Kay"
    return run.group() if not rest.strip() or _PREPOSITION.match(rest.lstrip()) else None


_BY_WORDS = frozenset("by from via".split())
# what an outlet does with a document it reports ("obtained by Politico"), unlike its author ("written by …")
_FOUND_BY = frozenset("obtained reported seen viewed reviewed published cited quoted shared leaked first".split())
_DETERMINER_END = stdre.compile(r"(?i)\b(?:the|a|an|another|one)\s+$")
_LOWER_NEXT = re.compile(r"\s+\p{Ll}")


def _is_modifier(text: str, run: re.Match) -> bool:
    """`A Moroccan official`, `the Health Department spokesman`: capitalised words after a determiner and before
    a lowercase noun qualify that noun; they are not a name (unless they hold a role and a name)."""
    determined = _DETERMINER.match(run.group()) or _DETERMINER_END.search(text, max(0, run.start() - 20), run.start())
    if not determined or not _LOWER_NEXT.match(text, run.end()):
        return False
    role, name = split_role(run.group().split())
    return not (role and name)


def _ends_with_name(text: str) -> bool:
    """`Harbour Board senior trial counsel Ola Berg`: a name, maybe after its role."""
    run = _name_run_ending(text)
    return run is not None and text.endswith(run) and bool(split_role(text.split())[1])


def _is_titled_name(text: str) -> bool:
    """A name after the words of its role only: "state Rep. Marcia Lund" (not "who works in Sacramento")."""
    run = _name_run_ending(text)
    return run is not None and text.endswith(run) and bool(split_role(run.split())[1]) and \
        all(word[:1].isupper() or is_role_word(word) for word in text[:-len(run)].split())


def _is_full_name(text: str) -> bool:
    """A person's name with more than a surname, or with a title: "Ola Berg", "Gov. Berg" (not "Ohio")."""
    if not _is_name(text) or _DETERMINER.match(text):
        return False
    role, name = split_role(text.split())
    return len(name) > 1 or role is not None


_MASKED_NICKNAME = stdre.compile(r"\s[“\"‘']\u2026+[”\"’']\s")


def _is_name(text: str) -> bool:
    text = _MASKED_NICKNAME.sub(" ", text)  # Marcia “Cia” Price
    run = NAME_RUN.fullmatch(text)
    return run is not None and bool(split_role(text.split())[1])


def _name_run_ending(text: str) -> str | None:
    """The last name run of `text`, read only when one may end it (every caller wants a run that ends the text, and
    tells by `endswith`): None when the last word has no capital, as every word of a run but a particle has one."""
    words = text.rsplit(None, 1)
    if not words or words[-1].islower():
        return None
    last = _last_name_match(text)
    return last.group() if last else None


def _last_name_match(text: str) -> stdre.Match | None:
    last = None
    for last in NAME_RUN.finditer(text):
        pass
    return last


# a speaker phrase after a verb ends at punctuation or where the sentence moves on
_NAME_ABBREVIATIONS = "|".join(ABBREVIATED_TITLES + NAME_SUFFIXES + ("St",) + ORG_ABBREVIATIONS)
_PHRASE_END = re.compile(rf"[;:()!?\u2014\u2013]|,(?!\s(?:{'|'.join(NAME_SUFFIXES)})\.)"
                         rf"|(?<!\b(?:{_NAME_ABBREVIATIONS}|\p{{Lu}}))\.(?:\s|$)|\s(?:in|on|at|during|after|"
                         r"before|when|while|as|to|about|of|that|who|from|with|via|last|this|earlier)\s|(?<=\p{Lu}[\p{L}.]*)\sfor\s")
# ", Jane Doe." closing a description: the name it describes
_APPOSITIVE_NAME = re.compile(r"[^,;:]*?,\s+(?:the\s+)?(?P<role>(?:\p{Ll}+\s+){0,2})(?P<name>" + _NAME +
                              r")\s*(?:[,.;:]|$)")
# the rest of a role written out before a name: "(master) of ceremonies Ola Berg"
_TITLED_NAME = re.compile(r" of (?:\p{Ll}+ ){1,2}" + _NAME + r"(?=\s*(?:[,.;:!?)\u2014\u2013]|$))")


@lru_cache(maxsize=_WINDOWS_CACHED)
def _phrase_after(text: str) -> str:
    """The speaker phrase after a verb: "said Jim Clyburn, the leader" -> "Jim Clyburn", "said one of
    those advisers, who …" -> "one of those advisers"."""
    text = text.lstrip(" ,:")
    body_role = _BODY_ROLE_AHEAD.match(text) if " for " in text[:60] or " of " in text[:60] else None
    if body_role is not None and is_role_word(body_role.group("noun")):
        return body_role.group()  # "said a Department for Transport spokesperson"
    one_of = _ONE_OF.match(text)
    end = _PHRASE_END.search(text, one_of.end() if one_of else 0)
    phrase = (text[:end.start()] if end else text).strip()
    if end is not None and end.group() == " of " and phrase.islower() and not _DETERMINER.match(phrase):
        titled = _TITLED_NAME.match(text, end.start())
        if titled:  # "said master of ceremonies Ola Berg", "said former secretary of state Anna Kay"
            return text[:titled.end()].strip()
    if _DETERMINER.match(phrase) or phrase.endswith(("’s", "'s")) or _possessive_lead(phrase):
        named = _APPOSITIVE_NAME.match(text, text.find(phrase) + len(phrase)) if phrase else None
        if named and not all(is_role_word(w) for w in named.group("role").split()):
            named = None  # ", which means Kay" (but ", actress Jane Doe")
        if named:  # "a spokeswoman for the agency, Jane Doe", "Anna Berg’s colleague, Tom Kay"
            return named.group("name")
        beyond = _APPOSITIVE_NAME.search(text, 0, 160)
        if beyond and not all(is_role_word(w) for w in beyond.group("role").split()):
            beyond = None
        if beyond and "," not in text[:beyond.start()].strip(" ,")[:-1] and _DETERMINER.match(phrase):
            return beyond.group("name")
    return phrase
