"""The reader's word on speakers and quotations: w (why), c (correct), x / X (hide, list hidden), + (add)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from store import State
from tui.app import QuotedeskApp
from tui.dialogs.speaker import SpeakerDialog

from ..conftest import write_article
from .helpers import loaded, make_app, opened, option_texts

TRAINS = """
Night trains return

Asked about the delay, Mira Sand smiled.

“Trains are late everywhere,” she said.

Petter Lund drives the night train.

He said the timetable was fiction.

“Nobody reads it any more.”

The line reopens in May.
"""


@pytest.fixture
def trains(tmp_path: Path) -> Path:
    folder = tmp_path / "trains"
    write_article(folder, "trains.txt", TRAINS)
    return folder


def notices(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def speakers(screen) -> list[str]:
    """The first line of each quotation in the sidebar: speaker, marks and role."""
    return [text.split("\n")[0] for text in option_texts(screen.sidebar)]


async def open_trains(pilot):
    screen = await loaded(pilot)
    await pilot.press("enter")
    await opened(pilot)
    return screen


async def until(pilot, condition, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


def footer_keys(screen) -> set[str]:
    from textual.widgets._footer import FooterKey

    return {key.key for key in screen.query(FooterKey)}


async def dialog(pilot) -> SpeakerDialog:
    await until(pilot, lambda: isinstance(pilot.app.screen, SpeakerDialog), "the speaker dialog")
    await until(pilot, lambda: pilot.app.screen.found, "the suggestions")
    return pilot.app.screen


async def answer(pilot, *keys: str) -> None:
    """Press `keys` in the speaker dialog, and wait until it is gone and its answer applied."""
    await pilot.press(*keys)
    await until(pilot, lambda: not isinstance(pilot.app.screen, SpeakerDialog), "the dialog to close")
    await pilot.pause()


async def test_a_low_confidence_speaker_is_marked_without_colour(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        assert speakers(screen) == ["Mira Sand", "Petter Lund?"]


async def test_w_marks_the_cue_and_the_mention_and_says_how_the_speaker_was_found(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "w")  # the first quotation under the sidebar's cursor
        text = screen.open_article.text
        marks = screen.reader.marks
        assert text[slice(*marks.cue)] == "said" and text[slice(*marks.mention)] == "she"
        assert marks.selected == 0
        assert "“she” → Mira Sand (subject of the previous sentence)" in notices(app)
        spans = [(start, end, str(style)) for start, end, _order, style in screen.reader.body._spans]
        assert (*marks.cue, "italic underline $text-success") in spans
        assert (*marks.mention, "bold underline $text-warning") in spans
        await pilot.press("j")  # another quotation: its evidence is not that one's
        assert screen.reader.marks.cue is None and screen.reader.marks.mention is None


async def test_c_saves_the_readers_speaker_everywhere_and_it_survives_a_restart(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "h")  # a highlight made before the correction
        assert app.state.highlights()[0].speaker == "Mira Sand"
        await pilot.press("c")
        box = await dialog(pilot)
        assert box.people[:2] == ["Mira Sand", "Petter Lund"]  # the article's people are suggested
        await until(pilot, lambda: footer_keys(box) >= {"enter", "ctrl+r", "escape"}, "the dialog's keys in its footer")
        await answer(pilot, *"Petter Lund", "enter")
        assert speakers(screen) == ["▌ Petter Lund ✎", "Petter Lund?"]
        [correction] = app.state.corrections()
        assert (correction.kind, correction.speaker, correction.extracted_speaker) == (
            "speaker", "Petter Lund", "Mira Sand")
        assert app.state.highlights()[0].speaker == "Petter Lund"  # the highlight follows, and so do its exports
        await pilot.press("y")
        assert app.clipboard == "“Trains are late everywhere” — Petter Lund"
        await pilot.press("w")
        assert "Corrected by you: Petter Lund (the engine said: “she” → Mira Sand" in notices(app)
        await pilot.press("q")
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await opened(pilot)  # the last article, opened at start
        assert speakers(screen)[0] == "▌ Petter Lund ✎"


async def test_c_with_an_empty_answer_makes_the_speaker_unknown_and_ctrl_r_returns_to_the_engine(trains: Path,
                                                                                                db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "c")
        await dialog(pilot)
        await answer(pilot, "ctrl+a", "ctrl+k", "enter")  # the field emptied
        assert speakers(screen)[0] == "unattributed ✎"
        assert app.state.corrections()[0].speaker is None
        await pilot.press("c")
        await dialog(pilot)
        await answer(pilot, "ctrl+r")
        assert speakers(screen)[0] == "Mira Sand"
        assert app.state.corrections() == []
        assert "Back to the engine's answer: Mira Sand" in notices(app)


async def test_the_reset_choice_among_the_suggestions(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "j", "c")
        await dialog(pilot)
        await answer(pilot, *"Anna Berg", "enter")
        assert speakers(screen)[1] == "Anna Berg ✎"
        await pilot.press("c")
        box = await dialog(pilot)
        assert str(box.suggestions.get_option_at_index(0).prompt) == "↺ reset: the engine's answer, Petter Lund"
        await answer(pilot, "down", "enter")  # to the suggestions: the first is the reset
        assert speakers(screen)[1] == "Petter Lund?"
        assert app.state.corrections() == []


async def test_choosing_a_suggestion_saves_it(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "c")
        box = await dialog(pilot)
        prompts = lambda: [str(box.suggestions.get_option_at_index(i).prompt)  # noqa: E731
                           for i in range(box.suggestions.option_count)]
        assert prompts()[:3] == ["In this article", "  Mira Sand", "  Petter Lund"]  # nothing typed yet: all
        await pilot.press(*"lund")  # narrows them
        assert prompts() == ["In this article", "  Petter Lund"]
        await answer(pilot, "down", "enter")
        assert speakers(screen)[0] == "Petter Lund ✎"
        await pilot.press("j", "c")
        await dialog(pilot)
        await answer(pilot, "ctrl+r")  # nothing to return to
        assert "Unchanged: that is the engine's answer." in notices(app) and len(app.state.corrections()) == 1


async def test_x_hides_a_quotation_and_X_lists_hidden_ones_so_that_x_restores_them(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "x")
        assert speakers(screen) == ["Petter Lund?"]
        assert screen.sidebar.border_title == "Quotes · 1 · 1 hidden"
        assert len(screen.reader.marks.quotations) == 1
        assert app.state.corrections()[0].kind == "hidden"
        await pilot.press("X")
        assert speakers(screen) == ["✗ hidden · Mira Sand", "Petter Lund?"]
        await pilot.press("g", "x")  # the first, hidden: restored
        assert speakers(screen) == ["Mira Sand", "Petter Lund?"]
        assert app.state.corrections() == []
        await pilot.press("X")
        assert speakers(screen) == ["Mira Sand", "Petter Lund?"]


async def test_plus_adds_the_selection_as_a_quotation_and_asks_its_speaker(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        body = screen.reader.body
        assert body.plain.split("\n")[6] == "He said the timetable was fiction."
        await pilot.mouse_down(body, offset=(8, 6))
        await pilot.hover(body, offset=(32, 6))
        await pilot.mouse_up(body, offset=(32, 6))
        await pilot.press("plus")
        box = await dialog(pilot)
        assert box.subject == "the timetable was fiction"
        await answer(pilot, *"Petter Lund", "enter")
        assert speakers(screen) == ["Mira Sand", "Petter Lund ✎ · added", "Petter Lund?"]
        [added] = app.state.corrections()
        assert (added.kind, added.text, added.speaker) == ("added", "the timetable was fiction", "Petter Lund")
        assert [q.text for q in screen.reader.marks.quotations][1] == "the timetable was fiction"
        await pilot.press("tab", "tab", "j", "w")
        assert "Added by you: Petter Lund" in notices(app)


async def test_plus_on_a_listed_quotation_says_what_to_do_instead(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        body = screen.reader.body
        await pilot.mouse_down(body, offset=(2, 2))
        await pilot.mouse_up(body, offset=(10, 2))
        await pilot.press("plus")
        assert not isinstance(app.screen, SpeakerDialog)
        assert "part of a listed quotation (Mira Sand): c corrects its speaker" in notices(app)


async def test_a_read_only_state_applies_corrections_but_says_they_are_not_saved(trains: Path, db_path: Path):
    State(db_path).close()
    app = QuotedeskApp([trains], State(db_path, read_only=True))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "x")
        assert speakers(screen) == ["Petter Lund?"]
        assert "read-only: not saved" in notices(app)
    assert State.for_reading(db_path).corrections() == []


async def test_corrections_follow_the_file_when_it_changes_and_detached_ones_are_shown(trains: Path, db_path: Path):
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        await pilot.press("tab", "tab", "c")
        await dialog(pilot)
        await answer(pilot, *"Anna Berg", "enter")
        await pilot.press("j", "x")
        path = trains / "trains.txt"
        path.write_text(path.read_text().replace("Asked about", "Asked again about").replace(
            "“Nobody reads it any more.”", "Nobody reads it."))
        await pilot.press("shift+tab", "shift+tab", "enter")  # the list: open it again
        await opened(pilot)
        assert "Asked again" in screen.open_article.text
        assert speakers(screen) == ["Anna Berg ✎", "detached · hidden"]
        assert screen.sidebar.border_title == "Quotes · 1"
        hidden = next(c for c in app.state.corrections() if c.kind == "hidden")
        assert hidden.detached and hidden.text == "Nobody reads it any more."


async def test_a_hostile_speaker_in_a_hand_edited_state_is_shown_as_plain_text(trains: Path, db_path: Path):
    from store import extract_quotations, load_article
    from store.corrections import apply_corrections, speaker_correction

    article = load_article(trains / "trains.txt")
    first = apply_corrections(article.text, extract_quotations(article.text), [])[0]
    state = State(db_path)
    state.save_correction(replace(speaker_correction(article, first, "x"), speaker="\x1b]0;owned\x07[bold]Eve\x1b[2J"))
    state.close()
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_trains(pilot)
        assert speakers(screen)[0] == "[bold]Eve ✎"
        await pilot.press("tab", "tab", "w")
        assert "\x1b" not in notices(app) and "[bold]Eve" in notices(app)


async def test_X_before_an_article_is_open_speaks_of_no_article(trains: Path, db_path: Path):
    """With nothing open, X said "none in this article"."""
    app = make_app([trains], db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.open_article is None
        await pilot.press("X")
        await pilot.pause()
        said = [notification.message for notification in app._notifications]
        assert said and not any("this article" in text for text in said)
        assert any("will be listed" in text for text in said)


async def test_the_speaker_dialogs_keys_stay_in_sight_in_a_terminal_of_24_rows(tmp_path: Path, db_path: Path):
    """With a dozen people to suggest, the suggestions pushed the keys out of the dialog at 80x24; and in a tall
    terminal the dialog is no taller than what it holds."""
    names = ["Mira Sand", "Petter Lund", "Ola Berg", "Ada Novak", "Ben Haugen", "Kari Dahl", "Lars Moe", "Eva Lie",
             "Nils Bakke", "Siri Vik", "Tor Holm", "Une Rud"]
    paragraphs = [f"“The line reopens in May {n},” said {name}." for n, name in enumerate(names)]
    write_article(tmp_path / "news", "trains.txt", "Night trains return\n\n" + "\n\n".join(paragraphs) + "\n")
    for size in ((80, 24), (140, 45)):
        app = make_app([tmp_path / "news"], db_path)
        async with app.run_test(size=size) as pilot:
            screen = await open_trains(pilot)
            await pilot.press("tab", "tab" if screen.sidebar.display else "quotation_mark")
            await until(pilot, lambda: screen.sidebar.has_focus, "the sidebar")
            await pilot.press("c")
            screen = await dialog(pilot)
            await until(pilot, lambda: len(screen.suggestions.options) > len(names), "every name suggested")
            await pilot.pause()
            box, hint = screen.query_one(".dialog"), screen.query_one(".dialog-hint")
            assert box.content_region.contains_region(hint.region), (size, box.content_region, hint.region)
            assert box.content_region.bottom == hint.region.bottom, size  # and no empty rows under them
            await pilot.press("escape")


async def test_the_speaker_dialogs_keys_break_between_keys_never_inside_one(trains: Path, db_path: Path):
    """At 80 columns its hint took two lines, "ctrl+r" ending one and "engine's answer" beginning the next."""
    from textual.geometry import Region

    app = make_app([trains], db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_trains(pilot)
        await pilot.press("quotation_mark", "c")
        screen = await dialog(pilot)
        await pilot.pause()
        hint = screen.query_one(".dialog-hint")
        strips = hint.render_lines(Region(0, 0, hint.size.width, hint.size.height))
        lines = ["".join(segment.text for segment in strip).strip() for strip in strips]
        assert len(lines) == 2
        for pair in ("enter save", "empty unknown", "↓ suggestions", "ctrl+r engine's answer", "esc cancel"):
            assert any(pair in line for line in lines), (pair, lines)
