"""Quotations folded and shingled where they are found, kept until they are grouped.

The processes that read the files prepare each article's quotations for grouping (`quotation_keys`: the packed
`Folded` and the shingles of each, as `grouping.prepare` makes them) beside finding them, and the indexer keeps
what they hand over in a `PreparedQuotations` until `db_store.update` groups the articles: the process that
writes the database then folds no text and reads no quotation back. Each wording is kept once however many
articles print it, so a quotation costs a few bytes."""
from __future__ import annotations

from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import accumulate, repeat

from .workers import prepare_texts

__all__ = ["Keys", "PreparedQuotations", "quotation_keys"]

# The packed `Folded` of each quotation, all their shingles (native 8-byte integers), and how many each has
# (native 4-byte ones): bytes, since an array costs several times more to send to another process.
Keys = tuple[list[str], bytes, bytes]
KEYS_KEPT = 20_000  # wordings whose keys `quotations` keeps made


def quotation_keys(texts: list[str]) -> Keys:
    """What grouping needs of these quotation texts, as a worker process hands it over."""
    packed, shingles, counts = prepare_texts(texts)
    return packed, shingles.tobytes(), counts.tobytes()


class PreparedQuotations:
    """Articles' prepared quotations by article id, each with the article's number (its place in the list: a
    first grouping goes oldest first), its date and each quotation's speaker (what the groups' flags need).
    Dates and speakers are numbers into `values`, each distinct one once."""

    def __init__(self) -> None:
        # id -> (number, its date's number, its first quotation's place in `_wording`, its quotation count)
        self._articles: dict[str, tuple[int, int, int, int]] = {}
        self.wordings: list[str] = []  # each distinct packed `Folded`
        self._wording_numbers: dict[str, int] = {}
        self._shingles = array("q")  # wording n's shingles are [_shingles_at[n]:_shingles_at[n + 1]]
        self._shingles_at = array("Q", [0])
        self._wording = array("I")  # each quotation's wording
        self._speaker = array("I")  # each quotation's speaker
        self.values: list[str | None] = []
        self._value_numbers: dict[str | None, int] = {}

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article_id: str, number: int, date: str | None, speakers: Sequence[str | None],
            keys: Keys) -> None:
        """Keep an article's quotations: their speakers and their `quotation_keys`, in reading order."""
        packed, shingles, counted = keys
        counts = array("I")
        counts.frombytes(counted)
        if len(packed) != len(speakers):
            raise ValueError(f"{len(packed)} prepared quotations for {len(speakers)} speakers")
        wording_numbers = self._wording_numbers
        numbers = list(map(wording_numbers.get, packed))
        if None in numbers:  # new wordings: their shingles are kept
            width = self._shingles.itemsize
            starts = [at * width for at in accumulate(counts, initial=0)]
            for at, number_of in enumerate(numbers):
                if number_of is None:
                    folded = packed[at]
                    number_of = wording_numbers.get(folded)
                    if number_of is None:  # not twice in this article
                        number_of = wording_numbers[folded] = len(self.wordings)
                        self.wordings.append(folded)
                        self._shingles.frombytes(shingles[starts[at]:starts[at + 1]])
                        self._shingles_at.append(len(self._shingles))
                    numbers[at] = number_of
        first = len(self._wording)
        self._wording.extend(numbers)
        speaker_numbers = list(map(self._value_numbers.get, speakers))
        if None in speaker_numbers:  # a speaker not seen before
            speaker_numbers = list(map(self._value, speakers))
        self._speaker.extend(speaker_numbers)
        self._articles[article_id] = (number, self._value(date), first, len(numbers))

    def _value(self, value: str | None) -> int:
        number = self._value_numbers.get(value)
        if number is None:
            number = self._value_numbers[value] = len(self.values)
            self.values.append(value)
        return number

    def missing(self, article_ids: Collection[str]) -> int:
        """How many of these articles are not kept."""
        return len(set(article_ids).difference(self._articles))

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop these articles (their quotations in the database are no longer the ones kept)."""
        for article_id in article_ids:
            self._articles.pop(article_id, None)

    def oldest_first(self, article_ids: Collection[str]) -> list[str]:
        """These articles (all kept) in the order a first grouping takes them: by number, largest first."""
        articles = self._articles
        return sorted(article_ids, key=lambda article_id: articles[article_id][0], reverse=True)

    def keys_of(self, article_id: str) -> list[tuple[str, array]] | None:
        """(packed `Folded`, shingles) of each quotation of a kept article, in reading order; None when it is
        not kept."""
        found = self._articles.get(article_id)
        if found is None:
            return None
        _number, _date, first, count = found
        return [self._keys(wording) for wording in self._wording[first:first + count]]

    def _keys(self, wording: int) -> tuple[str, array]:
        return self.wordings[wording], self._shingles[self._shingles_at[wording]:self._shingles_at[wording + 1]]

    def quotations(self, article_ids: Sequence[str]) -> Iterator[tuple[str, array]]:
        """(packed `Folded`, shingles) of every quotation of these kept articles, article after article."""
        articles, keys, wording = self._articles, self._keys, self._wording
        # the keys of each wording made once while it is often met (most quotations of a corpus can be copies of
        # a few), in a bounded memory
        made: dict[int, tuple[str, array]] = {}
        for article_id in article_ids:
            _number, _date, first, count = articles[article_id]
            numbers = wording[first:first + count]
            found = list(map(made.get, numbers))
            if None in found:
                if len(made) >= KEYS_KEPT:
                    made.clear()
                for at, number in enumerate(numbers):
                    if found[at] is None:
                        found[at] = made[number] = keys(number)
            yield from found

    def dates_and_speakers(self, article_ids: Sequence[str]) -> tuple[array, array]:
        """The date and the speaker of every quotation of these kept articles, article after article, as
        numbers into `values`."""
        dates, speakers = array("I"), array("I")
        for article_id in article_ids:
            _number, date, first, count = self._articles[article_id]
            dates.extend(repeat(date, count))
            speakers.extend(self._speaker[first:first + count])
        return dates, speakers

    def quotation_counts(self, article_ids: Sequence[str]) -> list[int]:
        """How many quotations each of these kept articles has."""
        articles = self._articles
        return [articles[article_id][3] for article_id in article_ids]
