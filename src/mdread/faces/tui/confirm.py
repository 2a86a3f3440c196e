"""Asking before leaving mdread: the full address of a web link, then yes or no."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from mdread.sanitize import clean


class ConfirmOpen(ModalScreen[bool]):
    """Shows the whole URL, so a link's text cannot disguise where it goes."""

    DEFAULT_CSS = """
    ConfirmOpen { align: center middle; }
    ConfirmOpen > Vertical {
        width: 80; height: auto; border: round $warning; background: $surface; padding: 1 2;
    }
    ConfirmOpen #url { margin: 1 0; color: $text; text-style: bold; }
    """
    BINDINGS = [
        Binding("y,enter", "dismiss(True)", "Open in browser"),
        Binding("n,escape", "dismiss(False)", "Cancel"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Open this address in your browser?"))
            yield Label(Text(clean(self.url)), id="url")
            yield Label(Text("y / Enter: open    n / Esc: stay here", style="dim"))
