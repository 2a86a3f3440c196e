"""Searching the rendered article and marking what is found (no Textual here)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from mdread.model import Document
from mdread.render.layout import Layout
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
