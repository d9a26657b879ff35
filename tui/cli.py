"""Command line entry point: the reader, and headless subcommands for scripts.

The headless subcommands never import Textual, so they start as fast as the data layer allows.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROG = "quotedesk"


def _existing_paths(raw: list[str]) -> list[Path]:
    """The given paths, or a one-line error and exit status 2 for the first that does not exist."""
    paths = []
    for item in raw:
        path = Path(item).expanduser()
        if not path.exists():
            print(f"{PROG}: error: no such file or directory: {item}", file=sys.stderr)
            raise SystemExit(2)
        paths.append(path)
    return paths


def reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Read news articles with their quotations: who said what.",
        epilog=(
            "subcommands (run 'quotedesk SUBCOMMAND --help'):\n"
            "  quotes PATH...   print every quotation of the given files and folders\n\n"
            "With no PATH, the bundled sample articles are opened."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (read recursively)")
    parser.add_argument("--db", metavar="PATH", help="state database file (default: $QUOTEDESK_DB, else the user data directory)")
    return parser


def run_reader(argv: list[str]) -> int:
    args = reader_parser().parse_args(argv)
    from store import State, StateError, bundled_sample_data, resolve_db_path

    paths = _existing_paths(args.paths) if args.paths else [bundled_sample_data()]
    db_path = resolve_db_path(args.db)
    try:
        state = State(db_path)
    except StateError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    for warning in state.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    from .app import QuotedeskApp

    QuotedeskApp(paths, state).run()
    return 0


SUBCOMMANDS: dict[str, str] = {}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in SUBCOMMANDS:
            from importlib import import_module

            return import_module(SUBCOMMANDS[argv[0]], __package__).run(argv[1:])
        return run_reader(argv)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
