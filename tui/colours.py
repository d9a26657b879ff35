"""Theme colours made readable: every text the app draws meets WCAG AA (4.5:1) and the highlight marker 3:1, in
every theme it offers.

Textual's themes choose their colours for looks; several pair a text with a background below 4.5:1 (footer keys,
cursor rows, the accent on light surfaces). `readable_variables` takes a theme's CSS variables and returns the
ones to change: a colour is moved toward black or white, a cursor row's background toward the surface, only as
far as the ratio needs, so that each theme keeps its character."""
from __future__ import annotations

from textual.color import BLACK, WHITE, Color
from textual.theme import Theme

TEXT_MINIMUM = 4.5
MARKER_MINIMUM = 3.0
STEPS = 40

# Highlight colours 1..4: the theme colour each one starts from.
HIGHLIGHT_BASES = {1: "warning", 2: "success", 3: "primary", 4: "error"}
# The app's own variables, with what they stand for when a theme is not checked (the CSS must always parse).
APP_VARIABLE_DEFAULTS = {
    "unread-mark": "$accent",
    "quotation": "$text-accent",
    **{f"highlight-marker-{n}": f"${base}" for n, base in HIGHLIGHT_BASES.items()},
}


def terminal_coloured(theme: Theme) -> bool:
    """A theme that leaves its colours to the terminal's palette (the ANSI themes)."""
    return any(Color.parse(colour).ansi is not None
               for colour in (theme.primary, theme.background, theme.surface, theme.foreground) if colour)


def luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(background: Color, colour: Color) -> Color:
    """`colour` as drawn on `background` (a translucent colour is blended into it)."""
    return background.blend(colour.with_alpha(1.0), colour.a) if colour.a < 1 else colour


def resolve(value: str, background: Color) -> Color:
    """A variable's colour as drawn on `background`; `auto N%` is Textual's black or white at that opacity."""
    words = value.split()
    if words and words[0] == "auto":
        alpha = float(words[1].rstrip("%")) / 100 if len(words) > 1 else 1.0
        return over(background, background.get_contrast_text(alpha))
    return over(background, Color.parse(value))


def worst(colour: Color, backgrounds: list[Color]) -> float:
    return min(contrast(colour, background) for background in backgrounds)


def readable(colour: Color, backgrounds: list[Color], minimum: float) -> Color:
    """`colour`, blended toward black or white (whichever leaves more room) just far enough to meet `minimum`
    against every background."""
    if worst(colour, backgrounds) >= minimum:
        return colour
    for extreme in sorted((BLACK, WHITE), key=lambda extreme: -worst(extreme, backgrounds)):
        for step in range(1, STEPS + 1):
            moved = colour.blend(extreme, step / STEPS)
            if worst(moved, backgrounds) >= minimum:
                return moved
    return max((BLACK, WHITE), key=lambda extreme: worst(extreme, backgrounds))


def cursor_row(background: Color, surface: Color, foreground: str, muted: str) -> tuple[Color, Color]:
    """A cursor row's background and text colour. The row shows muted text (dates, roles) too, so its background
    is moved toward the surface until that text reads; then its own text colour is made to read on it."""
    for step in range(STEPS + 1):
        row = background.blend(surface, step / STEPS)
        if contrast(resolve(muted, row), row) >= TEXT_MINIMUM:
            break
    return row, readable(resolve(foreground, row), [row], TEXT_MINIMUM)


def readable_variables(variables: dict[str, str]) -> dict[str, str]:
    """The variables to set, for a theme's `variables`, so that every pair the app draws meets the minimums.
    An ANSI theme (colours left to the terminal) cannot be measured: nothing is changed."""
    try:
        background = Color.parse(variables["background"])
        surface = over(background, Color.parse(variables["surface"]))
        panel = over(background, Color.parse(variables["panel"]))
    except Exception:
        return {}
    if background.ansi is not None or surface.ansi is not None:
        return {}
    muted = variables["text-muted"]
    changed: dict[str, str] = {}
    # Plain text: on the screen, the panes, the header and footer, and a focused list (tinted 5% by Textual).
    foreground = resolve(variables["foreground"], surface)
    tinted = surface.blend(foreground, 0.05)
    foreground = readable(foreground, [background, surface, panel, tinted], TEXT_MINIMUM)
    changed["foreground"] = variables["foreground"] = foreground.hex

    focused, focused_text = cursor_row(over(surface, Color.parse(variables["block-cursor-background"])), surface,
                                       variables["block-cursor-foreground"], muted)
    blurred, blurred_text = cursor_row(over(surface, Color.parse(variables["block-cursor-blurred-background"])),
                                       surface, variables["block-cursor-blurred-foreground"], muted)
    changed |= {"block-cursor-background": focused.hex, "block-cursor-foreground": focused_text.hex,
                "block-cursor-blurred-background": blurred.hex, "block-cursor-blurred-foreground": blurred_text.hex}

    footer = over(panel, Color.parse(variables["footer-background"]))
    for name in ("footer-key-foreground", "footer-description-foreground"):
        changed[name] = readable(resolve(variables[name], footer), [footer], TEXT_MINIMUM).hex

    # On a cursor row the unread mark takes the row's own colour (see the article list).
    changed["unread-mark"] = readable(resolve(variables["accent"], surface), [surface], TEXT_MINIMUM).hex
    highlight_backgrounds = [over(surface, Color.parse(variables[f"{base}-muted"]))
                             for base in HIGHLIGHT_BASES.values()]
    search_background = over(surface, Color.parse(variables["secondary-muted"]))
    changed["quotation"] = readable(resolve(variables["text-accent"], surface),
                                    [surface, search_background, *highlight_backgrounds], TEXT_MINIMUM).hex
    for number, base in HIGHLIGHT_BASES.items():
        changed[f"highlight-marker-{number}"] = readable(resolve(variables[base], surface), [surface],
                                                         MARKER_MINIMUM).hex
    return changed
