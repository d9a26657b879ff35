"""Short texts the app and the headless commands both write: counts with their noun, untrusted text on one line.
No Textual here: the headless commands import it."""
from __future__ import annotations

from store.text import printable


def plural(count: int, noun: str, *, grouped: bool = False) -> str:
    """"1 article", "2 articles"; `grouped` writes thousands apart ("12,000 articles")."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {noun}" if count == 1 else f"{number} {noun}s"


def one_line(text: str, limit: int | None = None) -> str:
    """`text` on one line, through the sanitiser (it may come from a hand-edited state file), cut at `limit`
    characters."""
    flat = printable(text)
    return flat if limit is None or len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
