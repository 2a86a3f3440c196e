"""Marking rendered lines: search hits and the link cursor (no Textual here)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from mdread.render.marks import line_text, restyle

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
