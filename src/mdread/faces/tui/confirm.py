"""Asking before mdread does what a document could abuse: open the browser, open a file elsewhere, copy controls.

Each question shows what matters first and whole (a web address's host, a
file's resolved path), wraps everything else rather than cutting it, and
takes ``y`` for yes: Enter alone never confirms, so a key pressed once too
often (``o``, Enter, Enter) opens nothing.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from mdread.links import web_address
from mdread.sanitize import clean, display_name

Answer = TypeVar("Answer")

HIGHLIGHT = "bold reverse"
ENTER_HINT = "Enter does not answer here: press one of the keys shown"


class Question(ModalScreen[Answer]):
    """A question, what it is about (scrolling when long), and the keys that answer it."""

    DEFAULT_CSS = """
    Question { align: center middle; }
    Question > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 1 2;
    }
    Question VerticalScroll { height: auto; max-height: 20; margin: 1 0; }
    Question .detail { color: $text-muted; }
    """

    question = ""
    keys = ""

    def details(self) -> list[Static]:
        """What the question is about; each question shows its own."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.question, style="bold"))
            with VerticalScroll():
                yield from self.details()
            yield Label(Text(self.keys, style="dim"))

    def action_hint(self) -> None:
        self.notify(ENTER_HINT, timeout=3)


def _wrapped(text: Text, **kwargs: object) -> Static:
    """A static that wraps anywhere, long words too, so nothing of ``text`` is ever cut off."""
    text.overflow = "fold"
    return Static(text, **kwargs)  # type: ignore[arg-type]


class ConfirmOpen(Question[bool]):
    """Open a web address? The host comes first, whole and highlighted, so a long or crafted address cannot hide it.

    The address opened is ``url`` exactly, as the document has it: nothing is
    decoded between what is shown and what the browser gets.
    """

    question = "Open this address in your browser?"
    keys = "y: open it    n or Esc: stay here"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Open in browser"),
        Binding("n,escape", "dismiss(False)", "Stay here"),
        Binding("enter", "hint", show=False),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def details(self) -> list[Static]:
        address = web_address(self.url)
        host = Text("host  ", style="dim")
        host.append(clean(address.host) or "(none)", style=HIGHLIGHT)
        shown = [_wrapped(host, id="host")]
        if address.unicode_host:
            shown.append(_wrapped(Text(f"      written in punycode; in Unicode: {clean(address.unicode_host)}"),
                                  classes="detail"))
        if address.userinfo:
            shown.append(_wrapped(Text(f"      before the host, as a user name (not the site): "
                                       f"{clean(address.userinfo)}", style="yellow"), id="userinfo"))
        whole = Text(f"{clean(address.scheme)}://", style="dim")
        if address.userinfo:
            whole.append(f"{clean(address.userinfo)}@", style="dim")
        whole.append(clean(address.host), style="bold")
        whole.append(clean(address.rest))
        shown.append(_wrapped(whole, id="url"))
        return shown


class ConfirmPath(Question[bool]):
    """Open an article outside the folder the reader started in? Its resolved path is shown whole."""

    question = "Open a file outside this article's folder?"
    keys = "y: open it    n or Esc: stay here"
    BINDINGS = [
        Binding("y", "dismiss(True)", "Open"),
        Binding("n,escape", "dismiss(False)", "Stay here"),
        Binding("enter", "hint", show=False),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def details(self) -> list[Static]:
        return [_wrapped(Text(display_name(self.path), style=HIGHLIGHT), id="path")]


class ConfirmCopy(Question[str | None]):
    """Copy text holding control characters? As written (``raw``), cleaned (``clean``), or not at all (None)."""

    question = "This code holds control characters"
    keys = "y: copy as written    c: copy cleaned (controls as ␛ …)    n or Esc: copy nothing"
    BINDINGS = [
        Binding("y", "dismiss('raw')", "Copy as written"),
        Binding("c", "dismiss('clean')", "Copy cleaned"),
        Binding("n,escape", "dismiss(None)", "Cancel"),
        Binding("enter", "hint", show=False),
    ]

    def __init__(self, what: str, controls: str) -> None:
        super().__init__()
        self.what = what
        self.controls = controls

    def details(self) -> list[Static]:
        return [_wrapped(Text(f"{self.what} holds {self.controls}. Pasted into a terminal, they act on it: an "
                              "escape sequence can move the cursor, retitle the window or write the clipboard."),
                         id="controls")]
