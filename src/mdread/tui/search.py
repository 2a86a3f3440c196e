"""Marking rendered lines: search hits and the link cursor (no Textual here)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

HIT = Style(color="black", bgcolor="#ffd75f", bold=True)
CURSOR = Style(reverse=True, bold=True)


def line_text(line: list[Segment]) -> str:
    return "".join(seg.text for seg in line)


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


def highlight_span(line: list[Segment], start: int, end: int, style: Style = CURSOR) -> list[Segment]:
    """``line`` with cells ``start``..``end`` drawn in ``style`` (the link cursor)."""
    total = cell_len(line_text(line))
    cuts = [c for c in (start, end) if 0 < c < total]
    out: list[Segment] = []
    position = 0
    for piece, stop in zip(Segment.divide(line, [*cuts, total]), [*cuts, total], strict=False):
        inside = start <= position < end
        out.extend(Segment(seg.text, (seg.style or Style.null()) + style) if inside else seg for seg in piece)
        position = stop
    return out


def mark(line: list[Segment], query: str) -> list[Segment]:
    """``line`` with every match of ``query`` drawn in the hit style."""
    text = line_text(line)
    spans = [(cell_len(text[:a]), cell_len(text[:b])) for a, b in hits(text, query)]
    if not spans:
        return line
    total = cell_len(text)
    cuts = [*sorted({edge for span in spans for edge in span if edge < total}), total]
    out: list[Segment] = []
    position = 0
    for piece, end in zip(Segment.divide(line, cuts), cuts, strict=False):
        hit = any(start <= position < stop for start, stop in spans)
        out.extend(Segment(seg.text, (seg.style or Style.null()) + HIT) if hit else seg for seg in piece)
        position = end
    return out
