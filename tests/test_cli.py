from __future__ import annotations

import os
import subprocess
import sys

from .conftest import PROJECT


def quotedesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], cwd=PROJECT, capture_output=True, text=True, timeout=60
    )


def test_help_explains_the_options():
    result = quotedesk("--help")
    assert result.returncode == 0
    for word in ("PATH", "--db", "quotes"):
        assert word in result.stdout
    assert "With no PATH, the configured paths are opened, else the bundled sample articles." in result.stdout


def test_help_fits_an_80_column_terminal():
    """Two of the subcommands' lines ran past 80 columns, and the terminal broke them anywhere."""
    for command in ([], ["quotes"], ["search"], ["provenance"], ["highlights"], ["corrections"]):
        result = subprocess.run([sys.executable, "-m", "tui.cli", *command, "--help"], cwd=PROJECT,
                                capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= 80, command


def test_a_missing_path_is_a_one_line_error_with_status_2(tmp_path):
    result = quotedesk(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"quotedesk: error: no such file or directory: {tmp_path / 'nope'}"]


def test_a_database_from_a_newer_version_is_refused_cleanly(tmp_path):
    db = tmp_path / "db.json"
    db.write_text('{"meta": {"1": {"schema": 999}}}')
    result = quotedesk("--db", str(db), str(PROJECT / "sample_data"))
    assert result.returncode == 1
    assert "newer quotedesk" in result.stderr and "Traceback" not in result.stderr


def test_quotes_json_records_for_scripts(corpus):
    import json

    result = quotedesk("quotes", str(corpus), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    harbour = [r for r in records if r["path"].endswith("harbour.txt")]
    assert [(r["speaker"], r["text"]) for r in harbour] == [
        ("Marta Lindqvist", "This terminal will carry the town for thirty years"),
        ("Petter Holm", "The dredging will ruin the bay"),
    ]
    for record in records:
        assert set(record) == {"path", "entry", "text", "speaker", "extracted_speaker", "corrected", "role",
                               "start", "end", "paragraph", "cue_start", "cue_end", "mention_start", "mention_end",
                               "resolution", "confidence", "basis"}
        assert (record["extracted_speaker"], record["corrected"]) == (record["speaker"], False)  # no corrections
        body = __import__("store").load_article(__import__("pathlib").Path(record["path"])).text
        assert body[record["start"] : record["end"]] == record["text"]


def test_quotes_jsonl_csv_and_speaker_filter(corpus):
    import csv
    import io
    import json

    lines = quotedesk("quotes", str(corpus), "--format", "jsonl", "--speaker", "HOLM").stdout.splitlines()
    assert [json.loads(line)["speaker"] for line in lines] == ["Petter Holm"]
    rows = list(csv.DictReader(io.StringIO(quotedesk("quotes", str(corpus), "--format", "csv").stdout)))
    assert {row["speaker"] for row in rows} >= {"Marta Lindqvist", "Anna Berg", "Karl Ostrom", "Ines Duarte"}


def test_quotes_prints_the_evidence_of_each_speaker_in_every_format_for_scripts(tmp_path):
    import csv
    import io
    import json

    text = "Ferry news\n\nAnna Berg runs the ferry.\n\n“It will run all winter,” she said. “Even in storms.”\n"
    path = tmp_path / "ferry.txt"
    path.write_text(text, encoding="utf-8")
    body = __import__("store").load_article(path).text
    records = json.loads(quotedesk("quotes", str(path), "--format", "json").stdout)
    jsonl = [json.loads(line) for line in quotedesk("quotes", str(path), "--format", "jsonl").stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(quotedesk("quotes", str(path), "--format", "csv").stdout)))
    assert records == jsonl
    first, second = records
    assert (first["speaker"], first["resolution"], first["basis"], first["confidence"]) == \
        ("Anna Berg", "pronoun", "previous_sentence", "medium")
    assert body[first["cue_start"]:first["cue_end"]] == "said"
    assert body[first["mention_start"]:first["mention_end"]] == "she"
    assert (second["resolution"], second["cue_start"]) == ("continuation", first["cue_start"])
    assert [row["resolution"] for row in rows] == ["pronoun", "continuation"]
    assert rows[0]["cue_start"] == str(first["cue_start"]) and rows[0]["confidence"] == "medium"


def test_quotes_table_marks_a_guessed_speaker(tmp_path):
    (tmp_path / "a.txt").write_text("Dam news\n\nOla Berg spoke first.\n\n"
                                    "Berg landed a dig at “the council that never meets on time.”\n")
    result = quotedesk("quotes", str(tmp_path))
    assert "Ola Berg?" in result.stdout


def test_quotes_table_is_for_people_and_shows_text_literally(tmp_path):
    (tmp_path / "a.txt").write_text("Markup test\n\n“[bold]loud[/] words,” said Ola Berg.\n")
    result = quotedesk("quotes", str(tmp_path))
    assert result.returncode == 0
    assert "Ola Berg" in result.stdout and "[bold]loud[/] words" in result.stdout


def test_quotes_skips_unreadable_inputs_and_fails_only_when_nothing_was_read(corpus, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = quotedesk("quotes", str(tmp_path / "binary.txt"), str(corpus), "--format", "jsonl")
    assert result.returncode == 0
    assert "binary.txt" in result.stderr and result.stdout
    result = quotedesk("quotes", str(tmp_path / "binary.txt"), "--format", "json")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_headless_quotes_never_imports_textual(corpus):
    code = (
        "import sys; from tui.cli import main; main(['quotes', sys.argv[1], '--format', 'jsonl']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(corpus)], cwd=PROJECT, capture_output=True, text=True)
    assert result.stderr.strip().endswith("CLEAN")


def test_search_prints_matching_articles_with_hit_counts(corpus):
    import json

    result = quotedesk("search", "board -library", str(corpus), "--format", "json")
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert row["headline"].startswith("The harbour board") and row["hits"] == 4  # once in the headline, three times in the body
    assert (row["date"], row["source"]) == ("2021-04-02", "Coastal Wire")
    table = quotedesk("search", "speaker:berg", str(corpus))
    assert "library bus" in table.stdout and "1 article" in table.stdout


def test_search_as_a_program_ends_with_its_output_whole(tmp_path):
    """`quotedesk search` ends its process as soon as it has answered: what it wrote on both streams and its exit
    status are those of the same search run inside a Python that goes on."""
    from .conftest import write_article

    folder = tmp_path / "news"
    for n in range(40):
        write_article(folder, f"f{n:02d}.txt", f"Ferry news {n}\n\nThe ferry left at {n}. The ferry came back.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01 not text")
    # Buffered output, as a terminal or a pipe gives it: the program must flush it before it ends.
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    inside = ("import sys; from tui.cli import main; code = main(sys.argv[1:]); sys.stdout.flush(); "
              "print('status', code, file=sys.stderr)")
    for args in (["search", "ferry", str(folder), "--format", "json"], ["search", "ferry", str(folder)],
                 ["search", "nothingatall", str(folder), "--format", "json"]):
        program = subprocess.run([sys.executable, "-m", "tui.cli", *args], cwd=PROJECT, capture_output=True,
                                 text=True, env=env, timeout=60)
        # Its database was closed first: what the search wrote is in it, no write-ahead log left to replay.
        assert not list((tmp_path / "cache").rglob("*-wal"))
        reference = subprocess.run([sys.executable, "-c", inside, *args], cwd=PROJECT, capture_output=True,
                                   text=True, env=env, timeout=60)
        assert program.stdout == reference.stdout and ("ferry" in program.stdout.lower()) == ("ferry" in args)
        assert f"{program.stderr}status {program.returncode}\n" == reference.stderr
        assert "skipped" in program.stderr and program.returncode == 0


def test_search_is_read_uses_the_state_database(corpus, tmp_path):
    import json

    from store import State

    from .conftest import scan_corpus

    db = tmp_path / "db.json"
    harbour = next(a for a in scan_corpus([corpus]).articles() if a.source == "Coastal Wire")
    state = State(db)
    state.set_read(harbour.id)
    state.close()
    rows = json.loads(quotedesk("search", "is:read", str(corpus), "--db", str(db), "--format", "json").stdout)
    assert [r["source"] for r in rows] == ["Coastal Wire"]
    rows = json.loads(quotedesk("search", "is:unread", str(corpus), "--db", str(db), "--format", "json").stdout)
    assert len(rows) == 3


def test_highlights_export_to_a_file_atomically(tmp_path):
    import json

    from store import Highlight, State

    db = tmp_path / "db.json"
    state = State(db)
    state.add_highlight(Highlight(id="h1", article_id="a1", start=0, end=5, text="Hello", created="2024-01-01T10:00:00+00:00",
                                  speaker="Ada Novak", note="opening", title="A story", source="Wire", date="2024-01-01",
                                  path="a.txt"))
    state.close()
    out = tmp_path / "out.json"
    result = quotedesk("highlights", "--db", str(db), "--format", "json", "-o", str(out))
    assert result.returncode == 0 and "wrote 1 highlight" in result.stderr
    assert json.loads(out.read_text())[0]["note"] == "opening"
    markdown = quotedesk("highlights", "--db", str(db)).stdout
    assert "## A story — Wire, 2024-01-01" in markdown and "> Hello" in markdown and "> — Ada Novak" in markdown
    result = quotedesk("highlights", "--db", str(db), "-o", str(tmp_path / "missing" / "x.md"))
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_highlights_with_no_database_yet_is_empty_and_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTEDESK_DB", str(tmp_path / "none.json"))  # the usual database, not made yet
    result = quotedesk("highlights", "--format", "csv")
    assert result.returncode == 0 and result.stdout.startswith("id,article_id,")
    assert not (tmp_path / "none.json").exists()


def test_a_corrupt_database_is_kept_and_reported_on_stderr(tmp_path):
    db = tmp_path / "db.json"
    db.write_text('{"articles": {"1": {"id": "trunc')
    code = ("import sys; from store import State; s = State(__import__('pathlib').Path(sys.argv[1])); "
            "[print('quotedesk: warning:', w, file=sys.stderr) for w in s.warnings]")
    result = subprocess.run([sys.executable, "-c", code, str(db)], cwd=PROJECT, capture_output=True, text=True)
    assert "could not be used" in result.stderr and "unusable-" in result.stderr
    [aside] = tmp_path.glob("db.json.unusable-*")
    assert aside.read_text() == '{"articles": {"1": {"id": "trunc'


def test_the_readme_search_example(tmp_path):
    import json
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "tui.cli", "search", "speaker:osei clinic after:2023-01-01",
                             str(PROJECT / "sample_data"), "--format", "json"], cwd=PROJECT, capture_output=True,
                            text=True, env=env, timeout=120)
    [row] = json.loads(result.stdout)
    assert row["source"] == "Valley Gazette" and "Yakima" in row["headline"] and row["hits"] > 0


# --- quotedesk provenance --------------------------------------------------------------------------
PROVENANCE_FIELDS = {"path", "date", "source", "speaker", "text", "start", "end", "differences"}


def _sample_copy(tmp_path) -> str:
    import shutil

    folder = tmp_path / "samples"
    shutil.copytree(PROJECT / "sample_data", folder)
    return str(folder)


def test_provenance_json_lists_each_group_oldest_first_with_its_differences(tmp_path):
    import json

    result = quotedesk("provenance", _sample_copy(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert len(groups) >= 4
    for group in groups:
        assert set(group) >= {"first", "changed", "speaker_conflict", "occurrences"}
        occurrences = group["occurrences"]
        assert len(occurrences) >= 2 and group["first"] == 0 and occurrences[0]["differences"] == []
        assert [o["date"] for o in occurrences] == sorted(o["date"] for o in occurrences)
        for occurrence in occurrences:
            assert PROVENANCE_FIELDS <= set(occurrence)
            text = open(occurrence["path"], encoding="utf-8").read()
            assert occurrence["text"] in text  # offsets index the article's body, the text is the file's words
            for difference in occurrence["differences"]:
                assert difference["op"] in ("replace", "insert", "delete") and set(difference) == {"op", "from", "to"}
    # The Lofoten story: one quotation republished with a word changed, one given to another speaker.
    changed = [g for g in groups if g["changed"]]
    assert any(d["op"] == "replace" for g in changed for o in g["occurrences"] for d in o["differences"])
    assert any(g["speaker_conflict"] for g in groups)
    assert any(not g["changed"] and not g["speaker_conflict"] for g in groups)


def test_provenance_changed_and_min_select_groups(tmp_path):
    import json

    samples = _sample_copy(tmp_path)
    every = json.loads(quotedesk("provenance", samples, "--format", "json").stdout)
    changed = json.loads(quotedesk("provenance", samples, "--format", "json", "--changed").stdout)
    assert changed and len(changed) < len(every)
    assert all(g["changed"] or g["speaker_conflict"] for g in changed)
    three = json.loads(quotedesk("provenance", samples, "--format", "json", "--min", "3").stdout)
    assert three == [g for g in every if len(g["occurrences"]) >= 3] and three
    refused = quotedesk("provenance", samples, "--min", "1")
    assert refused.returncode == 2 and "at least 2" in refused.stderr


def test_provenance_table_shows_first_seen_and_changes_as_text(tmp_path):
    folder = tmp_path / "news"
    trap = "[b]"
    for name, date, speaker in (("a.txt", "2024-01-02", "Ada Novak"), ("b.txt", "2024-01-05", "Ben Haugen")):
        (folder).mkdir(exist_ok=True)
        (folder / name).write_text(
            f"date {date} By Coast {trap}Wire\n\nThe board met.\n\n"
            f"“The new ferry terminal in Kelby will cost 40 million crowns \x1b]0;owned\x07and open before the "
            f"winter,” said {speaker}.\n", encoding="utf-8")
    result = quotedesk("provenance", str(folder))
    assert result.returncode == 0, result.stderr
    assert "first seen" in result.stdout and "speaker differs" in result.stdout and "1 group" in result.stdout
    assert trap in result.stdout  # markup is shown as written, never interpreted
    assert "\x1b" not in result.stdout


def test_provenance_table_at_80_columns_names_each_file_whole(tmp_path):
    """Files that differ only near the end of their names are told apart in an 80-column terminal."""
    folder = tmp_path / "news"
    folder.mkdir()
    # Longer than a table's column at 80 columns: there the name was cut in two.
    names = ("2024-01-02-ferry-terminal-report-morning-edition.txt", "2024-01-05-ferry-terminal-report-evening-edition.txt")
    for name, speaker in zip(names, ("Ada Novak", "Ben Haugen")):
        (folder / name).write_text(
            f"date 2024-01-0{len(speaker) % 7 + 1} By Coast Wire\n\nThe board met.\n\n“The new ferry terminal in "
            f"Kelby will cost 40 million crowns and open before the winter,” said {speaker}.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "provenance", str(folder)], cwd=PROJECT,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 80
    for name in names:
        assert name in lines


def test_quotes_table_at_80_columns_names_each_file_whole(tmp_path):
    (tmp_path / "ferry-terminal-report-morning.txt").write_text(
        "Ferry terminal\n\n“The terminal will open before the winter,” said Ada Novak.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui.cli", "quotes", str(tmp_path)], cwd=PROJECT,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert "ferry-terminal-report-morning.txt ¶1" in result.stdout


def test_search_table_at_80_columns_gives_each_path_whole_on_a_line_of_its_own(tmp_path):
    """Its path column was cut into pieces at 80 columns: no piece could be copied and opened."""
    folder = tmp_path / "news" / "coast"
    folder.mkdir(parents=True)
    paths = [folder / f"2024-01-0{n}-ferry-terminal-report-{part}.txt" for n, part in ((1, "morning"), (2, "evening"))]
    for path in paths:
        path.write_text("Ferry terminal opens\n\n“The terminal will open before the winter,” said Ada Novak.\n",
                        encoding="utf-8")
    env = {**os.environ, "COLUMNS": "80", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "tui.cli", "search", "terminal", str(tmp_path / "news")],
                            cwd=PROJECT, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for path in paths:
        assert str(path) in lines
    assert "Ferry terminal opens" in lines and "2 articles" in lines and "2024-01-01 · coast · 2 hits" in lines
    # Without words to find, no hits to count: nothing says "0 hits" beside an article the query chose.
    result = subprocess.run([sys.executable, "-m", "tui.cli", "search", "--", "-bridge", str(tmp_path / "news")],
                            cwd=PROJECT, capture_output=True, text=True, timeout=60, env=env)
    assert "2 articles" in result.stdout and "hit" not in result.stdout


def test_provenance_of_a_missing_path_is_a_one_line_error(tmp_path):
    result = quotedesk("provenance", str(tmp_path / "nope"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"quotedesk: error: no such file or directory: {tmp_path / 'nope'}"]


def test_headless_provenance_never_imports_textual(tmp_path):
    code = (
        "import sys; from tui.cli import main; main(['provenance', sys.argv[1], '--format', 'json']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code, _sample_copy(tmp_path)], cwd=PROJECT, capture_output=True,
                            text=True)
    assert result.stderr.strip().endswith("CLEAN")


def test_search_arguments_are_read_as_argparse_reads_them_or_left_to_it():
    from tui.cli import _plain_search_args, search_parser

    for argv in (["q"], ["bridge ferry", "a", "b"], ["q", "--format", "json"], ["--format", "json", "q", "p"],
                 ["q", "--db", "x", "--config", "y"], [""], ["q", "--format", "json", "--format", "table"],
                 ["q", "--format", "json", "p"], ["-tax budget", "p"], ["q", "--format", "xml"], ["--help"],
                 ["q", "--form", "json"], ["q", "--format=json"], ["q", "--db"], ["q", "--", "p"], []):
        plain = _plain_search_args(argv)
        if plain is not None:  # read without argparse: exactly what argparse makes of it
            assert vars(plain) == vars(search_parser().parse_args(argv)), argv
    assert _plain_search_args(["-tax budget"]) is None and _plain_search_args(["q", "--help"]) is None


def test_reader_arguments_are_read_as_argparse_reads_them_or_left_to_it():
    from tui.cli import _plain_reader_args, reader_parser

    for argv in ([], ["a"], ["a", "b"], ["--db", "x"], ["a", "--db", "x"], ["--db", "x", "a", "b"],
                 ["a", "--db", "x", "b"], ["--config", "c", "--db", "d", "p"], ["--db", "x", "--db", "y"],
                 ["--version"], ["-h"], ["--d", "x"], ["--db=x"], ["--db"], ["--", "-p"], ["-p"]):
        plain = _plain_reader_args(argv)
        if plain is not None:  # read without argparse: exactly what argparse makes of it
            expected = vars(reader_parser().parse_args(argv))
            del expected["version"]  # an action that prints and exits
            assert vars(plain) == expected, argv
    assert _plain_reader_args(["--version"]) is None and _plain_reader_args(["a", "--db", "x", "b"]) is None


def test_search_json_records_join_into_what_json_dumps_writes():
    import json

    from store.search.output import FIELDS, SEPARATOR, json_output, json_record
    from store.text import inert_json

    rows = [("/a/\u2028\x1b\"\\b\u202e.txt", None, "Source é", "Head\tline", 3), ("/x.txt", "2024-01-01", None, "", 0)]
    for some in ([], rows[:1], rows):
        records = SEPARATOR.join(json_record(*row[:4]) + str(row[4]) for row in some)
        expected = inert_json(json.dumps([dict(zip(FIELDS, row)) for row in some], ensure_ascii=False, indent=2))
        assert b"".join(json_output(records.encode() or None)) == (expected + "\n").encode()


def test_headless_search_json_imports_neither_textual_nor_rich(corpus, tmp_path):
    code = (
        "import sys; from tui.cli import main; main(['search', 'minister', sys.argv[1], '--format', 'json']); "
        "print(sorted(m for m in ('textual', 'rich', 'argparse') if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", code, str(corpus)], cwd=PROJECT, capture_output=True, text=True,
                            env=env)
    assert result.stderr.strip().endswith("[]"), result.stderr


def test_a_search_of_unchanged_files_loads_neither_the_readers_nor_the_list(corpus, tmp_path):
    """Once the corpus is indexed, a search only checks the files and asks the database: the parsers, the file
    reader, the indexer and the app's list stay unloaded, and so does the UI."""
    code = (
        "import sys; from tui.cli import main; main(['search', 'harbour', sys.argv[1], '--format', 'json']); "
        "print(sorted(m for m in sys.modules if m in sys.argv[2:]), file=sys.stderr)"
    )
    heavy = ("textual", "rich", "store.indexing", "store.sources.formats", "store.files", "store.listing",
             "store.quotes.engine", "difflib")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code, str(corpus), *heavy], cwd=PROJECT, capture_output=True,
                           text=True, env=env) for _ in range(2)]
    assert "store.indexing" in runs[0].stderr  # the first search indexed the corpus
    assert runs[1].stdout == runs[0].stdout and "harbour" in runs[1].stdout
    assert runs[1].stderr.strip().endswith("[]"), runs[1].stderr


def test_search_json_lists_each_match_with_its_hits_in_the_text(tmp_path, capsysbinary):
    """The JSON output, joined inside SQLite from the records stored at indexing and the hits counted from the
    index, is json.dumps of the matches in list order, each with its hits as `find_hits` finds them in its
    headline and text."""
    import json

    from store import load_article
    from store.library import Library
    from store.search import find_hits, parse_query
    from store.search.output import FIELDS
    from store.search.plan import compile_query
    from store.text import inert_json
    from tui import cli

    from .conftest import write_article

    folder = tmp_path / "news"
    write_article(folder, "plain \u202e\x7f\"q\\.txt", "Ferry “talks” in Tromsø\n\nThe ferry was late. The ferry left.\n")
    write_article(folder, "Coastal Wire/b.txt", "Bridge news\n\nThe ferry, the bridge and the ferry again.\n")
    write_article(folder, "c.txt", "Nothing here\n\nA quiet day.\n")

    def search(query: str) -> bytes:
        assert cli.main(["search", query, str(folder), "--format", "json"]) == 0
        return capsysbinary.readouterr().out

    queries = ("ferry", '"the ferry"', "ferr the", 'bridge "the ferry"', "the -bridge", "nothingatall")
    written = [search(query) for query in queries]  # every way hits are counted
    import gc

    assert gc.isenabled()  # the search paused the collector for itself only
    library = Library([folder])
    for query, output in zip(queries, written):
        parsed = parse_query(query)
        view = library.view(compile_query(parsed))
        records = []
        for meta in map(view.cached_row, range(len(view))):
            article = load_article(meta.path, meta.entry)
            hits = len(find_hits(article.title, parsed)) + len(find_hits(article.text, parsed))
            records.append(dict(zip(FIELDS, (str(meta.path), meta.date, meta.source, meta.title, hits))))
        assert output == (inert_json(json.dumps(records, ensure_ascii=False, indent=2)) + "\n").encode(), query
    library.close()
    rows = json.loads(written[0])
    assert [(row["hits"], row["source"]) for row in sorted(rows, key=lambda row: row["hits"])] == [
        (2, "Coastal Wire"), (3, None)]
    assert "\\u202e\\u007f\\\"q\\\\" in written[0].decode()  # inert, and still the exact name
    assert written[-1] == b"[]\n"


def test_search_table_wraps_a_headline_wider_than_the_output_between_words_and_styles_only_a_terminal(
        capsys, monkeypatch):
    from tui.cli import _print_search_table

    rows = [{"headline": "Council approves the new harbour bridge after a long night", "date": "2024-01-02",
             "source": "coast", "hits": 3, "path": "/news/" + "very-long-folder-name/" * 4 + "bridge.txt"},
            {"headline": "Short [b]one[/b] \x1b]0;title\x07", "date": None, "source": None, "hits": 0,
             "path": "/news/short.txt"}]
    monkeypatch.setenv("COLUMNS", "30")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    _print_search_table(rows)
    lines = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert lines[:3] == ["Council approves the new", "harbour bridge after a long", "night"]
    assert lines[3] == "2024-01-02 · coast · 3 hits" and lines[4] == rows[0]["path"]  # a path is never cut
    assert lines[6:] == ["Short [b]one[/b]", "/news/short.txt", "", "2 articles"]  # no markup read, no escape kept
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal: the headline bold
    _print_search_table(rows[1:])
    headline, path = capsys.readouterr().out.splitlines()[:2]
    assert headline.startswith("\x1b[1mShort [b]one[/b]") and headline.endswith("\x1b[0m") and "\x1b]" not in headline
    assert path == "/news/short.txt"
