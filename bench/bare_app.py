"""The baseline for launch time: a bare Textual app that paints one line. Run as a script by `bench.pty_app`."""
from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "bare textual app ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(TEXT)


if __name__ == "__main__":
    BareApp().run()
