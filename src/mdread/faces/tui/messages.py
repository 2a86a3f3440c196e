"""Messages the widgets and screens send each other, as plain dataclasses in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class OpenPost(Message):
    """Ask the app to open ``path`` in the reader (from the library or a link), at ``anchor`` if given."""

    path: Path
    anchor: str | None = None


@dataclass
class Moved(Message):
    """The article scrolled: the section at the top of the screen and how far through it is."""

    section: int | None
    percent: int


@dataclass
class CodeFocused(Message):
    """The code cursor moved to code block ``index`` (1-based), or left every block."""

    index: int | None


@dataclass
class LinkClicked(Message):
    """A link in the article was clicked; the reader decides whether and how to follow it."""

    href: str


@dataclass
class Painted(Message):
    """The article's first screen is on the terminal: work for what is not on it may start now."""
