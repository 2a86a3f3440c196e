"""The reader draws prose as the pipe does: the same lines at the same width, driven with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from mdread.cli import main
from mdread.faces.tui.article import ArticleView
from readerkit import article_rows, reader_app, ready

CJK = FIXTURES / "render" / "cjk-wrap.md"
CLOSING = "。，、；：？！）》」』】…"


def pipe_lines(post: Path, width: int, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert main(["--print", "--color", "never", "--width", str(width), *extra, str(post)]) == 0
    return capsys.readouterr().out.splitlines()


def assert_shown_in_order(rows: list[str], lines: list[str]) -> None:
    """Every non-blank row of the reader is a line of the pipe's output, in the same order."""
    position = 0
    for row in filter(str.strip, rows):
        position = lines.index(row, position) + 1


@pytest.mark.parametrize("width", [44, 80])
async def test_reader_breaks_chinese_and_japanese_as_the_pipe_does(tmp_path: Path, width: int,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    app = reader_app(CJK, tmp_path)
    async with app.run_test(size=(width, 60)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.doc_layout is not None
        rows, article_width = article_rows(app), view.doc_layout.ctx.width
    lines = pipe_lines(CJK, article_width, capsys)
    assert any("markdown-it" in row for row in rows)
    assert not any(row.lstrip("▌ ")[:1] in CLOSING for row in rows if row.strip())
    assert_shown_in_order(rows, lines)
