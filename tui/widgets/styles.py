"""Styles shared by the widgets that show quotations, highlights and search matches."""
from __future__ import annotations

# Highlight colours 1..4, as theme variables so that every theme keeps them readable.
HIGHLIGHT_BACKGROUNDS = {1: "on $warning-muted", 2: "on $success-muted", 3: "on $primary-muted", 4: "on $error-muted"}
# The marker keeps the surface behind it, so that it shows on a cursor row of any colour.
HIGHLIGHT_MARKERS = {n: f"$highlight-marker-{n} on $surface" for n in (1, 2, 3, 4)}

QUOTATION = "$quotation"
SELECTED_QUOTATION = "bold underline"
SEARCH_HIT = "bold $text on $secondary-muted"
CURRENT_SEARCH_HIT = "bold reverse"
# A speaker's evidence (`w`): the cue (speech verb, colon, "according to") and the words naming the speaker.
CUE = "italic underline $text-success"
MENTION = "bold underline $text-warning"


def highlight_background(color: int) -> str:
    return HIGHLIGHT_BACKGROUNDS.get(color, HIGHLIGHT_BACKGROUNDS[1])


def highlight_marker(color: int) -> str:
    return HIGHLIGHT_MARKERS.get(color, HIGHLIGHT_MARKERS[1])
