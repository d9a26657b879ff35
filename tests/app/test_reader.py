from __future__ import annotations

import re
from pathlib import Path

from store import bundled_sample_data
from tui.screens.help import HelpScreen
from tui.widgets.article_list import UNREAD_MARK

from ..conftest import write_article
from .helpers import indexed, loaded, make_app, opened, option_texts, row_texts, shown_text, until


async def test_launch_on_sample_data_shows_three_panes(db_path: Path):
    app = make_app([bundled_sample_data()], db_path)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await indexed(pilot)
        rows = row_texts(screen.article_list)
        assert len(rows) >= 16
        assert all(row.startswith(UNREAD_MARK) for row in rows)
        assert screen.article_list.border_title == f"Articles · {len(rows)} unread of {len(rows)}"
        assert app.focused is screen.article_list
        assert screen.reader.region.width > 0 and screen.sidebar.region.width > 0


async def test_move_and_open_an_article(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("j", "enter")  # the second newest: the harbour article
        await opened(pilot)
        header = shown_text(screen.reader.query_one("#reader-header"))
        assert header.startswith("The harbour board approved a new container terminal on Friday")
        assert "2021-04-02 · Coastal Wire" in header
        assert "Critics were unconvinced." in shown_text(screen.reader.query_one("#reader-body"))
        quotes = option_texts(screen.sidebar)
        assert quotes[0].startswith("Marta Lindqvist")
        assert "This terminal will carry the town for thirty years" in quotes[0]
        assert quotes[1].startswith("Petter Holm")
        assert screen.sidebar.border_title == "Quotes · 2"
        assert not row_texts(screen.article_list)[1].startswith(UNREAD_MARK)
        assert screen.article_list.border_title == "Articles · 3 unread of 4"


async def test_next_previous_and_toggle_read(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        # each open is let finish: an article skipped past before it shows is not marked read
        for key in ("enter", "right_square_bracket", "right_square_bracket"):
            await pilot.press(key)
            await opened(pilot)
        assert screen.open_article.date == "2019-11-20"
        await pilot.press("left_square_bracket")
        await opened(pilot)
        assert screen.open_article.date == "2021-04-02"
        assert screen.article_list.border_title == "Articles · 1 unread of 4"
        await pilot.press("u")  # the list has focus: its highlighted row
        assert screen.article_list.border_title == "Articles · 2 unread of 4"
        assert row_texts(screen.article_list)[1].startswith(UNREAD_MARK)


async def test_tab_cycles_the_panes(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        order = []
        for _ in range(3):
            order.append(app.focused)
            await pilot.press("tab")
        assert order == [screen.article_list, screen.reader, screen.sidebar]
        assert app.focused is screen.article_list
        await pilot.press("shift+tab")
        assert app.focused is screen.sidebar


def long_article(folder: Path) -> Path:
    filler = "\n\n".join(
        f"Paragraph {i} describes the survey of the northern valley in patient and unhurried detail." for i in range(60)
    )
    return write_article(
        folder,
        "long.txt",
        f"date 2024-01-05 By Survey Wire\n\nThe survey began at dawn.\n\n{filler}\n\n"
        "“The glacier has lost a third of its length,” said Nora Feld, the survey leader.\n",
    )


async def test_enter_on_a_quotation_scrolls_the_reader_to_it(tmp_path: Path, db_path: Path):
    long_article(tmp_path / "c")
    app = make_app([tmp_path / "c"], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        assert screen.reader.scroll_y == 0
        assert option_texts(screen.sidebar)[0].startswith("Nora Feld")
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        reader = screen.reader
        body = reader.query_one("#reader-body")
        quote_line = body.virtual_region.y + reader.line_of_offset(screen.quotations(screen.open_article)[0].start)
        assert reader.scroll_y > 50
        assert reader.scroll_y <= quote_line < reader.scroll_y + reader.scrollable_content_region.height
        assert reader.marks.selected == 0


async def test_the_focused_sidebar_puts_its_cursor_on_the_quotation_being_read(tmp_path: Path, db_path: Path):
    filler = "\n\n".join(f"Paragraph {i} follows the ferry crossing in patient detail." for i in range(40))
    write_article(tmp_path / "c", "ferry.txt",
                  "date 2024-02-01 By Harbour Wire\n\n“The crossing opens in May,” said Ines Roth, the harbour master.\n\n"
                  f"{filler}\n\n“We sold every ticket,” said Omar Dale, who runs the kiosk.\n\n"
                  f"{filler}\n\n“Next year we add a night boat,” said Ines Roth.\n")
    app = make_app([tmp_path / "c"], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        reader = screen.reader
        await pilot.press("tab", "tab")  # the sidebar, the article read from its top: the first quotation
        assert screen.sidebar.highlighted_index == 0
        await pilot.press("shift+tab", "space", "space")  # the reader, two pages down: near the second quotation
        await pilot.pause()
        top = reader.scroll_y
        screen.sidebar.highlighted = None
        await pilot.press("tab")
        await pilot.pause()
        assert screen.sidebar.highlighted_index == 1
        assert reader.scroll_y == top  # the reader stays where it was
        await pilot.press("w")  # acts at once, with no "choose a quotation" first
        assert "Omar Dale" in "\n".join(str(n.message) for n in app._notifications)


async def test_w_with_the_sidebar_hidden_says_how_to_show_it(corpus: Path, db_path: Path):
    """Below 120 columns the sidebar is hidden: "choose a quotation in the sidebar" alone named a pane not there."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        assert not screen.sidebar.display
        await pilot.press("tab", "w")
        messages = [str(notification.message) for notification in app._notifications]
        assert messages and '" shows it' in messages[-1]


async def test_read_marker_position_and_last_article_survive_a_restart(tmp_path: Path, db_path: Path):
    long_article(tmp_path / "c")
    write_article(tmp_path / "c", "other.txt", "date 2020-01-01 By Wire\n\nAn older story.\n")
    app = make_app([tmp_path / "c"], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("tab", "space", "space", "j")
        position = screen.reader.scroll_y
        assert position > 20
        opened_id = screen.open_article.id
        await pilot.press("q")
    app = make_app([tmp_path / "c"], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await opened(pilot)
        await until(pilot, lambda: screen.reader.scroll_y == position, "the reader back at the saved position")
        assert screen.open_article is not None and screen.open_article.id == opened_id
        rows = row_texts(screen.article_list)
        assert not rows[0].startswith(UNREAD_MARK) and rows[1].startswith(UNREAD_MARK)
        assert screen.article_list.highlighted == 0


async def test_markup_and_escape_sequences_render_literally(tmp_path: Path, db_path: Path):
    write_article(
        tmp_path / "c",
        "hostile.txt",
        "Title with [bold]markup[/] and \x1b]0;pwned\x07 a title change\n\n"
        "Click [@click=app.quit]here[/] or [link=https://evil.example/]there[/]. \x1b[2J\x9b1;1H Cleared?\n\n"
        "“[/] is a closing tag,” said Lea Marr. Copy \x1b]52;c;ZXZpbA==\x07 done.\n",
    )
    app = make_app([tmp_path / "c"], db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        header = shown_text(screen.reader.query_one("#reader-header"))
        body = shown_text(screen.reader.query_one("#reader-body"))
        assert header.startswith("Title with [bold]markup[/] and a title change")
        assert "Click [@click=app.quit]here[/] or [link=https://evil.example/]there[/].  Cleared?" in body
        assert "\x1b" not in body and "\x9b" not in body and "pwned" not in header
        assert option_texts(screen.sidebar)[0].startswith("Lea Marr")
        await pilot.click("#reader-body", offset=(8, 0))  # on the would-be link: nothing happens
        assert app.is_running
        assert "\x1b]52" not in app.export_screenshot() and "\x1b]0;" not in app.export_screenshot()


async def test_unreadable_files_are_reported_not_fatal(corpus: Path, db_path: Path):
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(row_texts(screen.article_list)) == 4
        assert screen.article_list.border_subtitle == "1 skipped"
        assert any("photo.txt" in n.message for n in app._notifications)


async def test_help_at_80_columns_keeps_its_keys_column_clear(corpus: Path, db_path: Path):
    """At 80 columns a long row wrapped, and its id began the next line under the keys: "(main.sort)"."""
    from textual.geometry import Region

    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        table = app.screen.query_one("#help-dialog Static")
        await pilot.pause()
        strips = table.render_lines(Region(0, 0, table.size.width, table.size.height))
        lines = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
        assert any(line.strip() == "(main.sort)" for line in lines)  # too long for a line: under its description
        for line in lines:
            if line.lstrip().startswith("("):
                assert len(line) - len(line.lstrip()) == 21, line  # in the description's column


async def test_help_lists_every_binding(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = shown_text(app.screen.query_one("#help-dialog Static")).splitlines()

        rows = [re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in lines if line.startswith("  ")]
        # Each of our bindings is followed by its id: "Down  (cursor_down)".
        rows = [(keys, re.sub(r"\s+\([\w.]+\)$", "", desc)) for keys, desc in rows]

        def keys_for(description: str) -> set[str]:
            return {keys for keys, desc in rows if desc == description}

        assert keys_for("Down") == {"↓ / j"} and keys_for("Up") == {"↑ / k"}
        assert keys_for("Top") == {"home / g"} and keys_for("Bottom") == {"end / G"}
        assert keys_for("Open article") == {"⏎"} and keys_for("Jump to quotation") == {"⏎"}
        assert keys_for("Next article") == {"]"} and keys_for("Previous article") == {"["}
        assert keys_for("Page down") == {"space"} and keys_for("Page up") == {"b"}
        assert keys_for("Read/unread") == {"u"} and keys_for("Help") == {"?"} and keys_for("Quit") == {"^q / q"}
        assert keys_for("Next pane") == {"tab"} and keys_for("Previous pane") == {"shift+tab"}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_scrolls_with_the_keys_every_list_moves_with(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.max_scroll_y > 0
        await pilot.press("j", "j")
        assert dialog.scroll_y == 2
        await pilot.press("k")
        assert dialog.scroll_y == 1
        await pilot.press("G")
        assert dialog.scroll_y == dialog.max_scroll_y
        await pilot.press("g")
        assert dialog.scroll_y == 0


async def test_sidebar_shows_the_same_quotations_as_the_quotes_command(db_path: Path):
    import json
    import subprocess
    import sys

    from ..conftest import PROJECT

    sample = bundled_sample_data()
    out = subprocess.run([sys.executable, "-m", "tui.cli", "quotes", str(sample), "--format", "json"],
                         cwd=PROJECT, capture_output=True, text=True, check=True).stdout
    by_path: dict[str, list[str]] = {}
    for record in json.loads(out):
        role = f" · {record['role']}" if record["role"] else ""
        guessed = "?" if record["speaker"] and record["confidence"] == "low" else ""  # shown without colour
        by_path.setdefault(Path(record["path"]).name, []).append(
            f"{record['speaker']}{guessed}{role}\n“{record['text']}”")
    app = make_app([sample], db_path)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await loaded(pilot)
        for index in range(screen.article_list.row_count):
            article = screen.article_list.article_at(index)
            screen.article_list.highlighted = index
            await pilot.press("enter")
            await opened(pilot)
            expected = by_path.get(article.path.name, [])
            # without the marks of quotations printed elsewhere too (`+2 ≠ words`), which the command leaves out
            shown = [re.sub(r"  \+\d+( ≠ words)?( ≠ speaker)?\n", "\n", text, count=1)
                     for text in option_texts(screen.sidebar)] if expected else []
            assert shown == expected, article.path.name
            assert screen.sidebar.border_title == f"Quotes · {len(shown)}"


async def test_a_click_on_the_header_opens_the_url_on_the_row_that_shows_it(tmp_path: Path, db_path: Path):
    # a headline long enough to wrap: the URL is not on the header's third row, and the third row is headline
    folder = tmp_path / "c"
    url = "https://example.org/long"
    headline = " ".join(["Harbour"] * 40)
    write_article(folder, "a.md", f"---\ntitle: {headline}\ndate: 2024-01-02\nurl: {url}\n---\n\nBody.\n")
    app = make_app([folder], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        opened_urls: list[str] = []
        app.open_url = lambda address, **_: opened_urls.append(address)
        await pilot.press("enter")
        await opened(pilot)
        header = screen.reader.query_one("#reader-header")
        rows = [header.render_line(y).text.strip() for y in range(header.size.height)]  # as wrapped on screen
        url_row = rows.index(url)
        assert url_row > 2 and rows[2].startswith("Harbour")
        await pilot.click(header, offset=(3, 2))  # a headline row
        await pilot.click(header, offset=(3, url_row + 1))  # below the URL
        await app.workers.wait_for_complete()
        assert opened_urls == []
        await pilot.click(header, offset=(3, url_row))
        await app.workers.wait_for_complete()
        assert opened_urls == [url]
