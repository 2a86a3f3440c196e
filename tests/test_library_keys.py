"""The library as a new user drives it: reader keys in the list, categories like tags, a preview, a lean layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from library_corpus import write_library
from mdread.faces.tui.keybar import KeyBar
from mdread.faces.tui.postlist import PostList
from mdread.faces.tui.taglist import TagList
from mdread.library.index import Library
from test_library_tui import TITLES, LibraryApp, settled, titles


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return write_library(tmp_path / "lib")


def cursor_title(app: LibraryApp) -> str:
    current = app.screen.query_one(PostList).current
    assert current is not None
    return current.title


def preview_text(app: LibraryApp) -> str:
    return str(app.screen.query_one("#preview", Static).render())


class TestListKeys:
    async def test_j_k_g_and_G_move_as_in_the_reader(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(120, 40)) as pilot:
            await settled(pilot)
            await pilot.press("j", "j")
            assert cursor_title(app) == TITLES[2]
            await pilot.press("k")
            assert cursor_title(app) == TITLES[1]
            await pilot.press("G")
            assert cursor_title(app) == TITLES[-1]
            await pilot.press("g")
            assert cursor_title(app) == TITLES[0]
            await pilot.press("space")
            assert cursor_title(app) == TITLES[-1], "a page down past the end stops on the last post"

    async def test_G_reaches_the_end_of_a_long_list(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))
        folder = tmp_path / "many"
        folder.mkdir()
        for i in range(600):
            (folder / f"post-{i:03}.md").write_text(f"---\ntitle: Post {i:03}\n---\nText.\n", encoding="utf-8")
        app = LibraryApp(Library([str(folder)]))
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            await pilot.press("s", "G")
            posts = app.screen.query_one(PostList)
            assert cursor_title(app) == "Post 599" and posts.scroll_y == posts.max_scroll_y
            assert "Post 599" in posts.render_line(posts.size.height - 1).text

    async def test_slash_filters_and_enter_returns_to_the_list(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(120, 40)) as pilot:
            await settled(pilot)
            await pilot.press("slash")
            assert isinstance(app.focused, Input)
            await pilot.press(*"tokio", "enter")
            await settled(pilot)
            assert titles(app) == ["Async Rust in Practice"] and isinstance(app.focused, PostList)
            await pilot.press("enter")
            await pilot.pause()
            assert app.opened == [lib / "2024" / "rust-async.md"]


class TestCategories:
    async def test_a_category_narrows_the_list_like_a_tag(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(120, 40)) as pilot:
            await settled(pilot)
            sidebar = app.screen.query_one(OptionList)
            await pilot.press("t")
            for _ in range(sidebar.option_count):
                if str(sidebar.highlighted_option.prompt) == "@backend (1)":  # type: ignore[union-attr]
                    break
                await pilot.press("j")
            await pilot.press("enter")
            await settled(pilot)
            assert titles(app) == ["Go HTTP Servers"]
            assert "@backend" in str(app.screen.query_one("#status", Static).render())

    async def test_categories_are_a_column_and_in_the_preview(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(120, 40)) as pilot:
            await settled(pilot)
            posts = app.screen.query_one(PostList)
            assert "Categories" in posts.render_line(0).text
            await pilot.press("j", "j", "j")
            assert "@backend" in preview_text(app) and "#go  #web" in preview_text(app)


class TestNarrow:
    async def test_at_80_columns_the_sidebar_waits_for_t(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            tags = app.screen.query_one(TagList)
            assert not tags.display
            await pilot.press("t")
            assert tags.display and tags.has_focus
            await pilot.press("escape")
            assert not tags.display and isinstance(app.focused, PostList)

    async def test_80_by_24_shows_17_posts_a_preview_and_every_key_that_matters(self, lib: Path) -> None:
        app = LibraryApp(Library(["lib"]))
        async with app.run_test(size=(80, 24)) as pilot:
            await settled(pilot)
            posts = app.screen.query_one(PostList)
            assert posts.page_rows == 17
            assert preview_text(app).split("\n")[0].startswith("Async Rust in Practice  2024-03-10")
            bar = app.screen.query_one(KeyBar).render().plain
            assert bar.startswith("⏎ Open  / Filter") and bar.endswith("? Help  q Quit")
