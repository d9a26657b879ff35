"""The engine's fast scans of a whole article find exactly what their plain definitions find."""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.quotes import cast, marks
from store.quotes.cast import _NOT_A_NAME, NAME_RUN, UPPERCASE_LETTERS, _run_kind, _runs_to_read, name_runs
from store.quotes.engine import (_ABBREVIATED, _CLAUSE_BREAK, _ENOUGH_WORDS, _NEW_CLAUSE, _NOUN_BEFORE,
                                 _NOUN_LEAD_ENDINGS, _PARTICIPLE_START, _WORDS, _has_enough_words, _may_end_with_noun_lead,
                                 _name_run_ending, _opens_new_clause, _opens_with_participle, _sentence_ends)

# pieces that meet at the edges the scans care about: names with particles and abbreviations, quote marks and
# apostrophes, stops before capitals, initials
_PIECES = ["Anna", "Berg", "van", "den", "al-Assad", "el-Sisi", "d’Estaing", "d'Or", "Mr.", "Sen.", "Jr.", "Ltd.",
           "Inc.", "Co.", "Supt.", "Bros.", "etc.", "vs.", "later.", "U.S.", "J.", "Łucja", "O’Brien", "Jean-Luc", "the", "The", "said", "timetable",
           "it’s", "’90s", "''", "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u201a", "\u2039", "\u203a",
           '"', "(", "9"]
_GAPS = [" ", " ", "  ", "\xa0", "\n", "\n\n", "\n\n\n", ". ", ".” ", "! ", "? ", ", ", "-", ""]
_TEXTS = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=30).map(
    lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
def test_name_runs_are_the_runs_of_the_name_pattern(text):
    assert [run.span() for run in name_runs(text)] == [run.span() for run in NAME_RUN.finditer(text)]


# ... and capitalised words that are never a name alone, beside what may continue them or open a nickname
_WORDS_NEVER_NAMES = ["The", "Then", "Monday", "We", "A", "I", "THE", "Its", "Ex", "So"]
_TEXTS_WITH_WORDS = st.lists(st.tuples(st.sampled_from(_PIECES + _WORDS_NEVER_NAMES), st.sampled_from(_GAPS)),
                             max_size=30).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(deadline=None, max_examples=400)
@given(_TEXTS_WITH_WORDS)
def test_the_runs_read_are_the_name_runs_less_words_never_names(text):
    every = [run.span() for run in name_runs(text)]
    read = [run.span() for run in _runs_to_read(text)]
    assert set(read) <= set(every) and read == sorted(read)
    for start, end in set(every) - set(read):
        assert _run_kind(text[start:end]) is _NOT_A_NAME
    # a word left out is one that ends its run and opens no nickname
    for start, end in set(every) - set(read):
        assert text[end:end + 2] not in {space + mark for space in " \xa0" for mark in "\u201c\"\u2018'"}


def test_a_word_never_a_name_is_read_where_a_nickname_or_a_name_follows_it():
    text = "The “Hammer” Koenig spoke. Then Anna Berg left. The Hague. The court met."
    read = [run.group() for run in _runs_to_read(text)]
    assert read == ["The", "Hammer", "Koenig", "Then Anna Berg", "The Hague"]


# ... and what around a run may change what it is: "the", "of", "for", a comma, an apostrophe, quote marks
_TEXTS_WITH_CONTEXT = st.lists(st.tuples(st.sampled_from(_PIECES + _WORDS_NEVER_NAMES + [
    "of", "for", "tHe", "Minister", "Mayor", "Farmers’", "Kay’s", "Martin Luther King, Jr.", "Defence", "Ms",
    "Minister for", "Dr."]), st.sampled_from(_GAPS + [" \u201c", "\u201d ", "’ ", ", the ", " of "])),
    max_size=30).map(lambda parts: "".join(piece + gap for piece, gap in parts))
_THE_BEFORE = tuple(f"{t}{h}{e} " for t in "tT" for h in "hH" for e in "eE")


@settings(deadline=None, max_examples=400)
@given(_TEXTS_WITH_CONTEXT)
def test_a_run_read_is_marked_where_what_is_around_it_may_change_it(text):
    for run in _runs_to_read(text):
        start, end = run.span()
        around = text.endswith(_THE_BEFORE + (" of ", " for ", ", "), 0, start) or \
            start > 0 and text[start - 1] in "\u201c\u201e\u00ab\u2018\u201a\u2039\"" or \
            text.startswith((",", "’", "'"), end) or text[end:end + 2] in {s + q for s in " \xa0" for q in "\u201c\"\u2018'"}
        assert (run.lastindex is not None) == around, (text[start:end], text[max(0, start - 5):end + 3])


def _read_looking_around_every_run(text: str) -> list[cast.Mention]:
    """The cast's mentions when every run is read with a look at the text around it."""
    saved = cast._CAPITAL_NAME_RUN, cast._GLUED_NAME_RUN
    try:
        cast._CAPITAL_NAME_RUN, cast._GLUED_NAME_RUN = (re.compile(pattern.pattern + "()") for pattern in saved)
        return cast.Cast(text).mentions
    finally:
        cast._CAPITAL_NAME_RUN, cast._GLUED_NAME_RUN = saved


@settings(deadline=None, max_examples=400)
@given(_TEXTS_WITH_CONTEXT)
def test_a_run_read_without_a_look_around_it_is_read_as_with_one(text):
    assert cast.Cast(text).mentions == _read_looking_around_every_run(text)


def _marks_read(text: str, pattern) -> list[tuple[int, str]]:
    """The marks the pattern finds, but for exactly three apostrophes after a word (`'old-school,'''`): the nested
    single quote closes first, then the double one."""
    read, nested_end = [], None
    for match in pattern.finditer(text):
        at, mark = match.start(), match.group()
        if at == nested_end:
            continue
        if (mark == "''" and text[at + 2:at + 3] == "'" and text[at + 3:at + 4] != "'" and at
                and not text[at - 1].isspace()):
            if pattern is marks._MARK_WITH_SINGLE:
                read.append((at, "'"))
            read.append((at + 1, "''"))
            nested_end = at + 2
            continue
        read.append((at, mark))
    return read


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
@example("Anna-'''' ")  # four apostrophes: two double marks
@example("the word 'old-school,''' she said")
def test_quote_marks_are_those_the_mark_patterns_find(text):
    for pattern in (marks._MARK, marks._MARK_WITH_SINGLE):
        assert marks._marks_in(text, pattern) == _marks_read(text, pattern)


def _plain_sentence_ends(text: str) -> list[int]:
    """Each stop read character by character: the definition of a sentence end."""
    ends = []
    for at, stop in enumerate(text):
        if stop not in ".!?":
            continue
        after = at + 1
        if after < len(text) and text[after] in "\"”’'":
            after += 1
        start = after
        while after < len(text) and text[after].isspace():
            after += 1
        if after == start or after == len(text) or text[after] not in UPPERCASE_LETTERS | set("\"“‘'(0123456789"):
            continue
        if stop == "." and at and not text[at - 1].isspace():
            word = text[max(0, at - 6):at].rsplit(None, 1)[-1].rsplit("(", 1)[-1]
            if word in _ABBREVIATED or word[-1:].isupper() and (len(word) == 1 or not word[-2].isalpha()):
                continue
        ends.append(after)
    return ends


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
def test_sentence_ends_are_found_at_every_stop_before_a_capital(text):
    assert _sentence_ends(text) == _plain_sentence_ends(text)


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
@example("Kay left.\nHe said.\n \nShe said. \n Anna.  \t\nBerg\u2028came. Ola")
def test_sentence_ends_within_lines_are_those_that_start_no_line(text):
    assert _sentence_ends(text, within_lines=True) == [end for end in _plain_sentence_ends(text) if text[end - 1] != "\n"]


def _spans_line_by_line(text: str) -> list[marks.QuotedSpan]:
    """Every line of every paragraph read in turn (the blank line between paragraphs is none): the definition of
    the spans that `find_quoted_spans` finds reading only the lines that hold marks."""
    pattern = marks._MARK_WITH_SINGLE if marks._marks_of(text) is marks._MARK_WITH_SINGLE else marks._MARK
    lines, offset = [], 0
    for index, paragraph in enumerate(text.split("\n\n")):
        for line in paragraph.split("\n"):
            lines.append((index, offset, line))
            offset += len(line) + 1
        offset += 1
    spans = []
    for number, (index, offset, line) in enumerate(lines):
        found, at = [], 0
        while (m := pattern.search(line, at)) is not None:
            at = m.end()
            if (m.group() == "''" and line[at:at + 1] == "'" and line[at + 1:at + 2] != "'" and m.start()
                    and not line[m.start() - 1].isspace()):
                # `'old-school,'''`: the nested single quote closes, then the double apostrophe, one further on
                if pattern is marks._MARK_WITH_SINGLE:
                    found.append((m.start(), "'"))
                found.append((m.start() + 1, "''"))
                at += 1
            else:
                found.append((m.start(), m.group()))
        pairs, unclosed = marks._pair_marks(line, found)
        spans += [marks.QuotedSpan(offset + opener + open_len, offset + closer, index, True, open_len, close_len)
                  for opener, open_len, closer, close_len in pairs]
        if unclosed is not None:
            opener, open_len = unclosed
            following = lines[number + 1][2] if number + 1 < len(lines) else ""
            end = len(line.rstrip())
            if marks._opens_line(following, pattern) and end > opener + open_len:
                spans.append(marks.QuotedSpan(offset + opener + open_len, offset + end, index, False, open_len, 0))
    return spans


@settings(deadline=None, max_examples=400)
@given(_TEXTS)
@example("Anna-'''' ")  # four apostrophes after a word are two double marks
def test_quoted_spans_are_those_of_each_line_read_in_turn(text):
    assert marks.find_quoted_spans(text) == _spans_line_by_line(text)


# ... and texts whose only line breaks are paragraph breaks, whose lines are read from the paragraph starts
_PARAGRAPH_TEXTS = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(
    [gap for gap in _GAPS if gap.count("\n") in (0, 2)] + ["\n\n", "\n\n\n\n"])), max_size=30).map(
    lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(deadline=None, max_examples=400)
@given(_PARAGRAPH_TEXTS)
def test_quoted_spans_of_paragraphs_are_those_of_each_line_read_in_turn(text):
    assert marks.find_quoted_spans(text) == _spans_line_by_line(text)


def test_a_quotation_running_on_skips_the_blank_line_to_the_next_paragraph():
    text = "Intro:\n\n\u201cThe first paragraph of it.\n\n\u201cThe second one, closed.\u201d"
    assert marks.find_quoted_spans(text) == _spans_line_by_line(text)
    assert [span.closed for span in marks.find_quoted_spans(text)] == [False, True]


# words and marks the engine's quick tests before its patterns care about: the words a cue's noun test reads (in any
# case, with the letters a case-blind pattern reads as ASCII ones), the words that open another clause, commas
_CLAUSE_PIECES = ["the", "The", "THE", "a", "an", "its", "Kay’s", "Kay's", "of", "Of", "without", "among", "and",
                  "And", "while", "as", "so", "Berg", "said", "rock-solid", "9", "_", "—", "’", "'", "-", "/",
                  "\u0130", "\u0131", "\u017f", "\u212a", "hi\u017f", "thi\u017f", "ITS", "Çelik", "reported",
                  "taken", "by"]
_CLAUSE_GAPS = [" ", "  ", ", ", ",", "", "\xa0", "-", "(", "\u2009", "\x1c"]
_CLAUSE_TEXTS = st.lists(st.tuples(st.sampled_from(_CLAUSE_PIECES), st.sampled_from(_CLAUSE_GAPS)),
                         max_size=14).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(deadline=None, max_examples=400)
@given(_CLAUSE_TEXTS)
def test_quick_tests_before_the_patterns_never_pass_over_a_match(text):
    # a cue's noun test: the pattern finds nothing before a cue whose last character the quick test refuses
    head = text.rstrip()
    if _NOUN_BEFORE.search(head + " ", max(0, len(head) - 7)):
        assert head[-1:] in _NOUN_LEAD_ENDINGS and _may_end_with_noun_lead(head)
    # a tag's participle: the pattern matches only a subject whose first word the quick test finds
    assert _opens_with_participle(text) == (_PARTICIPLE_START.match(text) is not None)
    assert _opens_new_clause(text) == (_NEW_CLAUSE.search(text) is not None)
    assert (_ENOUGH_WORDS.match(text) is not None) == (len(_WORDS.findall(text)) >= 9) == _has_enough_words(text)


# words (plain ones most often, as in quotes) and what is no word or only part of one, between spaces of several
# kinds (and none)
_WORD_PIECES = ["Berg"] * 12 + ["it’s", "rock-solid", "’90s", "a_b", "_", "_x", "x_", "—", "’", "'", "-", "…", "“",
                                "”", ",", ".", "9", "\u0663", "\u00bd", "\u2167", "e\u0301", "\u0301", "a,b", "(x)",
                                "x.", "\u00b7"]
_WORD_GAPS = [" "] * 6 + ["  ", "\n", "\xa0", "\u2009", "\u3000", "\x1c", "\x85", "\t", ""]
_WORD_TEXTS = st.lists(st.tuples(st.sampled_from(_WORD_PIECES), st.sampled_from(_WORD_GAPS)), min_size=6,
                       max_size=14).map(lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(deadline=None, max_examples=600)
@given(_WORD_TEXTS)
@example("Berg " * 8 + "_")
@example("Berg " * 8 + "’")
@example("Berg " * 7 + "a,b")
@example("Berg\u2009" * 8 + "e\u0301")
@example("a b c d e f g h i")  # the shortest text of nine words
@example("a,b,c,d,e,f,g,h,i")
@example("a b c d e f g h\u0301i")
@example("a,b,c,d,e,f,g,hi")
@example("a-b c d e f g h i")
def test_the_quick_count_of_words_is_the_patterns(text):
    assert _has_enough_words(text) == (_ENOUGH_WORDS.match(text) is not None) == (len(_WORDS.findall(text)) >= 9)


@settings(deadline=None, max_examples=400)
@given(_TEXTS_WITH_WORDS)
def test_a_name_run_that_ends_a_text_is_found_by_the_quick_test(text):
    # (every caller of _name_run_ending wants a run that ends the text)
    runs = [run.group() for run in NAME_RUN.finditer(text)]
    if runs and text.rstrip().endswith(runs[-1]):
        assert _name_run_ending(text) == runs[-1]


@settings(deadline=None, max_examples=400)
@given(st.text(alphabet="tThHeE ’'sx", max_size=12), st.data())
def test_the_look_ups_around_a_name_answer_as_the_spelled_out_tests(text, data):
    # "the " before a name and a possessive after it, at every position a name may start or end (up to the text's end)
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert (text[at - 4:at] in cast._THE_WORDS) == text[:at].casefold().endswith("the ")
    assert (text[at:at + 1] in cast._POSSESSIVE_MARKS) == text.startswith(("’s", "'s", "’", "'"), at)


_CLAUSE_TEXTS = st.text(alphabet=st.sampled_from(list("thatandbutwhileasbecauseafterbeforeifwhoch ,;:9_é.-") +
                                                 ["\u017f", "\u212a", "\xa0"]), max_size=30)


@settings(deadline=None, max_examples=400)
@given(_CLAUSE_TEXTS)
@example("that, and: 9 whoever as-if_but which")
def test_clause_breaks_are_those_of_the_plain_pattern(text):
    plain = re.compile(r"[,;]|:(?!\d)|\b(?:that|and|but|while|when|as|because|after|before|if|who|which)\b")
    assert [found.span() for found in _CLAUSE_BREAK.finditer(text)] == [found.span() for found in plain.finditer(text)]
