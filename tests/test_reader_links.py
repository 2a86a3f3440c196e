"""Links in the reader: the link cursor, anchors, other articles, the web, refusals, history."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdread.faces.tui.confirm import ConfirmOpen
from mdread.faces.tui.reader import ReaderScreen
from readerkit import SIZE, article_text, reader_app, ready, status_text

A = """# 第一篇

Links: [to B](b.md#part-two), [the web](https://example.com/docs?q=1),
[mail](mailto:someone@example.com), [bad](javascript:alert(1)),
[中文 anchor](#第二节-标题) and [a picture](diagram.png).

""" + "\n\n".join(f"第一节的段落 {i}。" for i in range(40)) + """

## 第二节 标题

Text of the second section.

""" + "\n\n".join(f"第二节的段落 {i}。" for i in range(40)) + "\n"

FILLER = "\n\n".join(f"Filler paragraph {i}." for i in range(60))
B = f"# B\n\n{FILLER}\n\n## Part two\n\nArrived in part two.\n\n{FILLER}\n"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text(A, encoding="utf-8")
    (tmp_path / "b.md").write_text(B, encoding="utf-8")
    return tmp_path


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    original = ReaderScreen.notify

    def record(self: ReaderScreen, message: str, **kwargs: object) -> None:
        said.append(message)
        original(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderScreen, "notify", record)
    return said


async def test_o_cycles_through_links_on_screen(posts: Path) -> None:
    app = reader_app(posts / "a.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = []
        for _ in range(6):
            await pilot.press("o")
            seen.append(status_text(app))
        assert seen[:5] == ["link: b.md#part-two", "link: https://example.com/docs?q=1",
                            "link: mailto:someone@example.com", "link: #第二节-标题", "link: diagram.png"]
        assert seen[5] == seen[0]
        assert "[bad](javascript:alert(1))" in article_text(app)


async def test_anchor_to_chinese_heading(posts: Path) -> None:
    app = reader_app(posts / "a.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o", "o", "o", "o", "enter")
        assert status_text(app).split("  ")[0] == "第一篇 › 第二节 标题"
        await pilot.press("backspace")
        assert status_text(app).split("  ")[0] == "第一篇"


async def test_relative_link_opens_the_other_article_and_back_returns(posts: Path) -> None:
    app = reader_app(posts / "a.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        first = await ready(pilot)
        await pilot.press("j", "o", "enter")
        await ready(pilot)
        assert app.screen is not first
        assert "Arrived in part two." in article_text(app)
        assert status_text(app).split("  ")[0] == "B › Part two"
        await pilot.press("backspace")
        await ready(pilot)
        assert "Links:" in article_text(app) and status_text(app).split("  ")[0] == "第一篇"
        await pilot.press("alt+right")
        await ready(pilot)
        assert status_text(app).split("  ")[0] == "B › Part two"
        await pilot.press("alt+left")
        await ready(pilot)
        assert status_text(app).split("  ")[0] == "第一篇"


async def test_web_link_asks_first_and_shows_the_whole_url(posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    app = reader_app(posts / "a.md", posts)
    monkeypatch.setattr(type(app), "open_url", lambda self, url, **kw: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o", "o", "enter")
        assert isinstance(app.screen, ConfirmOpen)
        assert app.screen.url == "https://example.com/docs?q=1"
        await pilot.press("n")
        assert opened == [] and not isinstance(app.screen, ConfirmOpen)
        await pilot.press("o", "o", "enter", "y")
        assert opened == ["https://example.com/docs?q=1"]


async def test_unsafe_and_non_markdown_links_are_refused(posts: Path, notes: list[str]) -> None:
    app = reader_app(posts / "a.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        first = await ready(pilot)
        await pilot.press("o", "o", "o", "enter")
        assert app.screen is first
        assert notes[-1] == "Not followed: mailto: links are not followed"
        await pilot.press("o", "o", "o", "o", "o", "enter")
        assert app.screen is first and notes[-1] == "Not followed: diagram.png is not a Markdown file"


async def test_click_on_a_link_follows_it(posts: Path) -> None:
    app = reader_app(posts / "a.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.screen.article
        spot = view.links_on_screen()[3]
        await pilot.click(type(view), offset=(spot.x + 1, spot.row - int(view.scroll_y)))
        assert status_text(app).split("  ")[0] == "第一篇 › 第二节 标题"


async def test_edit_on_disk_reloads_in_place(posts: Path) -> None:
    app = reader_app(posts / "b.md", posts)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "tab")
        assert status_text(app).split("  ")[0] == "B › Part two"
        await pilot.pause(0.3)
        edited = B.replace("# B\n\n", "# B\n\nA new first paragraph.\n\n").replace("Arrived in", "Edited in")
        (posts / "b.md").write_text(edited, encoding="utf-8")
        for _ in range(100):
            await pilot.pause(0.05)
            if "Edited in part two." in article_text(app):
                break
        assert "Edited in part two." in article_text(app)
        assert status_text(app).split("  ")[0] == "B › Part two"
        assert screen.source.text == edited


async def test_markup_in_a_heading_is_shown_not_run(tmp_path: Path) -> None:
    post = tmp_path / "m.md"
    post.write_text("# [@click=app.quit]Trap[/] and [/x]\n\n```\ncode\n```\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("C")
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]Trap[/]" in article_text(app)
