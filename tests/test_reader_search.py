"""Search in the reader: it wraps around with a notice, counts the matches, and says when a word is absent."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from conftest import SAMPLES
from mdread.faces.tui.article import ArticleView
from readerkit import SIZE, reader_app, ready, settled, status_text

POST = SAMPLES / "zh-ml-intro.md"


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def search(pilot: Pilot[None], word: str) -> None:
    await pilot.press("slash", *word, "enter")
    await settled(pilot)


class TestSearch:
    async def test_counts_matches_as_n_of_total(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await search(pilot, "sklearn")
            assert "'sklearn' 1/2" in status_text(app)
            await pilot.press("n")
            await settled(pilot)
            assert "'sklearn' 2/2" in status_text(app)

    async def test_wraps_to_the_top_and_back_with_a_notice(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await search(pilot, "sklearn")
            view = app.screen.query_one(ArticleView)
            first = view.scroll_y
            await pilot.press("n", "n")
            await settled(pilot)
            assert view.scroll_y == first and "'sklearn' 1/2" in status_text(app)
            assert "Search wrapped to the top" in notices(app)
            await pilot.press("N")
            await settled(pilot)
            assert "'sklearn' 2/2" in status_text(app)
            assert "Search wrapped to the bottom" in notices(app)

    async def test_an_absent_word_is_not_found(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            view = app.screen.query_one(ArticleView)
            await search(pilot, "zebra")
            assert view.scroll_y == 0 and "'zebra' not found" in notices(app)
            assert "zebra" not in status_text(app)
            assert not any("No more" in n for n in notices(app))

    async def test_a_new_word_counts_afresh(self, tmp_path: Path) -> None:
        app = reader_app(POST, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await search(pilot, "sklearn")
            await pilot.press("escape")
            await search(pilot, "numpy")
            assert "'numpy' 1/" in status_text(app) and "sklearn" not in status_text(app)
