"""Provenance in the app, on the sample articles about a Lofoten maternity ward, which republish and alter each
other's quotations: the sidebar's marks, the provenance view (p), the changed quotations, and highlights that
keep where their quotation was first seen."""
from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import OptionList

from store import State, bundled_sample_data
from store.export import render
from tui.app import QuotedeskApp
from tui.screens.changed import ChangedScreen
from tui.screens.main import MainScreen
from tui.screens.provenance import ProvenanceScreen

from .helpers import indexed, option_texts, opened

FIRST = "2018-10-03_lofoten-maternity-ward.txt"
MINISTER = "2018-10-11_lofoten-minister-rules.txt"
CLOSING = "Closing it is the hardest decision"
BABIES = "We delivered"


def sample_app(db_path: Path) -> QuotedeskApp:
    return QuotedeskApp([bundled_sample_data()], State(db_path))


async def open_file(pilot, name: str) -> MainScreen:
    screen = await indexed(pilot)
    [meta] = [m for m in screen.library.reader.newest(100) if m.path.name == name]
    screen.open(meta)
    return await opened(pilot)


def sidebar_index(screen: MainScreen, start: str) -> int:
    return next(i for i, q in enumerate(screen.quotations(screen.open_article)) if q.text.startswith(start))


def sidebar_prompt(screen: MainScreen, start: str) -> str:
    return next(text for text in option_texts(screen.sidebar) if f"“{start}" in text)


async def until(pilot, condition, what: str):
    for _ in range(250):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}")


async def provenance_of(pilot, screen: MainScreen, start: str) -> ProvenanceScreen:
    """Put the sidebar's cursor on the quotation that starts with `start` and press p."""
    screen.sidebar.focus()
    screen.sidebar.highlight_index(sidebar_index(screen, start))
    await pilot.press("p")
    await until(pilot, lambda: isinstance(pilot.app.screen, ProvenanceScreen) and pilot.app.screen.group,
                "the provenance view shows the group")
    return pilot.app.screen


async def test_the_sidebar_marks_quotations_printed_elsewhere_with_how_they_differ(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, MINISTER)
        assert "+2 ≠ words" in sidebar_prompt(screen, CLOSING)
        assert "+2 ≠ words ≠ speaker" in sidebar_prompt(screen, BABIES)
        own = sidebar_prompt(screen, "I understand the anger")  # printed nowhere else: no mark
        assert "+" not in own and "≠" not in own


async def test_p_lists_every_occurrence_oldest_first_with_the_differences_from_the_first(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, MINISTER)
        view = await provenance_of(pilot, screen, CLOSING)
        first, republished, shortened = option_texts(view.occurrence_list)
        assert first.startswith("2018-10-03 · Northern Ledger · ") and "first seen" in first
        assert "Ingrid Solberg" in first and "in this job" in first
        assert republished.startswith("2018-10-04 · Harbor Press Agency")
        assert "quotes more: “We cannot staff a maternity ward safely …”" in republished
        assert "≠ words" not in republished  # quoting more of the sentence is no change of wording
        assert shortened.startswith("2018-10-11 · Meridian News · Norway’s health minister")
        assert "— Solberg  ≠ words" in shortened and "dropped: “in this job”" in shortened
        assert "first seen" not in republished + shortened
        assert "3 occurrences · ≠ words" in str(view.occurrence_list.border_title)
        assert view.occurrence_list.highlighted == 2  # the cursor on the occurrence p was pressed on


async def test_a_bracketed_insertion_is_editing_and_another_speaker_is_marked(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, FIRST)
        view = await provenance_of(pilot, screen, "We cannot staff")
        _first, inserted = option_texts(view.occurrence_list)
        assert "editorial addition: [The trust] for “We”" in inserted and "≠ words" not in inserted
        await pilot.press("escape")
        view = await provenance_of(pilot, screen, BABIES)
        _first, other_speaker, changed = option_texts(view.occurrence_list)
        assert "— Kari Eidsvik  ≠ speaker" in other_speaker and "the same words" in other_speaker
        assert "changed: “180” → “80”" in changed


async def test_enter_in_the_provenance_view_opens_that_article_at_the_quotation(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, FIRST)
        await provenance_of(pilot, screen, CLOSING)
        await pilot.press("G", "enter")
        await until(pilot, lambda: pilot.app.screen is screen and screen.opening is None
                    and screen.open_article is not None and screen.open_article.path.name == MINISTER,
                    "the minister's article is open")
        index = screen.sidebar.highlighted_index
        assert index is not None and screen.quotations(screen.open_article)[index].text.startswith(CLOSING)
        assert screen.reader.marks.selected == index


def quotation_in_view(screen: MainScreen, start: int) -> bool:
    reader = screen.reader
    line = reader.body.virtual_region.y + reader.line_of_offset(start) - round(reader.scroll_y)
    return 0 <= line < reader.scrollable_content_region.height


async def test_enter_in_the_provenance_view_brings_that_quotation_into_view(db_path):
    """The sidebar's cursor on a later quotation of the article left (its fifth) brought the fifth quotation of
    the article opened into view, below the one asked for, which was then out of sight."""
    app = sample_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(pilot, FIRST)
        await pilot.press("quotation_mark")  # a narrow reader: the articles are taller than the pane
        await pilot.pause()
        later = len(screen.quotations(screen.open_article)) - 1
        screen.sidebar.focus()
        screen.sidebar.highlight_index(later)
        await pilot.pause()
        await provenance_of(pilot, screen, BABIES)
        view = pilot.app.screen
        target = next(o for o in view.group.occurrences if o.article_id != screen.open_article.id)
        view.query_one(OptionList).highlighted = view.group.occurrences.index(target)
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen is screen and screen.opening is None
                    and screen.open_article.id == target.article_id, "the other article is open")
        for _ in range(20):  # every scroll asked for has been made
            await pilot.pause(0.02)
        assert screen.reader.max_scroll_y > 0
        assert quotation_in_view(screen, target.start)
        index = screen.sidebar.highlighted_index
        assert screen.quotations(screen.open_article)[index].start == target.start


async def test_opening_an_article_starts_at_its_top_whatever_the_sidebar_pointed_at_before(db_path):
    """The sidebar's cursor, on the fourth quotation of one article, scrolled the next article opened to its
    fourth quotation instead of its top."""
    app = sample_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_file(pilot, FIRST)
        await pilot.press("quotation_mark")
        await pilot.pause()
        screen.sidebar.focus()
        screen.sidebar.highlight_index(3)  # the minister's article has four quotations
        await until(pilot, lambda: screen.reader.scroll_y > 0, "the reader at the fourth quotation")
        [meta] = [m for m in screen.library.reader.newest(100) if m.path.name == MINISTER]
        screen.open(meta)
        await opened(pilot)
        for _ in range(20):
            await pilot.pause(0.02)
        assert screen.open_article.path.name == MINISTER and screen.reader.max_scroll_y > 0
        assert screen.reader.scroll_y == 0
        # the sidebar keeps the focus, its cursor on the quotation being read: the first one
        assert screen.sidebar.has_focus and screen.sidebar.highlighted_index == 0


async def test_changed_quotations_lists_the_groups_and_opens_their_provenance(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Changed quotations")
        await until(pilot, lambda: "Changed quotations" in str(pilot.app.screen.query("CommandList").first()
                                                               .get_option_at_index(0).prompt)
                    if pilot.app.screen.query("CommandList") else False, "the palette offers it")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChangedScreen) and pilot.app.screen.read,
                    "the changed quotations are listed")
        listed = option_texts(pilot.app.screen.changed_list)
        assert len(listed) == 3 and all(text.startswith("3 versions") for text in listed[:2])
        assert "≠ speaker" in next(text for text in listed if BABIES in text)
        assert f"first seen 2018-10-03 · Northern Ledger  — Ingrid Solberg\n“{CLOSING}" in listed[0]
        pilot.app.screen.changed_list.highlighted = next(i for i, text in enumerate(listed) if BABIES in text)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, ProvenanceScreen) and pilot.app.screen.group,
                    "the group's provenance is shown")
        assert "changed: “180” → “80”" in option_texts(pilot.app.screen.occurrence_list)[2]
        await pilot.press("G", "enter")  # both views close and the article opens at the quotation
        await until(pilot, lambda: pilot.app.screen is screen and screen.open_article is not None
                    and screen.opening is None, "the article is open")
        assert screen.open_article.path.name == MINISTER
        index = screen.sidebar.highlighted_index
        assert screen.quotations(screen.open_article)[index].text.startswith(BABIES)


async def test_a_highlight_of_a_quotation_keeps_where_it_was_first_seen_in_its_exports(db_path):
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, MINISTER)
        screen.sidebar.focus()
        screen.sidebar.highlight_index(sidebar_index(screen, CLOSING))
        await pilot.press("h")
        screen.sidebar.highlight_index(sidebar_index(screen, "I understand the anger"))
        await pilot.press("h")
        closing, own = sorted(app.state.highlights(), key=lambda h: h.start)[::-1]
        assert (closing.first_seen_source, closing.first_seen_date) == ("Northern Ledger", "2018-10-03")
        assert own.first_seen == ""  # printed nowhere else
        assert "> *(first seen: Northern Ledger, 2018-10-03)*" in render([closing], "markdown")
        assert json.loads(render([closing], "json"))[0]["first_seen_source"] == "Northern Ledger"
        header, row = render([closing], "csv").splitlines()[:2]
        assert "first_seen_source,first_seen_date" in header and row.endswith("Northern Ledger,2018-10-03")
        await pilot.press("H")
        await pilot.pause(0.2)
        shown = pilot.app.screen.query_one("HighlightList").shown_texts()
        assert any("first seen: Northern Ledger, 2018-10-03" in text for text in shown)


async def test_marks_follow_the_quotations_when_the_reader_hides_one(db_path):
    """The sidebar lists the engine's quotations with the reader's corrections; the grouping knows the counted
    ones: matched by offsets, each mark stays on its own quotation when one before it is hidden."""
    app = sample_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_file(pilot, FIRST)
        assert "+1" in sidebar_prompt(screen, "We cannot staff")
        screen.sidebar.focus()
        screen.sidebar.highlight_index(0)
        hidden_text = screen.quotations(screen.open_article)[0].text
        await pilot.press("x")
        await until(pilot, lambda: not any(f"“{hidden_text[:30]}" in t for t in option_texts(screen.sidebar)),
                    "the hidden quotation leaves the sidebar")
        # the correction is counted in a worker, which reads the marks again
        await until(pilot, lambda: not any(w.group == "recount" and w.is_running for w in app.workers),
                    "the correction is counted")
        assert "+2 ≠ words" in sidebar_prompt(screen, CLOSING)
        assert "+2 ≠ words ≠ speaker" in sidebar_prompt(screen, "We delivered 180")
        view = await provenance_of(pilot, screen, CLOSING)
        assert CLOSING in option_texts(view.occurrence_list)[0]
