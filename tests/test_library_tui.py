"""The library screen driven with Pilot: filtering, tags, sorting, opening, rescanning, and its look."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList

from library_corpus import EXPECTED, write_library
from mdread.faces.tui.app import MdreadApp, Settings, make_app
from mdread.faces.tui.help import HelpScreen
from mdread.faces.tui.library import LibraryScreen
from mdread.faces.tui.messages import OpenPost
from mdread.faces.tui.postlist import PostList
from mdread.faces.tui.reader import ReaderScreen
from mdread.library.index import Library
from mdread.platform.config import Config
from mdread.platform.state import StateStore

SIZE = (120, 40)
TITLES = [expected.title for expected in EXPECTED.values()]


class LibraryApp(App[None]):
    """The screen alone, with the posts it asks to open kept for the test to read."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.opened: list[Path] = []

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.library))

    def on_open_post(self, message: OpenPost) -> None:
        self.opened.append(message.path)


@pytest.fixture
def lib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return write_library(tmp_path / "lib")


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the library's scans and searches have finished and their results are on screen."""
    for _ in range(3):
        while any(isinstance(w.node, LibraryScreen) and w.group != "watch" and not w.is_finished
                  for w in pilot.app.workers):
            await pilot.pause(0.02)
        await pilot.pause()


def titles(app: App[None]) -> list[str]:
    return [post.title for post in app.screen.query_one(PostList).posts]


def drawn_rows(app: App[None]) -> list[str]:
    """The list as drawn: the header row, then a row per post on screen."""
    posts = app.screen.query_one(PostList)
    return [posts.render_line(y).text.rstrip() for y in range(posts.size.height)]


def real_app(tmp_path: Path) -> MdreadApp:
    settings = Settings.build(Config(), StateStore(tmp_path / "state.json"))
    return make_app(lambda _: LibraryScreen(Library(["lib"])), settings)


async def test_rows_are_newest_first_with_marks(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert titles(app) == TITLES
        rows = drawn_rows(app)
        assert rows[0].split() == ["Title", "Date", "Tags", "Categories", "Read", "Description"]
        assert any(row.startswith("draft Python Typing Tips") for row in rows)
        assert any(row.startswith("! Broken Post") for row in rows)
        assert rows[1].startswith("Async Rust in Practice") and " 1m  Tokio without tears." in rows[1]


async def test_filter_as_you_type_then_clear(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"quas")
        await settled(pilot)
        assert titles(app) == ["untitled-thoughts"]
        await pilot.press(*"x")
        await settled(pilot)
        assert titles(app) == []
        await pilot.press("escape")
        await settled(pilot)
        assert titles(app) == TITLES
        assert isinstance(app.focused, PostList)


async def test_tag_sidebar_selects_a_tag_and_untagged(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        sidebar = app.screen.query_one(OptionList)
        labels = [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]
        assert labels[:5] == ["All (10)", "Untagged (4)", "Tags", "#cuda (2)", "#Performance (2)"]
        assert "Categories" in labels and "@backend (1)" in labels
        await pilot.press("t", "down", "down", "enter")
        await settled(pilot)
        assert titles(app) == ["CUDA Intro", "共享内存优化"]
        await pilot.press("up", "enter")
        await settled(pilot)
        assert titles(app) == ["binary", "Broken Post", "Notes Without Frontmatter", "untitled-thoughts"]


async def test_sort_toggles_between_date_and_title(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("s")
        assert titles(app)[:3] == ["Async Rust in Practice", "binary", "Broken Post"]
        await pilot.press("s")
        assert titles(app) == TITLES


async def test_enter_asks_to_open_the_post_under_the_cursor(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.opened == [lib / "2023" / "cuda-intro.mdx"]


async def test_help_lists_the_keys(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((desc, keys) for keys, desc in app.screen.rows)
        assert rows["Sort by date / title  [sort]"] == "s" and rows["Rescan  [rescan]"] == "R"
        assert rows["Next post  [down]"] == "j ↓" and rows["First post  [top]"] == "g home"
        assert not any("Cursor" in desc or "Page Left" in desc for desc in rows), "no generic table keys"


async def test_rescan_finds_a_new_post(lib: Path) -> None:
    app = LibraryApp(Library(["lib"]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        (lib / "fresh.md").write_text("---\ntitle: Fresh Off The Press\ndate: 2030-01-01\n---\nNew.\n")
        await pilot.press("R")
        await settled(pilot)
        assert titles(app)[0] == "Fresh Off The Press"


@pytest.mark.parametrize("back", ["escape", "backspace"])
async def test_reader_opens_and_the_library_keeps_its_row(lib: Path, tmp_path: Path, back: str) -> None:
    app = real_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("down", "down", "down", "enter")
        for _ in range(50):
            if isinstance(app.screen, ReaderScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ReaderScreen)
        for _ in range(50):
            if app.screen.is_ready:
                break
            await pilot.pause(0.05)
        await pilot.press(back)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        posts = app.screen.query_one(PostList)
        assert posts.cursor == 3 and posts.current is not None and posts.current.title == "Go HTTP Servers"


class TestLibraryLook:
    @pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)], ids=["80x24", "120x40", "160x50"])
    def test_library_at_size(self, lib: Path, tmp_path: Path, snap_compare, size: tuple[int, int]) -> None:
        assert snap_compare(real_app(tmp_path), terminal_size=size, run_before=settled)


async def test_added_and_removed_posts_appear_without_a_keypress(lib: Path) -> None:
    app = LibraryApp(Library([str(lib)]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        before = titles(app)
        await pilot.pause(0.3)
        fresh = "---\ntitle: A fresh post\ndate: 2030-01-01\n---\nHello.\n"
        (lib / "fresh-post.md").write_text(fresh, encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if "A fresh post" in titles(app):
                break
        assert titles(app)[0] == "A fresh post" and len(titles(app)) == len(before) + 1
        (lib / "fresh-post.md").unlink()
        for _ in range(100):
            await pilot.pause(0.05)
            if "A fresh post" not in titles(app):
                break
        await settled(pilot)
        assert titles(app) == before
