"""What the terminal on the other end of stdout can do: width, colours, links.

Kept free of Rich and Textual so that ``--version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO

DEFAULT_WIDTH = 80


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
