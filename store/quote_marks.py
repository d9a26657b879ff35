"""Find quote-marked spans in an article body: pair opening and closing marks, tell apostrophes apart.

Only top-level spans are reported; a quotation nested inside another stays inside it. Marks are paired per
paragraph, so a missing closing mark costs at most that paragraph."""
from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the closing marks that may end it
_CLOSERS = {
    "\u201c": '\u201d\u201c"',  # “…” (and “…“ or “…" from careless typing)
    "\u201e": "\u201c\u201d",  # „…“ „…”
    "\u00ab": "\u00bb",  # «…»
    "\u2039": "\u203a",  # ‹…›
    "\u2018": "\u2019",  # ‘…’
    "\u201a": "\u2018\u2019",  # ‚…‘
    '"': '"\u201d',  # "…" (and "…” from careless typing)
}
_MARK = re.compile("[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\"]")
_SINGLE = "\u2018\u2019\u201a\u2039\u203a"
# a straight or single mark opens after the start, whitespace, an opening bracket/dash or another opening mark ...
_OPEN_BEFORE = set(" \n\t([{\u2014\u2013-/\u201c\u201e\u00ab\u2018\u201a\u2039\"")
# ... and closes before whitespace, punctuation or the end
_CLOSE_AFTER = set(" \n\t.,;:!?)]}\u2014\u2013-/\u2026\u201d\u00bb\u2019\u203a\"")
# elisions that start with a mark: ’90s, ’n’, ’em, ’tis
_ELISION = re.compile(r"(?:\d\d|n\b|em\b|tis\b|twas\b|til\b|cause\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between a pair of quote marks (marks excluded). `closed` is False for a quotation that runs on
    into the next paragraph, whose span then ends at its paragraph's end."""

    start: int
    end: int
    paragraph: int
    closed: bool = True
    open_len: int = 1  # length of the opening mark before `start` (2 for '')
    close_len: int = 1  # length of the closing mark at `end` (0 when not closed)


def _can_open(para: str, i: int) -> bool:
    mark = para[i]
    nxt = para[i + 1] if i + 1 < len(para) else ""
    if mark not in _CLOSERS or not nxt or nxt.isspace():
        return False
    if mark in "\u201c\u201e\u00ab\u2039\u201a":
        return True
    prev = para[i - 1] if i else " "
    if prev not in _OPEN_BEFORE:
        return False
    return not (mark == "\u2018" and _ELISION.match(para, i + 1))


def _can_close(para: str, i: int) -> bool:
    prev = para[i - 1] if i else ""
    if not prev or prev.isspace() and not _after_inner_closer(para, i):
        return False
    nxt = para[i + 1] if i + 1 < len(para) else " "
    return para[i] in "\u201d\u00bb\u203a\u201c" or nxt in _CLOSE_AFTER


def _after_inner_closer(para: str, i: int) -> bool:
    """`'outreach,' "`: a space between an inner and an outer closing mark."""
    return i >= 2 and para[i - 2] in "\u2019'\u203a"


def _is_possessive(para: str, i: int) -> bool:
    """`Jones’ car`: a closing single mark after an s, followed by a lowercase word, is likely an apostrophe."""
    return para[i - 1] == "s" and para[i + 1:i + 2] == " " and para[i + 2:i + 3].islower()


def _pair_marks(para: str) -> tuple[list[tuple[int, int]], int | None]:
    """Top-level (open, close) mark positions in one paragraph, and the position of a top-level opener
    left unclosed at the paragraph's end (or None)."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in _MARK.finditer(para):
        i, mark = match.start(), match.group()
        depth = _matching_depth(para, stack, i)
        if depth is not None:
            del stack[depth + 1:]
            opener = stack.pop()
            if not stack:
                pairs.append((opener, i))
        elif _can_open(para, i):
            if mark == '"' and stack and para[stack[-1]] == '"':
                stack.pop()  # straight marks do not nest: the earlier one was never closed
            stack.append(i)
    return pairs, (stack[0] if stack else None)


def _matching_depth(para: str, stack: list[int], i: int) -> int | None:
    """Index in `stack` of the innermost opener that the mark at `i` closes, or None."""
    mark = para[i]
    if not stack or not _can_close(para, i):
        return None
    for depth in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[para[stack[depth]]]:
            if mark in _SINGLE and depth == len(stack) - 1 and _is_possessive(para, i) and \
                    _later_closer(para, i, mark):
                return None
            return depth
    return None


def _later_closer(para: str, i: int, mark: str) -> bool:
    return para.find(mark, i + 1) != -1


def _starts_with_opener(para: str) -> bool:
    return bool(para) and para[0] in _CLOSERS and _can_open(para, 0)


def _lines(text: str):
    """(paragraph index, line offset, line) for every line; marks never pair across a line break."""
    offset = 0
    for index, para in enumerate(text.split("\n\n")):
        for line in para.split("\n"):
            yield index, offset, line
            offset += len(line) + 1
        offset += 1


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All top-level quote-marked spans of `text` in reading order, whether quotations, titles or scare
    quotes. A span left open at a line's end counts only when the next line opens with a quote mark
    (the convention for a quotation running over several paragraphs)."""
    spans: list[QuotedSpan] = []
    lines = list(_lines(text))
    for number, (index, offset, line) in enumerate(lines):
        pairs, unclosed = _pair_marks(line)
        for opener, closer in pairs:
            spans.append(QuotedSpan(offset + opener + 1, offset + closer, index))
        if unclosed is not None:
            following = lines[number + 1][2] if number + 1 < len(lines) else ""
            end = len(line.rstrip())
            if _starts_with_opener(following) and end > unclosed + 1:
                spans.append(QuotedSpan(offset + unclosed + 1, offset + end, index, closed=False, close_len=0))
    return spans
