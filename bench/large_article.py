"""Opening and scrolling the largest article: a 1 MB wire article, in the app (headless, 140x45).

Run from the project root: `python -m bench.large_article`. The app is driven as a user would: enter on the
list's only row, then page-down steps in the reader. Each figure ends with a frame drawn: `pilot.pause(0)` has
the app handle what is pending and then lay out and paint the screen, so wrapping and rendering are in it."""
from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

from textual.widget import Widget

from store import State
from tui.app import QuotedeskApp

from .corpus import SyntheticArticle, make_article
from .drive import LIST_READY, isolated_cache, until, widget_titled, working

SIZE = 1024 * 1024
STEPS = 50
POLL = 0.002  # seconds between two looks at the screen while the article is read


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


async def measure(steps: int = STEPS) -> dict:
    article = large_article()
    with tempfile.TemporaryDirectory() as tmp, isolated_cache(f"{tmp}/cache"):
        folder = Path(tmp) / "articles"
        folder.mkdir()
        path = folder / "2025-01-01_large.txt"
        path.write_text(article.wire_text(), encoding="utf-8")
        app = QuotedeskApp([folder], State(Path(tmp) / "state.json"))
        async with app.run_test(size=(140, 45)) as pilot:
            await until(pilot, lambda: widget_titled(app, LIST_READY))
            await until(pilot, lambda: not working(app), interval=0.05)  # its index of one article: not timed
            began = time.perf_counter()
            app.simulate_key("enter")
            # Read in a worker thread: short sleeps leave it the processor (spinning would measure the spinning).
            reader = await until(pilot, lambda: widget_titled(app, path.name, "border_subtitle"), interval=POLL)
            await until(pilot, lambda: reader.max_scroll_y > 0, interval=POLL)  # laid out, in the frame painted
            open_ms = (time.perf_counter() - began) * 1000
            pages = [await page_down_ms(pilot, reader) for _ in range(steps)]
            scrolled = reader.scroll_y
    figures = {"bytes": len(article.wire_text().encode()), "paragraphs": len(article.paragraphs),
               "quotations": len(article.quotations), "open_ms": round(open_ms, 1),
               "page_steps": steps, "page_lines_scrolled": round(scrolled),
               "page_ms_median": round(statistics.median(pages), 1), "page_ms_max": round(max(pages), 1)}
    print(f"{figures['bytes'] / 2**20:.2f} MB article, {figures['quotations']:,} quotations: opened in "
          f"{figures['open_ms']} ms; {steps} page-down steps ({figures['page_lines_scrolled']:,} lines): median "
          f"{figures['page_ms_median']} ms, max {figures['page_ms_max']} ms")
    return figures


def main() -> dict:
    return asyncio.run(measure())


if __name__ == "__main__":
    main()
