"""Restyling stretches of already rendered lines: search hits, the link cursor, doubtful characters."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from mdread.render.context import Line, Lines


def line_text(line: Line) -> str:
    return "".join(seg.text for seg in line)


def restyle(line: Line, spans: Iterable[tuple[int, int]], style: Style) -> Line:
    """``line`` with the cell ranges ``spans`` drawn with ``style`` on top of their own."""
    spans = sorted(spans)
    if not spans:
        return line
    total = cell_len(line_text(line))
    cuts = [*sorted({edge for span in spans for edge in span if 0 < edge < total}), total]
    out: Line = []
    position = 0
    for piece, stop in zip(Segment.divide(line, cuts), cuts, strict=False):
        inside = any(start <= position < end for start, end in spans)
        out.extend(Segment(seg.text, (seg.style or Style.null()) + style) if inside else seg for seg in piece)
        position = stop
    return out


def mark_windows(lines: Lines, windows: frozenset[str], style: Style) -> Lines:
    """Restyle the middle character of every occurrence of each three-character window."""
    out: Lines = []
    for line in lines:
        text = line_text(line)
        spans = []
        for window in windows:
            start = text.find(window)
            while start >= 0:
                middle = start + (1 if len(window) == 3 else 0)
                spans.append((cell_len(text[:middle]), cell_len(text[: middle + 1])))
                start = text.find(window, start + 1)
        out.append(restyle(line, spans, style) if spans else line)
    return out
