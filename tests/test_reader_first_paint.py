"""What the reader leaves until after its first screen still happens: the file is watched, the contents are built."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from mdread.faces.tui.toc import TocTree
from readerkit import SIZE, article_text, reader_app, ready


async def _shows(pilot: Pilot[None], text: str) -> bool:
    for _ in range(100):
        await pilot.pause(0.05)
        if text in article_text(pilot.app):
            return True
    return False


async def test_an_empty_article_is_watched_and_shows_what_is_written_to_it(tmp_path: Path) -> None:
    post = tmp_path / "empty.md"
    post.write_text("", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)
        post.write_text("# Notes\n\nWritten after the reader opened.\n", encoding="utf-8")
        assert await _shows(pilot, "Written after the reader opened.")


async def test_the_contents_opened_after_a_reload_list_the_new_sections(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\n## First\n\nText.\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)
        post.write_text("# Post\n\n## First\n\nText.\n\n## Added later\n\nMore text.\n", encoding="utf-8")
        assert await _shows(pilot, "More text.")
        await pilot.press("t")
        toc = app.screen.query_one(TocTree)
        assert [str(node.label) for node in toc._by_section.values()] == ["1 Post", "1.1 First", "1.2 Added later"]
        await pilot.press("t")
        post.write_text("# Post\n\n## Only\n\nText.\n", encoding="utf-8")
        assert await _shows(pilot, "Only")
        await pilot.press("t")
        assert [str(node.label) for node in toc._by_section.values()] == ["1 Post", "1.1 Only"]
