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


MATH = FIXTURES / "render" / "math.md"


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Copies the reader made, captured instead of reaching a clipboard."""
    sent: list[str] = []
    monkeypatch.setattr("mdread.platform.clipboard._system_copy", lambda text: None)
    monkeypatch.setattr("mdread.faces.tui.app.MdreadApp.copy_to_clipboard", lambda self, text: sent.append(text))
    return sent


async def test_reader_draws_math_as_the_pipe_does_and_copies_its_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], copied: list[str]) -> None:
    app = reader_app(MATH, tmp_path)
    async with app.run_test(size=(80, 60)) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.doc_layout is not None
        rows, article_width = article_rows(app), view.doc_layout.ctx.width
        await pilot.press("C")
    assert "  (a+b)² = a² + 2ab + b²" in rows and "         = (2a+2b)²/4" in rows
    assert_shown_in_order(rows, pipe_lines(MATH, article_width, capsys))
    assert len(copied) == 1
    assert "\\begin{aligned}" in copied[0] and "&= \\frac{(2a+2b)^2}{4}" in copied[0]
