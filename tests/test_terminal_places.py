"""In a real terminal (tmux, 80×24): Tab starts from where the reader is, and the chrome fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_reader_places import code_post
from tmuxkit import HAVE_TMUX, mdread, terminal

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_tab_after_g_lands_on_the_first_block(tmp_path: Path) -> None:
    post = code_post(tmp_path)
    with terminal(mdread(str(post)), tmp_path, size=(80, 24)) as term:
        assert term.wait_for(lambda: "Step 1" in term.screen()), term.screen()
        term.keys(*["Tab"] * 6)
        assert term.wait_for(lambda: "code 6" in term.screen()), term.screen()
        term.keys("g", "Tab")
        assert term.wait_for(lambda: "code 1 " in term.screen()), term.screen()
        rows = term.screen().splitlines()
        assert any("Many blocks" in row for row in rows[:3]), "the view stayed at the top"
        assert any("echo step 1" in row for row in rows)
        term.keys("q")
        assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
