from __future__ import annotations

from pathlib import Path

from store.config import load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_a_full_config_is_read(tmp_path: Path):
    config = load_config(write(tmp_path, 'paths = ["~/news", "/srv/archive"]\nmark_read_on_open = false\n'
                                         'theme = "nord"\n[keys]\nmain.next_article = "n"\nmain.highlight = "h,x"\n'))
    assert config.problems == []
    assert config.paths == [Path("~/news").expanduser(), Path("/srv/archive")]
    assert config.mark_read_on_open is False and config.theme == "nord"
    assert config.keys == {"main.next_article": "n", "main.highlight": "h,x"}


def test_a_syntax_error_is_reported_with_its_line_and_the_defaults_apply(tmp_path: Path):
    config = load_config(write(tmp_path, 'theme = "nord"\npaths = ["unclosed\n'))
    assert len(config.problems) == 1 and "line 2" in config.problems[0]
    assert config.theme is None and config.paths == []


def test_wrong_values_are_reported_with_their_line_and_the_rest_applies(tmp_path: Path):
    config = load_config(write(tmp_path, 'theme = "nord"\n\nmark_read_on_open = "yes"\ncolour = 3\n[keys]\nquit = 5\n'))
    assert config.theme == "nord" and config.mark_read_on_open is True
    assert any("line 3" in p and "mark_read_on_open" in p for p in config.problems)
    assert any("line 4" in p and "colour" in p for p in config.problems)
    assert any("line 6" in p and "quit" in p for p in config.problems)


def test_missing_files(tmp_path: Path):
    assert load_config(tmp_path / "absent.toml").problems == []  # no config is fine
    assert "no such file" in load_config(tmp_path / "absent.toml", explicit=True).problems[0]


def test_binary_garbage_is_a_problem_not_a_crash(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert load_config(path).problems


def test_a_dotted_binding_id_is_read_whole_however_toml_writes_it(tmp_path: Path):
    """TOML reads `main.why = "W"` as a table `main` holding `why`, as it reads a `[keys.main]` heading: either way,
    and quoted, the id is `main.why`, with the line it is written on."""
    config = load_config(write(tmp_path, '[keys]\nmain.next_article = "n"\n"highlights.open" = "o"\n\n'
                                         '[keys.speakers]\nback = "b"\nopen = 5\n'))
    assert config.keys == {"main.next_article": "n", "highlights.open": "o", "speakers.back": "b"}
    assert [config.where(f"keys.{binding_id}").rsplit(" ", 1)[1] for binding_id in config.keys] == ["2", "3", "6"]
    assert len(config.problems) == 1 and "line 7" in config.problems[0] and "speakers.open" in config.problems[0]
