"""How the reader looks, at a fixed terminal size (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from conftest import SAMPLES
from readerkit import SIZE, reader_app, ready

ZH_POST = SAMPLES / "zh-ml-intro.md"
CUDA_POST = SAMPLES / "cuda-kernels.md"


async def _opened(pilot: Pilot[None]) -> None:
    await ready(pilot)


class TestReaderLook:
    def test_reader_chinese_post(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(reader_app(ZH_POST, tmp_path), terminal_size=SIZE, run_before=_opened)

    def test_code_cursor_and_section(self, snap_compare, tmp_path: Path) -> None:
        pytest.importorskip("PIL", reason="the screen holds a picture, drawn with the images extra (Pillow)")

        async def run_before(pilot: Pilot[None]) -> None:
            await ready(pilot)
            await pilot.press("right_square_bracket", "right_square_bracket", "tab")

        assert snap_compare(reader_app(CUDA_POST, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_toc_open(self, snap_compare, tmp_path: Path) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            await ready(pilot)
            await pilot.press("t")

        assert snap_compare(reader_app(ZH_POST, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_language_picker(self, snap_compare, tmp_path: Path) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            await ready(pilot)
            await pilot.press("tab", "l", *"cu")

        assert snap_compare(reader_app(CUDA_POST, tmp_path), terminal_size=SIZE, run_before=run_before)

    def test_help(self, snap_compare, tmp_path: Path) -> None:
        async def run_before(pilot: Pilot[None]) -> None:
            await ready(pilot)
            await pilot.press("question_mark")

        assert snap_compare(reader_app(ZH_POST, tmp_path), terminal_size=SIZE, run_before=run_before)
