"""The one entrance for untrusted text: decode, normalise line ends, strip what could act on a terminal."""
from __future__ import annotations

import re
import unicodedata


class _Pattern:
    """A regular expression compiled when first used: compiled at import, these would cost every start of a
    headless command (a search prints none of its text through them) a fifth of its imports."""

    def __init__(self, pattern: str | bytes) -> None:
        self.pattern = pattern

    def __getattr__(self, name: str):  # the first `sub`, `match` or `search`: later ones find the compiled one's
        compiled = re.compile(self.pattern)
        self.sub, self.match, self.search = compiled.sub, compiled.match, compiled.search
        return getattr(compiled, name)


# C0 controls except \t and \n, DEL, C1 controls (0x80-0x9f, e.g. 0x9b = CSI), the bidi
# embedding/override/isolate controls that can reorder what the user sees, and the invisible characters saved news
# pages scatter inside words (soft hyphens, zero-width spaces and joiners, word joiners, stray byte order marks),
# which would hide a word from search and quotation matching and cut a speaker's name in two.
_UNSAFE = _Pattern(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
    "\u00ad\u200b\u2060\ufeff]"
)
# Zero-width joiners and non-joiners are litter after a Latin letter (or at the start), but they build emoji
# sequences (a family, a flag) and shape Persian and Indic words, so they stay after any later character.
_LATIN_JOINER = _Pattern("(?<![^\x00-\u036f])[\u200c\u200d]")
# Lone surrogates: how Python holds the undecodable bytes of a file name; no terminal can be sent one.
_SURROGATES = _Pattern("[\ud800-\udfff]")
# A complete escape sequence (CSI ... final byte, OSC ... BEL/ST): drop it whole, so that its
# printable parameters ("]0;evil title") do not remain as litter in the text.
_ESCAPE_SEQUENCE = _Pattern(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated by BEL or ST (or unterminated)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


class NotText(ValueError):
    """The bytes are not a text article (binary, or undecodable)."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes: UTF-8 with or without BOM; otherwise a legacy single-byte encoding, with a
    notice saying so. Binary data raises `NotText`."""
    if b"\x00" in data[:8192]:
        raise NotText("binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    encoding = _legacy_encoding(data)
    text = data.decode(encoding, errors="replace")
    return text, f"not UTF-8: read as {LEGACY_NAMES[encoding]}"


LEGACY_NAMES = {"cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western)", "latin-1": "Latin-1"}


def _legacy_encoding(data: bytes) -> str:
    """Cyrillic text in Windows-1251 is mostly high bytes in long runs; Western text in Windows-1252 has
    the odd accented letter among ASCII words. The share of high bytes among letters tells them apart."""
    high = sum(1 for byte in data if byte >= 0xC0)
    ascii_letters = sum(1 for byte in data if 65 <= byte <= 90 or 97 <= byte <= 122)
    if high > 0.3 * (high + ascii_letters):
        return "cp1251"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
        return "latin-1"
    return "cp1252"


def clean(text: str, utf8: bytes | None = None) -> str:
    """Normalise untrusted text: LF line ends, NFC, no escape sequences or control characters
    (newline and tab survive), no trailing spaces at line ends. `utf8`: the text's UTF-8 when the caller has it (a
    file's bytes), looked at instead of encoding the text again."""
    given = text
    # Every line break becomes "\n": offsets (selections, quotations) count lines the same way everywhere.
    if "\r" in text:  # one character is looked for faster than two (a megabyte: 0.1 ms, not 1.3)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if "\x1b" in text or "\x9b" in text:  # what every escape sequence starts with: a megabyte is scanned in 1 ms
        text = _ESCAPE_SEQUENCE.sub("", text)
    if utf8 is None or text is not given:
        utf8 = text.encode("utf-8", "surrogatepass")
    others = _other_characters(utf8)
    if others:  # else the text is printable ASCII, tabs and line breaks: nothing to take away, and NFC already
        encoded = text
        if _UNSAFE.search(others):
            text = _UNSAFE.sub("", text)
        if "\u200c" in others or "\u200d" in others:
            text = _LATIN_JOINER.sub("", text)
        if text is not encoded or not _composed(others):
            text = unicodedata.normalize("NFC", text)
    if _SPACE_BEFORE_BREAK.search(text):  # the expression below would try every space (40 ms a megabyte)
        text = re.sub(r"[ \t]+\n", "\n", text)
    return text


def _composed(others: str) -> bool:
    """Whether a text whose characters outside ASCII are `others`, in order, is in NFC already: they are, and
    none of them combines with a character before it. A character that composes with the one before it is either
    a combining mark (none is) or a letter that composes with a letter of its own script, never with an ASCII
    one (a test checks every composition Unicode defines): such a pair stands side by side in `others` too, and
    composing it would change `others`."""
    return not any(map(unicodedata.combining, others)) and unicodedata.is_normalized("NFC", others)


# A line break after a space or a tab: led by the line break, which the expression looks for as fast as
# `str.find` (`" \n" in text` takes 4 times as long over a text of 2 bytes a character).
_SPACE_BEFORE_BREAK = _Pattern("\n(?<=[ \t]\n)")
# Printable ASCII, tab and line feed: what is left of a text's UTF-8 without them is the bytes of its other
# characters, among them every one `_UNSAFE` takes away.
_PRINTABLE_ASCII = bytes([9, 10, *range(0x20, 0x7f)])


def _other_characters(data: bytes) -> str:
    """The characters of a text (as its UTF-8) other than printable ASCII, tabs and line feeds, in order: in
    news text, a few curly quotes and accented letters, where `_UNSAFE` looks for what to take away far faster
    than in the whole text."""
    return data.translate(None, _PRINTABLE_ASCII).decode("utf-8", "surrogatepass")


def clean_inline(text: str) -> str:
    """`clean` for one-line fields (titles, sources): whitespace runs become one space."""
    return _WHITESPACE_RUN.sub(" ", clean(text)).strip()


_WHITESPACE_RUN = _Pattern(r"\s+")


def printable(value: object, *, lines: bool = False) -> str:
    """Any string from a file or the state (a path, which may hold any byte but NUL and /, a headline, a speaker,
    a note) made safe to show on a terminal: the one sanitiser for everything printed or drawn. Escape sequences,
    control characters and bidi overrides are removed as by `clean`, and undecodable bytes become U+FFFD. One line
    (whitespace runs collapsed), or with `lines` its line breaks kept."""
    text = _SURROGATES.sub("\ufffd", str(value))
    return clean(text) if lines else clean_inline(text)


# What JSON leaves raw but a terminal could act on: DEL, C1 controls, bidi controls, and lone surrogates (which
# cannot even be encoded for output).
_JSON_UNSAFE = _Pattern("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ud800-\udfff]")


def inert_json(text: str) -> str:
    """JSON text (as `json.dumps` writes it, which escapes C0 controls itself) with every character above written
    as a `\\uXXXX` escape: exactly the same data for a program that reads it, inert on a terminal. Such characters
    can only stand inside JSON strings, where an escape means the same character."""
    if text.isascii() and "\x7f" not in text:  # nothing to escape, found at C speed (a search's output is MBs)
        return text
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# The same characters in UTF-8 (surrogates as `surrogatepass` writes them), and the bytes they start with.
_JSON_UNSAFE_UTF8 = _Pattern(
    rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c|\xed[\xa0-\xbf]")
_JSON_UNSAFE_LEADS = (b"\x7f", b"\xc2", b"\xe2", b"\xd8", b"\xed")


def inert_json_utf8(data: bytes) -> bytes:
    """`inert_json` of JSON text in UTF-8, decoded only when it holds something to escape (most outputs hold
    none of the bytes such characters start with: each is looked for at the speed of `memchr`)."""
    if not any(lead in data for lead in _JSON_UNSAFE_LEADS) or not _JSON_UNSAFE_UTF8.search(data):
        return data
    return inert_json(data.decode("utf-8", "surrogatepass")).encode("utf-8")


def is_url(text: str) -> bool:
    """Whether `text` names an http(s) address rather than a local path (see `web_address` for a safe one)."""
    return text.lower().startswith(("http://", "https://"))


def iso_date(year: int, month: int = 1, day: int = 1) -> str | None:
    """The ISO form of a day that exists ("2024-02-29"); None for one that does not (2024-02-31, month 13, year 0).
    The one check of a date, whether it comes from an article or from a query."""
    from datetime import date

    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def web_address(value: str | None) -> str | None:
    """`value` when it is an absolute http(s) URL with a host and nothing a browser or a shell could take for
    something else (no spaces, no control characters); else None. Such a URL never starts with "-", so it can never
    be read as an option by the program it is handed to."""
    if not value:
        return None
    url = value.strip()
    if not is_url(url) or any(
        char.isspace() or not char.isprintable() for char in url
    ):
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:  # e.g. a malformed IPv6 address
        return None
    return url if host else None


# --- folding: how search, speakers and the palette compare text ------------------------------------------------------------------------------------------

# Quotes fold to straight ones; letters with a stroke have no decomposition to strip; final sigma is sigma
# (str.lower() writes ς at word ends only, which would make folding depend on the neighbours).
_CHAR_FOLDS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u02bc`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "ς": "σ",
}


def _fold_char(char: str) -> str:
    """One character folded to one character: lowercase, accents stripped, quotes straightened. A
    character whose fold would be longer (ß -> ss, ﬁ -> fi) stays itself, lowercased if possible."""
    if char in _CHAR_FOLDS:  # before NFKD, which would turn "´" into a space and an accent
        return _CHAR_FOLDS[char]
    lower = char.lower()
    # lowercase again: a compatibility decomposition may be a capital ("𝑨" -> "A")
    base = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)).lower()
    if len(base) != 1:
        base = lower if len(lower) == 1 else char
    return _CHAR_FOLDS.get(base, base)


class _FoldTable(dict):
    """A `str.translate` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
_ASCII_BYTES = bytes(range(128))  # deleted from a text's UTF-8: the bytes of its other characters are left


def fold(text: str) -> str:
    """Lowercase, strip accents, straighten curly quotes and apostrophes. Character by character, so the
    result has the length of `text` and offsets map 1:1."""
    lowered = text.lower()  # fast in C; only the non-ASCII characters left need the table
    if len(lowered) != len(text):  # "İ" lowercases to two characters
        return text.translate(_FOLD_TABLE)
    if lowered.isascii():
        return lowered
    # Each distinct character replaced in one pass of C over the text: news text has a handful of them (curly
    # quotes, a few accented names), and finding them, or calling the table for each, costs several times more
    # in Python. A folded character folds to itself, so the order of the replacements does not matter.
    others = lowered.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    for char in set(others):
        folded = _FOLD_TABLE[ord(char)]
        if folded != char:
            lowered = lowered.replace(char, folded)
    return lowered
