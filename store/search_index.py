"""Storage for the search index: postings lists, folded texts kept outside the Python heap, and the file
format that saves both.

Memory at 100,000 articles is what shapes this module. Postings are `array('I')` of document numbers
(numbers only grow, so appending keeps each list sorted), and folded texts live as UTF-8 in a mapped file,
read in place by `mmap.find` to verify phrases. A loaded index maps its file and reads postings and texts
from it directly; documents added afterwards go to in-memory postings and a temporary file.

The file (`search-index.bin` in the index folder), all integers in native byte order:

    header   magic, format version, byte-order mark, Python version (major, minor), document count, CRC-32
             of the sections in file order, then (offset, length) of each section in `_SECTIONS` order
    ids      marshal: list of article ids, by document number
    dates    marshal: list of ISO dates or None
    sources  marshal: list of folded sources
    bounds   array('Q'): per document the start of its text, of its speakers, and its end, in `texts`
    texts    UTF-8: each document's folded text, its speakers last
    then for each token index (text, speaker, source):
    words    marshal: the sorted vocabulary
    offsets  array('Q'): where each word's postings start in `postings`, and where the last ends
    postings array('I'): the document numbers of each word in turn

Sections are 8-byte aligned, so that the arrays are read in place.
"""
from __future__ import annotations

import bisect
import marshal
import mmap
import os
import re
import struct
import sys
import tempfile
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

WORD = re.compile(r"[^\W_]+")  # letters and digits: the same characters as str.isalnum()

INDEX_FILE = "search-index.bin"
# Bump whenever the layout or the meaning of the saved text changes (fold, the word pattern, the text parts).
FORMAT_VERSION = 1
_MAGIC = b"QDSEARCH"
_BYTE_ORDER_MARK = 0x01020304
_TOKEN_INDEXES = ("text", "speaker", "source")
_SECTIONS = ("ids", "dates", "sources", "bounds", "texts",
             *(f"{name}.{part}" for name in _TOKEN_INDEXES for part in ("words", "offsets", "postings")))
_HEADER = struct.Struct(f"=8sIIHHQI{2 * len(_SECTIONS)}Q")
_PYTHON = sys.version_info[:2]  # marshal's format belongs to the Python version that wrote it
_ALIGNMENT = 8

_ASCII_ALNUM = tuple(chr(code).isalnum() for code in range(128))
_AFTER_EVERY_WORD = "\U0010ffff"  # a non-character, never part of a word: sorts after every extension


class CorruptIndex(Exception):
    """The index file is missing, truncated, damaged or of another version."""


# --- postings -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredPostings:
    """A saved token index, read in place from the mapped file: a word's postings are the slice of
    `postings` between its offset and the next, so a prefix's are one contiguous slice too."""

    words: list[str]  # sorted
    offsets: Sequence[int]  # len(words) + 1
    postings: Sequence[int]

    def exact(self, word: str) -> Sequence[int]:
        at = bisect.bisect_left(self.words, word)
        if at < len(self.words) and self.words[at] == word:
            return self.postings[self.offsets[at]:self.offsets[at + 1]]
        return ()

    def with_prefix(self, prefix: str) -> Sequence[int]:
        low = bisect.bisect_left(self.words, prefix)
        high = bisect.bisect_left(self.words, prefix + _AFTER_EVERY_WORD, low)
        return self.postings[self.offsets[low]:self.offsets[high]]


_NOTHING_STORED = StoredPostings([], (0,), ())


class TokenIndex:
    """Documents by the folded words they contain: the saved postings, if any, and in memory those of
    documents added since. Words first seen since the last look-up wait in `_unsorted`, so adding a
    document never pays for inserting into the sorted vocabulary."""

    def __init__(self, stored: StoredPostings = _NOTHING_STORED) -> None:
        self.stored = stored
        self.fresh: dict[str, array] = {}
        self._vocabulary: list[str] = []  # of `fresh`, sorted
        self._unsorted: list[str] = []

    def add(self, number: int, folded: str) -> None:
        for word in set(WORD.findall(folded)):
            postings = self.fresh.get(word)
            if postings is None:
                self.fresh[word] = array("I", (number,))
                self._unsorted.append(word)
            else:
                postings.append(number)

    def candidates(self, term: str) -> set[int]:
        """Documents that may hold `term` at a word start: each of its words is a word of the document,
        the last one (unless punctuation follows it) possibly just a prefix. Exact for a one-word term.
        May include removed documents."""
        words = WORD.findall(term)
        if not words:
            return set()
        found = [self._exact(word) for word in words[:-1]]
        found.append(self._with_prefix(words[-1]) if term[-1].isalnum() else self._exact(words[-1]))
        found.sort(key=len)
        result = found[0]
        for docs in found[1:]:
            result &= docs
        return result

    def _exact(self, word: str) -> set[int]:
        result = set(self.stored.exact(word))
        result.update(self.fresh.get(word, ()))
        return result

    def _with_prefix(self, prefix: str) -> set[int]:
        self._sort_vocabulary()
        low = bisect.bisect_left(self._vocabulary, prefix)
        high = bisect.bisect_left(self._vocabulary, prefix + _AFTER_EVERY_WORD, low)
        return set(self.stored.with_prefix(prefix)).union(*(self.fresh[word] for word in self._vocabulary[low:high]))

    def _sort_vocabulary(self) -> None:
        if self._unsorted:
            self._unsorted.sort()
            self._vocabulary += self._unsorted  # two sorted runs: the sort merges them in linear time
            self._vocabulary.sort()
            self._unsorted.clear()


# --- folded texts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Needle:
    """A folded term as searched for in the stored UTF-8 texts."""

    data: bytes
    anywhere: bool  # a term starting with punctuation need not start a word

    @classmethod
    def of(cls, term: str) -> Needle:
        return cls(utf8(term), not term[0].isalnum())


def utf8(text: str) -> bytes:
    """`text` as stored: UTF-8, with any lone surrogate kept rather than refused."""
    return text.encode("utf-8", "surrogatepass")


class TextStore:
    """Each document's folded text as UTF-8 in a mapped file, outside the Python heap: the loaded file's
    texts section for loaded documents, a growing temporary file for documents added since."""

    def __init__(self, stored: mmap.mmap | None = None, stored_base: int = 0, stored_bounds: array | None = None):
        self._stored = stored  # the loaded file; its texts section starts at `stored_base`
        self._stored_base = stored_base
        self.bounds = stored_bounds if stored_bounds is not None else array("Q")  # per document: start,
        self._stored_count = len(self.bounds) // 3  # speakers start, end; relative to their file's texts
        self._file = None
        self._map: mmap.mmap | None = None  # replaced, never closed, when it grows: a save may hold the old one
        self._size = 0

    def append(self, text: bytes, speakers_start: int) -> None:
        """Add the next document's text; its speakers are the part from `speakers_start` on."""
        start = self._size
        self._reserve(start + len(text))
        self._map[start:start + len(text)] = text
        self._size += len(text)
        self.bounds.extend((start, start + speakers_start, self._size))

    def _reserve(self, size: int) -> None:
        if self._map is not None and size <= len(self._map):
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="quotedesk-search-")
        capacity = max(size, 2 * len(self._map) if self._map is not None else 1 << 20)
        self._file.truncate(capacity)
        self._map = mmap.mmap(self._file.fileno(), capacity)

    def has(self, number: int, needle: Needle, *, speakers_only: bool = False) -> bool:
        """Does document `number` hold the needle where a word starts (or anywhere, if it may)?"""
        at = 3 * number
        start, end = self.bounds[at + 1 if speakers_only else at], self.bounds[at + 2]
        if number < self._stored_count:
            return _occurs_in(self._stored, needle, self._stored_base + start, self._stored_base + end)
        return _occurs_in(self._map, needle, start, end)

    def folded_text(self, number: int) -> str:
        """Document `number`'s folded text without its speakers."""
        at = 3 * number
        start, end = self.bounds[at], self.bounds[at + 1]
        if number < self._stored_count:
            start, end = self._stored_base + start, self._stored_base + end
            return self._stored[start:end].decode("utf-8")
        return self._map[start:end].decode("utf-8")

    def snapshot(self) -> TextSnapshot:
        """What `save` needs to copy the texts of the documents so far while others are added."""
        return TextSnapshot(self._stored, self._stored_base, self._stored_count, self._map, self.bounds[:])


@dataclass(frozen=True)
class TextSnapshot:
    """The texts of a `TextStore`'s documents so far, for `save`."""

    stored: mmap.mmap | None
    stored_base: int
    stored_count: int
    added: mmap.mmap | None
    bounds: array

    def text(self, number: int) -> memoryview:
        """Document `number`'s text, in place."""
        start, end = self.bounds[3 * number], self.bounds[3 * number + 2]
        if number < self.stored_count:
            return memoryview(self.stored)[self.stored_base + start:self.stored_base + end]
        return memoryview(self.added)[start:end]

    def speakers_start(self, number: int) -> int:
        """Where the document's speakers start in its text."""
        return self.bounds[3 * number + 1] - self.bounds[3 * number]


def _occurs_in(blob: mmap.mmap, needle: Needle, start: int, end: int) -> bool:
    at = blob.find(needle.data, start, end)
    while at != -1:
        if needle.anywhere or at == start or not _is_alnum_before(blob, at, start):
            return True
        at = blob.find(needle.data, at + 1, end)
    return False


def _is_alnum_before(blob: mmap.mmap, at: int, start: int) -> bool:
    """Is the character ending just before byte `at` a letter or digit? UTF-8 continuation bytes
    (0b10xxxxxx) lead back to the start of the character."""
    byte = blob[at - 1]
    if byte < 0x80:
        return _ASCII_ALNUM[byte]
    lead = at - 1
    while lead > max(start, at - 4) and 0x80 <= blob[lead] < 0xC0:
        lead -= 1
    return blob[lead:at].decode("utf-8", "replace")[-1:].isalnum()


# --- the file -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A consistent view of an index's first `count` documents, taken under its lock, that `write_index`
    copies out without the lock while documents are added."""

    count: int
    live: list[int]  # the numbers of the documents not removed, ascending
    ids: list[str]
    dates: list[str | None]
    sources: list[str]
    texts: TextSnapshot
    token_indexes: dict[str, tuple[StoredPostings, dict[str, array]]]  # name: stored, fresh


@dataclass(frozen=True)
class Loaded:
    """The contents of an index file, read in place."""

    ids: list[str]
    dates: list[str | None]
    sources: list[str]
    texts: TextStore
    token_indexes: dict[str, StoredPostings]


def write_index(folder: Path, snapshot: Snapshot) -> None:
    """Write the live documents of `snapshot`, renumbered from 0, to a temporary file in `folder` and
    move it over the index file once complete."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{INDEX_FILE}.", suffix=".tmp", dir=folder)
    try:
        with open(descriptor, "wb") as file:
            _SectionWriter(file).write(snapshot)
            file.flush()
            os.fsync(file.fileno())  # the data must be on disk before the name points at it
        os.replace(temporary, folder / INDEX_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _SectionWriter:
    """Writes sections one after the other, then the header that locates them."""

    def __init__(self, file) -> None:
        self._file = file
        self._at = _HEADER.size
        self._crc = 0
        self._table: dict[str, tuple[int, int]] = {}
        file.write(bytes(_HEADER.size))

    def write(self, snapshot: Snapshot) -> None:
        live = snapshot.live
        self._section("ids", [marshal.dumps([snapshot.ids[n] for n in live], 4)])
        self._section("dates", [marshal.dumps([snapshot.dates[n] for n in live], 4)])
        self._section("sources", [marshal.dumps([snapshot.sources[n] for n in live], 4)])
        bounds = array("Q")
        self._section("texts", _texts_of(snapshot.texts, live, bounds))
        self._section("bounds", [bounds])
        renumber = _renumbering(snapshot.count, live)
        for name, (stored, fresh) in snapshot.token_indexes.items():
            words: list[str] = []
            offsets = array("Q", (0,))
            self._section(f"{name}.postings", _postings_of(stored, fresh, snapshot.count, renumber, words, offsets))
            self._section(f"{name}.words", [marshal.dumps(words, 4)])
            self._section(f"{name}.offsets", [offsets])
        table = [number for name in _SECTIONS for number in self._table[name]]
        self._file.seek(0)
        self._file.write(_HEADER.pack(_MAGIC, FORMAT_VERSION, _BYTE_ORDER_MARK, *_PYTHON, len(live), self._crc, *table))

    def _section(self, name: str, chunks: Iterable) -> None:
        padding = -self._at % _ALIGNMENT
        self._file.write(bytes(padding))
        start = self._at = self._at + padding
        for chunk in chunks:
            self._file.write(chunk)
            self._crc = zlib.crc32(chunk, self._crc)
            self._at += memoryview(chunk).nbytes
        self._table[name] = (start, self._at - start)


def _texts_of(texts: TextSnapshot, live: list[int], bounds: array) -> Iterator[memoryview]:
    """The live documents' texts in turn, recording their new bounds in `bounds`."""
    at = 0
    for number in live:
        text = texts.text(number)
        bounds.extend((at, at + texts.speakers_start(number), at + len(text)))
        at += len(text)
        yield text


def _renumbering(count: int, live: list[int]) -> list[int] | None:
    """Old document number to new, -1 for removed ones; None when nothing was removed."""
    if len(live) == count:
        return None
    renumber = [-1] * count
    for new, old in enumerate(live):
        renumber[old] = new
    return renumber


def _postings_of(stored: StoredPostings, fresh: dict[str, array], count: int, renumber: list[int] | None,
                 words: list[str], offsets: array) -> Iterator[Sequence[int]]:
    """The merged postings of each word in turn, stored then fresh, of the first `count` documents and
    renumbered; the words that still have documents go to `words`, where their postings end to `offsets`."""
    position = {word: at for at, word in enumerate(stored.words)}
    total = 0
    for word in sorted(position.keys() | fresh.keys()):
        parts: list[Sequence[int]] = []
        if word in position:
            at = position[word]
            parts.append(stored.postings[stored.offsets[at]:stored.offsets[at + 1]])
        if word in fresh:
            added = fresh[word]
            parts.append(added[:bisect.bisect_left(added, count)])  # numbers only grow
        if renumber is not None:
            parts = [array("I", [new for part in parts for new in map(renumber.__getitem__, part) if new >= 0])]
        size = sum(map(len, parts))
        if not size:
            continue
        words.append(word)
        total += size
        offsets.append(total)
        yield from parts


def read_index(folder: Path) -> Loaded:
    """The index file in `folder`, mapped and validated; raises `CorruptIndex` for anything amiss."""
    try:
        with open(folder / INDEX_FILE, "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return _Reader(mapped).read()
    except (OSError, ValueError, EOFError, TypeError, struct.error) as exc:  # what bad bytes make marshal raise
        raise CorruptIndex(str(exc)) from exc


class _Reader:
    """Checks the header and the checksum, then reads and validates each section."""

    def __init__(self, mapped: mmap.mmap) -> None:
        self._map = mapped
        if len(mapped) < _HEADER.size:
            raise CorruptIndex("truncated header")
        magic, version, mark, major, minor, self._count, crc, *table = _HEADER.unpack_from(mapped, 0)
        if magic != _MAGIC or version != FORMAT_VERSION or mark != _BYTE_ORDER_MARK or (major, minor) != _PYTHON:
            raise CorruptIndex("not an index of this version, byte order and Python version")
        self._sections = {name: (table[2 * at], table[2 * at + 1]) for at, name in enumerate(_SECTIONS)}
        for start, length in self._sections.values():
            if start < _HEADER.size or start % _ALIGNMENT or start + length > len(mapped):
                raise CorruptIndex("a section lies outside the file")
        if self._checksum() != crc:
            raise CorruptIndex("checksum mismatch")

    def _checksum(self) -> int:
        crc = 0
        for start, length in sorted(self._sections.values()):  # in file order, as written
            crc = zlib.crc32(self._view(start, length), crc)  # zlib lets go of the GIL meanwhile
        return crc

    def _view(self, start: int, length: int) -> memoryview:
        return memoryview(self._map)[start:start + length]

    def read(self) -> Loaded:
        ids = self._ids()
        dates = self._list("dates", self._count, str, type(None))
        sources = self._list("sources", self._count, str)
        texts_start, texts_length = self._sections["texts"]
        bounds = self._integers("bounds", "Q")
        if len(bounds) != 3 * self._count or not _ascending(bounds) or (bounds and bounds[-1] > texts_length):
            raise CorruptIndex("bad text bounds")
        texts = TextStore(self._map, texts_start, array("Q", bounds.cast("B").tobytes()))
        token_indexes = {name: self._postings(name) for name in _TOKEN_INDEXES}
        return Loaded(ids, dates, sources, texts, token_indexes)

    def _ids(self) -> list[str]:
        ids = self._list("ids", self._count, str)
        if len(set(ids)) != len(ids):
            raise CorruptIndex("duplicate ids")
        return ids

    def _list(self, name: str, length: int | None, *types: type) -> list:
        value = marshal.loads(self._view(*self._sections[name]))
        if type(value) is not list or (length is not None and len(value) != length) \
                or not all(type(item) in types for item in value):
            raise CorruptIndex(f"bad {name}")
        return value

    def _integers(self, name: str, code: str) -> memoryview:
        start, length = self._sections[name]
        if length % struct.calcsize(code):
            raise CorruptIndex(f"bad {name}")
        return self._view(start, length).cast(code)

    def _postings(self, name: str) -> StoredPostings:
        words = self._list(f"{name}.words", None, str)
        offsets = self._integers(f"{name}.offsets", "Q")
        postings = self._integers(f"{name}.postings", "I")
        if (len(offsets) != len(words) + 1 or offsets[0] != 0 or offsets[-1] != len(postings)
                or not _ascending(offsets) or not all(a < b for a, b in zip(words, words[1:]))):
            raise CorruptIndex(f"bad {name} postings")
        return StoredPostings(words, offsets, postings)


def _ascending(numbers: Sequence[int]) -> bool:
    return all(a <= b for a, b in zip(numbers, numbers[1:]))
