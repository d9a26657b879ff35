"""The Textual application: global bindings and screens."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from store import State

from .screens.help import HelpScreen
from .screens.highlights import HighlightList, HighlightsScreen
from .screens.main import MainScreen


class QuotedeskApp(App[None]):
    TITLE = "quotedesk"
    SUB_TITLE = "who said what"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, paths: list[Path], state: State) -> None:
        super().__init__()
        self.paths = paths
        self.state = state

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.paths, self.state))
        for warning in self.state.warnings:
            self.notify(warning, title="State", severity="warning", markup=False, timeout=15)

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        main = self.main_screen
        nodes = [("Everywhere", self)]
        if isinstance(self.screen, HighlightsScreen):
            nodes += [("Highlights", self.screen), ("Highlight list", self.screen.query_one(HighlightList))]
        elif main is not None:
            nodes += [
                ("Main screen", main),
                ("Article list", main.article_list),
                ("Reader", main.reader),
                ("Quote sidebar", main.sidebar),
            ]
        self.push_screen(HelpScreen(nodes))

    async def action_quit(self) -> None:
        main = self.main_screen
        if main is not None:
            main.save_position()
        self.exit()

    def on_unmount(self) -> None:
        self.state.close()
