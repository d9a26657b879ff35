"""The one entrance for untrusted text: decode, normalise line ends, strip what could act on a terminal."""
from __future__ import annotations

import re
import unicodedata

# C0 controls except \t and \n, DEL, C1 controls (0x80-0x9f, e.g. 0x9b = CSI), and the bidi
# embedding/override/isolate controls that can reorder what the user sees.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
# A complete escape sequence (CSI ... final byte, OSC ... BEL/ST): drop it whole, so that its
# printable parameters ("]0;evil title") do not remain as litter in the text.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated by BEL or ST (or unterminated)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)


class NotText(ValueError):
    """The bytes are not a text article (binary, or undecodable)."""


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 with or without BOM. Binary data raises `NotText`."""
    if b"\x00" in data[:8192]:
        raise NotText("binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def clean(text: str) -> str:
    """Normalise untrusted text: LF line ends, NFC, no escape sequences or control characters
    (newline and tab survive), no trailing spaces at line ends."""
    # Every line break becomes "\n": offsets (selections, quotations) count lines the same way everywhere.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _UNSAFE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def clean_inline(text: str) -> str:
    """`clean` for one-line fields (titles, sources): whitespace runs become one space."""
    return re.sub(r"\s+", " ", clean(text)).strip()
