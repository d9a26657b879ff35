from __future__ import annotations

import stat
from pathlib import Path

from store import State
from tui.app import QuotedeskApp
from tui.screens.main import MainScreen


def make_app(paths: list[Path], db_path: Path) -> QuotedeskApp:
    return QuotedeskApp(paths, State(db_path))


async def loaded(pilot) -> MainScreen:
    """Wait until the corpus is in the list (read in worker processes: slow on a loaded machine) and the screen is
    whole (the reader and the other panes are mounted just after the list is first painted)."""
    for _ in range(1500):
        await pilot.pause(0.02)
        screen = pilot.app.screen
        if isinstance(screen, MainScreen) and screen.article_list.row_count and screen.query("Footer"):
            await pilot.pause()
            return screen
    raise AssertionError("the corpus never loaded")


async def opened(pilot) -> MainScreen:
    """Wait until the article asked for last is shown (or refused): articles are read in a worker."""
    screen = pilot.app.main_screen
    for _ in range(1500):
        if screen.opening is None:
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise AssertionError("the article was never shown")


def shown_text(widget) -> str:
    """The plain text a widget shows."""
    return widget.plain if hasattr(widget, "plain") else str(widget.render())


def option_texts(option_list) -> list[str]:
    if hasattr(option_list, "shown_texts"):
        return option_list.shown_texts()
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


def row_texts(article_list) -> list[str]:
    return [article_list.row_text(i) for i in range(article_list.row_count)]


async def indexed(pilot):
    """Wait until the corpus is listed and its background indexing has finished."""
    screen = await loaded(pilot)
    while screen.indexing:
        await pilot.pause(0.05)
    return screen


def recorder(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A program that writes the arguments it was given, as JSON, to a file: (script, log)."""
    log = tmp_path / f"{name}.json"
    script = tmp_path / f"{name}.py"
    # written whole, then renamed: the log exists only once it can be read
    script.write_text(f"import json, os, sys\njson.dump(sys.argv[1:], open({str(log)!r} + '.tmp', 'w'))\n"
                      f"os.replace({str(log)!r} + '.tmp', {str(log)!r})\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, log


async def until(pilot, condition, what: str) -> None:
    """Wait until `condition()` holds (a loaded machine may take seconds); fail saying `what` never happened."""
    for _ in range(1500):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def settled(pilot) -> None:
    """Wait until every worker started so far has finished and what it posted is handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def palette_options(app) -> int:
    """How many commands the open command palette lists (0 when it is not open)."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    return screen.query_one(CommandList).option_count if isinstance(screen, CommandPalette) else 0
