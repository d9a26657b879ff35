from __future__ import annotations

from pathlib import Path

from store import Highlight
from store.sources.formats import parse_article
from tui.dialogs.note import NoteDialog
from tui.screens.highlights import HighlightsScreen

from ..conftest import write_article
from .helpers import indexed, loaded, make_app, opened, option_texts, row_texts, shown_text, until


async def search(pilot, text: str) -> None:
    """Type a query and wait until its results are shown (the search runs in a worker)."""
    await pilot.press("slash")
    await pilot.press(*text) if text else None
    screen = pilot.app.screen
    for _ in range(500):
        if not text.strip() or (screen.search_query is not None and screen.search_query.text == text.strip()):
            break
        await pilot.pause(0.01)
    await pilot.pause()


def hint(screen) -> str:
    return shown_text(screen.search_bar.query_one("#search-hint"))


async def test_typing_a_query_narrows_the_list_and_escape_restores_it(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await search(pilot, "dredg")
        rows = row_texts(screen.article_list)
        assert len(rows) == 1 and "harbour board" in rows[0]
        assert screen.article_list.border_title == "Articles · 1 of 4 match"
        assert hint(screen).startswith("1 article")
        await pilot.press("escape")
        assert len(row_texts(screen.article_list)) == 4
        assert app.focused is screen.article_list
        assert not screen.search_bar.display


async def test_accents_curly_quotes_and_fields(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await search(pilot, 'speaker:ostrom "we got what"')
        assert [r.split("\n")[0] for r in row_texts(screen.article_list)] == ["● Rail strike ends after talks"]
        await pilot.press("escape")
        await search(pilot, "DUARTÉ after:2023-01-01 -dredging")
        assert len(row_texts(screen.article_list)) == 1 and "quiet election" in row_texts(screen.article_list)[0]


async def test_a_malformed_query_gets_a_hint_not_an_error(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await search(pilot, '"unclosed phrase')
        assert app.is_running and "quote" in hint(screen)
        await pilot.press("escape")
        await search(pilot, "harbour after:2024-13-45")
        assert app.is_running and "after" in hint(screen)
        assert len(row_texts(screen.article_list)) == 1  # the rest of the query still applies


async def open_first_match(pilot, query: str):
    screen = await indexed(pilot)
    await search(pilot, query)
    await pilot.press("enter", "enter")  # to the list, then open
    await opened(pilot)
    return screen


async def test_matches_in_the_open_article_and_n_N(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_match(pilot, "board")
        text = screen.open_article.text
        hits = screen.reader.marks.hits
        assert len(hits) == 3 and all(text[s:e].lower() == "board" for s, e in hits)
        await pilot.press("n")
        assert screen.reader.marks.current_hit == 0
        await pilot.press("n", "n")
        assert screen.reader.marks.current_hit == 2
        await pilot.press("n")
        assert screen.reader.marks.current_hit == 0
        await pilot.press("N")
        assert screen.reader.marks.current_hit == 2


async def test_n_after_a_search_of_fields_alone_says_they_mark_no_words(corpus: Path, db_path: Path):
    """`speaker:holm` lists the article but marks nothing in its text: `n` says why rather than claiming the
    article it just listed has no match."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_match(pilot, "speaker:holm")
        await pilot.press("n")
        messages = [notification.message for notification in app._notifications]
        assert messages and "No search matches" not in messages[-1]
        assert "speaker:" in messages[-1] and "mark" in messages[-1]


async def test_sidebar_narrows_to_matching_quotations_with_a_way_back(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_match(pilot, "speaker:holm")
        assert [t.split("\n")[0] for t in option_texts(screen.sidebar)] == ["Petter Holm · fisherman"]
        assert screen.sidebar.border_title == "Quotes · 1 of 2 matching"
        await pilot.press("f")
        assert len(option_texts(screen.sidebar)) == 2 and screen.sidebar.border_title == "Quotes · 2"


async def test_the_sidebars_count_is_whole_in_a_narrow_terminal(corpus: Path, db_path: Path):
    """At 80 columns its title was cut: "Quotes · 1 of 2 matc…"."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_match(pilot, "speaker:holm")
        await pilot.press("quotation_mark")
        await until(pilot, lambda: screen.sidebar.display and screen.sidebar.outer_size.width > 0, "the sidebar")
        await pilot.pause()
        room = screen.sidebar.outer_size.width - 6  # the corners, a dash and a space on each side
        assert "1 of 2 matching" in screen.sidebar.border_title and len(screen.sidebar.border_title) <= room
        await pilot.resize_terminal(120, 40)  # room again for the whole title
        await until(pilot, lambda: screen.sidebar.border_title == "Quotes · 1 of 2 matching", "the whole title")


async def open_harbour(pilot):
    screen = await indexed(pilot)  # every article listed: the second row is the harbour board's
    await pilot.press("j", "enter")
    await opened(pilot)
    assert screen.open_article.title.startswith("The harbour board")
    return screen


async def test_y_with_nothing_to_copy_says_what_it_copies(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_harbour(pilot)
        assert not screen.sidebar.display  # at 80 columns the sidebar waits until asked for
        await pilot.press("y")
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "Nothing to copy: select words in the reader or choose a quotation in the sidebar (\" shows it" in said
        assert "No highlight selected" not in said  # no highlight is needed to copy
        assert app.clipboard == ""
        await pilot.press("quotation_mark", "y")  # the sidebar, its cursor on a quotation: that is copied
        assert app.clipboard.startswith("“This terminal will carry the town for thirty years” — Marta Lindqvist")


async def test_highlight_a_quotation_colour_note_copy_and_restart(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        await pilot.press("tab", "tab", "h")  # the first quotation in the sidebar
        [highlight] = app.state.highlights()
        assert (highlight.text, highlight.speaker, highlight.color) == (
            "This terminal will carry the town for thirty years", "Marta Lindqvist", 1)
        assert screen.reader.marks.highlights == [highlight]
        assert option_texts(screen.sidebar)[0].startswith("▌ Marta Lindqvist")
        await pilot.press("3")
        assert app.state.highlights()[0].color == 3
        await pilot.press("a")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"for the profile", "enter")
        assert app.state.highlights()[0].note == "for the profile"
        assert "✎ for the profile" in option_texts(screen.sidebar)[0]
        await pilot.press("y")
        assert app.clipboard == "“This terminal will carry the town for thirty years” — Marta Lindqvist, Coastal Wire, 2021-04-02"
        await pilot.press("q")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await opened(pilot)  # the last article, opened at start
        [highlight] = app.state.highlights()
        assert (highlight.color, highlight.note) == (3, "for the profile")
        assert screen.reader.marks.highlights == [highlight]
        await pilot.press("tab", "tab", "h")  # h again on the same quotation removes it
        assert app.state.highlights() == []


async def test_the_note_dialogs_keys_fit_on_one_line_at_80_columns(corpus: Path, db_path: Path):
    """Its hint wrapped at 80 columns, "esc" at the end of one line and "cancel" alone on the next."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_harbour(pilot)
        await pilot.press("quotation_mark", "h", "a")
        await until(pilot, lambda: isinstance(app.screen, NoteDialog), "the note dialog")
        hint = app.screen.query_one(".dialog-hint")
        await until(pilot, lambda: hint.region.height > 0, "the hint laid out")
        assert hint.region.height == 1


async def test_highlight_a_mouse_selection(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        body = screen.reader.body
        await pilot.mouse_down(body, offset=(4, 0))
        await pilot.hover(body, offset=(14, 0))
        await pilot.mouse_up(body, offset=(14, 0))
        await pilot.press("h")
        [highlight] = app.state.highlights()
        assert highlight.text == "harbour boa" and highlight.start == 4 and highlight.speaker is None
        assert screen.open_article.text[highlight.start:highlight.end] == highlight.text


async def test_highlights_view_opens_the_article_at_the_highlight_and_deletes(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        await pilot.press("tab", "tab", "h", "j", "h")
        assert len(app.state.highlights()) == 2
        await pilot.press("left_square_bracket")  # open another article
        await opened(pilot)
        assert not screen.open_article.title.startswith("The harbour board")
        await pilot.press("H")
        assert isinstance(app.screen, HighlightsScreen)
        await pilot.press("enter")
        assert app.screen is screen
        await opened(pilot)
        assert screen.open_article.title.startswith("The harbour board")
        await pilot.press("H", "d", "y")
        await pilot.pause()
        assert len(app.state.highlights()) == 1
        await pilot.press("escape")
        assert app.screen is screen and len(screen.reader.marks.highlights) == 1


async def test_a_highlight_opens_where_its_text_is_now_after_the_file_changed(tmp_path: Path, db_path: Path):
    folder = tmp_path / "c"
    passage = "The harbour will close in June"
    path = write_article(folder, "a.md", f"---\ntitle: Harbour\n---\n\n{passage}, the board said.\n")
    article = parse_article(path, path.read_bytes())
    start = article.text.index(passage)
    app = make_app([folder], db_path)
    app.state.add_highlight(Highlight(id="h1", article_id=article.id, start=start, end=start + len(passage),
                                      text=passage, created="2024-03-01T09:00:00+01:00", path=str(path)))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        # the file gains a hundred paragraphs above the passage while the app runs
        lines = "".join(f"Paragraph {n} of the news before it.\n\n" for n in range(100))
        path.write_text(f"---\ntitle: Harbour\n---\n\n{lines}{passage}, the board said.\n", encoding="utf-8")
        await pilot.press("H", "enter")
        await opened(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        now = screen.open_article.text.index(passage)
        assert app.state.highlight("h1").start == now
        reader = screen.reader
        y = reader.body.virtual_region.y + reader.line_of_offset(now)
        assert reader.scroll_y <= y < reader.scroll_y + reader.scrollable_content_region.height


async def test_an_article_hidden_by_a_search_is_revealed_with_the_cursor_on_it(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_harbour(pilot)
        await pilot.press("tab", "tab", "h")
        assert len(app.state.highlights()) == 1
        await pilot.press("tab")
        await search(pilot, "-terminal")
        assert all("harbour board" not in row for row in row_texts(screen.article_list))
        await pilot.press("enter", "H", "enter")
        await opened(pilot)
        for _ in range(200):  # the whole list comes back in a worker
            if screen.article_list.row_count == 4 and screen.search_query is None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert not screen.search_bar.display and screen.article_list.row_count == 4
        assert screen.open_article.title.startswith("The harbour board")
        assert screen.article_list.highlighted_id == screen.open_article.id


async def test_a_highlight_keeps_the_whole_headline_when_its_article_is_opened_again(tmp_path: Path, db_path: Path):
    """Opening the article again gave its highlights the headline as the list cuts it ("… this…"), which the
    exports then printed: a citation gives it whole."""
    lead = ("The river authority will open four new flood gates along the lower valley this winter after two "
            "seasons of record rain damaged the old ones beyond repair")
    write_article(tmp_path / "news", "2024-03-01_gates.txt",
                  f"date 2024-03-01 By Valley Post\n\n{lead}.\n\n“The gates will hold,” engineer Pia Holm said.\n")
    write_article(tmp_path / "news", "2024-03-02_other.txt",
                  "date 2024-03-02 By Valley Post\n\nThe market reopened.\n\n“We are back,” trader Ode Lind said.\n")
    app = make_app([tmp_path / "news"], db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await indexed(pilot)
        gates, other = ([m for m in screen.library.reader.newest(10) if m.path.name == name][0]
                        for name in ("2024-03-01_gates.txt", "2024-03-02_other.txt"))
        screen.open(gates)
        await opened(pilot)
        assert screen.open_article.title != lead  # the list's headline is cut
        screen.sidebar.focus()
        await pilot.press("h")
        await pilot.pause()
        [highlight] = screen.state.highlights_for(gates.id)
        assert highlight.title == lead
        for meta in (other, gates):
            screen.open(meta)
            await opened(pilot)
        [highlight] = screen.state.highlights_for(gates.id)
        assert highlight.title == lead
