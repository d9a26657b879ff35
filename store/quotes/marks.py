"""Find quote-marked spans in an article body: pair opening and closing marks, tell apostrophes apart.

Curly, straight, angle and low-9 marks are read, and so are double apostrophes ''…'' (as some papers print
their quotation marks) and, in an article that uses them as its quotation marks (British style, no double
marks anywhere), straight single quotes, with their apostrophes (it's, the '90s, Jones') left alone.

Only top-level spans are reported; a quotation nested inside another stays inside it. Marks are paired per
line, so a missing closing mark costs at most that paragraph. The work is linear in the length of the text:
each mark is looked at a bounded number of times, however long a paragraph is."""
from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import NamedTuple

# opening mark -> the closing marks that may end it
_CLOSERS = {
    "\u201c": '\u201d\u201c"',  # “…” (and “…“ or “…" from careless typing)
    "\u201e": "\u201c\u201d",  # „…“ „…”
    "\u00ab": "\u00bb",  # «…»
    "\u2039": "\u203a",  # ‹…›
    "\u2018": "\u2019",  # ‘…’
    "\u201a": "\u2018\u2019",  # ‚…‘
    '"': '"\u201d',  # "…" (and "…” from careless typing)
    "''": ("''", "\u201d"),  # ''…'' (as a pair of marks, never one apostrophe)
    "'": "'",  # '…' in an article that uses straight single quotes as its quotation marks
}
# A mark is found by its first character (so that a scan skips in C to the next one); a single mark between two
# letters or digits (can’t, O’Brien) can neither open nor close a quote and is passed over.
_INSIDE_WORD = "(?!(?<=\\w[\u2018\u2019'])\\w)"
_MARK_CHARS = "\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\"'"
_MARK = re.compile("[" + _MARK_CHARS + "](?:(?<=')'|(?<!'))" + _INSIDE_WORD)
_MARK_WITH_SINGLE = re.compile("[" + _MARK_CHARS + "](?:(?<=')'?|(?<!'))" + _INSIDE_WORD)
_SINGLE = frozenset("\u2018\u2019\u201a\u2039\u203a'")
# the marks that may be apostrophes: only these the patterns above may pass over or read as two ('')
_APOSTROPHES = frozenset("\u2018\u2019'")
_ALWAYS_OPENS = frozenset("\u201c\u201e\u00ab\u2039\u201a")
_ALWAYS_CLOSES = frozenset("\u201d\u00bb\u203a\u201c")
# a straight or single mark opens after the start, whitespace, an opening bracket/dash or another opening mark ...
_OPEN_BEFORE = set(" \n\t\xa0([{\u2014\u2013-/\u201c\u201e\u00ab\u2018\u201a\u2039\"'")
# ... and closes before whitespace, punctuation or the end
_CLOSE_AFTER = set(" \n\t\xa0.,;:!?)]}\u2014\u2013-/\u2026\u201d\u00bb\u2019\u203a\"'")
# elisions that start with a mark: ’90s, ’n’, ’em, ’tis
_ELISION = re.compile(r"(?:\d\d|n\b|em\b|tis\b|twas\b|til\b|cause\b|bout\b)", re.IGNORECASE)
# double marks of any kind: an article with none of them may use straight single quotes as its marks
_DOUBLE_MARKS = re.compile("''|[\u201c\u201d\u201e\u00ab\u00bb\"]")
_SINGLE_OPENER = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013]))'(?=[^\W\d_])(?!(?:n|em|tis|twas|til|cause|bout)\b)",
                            re.MULTILINE)
_MAX_DEPTH = 6  # quotes nest a few levels deep at most; deeper openers are dropped, keeping pairing linear


class QuotedSpan(NamedTuple):
    """Text between a pair of quote marks (marks excluded). `closed` is False for a quotation that runs on
    into the next paragraph, whose span then ends at its paragraph's end. A tuple: spans are made by the
    thousand (a frozen dataclass took five times as long to make)."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    open_len: int = 1  # length of the opening mark before `start` (2 for '')
    close_len: int = 1  # length of the closing mark at `end` (0 when not closed)


_new_span = tuple.__new__  # a QuotedSpan made without a Python call
_FIRST = itemgetter(0)


def _can_open(para: str, i: int, mark: str) -> bool:
    after = i + len(mark)
    nxt = para[after] if after < len(para) else ""
    if mark not in _CLOSERS or not nxt:
        return False
    if nxt.isspace():  # `“ You know, …”`: a stray space after a mark that only opens (here nothing is open)
        return mark in _ALWAYS_OPENS and nxt == " " and not para[after + 1:after + 2].isspace() and \
            after + 1 < len(para)
    if mark in _ALWAYS_OPENS:
        return True
    prev = para[i - 1] if i else " "
    if prev not in _OPEN_BEFORE and not (mark == '"' and prev in ".,;:!?" and nxt.isupper()):
        return False  # (a straight mark also opens after a full stop and before a capital: `here."We …`)
    return not (mark in ("\u2018", "'") and _ELISION.match(para, after))


def _can_close(para: str, i: int, mark: str) -> bool:
    prev = para[i - 1] if i else ""
    if not prev or prev.isspace() and not _after_inner_closer(para, i) and not _stray_space_closer(para, i, mark):
        return False
    if mark in ("'", "\u2019") and para[i - 2:i - 1] == mark and prev == "n" and (i < 3 or not para[i - 3].isalnum()):
        return False  # the second apostrophe of rock ’n’ roll
    after = i + len(mark)
    nxt = para[after] if after < len(para) else " "
    # `…evening,"Katie said`: a straight mark after a comma closes even with no space after it
    return mark in _ALWAYS_CLOSES or nxt in _CLOSE_AFTER or mark == '"' and prev == "," and nxt.isalpha()


def _stray_space_closer(para: str, i: int, mark: str) -> bool:
    """`"… a disgrace, " Kay said`: a straight mark after a word, a comma or a stop and a stray space, before a
    space, closes the quote it may close (with a space after it, it cannot open one)."""
    return mark == '"' and i >= 2 and not para[i - 2].isspace() and para[i + 1:i + 2] in (" ", "")


def _after_inner_closer(para: str, i: int) -> bool:
    """`'outreach,' "`: a space between an inner and an outer closing mark."""
    return i >= 2 and para[i - 2] in "\u2019'\u203a"


def _is_possessive(para: str, i: int) -> bool:
    """`Jones’ car`: a closing single mark after an s, followed by a lowercase word, is likely an apostrophe."""
    return para[i - 1] == "s" and para[i + 1:i + 2] == " " and para[i + 2:i + 3].islower()


def _pair_marks(para: str, marks: list[tuple[int, str]]) -> tuple[list[tuple[int, int, int, int]], tuple[int, int] | None]:
    """Top-level (open, open length, close, close length) mark positions in one line, given its marks
    (position, mark), and (position, length) of a top-level opener left unclosed at the line's end (or None)."""
    pairs: list[tuple[int, int, int, int]] = []
    stack: list[tuple[int, str]] = []
    # the last position of each closing single mark: is there a later closer? (one scan per line, not per mark)
    last_at = {mark: para.rfind(mark) for mark in ("\u2019", "\u203a", "'") if mark in para}
    for i, mark in marks:
        if stack and stack[-1] == (i - 1, mark) and mark in _ALWAYS_OPENS:
            continue  # `““Radical …”`: an opening mark typed twice opens once
        depth = _matching_depth(para, stack, i, mark, last_at)
        if depth is not None:
            del stack[depth + 1:]
            opener, opening = stack.pop()
            if not stack:
                pairs.append(_trimmed(para, opener, len(opening), i, len(mark)))
        elif _can_open(para, i, mark):
            if mark in ('"', "''") and stack and stack[-1][1] == mark:
                stack.pop()  # straight marks do not nest: the earlier one was never closed
            if len(stack) == _MAX_DEPTH:
                del stack[1]  # keep the outermost opener, drop the oldest inner one
            stack.append((i, mark))
    return pairs, ((stack[0][0], len(stack[0][1])) if stack else None)


def _trimmed(para: str, opener: int, open_len: int, closer: int, close_len: int) -> tuple[int, int, int, int]:
    """A pair of marks with a stray space or a doubled mark (`“ You know`, `““Radical`, `a disgrace, "`) counted in
    its marks: no part of the quotation."""
    first = para[opener + open_len]
    if (first == " " or first == "\u201c" == para[opener]) and closer > opener + open_len + 1:
        open_len += 1
    if para[closer - 1] == " " and closer - 1 > opener + open_len:
        closer, close_len = closer - 1, close_len + 1
    return opener, open_len, closer, close_len


def _matching_depth(para: str, stack: list[tuple[int, str]], i: int, mark: str,
                    last_at: dict[str, int]) -> int | None:
    """Index in `stack` of the innermost opener that the mark at `i` closes, or None."""
    if not stack or not _can_close(para, i, mark):
        return None
    for depth in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[stack[depth][1]]:
            if mark in _SINGLE and depth == len(stack) - 1 and _is_possessive(para, i) and \
                    last_at.get(mark, -1) > i:
                return None  # `Jones’ car` with the real closing mark still to come
            return depth
    return None


def _opens_line(line: str, marks: re.Pattern) -> bool:
    match = marks.match(line)
    return match is not None and _can_open(line, 0, match.group())


def _marks_of(text: str) -> re.Pattern:
    """The marks an article quotes with: straight single quotes too when it has no double marks at all, or when
    its paragraphs open with single quotes and those outnumber its double marks (a British article quoting a
    title or a post in double marks)."""
    if "'" not in text:
        return _MARK
    if not _DOUBLE_MARKS.search(text):
        return _MARK_WITH_SINGLE if _SINGLE_OPENER.search(text) else _MARK
    if ("\n'" in text or text[:1] == "'") and \
            2 * len(_SINGLE_OPENER.findall(text)) > len(_DOUBLE_MARKS.findall(text)):
        return _MARK_WITH_SINGLE
    return _MARK


def _marks_in(text: str, marks: re.Pattern) -> list[tuple[int, str]]:
    """(position, mark) of every match of `marks` in `text`, as `finditer` gives them (but for three apostrophes
    after a word, below): each mark character is found
    with `str.find` (a scan in C many times faster than the pattern's, which tests every character against its
    class) and the pattern is tried only where an apostrophe may be a mark. A double or angle mark is a mark wherever
    it stands, and no match passes over one (only a second straight apostrophe is read with the first: ''), so those
    are taken as found."""
    found = []
    apostrophes = []
    for char in _MARK_CHARS:
        if char not in text:  # (most are not: told without the arguments of a call to read)
            continue
        at = text.find(char)
        if char in _APOSTROPHES:
            while at >= 0:
                apostrophes.append(at)
                at = text.find(char, at + 1)
        else:
            while at >= 0:
                found.append((at, char))
                at = text.find(char, at + 1)
    if apostrophes:
        apostrophes.sort()
        end = 0
        match = marks.match
        last = len(text) - 1
        for at in apostrophes:
            # an apostrophe between two letters or digits (it’s, O’Brien) is no mark: told without the pattern
            if at >= end and not (0 < at < last and text[at - 1].isalnum() and text[at + 1].isalnum()):
                mark = match(text, at)
                if mark is not None:
                    end = mark.end()
                    if (end == at + 2 and text[end:end + 1] == "'" and text[end + 1:end + 2] != "'" and at
                            and not text[at - 1].isspace()):
                        # `the word 'old-school,'''`: the inner quote closes first, then the double apostrophe
                        # (four apostrophes are two double marks)
                        if marks is _MARK_WITH_SINGLE:
                            found.append((at, "'"))
                        found.append((at + 1, "''"))
                        end += 1
                    else:
                        found.append((at, mark.group()))
    found.sort()
    return found




_PARAGRAPH_BREAK = re.compile("\n\n")
_END = re.Match.end


def paragraph_starts_of(text: str) -> list[int]:
    """Where each paragraph of `text` starts, as `text.split("\n\n")` cuts them (after each break found from the
    left, without overlap; the ends of the matches are read in C)."""
    return [0, *map(_END, _PARAGRAPH_BREAK.finditer(text))]


def find_quoted_spans(text: str, paragraph_starts: list[int] | None = None) -> list[QuotedSpan]:
    """All top-level quote-marked spans of `text` in reading order, whether quotations, titles or scare
    quotes. A span left open at a line's end counts only when the next line opens with a quote mark
    (the convention for a quotation running over several paragraphs). `paragraph_starts`: those of
    `paragraph_starts_of(text)`, when the caller has them."""
    spans: list[QuotedSpan] = []
    marks = _marks_of(text)
    found = _marks_in(text, marks)
    if not found:
        return spans
    # only the lines holding marks are read
    if paragraph_starts is None:
        paragraph_starts = paragraph_starts_of(text)
    positions = list(map(_FIRST, found))
    next_mark, marks_found, length = 0, len(found), len(text)
    # when every line break is one of the two of a paragraph break (as in most articles), each line is a paragraph:
    # its bounds are read from the paragraph starts, without a search for line breaks around each line with marks
    # (counted for the first line read: in most articles every mark is one of the pairs below, and none is)
    paragraphs = len(paragraph_starts)
    lines_are_paragraphs = None
    bisect_right = bisect.bisect_right
    last_pair = marks_found - 1
    while next_mark < marks_found:
        # the usual “…” (nothing open before it, as at a line's start or after another such pair), closing in its
        # line and with no space inside its marks: what `_pair_marks` would pair, told without reading its line
        if next_mark < last_pair:
            (opener, opening), (closer, closing) = found[next_mark], found[next_mark + 1]
            if opening == "\u201c" and closing == "\u201d" and not text[opener + 1].isspace() and \
                    not text[closer - 1].isspace() and text.find("\n", opener, closer) < 0:
                spans.append(_new_span(QuotedSpan, (opener + 1, closer, bisect_right(paragraph_starts, opener) - 1,
                                                    True, 1, 1)))
                next_mark += 2
                continue
        if lines_are_paragraphs is None:
            lines_are_paragraphs = text.count("\n") == 2 * (paragraphs - 1)
        if lines_are_paragraphs:
            index = bisect_right(paragraph_starts, positions[next_mark]) - 1
            offset = paragraph_starts[index]
            line_end = paragraph_starts[index + 1] - 2 if index + 1 < paragraphs else length
        else:
            offset = text.rfind("\n", 0, positions[next_mark]) + 1
            line_end = text.find("\n", offset)
            if line_end < 0:
                line_end = length
            index = bisect_right(paragraph_starts, offset) - 1
        # the rest of the line's marks (those of the pairs above are no part of what `_pair_marks` reads: nothing is
        # open after them)
        first = next_mark
        next_mark = bisect.bisect_left(positions, line_end, first)  # the first mark after the line
        line = text[offset:line_end]
        pairs, unclosed = _pair_marks(line, [(at - offset, mark) for at, mark in found[first:next_mark]])
        for opener, open_len, closer, close_len in pairs:
            spans.append(QuotedSpan(offset + opener + open_len, offset + closer, index, True, open_len, close_len))
        if unclosed is not None:
            opener, open_len = unclosed
            following = _next_line(text, line_end, paragraph_starts)
            end = len(line.rstrip())
            if _opens_line(following, marks) and end > opener + open_len:
                spans.append(QuotedSpan(offset + opener + open_len, offset + end, index, False, open_len, 0))
    return spans


def _next_line(text: str, line_end: int, paragraph_starts: list[int]) -> str:
    """The line after the one ending at `line_end`: in the next paragraph when a paragraph break ends it (the
    blank line between paragraphs is no line of its own)."""
    if line_end >= len(text):
        return ""
    start = line_end + 1
    after_break = bisect.bisect_left(paragraph_starts, line_end + 2)
    if after_break < len(paragraph_starts) and paragraph_starts[after_break] == line_end + 2:
        start = line_end + 2
    end = text.find("\n", start)
    return text[start:end if end >= 0 else len(text)]
