"""The Textual application: global bindings, configuration, theme and commands.

Only what the first screen shows is imported before it is painted: the other screens, the dialogs and the
palette's providers are imported when first used."""
from __future__ import annotations

import asyncio
import difflib
import gc
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.content import Content
from textual.notifications import Notify
from textual.screen import Screen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from store import State
from store.config import Config
from store.text import printable, web_address

from .callback_counts import count_parameters_once
from .collector import QuietCollector
from .colours import APP_VARIABLE_DEFAULTS, readable_variables, terminal_coloured
from .corpus import Corpus
from .format import plural
from .partial_frames import draw_only_updated_lines
from .screens.main import MainScreen
from .strip_cycles import break_strip_cycles
from .workers import ReportsFailures, background

if TYPE_CHECKING:
    from store.sources.feed_download import Fetched

break_strip_cycles()  # before anything is drawn
draw_only_updated_lines()
count_parameters_once()

THEME_SETTING = "theme"


def article_commands() -> type[Provider]:
    from .commands import ArticleCommands

    return ArticleCommands


def speaker_commands() -> type[Provider]:
    from .commands import SpeakerCommands

    return SpeakerCommands


class QuotedeskApp(ReportsFailures, App[None]):
    TITLE = "quotedesk"
    SUB_TITLE = "who said what"
    # (every screen's and dialog's too, read as the app starts: read at a screen's first push, they would have the
    # whole stylesheet parsed again and every widget of the app styled again, as long as the rest of the push)
    CSS_PATH = ["panes.tcss", "app.tcss", "screens/highlights.tcss", "screens/speakers.tcss", "screens/provenance.tcss",
                "dialogs/dialogs.tcss"]
    COMMANDS = App.COMMANDS | {article_commands, speaker_commands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, paths: list[Path], state: State, config: Config | None = None, *,
                 feeds: list[str] = ()) -> None:
        """`feeds`: URLs to download once the window is up; their cached files are among `paths`."""
        super().__init__()
        self.corpus = Corpus(paths, owner=self)
        self.state = state
        self.config = config or Config()
        self.feeds = list(feeds)
        # Keys and pastes that arrive before the main screen has mounted what its first paint left out wait
        # for it, in order (`main_screen_ready`): none acts on a pane that is not there yet, none is lost.
        self._held_input: list[events.Event] | None = []
        self._collector = QuietCollector(self)  # full garbage collections wait for a quiet moment
        self.quitting = False  # `q` was pressed: the app is on its way out
        # Themes whose colours are the terminal's own cannot be measured, so their contrast cannot be promised.
        for name, theme in list(self.available_themes.items()):
            if terminal_coloured(theme):
                self.unregister_theme(name)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(APP_VARIABLE_DEFAULTS)

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        variables |= readable_variables(variables)
        self.theme_variables = variables
        return variables

    def get_default_screen(self) -> Screen:
        # The first screen, composed as the app starts: a screen pushed from `on_mount` would be laid out and
        # drawn once in vain before Textual's first frame.
        return MainScreen(self.corpus, self.state, mark_read_on_open=self.config.mark_read_on_open)

    async def on_event(self, event: events.Event) -> None:
        if self.quitting and isinstance(event, events.InputEvent):
            return  # keys typed on the heels of `q` would open a view or start the editor as the app goes away
        if self._held_input is not None and isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._held_input.append(event)
            return
        await super().on_event(event)

    def main_screen_ready(self) -> None:
        """The main screen is whole (just after its first paint): handle the keys held since the launch, in the
        app's own turn (after the keys that came before this call, before those after it), then every key as it
        comes; and collect garbage again (the launch stops it: `tui.cli.run_reader`)."""
        # What the launch made lives as long as the app: no collection needs to go through it again (a full one
        # went through it all, a tenth of a second, as a long article was opened).
        gc.freeze()
        gc.enable()
        self._collector.start()

        async def release() -> None:
            held, self._held_input = self._held_input, None
            for event in held or ():
                if not self.quitting:
                    await super(QuotedeskApp, self).on_event(event)

        self.call_later(release)

    def on_mount(self) -> None:
        self._apply_config()
        self.theme_changed_signal.subscribe(self, lambda theme: self.state.set_setting(THEME_SETTING, theme.name))
        for warning in self.state.warnings:
            self.notify(printable(warning), title="State", severity="warning", markup=False, timeout=15)
        self.state.on_problem = self._state_problem
        self._show_read_only()
        for url in self.feeds:
            self.call_after_refresh(self.download_feed, url)

    def _state_problem(self, message: str) -> None:
        """A state write that failed (the app goes on read-only) or a database edited behind our back."""
        self.notify(printable(message), title="State", severity="error", markup=False, timeout=30)
        self._show_read_only()

    def _show_read_only(self) -> None:
        # Said once in a notification; every screen's header says it for as long as it holds (`format_title`).
        if self.read_only:
            for screen in self.screen_stack:
                for header in screen.query(Header):
                    header.query_one(HeaderTitle).update(header.format_title())

    @property
    def read_only(self) -> bool:
        """Changes are not saved: another quotedesk holds the database, or a write failed."""
        return self.state.read_only and self.state.path is not None

    def format_title(self, title: str, sub_title: str) -> Content:
        parts: list[str | tuple[str, str] | Content] = [Content(title)]
        if sub_title:
            parts += [" — ", Content(sub_title)]
        if self.read_only:
            parts += ["  ", (" read-only: changes are not saved ", "bold $text-warning on $warning-muted")]
        return Content.assemble(*parts)

    @background("Downloading a feed", group="feeds")
    def download_feed(self, url: str) -> None:
        """Feeds are downloaded in parallel once the window is up; the list fills in as each arrives."""
        from store.sources.feed_download import fetch_feed

        self.call_from_thread(self._feed_downloaded, fetch_feed(url))

    def _feed_downloaded(self, fetched: Fetched) -> None:
        if fetched.notice:
            self.notify(printable(fetched.notice), title="Feeds", severity="warning", markup=False, timeout=15)
        main = self.main_screen
        if fetched.changed and main is not None:
            main.load()  # read the new copy: the list fills in

    def _apply_config(self) -> None:
        config = self.config
        problems = list(config.problems)
        # A theme chosen in the app is remembered and wins over the config file's default.
        remembered = self.state.setting(THEME_SETTING)
        for name in (remembered, config.theme):
            if isinstance(name, str) and name in self.available_themes:
                self.theme = name
                break
        if config.theme and config.theme not in self.available_themes:
            nearest = difflib.get_close_matches(config.theme, list(self.available_themes), n=1, cutoff=0.5)
            guess = f"did you mean {nearest[0]!r}?" if nearest else "ctrl+p, then \"theme\", lists the themes"
            problems.append(f"{config.where('theme')}: unknown theme {config.theme!r}; {guess}")
        keymap: dict[str, str] = {}
        if config.keys:  # knowing every binding id means importing every screen: only when remapping
            from .bindings import configured_keymap

            keymap, key_problems = configured_keymap(type(self), config)
            problems += key_problems
        self.set_keymap(keymap)
        if problems:  # one notice that lists them all, each with its line
            count = plural(len(problems), "problem")
            self.notify("\n".join(printable(p) for p in problems), title=f"Configuration: {count}",
                        severity="warning", markup=False, timeout=20)

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main_screen
        if main is not None and screen is main:  # ours first: the palette opens on them
            yield from self._main_commands(main)
        else:
            yield SystemCommand("Keys", "Every binding (?)", self.action_help)
        # Textual's "Keys" opens a side panel that squeezes the panes and lists keys that do nothing here;
        # ours, the help screen, lists every binding.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")

    def _main_commands(self, main: MainScreen) -> Iterable[SystemCommand]:
        for title, help_text, action in (
            ("Search", "Search the corpus (/)", main.action_search),
            ("Highlights", "Every highlight in the corpus, with export (H)", main.action_highlights),
            ("Speakers", "Who is quoted across the corpus, with charts (s)", main.action_speakers),
            ("Provenance", "Where else the quotation was printed, and how it changed (p)", main.action_provenance),
            ("Changed quotations", "Quotations reworded or given to another speaker, corpus-wide", main.action_changed_quotations),
            ("Toggle read", "Mark the article read or unread (u)", main.action_toggle_read),
            ("Next article", "Open the next article (])", main.action_next_article),
            ("Previous article", "Open the previous article ([)", main.action_previous_article),
            ("Open the article's URL", "In the web browser (o)", main.action_open_url),
            ("Edit the article file", "In $EDITOR (e)", main.action_edit),
            ("Next unread article", "Open the next unread article of the list (.)", main.action_next_unread),
            ("Mark all listed read", "Every article in the list, after asking (A)", main.action_mark_all_read),
            ("Sort the list", "By date, by source, most quoted first (S)", main.action_cycle_sort),
            ("Show / hide the article list", "The reader takes its width (l)", main.action_toggle_list),
            ("Show / hide the quote sidebar", "Hidden at first below 120 columns (\")", main.action_toggle_quotes),
            ("Zoom the pane", "The focused pane takes the whole width, and back (z)", main.action_zoom),
            ("Keys", "Every binding (?)", self.action_help),
        ):
            yield SystemCommand(title, help_text, action)

    def on_notify(self, event: Notify) -> None:
        """A notice given again while it is still shown replaces the earlier one (and starts its time again): a key
        pressed three times shows one notice, not three alike. Runs before Textual adds the new one."""
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title, shown.severity, shown.markup) == (new.message, new.title, new.severity,
                                                                              new.markup):
                self._unnotify(shown, refresh=False)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Links clicked in the app open through the argument-list launcher, and only http(s) addresses."""
        from .launch import open_in_browser

        if web_address(url) is None:
            self.notify(f"Not opened: only http and https addresses go to the browser ({printable(url)}).",
                        severity="warning", markup=False)
        elif not open_in_browser(url):
            self.notify(f"Could not start a web browser for {printable(url)}", severity="error", markup=False)

    def action_help(self) -> None:
        """The keys of the app and of the screen on top, as it lists them (`help_entries`); a dialog's, the main
        screen's."""
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        shown = self.screen if hasattr(self.screen, "help_entries") else self.main_screen
        self.push_screen(HelpScreen([("Everywhere", self), *(shown.help_entries() if shown is not None else [])]))

    async def action_quit(self) -> None:
        self.quitting = True
        main = self.main_screen
        if main is not None:
            main.save_position()
        self.exit()

    def on_unmount(self) -> None:
        self._collector.stop()
        gc.unfreeze()
        self.state.close()


def run_until_quit(app: QuotedeskApp) -> int:
    """Run the app until the user quits, and return at once then. `App.run` would wait for every worker thread
    to end (asyncio's default executor is joined on the way out), and a thread deep in C code, parsing a huge
    page, cannot be interrupted: the state is saved and closed by then, so the process ends without it."""
    loop = asyncio.new_event_loop()
    try:
        app.run(loop=loop)
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()  # its executor is shut down without waiting
    status = app.return_code or 0
    if any(thread.is_alive() and not thread.daemon for thread in threading.enumerate()
           if thread is not threading.main_thread()):
        from store.files import settle_writes

        settle_writes(timeout=2.0)  # an export under way ends whole, or leaves no temp file behind
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
