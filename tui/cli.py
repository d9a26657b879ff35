"""Command line entry point: the reader, and headless subcommands for scripts.

The headless subcommands never import Textual, so they start as fast as the data layer allows.
"""
from __future__ import annotations

import sys
from pathlib import Path
TYPE_CHECKING = False  # typing's flag, without importing typing

from .format import plural

if TYPE_CHECKING:
    import argparse

PROG = "quotedesk"


def _say(message: str) -> None:
    """One line on stderr, through the sanitiser: it may name a hostile file."""
    from store.text import printable

    print(printable(message), file=sys.stderr)


def _split_paths(raw: list[str]) -> tuple[list[Path], list[str]]:
    """The local paths and the feed URLs (http(s)) among the command line's arguments. A local path that does not
    exist is a one-line error and exit status 2."""
    from store.text import is_url

    paths, urls = [], []
    for item in raw:
        if is_url(item):
            urls.append(item)
            continue
        path = Path(item).expanduser()
        if not path.exists():
            _say(f"{PROG}: error: no such file or directory: {item}")
            raise SystemExit(2)
        paths.append(path)
    return paths, urls


def _existing_paths(raw: list[str]) -> list[Path]:
    """The paths to read for a headless command: local paths as given, then the feeds named by URL, downloaded
    first (see `_downloaded`)."""
    paths, urls = _split_paths(raw)
    return paths + _downloaded(urls) if urls else paths


def _downloaded(urls: list[str]) -> list[Path]:
    """The feed files to read for `urls`, downloaded in parallel into the cache folder (or an earlier copy), each
    failure said on stderr."""
    from store.sources.feed_download import fetch_feeds

    paths = []
    for fetched in fetch_feeds(urls):
        if fetched.notice:
            _say(f"{PROG}: {'warning' if fetched.path else 'skipped'}: {fetched.notice}")
        if fetched.path:
            paths.append(fetched.path)
    return paths


CONFIG_HELP = "configuration file (default: config.toml in the user config directory)"


def reader_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read news articles with their quotations: who said what.",
        epilog=(
            "subcommands (run 'quotedesk SUBCOMMAND --help'):\n"
            "  quotes PATH...           print every quotation of the given files and folders\n"
            "  search QUERY [PATH...]   print the articles matching a search query\n"
            "  provenance PATH...       where each quotation was printed, and how it changed\n"
            "  highlights               export your highlights (Markdown, JSON or CSV)\n"
            "  corrections              export your corrections (scorer's gold JSON or CSV)\n\n"
            "With no PATH, the configured paths are opened, else the bundled sample articles."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files or folders (read recursively), feed files, or feed URLs")
    parser.add_argument("--db", metavar="PATH", help="state database file (default: $QUOTEDESK_DB, else the user data directory)")
    parser.add_argument("--config", metavar="PATH", help=CONFIG_HELP)
    parser.add_argument("--version", action=_version_action())
    return parser


def _version_action() -> type:
    import argparse

    class VersionAction(argparse.Action):
        """--version: the version is read from the package's metadata only when asked for (reading it costs a
        launch about as much as drawing the first screen)."""

        def __init__(self, option_strings, dest, **kwargs) -> None:
            super().__init__(option_strings, dest, nargs=0, help="show program's version number and exit")

        def __call__(self, parser, namespace, values, option_string=None) -> None:
            from store.quotes.compiled import engine_compiled
            from store.search.fts5 import hit_counter_built

            engine = "compiled" if engine_compiled() else "as Python"
            hits = "built" if hit_counter_built() else "not built"
            print(f"{PROG} {version()} (quotation engine {engine}; hit counter {hits})")
            parser.exit()

    return VersionAction


def version() -> str:
    """The installed package's version (its metadata: no import of the app)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version(PROG)
    except PackageNotFoundError:
        return "unknown (not installed)"


def _config(raw: str | None):
    """The configuration (`--config`, else the usual file); its problems said on stderr."""
    from store.config import load_config

    config = load_config(Path(raw).expanduser() if raw else None, explicit=bool(raw))
    for problem in config.problems:
        _say(f"{PROG}: config: {problem}")
    return config


def _headless_config(raw: str | None):
    """The configuration for a headless command, its problems said on stderr; a `--config` file that cannot be
    read is an error (exit status 2), as a PATH that does not exist: a script gets what it asked for or nothing."""
    from store.config import load_config

    config = load_config(Path(raw).expanduser() if raw else None, explicit=bool(raw))
    if raw and config.unreadable:
        _say(f"{PROG}: error: cannot read the configuration file {raw}: {config.unreadable}")
        raise SystemExit(2)
    for problem in config.problems:
        _say(f"{PROG}: config: {problem}")
    return config


def _configured_paths(config) -> list[Path]:
    """What quotedesk opens when no PATH is given: the configured `paths` that exist (the others said on stderr
    and added to the config's problems), else the bundled sample articles."""
    from store import bundled_sample_data

    for missing in (path for path in config.paths if not path.exists()):
        message = f"the configured path {missing} does not exist"
        config.problems.append(message)
        _say(f"{PROG}: config: {message}")
    return [path for path in config.paths if path.exists()] or [bundled_sample_data()]


_READER_OPTIONS = {"--db": None, "--config": None}


def _plain_args(argv: list[str], options: dict[str, tuple[str, ...] | None],
                **defaults: str) -> tuple[list[str], dict[str, str | None]] | None:
    """The arguments and the `options` (name: its choices, if any; values None unless in `defaults`) of `argv`,
    read without loading argparse (a tenth of a small search's time), when it holds the
    arguments in a row and options spelled out whole with plain values; None for anything else (help, an
    abbreviation, `--format=json`, a value starting with `-`, a bad choice): argparse parses that, and says what
    is wrong."""
    values: dict[str, str | None] = {name[2:]: defaults.get(name[2:]) for name in options}
    positional: list[str | None] = []
    items = iter(argv)
    for item in items:
        if not item.startswith("-"):
            if positional and positional[-1] is None:
                return None  # arguments on both sides of an option
            positional.append(item)
            continue
        if positional and positional[-1] is not None:
            positional.append(None)  # the arguments end here
        choices = options.get(item, False)
        value = next(items, None)
        if choices is False or value is None or value.startswith("-") or (choices and value not in choices):
            return None
        values[item[2:]] = value
    return [item for item in positional if item is not None], values


def _plain_reader_args(argv: list[str]) -> argparse.Namespace | None:
    """`argv` as `reader_parser()` parses it when `_plain_args` can read it, else None."""
    from types import SimpleNamespace

    plain = _plain_args(argv, _READER_OPTIONS)
    return None if plain is None else SimpleNamespace(paths=plain[0], **plain[1])


def run_reader(argv: list[str]) -> int:
    import gc

    # A launch makes many objects and hardly any garbage: collecting meanwhile only delays the first screen. The
    # app collects again once that screen is painted (`QuotedeskApp.main_screen_ready`).
    gc.disable()
    args = _plain_reader_args(argv) or reader_parser().parse_args(argv)
    from store import State, StateError, resolve_db_path

    config = _config(args.config)
    feeds: list[str] = []  # downloaded by the app once its window is up
    if args.paths:
        paths, feeds = _split_paths(args.paths)
        if feeds:  # a feed's copy from an earlier launch is listed at once; the download replaces it when it arrives
            from store.sources.feed_download import feed_cache_path

            paths += [feed_cache_path(url) for url in feeds]
    else:
        paths = _configured_paths(config)
    db_path = resolve_db_path(args.db)
    try:
        state = State(db_path)
    except StateError as exc:
        _say(f"{PROG}: error: {exc}")
        return 1
    for warning in state.warnings:
        _say(f"{PROG}: warning: {warning}")
    from .app import QuotedeskApp, run_until_quit

    return run_until_quit(QuotedeskApp(paths, state, config, feeds=feeds))


def _subcommand_parser(name: str, description: str) -> argparse.ArgumentParser:
    import argparse

    return argparse.ArgumentParser(prog=f"{PROG} {name}", description=description)


# --- quotedesk quotes ------------------------------------------------------------------------------
QUOTE_FIELDS = ("path", "entry", "text", "speaker", "extracted_speaker", "corrected", "role", "start", "end",
                "paragraph", "cue_start", "cue_end", "mention_start", "mention_end", "resolution", "confidence",
                "basis")
DB_HELP = "state database, read only (default: $QUOTEDESK_DB, else the user data directory)"


def quotes_parser() -> argparse.ArgumentParser:
    parser = _subcommand_parser("quotes", "Print every quotation of the given article files and folders (folders "
                                          "are read recursively), with the corrections kept in the state database "
                                          "applied.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files and folders (default: the configured paths, else the sample articles)")
    parser.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table",
                        help="table for people (the default); json, jsonl or csv for scripts")
    parser.add_argument("--speaker", metavar="NAME", help="only quotations whose speaker contains NAME")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument("--config", metavar="PATH", help=CONFIG_HELP)
    return parser


def _state_for_reading(db: str | None, *, named_must_read: bool = False):
    """The state database, read only (its warnings said on stderr), or None when it cannot be used at all; with
    `named_must_read`, False for a database named by `db` that cannot be read (said in one line)."""
    from store import State, StateError, resolve_db_path

    try:
        state = State.for_reading(resolve_db_path(db))
    except StateError as exc:
        _say(f"{PROG}: error: {exc}")
        return None
    if named_must_read and db and state.unusable:
        _say(f"{PROG}: error: the state database {db} cannot be read: {state.unusable}")
        return False
    for warning in state.warnings:
        _say(f"{PROG}: warning: {warning}")
    return state


def _read_articles(roots: list[Path]):
    """(file, article) for every article of the given files and folders; what cannot be read is said on
    stderr."""
    from store import iter_article_files
    from store.sources.article_files import load_articles, source_folder
    from store.text import NotText, printable

    for root in roots:
        for path in iter_article_files([root]):
            try:
                read = load_articles(path, source_folder(path, [root]))
            except (NotText, OSError) as exc:
                print(f"{PROG}: skipped {printable(path)}: {printable(getattr(exc, 'strerror', None) or exc)}",
                      file=sys.stderr)
                continue
            for problem in read.problems:
                print(f"{PROG}: skipped {printable(path)}: {printable(problem)}", file=sys.stderr)
            for article in read.articles:
                yield path, article


def run_quotes(argv: list[str]) -> int:
    args = quotes_parser().parse_args(argv)
    from store import extract_quotations
    from store.corrections import CorrectionsByArticle

    # A PATH that does not exist is an error before anything is printed; no PATH: as the app opens. A --config
    # is checked even when PATHs make its `paths` unused.
    config = _headless_config(args.config) if args.config or not args.paths else None
    roots = _existing_paths(args.paths) if args.paths else _configured_paths(config)
    state = _state_for_reading(args.db)
    if state is None:
        return 1
    corrections = CorrectionsByArticle(state.corrections())
    # The records of each article, in reading order. Corrections made on an earlier version of a file follow it
    # when that version is not among the articles read, known once all are read: such an article waits.
    listed: list[list[dict] | tuple] = []
    read_ids: set[str] = set()
    for path, article in _read_articles(roots):
        read_ids.add(article.id)
        quotations = extract_quotations(article.text)
        if corrections.earlier(article):
            listed.append((path, article, quotations))
        else:
            listed.append(_quote_records(path, article, quotations, corrections.of(article, ()), args.speaker))
    records: list[dict] = []
    for item in listed:
        if isinstance(item, tuple):
            path, article, quotations = item
            item = _quote_records(path, article, quotations, corrections.of(article, read_ids), args.speaker)
        records += item
    # Nothing read: the message says so; an empty table would only be noise. The formats for scripts keep their
    # empty document ([] in JSON, the header in CSV): a reader of them gets what it parses, and the status.
    if read_ids or args.format != "table":
        _print_records(records, args.format)
    if not read_ids:
        print(f"{PROG}: no article could be read", file=sys.stderr)
        return 1
    return 0


def _quote_records(path: Path, article, quotations: list, corrections: list, speaker: str | None) -> list[dict]:
    """One record per quotation as listed with the corrections applied; `speaker`: only those whose speaker
    contains it (folded as in the search field: case and accents ignored)."""
    from store.corrections import apply_corrections
    from store.text import fold

    wanted = fold(speaker) if speaker else None
    records = []
    for item in apply_corrections(article.text, quotations, corrections):
        q = item.quotation
        if wanted is not None and (q.speaker is None or wanted not in fold(q.speaker)):
            continue
        records.append({"path": str(path), "entry": article.entry, "text": q.text, "speaker": q.speaker,
                        "extracted_speaker": item.extracted_speaker, "corrected": item.corrected, "role": q.role,
                        "start": q.start, "end": q.end, "paragraph": q.paragraph,
                        "cue_start": q.cue_start, "cue_end": q.cue_end, "mention_start": q.mention_start,
                        "mention_end": q.mention_end, "resolution": q.resolution, "confidence": q.confidence,
                        "basis": q.basis})
    return records


def _print_records(records: list[dict], fmt: str) -> None:
    """JSON keeps every string exact (what a terminal could act on escaped, see `inert_json`); CSV and the table
    show them through the sanitiser."""
    out = sys.stdout
    if fmt in ("json", "jsonl"):
        import json

        from store.text import inert_json

        if fmt == "json":
            out.write(inert_json(json.dumps(records, ensure_ascii=False, indent=1)) + "\n")
        for record in records if fmt == "jsonl" else ():
            out.write(inert_json(json.dumps(record, ensure_ascii=False)) + "\n")
    elif fmt == "csv":
        from store.export import csv_text

        out.write(csv_text(records, QUOTE_FIELDS))
    else:
        _print_quote_table(records)


def _print_quote_table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from store.text import printable

    table = Table(show_lines=False, expand=True)
    table.add_column("speaker", style="bold", ratio=1)
    table.add_column("quotation and where", ratio=4, overflow="fold")
    for r in records:
        # A corrected speaker shows as one: "Mira Sand ✎"; a guessed one too: "Mira Sand?"
        # (see store.quotes.evidence).
        mark = " ✎" if r["corrected"] else "?" if r["speaker"] and r["confidence"] == "low" else ""
        speaker = Text(printable(r["speaker"] or "—") + mark)
        if r["role"]:
            speaker.append(f"\n{printable(r['role'])}", style="dim")
        # Text() never parses markup; printable() leaves nothing a terminal would act on.
        text = Text(f"“{printable(r['text'], lines=True)}”")
        # Where, under its words and as wide: a column of its own was too narrow at 80 columns to tell files apart.
        text.append(f"\n{printable(Path(r['path']).name)} ¶{r['paragraph'] + 1}", style="dim")
        table.add_row(speaker, text)
    Console().print(table)


# --- quotedesk search ------------------------------------------------------------------------------
# What the table shows of each article: the JSON output's fields (`store.search.output.FIELDS`), hits last.
SEARCH_COLUMNS = "a.path, a.date, a.source, a.title, {hits}"


def search_parser() -> argparse.ArgumentParser:
    parser = _subcommand_parser("search", (
        "Print the articles matching QUERY, with the same syntax as the search field: words (all must match), "
        '"exact phrase", -word, speaker:NAME, source:NAME, after:YYYY-MM-DD, before:YYYY-MM-DD, '
        "is:read, is:unread, is:highlighted."))
    parser.add_argument("query", metavar="QUERY")
    # A default makes argparse count PATH as optional: without one, a missing QUERY is said to need PATH too.
    parser.add_argument("paths", nargs="*", default=[], metavar="PATH",
                        help="files and folders (default: the configured paths, else the sample articles)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--db", metavar="PATH", help="state database, for is: filters (default: $QUOTEDESK_DB, else the user data directory)")
    parser.add_argument("--config", metavar="PATH", help=CONFIG_HELP)
    return parser


_SEARCH_OPTIONS = {"--format": ("table", "json"), "--db": None, "--config": None}  # name: its choices, if any


def _plain_search_args(argv: list[str]) -> argparse.Namespace | None:
    """`argv` as `search_parser()` parses it when `_plain_args` can read it, else None."""
    from types import SimpleNamespace

    plain = _plain_args(argv, _SEARCH_OPTIONS, format="table")
    if plain is None or not plain[0]:
        return None
    arguments, options = plain
    return SimpleNamespace(query=arguments[0], paths=arguments[1:], **options)


def run_search(argv: list[str]) -> int:
    import gc

    # One short run that makes a row per file and per match and frees them all at exit: cycle collections would
    # only traverse those rows again and again (a quarter of the files' check).
    gc.disable()
    args = _plain_search_args(argv) or search_parser().parse_args(argv)
    from store.search import parse_query

    query = parse_query(args.query)
    if query.problems:  # the app searches for the rest as the user types; a script gets what it asked or nothing
        _say(f"{PROG}: error: malformed query: {'; '.join(query.problems)}")
        return 2
    config = _headless_config(args.config) if args.config or not args.paths else None
    paths = _existing_paths(args.paths) if args.paths else _configured_paths(config)
    if not paths:
        return 1  # only feeds that could not be fetched: each was said on stderr
    from store.freshness import Listing

    listing = Listing(paths)  # the files' check starts now, in a process of its own, while the rest loads
    from store.corpus_db import CorpusReader
    from store.library import CorpusUnavailable, Library, Marks, Progress, paced
    from store.search.fts5 import ArticleQuery
    from store.search.plan import compile_query
    from store.text import printable

    marks = Marks()
    if query.flags:
        from store import State, StateError, resolve_db_path

        try:
            state = State.for_reading(resolve_db_path(args.db))
        except StateError as exc:
            _say(f"{PROG}: error: {exc}")
            return 1
        marks = Marks(read=state.read_article_ids(), highlighted=state.highlighted_article_ids())
    try:
        library = Library(paths)
    except CorpusUnavailable as exc:
        _say(f"{PROG}: error: {exc}")
        return 1
    if library.notice:
        _say(f"{PROG}: note: {library.notice}")
    articles = ArticleQuery(compile_query(query), marks)
    as_json = args.format == "json"

    def matching(connection) -> tuple[tuple[bytes, ...] | list[tuple], list, int]:
        # The files skipped and the articles counted with the answer, from the same database: while the files'
        # check goes on, not after it.
        reader = CorpusReader(connection)
        return _search_output(connection, query, articles, as_json), reader.skipped(), reader.article_count()

    told = []

    def report(event) -> None:
        # Only a first search of a large corpus takes long enough to be worth telling.
        if isinstance(event, Progress) and event.total > 200 and sys.stderr.isatty():
            print(f"\r{PROG}: indexing {event.done:,} of {event.total:,}", end="", file=sys.stderr, flush=True)
            told.append(True)

    found, skipped_files, article_count = library.search_while_checking(matching, paced(report), listing)
    if told:
        print(file=sys.stderr)  # end the progress line: the results start on a line of their own
    for skipped in skipped_files:
        print(f"{PROG}: skipped {printable(skipped.path)}: {printable(skipped.reason)}", file=sys.stderr)
    if as_json:
        _write_bytes(found)
    else:
        from store.search.output import FIELDS

        _print_search_table([dict(zip(FIELDS, row)) for row in found])
    code = 0 if article_count else 1
    # Closed here, the last connection: what this search wrote into the write-ahead log goes into the database,
    # and the log away, before the process ends (at once: see `_exit_now`).
    library.close()
    return code


def _search_output(connection, query, articles, as_json: bool) -> tuple[bytes, ...] | list[tuple]:
    """The JSON output (UTF-8, in pieces: `json_output`), or the rows of the table (`SEARCH_COLUMNS`), of the
    articles matching the query, hits counted."""
    from store.search.fts5 import hits_column

    hits = hits_column(connection, query, articles)
    if not as_json:
        return articles.rows(connection, None, -1, columns=SEARCH_COLUMNS.format(hits=hits))
    from store.search.output import SEPARATOR, json_output

    return json_output(articles.joined(connection, f"a.json_record || {hits}", SEPARATOR))


def _write_bytes(pieces: tuple[bytes, ...]) -> None:
    """UTF-8 output, as it is, piece after piece (a standard output without a byte stream under it gets it
    decoded)."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(b"".join(pieces).decode("utf-8"))
        return
    sys.stdout.flush()
    for piece in pieces:
        out.write(piece)


def _bundled_sample_data() -> Path:
    from store.sources.article_files import bundled_sample_data

    return bundled_sample_data()


def _print_search_table(rows: list[dict]) -> None:
    """Each article as a few lines: its headline, then date, source and hits, then its path on a line of its own,
    whole (a column of its own was cut into pieces at 80 columns, and a path is there to be copied). Lines that fit
    the width are written as they are, styled with the codes Rich gives this output (none when it is no terminal):
    a `Console.print` for each took some 80 µs, half a minute for the 95,000 matches of a common word in 100,000
    articles. A headline wider than the output is printed by Rich, which wraps it between words."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    from store.text import printable

    console = Console()
    width, styled = console.width, console.color_system is not None  # bold and dim: one code on every system
    write = console.file.write

    def render(text: str, style: Style) -> str:
        return style.render(text, legacy_windows=console.legacy_windows) if styled else text

    bold, dim = Style(bold=True), Style(dim=True)
    for r in rows:
        # Article text is data: printable() drops what acts on a terminal, and nothing here parses markup.
        headline = printable(r["headline"])
        if cell_len(headline) > width:
            console.print(Text(headline, style=bold))
            lines = []
        else:
            lines = [render(headline, bold)]
        # Hits are the query's words found: a query of filters alone (speaker:, -word, is:read) has none to count.
        about = [printable(r["date"] or ""), printable(r["source"] or ""), plural(r["hits"], "hit") if r["hits"] else ""]
        if any(about):
            lines.append(render(" · ".join(part for part in about if part), dim))
        # Never cut by us: a path longer than the terminal is wrapped by the terminal, which copies it as one line.
        lines.append(printable(r["path"]))
        write("\n".join(lines) + "\n\n")
    console.print(plural(len(rows), "article"))


def _at_least_two(raw: str) -> int:
    import argparse

    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {raw!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError("a group has at least 2 occurrences")
    return value


def provenance_parser() -> argparse.ArgumentParser:
    parser = _subcommand_parser("provenance", (
        "Print every quotation found in more than one place, each group of occurrences oldest first, with "
        "where it was first seen and how later versions differ from it (words dropped, added or changed; "
        "marked cuts and [bracketed] insertions are editing, not changes)."))
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files and folders")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--changed", action="store_true",
                        help="only the groups whose wording or speaker differs between versions")
    parser.add_argument("--min", type=_at_least_two, default=2, metavar="N",
                        help="only groups of at least N occurrences (default 2)")
    return parser


def run_provenance(argv: list[str]) -> int:
    args = provenance_parser().parse_args(argv)
    from store.library import CorpusUnavailable, Library, Progress, paced
    from store.provenance.reader import ProvenanceReader
    from store.text import printable

    paths = _existing_paths(args.paths)
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

    library.sync(paced(report))  # reads what changed and groups what is not grouped yet; quick when nothing is new
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
    """Each group under a line saying how many occurrences and what differs; each occurrence as its date, source
    and speaker, the quotation, its differences from the first seen, and its file's name whole on a line of its
    own (in a table's column a long name was cut in two at 80 columns)."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    from store.text import printable

    console = Console()
    count = 0
    for group in groups:
        count += 1
        marks = ["wording changed"] * group.changed + ["speaker differs"] * group.speaker_conflict
        console.print(Text(f"{group.size} occurrences" + "".join(f" · {mark}" for mark in marks), style="bold"))
        for index, occurrence in enumerate(group.occurrences):
            # Article text is data: Text() never parses markup, printable() drops what acts on a terminal.
            about = [occurrence.date or "", printable(occurrence.source or "")]
            heading = Text(" · ".join(part for part in about if part), style="dim")
            if index == group.first:
                heading.append(" · first seen" if heading else "first seen", style="bold")
            # As a citation gives it: “text” — Speaker.
            text = Text(f"“{printable(occurrence.text)}” — {printable(occurrence.speaker or 'unknown speaker')}")
            for difference in occurrence.differences:
                style = "italic" if difference.is_change else "dim"
                text.append(f"\n{printable(difference.describe())}", style=style)
            console.print()
            console.print(Padding(heading, (0, 0, 0, 2), expand=False))
            console.print(Padding(text, (0, 0, 0, 2), expand=False))
            # Never cut by us: a name longer than the terminal is wrapped by the terminal, which copies it whole.
            console.print(Text(f"  {printable(Path(occurrence.path).name)}", style="dim"), soft_wrap=True)
        console.print()
    console.print(plural(count, "group"))


# --- quotedesk highlights --------------------------------------------------------------------------
def highlights_parser() -> argparse.ArgumentParser:
    parser = _subcommand_parser("highlights", "Export every highlight: Markdown grouped by article with citations, "
                                              "or JSON/CSV with every field.")
    parser.add_argument("--format", choices=("markdown", "json", "csv"), default="markdown")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.add_argument("--db", metavar="PATH", help="state database (default: $QUOTEDESK_DB, else the user data directory)")
    return parser


def run_highlights(argv: list[str]) -> int:
    args = highlights_parser().parse_args(argv)
    from store import State, StateError, resolve_db_path
    from store.export import render, write_atomically

    db_path = resolve_db_path(args.db)
    if args.db and not db_path.exists():  # a database named by hand that is not there: no empty export
        _say(f"{PROG}: error: no such state database: {args.db}")
        return 2
    try:
        state = State.for_reading(db_path)
    except StateError as exc:
        _say(f"{PROG}: error: {exc}")
        return 1
    if args.db and state.unusable:
        _say(f"{PROG}: error: the state database {args.db} cannot be read: {state.unusable}")
        return 2
    for warning in state.warnings:
        _say(f"{PROG}: warning: {warning}")
    highlights = state.highlights()
    text = render(highlights, args.format)
    if args.output:
        try:
            write_atomically(Path(args.output).expanduser(), text)
        except OSError as exc:
            _say(f"{PROG}: error: cannot write {args.output}: {exc.strerror or exc}")
            return 1
        _say(f"{PROG}: wrote {plural(len(highlights), 'highlight')} to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


# --- quotedesk corrections -------------------------------------------------------------------------
CORRECTION_FIELDS = ("path", "entry", "article_id", "kind", "start", "end", "text", "extracted_speaker", "speaker",
                     "created", "detached", "id")


def corrections_parser() -> argparse.ArgumentParser:
    parser = _subcommand_parser("corrections", (
        "Print your corrections of speakers and quotations: as JSON in the quotation scorer's gold format "
        "({file name: {\"quotes\": [[text, speaker], ...]}}), a test set of your own, or as CSV with every stored "
        "field."))
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    return parser


def run_corrections(argv: list[str]) -> int:
    args = corrections_parser().parse_args(argv)
    if args.db:
        from store import resolve_db_path

        if not resolve_db_path(args.db).exists():
            # No database yet is no correction yet: an empty test set, said, so that a mistyped name is seen.
            _say(f"{PROG}: note: no state database at {args.db}: no corrections")
    state = _state_for_reading(args.db, named_must_read=True)
    if state is None or state is False:  # False: the database named cannot be read, no empty test set
        return 1 if state is None else 2
    corrections = state.corrections()
    if args.format == "csv":
        from store.export import csv_text

        sys.stdout.write(csv_text([{name: getattr(c, name) for name in CORRECTION_FIELDS} for c in corrections],
                                  CORRECTION_FIELDS))
        return 0
    import json

    from store.corrections import gold
    from store.text import inert_json

    placed, unjudged = _placed(corrections)
    sys.stdout.write(inert_json(_gold_json(gold(placed, unjudged))))
    return 0


def _gold_json(articles: dict[str, dict]) -> str:
    """The gold as the scorer's files are laid out: one quotation a line."""
    import json

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    blocks = []
    for name, lists in articles.items():
        fields = ",\n".join(f"  {dumps(key)}: [\n" + ",\n".join(f"   {dumps(item)}" for item in items) + "\n  ]"
                            for key, items in lists.items())
        blocks.append(f" {dumps(name)}: {{\n{fields}\n }}")
    return "{\n" + ",\n".join(blocks) + "\n}\n" if blocks else "{}\n"


def _placed(corrections: list) -> tuple[list, dict[str, list[str]]]:
    """The corrections placed on their articles' files as they are now (as the app would place them: a file
    edited since keeps those whose text it still holds, the others detached), and by file name the texts of the
    engine's quotations the reader left alone there (the gold's "optional"). A file that cannot be read keeps its
    corrections as stored, without optional ones, and is said on stderr."""
    import os

    from store import extract_quotations, load_article
    from store.anchors import reanchor
    from store.corrections import apply_corrections
    from store.text import NotText

    by_article: dict[tuple[str, str | None], list] = {}
    for correction in corrections:
        by_article.setdefault((correction.path, correction.entry), []).append(correction)
    placed: list = []
    unjudged: dict[str, list[str]] = {}
    for (path, entry), made in by_article.items():
        try:
            article = load_article(Path(path), entry)
        except (OSError, NotText) as exc:
            _say(f"{PROG}: note: {path}: {getattr(exc, 'strerror', None) or exc}; its corrections are listed as "
                 "they were made, and none of its other quotations as optional")
            placed += made
            continue
        here = [reanchor(c, article, entry=article.entry) for c in made]
        placed += here
        listed = apply_corrections(article.text, extract_quotations(article.text), here, include_hidden=True)
        unjudged.setdefault(os.path.basename(path), []).extend(
            item.quotation.text for item in listed if item.correction is None and item.hidden is None)
    return placed, unjudged


def _exit_now(code: int) -> None:
    """End the process with `code` once its output is written, without the interpreter's shutdown: it would free
    every row, module and connection one by one, a tenth of a small search's time. (The search closed its
    database.)"""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


SUBCOMMANDS = {"quotes": run_quotes, "search": run_search, "provenance": run_provenance,
               "highlights": run_highlights, "corrections": run_corrections}



def main(argv: list[str] | None = None) -> int:
    """The command `argv` (the process's arguments when None: then the process ends with it, and a search ends
    it at once, see `_exit_now`)."""
    import gc

    as_program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            code = SUBCOMMANDS[argv[0]](argv[1:])
            if as_program and argv[0] == "search":
                _exit_now(code)
            return code
        return run_reader(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `quotedesk quotes ... | head`
        sys.stderr.close()
        return 0
    finally:
        gc.enable()  # paused by the reader's launch and by a search; whoever called `main` goes on collecting


if __name__ == "__main__":
    sys.exit(main())
