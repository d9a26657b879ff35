"""The reader's corrections applied to the engine's quotations: one function for every face.

The sidebar, `y` and its citation, new highlights, `quotedesk quotes` and `quotedesk corrections` all list an
article's quotations through `apply_corrections`, so none of them can disagree with another. A correction
(`store.model.Correction`) gives a quotation the engine found another speaker ("speaker"), says a span is no
quotation ("hidden"), or adds one the engine missed ("added"). Corrections are kept by `store.state`.

A correction is matched to the engine's quotation with the same span; failing that (the engine has since drawn
the quotation a little differently), to the one it overlaps most. A speaker correction the engine no longer has a
quotation for is kept as the reader's own quotation: the reader said who said it.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from .quotes.evidence import explain
from .model import ADDED, HIDDEN, SPEAKER, Article, ArticleMeta, Correction, Highlight, Quotation
from .text import clean_inline

try:  # hashlib's own BLAKE2, without the OpenSSL bindings that importing hashlib loads (a launch's first screen
    # imports this module, and needs no digest)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

QUOTE_MARKS = "\"'“”‘’„‚«»‹›「」『』"


@dataclass(frozen=True, slots=True)
class CorrectedQuotation:
    """One quotation as every face lists it."""

    quotation: Quotation  # the reader's speaker when corrected; the engine's evidence is kept as it was
    engine: Quotation | None  # what the engine found on this span; None: a quotation the reader added
    correction: Correction | None = None  # the reader's speaker ("speaker" or "added")
    hidden: Correction | None = None  # the reader said it is no quotation

    @property
    def extracted_speaker(self) -> str | None:
        return self.engine.speaker if self.engine is not None else None

    @property
    def corrected(self) -> bool:
        return self.correction is not None

    @property
    def added(self) -> bool:
        return self.engine is None


def apply_corrections(text: str, quotations: Sequence[Quotation], corrections: Iterable[Correction], *,
                      include_hidden: bool = False) -> list[CorrectedQuotation]:
    """The quotations of an article's `text` (the engine's `quotations`, in reading order) with the reader's
    `corrections` of that article applied: speakers corrected, hidden ones left out (kept, marked, with
    `include_hidden`), added ones in their place. Detached corrections apply to nothing."""
    attached = [c for c in corrections if not c.detached]
    speakers = _matched(quotations, [c for c in attached if c.kind != HIDDEN])
    hidden = _matched(quotations, [c for c in attached if c.kind == HIDDEN])
    listed = []
    for index, engine in enumerate(quotations):
        correction = speakers.get(index)
        shown = engine if correction is None else _with_speaker(engine, correction.speaker)
        listed.append(CorrectedQuotation(shown, engine, correction, hidden.get(index)))
    claimed = {id(c) for c in speakers.values()}
    engine_listed = len(listed)
    for correction in attached:
        if correction.kind != HIDDEN and id(correction) not in claimed:
            own = Quotation(correction.text, correction.start, correction.end,
                            text.count("\n\n", 0, correction.start), speaker=correction.speaker)
            hides = [c for c in attached if c.kind == HIDDEN and (c.start, c.end) == (own.start, own.end)]
            listed.append(CorrectedQuotation(own, None, correction, hides[0] if hides else None))
    if len(listed) > engine_listed:  # the engine's are in reading order already; added ones go in their place
        listed.sort(key=lambda item: (item.quotation.start, item.quotation.end))
    return listed if include_hidden else [item for item in listed if item.hidden is None]


def _with_speaker(quotation: Quotation, speaker: str | None) -> Quotation:
    # The engine's role was given to the engine's speaker.
    role = quotation.role if speaker == quotation.speaker else None
    return replace(quotation, speaker=speaker, role=role)


def _matched(quotations: Sequence[Quotation], corrections: list[Correction]) -> dict[int, Correction]:
    """Quotation index -> the correction that applies to it: the same span first, then the largest overlap; each
    quotation takes at most one correction and each correction applies to at most one quotation."""
    taken: dict[int, Correction] = {}
    by_span = {(q.start, q.end): i for i, q in enumerate(quotations)}
    loose = []
    for correction in sorted(corrections, key=lambda c: c.created, reverse=True):  # the latest word wins
        index = by_span.get((correction.start, correction.end))
        if index is None:
            loose.append(correction)
        elif index not in taken:
            taken[index] = correction
    for correction in loose:
        overlaps = [(min(q.end, correction.end) - max(q.start, correction.start), -i) for i, q in enumerate(quotations)
                    if i not in taken]
        best = max(overlaps, default=(0, 0))
        if best[0] > 0:
            taken[-best[1]] = correction
    return taken


def detached(corrections: Iterable[Correction]) -> list[Correction]:
    """The corrections whose text is no longer in their article: shown apart, never applied, never dropped."""
    return [c for c in corrections if c.detached]


def explain_corrected(item: CorrectedQuotation, text: str) -> str:
    """One line telling where the speaker of a listed quotation comes from: the reader, or the engine (how it found
    it, `store.quotes.evidence.explain`)."""
    engine = f"the engine said: {explain(item.engine, text)}" if item.engine is not None else ""
    if item.hidden is not None:
        return f"Marked as no quotation by you ({engine})" if engine else "Added, then marked as no quotation by you"
    if item.correction is None:
        return explain(item.engine, text)
    speaker = item.quotation.speaker or "speaker unknown"
    if item.added:
        return f"Added by you: {speaker}"
    return f"Corrected by you: {speaker} ({engine})"


# Making corrections -------------------------------------------------------------------------------------------
def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_correction(article: Article, kind: str, start: int, end: int, *, speaker: str | None = None,
                   extracted_speaker: str | None = None) -> Correction:
    return Correction(id=uuid.uuid4().hex[:12], article_id=article.id, kind=kind, start=start, end=end,
                      text=article.text[start:end], created=_now(), speaker=speaker,
                      extracted_speaker=extracted_speaker, path=str(article.path), entry=article.entry)


def speaker_correction(article: Article, item: CorrectedQuotation, speaker: str | None) -> Correction | None:
    """The correction that gives `item` the reader's `speaker` (None: unknown), or None when that is the engine's
    answer (a correction that agreed with the engine would only hide a later improvement of it). A quotation the
    reader added keeps its record, with the new speaker."""
    speaker = _name(speaker)
    if item.added:
        return replace(item.correction, speaker=speaker, created=_now())
    if speaker == item.extracted_speaker:
        return None
    q = item.engine
    return new_correction(article, SPEAKER, q.start, q.end, speaker=speaker, extracted_speaker=q.speaker)


def hiding(article: Article, item: CorrectedQuotation) -> Correction:
    """The correction that says `item` is no quotation."""
    q = item.quotation
    return new_correction(article, HIDDEN, q.start, q.end, extracted_speaker=item.extracted_speaker)


def selected_quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a quotation the reader selected from `start` to `end`: without the quote marks and spaces a
    selection catches at either end, nor a comma before the closing mark (it belongs to the attribution, as in the
    engine's quotations); None when nothing is left."""
    while start < end and (text[start].isspace() or text[start] in QUOTE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_MARKS + ","):
        end -= 1
    return (start, end) if end > start else None


def addition(article: Article, start: int, end: int, speaker: str | None) -> Correction:
    """A quotation the engine missed, from `start` to `end`, said by `speaker` (None: unknown)."""
    return new_correction(article, ADDED, start, end, speaker=_name(speaker))


def _name(typed: str | None) -> str | None:
    """A speaker as the reader typed it, on one line and without control characters; None when empty."""
    return clean_inline(typed or "").strip() or None


def highlight_speakers(highlights: Iterable[Highlight], listed: Sequence[CorrectedQuotation]) -> list[Highlight]:
    """The highlights whose speaker is no longer the one listed for them, with that speaker. A highlight takes the
    speaker of the quotation it lies in (none for one that lies in no listed quotation), so that a correction
    reaches the highlights already made of that quotation, and their exports."""
    changed = []
    for highlight in highlights:
        if highlight.detached:
            continue
        speaker = next((item.quotation.speaker for item in listed if item.hidden is None
                        and item.quotation.start <= highlight.start and highlight.end <= item.quotation.end), None)
        if speaker != highlight.speaker:
            changed.append(replace(highlight, speaker=speaker))
    return changed


# For the faces that list quotations across the corpus ---------------------------------------------------------
class CorrectionsByArticle:
    """Every correction of the state, found for articles read from their files by a face that reads many of them
    (`quotedesk quotes`, an index of speakers): those made on an article, and those made on an earlier version of
    its file (the same path, compared as absolute paths, and the same feed entry), which follow it once that
    version is no longer in the corpus. Either way they are placed on the article's text as the app places them
    (`store.anchors`): a record whose text is not where it says is moved to it, or detached."""

    def __init__(self, corrections: Iterable[Correction]) -> None:
        self.by_id: dict[str, list[Correction]] = {}
        self.by_file: dict[tuple[str, str | None], list[Correction]] = {}
        for correction in corrections:
            self.by_id.setdefault(correction.article_id, []).append(correction)
            self.by_file.setdefault((os.path.abspath(correction.path), correction.entry), []).append(correction)

    def earlier(self, article: Article | ArticleMeta) -> list[Correction]:
        """The corrections made on other versions of `article`'s file."""
        return [c for c in self.by_file.get((os.path.abspath(article.path), article.entry), ())
                if c.article_id != article.id]

    def found(self, article: Article | ArticleMeta, known_ids: Container[str]) -> list[Correction]:
        """The corrections that belong to `article`, as recorded (not yet placed on its text): all that its id and
        its file tell, without reading it."""
        return self.by_id.get(article.id, []) + [c for c in self.earlier(article) if c.article_id not in known_ids]

    @staticmethod
    def place(found: list[Correction], article: Article) -> list[Correction]:
        """`found` placed on the article's text."""
        from .anchors import reanchor

        return [reanchor(c, article, entry=article.entry) for c in found]

    def of(self, article: Article, known_ids: Container[str]) -> list[Correction]:
        """The corrections of `article`, placed on its text; `known_ids`: the ids of the corpus' articles."""
        return self.place(self.found(article, known_ids), article)


def fingerprint(corrections: Iterable[Correction]) -> str:
    """A short digest of what an article's corrections decide: an index of speakers kept beside a corpus can tell
    from it which articles to index again."""
    decided = sorted((c.kind, c.start, c.end, c.speaker or "", c.detached) for c in corrections)
    return blake2b(repr(decided).encode(), digest_size=8).hexdigest() if decided else ""


def article_people(text: str, quotations: Sequence[Quotation]) -> list[str]:
    """The people an article names, as suggestions for a speaker: its speakers first, most quoted first, then
    every other person it names in full, in reading order."""
    from .quotes.cast import Cast

    counts: dict[str, int] = {}
    for quotation in quotations:
        if quotation.speaker:
            counts[quotation.speaker] = counts.get(quotation.speaker, 0) + 1
    people = sorted(counts, key=lambda name: -counts[name])
    cast = Cast(text, [(q.start, q.end) for q in quotations])
    for person in cast.people.values():
        if person.given and not person.body and person.fullest not in counts:
            people.append(person.fullest)
    return people


# The scorer's gold format -------------------------------------------------------------------------------------
def gold(corrections: Iterable[Correction], optional: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """The corrections as a test set in the format of the quotation scorer: `{file name: {"quotes": [[text,
    speaker], ...], ...}}`, keyed by the article's file name, as the scorer matches extracted quotations by it.
    "quotes": the quotations the reader corrected or added, with the reader's speaker (null: unknown, not scored);
    "not_quotes": the spans the reader hid; "optional": `optional[file name]`, the engine's other quotations of
    that article, which the reader did not judge (the scorer counts them neither right nor wrong); "detached":
    the corrections whose text is no longer in the article."""
    corrections = sorted(corrections, key=lambda c: (c.path, c.entry or "", c.start, c.end, c.kind))
    hidden = {(c.article_id, c.start, c.end) for c in corrections if c.kind == HIDDEN and not c.detached}
    articles: dict[str, dict] = {}
    for correction in corrections:
        name = os.path.basename(correction.path) or correction.article_id
        entry = articles.setdefault(name, {"quotes": []})
        if correction.detached:
            entry.setdefault("detached", []).append([correction.text, correction.speaker])
        elif correction.kind == HIDDEN:
            entry.setdefault("not_quotes", []).append(correction.text)
        elif (correction.article_id, correction.start, correction.end) not in hidden:  # hidden wins
            entry["quotes"].append([correction.text, correction.speaker])
    for name, texts in (optional or {}).items():
        if name in articles and texts:
            articles[name]["optional"] = texts
    return articles
