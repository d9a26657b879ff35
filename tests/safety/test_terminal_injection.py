"""Article text is data: escape sequences, control characters, bidi overrides and Textual markup in it
are shown inert, in the loader and in the real app running in a real terminal (tmux)."""
from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from store import load_article
from store.text import _UNSAFE, NotText, _other_characters, clean

from .conftest import wait_for_screen

PROJECT = Path(__file__).resolve().parents[2]

HEADLINE = "Harbour council approves the dawn ferry plan"
BODY_PHRASE = "The ferry will run at dawn"
CLICK_MARKUP = "[@click=app.quit]x[/]"
LINK_MARKUP = "[link=https://evil.example/]x[/]"
CLIPBOARD_PAYLOAD = "ZXZpbC1jbGlwYm9hcmQ="  # base64 of "evil-clipboard"
KNOWN_TITLE = "quotedesk-test-title"

# What a terminal (or Textual's markup) would act on, a kind per paragraph.
HOSTILE_PARAGRAPHS = [
    "Window title \x1b]0;evil-title-osc0\x07 and \x1b]2;evil-title-osc2\x1b\\ changes.",
    "A link \x1b]8;;https://evil.example/osc8\x1b\\to click\x1b]8;;\x1b\\ here.",
    f"The clipboard \x1b]52;c;{CLIPBOARD_PAYLOAD}\x1b\\ is set, \x1b]52;c;{CLIPBOARD_PAYLOAD}\x07 twice.",
    "Clear \x1b[2J\x1b[H the screen, move \x1b[10;5H\x1b[3A\x1b[99C the cursor, paint \x1b[41;37m red.",
    "Eight-bit CSI \u009b2J clears and \u009b31m paints.",
    "Bidi \u202egnp.exe\u202c and \u2066isolate\u2069 and \u200fmark.",
    CLICK_MARKUP,
    LINK_MARKUP,
]
ARTICLE = "\n\n".join([
    "date 2024-01-01 By Test Wire",
    f"{HEADLINE} after a long night of hearings.",
    *HOSTILE_PARAGRAPHS,
    f"“{BODY_PHRASE},” said Mara Quill, the harbour master.",
]) + "\n"

# What must never reach the screen: C0 controls but newline and tab, DEL, C1 controls, bidi controls.
UNSAFE_CHARACTERS = {chr(c) for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]} | set(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def write_articles(folder: Path) -> None:
    folder.mkdir()
    (folder / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    # A NUL byte makes a file binary: it is skipped and reported, never read or shown.
    (folder / "binary.txt").write_bytes(b"date 2024-01-01 By Test Wire\n\nNUL \x00 here.\n")


def test_loaded_article_text_is_inert(tmp_path: Path):
    write_articles(tmp_path / "articles")
    article = load_article(tmp_path / "articles" / "hostile.txt")
    assert sorted(UNSAFE_CHARACTERS & set(article.text + article.title)) == []
    # Sequences are dropped whole, parameters included; markup stays as literal text.
    assert "evil-title" not in article.text and CLIPBOARD_PAYLOAD not in article.text
    assert CLICK_MARKUP in article.text and LINK_MARKUP in article.text
    with pytest.raises(NotText, match="NUL"):
        load_article(tmp_path / "articles" / "binary.txt")


def test_every_character_clean_takes_away_goes_from_an_otherwise_printable_text():
    """`clean` looks for control and invisible characters only among a text's characters other than printable
    ASCII, tabs and line feeds: every character it takes away must be among them, and each goes."""
    taken = [character for character in map(chr, range(sys.maxunicode + 1)) if _UNSAFE.match(character)]
    assert len(taken) > 60
    assert all(_other_characters(f"a{character}b".encode("utf-8", "surrogatepass")) == character
               for character in taken)
    for character in set(taken) - {"\r"}:  # a carriage return is a line break
        assert clean(f"The\u00a0vote\tis on Friday{character}.\n") == "The\u00a0vote\tis on Friday.\n"


def test_real_app_in_tmux_is_not_acted_on_by_article_text(tmp_path: Path, tmux):
    write_articles(tmp_path / "articles")
    app = shlex.join([sys.executable, "-m", "tui.cli", "--db", str(tmp_path / "db.json"),
                      str(tmp_path / "articles")])
    # tmux obeys a title, clipboard or rename sequence that gets through, where the test sees it;
    # nothing is passed through to the terminal around tmux.
    tmux("new-session", "-d", "-x", "120", "-y", "40", "-c", str(PROJECT),
         "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}", app,
         ";", "set", "-g", "allow-rename", "on",
         ";", "set", "-g", "set-clipboard", "on",
         ";", "set", "-g", "allow-passthrough", "off",
         ";", "set", "-g", "remain-on-exit", "on",  # an app that exits leaves its last screen to show
         ";", "select-pane", "-T", KNOWN_TITLE)
    assert tmux("list-buffers") == ""  # a new server has no paste buffers

    wait_for_screen(tmux, lambda s: HEADLINE[:25] in s, "the article list")
    wait_for_screen(tmux, lambda s: "1 skipped" in s, "the binary file to be reported as skipped")
    tmux("send-keys", "Enter")
    # The whole article is painted, not only its first line: the sequences to check sit in its later lines.
    screen = wait_for_screen(tmux, lambda s: all(part in s for part in (BODY_PHRASE, CLICK_MARKUP, LINK_MARKUP)),
                             "the article to open")

    assert tmux("display", "-p", "#{pane_title}").strip() == KNOWN_TITLE
    assert tmux("list-buffers") == ""
    assert CLICK_MARKUP in screen and LINK_MARKUP in screen
    assert "evil-title" not in screen and CLIPBOARD_PAYLOAD not in screen

    # Still in charge of its keys: help opens and closes.
    tmux("send-keys", "?")
    wait_for_screen(tmux, lambda s: "─ Keys ─" in s, "the help screen")
    tmux("send-keys", "Escape")
    wait_for_screen(tmux, lambda s: "─ Keys ─" not in s and BODY_PHRASE in s, "the help screen to close")


async def test_hostile_file_names_are_shown_inert(tmp_path: Path):
    from store import State
    from tui.app import QuotedeskApp

    from ..app.helpers import loaded, opened

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "story\x1b]2;evil-title\x07.txt").write_text("date 2024-01-02 By Wire\n\nA story opens today.\n")
    (folder / "bin\x1b]52;c;ZXZpbA==\x07.txt").write_bytes(b"NUL \x00 inside")
    app = QuotedeskApp([folder], State(tmp_path / "db.json"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        shown = [str(screen.reader.border_subtitle)] + [n.message for n in app._notifications]
        assert any("story" in text for text in shown) and any("bin" in text for text in shown)
        for text in shown:
            assert "\x1b" not in text and "\x07" not in text


async def test_markup_in_a_headline_or_a_source_is_shown_literally_in_the_command_palette(tmp_path: Path):
    """The palette read an article hit's headline and source as Textual markup: `[b]` vanished into bold and
    `[@click=app.quit]` became an action."""
    from textual.command import CommandList, CommandPalette

    from store import State
    from tui.app import QuotedeskApp

    from ..app.helpers import indexed, until

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "markup.txt").write_text(
        f"date 2024-01-02 By [b]Evil[/b] Wire\n\nZebra council meets {CLICK_MARKUP} today [i]at noon[/i].\n",
        encoding="utf-8")
    app = QuotedeskApp([folder], State(tmp_path / "db.json"))
    async with app.run_test(size=(140, 40)) as pilot:
        await indexed(pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette open")
        await pilot.press(*"zebra")
        commands = app.screen.query_one(CommandList)
        literal = [CLICK_MARKUP, "[i]at noon[/i]", "[b]Evil[/b] Wire"]
        await until(pilot, lambda: any(all(text in commands.get_option_at_index(i).prompt.plain for text in literal)
                                       for i in range(commands.option_count)), "the hit shown literally")
