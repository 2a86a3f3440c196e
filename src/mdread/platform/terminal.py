"""What the terminal on the other end of stdout can do: width, colours, links.

Kept free of Rich and Textual so that ``--version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import TextIO

DEFAULT_WIDTH = 80
IMAGE_MODES = ("auto", "kitty", "sixel", "blocks", "off")
"""Values of ``images`` in the config and of ``--images``; see :func:`picture_protocol`."""


def _env_on(name: str) -> bool:
    value = os.environ.get(name)
    return value is not None and value not in ("", "0", "false")


def color_system(mode: str, stream: TextIO) -> str | None:
    """Rich's colour system for ``--color mode``, or None for plain text.

    ``auto`` follows the conventions users already set: NO_COLOR turns colour
    off; FORCE_COLOR and CLICOLOR_FORCE turn it on for pipes; otherwise colour
    goes only to a terminal.
    """
    if mode == "never":
        return None
    if mode == "auto":
        if os.environ.get("NO_COLOR"):
            return None
        if not (_env_on("FORCE_COLOR") or _env_on("CLICOLOR_FORCE") or stream.isatty()):
            return None
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256"


def width(requested: int | None, stream: TextIO) -> int:
    """The width to render at: asked for, else the terminal's, else ``$COLUMNS``, else 80."""
    if requested:
        return requested
    if stream.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else DEFAULT_WIDTH


DEFAULT_CELL_PIXELS = (10, 20)
"""A cell's size in pixels when the terminal does not say (the VT340's, as most tools assume)."""


def cell_pixels(stream: TextIO | None = None) -> tuple[int, int]:
    """Width and height of one cell in pixels, from the terminal's window size (``TIOCGWINSZ``)."""
    stream = stream or sys.__stdout__
    try:
        import fcntl
        import struct
        import termios

        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)  # type: ignore[union-attr]
        rows, cols, x_pixels, y_pixels = struct.unpack("HHHH", packed)
    except (ImportError, OSError, AttributeError, ValueError):
        return DEFAULT_CELL_PIXELS
    if not (rows and cols and x_pixels and y_pixels):
        return DEFAULT_CELL_PIXELS
    return max(1, x_pixels // cols), max(1, y_pixels // rows)


def attach_keyboard() -> None:
    """Take keys from the terminal after stdin was the article, as ``less`` does.

    Raises:
        UserError: There is no terminal to read keys from.
    """
    from mdread.errors import UserError

    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise UserError("stdin was the article and there is no terminal to read keys from") from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - fd 0 lives as long as the process


def picture_protocol(mode: str, env: Mapping[str, str] | None = None) -> str:
    """How to draw pictures for ``images = mode``: ``kitty``, ``sixel``, ``blocks`` or ``off``.

    ``auto`` reads the environment only: asking the terminal (a query and its
    answer on stdin) would race Textual's input thread and could eat a key.
    tmux and screen pass no graphics on by default, so they get half blocks;
    Kitty and Ghostty say who they are; Sixel terminals mostly do not, so
    Sixel is chosen only by name (``WezTerm``, ``foot``, ``mlterm``, ``contour``).
    """
    if mode != "auto":
        return mode
    env = os.environ if env is None else env
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return "blocks"
    if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty" or program == "ghostty":
        return "kitty"
    if program == "WezTerm" or term.startswith(("foot", "mlterm", "contour")):
        return "sixel"
    return "blocks"
