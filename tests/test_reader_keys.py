"""Every reader binding, driven with Pilot, asserting what the reader shows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual import events

from conftest import SAMPLES
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.help import HelpScreen
from mdread.faces.tui.picker import LanguagePicker
from mdread.faces.tui.toc import TocTree
from mdread.platform.config import Config
from readerkit import SIZE, article_rows, article_text, reader_app, ready, settled, status_text

POST = SAMPLES / "zh-ml-intro.md"


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Copies the reader made, captured instead of reaching a clipboard."""
    sent: list[str] = []
    monkeypatch.setattr("mdread.platform.clipboard._system_copy", lambda text: None)
    monkeypatch.setattr("mdread.faces.tui.app.MdreadApp.copy_to_clipboard", lambda self, text: sent.append(text))
    return sent


async def test_opens_on_title_and_first_section(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        header = str(app.screen.query_one("#header").render())
        assert "机器学习入门" in header and "张伟" in header and "min read" in header and "#机器学习" in header
        assert "1 机器学习入门：从线性回归到第一个分类器" in article_text(app)
        assert status_text(app).endswith("0%")


@pytest.mark.parametrize(("keys", "delta"), [(["j"], 1), (["down"], 1), (["j", "j", "k"], 1), (["j", "up"], 0)])
async def test_line_keys(tmp_path: Path, keys: list[str], delta: int) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = article_rows(app)
        await pilot.press(*keys)
        after = article_rows(app)
        assert after[: len(after) - delta] == before[delta:]


@pytest.mark.parametrize(("down", "up"), [("space", "b"), ("pagedown", "pageup")])
async def test_page_keys(tmp_path: Path, down: str, up: str) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        first = article_rows(app)
        await pilot.press(down)
        assert view.scroll_y == view.size.height - 1
        assert article_rows(app)[0] == first[-1]
        await pilot.press(up)
        assert article_rows(app) == first


@pytest.mark.parametrize(("end", "home"), [("G", "g"), ("end", "home")])
async def test_top_and_end(tmp_path: Path, end: str, home: str) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press(end)
        assert status_text(app).endswith("100%")
        assert "1.4 常见问题" in article_text(app)
        await pilot.press(home)
        assert status_text(app).endswith("0%")


async def test_section_keys(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")
        assert "› 安装 与 配置" in status_text(app)
        assert article_rows(app)[0].strip() == "1.1 安装 与 配置"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert status_text(app).split("  ")[0].endswith("› Python 代码 › 数据准备")
        await pilot.press("left_square_bracket")
        assert status_text(app).split("  ")[0].endswith("› Python 代码")


async def test_peer_section_keys(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert "数据准备" in status_text(app)
        await pilot.press("right_curly_bracket")
        assert status_text(app).split("  ")[0].endswith("› Python 代码 › 训练循环")
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        assert status_text(app).split("  ")[0].endswith("› Python 代码")
        await pilot.press("left_curly_bracket")
        assert status_text(app).split("  ")[0].endswith("› 安装 与 配置")
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert status_text(app).split("  ")[0].endswith("› 评估指标")


async def test_toc_toggle_and_jump(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.screen.query(TocTree), "the contents are not even mounted until first opened"
        await pilot.press("t")
        await pilot.pause()
        toc = app.screen.query_one(TocTree)
        assert toc.has_class("-open") and toc.has_focus
        labels = [str(node.label) for node in toc._by_section.values()]
        assert labels[0] == "1 机器学习入门：从线性回归到第一个分类器" and "1.2.1 数据准备" in labels
        await pilot.press("down", "down", "down", "enter")
        assert status_text(app).split("  ")[0].endswith("› Python 代码 › 数据准备")
        await pilot.press("t")
        assert not toc.has_class("-open")


async def test_search_keys(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"sklearn", "enter")
        first = app.screen.query_one(ArticleView).scroll_y
        assert first > 0 and "sklearn" in article_text(app).lower()
        await pilot.press("n")
        second = app.screen.query_one(ArticleView).scroll_y
        assert second > first
        await pilot.press("N")
        assert app.screen.query_one(ArticleView).scroll_y == first
        await pilot.press("escape")
        assert app.screen.query_one(ArticleView).query_text == ""


async def test_code_cursor_and_copy(tmp_path: Path, copied: list[str]) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab")
        assert screen.view_state.focused_code == 1
        assert "code 1" in status_text(app)
        await pilot.press("tab", "tab")
        assert screen.view_state.focused_code == 3
        await pilot.press("shift+tab")
        assert screen.view_state.focused_code == 2
        assert "╭─ python · 2" in article_text(app)
        await pilot.press("c")
        assert copied == [screen.doc.code_blocks[1].text]
        await pilot.press("escape")
        assert screen.view_state.focused_code is None


async def test_copy_without_cursor_takes_first_code_on_screen(tmp_path: Path, copied: list[str]) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("c")
        assert copied == [screen.doc.code_blocks[0].text]


async def test_copy_section_as_markdown(tmp_path: Path, copied: list[str]) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "C")
        assert copied[0].startswith("## 安装 与 配置\n") and "```bash" in copied[0]
        assert "## Python 代码" not in copied[0]


async def test_language_picker_applies_and_remembers(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("tab", "l")
        assert isinstance(app.screen, LanguagePicker)
        await pilot.press(*"cuda", "enter")
        assert dict(screen.view_state.languages) == {1: "cuda"}
        assert "╭─ cuda (set) · 1" in article_text(app)
    again = reader_app(POST, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert dict(screen.view_state.languages) == {1: "cuda"}
        await pilot.press("tab", "l", "enter")
        assert isinstance(again.screen, type(screen))
        assert dict(screen.view_state.languages) == {}


async def test_fold_section(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "z")
        text = article_text(app)
        assert "lines folded" in text and "建议使用独立的虚拟环境" not in text
        await pilot.press("z")
        assert "建议使用独立的虚拟环境" in article_text(app)


async def test_help_lists_the_bindings(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict((desc, keys) for keys, desc in app.screen.rows)
        assert rows["Next section  [next_section]"] == "]" and rows["Copy code  [copy_code]"] == "c"
        assert "q" in rows["Quit  [quit]"].split()
        assert "Page down  [page_down]" in rows and "Fold section  [fold]" in rows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_quit_remembers_position(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "q")
    assert app.return_code == 0
    again = reader_app(POST, tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert status_text(again).split("  ")[0].endswith("› Python 代码")


async def test_click_code_pane_makes_it_current(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("right_square_bracket")
        rows = article_rows(app)
        pane_row = next(i for i, row in enumerate(rows) if "╭─ bash · 1" in row)
        await pilot.click(ArticleView, offset=(10, pane_row + 2))
        assert screen.view_state.focused_code == 1


async def test_mouse_wheel_scrolls(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        view = app.screen.query_one(ArticleView)
        view.post_message(events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > 0


async def test_picker_enter_accepts_the_suggested_dialect(tmp_path: Path) -> None:
    post = tmp_path / "kernel.md"
    post.write_text("# K\n\n```cpp\n__global__ void add(float *a) { a[threadIdx.x] += 1; }\n"
                    "int main() { add<<<1, 32>>>(nullptr); }\n```\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert "╭─ cpp → cuda? · 1" in article_text(app)
        await pilot.press("tab", "l", "enter")
        assert dict(screen.view_state.languages) == {1: "cuda"}
        assert "╭─ cuda (set) · 1" in article_text(app)


async def test_unlabeled_fence_shows_detected_language(tmp_path: Path) -> None:
    post = tmp_path / "plain.md"
    post.write_text("# P\n\n```\nimport os\n\ndef main() -> None:\n    print(os.getcwd())\n```\n", encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "╭─ python (detected) · 1" in article_text(app)


async def test_keymap_from_config_remaps_and_help_follows(tmp_path: Path) -> None:
    app = reader_app(POST, tmp_path, Config(keymap={"next_section": "x", "toc": "ctrl+t"}))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        assert "› 安装 与 配置" in status_text(app)
        await pilot.press("right_square_bracket")
        assert "› 安装 与 配置" in status_text(app)
        await pilot.press("ctrl+t")
        assert app.screen.query_one(TocTree).has_class("-open")
        await pilot.press("question_mark")
        rows = dict((desc, keys) for keys, desc in app.screen.rows)
        assert rows["Next section  [next_section]"] == "x"


async def test_r_shows_damaged_text_as_stored_and_back(tmp_path: Path) -> None:
    sys.path.insert(0, str(SAMPLES.parent / "tools"))
    from damage import damage

    original = "# 代码高亮测试\n\n本文测试各种编程语言的代码高亮效果，包括前向传播和反向传播。\n"
    post = tmp_path / "damaged.md"
    post.write_text(damage(original), encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "本文测试各种编程语言" in article_text(app)
        assert "Text repaired" in str(app.screen.query_one("#header").render())
        await pilot.press("r")
        await settled(pilot)
        assert "本文测试" not in article_text(app) and "æœ¬æ–‡" in article_text(app)
        assert "as stored" in str(app.screen.query_one("#header").render())
        await pilot.press("r")
        await settled(pilot)
        assert "本文测试各种编程语言" in article_text(app)
