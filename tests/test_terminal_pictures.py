"""A post with pictures in a real terminal (tmux, which speaks no image protocol): half blocks and placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_pictures import two_colour
from test_reader_pictures import image_server
from tmuxkit import HAVE_TMUX, mdread, terminal

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_tmux_shows_a_local_png_in_half_blocks_and_placeholders_for_the_rest(tmp_path: Path) -> None:
    two_colour(tmp_path / "red-blue.png", (160, 80))
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10garbage")
    with image_server(b"never asked for") as (web, asked):
        post = tmp_path / "post.md"
        post.write_text(f"# Pictures\n\n![Red over blue](red-blue.png)\n\n![From the web]({web}/w.png)\n\n"
                        "![gone](missing.png)\n\n![corrupt](bad.png)\n")
        with terminal(mdread(str(post)), tmp_path) as term:
            expected = ("▀" * 20, f"▣ From the web  {web}/w.png", "▣ gone  missing.png: no such file",
                        "▣ corrupt  bad.png: damaged image")
            assert term.wait_for(lambda: all(text in term.screen() for text in expected)), term.screen()
            screen = term.screen()
            rows = screen.splitlines()
            picture = [i for i, row in enumerate(rows) if "▀" * 20 in row]
            assert rows[picture[-1] + 1].strip() == "Red over blue"
            coloured = term.tmux("capture-pane", "-p", "-e", "-t", "t")
            assert "38;2;255;0;0" in coloured and "48;2;0;0;255" in coloured
            term.keys("q")
            assert term.wait_for(lambda: "[exit 0]" in term.screen()), term.screen()
        assert asked == []
