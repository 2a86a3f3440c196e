"""Copying text out of mdread: the one module every copy goes through.

Two routes, both taken: OSC 52 through the terminal (works over SSH and in tmux
with ``set-clipboard on``) and the system clipboard tool where there is one
(pyperclip finds wl-copy, xclip, xsel, pbcopy or clip.exe).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

LARGE = 75 * 1024


def describe(text: str, what: str) -> str:
    """The toast after a copy: ``Copied 27 lines of python``."""
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    message = f"Copied {lines} line{'s' if lines != 1 else ''} of {what}"
    if len(text.encode("utf-8")) > LARGE:
        message += " (large: some terminals drop copies over 75 KB)"
    return message


def _system_copy(text: str) -> None:
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:
        pass


def copy(text: str, osc52: Callable[[str], None]) -> None:
    """Send ``text`` to the terminal's clipboard (``osc52``) and, off the event loop, the system's."""
    osc52(text)
    threading.Thread(target=_system_copy, args=(text,), daemon=True).start()
