"""Restyling stretches of already rendered lines: search hits, the link cursor, doubtful characters."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from mdread.render.context import Line, Lines


def line_text(line: Line) -> str:
    return "".join(seg.text for seg in line)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def restyle(line: Line, spans: Iterable[tuple[int, int]], style: Style) -> Line:
    """``line`` with the cell ranges ``spans`` drawn with ``style`` on top of their own.

    Linear in the line and its spans: a line of Chinese can hold dozens of
    doubtful characters, and testing every piece against every span was
    quadratic.
    """
    ordered = sorted(spans)
    if not ordered:
        return line
    covered = _merged(ordered)
    total = cell_len(line_text(line))
    cuts = [*sorted({edge for span in ordered for edge in span if 0 < edge < total}), total]
    out: Line = []
    position = k = 0
    for piece, stop in zip(Segment.divide(line, cuts), cuts, strict=False):
        while k < len(covered) and covered[k][1] <= position:
            k += 1
        inside = k < len(covered) and covered[k][0] <= position
        out.extend(Segment(seg.text, (seg.style or Style.null()) + style) if inside else seg for seg in piece)
        position = stop
    return out


@dataclass(frozen=True)
class _Windows:
    """The windows of :func:`mark_windows`, indexed: the marked characters, and the windows by length."""

    marked: re.Pattern[str]
    by_length: dict[int, frozenset[str]]


def _offset(window: str) -> int:
    """Where a window's doubtful character is: the middle of three, else the first."""
    return 1 if len(window) == 3 else 0


@functools.lru_cache(maxsize=8)
def _index(windows: frozenset[str]) -> _Windows:
    """Built once per set of windows (the set is the same object for every block of an article)."""
    by_length: dict[int, set[str]] = {}
    for window in windows:
        if window:
            by_length.setdefault(len(window), set()).add(window)
    chars = sorted({w[_offset(w)] for w in windows if w})
    pattern = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else re.compile("(?!)")
    return _Windows(pattern, {length: frozenset(found) for length, found in by_length.items()})


def mark_windows(lines: Lines, windows: frozenset[str], style: Style) -> Lines:
    """Restyle the doubtful character of every occurrence of each window (the middle one of three).

    Each line is scanned once for the characters that can be doubtful and only
    those are looked up, so the cost is the length of the text whatever the
    number of windows: a search per window per line took minutes on a megabyte
    of damaged Chinese.
    """
    index = _index(windows)
    out: Lines = []
    for line in lines:
        text = line_text(line)
        marked: list[int] = []
        for hit in index.marked.finditer(text):
            at = hit.start()
            for length, found in index.by_length.items():
                start = at - (1 if length == 3 else 0)
                if start >= 0 and text[start : start + length] in found:
                    marked.append(at)
                    break
        if not marked:
            out.append(line)
            continue
        if text.isascii():
            spans = [(at, at + 1) for at in marked]
        else:
            spans = []
            cells = done = 0
            for at in marked:
                cells += cell_len(text[done:at])
                width = cell_len(text[at])
                spans.append((cells, cells + width))
                cells += width
                done = at + 1
        out.append(restyle(line, spans, style))
    return out
