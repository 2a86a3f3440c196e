"""End to end in a real terminal (tmux): what a user sees and what lands on the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES
from mdread.parse import parse
from tmuxkit import HAVE_TMUX, mdread, terminal

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

POST = SAMPLES / "zh-ml-intro.md"


def test_open_section_code_cursor_copy_and_quit(tmp_path: Path) -> None:
    first_block = parse(POST.read_text(encoding="utf-8")).code_blocks[0].text
    with terminal(mdread(str(POST)), tmp_path) as term:
        assert term.wait_for(lambda: "1 机器学习入门" in term.screen()), term.screen()
        term.keys("]")
        assert term.wait_for(lambda: "› 安装 与 配置" in term.screen()), term.screen()
        term.keys("Tab", "c")
        assert term.wait_for(lambda: term.buffer() == first_block), (term.buffer(), term.screen())
        assert term.wait_for(lambda: "Copied 6 lines of bash" in term.screen())
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
        assert "机器学习入门" not in term.screen()


def test_piped_in_article_opens_the_reader_with_keys_from_the_terminal(tmp_path: Path) -> None:
    command = ["sh", "-c", f"cat {POST} | {' '.join(mdread())}"]
    with terminal(command, tmp_path) as term:
        assert term.wait_for(lambda: "1 机器学习入门" in term.screen()), term.screen()
        term.keys("]")
        assert term.wait_for(lambda: "› 安装 与 配置" in term.screen()), term.screen()
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()


def test_hostile_file_leaves_title_and_clipboard_alone(tmp_path: Path) -> None:
    post = tmp_path / "hostile.md"
    post.write_text(
        "# Title \x1b]0;PWNED-TITLE\x07 here\n\n"
        "Text \x1b]52;c;UFdORUQtQ0xJUA==\x07 and \x1b[31mred\x1b[0m.\n\n"
        "```sh\necho \x1b]52;c;UFdORUQtQ0xJUA==\x07\n```\n",
        encoding="utf-8",
    )
    with terminal(mdread(str(post)), tmp_path) as term:
        term.tmux("set-buffer", "untouched")
        before = term.tmux("display-message", "-p", "-t", "t", "#{pane_title}")
        assert term.wait_for(lambda: "Title" in term.screen()), term.screen()
        assert "␛]0;PWNED-TITLE␇" in term.screen()
        assert term.tmux("display-message", "-p", "-t", "t", "#{pane_title}") == before
        assert "PWNED" not in before
        assert term.buffer() == "untouched"
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen())
    with terminal(["sh", "-c", f"{' '.join(mdread('--print', '--color=always', str(post)))}"], tmp_path) as term:
        term.tmux("set-buffer", "untouched")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
        assert "␛]52;c;" in term.screen()
        assert term.buffer() == "untouched"
        assert "PWNED" not in term.tmux("display-message", "-p", "-t", "t", "#{pane_title}")


def test_bare_mdread_lists_the_configured_library(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(f'library = "{SAMPLES}"\n', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    with terminal(["sh", "-c", f"cd {empty} && {' '.join(mdread())} | cat"], tmp_path) as term:
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
        assert "cuda-kernels.md" in term.screen() and "zh-ml-intro.md" in term.screen()


def test_library_opens_a_post_and_comes_back(tmp_path: Path) -> None:
    with terminal(mdread(str(SAMPLES)), tmp_path) as term:
        assert term.wait_for(lambda: "The Backend Field Guide" in term.screen()), term.screen()
        term.keys("Enter")
        assert term.wait_for(lambda: "min read" in term.screen() and "Next section" in term.screen())
        term.keys("Escape")
        assert term.wait_for(lambda: "s Sort" in term.screen()), term.screen()
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()


def _without_scrollbar(screen: str) -> str:
    """The screen without the scrollbar's thumb, whose size follows heights still being measured."""
    return "\n".join(line.rstrip("▁▂▃▄▅▆▇█ ") for line in screen.splitlines())


def test_reopening_restores_the_position_before_any_key(tmp_path: Path) -> None:
    """The second opening also comes from the article kept parsed by the first."""
    with terminal(mdread(str(POST)), tmp_path) as term:
        assert term.wait_for(lambda: "1 机器学习入门" in term.screen())
        term.keys("]", "]", "]")
        assert term.wait_for(lambda: "› 数据准备" in term.screen()), term.screen()
        first = _without_scrollbar(term.screen())
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen())
    assert len(list((tmp_path / "cache" / "articles").iterdir())) == 1
    with terminal(mdread(str(POST)), tmp_path) as term:
        assert term.wait_for(lambda: "› 数据准备" in term.screen(), timeout=5), term.screen()
        assert term.wait_for(lambda: _without_scrollbar(term.screen()) == first), (first, term.screen())


def test_an_unreadable_article_is_one_line_and_status_1_at_a_terminal(tmp_path: Path) -> None:
    """The reader opens a short file in a forked process; what it cannot read is said as the pipe says it."""
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00\x01\x02 not text" * 10)
    with terminal(mdread(str(binary)), tmp_path) as term:
        assert term.wait_for(lambda: "[exit 1]" in term.screen()), term.screen()
        lines = [line for line in term.screen().splitlines() if line.strip()]
    assert lines[0] == f"mdread: {binary}: not a text file" and "Traceback" not in term.screen()
