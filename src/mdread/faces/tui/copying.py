"""Copying a document's text to the clipboard, asking first when it holds control characters.

Copy is for pasting, often into a shell: an escape sequence in a code
sample goes with it and acts wherever it lands. Text without controls is
copied at once; text with them only after :class:`ConfirmCopy` says what they
are, and then as written (``y``) or cleaned, controls as pictures (``c``).
"""

from __future__ import annotations

from textual.screen import Screen

from mdread.faces.tui.confirm import ConfirmCopy
from mdread.platform import clipboard
from mdread.sanitize import controls, visible

MAX_LISTED = 4


def _listed(found: dict[str, int]) -> str:
    kinds = sorted(found.items(), key=lambda item: -item[1])
    words = [f"{count} × {picture}" for picture, count in kinds[:MAX_LISTED]]
    if len(kinds) > MAX_LISTED:
        words.append(f"{len(kinds) - MAX_LISTED} more kinds")
    return "control characters (" + ", ".join(words) + ")"


def copy_text(screen: Screen[object], text: str, label: str, what: str) -> None:
    """Put ``text`` on the clipboard, asking first if it holds controls.

    ``label`` names the text in the notice after the copy (``python``), ``what``
    in the question before it (``Code block 3``).
    """
    app = screen.app

    def put(chosen: str) -> None:
        clipboard.copy(chosen, app.copy_to_clipboard)
        screen.notify(clipboard.describe(chosen, label))

    found = controls(text)
    if not found:
        put(text)
        return

    def answered(how: str | None) -> None:
        if how == "raw":
            put(text)
        elif how == "clean":
            put(visible(text))
        else:
            screen.notify("Nothing copied", timeout=2)

    app.push_screen(ConfirmCopy(what, _listed(found)), answered)
