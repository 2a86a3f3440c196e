"""The contents sidebar's own keys: j/k and arrows move its cursor, space and Enter jump, Esc and t close."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLES
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.help import HelpScreen
from mdread.faces.tui.toc import TocTree
from readerkit import SIZE, article_rows, reader_app, ready, status_text

POST = SAMPLES / "zh-ml-intro.md"


def section(app: object) -> str:
    return status_text(app).split("  ")[0]  # type: ignore[arg-type]


class TestContentsKeys:
    async def test_j_and_k_move_the_cursor_not_the_article(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("t")
            toc = app.screen.query_one(TocTree)
            before = article_rows(app)
            await pilot.press("j", "j", "j")
            assert toc.cursor_line == 3 and article_rows(app) == before
            await pilot.press("k", "down", "up", "up")
            assert toc.cursor_line == 1 and article_rows(app) == before

    async def test_space_and_enter_jump(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("t", "j", "j", "j", "space")
            assert section(app).endswith("› Python 代码 › 数据准备")
            assert app.screen.query_one(TocTree).has_focus
            await pilot.press("k", "enter")
            assert section(app).endswith("› Python 代码")

    async def test_escape_and_t_close_and_give_the_keys_back(self, tmp_path: Path) -> None:
        for close in ("escape", "t"):
            app = reader_app(POST, tmp_path)
            async with app.run_test(size=SIZE) as pilot:
                await ready(pilot)
                await pilot.press("t")
                toc = app.screen.query_one(TocTree)
                assert toc.has_class("-open")
                await pilot.press(close)
                assert not toc.has_class("-open") and app.screen.query_one(ArticleView).has_focus
                before = article_rows(app)
                await pilot.press("j")
                assert article_rows(app)[0] == before[1]

    async def test_help_lists_the_contents_keys(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            title, rows = app.screen.sections[1]
            assert "contents" in title
            assert dict((desc, keys) for keys, desc in rows) == {
                "Jump  [toc_jump]": "space ⏎", "Move  [toc_down]": "j ↓ k ↑", "Close  [toc_close]": "esc t"}
