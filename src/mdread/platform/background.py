"""Whether the terminal's background is light or dark, so code can be coloured to be read on it.

Two sources, best first: the terminal itself, asked with OSC 11 ("what is your
background colour?") when it is the one mdread writes to; then ``COLORFGBG``,
which rxvt, Konsole and others set to ``fg;bg`` palette numbers. No Rich or
Textual here.

The question is followed by a request every terminal answers (DA1, ``ESC [ c``);
terminals answer in order, so when that answer comes first there will be no
colour, and nothing is left to arrive after mdread stops listening and end up
typed at the shell prompt. A terminal that answers neither is given
:data:`TIMEOUT` seconds.
"""

from __future__ import annotations

import os
import re
import select
import time
from collections.abc import Mapping
from typing import Literal

Shade = Literal["light", "dark"]

TIMEOUT = 0.2
"""Seconds to wait for a terminal's answer: well above a local terminal's few milliseconds, short enough not to
be noticed where none comes."""
QUERY = b"\x1b]11;?\x07\x1b[c"
_COLOUR = re.compile(rb"\x1b\]11;rgba?:([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})/([0-9a-fA-F]{1,4})")
_DA1 = re.compile(rb"\x1b\[\?[0-9;]*c")
_LIGHT_PALETTE = {7, *range(9, 16)}
"""``COLORFGBG`` background numbers that are light: white, and the bright colours but bright black."""


def shade(rgb: tuple[float, float, float]) -> Shade:
    """Light or dark, by the colour's luminance (each channel 0 to 1)."""
    red, green, blue = rgb
    return "light" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "dark"


def parse_reply(reply: bytes) -> tuple[float, float, float] | None:
    """The background colour in a terminal's answer to OSC 11, each channel scaled to 0..1."""
    match = _COLOUR.search(reply)
    if match is None:
        return None
    channels = [int(part, 16) / (16 ** len(part) - 1) for part in match.groups()]
    return channels[0], channels[1], channels[2]


def from_env(env: Mapping[str, str]) -> Shade | None:
    """What ``COLORFGBG`` says (its last field is the background), if it says anything."""
    last = env.get("COLORFGBG", "").split(";")[-1]
    if not last.isdigit():
        return None
    return "light" if int(last) in _LIGHT_PALETTE else "dark"


def ask_terminal(fd: int, timeout: float = TIMEOUT) -> tuple[float, float, float] | None:
    """Ask the terminal on ``fd`` for its background colour; None if it does not say in time.

    Nothing is asked of a terminal mdread does not own: in a background job,
    changing its modes would stop the process (SIGTTOU).
    """
    import termios

    try:
        if os.tcgetpgrp(fd) != os.getpgrp():
            return None
    except OSError:
        pass  # not our controlling terminal: nobody else is reading it
    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        return None
    raw = termios.tcgetattr(fd)
    raw[3] &= ~(termios.ICANON | termios.ECHO)
    raw[6][termios.VMIN], raw[6][termios.VTIME] = 0, 0
    reply = b""
    try:
        termios.tcsetattr(fd, termios.TCSANOW, raw)
        os.write(fd, QUERY)
        deadline = time.monotonic() + timeout
        while not _DA1.search(reply) and (left := deadline - time.monotonic()) > 0:
            if not select.select([fd], [], [], left)[0]:
                break
            chunk = os.read(fd, 1024)
            if not chunk:
                break
            reply += chunk
    except OSError:
        return None
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)
    return parse_reply(reply)


def background(stdout_is_terminal: bool, env: Mapping[str, str] | None = None) -> Shade | None:
    """The background mdread writes on: asked of the terminal when stdout is one, else from ``COLORFGBG``."""
    if stdout_is_terminal and os.name == "posix":
        try:
            fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                rgb = ask_terminal(fd)
            finally:
                os.close(fd)
            if rgb is not None:
                return shade(rgb)
    return from_env(os.environ if env is None else env)
