"""The highlights view and re-anchoring at scale: 10,000 highlights in the state database.

Run from the project root: `python -m bench.highlights_view`. A corpus of synthetic wire articles is written to a
temp folder, with 10,000 highlights on them in the state database; 1,000 of them on one long article whose file
is then edited (a paragraph added at the top, so every highlight has to be found again). The app is driven as a
user would (headless, 140x45), each figure ending with a frame painted:

- `H` on the main screen until the highlights view lists them all;
- each key typed into the view's filter until the screen has handled it (the list filtered) and painted;
- enter on the edited article until the reader shows it (its 1,000 highlights placed on the new text), and the
  longest the UI stood still meanwhile (the largest gap between the ticks of a 5 ms timer): the reading and
  parsing run in a worker, the placing of the highlights and the drawing on the UI thread.

The same is measured with 10 highlights in the same run, as a baseline: what pushing a screen, typing a key into a
field and painting cost on this machine, whatever the number of highlights (two shared cores make all of them
vary by a factor of two from run to run)."""
from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from textual.widgets import Input

from store import State
from tui.app import QuotedeskApp
from tui.widgets.article_list import ArticleList

from .corpus import make_article
from .drive import LIST_READY, isolated_cache, until, widget_titled, working

HIGHLIGHTS = 10_000
ON_EDITED = 1_000
ARTICLES = 200
H_RUNS = 5
FILTER = "council"  # typed one key at a time; then deleted one key at a time
EDITED_NAME = "2030-01-01_edited.txt"


def _wire(date: str, body: str) -> str:
    return f"date {date} By Coastal Wire\n\n{body}\n"


def _spans(rng: random.Random, body: str, count: int) -> list[tuple[int, int]]:
    """`count` passages of 20-120 characters, starting and ending inside the body."""
    spans = []
    for _ in range(count):
        start = rng.randrange(0, len(body) - 130)
        spans.append((start, start + rng.randint(20, 120)))
    return spans


def write_fixture(folder: Path, db_path: Path, seed: int = 7, highlights: int = HIGHLIGHTS,
                  on_edited: int = ON_EDITED) -> Path:
    """The corpus and a state database with its highlights (written as the database file, in TinyDB's layout:
    adding 10,000 highlights one by one would rewrite the file 10,000 times). Returns the file to edit."""
    from store.sources.article_files import load_article

    rng = random.Random(seed)
    folder.mkdir(parents=True)
    paths = []
    for number in range(ARTICLES):
        article = make_article(rng)
        path = folder / f"{article.date}_{number:04d}.txt"
        path.write_text(article.wire_text(), encoding="utf-8")
        paths.append(path)
    long_body = "\n\n".join(p for _ in range(12) for p in make_article(rng).paragraphs)  # about 30 KB
    edited = folder / EDITED_NAME
    edited.write_text(_wire("2030-01-01", long_body), encoding="utf-8")

    docs = {}
    plan = [(edited, on_edited)] + [(paths[n % ARTICLES], 1) for n in range(highlights - on_edited)]
    for path, count in plan:
        article = load_article(path)
        for start, end in _spans(rng, article.text, count):
            number = len(docs) + 1
            docs[str(number)] = {
                "id": f"h{number:06d}", "article_id": article.id, "start": start, "end": end,
                "text": article.text[start:end], "created": f"2025-01-01T12:{number // 60 % 60:02d}:{number % 60:02d}+00:00",
                "speaker": rng.choice(["Ada Novak", "Tomas Brandt", None]), "color": rng.randint(1, 4),
                "note": rng.choice(["", "check the figures", "ask the council", "follow up"]),
                "title": article.title, "source": article.source, "date": article.date, "path": str(article.path),
                "detached": False,
            }
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(orjson.dumps({"meta": {"1": {"schema": 1}}, "highlights": docs}))
    # The edit: a new first paragraph, so that every highlight of the article moves.
    edited.write_text(_wire("2030-01-01", "A correction was added to this article on Tuesday.\n\n" + long_body),
                      encoding="utf-8")
    return edited


async def _painted(pilot) -> None:
    await pilot.pause(0)


async def measure(highlights: int = HIGHLIGHTS, on_edited: int = ON_EDITED) -> dict:
    with tempfile.TemporaryDirectory() as tmp, isolated_cache(f"{tmp}/cache"):
        folder, db_path = Path(tmp) / "articles", Path(tmp) / "state.json"
        edited = write_fixture(folder, db_path, highlights=highlights, on_edited=on_edited)
        app = QuotedeskApp([folder], State(db_path))
        async with app.run_test(size=(140, 45)) as pilot:
            await until(pilot, lambda: widget_titled(app, LIST_READY), interval=0.05)
            await until(pilot, lambda: not working(app), interval=0.05)
            main = app.screen

            # The edited article is the newest: the list's first row. The cursor kept the row it was on while the
            # list grew (a first indexing lists articles as they are stored), so it is taken to the top first.
            articles = app.screen.query_one(ArticleList)
            app.simulate_key("g")
            await until(pilot, lambda: articles.highlighted == 0, interval=0.05)
            ticks = []
            ticker = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
            began = time.perf_counter()
            app.simulate_key("enter")
            # An interval: the article is read in a worker, which spinning would keep from the GIL.
            await until(pilot, lambda: widget_titled(app, edited.name, "border_subtitle"), interval=0.005)
            await _painted(pilot)
            open_ms = (time.perf_counter() - began) * 1000
            ticker.stop()
            stall_ms = max(b - a for a, b in zip([began, *ticks], [*ticks, time.perf_counter()])) * 1000

            h_runs = []
            for _ in range(H_RUNS):
                began = time.perf_counter()
                app.simulate_key("H")
                await until(pilot, lambda: app.screen is not main and widget_titled(app, f"· {highlights:,}"))
                await _painted(pilot)
                h_runs.append((time.perf_counter() - began) * 1000)
                app.simulate_key("escape")
                await until(pilot, lambda: app.screen is main)
                await _painted(pilot)

            app.simulate_key("H")
            await until(pilot, lambda: app.screen is not main)
            await _painted(pilot)
            app.simulate_key("slash")
            await _painted(pilot)
            field = app.screen.query_one(Input)
            keys, typed = [], ""
            for key in [*FILTER, *["backspace"] * len(FILTER)]:
                typed = typed[:-1] if key == "backspace" else typed + key
                began = time.perf_counter()
                # Not `pilot.press`: it sleeps at least 40 ms per key, waiting for the process to look idle.
                app.simulate_key(key)
                await until(pilot, lambda: field.value == typed)
                await _painted(pilot)  # the field's change handled (the list filtered), and painted
                keys.append((time.perf_counter() - began) * 1000)
            assert str(widget_titled(app, "Highlights ·").border_title) == f"Highlights · {highlights:,}"
    return {
        "highlights": highlights, "on_edited_article": on_edited,
        "h_ms_median": round(statistics.median(h_runs), 1), "h_ms_max": round(max(h_runs), 1),
        "filter_keys": len(keys), "filter_key_ms_median": round(statistics.median(keys), 1),
        "filter_key_ms_max": round(max(keys), 1), "filter_key_ms_each": [round(ms, 1) for ms in keys],
        "open_edited_ms": round(open_ms, 1), "open_edited_ui_stall_ms": round(stall_ms, 1),
    }


def report(figures: dict) -> str:
    return (f"{figures['highlights']:,} highlights: H median {figures['h_ms_median']} ms, max {figures['h_ms_max']} "
            f"ms; {figures['filter_keys']} filter keys median {figures['filter_key_ms_median']} ms, max "
            f"{figures['filter_key_ms_max']} ms; open the edited article with {figures['on_edited_article']:,} "
            f"highlights {figures['open_edited_ms']} ms (the UI still for {figures['open_edited_ui_stall_ms']} ms at "
            "most)")


def main() -> dict:
    baseline = asyncio.run(measure(highlights=10, on_edited=5))
    figures = asyncio.run(measure())
    print(f"baseline: {report(baseline)}\n{report(figures)}")
    return {**figures, "baseline": baseline}


if __name__ == "__main__":
    main()
