"""At home in any terminal: panes that fit 80 columns, a footer that follows the focus, feed-reader keys."""
from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from store import State
from store.config import Config
from tui.app import QuotedeskApp
from tui.dialogs.confirm import ConfirmDialog
from tui.screens.help import HelpScreen

from .helpers import indexed, loaded, make_app, opened, row_texts, until


def footer_keys(app) -> set[str]:
    return {key.key for key in app.screen.query_one(Footer).query(FooterKey)}


async def footer_settled(pilot, wanted: str) -> set[str]:
    for _ in range(50):
        await pilot.pause(0.02)
        keys = footer_keys(pilot.app)
        if wanted in keys:
            return keys
    return footer_keys(pilot.app)


async def test_at_80_columns_the_reader_gets_the_width(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert not screen.sidebar.display  # below 120 columns the sidebar waits until asked for
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("l")  # the list hidden: the reader has the width
        await pilot.pause()
        assert not screen.query_one("#left").display and screen.reader.has_focus
        assert screen.reader.body.content_region.width >= 60
        await pilot.press("quotation_mark")  # the sidebar, shown on demand
        await pilot.pause()
        assert screen.sidebar.display and screen.sidebar.has_focus
        await pilot.press("quotation_mark", "l")
        await pilot.pause()
        assert not screen.sidebar.display and screen.query_one("#left").display


async def test_wide_terminals_show_every_pane_and_z_zooms_the_focused_one(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.sidebar.display and screen.query_one("#left").display
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("tab")
        assert screen.reader.has_focus
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is screen.reader and screen.reader.outer_size.width == 160
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is None and screen.reader.outer_size.width < 100


async def test_the_footer_follows_the_focused_pane(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        keys = await footer_settled(pilot, "full_stop")
        assert {"enter", "u", "full_stop", "question_mark"} <= keys and "w" not in keys
        await pilot.press("tab")
        keys = await footer_settled(pilot, "space")
        assert {"space", "slash", "h", "w", "question_mark"} <= keys and "u" not in keys
        await pilot.press("tab")
        keys = await footer_settled(pilot, "c")
        assert {"enter", "h", "y", "c", "question_mark"} <= keys and "space" not in keys
        await pilot.press("slash")  # the search field: what enter and esc do there, nothing else is shown
        keys = await footer_settled(pilot, "escape")
        assert {"enter", "escape"} <= keys and "c" not in keys


async def test_search_says_where_it_is_and_esc_clears_it_from_any_pane(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        assert "Open an article" in screen.sidebar.shown_texts()[0]
        await pilot.press("slash", *"zzyzx")
        await until(pilot, lambda: screen.search_query is not None and not screen.article_list.row_count,
                    "the search found nothing")
        lines = [screen.article_list.render_line(y).text for y in range(3)]
        assert "No article matches “zzyzx”, esc clears" in " ".join(" ".join(lines).split())
        await pilot.press("escape")
        await pilot.pause(0.1)
        await pilot.press("slash", *"the", "enter")
        await until(pilot, lambda: screen.search_query is not None and screen.search_query.text == "the",
                    "the search ran")
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("tab")
        assert screen.reader.has_focus
        hits = len(screen.reader.marks.hits)
        assert hits >= 2
        await pilot.press("n", "n")
        assert screen.reader.border_title == f"Reader · match 2 of {hits}"
        await pilot.press("N")
        assert screen.reader.border_title == f"Reader · match 1 of {hits}"
        await pilot.press("escape")  # from the reader
        await until(pilot, lambda: screen.search_query is None, "esc cleared the search")
        assert screen.query_text == "" and screen.article_list.row_count == 4
        assert screen.reader.has_focus and screen.reader.border_title == "Reader"


async def test_mark_all_read_asks_then_marks_what_is_listed(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert not app.state.read_article_ids()
        await pilot.press("A", "y")
        await pilot.pause()
        assert len(app.state.read_article_ids()) == 4
        assert screen.article_list.border_title == "Articles · 0 unread of 4"
        assert not any(row.startswith("●") for row in row_texts(screen.article_list))


async def test_a_narrow_list_keeps_its_counts_whole_in_its_title(tmp_path: Path, db_path: Path):
    for day in range(10, 22):
        (tmp_path / f"2024-03-{day}.txt").write_text(f"Ferry news {day}\n\nThe ferry sailed on day {day}.\n",
                                                    encoding="utf-8")
    app = QuotedeskApp([tmp_path], State(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await indexed(pilot)
        articles = screen.article_list
        assert articles.border_title == "12 unread of 12"  # "Articles · 12 unread of…" cut the total
        assert len(articles.border_title) <= articles.outer_size.width - 6
        await pilot.resize_terminal(140, 30)
        await until(pilot, lambda: articles.border_title == "Articles · 12 unread of 12", "the whole title")


async def test_a_dialog_and_the_help_show_their_own_keys_in_the_footer(corpus: Path, db_path: Path):
    """The main screen's keys do not apply inside a dialog: the bottom line shows the dialog's."""
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("A")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        keys = await footer_settled(pilot, "y")
        assert {"y", "n"} <= keys and not keys & {"u", "slash", "enter"}
        assert app.screen.query_one(Footer).region.y == 23  # on the bottom line, over the main screen's
        await pilot.press("n")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        keys = await footer_settled(pilot, "escape")
        assert {"escape", "j", "k"} <= keys and not keys & {"u", "slash", "enter"}
        await pilot.press("escape")
        main_footer = screen.query_one(Footer)
        await pilot.press("ctrl+p")  # the palette has no footer: the main screen's shows no keys under it
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        assert not main_footer.visible
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen, "the main screen")
        assert main_footer.visible


async def test_next_and_previous_unread_skip_read_articles(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path), Config(mark_read_on_open=False))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        ids = [screen.article_list.article_at(i).id for i in range(4)]
        app.state.set_read(ids[1], True)
        await pilot.press("full_stop")
        await opened(pilot)
        assert screen.open_article.id == ids[0]
        await pilot.press("tab", "full_stop")  # from the open article, past the read one
        await opened(pilot)
        assert screen.open_article.id == ids[2]
        await pilot.press("comma")
        await opened(pilot)
        assert screen.open_article.id == ids[0]


async def test_sort_cycles_date_source_most_quoted(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)

        def listed() -> list:
            return [screen.article_list.article_at(i) for i in range(screen.article_list.row_count)]

        by_date = [meta.date for meta in listed()]
        assert by_date == sorted(by_date, key=lambda date: date or "", reverse=True)
        await pilot.press("S")
        await pilot.pause()
        assert [meta.source for meta in listed()] == ["Coastal Wire", "Inland Courier", "Valley Post", None]
        assert screen.article_list.border_subtitle == "by source"
        await pilot.press("S")
        await pilot.pause()
        assert listed()[0].title.startswith("The harbour board")  # two quotations, the most
        await pilot.press("S")
        await pilot.pause()
        assert [meta.date for meta in listed()] == by_date


async def test_the_lists_order_is_whole_in_a_narrow_terminal(corpus: Path, db_path: Path):
    """At 80 columns the count filled the list's title and its order was cut: "12 unread of 12 · by …"."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("S", "S")
        await until(pilot, lambda: screen.sort == "most quoted", "sorted by quotations")
        await pilot.pause()
        articles = screen.article_list
        room = articles.outer_size.width - 6  # the corners, a dash and a space on each side
        notes = [note for note in (articles.border_title, articles.border_subtitle) if note]
        assert any("by most quoted" in note for note in notes)
        assert all(len(note) <= room for note in notes), (notes, room)


async def test_the_palette_opens_on_commands_and_finds_articles_as_you_type(corpus: Path, db_path: Path):
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await indexed(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        from textual.command import CommandList

        commands = app.screen.query_one(CommandList)
        shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        titles = [text.split("\n")[0] for text in shown]
        assert {"Search", "Mark all listed read", "Next unread article", "Keys"} <= set(titles)
        assert not any("Rail strike" in text for text in shown)  # articles follow as you type
        await pilot.press(*"rail")
        for _ in range(50):
            await pilot.pause(0.05)
            shown = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
            if any("Rail strike" in text for text in shown):
                break
        assert any("Rail strike" in text for text in shown)


async def test_the_palette_offers_one_keys_command_the_help_screen(corpus: Path, db_path: Path):
    """Textual's own "Keys" (a side panel that squeezed the panes and listed keys that do nothing here, such as
    scrolling left) stood under ours with the same title."""
    from textual.command import CommandList

    from tui.screens.help import HelpScreen

    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await indexed(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        commands = app.screen.query_one(CommandList)
        titles = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
        assert titles.count("Keys") == 1
        await pilot.press(*"keys", "enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, HelpScreen)


async def test_the_list_shows_the_source_a_folder_names(tmp_path: Path, db_path: Path):
    from ..conftest import write_article

    corpus = tmp_path / "corpus"
    write_article(corpus, "Valley Gazette/2024-05-01-bridge.txt",
                  "Bridge reopens\n\n“We waited a year,” said Ana Ruiz, a baker.\n")
    write_article(corpus, "2024-04-01-ferry.txt", "Ferry is back\n\nThe ferry is back.\n")
    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await indexed(pilot)
        rows = row_texts(screen.article_list)
        assert any("Bridge reopens" in row and "Valley Gazette" in row for row in rows), rows
        assert any("Ferry is back" in row and "·" not in row for row in rows), rows
        await pilot.press("slash")
        await pilot.press(*'source:"valley gazette"', "enter")
        for _ in range(200):
            if screen.article_list.row_count == 1:
                break
            await pilot.pause(0.02)
        assert screen.article_list.article_at(0).title == "Bridge reopens"
        await pilot.press("enter")
        await opened(pilot)
        assert screen.open_article.source == "Valley Gazette"  # citations and highlights take it too


async def test_a_notice_given_again_while_shown_replaces_the_earlier_one(corpus: Path, db_path: Path):
    from textual.widgets._toast import Toast

    app = make_app([corpus], db_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:  # toasts drawn, as in a terminal
        await loaded(pilot)
        for _ in range(3):
            await pilot.press("n")  # no search yet: "Search first with /."
        app.notify("Another notice.")
        await pilot.pause()

        def shown() -> list[str]:
            return [str(toast.render()) for toast in app.screen.query(Toast)]

        await until(pilot, lambda: "Another notice." in shown(), "the last notice shown")  # the earlier ones too
        assert sorted(shown()) == ["Another notice.", "Search first with /."]
        assert [n.message for n in app._notifications] == ["Search first with /.", "Another notice."]


async def test_the_footer_shows_whole_keys_and_help_in_a_narrow_terminal(corpus: Path, db_path: Path):
    """At 80 columns the quote sidebar's keys ran under the palette key, the last one cut mid-word ("? He")."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("quotation_mark")
        await until(pilot, lambda: screen.sidebar.has_focus, "the sidebar shown and focused")
        for size in ((80, 24), (60, 20), (200, 60)):
            await pilot.resize_terminal(*size)
            await until(pilot, lambda: "c" in footer_keys(app) and app.screen.size.width == size[0],
                        "the sidebar's keys in the footer")
            await pilot.pause()
            footer = app.screen.query_one(Footer)
            keys = list(footer.query(FooterKey))
            palette = next(key for key in keys if key.has_class("-command-palette"))
            shown = [key for key in keys if key.display and key is not palette]
            assert "question_mark" in {key.key for key in shown}
            assert all(key.region.right <= palette.region.x for key in shown), size
            assert all(key.region.width == key.render().cell_len for key in shown), size
            hidden = [keys.index(key) for key in keys if not key.display]
            assert not hidden or size[0] < 200
            # what is left out is the end of the list, not keys between those shown
            assert all(index > keys.index(key) for index in hidden for key in shown if key.key != "question_mark")


async def test_below_100_columns_a_side_pane_takes_the_other_ones_place(corpus: Path, db_path: Path):
    """At 60 columns `"` showed the sidebar beside the list and left the reader two columns."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        left = screen.query_one("#left")
        await pilot.press("quotation_mark")
        await until(pilot, lambda: screen.sidebar.display and screen.sidebar.has_focus, "the sidebar shown")
        assert not left.display and screen.reader.body.content_region.width >= 25
        await pilot.press("l")
        await until(pilot, lambda: left.display, "the list shown again")
        assert not screen.sidebar.display and screen.reader.body.content_region.width >= 25


async def test_the_three_panes_show_together_only_where_the_reader_keeps_39_columns(corpus: Path, db_path: Path):
    """At 80 columns `"` showed the sidebar beside the list, and the reader had 20 columns of text."""
    for width, together in ((80, False), (99, False), (100, True)):
        app = make_app([corpus], db_path)
        async with app.run_test(size=(width, 24)) as pilot:
            screen = await loaded(pilot)
            await pilot.press("enter")
            await opened(pilot)
            await pilot.press("quotation_mark")
            await until(pilot, lambda: screen.sidebar.display and screen.sidebar.has_focus, "the sidebar shown")
            await pilot.pause()  # the panes laid out again
            assert screen.query_one("#left").display == together, width
            assert screen.reader.body.content_region.width >= 39, width


async def test_search_shows_its_field_where_the_sidebar_took_the_lists_place(corpus: Path, db_path: Path):
    """At 80 columns, with the sidebar in the list's place, `/` focused a field inside the hidden list: the query
    was typed unseen."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        await pilot.press("quotation_mark")
        await until(pilot, lambda: screen.sidebar.display and screen.sidebar.has_focus, "the sidebar shown")
        await pilot.press("slash", *"harbour")
        field = screen.search_bar.query_one("#search-input")
        await until(pilot, lambda: field.has_focus and field.value == "harbour", "the query typed in the field")
        await pilot.pause()
        assert all(node.display for node in field.ancestors_with_self if node is not app)
        assert field.region.width > 0 and screen.reader.body.content_region.width >= 25


async def test_narrowing_the_terminal_below_100_columns_keeps_one_side_pane(corpus: Path, db_path: Path):
    """Both side panes shown at 100 columns stayed shown at 60, leaving the reader a few columns: the focused one
    stays, and the other comes back with the width."""
    app = make_app([corpus], db_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("enter")
        await opened(pilot)
        left = screen.query_one("#left")
        await pilot.press("quotation_mark")
        await until(pilot, lambda: screen.sidebar.display and left.display, "the three panes shown")
        for focused, stays, goes in ((screen.article_list, left, screen.sidebar), (screen.sidebar, screen.sidebar, left)):
            focused.focus()
            await pilot.resize_terminal(60, 20)
            await until(pilot, lambda: not goes.display, "a side pane gives way")
            assert stays.display and screen.reader.body.content_region.width >= 25
            await pilot.resize_terminal(100, 24)
            await until(pilot, lambda: goes.display, "the side pane back with the width")
            assert stays.display


async def test_the_progress_line_shows_its_percentage_in_a_narrow_terminal(corpus: Path, db_path: Path):
    """At 80 columns the bar's 32 cells pushed the percentage out of the list's width: a bar without a figure."""
    from textual.widgets._progress_bar import PercentageStatus

    app = make_app([corpus], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await indexed(pilot)
        screen.progress.show("reading", 40, 160)
        percentage = screen.progress.query_one(PercentageStatus)
        await until(pilot, lambda: screen.progress.display and percentage.region.width > 0, "the progress line")
        await pilot.pause()
        assert screen.progress.region.contains_region(percentage.region)
        assert "25%" in str(percentage.render())


async def test_the_progress_line_lays_the_screen_out_again_only_when_its_stage_changes(corpus: Path, db_path: Path):
    """Indexing reports its progress every second: the label, whose update lays the whole screen out again, is set
    only when the stage it names changes."""
    from textual.widgets import Static

    app = make_app([corpus], db_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await indexed(pilot)
        label = screen.progress.query_one("#progress-label", Static)
        updates: list[object] = []
        update = label.update
        label.update = lambda content, **options: (updates.append(content), update(content, **options))[1]
        for stage in ("indexing", "reading"):  # the last stage of the indexing done first, "grouping", then these
            for done in (10, 20, 30):
                screen.progress.show(stage, done, 160)
        await pilot.pause()
        assert len(updates) == 2 and "Reading files" in str(label.render())


async def test_a_burst_of_progress_reports_reaches_the_progress_line_a_few_times(corpus: Path, db_path: Path,
                                                                               monkeypatch):
    """The first grouping of a large corpus reports its progress hundreds of times a second: shown one by one, they
    kept the screen from answering a key for up to a second."""
    from store.library import Finished, Library, Progress

    def sync(library, report, cancelled=lambda: False, **options) -> bool:
        for done in range(2001):
            report(Progress("grouping", done, 2000))
        report(Finished(False))
        return False

    app = make_app([corpus], db_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await indexed(pilot)
        shown: list[tuple[str, int, int]] = []
        show = screen.progress.show
        screen.progress.show = lambda stage, done, total: (shown.append((stage, done, total)), show(stage, done, total))
        monkeypatch.setattr(Library, "sync", sync)
        screen.load()
        await until(pilot, lambda: not screen.indexing, "the check of the files done")
        assert shown[0] == ("grouping", 0, 2000) and shown[-1] == ("grouping", 2000, 2000)
        assert len(shown) < 20
