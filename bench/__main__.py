"""`python -m bench`: every benchmark, each figure beside its target, as a table and as JSON.

Launch time and memory are measured on real processes in a pseudo-terminal, each launch time against a bare
Textual app launched the same way in the same run; `quotedesk search` against `grep -rli` on the same files.
`--quick` skips the 100,000-article corpus. A benchmark that fails is reported as an error and the others still
run; the exit status is 1 only then (a missed target is a figure, shown as a miss)."""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from . import cli_search, launch
from .corpus import ensure_corpus

HERE = Path(__file__).resolve().parent
DEFAULT_JSON = HERE / "results.json"
ISOLATED_TIMEOUT = 900


@dataclass
class Row:
    what: str
    value: float | None  # None: the benchmark failed
    unit: str
    baseline: float | None = None
    limit: float | None = None  # the target: value (or ratio, with a baseline) at most this
    error: str | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.value is not None and self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.error:
            return False
        if self.limit is None:
            return None
        return (self.ratio if self.baseline is not None else self.value) <= self.limit

    @property
    def target(self) -> str:
        if self.limit is None:
            return "-"
        return f"<= {self.limit:g}x" if self.baseline is not None else f"<= {self.limit:g} {self.unit}"


def isolated(module: str, *args: int) -> dict:
    """`bench.<module>.main(*args)` run in a fresh interpreter, so nothing another benchmark left in this one skews
    it (run after the 10k app in the same process, a 1 MB article's page-down steps took up to 230 ms, not 15)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        code = f"import json, sys; from bench.{module} import main; json.dump(main(*{args!r}), open(sys.argv[1], 'w'))"
        subprocess.run([sys.executable, "-c", code, str(out)], cwd=HERE.parent, check=True, timeout=ISOLATED_TIMEOUT)
        return json.loads(out.read_text())


# --- the benchmarks, each turned into rows --------------------------------------------------------------------
def paint_limit(count: int) -> float:
    return 1.5 if count <= 10_000 else 3.0


def memory_limit(count: int) -> float:
    return 250 if count <= 10_000 else 1024


def corpora_rows(counts: list[int]) -> tuple[dict, list[Row]]:
    """Generate what is not cached yet, and say how long it took (the first run of 100k: well under a minute)."""
    timings = {}
    for count in counts:
        began = time.perf_counter()
        ensure_corpus(count)
        timings[f"{count}_s"] = round(time.perf_counter() - began, 1)
    print(f"corpora ready, seconds to generate (about 0 when cached): {timings}")
    return timings, []


def launch_rows(count: int) -> tuple[dict, list[Row]]:
    # The baseline is taken right before, so that both see the same load on the machine.
    bare = launch.bare_launch_seconds()
    bare_s = statistics.median(bare)
    print(f"bare Textual app paints its line in {bare_s:.3f} s (median of {len(bare)})")
    figures = {"bare_s": round(bare_s, 3), "bare_runs_s": [round(s, 3) for s in bare], **launch.measure(count)}
    label = f"{count // 1000}k"
    return figures, [
        Row(f"first paint {label}, cold", figures["cold_s"], "s", bare_s, paint_limit(count)),
        Row(f"first paint {label}, warm", figures["warm_s"], "s", bare_s, paint_limit(count)),
        Row(f"peak memory {label}, corpus open", figures["peak_rss_mb"], "MB", limit=memory_limit(count)),
    ]


def app_search_rows() -> tuple[dict, list[Row]]:
    figures = isolated("bench_app", 10_000)
    debounce = figures["debounce_ms"]
    return figures, [
        Row(f"search in app 10k, p95 (incl. {debounce:g} ms debounce)", figures["search_ms_p95"], "ms", limit=50),
        Row("search in app 10k, p95 after the debounce", round(figures["search_ms_p95"] - debounce, 1), "ms"),
        Row("open an article in app 10k, max", figures["open_ms_max"], "ms"),
    ]


def cli_search_rows() -> tuple[dict, list[Row]]:
    figures = cli_search.main(10_000)
    return figures, [
        Row(f"quotedesk search 10k {query}", q["quotedesk_s"], "s", q["grep_s"], 1.0)
        for query, q in figures["queries"].items()
    ]


def quotes_rows() -> tuple[dict, list[Row]]:
    figures = isolated("bench_quotes")
    return figures, [Row("quotation extraction", figures["articles_per_second"], "articles/s"),
                     Row("quotations of a 1 MB paragraph", figures["long_paragraph_seconds"], "s")]


def state_rows() -> tuple[dict, list[Row]]:
    figures = isolated("state_write")
    return figures, [
        Row(f"state write, 10k records: {name} {stat}", figures[name][f"{stat}_ms"], "ms", limit=20)
        for name in ("set_read", "add_highlight") for stat in ("median", "max")
    ]


def large_article_rows() -> tuple[dict, list[Row]]:
    figures = isolated("large_article")
    mb = f"{figures['bytes'] / 2**20:.1f} MB"
    return figures, [
        Row(f"open a {mb} article", figures["open_ms"], "ms", limit=100),
        Row(f"{mb} article, page down, median", figures["page_ms_median"], "ms", limit=100),
        Row(f"{mb} article, page down, max", figures["page_ms_max"], "ms", limit=100),
    ]


def highlights_rows() -> tuple[dict, list[Row]]:
    """The targets are absolute; the same figures with 10 highlights, measured in the same run, say how much of them
    is this machine's cost of pushing a screen, handling a key and painting, whatever the number of highlights."""
    figures = isolated("highlights_view")
    base = figures["baseline"]
    count, edited = f"{figures['highlights'] // 1000}k", f"{figures['on_edited_article']:,}"
    return figures, [
        Row(f"highlights view {count}: H, median", figures["h_ms_median"], "ms", limit=200),
        Row(f"highlights view {count}: H, max", figures["h_ms_max"], "ms", limit=200),
        Row(f"highlights view {count}: filter key, median", figures["filter_key_ms_median"], "ms", limit=50),
        Row(f"highlights view {count}: filter key, max", figures["filter_key_ms_max"], "ms", limit=50),
        Row(f"open an edited article with {edited} highlights", figures["open_edited_ms"], "ms"),
        Row(f"open an edited article with {edited} highlights: UI still, max", figures["open_edited_ui_stall_ms"],
            "ms"),
        Row("highlights view with 10 (baseline): H, median", base["h_ms_median"], "ms"),
        Row("highlights view with 10 (baseline): filter key, median", base["filter_key_ms_median"], "ms"),
        Row("open an edited article with 5 highlights (baseline): UI still, max", base["open_edited_ui_stall_ms"],
            "ms"),
    ]


# --- running them ---------------------------------------------------------------------------------------------
def run(name: str, benchmark: Callable[[], tuple[dict, list[Row]]], results: dict, rows: list[Row]) -> None:
    """Run one benchmark; a failure is recorded as an error row and the run goes on."""
    print(f"\n== {name}", flush=True)
    began = time.perf_counter()
    try:
        figures, new_rows = benchmark()
    except Exception as exc:
        traceback.print_exc()
        results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        rows.append(Row(name, None, "", error=f"{type(exc).__name__}: {exc}"))
        return
    figures["seconds"] = round(time.perf_counter() - began, 1)
    results[name] = figures
    rows.extend(new_rows)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count(),
            "python": platform.python_version(), "textual": version("textual"),
            "date": datetime.now().astimezone().isoformat(timespec="seconds"),
            "load_average_at_end": [round(load, 2) for load in os.getloadavg()]}  # others' work skews figures


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    lines = [("what", "value", "baseline", "ratio", "target", "result")]
    for row in rows:
        result = "ERROR" if row.error else {True: "pass", False: "MISS", None: "-"}[row.passed]
        error = row.error and row.error.splitlines()[0][:60]  # the whole message is in the JSON
        lines.append((row.what, error or _number(row.value, row.unit), _number(row.baseline, row.unit),
                      f"{row.ratio:.2f}x" if row.ratio is not None else "-", row.target, result))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(line, widths)))
        for line in lines
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k articles only, for a fast check")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="PATH",
                        help="where to write the figures (default: bench/results.json)")
    args = parser.parse_args(argv)
    counts = [1_000, 10_000] if args.quick else [10_000, 100_000]
    started = time.perf_counter()
    results: dict = {}
    rows: list[Row] = []

    run("corpora", lambda: corpora_rows(counts), results, rows)
    for count in counts:
        run(f"launch {count}", lambda count=count: launch_rows(count), results, rows)
    run("search in the app", app_search_rows, results, rows)
    run("quotedesk search vs grep", cli_search_rows, results, rows)
    run("quotation extraction", quotes_rows, results, rows)
    run("state write", state_rows, results, rows)
    run("large article", large_article_rows, results, rows)
    run("highlights view", highlights_rows, results, rows)

    elapsed = time.perf_counter() - started
    print(f"\n{table(rows)}\n\n{len(counts)} corpora, {elapsed / 60:.1f} min in all")
    report = {"machine": machine(), "quick": args.quick, "elapsed_s": round(elapsed, 1), "figures": results,
              "rows": [{**asdict(row), "ratio": row.ratio, "target": row.target, "passed": row.passed} for row in rows]}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 1 if any(row.error for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
