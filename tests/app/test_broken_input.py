"""Files that go wrong while quotedesk runs, odd corpora, and the mouse."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from store import State
from tui.app import QuotedeskApp

from ..conftest import write_article
from .helpers import loaded, opened, recorder, row_texts, shown_text


def notices(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_a_file_deleted_while_running_is_reported_when_opened(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        (corpus / "essay.md").unlink()  # the newest article
        await pilot.press("enter")
        await opened(pilot)
        assert screen.open_article is None
        assert "essay.md" in notices(app) and "No such file" in notices(app)
        await pilot.press("j", "enter")  # the others still open
        await opened(pilot)
        assert screen.open_article.title.startswith("The harbour board")


async def test_a_file_changed_while_running_shows_its_new_text(corpus: Path, db_path: Path):
    app = QuotedeskApp([corpus], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        harbour = corpus / "wire" / "harbour.txt"
        harbour.write_text(harbour.read_text().replace("Critics were unconvinced.", "Critics were furious."))
        await pilot.press("j", "enter")
        await opened(pilot)
        assert "Critics were furious." in shown_text(screen.reader.body)
        assert "changed on disk" in notices(app)


async def test_a_folder_without_articles_says_so(tmp_path: Path, db_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.json").write_text("{}")
    app = QuotedeskApp([tmp_path / "empty"], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if "No articles found" in notices(app):
                break
        assert "No articles found" in notices(app)
        await pilot.press("enter", "j", "u", "h", "n", "question_mark")  # nothing to act on: no crash
        assert app.is_running


async def test_a_huge_file_is_skipped_with_its_size(tmp_path: Path, db_path: Path):
    folder = tmp_path / "c"
    write_article(folder, "ok.txt", "A fine story\n\nWith a body.\n")
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse: costs no disk)
    app = QuotedeskApp([folder], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        for _ in range(100):
            if screen.article_list.border_subtitle:
                break
            await pilot.pause(0.02)
        assert [r.split("\n")[0] for r in row_texts(screen.article_list)] == ["● A fine story"]
        assert screen.article_list.border_subtitle == "1 skipped"
        assert "huge.txt" in notices(app) and "50 MB" in notices(app)


async def test_clicking_a_row_opens_it_and_clicking_the_url_opens_the_browser(tmp_path: Path, db_path: Path,
                                                                            monkeypatch):
    folder = tmp_path / "c"
    url = "https://example.org/story"
    write_article(folder, "a.md", f"---\ntitle: Linked story\ndate: 2024-01-02\nurl: {url}\n---\n\nBody.\n")
    write_article(folder, "b.md", "---\ntitle: Older story\ndate: 2023-01-02\n---\n\nBody.\n")
    script, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {script}")
    app = QuotedeskApp([folder], State(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.click(screen.article_list, offset=(5, 3))  # the second row, under the top border
        await opened(pilot)
        assert screen.open_article.title == "Older story"
        await pilot.click(screen.article_list, offset=(5, 1))
        await opened(pilot)
        assert screen.open_article.title == "Linked story"
        await pilot.click("#reader-header", offset=(3, 2))  # the URL line
        for _ in range(50):
            if log.exists():
                break
            await pilot.pause(0.05)
        assert json.loads(log.read_text()) == [url]
