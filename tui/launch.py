"""Starting other programs (a browser, the user's editor): always with an argument list, never a shell,
so that no file name or URL from an article can be run as a command, and never with an argument that starts with
"-", so that none can be taken for an option."""
from __future__ import annotations

import os
import shlex
import subprocess
import webbrowser

from store.text import web_address

DEFAULT_EDITOR = "vi"


def editor_command(path: str) -> list[str]:
    """`$VISUAL` or `$EDITOR` (which may carry options, e.g. "code --wait"), then the file as one argument,
    absolute (a file named "-c…" must not become an option)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or DEFAULT_EDITOR
    return [*shlex.split(editor), os.path.abspath(path)]


def run_editor(path: str) -> int:
    return subprocess.run(editor_command(path), check=False).returncode


def open_in_browser(url: str) -> bool:
    """`$BROWSER` (split into arguments) when set, else the platform's default browser. Only an http(s) address
    is ever handed over (`store.text.web_address`): False, and nothing started, for anything else."""
    url = web_address(url)
    if url is None:
        return False
    browser = os.environ.get("BROWSER")
    if browser:
        try:
            subprocess.Popen([*shlex.split(browser), url], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError:
            return False
        return True
    return webbrowser.open(url)
