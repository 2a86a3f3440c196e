"""Light terminals: the pipe face picks a code theme for the background (OSC 11, then COLORFGBG); choices win."""

from __future__ import annotations

import os
import pty
import threading
from pathlib import Path

import pytest

from clikit import run
from conftest import SAMPLES
from mdread.platform import background

POST = SAMPLES / "cuda-kernels.md"
TANGO_KEYWORD = "38;2;32;74;135"
MONOKAI_KEYWORD = "38;2;102;217;239"


@pytest.mark.parametrize(("reply", "expected"), [
    (b"\x1b]11;rgb:ffff/ffff/ffff\x07", (1.0, 1.0, 1.0)),
    (b"\x1b]11;rgb:00/00/00\x1b\\", (0.0, 0.0, 0.0)),
    (b"\x1b[?62;22c", None),
    (b"", None),
])
def test_parse_reply(reply: bytes, expected: tuple[float, float, float] | None) -> None:
    assert background.parse_reply(reply) == expected


@pytest.mark.parametrize(("rgb", "expected"), [((1, 1, 1), "light"), ((0.99, 0.96, 0.89), "light"),
                                                ((0.16, 0.16, 0.16), "dark"), ((0, 0, 0.9), "dark")])
def test_shade(rgb: tuple[float, float, float], expected: str) -> None:
    assert background.shade(rgb) == expected


@pytest.mark.parametrize(("value", "expected"), [("0;15", "light"), ("15;0", "dark"), ("12;default;7", "light"),
                                                 ("15;8", "dark"), ("default", None), ("", None)])
def test_colorfgbg(value: str, expected: str | None) -> None:
    assert background.from_env({"COLORFGBG": value}) == expected


def _terminal_answering(answer: bytes) -> tuple[int, threading.Thread]:
    """A pseudo-terminal whose other end answers the colour query with ``answer``; its fd is returned."""
    master, slave = pty.openpty()

    def answer_query() -> None:
        asked = b""
        while not asked.endswith(b"\x1b[c"):
            asked += os.read(master, 64)
        os.write(master, answer)

    thread = threading.Thread(target=answer_query, daemon=True)
    thread.start()
    return slave, thread


@pytest.mark.parametrize(("answer", "expected"), [
    (b"\x1b]11;rgb:fdfd/f6f6/e3e3\x07\x1b[?62;c", "light"),
    (b"\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\\x1b[?1;2c", "dark"),
    (b"\x1b[?62;c", None),
])
def test_the_terminal_is_asked(answer: bytes, expected: str | None) -> None:
    fd, thread = _terminal_answering(answer)
    try:
        rgb = background.ask_terminal(fd, timeout=10)
    finally:
        thread.join(10)
        os.close(fd)
    assert (background.shade(rgb) if rgb is not None else None) == expected


def test_a_silent_terminal_is_given_up_on() -> None:
    master, slave = pty.openpty()
    try:
        assert background.ask_terminal(slave, timeout=0.05) is None
    finally:
        os.close(master)
        os.close(slave)


class TestPipeTheme:
    def test_a_light_background_gets_the_light_theme(self) -> None:
        res = run("--color=always", str(POST), env={"COLORFGBG": "0;15", "COLORTERM": "truecolor"})
        assert res.returncode == 0 and TANGO_KEYWORD in res.stdout and MONOKAI_KEYWORD not in res.stdout

    def test_a_dark_or_unknown_background_keeps_the_default(self) -> None:
        for value in ("15;0", ""):
            res = run("--color=always", str(POST), env={"COLORFGBG": value, "COLORTERM": "truecolor"})
            assert MONOKAI_KEYWORD in res.stdout and TANGO_KEYWORD not in res.stdout

    def test_the_config_and_then_theme_win(self, tmp_path: Path) -> None:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text('code_theme = "monokai"\n')
        env = {"COLORFGBG": "0;15", "COLORTERM": "truecolor"}
        assert MONOKAI_KEYWORD in run("--color=always", str(POST), env=env, home=tmp_path).stdout
        chosen = run("--color=always", "--theme", "tango", str(POST), env=env, home=tmp_path)
        assert TANGO_KEYWORD in chosen.stdout

    def test_an_unknown_config_theme_is_a_warning(self, tmp_path: Path) -> None:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text('code_theme = "no-such-theme"\n')
        res = run("--color=always", str(POST), env={"COLORFGBG": "0;15", "COLORTERM": "truecolor"}, home=tmp_path)
        assert res.returncode == 0 and "mdread: config: unknown code_theme 'no-such-theme'; ignored" in res.stderr
        assert TANGO_KEYWORD in res.stdout
