"""Saying what a key changed, and, in a read-only session, that the change is not saved."""
from __future__ import annotations

from textual.dom import DOMNode

NOT_SAVED = "read-only: not saved"


def tell_change(node: DOMNode, said: str, *, read_only: bool, quiet: bool = False) -> None:
    """Say `said` (nothing when `quiet` and the change is saved: the screen shows it). In a read-only session the
    change holds until quit, and every key that saves says so where it is pressed."""
    if read_only:
        node.notify(f"{said} — {NOT_SAVED}.", severity="warning", markup=False, timeout=5)
    elif not quiet:
        node.notify(f"{said}.", markup=False, timeout=3)
