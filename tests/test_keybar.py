"""The key bar fits any width from 60 columns: most useful keys first, Help and Quit always; the chrome is lean."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from conftest import SAMPLES
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.keybar import Key, KeyBar, fit
from readerkit import reader_app, ready

POST = SAMPLES / "cuda-kernels.md"


def bar_text(app: object) -> str:
    bar = app.screen.query_one(KeyBar)  # type: ignore[attr-defined]
    return bar.render().plain


def test_fit_keeps_order_skips_what_does_not_fit_and_pins() -> None:
    keys = [Key("a", "a", "Alpha"), Key("b", "b", "A long label here"), Key("c", "c", "Gamma")]
    pinned = [Key("?", "?", "Help"), Key("q", "q", "Quit")]
    assert [k.key for k in fit(keys, pinned, 80)] == ["a", "b", "c", "?", "q"]
    assert [k.key for k in fit(keys, pinned, 32)] == ["a", "c", "?", "q"]
    assert [k.key for k in fit(keys, pinned, 5)] == ["?", "q"]


class TestReaderKeyBar:
    @pytest.mark.parametrize(("width", "shown", "left_out"), [
        (60, ["tab Next code", "t Contents", "/ Search"], ["] Next section", "Langu"]),
        (80, ["tab Next code", "t Contents", "/ Search", "] Next section", "c Copy"], ["l Language"]),
        (120, ["tab Next code", "] Next section", "c Copy", "l Language", "o Links"], []),
    ])
    async def test_help_and_quit_at_every_width(self, tmp_path: Path, width: int, shown: list[str],
                                                left_out: list[str]) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=(width, 24)) as pilot:
            await ready(pilot)
            text = bar_text(app)
            assert text.rstrip().endswith("? Help  q Quit") and len(text) <= width
            assert all(label in text for label in shown), text
            assert not any(label in text for label in left_out), text

    async def test_contents_keys_come_first_while_it_has_focus(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            await pilot.press("t")
            await pilot.pause()
            assert bar_text(app).startswith("j/k Move  ⏎ Jump  esc Close")
            await pilot.press("escape")
            await pilot.pause()
            assert bar_text(app).startswith("tab Next code")

    async def test_clicking_a_key_presses_it(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await ready(pilot)
            bar = screen.query_one(KeyBar)
            await pilot.click(KeyBar, offset=(3, 0))
            await pilot.pause()
            assert screen.view_state.focused_code == 1, bar.render().plain


class TestLeanChrome:
    async def test_80_by_24_leaves_21_rows_for_text(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await ready(pilot)
            assert screen.query_one(ArticleView).size.height == 21
            header = str(screen.query_one("#header").render())
            assert "Writing Your First CUDA Kernels" in header and "\n" not in header

    async def test_a_tall_terminal_shows_tags_and_description(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await ready(pilot)
            header = str(screen.query_one("#header").render())
            assert "\n#cuda" in header and "Thread indexing, launch configuration" in header
            await pilot.resize_terminal(120, 24)
            await pilot.pause()
            assert "\n" not in str(screen.query_one("#header").render())


async def _opened(pilot: Pilot[None]) -> None:
    await ready(pilot)


class TestKeyBarLook:
    @pytest.mark.parametrize("width", [60, 80, 120])
    def test_reader_at_width(self, snap_compare, tmp_path: Path, width: int) -> None:
        assert snap_compare(reader_app(POST, tmp_path), terminal_size=(width, 24), run_before=_opened)
