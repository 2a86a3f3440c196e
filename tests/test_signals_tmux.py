"""In a real terminal (tmux): signals, two readers at once, files swapped or named oddly under a running reader."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from tmuxkit import HAVE_TMUX, Terminal, mdread, terminal

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

HANG_GUARD = 20.0
"""Seconds a step may take before it counts as hung: generous, the machine may be busy."""


def _long(path: Path, title: str) -> Path:
    parts = [f"# {title}\n\n"]
    parts += [f"## {title} part {i}\n\n" + "Words to fill the screen with. " * 40 + "\n\n" for i in range(40)]
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _pid(term: Terminal) -> int:
    """The reader's process: the pane's shell runs it as its only child."""
    shell = term.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip()
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    return int(children[0])


def _flag(term: Terminal, name: str) -> str:
    return term.tmux("display-message", "-p", "-t", "t", f"#{{{name}}}").strip()


def _positions(home: Path) -> dict[str, int]:
    state = json.loads((home / "state" / "state.json").read_text(encoding="utf-8"))
    return {Path(path).name: entry["block"] for path, entry in state["files"].items()}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_restores_the_terminal_and_saves_the_position(tmp_path: Path, signum: int) -> None:
    post = _long(tmp_path / "long.md", "Signals")
    with terminal(mdread(str(post)), tmp_path, size=(100, 30)) as term:
        assert term.wait_for(lambda: "Signals part 0" in term.screen()), term.screen()
        term.keys("]", "]", "]")
        assert term.wait_for(lambda: "› Signals part 2" in term.screen()), term.screen()
        assert _flag(term, "alternate_on") == "1"
        os.kill(_pid(term), signum)
        assert term.wait_for(lambda: f"[exit {128 + signum}]" in term.screen(), HANG_GUARD), term.screen()
        assert _flag(term, "alternate_on") == "0"
        assert _flag(term, "mouse_any_flag") == "0" and _flag(term, "cursor_flag") == "1"
    assert _positions(tmp_path)["long.md"] > 0


def test_closing_the_terminal_ends_the_reader_and_keeps_its_place(tmp_path: Path) -> None:
    """The window closed under a reader: SIGHUP, and no terminal left to restore or write to."""
    post = _long(tmp_path / "long.md", "Closed")
    with terminal(mdread(str(post)), tmp_path, size=(100, 30)) as term:
        assert term.wait_for(lambda: "Closed part 0" in term.screen()), term.screen()
        term.keys("]", "]")
        assert term.wait_for(lambda: "› Closed part 1" in term.screen()), term.screen()
        reader = _pid(term)
        term.tmux("kill-server")
        deadline = time.monotonic() + HANG_GUARD
        while Path(f"/proc/{reader}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{reader}").exists(), "the reader outlived its terminal"
    assert _positions(tmp_path)["long.md"] > 0


def test_two_readers_keep_both_positions(tmp_path: Path) -> None:
    first, second = _long(tmp_path / "first.md", "First"), _long(tmp_path / "second.md", "Second")
    with terminal(mdread(str(first)), tmp_path, size=(100, 30)) as a, \
            terminal(mdread(str(second)), tmp_path, size=(100, 30)) as b:
        assert a.wait_for(lambda: "First part 0" in a.screen()) and b.wait_for(lambda: "Second part 0" in b.screen())
        a.keys("]", "]")
        b.keys("]", "]", "]", "]")
        assert a.wait_for(lambda: "› First part 1" in a.screen()), a.screen()
        assert b.wait_for(lambda: "› Second part 3" in b.screen()), b.screen()
        b.keys("q")
        assert b.wait_for(lambda: "[exit 0]" in b.screen()), b.screen()
        a.keys("q")
        assert a.wait_for(lambda: "[exit 0]" in a.screen()), a.screen()
    positions = _positions(tmp_path)
    assert positions["first.md"] > 0 and positions["second.md"] > positions["first.md"]


def test_a_fifo_swapped_in_for_the_article_does_not_hold_up_quitting(tmp_path: Path) -> None:
    post = tmp_path / "a.md"
    post.write_text("# Swapped\n\nSoon a FIFO.\n", encoding="utf-8")
    with terminal(mdread(str(post)), tmp_path, size=(100, 30)) as term:
        assert term.wait_for(lambda: "Soon a FIFO." in term.screen()), term.screen()
        os.mkfifo(tmp_path / "fifo")
        os.replace(tmp_path / "fifo", post)
        assert term.wait_for(lambda: "Not reloaded" in term.screen(), HANG_GUARD), term.screen()
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen(), HANG_GUARD), term.screen()


def test_a_folder_holding_an_undecodable_name_lists_and_reads(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "good.md").write_text("# Good post\n\nFine.\n", encoding="utf-8")
    bad = Path(os.fsdecode(os.fsencode(folder) + b"/x-\xff.md"))
    bad.write_text("# Oddly named\n\nRead all the same.\n", encoding="utf-8")
    with terminal(mdread(str(folder)), tmp_path) as term:
        assert term.wait_for(lambda: "Oddly named" in term.screen() and "Good post" in term.screen()), term.screen()
        term.keys("/")
        term.tmux("send-keys", "-t", "t", "-l", "Oddly")
        assert term.wait_for(lambda: "1 of 2 posts" in term.screen()), term.screen()
        term.keys("Enter", "Enter")
        assert term.wait_for(lambda: "Read all the same." in term.screen()), term.screen()
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()


def test_the_reader_keeps_watching_after_an_undecodable_name_appears(tmp_path: Path) -> None:
    post = tmp_path / "good.md"
    post.write_text("# Watched\n\nFirst version.\n", encoding="utf-8")
    with terminal(mdread(str(post)), tmp_path) as term:
        assert term.wait_for(lambda: "First version." in term.screen()), term.screen()
        Path(os.fsdecode(os.fsencode(tmp_path) + b"/x-\xff")).write_bytes(b"noise")
        post.write_text("# Watched\n\nSecond version.\n", encoding="utf-8")
        assert term.wait_for(lambda: "Second version." in term.screen()), term.screen()
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
