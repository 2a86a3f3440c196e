"""How a post with a picture looks in the reader (pytest-textual-snapshot)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from conftest import SAMPLES
from mdread.platform.config import Config
from readerkit import SIZE, article_text, reader_app, ready
from test_reader_pictures import until

FLAME_POST = SAMPLES / "reading-flame-graphs.md"


def test_reader_draws_the_picture_in_half_blocks(snap_compare, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        await until(pilot, lambda: "▀▀▀" in article_text(pilot.app))

    app = reader_app(FLAME_POST, tmp_path, Config(images="blocks"))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
