"""The engine runs in two threads at once (the corpus sync and the opening of an article): the readings it keeps
between calls (window readings, name tables) never mix one article's results into another's."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

from store.quotes import cast, engine
from store.quotes.engine import extract_quotations

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def _forget_readings() -> None:
    """Empty every reading kept between calls, so that the threads fill them together."""
    for module in (engine, cast):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__:
                value.cache_clear()
    cast._RUN_KINDS.clear()


def test_two_threads_find_what_one_finds_alone():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    texts += [text.replace("said", "added") for text in texts]  # the same windows, read differently
    assert len(texts) >= 10
    alone = [extract_quotations(text) for text in texts]
    assert sum(map(len, alone)) > 50
    _forget_readings()
    found: dict[tuple[int, int], list] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def work(thread: int, order: list[int]) -> None:
        try:
            start.wait()
            for rounds in range(3):
                for index in order:
                    found[thread, index * 3 + rounds] = extract_quotations(texts[index])
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        threads = [threading.Thread(target=work, args=(0, list(range(len(texts))))),
                   threading.Thread(target=work, args=(1, list(reversed(range(len(texts))))))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not failures
    for (thread, key), quotations in found.items():
        assert quotations == alone[key // 3], (thread, key // 3)
