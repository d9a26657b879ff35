"""Plain dataclasses that flow from `store` to the faces (TUI and CLI)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation of an article. `start`/`end` index `Article.text` (the body the reader shows);
    `text == article.text[start:end]` always holds, without the enclosing quote marks."""

    text: str
    start: int
    end: int
    paragraph: int  # 0-based index into Article.paragraphs
    speaker: str | None = None  # the fullest name the article gives, or an unnamed speaker's head noun
    role: str | None = None  # "MP", "Foreign Minister", ... kept apart from the name
    # Evidence: how the speaker was found. Offsets index Article.text like start/end; None when absent. A
    # continuation carries the cue and mention of the quotation it continues. See store.quotes.evidence.
    cue_start: int | None = None  # the speech verb, colon or "according to" that attributes the quotation
    cue_end: int | None = None
    mention_start: int | None = None  # the words naming the speaker here: a name, a pronoun, a role
    mention_end: int | None = None
    resolution: str = "none"  # "name", "partial_name", "pronoun", "role", "continuation" or "none"
    confidence: str = "low"  # "high": a name at the cue; "medium": resolved nearby; "low": further or no cue
    basis: str | None = None  # how a pronoun, role or continuation was resolved (store.quotes.evidence.BASES)


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article. `text` is the normalised body: paragraphs joined by a blank line ("\\n\\n"),
    no control characters; every offset in the project indexes it."""

    id: str  # stable hash of the normalised content: survives renames and moves
    # The file's name as a string (`path` makes the `Path`): the processes that read a corpus never need one, and
    # making it cost them more than anything else but reading the file and finding its quotations.
    file: str
    title: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    format: str = "plain"  # "wire", "plain", "markdown", "web", "feed"
    notice: str | None = None  # something the reader should know about the file (e.g. its encoding)
    entry: str | None = None  # which entry of a feed file `path` is this (store.sources.feeds); None: the whole file
    author: str | None = None  # the byline, when the file gives one
    full_title: str | None = None  # the whole headline when `title` (made from the lead) is cut to fit a list
    url_refused: bool = False  # the file gave a link that is no safe http(s) address: dropped, `url` is None

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n") if self.text else []

    @property
    def headline(self) -> str:
        """The headline as a citation gives it: whole, never cut."""
        return self.full_title or self.title


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the article list needs of an article, without its text (loaded when the article is opened).
    `size` and `mtime_ns` are the file's when it was read: a change on disk is noticed by them. A feed file's
    entries all carry the feed's size and time, each with its own `entry`. The file name is kept as a string:
    making a `Path` costs more than everything else a listed article needs (seconds at 100,000 articles)."""

    id: str
    file: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    format: str
    size: int
    mtime_ns: int
    entry: str | None = None

    @property
    def path(self) -> Path:
        return Path(self.file)

    @classmethod
    def of(cls, article: Article, size: int, mtime_ns: int) -> ArticleMeta:
        return cls(article.id, article.file, article.title, article.date, article.source, article.url,
                   article.format, size, mtime_ns, article.entry)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that could not be read as an article, and why (shown to the user, never raised)."""

    path: Path
    reason: str


@dataclass(slots=True)
class FileRead:
    """The articles of one file (one, or a feed's entries), and why some of a feed's entries could not be
    read (one line each)."""

    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


HIGHLIGHT_COLORS = 4  # colours are numbered 1..4; the UI maps them to theme colours


@dataclass(frozen=True, slots=True)
class Highlight:
    """A passage the user marked. Citation fields (title, source, date, path) are copied from the article
    when the highlight is made, so highlights can be listed and exported without the corpus."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    created: str  # ISO 8601, local time with offset
    speaker: str | None = None
    color: int = 1
    note: str = ""
    title: str = ""  # the whole headline
    source: str | None = None
    date: str | None = None
    path: str = ""
    detached: bool = False  # its text is no longer in the article: kept, never dropped
    author: str | None = None
    url: str | None = None
    # Where the highlighted quotation was first seen in the corpus (its earliest version elsewhere, or this
    # one), when it was printed more than once; unset on highlights made before provenance was kept.
    first_seen_source: str | None = None
    first_seen_date: str | None = None

    @property
    def first_seen(self) -> str:
        """"Source, date" of the first seen version, "" when it is not known."""
        return ", ".join(part for part in (self.first_seen_source, self.first_seen_date) if part)


SPEAKER, HIDDEN, ADDED = "speaker", "hidden", "added"
CORRECTION_KINDS = (SPEAKER, HIDDEN, ADDED)


@dataclass(frozen=True, slots=True)
class Correction:
    """The reader's word on one span of an article, which wins over the engine's everywhere (see
    `store.corrections`). `kind`: "speaker" (who said a quotation the engine found), "hidden" (the span is no
    quotation), "added" (a quotation the engine missed). Offsets index `Article.text` like a quotation's, and
    `text == article.text[start:end]`; when the article changes it is found again by its text, and kept detached,
    never dropped, when the text is gone (see `store.anchors`)."""

    id: str
    article_id: str
    kind: str
    start: int
    end: int
    text: str
    created: str  # ISO 8601, local time with offset
    speaker: str | None = None  # the reader's speaker ("speaker" and "added"); None: unknown
    extracted_speaker: str | None = None  # what the engine said when the reader corrected it
    path: str = ""  # the article's file, and its entry in a feed file: a changed file keeps its corrections
    entry: str | None = None
    detached: bool = False  # its text is no longer in the article: kept, never dropped
