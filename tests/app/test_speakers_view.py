from __future__ import annotations

import re

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Sparkline

from store import Article, load_article
from store.library import Library
from store.speakers.table import SpeakerDirectory
from tui.corpus import Corpus
from tui.screens.speakers import SpeakerQuotations, SpeakersScreen

from ..conftest import write_article
from .helpers import option_texts, settled, until

SIZE = (120, 36)

ARTICLES = {
    "ferry.txt": """
        date 2024-01-15 By Fjord Times

        The ferry company will add a night crossing from March.

        “We heard the islanders loud and clear,” Dr. Vera Lindahl, the company’s director, said.

        “Nobody should sleep in a car park to catch a morning boat,” Lindahl added.

        Mayor Tomas Berg welcomed the plan. “This is the service we asked for,” Berg said.
        """,
    "bridge.txt": """
        date 2024-03-02 By Fjord Times

        The county has dropped its plan for a bridge to the islands.

        “A bridge would have cost more than the ferries for fifty years,” said Vera Lindahl.

        “The [red] line stays open,” a spokesman said.
        """,
    "harbour.txt": """
        date 2024-03-20 By Coast Post

        Harbour fees will rise by four percent next year.

        “The fees have not changed since 2015,” V. Lindahl said at the meeting.

        “Fishermen cannot pay more,” said Ole Strand, who chairs the fishermen’s union.
        """,
    "school.txt": """
        date 2023-11-05 By Coast Post

        The island school will stay open after a petition.

        “Children belong near home,” Mayor Tomas Berg said.
        """,
}


class SpeakersApp(App[None]):
    """The real app pushes the screen the same way, with a callback for its result."""

    def __init__(self, library: Library, articles: dict[str, Article]) -> None:
        super().__init__()
        self.library = library
        self.articles = articles
        self.results: list[tuple[str, int] | None] = []

    def on_mount(self) -> None:
        self.push_screen(SpeakersScreen(directory(self.library)), self.results.append)


def directory(library: Library):
    return lambda: SpeakerDirectory(library.connect())


def build(folder: Path) -> tuple[Library, dict[str, Article]]:
    """The articles written to `folder` and indexed into its corpus database."""
    articles = {}
    for name, text in ARTICLES.items():
        article = load_article(write_article(folder, name, text))
        articles[article.id] = article
    library = Library([folder])
    library.sync(workers=1)
    return library, articles


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Library, dict[str, Article]]:
    return build(tmp_path / "corpus")


async def ready(pilot) -> SpeakersScreen:
    for _ in range(100):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, SpeakersScreen) and screen.speakers:
            await pilot.pause()
            return screen
    raise AssertionError("the speakers were never counted")


def rows(screen: SpeakersScreen) -> list[list[str]]:
    table = screen.speaker_table
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_table_lists_speakers_with_counts(corpus):
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert rows(screen) == [
            ["Vera Lindahl", "Dr.", "4", "3", "2024-01-15", "2024-03-20"],
            ["Tomas Berg", "Mayor", "2", "2", "2023-11-05", "2024-01-15"],
            ["Ole Strand", "", "1", "1", "2024-03-20", "2024-03-20"],
            ["spokesman", "unnamed", "1", "1", "2024-03-02", "2024-03-02"],
        ]
        assert screen.speaker_table.border_title == "Speakers · 3"
        assert "1 unnamed speaker at the end" in screen.speaker_table.border_subtitle
        assert app.focused is screen.speaker_table


async def test_chart_shows_the_top_speaker_first_and_no_unnamed(corpus):
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        lines = str(screen.chart.render()).splitlines()
        assert [re.split(r" [█▏▎▍▌▋▊▉]", line)[0].strip() for line in lines] == [
            "Vera Lindahl", "Tomas Berg", "Ole Strand"]
        assert lines[0].endswith(" 4") and lines[1].endswith(" 2")
        assert lines[0].count("█") > lines[1].count("█") > lines[2].count("█")
        assert "spokesman" not in str(screen.chart.render())


async def test_moving_updates_the_sparkline(corpus):
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        sparkline = screen.query_one(Sparkline)
        # the corpus's months, November 2023 to March 2024, so that speakers compare
        assert list(sparkline.data) == [0, 0, 2, 0, 2]  # Lindahl: January and March 2024
        caption = str(screen.query_one("#speakers-caption").render())
        assert "Nov 2023 – Mar 2024" in caption and "most in Mar 2024: 2" in caption
        await pilot.press("j")
        assert list(sparkline.data) == [1, 0, 1, 0, 0]  # Berg: November 2023, January 2024
        assert "most in Jan 2024: 1" in str(screen.query_one("#speakers-caption").render())
        assert "Tomas Berg" in str(screen.query_one("#speakers-timeline").border_title)
        assert screen.chart.current == screen.highlighted.key


async def test_enter_lists_quotations_and_enter_on_one_dismisses(corpus):
    library, articles = corpus
    app = SpeakersApp(library, articles)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        listing = screen.query_one(SpeakerQuotations)
        for _ in range(50):
            await pilot.pause(0.02)
            if listing.option_count and listing.get_option_at_index(0).id is not None:
                break
        assert app.focused is listing and not screen.speaker_table.display
        texts = [text for text in option_texts(listing) if text]
        assert texts[0] == ("2024-03-20 · Harbour fees will rise by four percent next year  Coast Post\n"
                            "“The fees have not changed since 2015”  — V. Lindahl")  # the form the article used
        assert [t.split(" · ")[0] for t in texts] == ["2024-03-20", "2024-03-02", "2024-01-15", "2024-01-15"]
        await pilot.press("j", "enter")
        bridge = next(a for a in articles.values() if a.path.name == "bridge.txt")
        start = bridge.text.index("A bridge would")
        assert app.results == [(bridge.id, start)]


async def test_escape_goes_back_then_closes(corpus):
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "enter")
        await until(pilot, lambda: screen.listed is not None, "a speaker's quotations listed")
        assert screen.listed.name == "Tomas Berg"
        await pilot.press("escape")
        assert screen.listed is None and screen.speaker_table.display
        assert app.focused is screen.speaker_table
        assert screen.highlighted.name == "Tomas Berg"
        await pilot.press("escape")
        assert app.results == [None]


async def test_filter_narrows_by_name_form_or_role(corpus):
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"mayor")
        assert [row[0] for row in rows(screen)] == ["Tomas Berg"]
        assert screen.speaker_table.border_title == "Speakers · 1 of 3"
        await pilot.press("enter")
        assert app.focused is screen.speaker_table
        await pilot.press("slash")
        await pilot.press("escape")
        assert len(rows(screen)) == 4
        screen.query_one(Input).value = "v. lind"  # a form seen only as an initial
        await pilot.pause()
        assert [row[0] for row in rows(screen)] == ["Vera Lindahl"]


async def test_a_filter_that_matches_no_speaker_says_so(corpus):
    """An empty table under "Speakers · 0 of 3" said nothing of why."""
    app = SpeakersApp(*corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"zzz")
        await until(pilot, lambda: not rows(screen), "no speaker listed")
        assert screen.speaker_table.border_subtitle == "no speaker matches “zzz”"


async def test_markup_in_names_and_quotations_is_shown_as_typed(tmp_path: Path):
    folder = tmp_path / "corpus"
    library, articles = build(folder)
    article = load_article(write_article(folder, "odd.txt", """
        date 2022-05-05 By Wire

        A short story.

        “Nothing [b]bold[/b] here, and [link=x]no link[/link],” said Ada [i]Novak.
        """))
    articles[article.id] = article
    library.sync(workers=1)
    app = SpeakersApp(library, articles)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"2022")
        screen.query_one(Input).value = ""
        await pilot.pause()
        quoted = [s for s in screen.speakers if s.first_date == "2022-05-05"]
        assert quoted, "the speaker was found"
        screen.list_quotations(quoted[0])
        listing = screen.query_one(SpeakerQuotations)
        for _ in range(50):
            await pilot.pause(0.02)
            if listing.option_count and listing.get_option_at_index(0).id is not None:
                break
        assert "[b]bold[/b]" in option_texts(listing)[0]


async def test_an_empty_corpus_and_one_still_indexed(tmp_path: Path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    library = Library([folder])  # nothing indexed yet
    app = App()
    results: list = []
    async with app.run_test(size=SIZE) as pilot:
        screen = SpeakersScreen(directory(library), indexing=True)
        app.push_screen(screen, results.append)
        await settled(pilot)
        assert "indexing…" in screen.speaker_table.border_title
        assert "No named speakers yet" in str(screen.chart.render())
        await pilot.press("enter")  # nothing to open
        assert screen.listed is None
        build(folder)  # the files arrive and are indexed
        screen.indexing_done()
        await until(pilot, lambda: "indexing" not in str(screen.speaker_table.border_title), "the count refreshed")
        await settled(pilot)
        assert screen.speaker_table.border_title == "Speakers · 3"


LONG_NAME = "Maria Castellanos-Villanueva"
LONG_ROLE = "Deputy Regional Water Commissioner"


def table_lines(screen: SpeakersScreen) -> list[str]:
    """The speaker table's lines as drawn on the screen."""
    table = screen.speaker_table
    return [table.render_line(y).text for y in range(table.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_long_names_and_roles_take_the_width_before_dates(tmp_path: Path, size: tuple[int, int]):
    write_article(tmp_path / "corpus", "water.txt", f"""
        date 2024-05-02 By Valley Post

        The regional council approved the water plan on Monday.

        “We will not let the valley run dry this summer,” said {LONG_ROLE} {LONG_NAME}.
        """)
    library = Library([tmp_path / "corpus"])
    library.sync(workers=1)
    app = SpeakersApp(library, {})
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        row = next(line for line in table_lines(screen) if "Maria" in line)
        assert LONG_NAME in row, row
        if size == (80, 24):  # no room for both whole: the dates yield theirs, the name is whole
            assert "2024-05-02" not in row
        else:  # room for everything
            assert LONG_ROLE in row and "2024-05-02" in row, row
        if size == (200, 60):  # the chart's names take up to half its width before the bars
            assert LONG_NAME in str(screen.chart.render())


async def test_indexing_done_as_the_view_opens_is_counted_once_it_is_shown(corpus):
    """The main screen says the corpus is indexed to the screen on top, which may be the speaker view just pushed
    and not yet built."""

    class JustPushed(SpeakersApp):
        def on_mount(self) -> None:
            screen = SpeakersScreen(directory(self.library), indexing=True)
            self.push_screen(screen, self.results.append)
            screen.indexing_done()

    app = JustPushed(*corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert not screen.indexing and "indexing" not in str(screen.speaker_table.border_title)
        assert rows(screen)[0][0] == "Vera Lindahl"


async def test_opened_on_the_apps_corpus_the_view_hears_when_indexing_ends(tmp_path: Path):
    """Given the app's corpus, the view asks it whether it is still indexed and hears when that ends (the corpus'
    `indexed` signal): no screen has to tell it."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        corpus = Corpus([folder], owner=app)
        corpus.open()
        corpus.indexing = True
        screen = SpeakersScreen(corpus.speaker_directory, corpus=corpus)
        app.push_screen(screen)
        await settled(pilot)
        assert "indexing…" in screen.speaker_table.border_title
        build(folder)  # the files arrive and are indexed
        corpus.indexing_finished()
        await until(pilot, lambda: screen.speaker_table.border_title == "Speakers · 3", "the count after indexing")
        assert not screen.indexing


async def test_indexing_that_ends_before_the_view_is_built_is_not_missed(corpus):
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        library, _articles = corpus
        app_corpus = Corpus(library.roots, owner=app)
        app_corpus.open()
        app_corpus.indexing = True
        screen = SpeakersScreen(app_corpus.speaker_directory, corpus=app_corpus)
        app.push_screen(screen)
        app_corpus.indexing_finished()  # published before the screen could listen
        await settled(pilot)
        assert not screen.indexing and screen.speaker_table.border_title == "Speakers · 3"


async def test_a_short_terminal_keeps_room_for_the_speaker_table(corpus):
    """At 60x20 the charts below the table kept their twelve lines and the table showed two speakers."""
    app = SpeakersApp(*corpus)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await ready(pilot)
        table = screen.speaker_table
        assert table.scrollable_content_region.height - 1 >= min(4, table.row_count)  # the header line, then rows
        assert screen.query_one("#speakers-timeline").region.height >= 6
