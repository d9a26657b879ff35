"""Command line entry point: the reader, and headless subcommands for scripts.

The headless subcommands never import Textual, so they start as fast as the data layer allows.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROG = "quotedesk"


def _existing_paths(raw: list[str]) -> tuple[list[Path], list[str]]:
    """The paths to open, with feeds named by an http(s) URL downloaded first (into the cache folder), and
    the notices about downloads that failed (also said on stderr). A local path that does not exist is a
    one-line error and exit status 2."""
    paths, notices = [], []
    for item in raw:
        if item.lower().startswith(("http://", "https://")):
            fetched = _fetch(item)
            notices += [fetched.notice] if fetched.notice else []
            paths += [fetched.path] if fetched.path else []
            continue
        path = Path(item).expanduser()
        if not path.exists():
            print(f"{PROG}: error: no such file or directory: {item}", file=sys.stderr)
            raise SystemExit(2)
        paths.append(path)
    return paths, notices


def _fetch(url: str):
    """Download one feed (see `store.feed_fetch`), saying on stderr what went wrong."""
    from store.feed_fetch import fetch_feed

    fetched = fetch_feed(url)
    if fetched.notice:
        print(f"{PROG}: {'warning' if fetched.path else 'skipped'}: {fetched.notice}", file=sys.stderr)
    return fetched


def reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read news articles with their quotations: who said what.",
        epilog=(
            "subcommands (run 'quotedesk SUBCOMMAND --help'):\n"
            "  quotes PATH...           print every quotation of the given files and folders\n"
            "  search QUERY [PATH...]   print the articles matching a search query\n"
            "  provenance PATH...       print the quotations found in more than one article, and how they changed\n"
            "  highlights               export your highlights (Markdown, JSON or CSV)\n\n"
            "With no PATH, the bundled sample articles are opened."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files or folders (read recursively), feed files, or feed URLs")
    parser.add_argument("--db", metavar="PATH", help="state database file (default: $QUOTEDESK_DB, else the user data directory)")
    parser.add_argument("--config", metavar="PATH", help="configuration file (default: config.toml in the user config directory)")
    return parser


def run_reader(argv: list[str]) -> int:
    args = reader_parser().parse_args(argv)
    from store import State, StateError, bundled_sample_data, resolve_db_path
    from store.config import load_config

    config = load_config(Path(args.config).expanduser() if args.config else None, explicit=bool(args.config))
    for problem in config.problems:
        print(f"{PROG}: config: {problem}", file=sys.stderr)
    notices: list[str] = []  # failed feed downloads, said on stderr and shown in the app
    if args.paths:
        paths, notices = _existing_paths(args.paths)
        if not paths:
            return 1  # only feeds that could not be fetched: each was said on stderr
    else:
        paths = [path for path in config.paths if path.exists()]
        for missing in (path for path in config.paths if not path.exists()):
            message = f"the configured path {missing} does not exist"
            config.problems.append(message)
            print(f"{PROG}: config: {message}", file=sys.stderr)
        paths = paths or [bundled_sample_data()]
    db_path = resolve_db_path(args.db)
    try:
        state = State(db_path)
    except StateError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    for warning in state.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    from .app import QuotedeskApp

    QuotedeskApp(paths, state, config, notices=notices).run()
    return 0


# --- quotedesk quotes ------------------------------------------------------------------------------
QUOTE_FIELDS = ("path", "entry", "text", "speaker", "role", "kind", "start", "end", "paragraph")


def quotes_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} quotes",
        description="Print every quotation of the given article files and folders (folders are read recursively).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table",
                        help="table for people (the default); json, jsonl or csv for scripts")
    parser.add_argument("--speaker", metavar="NAME", help="only quotations whose speaker contains NAME")
    return parser


def run_quotes(argv: list[str]) -> int:
    args = quotes_parser().parse_args(argv)
    from store import extract_quotations, iter_article_files
    from store.corpus import load_articles
    from store.text import NotText, printable
    if args.speaker:
        from store.search import fold  # the same folding as the search field: case and accents ignored

        wanted = fold(args.speaker)
    else:
        wanted = None
    records: list[dict] = []
    read_any = False
    for raw in args.paths:
        if raw.lower().startswith(("http://", "https://")):
            root = _fetch(raw).path
            if root is None:
                continue
        else:
            root = Path(raw).expanduser()
            if not root.exists():
                print(f"{PROG}: skipped {printable(raw)}: no such file or directory", file=sys.stderr)
                continue
        for path in iter_article_files([root]):
            try:
                read = load_articles(path)
            except (NotText, OSError) as exc:
                print(f"{PROG}: skipped {printable(path)}: {printable(getattr(exc, 'strerror', None) or exc)}", file=sys.stderr)
                continue
            for problem in read.problems:
                print(f"{PROG}: skipped {printable(path)}: {printable(problem)}", file=sys.stderr)
            read_any = read_any or bool(read.articles)
            for article in read.articles:
                for q in extract_quotations(article.text):
                    if wanted is not None and (q.speaker is None or wanted not in fold(q.speaker)):
                        continue
                    records.append({"path": str(path), "entry": article.entry, "text": q.text, "speaker": q.speaker,
                                    "role": q.role, "kind": q.kind, "start": q.start, "end": q.end,
                                    "paragraph": q.paragraph})
    _print_records(records, args.format)
    if not read_any:
        print(f"{PROG}: no article could be read", file=sys.stderr)
        return 1
    return 0


def _print_records(records: list[dict], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        import json

        json.dump(records, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        import json

        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(out, fieldnames=QUOTE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_quote_table(records)


def _print_quote_table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=True)
    table.add_column("speaker", style="bold", ratio=1)
    table.add_column("quotation", ratio=4)
    table.add_column("where", style="dim", ratio=1, overflow="fold")
    for r in records:
        speaker = Text(r["speaker"] or "—")
        if r["role"]:
            speaker.append(f"\n{r['role']}", style="dim")
        kind = "" if r["kind"] == "direct" else f" ({r['kind']})"
        # Article text is data: Text() never parses markup.
        table.add_row(speaker, Text(f"“{r['text']}”{kind}"), Text(f"{Path(r['path']).name} ¶{r['paragraph'] + 1}"))
    Console().print(table)


# --- quotedesk search ------------------------------------------------------------------------------
SEARCH_COLUMNS = "a.num, a.path, a.date, a.source, a.title"  # what `quotedesk search` prints of an article


def search_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} search",
        description=(
            "Print the articles matching QUERY, with the same syntax as the search field: words (all must match), "
            '"exact phrase", -word, speaker:NAME, source:NAME, after:YYYY-MM-DD, before:YYYY-MM-DD, '
            "is:read, is:unread, is:highlighted."
        ),
    )
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders (default: the sample articles)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--db", metavar="PATH", help="state database, for is: filters (default: $QUOTEDESK_DB, else the user data directory)")
    return parser


def run_search(argv: list[str]) -> int:
    args = search_parser().parse_args(argv)
    from store.library import CorpusUnavailable, Library, Marks, Progress
    from store.search import parse_query
    from store.search.fts5 import ArticleQuery, hit_counts
    from store.search.plan import compile_query
    from store.text import printable

    query = parse_query(args.query)
    for problem in query.problems:
        print(f"{PROG}: note: {problem}", file=sys.stderr)
    paths, _ = _existing_paths(args.paths) if args.paths else ([_bundled_sample_data()], [])
    if not paths:
        return 1  # only feeds that could not be fetched: each was said on stderr
    marks = Marks()
    if query.flags:
        from store import State, StateError, resolve_db_path

        try:
            state = State.for_reading(resolve_db_path(args.db))
        except StateError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 1
        marks = Marks(read=state.read_article_ids(), highlighted=state.highlighted_article_ids())
    try:
        library = Library(paths)
    except CorpusUnavailable as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    if library.notice:
        print(f"{PROG}: note: {library.notice}", file=sys.stderr)
    plan = compile_query(query)

    def matching(connection) -> tuple[list[tuple], dict[int, int]]:
        found = ArticleQuery(plan, marks).rows(connection, None, -1, columns=SEARCH_COLUMNS)
        return found, hit_counts(connection, query, [row[0] for row in found])

    def report(event) -> None:
        # Only a first search of a large corpus takes long enough to be worth telling.
        if isinstance(event, Progress) and event.total > 200 and sys.stderr.isatty():
            print(f"\r{PROG}: indexing {event.done:,} of {event.total:,}", end="", file=sys.stderr, flush=True)

    found, hits = library.search_while_checking(matching, report)
    for skipped in library.reader.skipped():
        print(f"{PROG}: skipped {printable(skipped.path)}: {printable(skipped.reason)}", file=sys.stderr)
    rows = [{"path": path, "date": date, "source": source, "headline": title, "hits": hits.get(number, 0)}
            for number, path, date, source, title in found]
    if args.format == "json":
        import orjson

        sys.stdout.buffer.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    else:
        _print_search_table(rows)
    return 0 if library.reader.article_count() else 1


def _bundled_sample_data() -> Path:
    from store.corpus import bundled_sample_data

    return bundled_sample_data()


def _print_search_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(expand=True, caption=f"{len(rows)} article{'s' if len(rows) != 1 else ''}")
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=1)
    table.add_column("headline", ratio=3)
    table.add_column("hits", justify="right")
    table.add_column("path", style="dim", ratio=2, overflow="fold")
    for r in rows:
        table.add_row(r["date"] or "", Text(r["source"] or ""), Text(r["headline"]), str(r["hits"]), Text(r["path"]))
    Console().print(table)


# --- quotedesk provenance -------------------------------------------------------------------------
def _at_least_two(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {raw!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError("a group has at least 2 occurrences")
    return value


def provenance_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} provenance",
        description=(
            "Print every quotation found in more than one place, each group of occurrences oldest first, with "
            "where it was first seen and how later versions differ from it (words dropped, added or changed; "
            "marked cuts and [bracketed] insertions are editing, not changes)."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files and folders")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--changed", action="store_true",
                        help="only the groups whose wording or speaker differs between versions")
    parser.add_argument("--min", type=_at_least_two, default=2, metavar="N",
                        help="only groups of at least N occurrences (default 2)")
    return parser


def run_provenance(argv: list[str]) -> int:
    args = provenance_parser().parse_args(argv)
    from store.library import CorpusUnavailable, Library, Progress
    from store.provenance.reader import ProvenanceReader
    from store.text import printable

    paths, _ = _existing_paths(args.paths)
    if not paths:
        return 1  # only feeds that could not be fetched: each was said on stderr
    try:
        library = Library(paths)
    except CorpusUnavailable as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    if library.notice:
        print(f"{PROG}: note: {library.notice}", file=sys.stderr)

    def report(event) -> None:
        if isinstance(event, Progress) and event.total > 200 and sys.stderr.isatty():
            print(f"\r{PROG}: {event.stage} {event.done:,} of {event.total:,}", end="", file=sys.stderr, flush=True)

    library.sync(report)  # reads what changed and groups what is not grouped yet; quick when nothing is new
    for skipped in library.reader.skipped():
        print(f"{PROG}: skipped {printable(skipped.path)}: {printable(skipped.reason)}", file=sys.stderr)
    groups = ProvenanceReader(library.connection).groups(args.min, changed_only=args.changed)
    if args.format == "json":
        import orjson

        records = [group.to_json() for group in groups]
        sys.stdout.buffer.write(orjson.dumps(records, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    else:
        _print_provenance_table(groups)
    return 0 if library.reader.article_count() else 1


def _print_provenance_table(groups) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from store.text import printable

    console = Console()
    count = 0
    for group in groups:
        count += 1
        marks = ["wording changed"] * group.changed + ["speaker differs"] * group.speaker_conflict
        table = Table(expand=True, title_justify="left",
                      title=f"{group.size} occurrences" + "".join(f" · {mark}" for mark in marks))
        table.add_column("date", no_wrap=True)
        table.add_column("source", ratio=1)
        table.add_column("speaker", ratio=1)
        table.add_column("quotation", ratio=4)
        table.add_column("file", style="dim", ratio=1, overflow="fold")
        for index, occurrence in enumerate(group.occurrences):
            # Article text is data: Text() never parses markup, printable() drops what acts on a terminal.
            text = Text(f"“{printable(occurrence.text)}”")
            if index == group.first:
                text.append("\nfirst seen", style="bold")
            for difference in occurrence.differences:
                style = "italic" if difference.is_change else "dim"
                text.append(f"\n{_difference_line(difference, printable)}", style=style)
            table.add_row(occurrence.date or "", Text(printable(occurrence.source or "")),
                          Text(printable(occurrence.speaker or "—")), text, Text(printable(Path(occurrence.path).name)))
        console.print(table)
    console.print(f"{count} group{'s' if count != 1 else ''}")


def _difference_line(difference, printable) -> str:
    old, new = printable(difference.old), printable(difference.new)
    return {"replace": f"changed: “{old}” → “{new}”", "insert": f"added: “{new}”", "delete": f"dropped: “{old}”",
            "cut": f"cut (marked): “{old}”", "added": f"editorial insertion: {new}",
            "excerpt": f"quotes less: without “{old}”" if old else f"quotes more: “{new}”"}[difference.op]


# --- quotedesk highlights --------------------------------------------------------------------------
def highlights_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} highlights",
        description="Export every highlight: Markdown grouped by article with citations, or JSON/CSV with every field.",
    )
    parser.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--db", metavar="PATH", help="state database (default: $QUOTEDESK_DB, else the user data directory)")
    return parser


def run_highlights(argv: list[str]) -> int:
    args = highlights_parser().parse_args(argv)
    from store import State, StateError, resolve_db_path
    from store.export import render, write_atomically

    try:
        state = State.for_reading(resolve_db_path(args.db))
    except StateError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    for warning in state.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    highlights = state.highlights()
    text = render(highlights, args.format)
    if args.output:
        try:
            write_atomically(Path(args.output).expanduser(), text)
        except OSError as exc:
            print(f"{PROG}: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"{PROG}: wrote {len(highlights)} highlight{'s' if len(highlights) != 1 else ''} to {args.output}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


SUBCOMMANDS = {"quotes": run_quotes, "search": run_search, "provenance": run_provenance,
               "highlights": run_highlights}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return SUBCOMMANDS[argv[0]](argv[1:])
        return run_reader(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `quotedesk quotes ... | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
