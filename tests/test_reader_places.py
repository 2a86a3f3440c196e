"""Keys that move from the reader's place: Tab and Shift+Tab start from the top of the view."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.navigation import code_target
from readerkit import article_text, reader_app, ready

FENCE = "`" * 3


def code_post(folder: Path, blocks: int = 12) -> Path:
    """A post with ``blocks`` short code blocks, each after a few paragraphs, so a screen holds two or three."""
    parts = ["# Many blocks\n"]
    for i in range(1, blocks + 1):
        parts.append(f"## Step {i}\n\n" + "Some words about this step.\n\n" * 4)
        parts.append(f"{FENCE}sh\necho step {i}\n{FENCE}\n")
    post = folder / "blocks.md"
    post.write_text("\n".join(parts), encoding="utf-8")
    return post


@pytest.mark.parametrize(("owners", "focused", "visible", "step", "expected"), [
    ((3, 8, 20), None, range(0, 5), 1, 1),       # first block on screen
    ((3, 8, 20), None, range(0, 5), -1, 1),
    ((3, 8, 20), 3, range(0, 5), 1, 1),          # cursor out of sight: ignored
    ((3, 8, 20), None, range(9, 15), 1, 3),      # none on screen: next below
    ((3, 8, 20), None, range(9, 15), -1, 2),     # ... or the one above
    ((3, 8, 20), 2, range(6, 12), 1, 3),         # cursor on screen moves on
    ((3, 8, 20), 2, range(6, 12), -1, 1),
    ((3, 8, 20), None, range(21, 30), 1, None),  # nothing below
    ((3, 8, 20), None, range(0, 2), -1, None),   # nothing above
    ((3, 3, 8), None, range(3, 4), 1, 1),        # two blocks in one list: the first
])
def test_code_target(owners: tuple[int, ...], focused: int | None, visible: range, step: int,
                     expected: int | None) -> None:
    assert code_target(owners, focused, visible, step) == expected


async def test_tab_after_g_lands_on_the_first_block_without_scrolling(tmp_path: Path) -> None:
    app = reader_app(code_post(tmp_path), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press(*["tab"] * 6)
        assert screen.view_state.focused_code == 6
        await pilot.press("g", "tab")
        view = screen.query_one(ArticleView)
        assert screen.view_state.focused_code == 1 and view.scroll_y == 0
        assert "echo step 1" in article_text(app)


async def test_tab_after_scrolling_starts_from_the_view(tmp_path: Path) -> None:
    app = reader_app(code_post(tmp_path), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        await pilot.press(*["space"] * 5)
        view = screen.query_one(ArticleView)
        top = view.scroll_y
        await pilot.press("tab")
        focused = screen.view_state.focused_code
        assert focused is not None and focused > 1
        assert f"echo step {focused}" in article_text(app)
        assert view.scroll_y == top, "a block on screen is taken where it is"


async def test_tab_at_the_end_says_there_is_no_more(tmp_path: Path) -> None:
    app = reader_app(code_post(tmp_path), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab", "G")
        view = screen.query_one(ArticleView)
        bottom = view.scroll_y
        await pilot.press("tab")
        assert screen.view_state.focused_code == 11 and view.scroll_y == bottom, "the first block on screen"
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert screen.view_state.focused_code == 12
        assert view.scroll_y == bottom
        assert any("No more code blocks below" in n.message for n in app._notifications)


async def test_a_block_cut_at_the_bottom_comes_up_only_as_far_as_it_must(tmp_path: Path) -> None:
    post = tmp_path / "cut.md"
    post.write_text("# Title\n\n" + "A line of prose.\n\n" * 8 + f"{FENCE}sh\none\ntwo\nthree\n{FENCE}\n\nAfter.\n",
                    encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        view = screen.query_one(ArticleView)
        rows = article_text(app).splitlines()
        assert "sh · 1" in "\n".join(rows) and not any("╰" in row for row in rows), "the block is cut at the bottom"
        await pilot.press("tab")
        rows = article_text(app).splitlines()
        assert screen.view_state.focused_code == 1
        assert view.scroll_y == 4, "up by the four rows the block needed, not to the top"
        assert rows[-1].startswith("╰") and rows.count("A line of prose.") == 8
