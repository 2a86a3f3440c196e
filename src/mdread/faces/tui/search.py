"""Searching the rendered article and marking what is found (no Textual here)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from mdread.model import Document
from mdread.render.layout import Layout, View
from mdread.render.marks import line_text, restyle
from mdread.sanitize import clean

HIT = Style(color="black", bgcolor="#ffd75f", bold=True)
CURSOR = Style(reverse=True, bold=True)


def hits(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans of case-insensitive matches of ``query`` in ``text``."""
    if not query:
        return []
    folded, needle = text.casefold(), query.casefold()
    spans, start = [], folded.find(needle)
    while start >= 0 and len(folded) == len(text):
        spans.append((start, start + len(needle)))
        start = folded.find(needle, start + len(needle))
    return spans


def mark(line: list[Segment], query: str) -> list[Segment]:
    """``line`` with every match of ``query`` drawn in the hit style."""
    text = line_text(line)
    return restyle(line, [(cell_len(text[:a]), cell_len(text[:b])) for a, b in hits(text, query)], HIT)


def highlight_span(line: list[Segment], start: int, end: int) -> list[Segment]:
    """``line`` with cells ``start``..``end`` drawn as the link cursor."""
    return restyle(line, [(start, end)], CURSOR)


def _block_source(doc: Document, source_lines: list[str], block: int) -> str:
    start = doc.blocks[block].line - 1
    end = doc.blocks[block + 1].line - 1 if block + 1 < len(doc.blocks) else len(source_lines)
    return "\n".join(source_lines[start:end])


def find_row(doc: Document, layout: Layout, source_lines: list[str], query: str, start: int, step: int) -> int | None:
    """The first row at or after ``start`` (before, for ``step`` -1) whose drawn text holds ``query``.

    A block whose Markdown source lacks the text is skipped without rendering
    it, so searching a long article renders only the blocks that may match.
    """
    rows = range(start, layout.total) if step > 0 else range(start, -1, -1)
    first = layout.locate(max(0, start))[0]
    needle = query.casefold()
    for block in range(first, layout.items) if step > 0 else range(min(first, layout.items - 1), -1, -1):
        if needle not in _block_source(doc, source_lines, block).casefold():
            continue
        lines = layout.lines(block)
        base = layout.body_top(block)
        order = range(len(lines)) if step > 0 else range(len(lines) - 1, -1, -1)
        for i in order:
            if base + i in rows and hits(line_text(lines[i]), query):
                return base + i
    return None


Place = tuple[int, int]
"""A line of the article as (top-level block, line within it): unlike a row, it stays put as heights settle."""


def match_places(doc: Document, layout: Layout, source_lines: list[str], query: str,
                 cancelled: Callable[[], bool] = lambda: False) -> list[Place] | None:
    """Every drawn line holding ``query``, in order; None if ``cancelled`` says to stop.

    As :func:`find_row`, it renders only the blocks whose source holds the
    text, and keeps none of them, so it can run in a worker over a long article.
    """
    needle = query.casefold()
    places: list[Place] = []
    for block in range(layout.items):
        if needle not in _block_source(doc, source_lines, block).casefold():
            continue
        if cancelled():
            return None
        places.extend((block, i) for i, line in enumerate(layout.peek(block)) if hits(line_text(line), query))
    return places


def ordinal(places: list[Place], place: Place) -> int | None:
    """The 1-based number of ``place`` among ``places``, or None if it is not one of them."""
    at = bisect.bisect_left(places, place)
    return at + 1 if at < len(places) and places[at] == place else None


@dataclass
class Finder:
    """The reader's search: the text, the row of the match shown, and every match once a worker counted them.

    The count belongs to one text, layout and view: a new width or fold set
    changes which lines hold the text, so it is counted again.
    """

    query: str = ""
    row: int | None = None
    counted: tuple[tuple[str, Layout, View], list[Place]] | None = None

    def set_query(self, text: str) -> None:
        self.query, self.row, self.counted = text, None, None

    def step(self, doc: Document, layout: Layout, source_lines: list[str], top: int,
             step: int) -> tuple[int | None, str | None]:
        """The row of the next (``step`` 1) or previous match, from the one shown or the top of the view,
        wrapping around; and a notice: wrapped, or not found (then the row is None)."""
        start = top if self.row is None else self.row + step
        row = find_row(doc, layout, source_lines, self.query, start, step)
        notice = None
        if row is None:
            row = find_row(doc, layout, source_lines, self.query, 0 if step > 0 else layout.total - 1, step)
            notice = f"{clean(self.query)!r} not found" if row is None else \
                f"Search wrapped to the {'top' if step > 0 else 'bottom'}"
        self.row = row
        return row, notice

    def places(self, layout: Layout) -> list[Place] | None:
        """Every match, if they were counted for this text, layout and view."""
        if self.counted is None:
            return None
        (query, counted_on, view), places = self.counted
        return places if query == self.query and counted_on is layout and view == layout.view else None

    def label(self, layout: Layout | None) -> str:
        """``  'word' 3/17`` for the status line, while a match is shown and its number is known."""
        places = self.places(layout) if layout is not None and self.row is not None else None
        if places is None or layout is None or self.row is None:
            return ""
        number = ordinal(places, layout.locate(self.row))
        return f"  {clean(self.query)!r} {number}/{len(places)}" if number else ""
