"""Opening and scrolling the largest article: a 1 MB wire article, in the app (headless, 140x45).

Run from the project root: `python -m bench.large_article`. The app is driven as a user would: `]` and `[` open
the next and the previous article of the list, the 1 MB one and a short one in turn (each open is a real one: the
file read and parsed again, the text laid out and painted anew), then page-down steps in the reader.

An open is timed from the key to the frame that shows the article's text. Frames are watched as the app hands
them to its display, where the text of the rows drawn is looked up: nothing polls meanwhile (a poll has the app
walk its widgets and paint a frame, and takes the processor from the worker that reads the article). The
processor time the whole process spent on each open (every thread) is given beside it: it varies less on a busy
machine than the time on the wall. Each page-down figure ends with a frame drawn: `pilot.pause(0)` has the app
handle what is pending and then lay out and paint the screen, so wrapping and rendering are in it."""
from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.widget import Widget

from store import State
from tui.app import QuotedeskApp

from .corpus import SyntheticArticle, make_article
from .drive import LIST_READY, TIMEOUT, isolated_cache, until, widget_titled, working

SIZE = 1024 * 1024
OPENS = 5  # opens of the 1 MB article, each after one of the short article
STEPS = 50
MARKER = 30  # characters of an article's second paragraph looked for on screen: in its text only (the first
# paragraph is the headline as well, in the list and the reader's header)
SETTLED_POLL = 0.05  # seconds between two looks, between the timed opens only


class FramesShown:
    """Watches the frames the app displays for a text on the rows of one widget, at no cost until it is asked to.
    Textual hands each frame to `App._display` (in a terminal it is written there; headless, dropped): the rows
    updated are in it as strips, whose text is read there, once per frame."""

    def __init__(self, app: QuotedeskApp) -> None:
        self._wanted: str | None = None
        self._rows = (0, 0)
        self._shown = asyncio.Event()
        display = app._display

        def watched(screen, update) -> None:
            display(screen, update)
            if self._wanted is not None and self._wanted in _rows_text(update, *self._rows):
                self._wanted = None
                self._shown.set()

        app._display = watched

    def expect(self, text: str, where: Widget) -> None:
        """Look for `text` on the rows `where` takes on screen from the next frame on."""
        self._wanted, self._rows = text, (where.region.y, where.region.bottom)
        self._shown.clear()

    async def shown(self, timeout: float) -> None:
        await asyncio.wait_for(self._shown.wait(), timeout)


def _rows_text(update: object, top: int, bottom: int) -> str:
    """The text a frame updates on screen rows `top` to `bottom` (excluded), one row a line."""
    if isinstance(update, LayoutUpdate):
        rows = update.strips[max(0, top - update.region.y):max(0, bottom - update.region.y)]
    elif isinstance(update, ChopsUpdate):
        rows = [[strip for strip in chops.values() if strip is not None] for chops in update.chops[top:bottom]]
    else:
        return ""
    return "\n".join("".join(strip.text for strip in row) for row in rows)


def large_article(size: int = SIZE, seed: int = 1) -> SyntheticArticle:
    """One wire article of at least `size` bytes: the paragraphs of many synthetic articles, quotations included."""
    rng = random.Random(seed)
    article = make_article(rng)
    while len(article.wire_text().encode()) < size:
        more = make_article(rng)
        article.paragraphs += more.paragraphs
        article.quotations += more.quotations
    return article


async def page_down_ms(pilot, reader: Widget) -> float:
    """One page down, until the new position is painted. The scroll itself waits for a refresh."""
    began = time.perf_counter()
    before = reader.scroll_y
    reader.scroll_page_down(animate=False)
    await until(pilot, lambda: reader.scroll_y != before)
    await pilot.pause(0)
    return (time.perf_counter() - began) * 1000


def _marker(article: SyntheticArticle, other: SyntheticArticle) -> str:
    marker = article.paragraphs[1][:MARKER]
    assert marker not in article.paragraphs[0] and marker not in other.wire_text(), "an ambiguous marker"
    return marker


async def measure(opens: int = OPENS, steps: int = STEPS) -> dict:
    article = large_article()
    short = make_article(random.Random(2))
    article.date, short.date = "2025-01-01", "2025-01-02"
    markers = {"large": _marker(article, short), "short": _marker(short, article)}
    with tempfile.TemporaryDirectory() as tmp, isolated_cache(f"{tmp}/cache"):
        folder = Path(tmp) / "articles"
        folder.mkdir()
        path = folder / "2025-01-01_large.txt"
        path.write_text(article.wire_text(), encoding="utf-8")
        (folder / "2025-01-02_short.txt").write_text(short.wire_text(), encoding="utf-8")
        app = QuotedeskApp([folder], State(Path(tmp) / "state.json"))
        frames = FramesShown(app)
        async with app.run_test(size=(140, 45)) as pilot:
            await until(pilot, lambda: widget_titled(app, LIST_READY), interval=SETTLED_POLL)
            await until(pilot, lambda: not working(app), interval=SETTLED_POLL)  # its index: not timed
            reader = await until(pilot, lambda: widget_titled(app, "Reader"))

            async def open_ms(key: str, shown: str) -> tuple[float, float]:
                """(time on the wall, processor time of the process) from `key` to the frame showing the text of
                the `shown` article in the reader, in ms; then wait until all the open set going is done."""
                frames.expect(markers[shown], reader)
                began, began_cpu = time.perf_counter(), time.process_time()
                app.simulate_key(key)
                await frames.shown(TIMEOUT)
                figures = (time.perf_counter() - began) * 1000, (time.process_time() - began_cpu) * 1000
                # its quotations read (the long one's after its text), the rest of its text wrapped, its state written
                await until(pilot, lambda: not working(app) and reader.body.wrapped_whole, interval=SETTLED_POLL)
                await asyncio.sleep(0.2)
                return figures

            # The list is newest first: the short article, then the large one (`]` opens the next one down).
            await open_ms("enter", "short")
            await open_ms("right_square_bracket", "large")
            timed: dict[str, list[tuple[float, float]]] = {"large": [], "short": []}
            for _ in range(opens):
                timed["short"].append(await open_ms("left_square_bracket", "short"))
                timed["large"].append(await open_ms("right_square_bracket", "large"))
            pages = [await page_down_ms(pilot, reader) for _ in range(steps)]
            scrolled = reader.scroll_y
    wall, cpu = ([figure[which] for figure in timed["large"]] for which in (0, 1))
    short_wall, short_cpu = ([figure[which] for figure in timed["short"]] for which in (0, 1))
    figures = {"bytes": len(article.wire_text().encode()), "paragraphs": len(article.paragraphs),
               "quotations": len(article.quotations), "opens": opens,
               "open_ms_median": round(statistics.median(wall), 1), "open_ms_max": round(max(wall), 1),
               "open_cpu_ms_median": round(statistics.median(cpu), 1),
               "short_open_ms_median": round(statistics.median(short_wall), 1),
               "short_open_cpu_ms_median": round(statistics.median(short_cpu), 1),
               "page_steps": steps, "page_lines_scrolled": round(scrolled),
               "page_ms_median": round(statistics.median(pages), 1), "page_ms_max": round(max(pages), 1)}
    print(f"{figures['bytes'] / 2**20:.2f} MB article, {figures['quotations']:,} quotations, {opens} opens: median "
          f"{figures['open_ms_median']} ms, max {figures['open_ms_max']} ms, processor time median "
          f"{figures['open_cpu_ms_median']} ms (a short article opened between them: median "
          f"{figures['short_open_ms_median']} ms, processor time {figures['short_open_cpu_ms_median']} ms); "
          f"{steps} page-down steps ({figures['page_lines_scrolled']:,} lines): median {figures['page_ms_median']} "
          f"ms, max {figures['page_ms_max']} ms")
    return figures


def main() -> dict:
    return asyncio.run(measure())


if __name__ == "__main__":
    main()
