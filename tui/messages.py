"""Messages that widgets post up to the screen, which decides what happens."""
from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ArticleChosen(Message):
    """The user asked to open an article."""

    article_id: str


@dataclass
class QuotationHighlighted(Message):
    """The cursor in the quote sidebar moved onto a quotation."""

    index: int


@dataclass
class QuotationChosen(Message):
    """The user asked to jump to a quotation."""

    index: int


@dataclass
class LibraryEvent(Message):
    """Progress of opening the corpus in its worker: a `store.library` event."""

    event: object


@dataclass
class SearchChanged(Message):
    """The search text changed."""

    text: str


class SearchAccepted(Message):
    """Enter in the search field: the user is done typing."""


class SearchCleared(Message):
    """Escape in the search field: back to every article."""


@dataclass
class UrlClicked(Message):
    """A link was clicked; the app opens it in the browser."""

    url: str
