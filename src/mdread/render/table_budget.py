"""How many cells a table would draw, and the plain form for one that would draw too many.

A table's drawing can cost far more than its text: the records view repeats
every header in every row (1,000 long headers over 240 rows of one-letter
cells drew 110 MB from 944 KB), and a bordered grid pads every column of a row
as tall as its tallest cell. Both are estimated before anything is drawn; past
:func:`budget`, each row is written as text on its own line, cells separated
by ``│``, which costs what the table's text costs.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mdread.model import Inline, Table, plain
from mdread.render.context import Lines, RenderContext
from mdread.render.styles import STYLES
from mdread.render.text import to_lines
from mdread.sanitize import clean

CELLS_PER_CHAR = 8
"""A table may draw this many cells for each character of its text…"""
MIN_CELLS = 100_000
"""…or this many, whichever is more: small tables are never cut short."""
SEPARATOR = " │ "


def _chars(inline: Inline) -> int:
    return sum(len(run.text) for run in inline)


def text_size(block: Table) -> int:
    """Characters of text in the table's cells."""
    return sum(map(_chars, block.header)) + sum(_chars(cell) for row in block.rows for cell in row)


def budget(block: Table) -> int:
    """The most cells the table may draw."""
    return max(MIN_CELLS, CELLS_PER_CHAR * text_size(block))


def records_cells(block: Table) -> int:
    """Cells the records view draws: every row repeats the headers of its cells."""
    heads = [_chars(h) + 2 for h in block.header]
    total = 0
    for row in block.rows:
        total += sum(heads[:len(row)]) + sum(map(_chars, row))
    return total


def grid_cells(block: Table, columns: int, width: int) -> int:
    """Cells a bordered grid draws at ``width``, taking each column at its even share of the width.

    Rich gives wider columns to longer text, so this overestimates a table of
    uneven columns; it is exact enough to tell a table from one row of a
    hundred thousand lines padded across every column.
    """
    share = max(1, (width - 1) // max(1, columns) - 3)
    total = 0
    for row in (block.header, *block.rows):
        tallest = max((-(-_chars(cell) // share) for cell in row), default=1)
        total += max(1, tallest) * width
    return total


def _folded(text: str, width: int, style: Style | None = None) -> Lines:
    """``text`` cut every ``width`` cells (not at words: a row of a thousand cells is no sentence)."""
    text = text.replace("\n", " ")
    if not text.isascii() and cell_len(text) != len(text):
        return to_lines(Text(text, style=style or ""), width)
    return [[Segment(text[i : i + width], style)] for i in range(0, len(text), width)] or [[]]


def render_rows(block: Table, ctx: RenderContext, columns: int) -> Lines:
    """The table too large to draw: a note, the header, then each row numbered, as plain text on lines of its own.

    Cells are shown as text, without their emphasis or links' addresses: the
    point is that nothing is hidden and the cost stays that of the text.
    """
    note = (f"⚠ a table of {columns:,} columns and {len(block.rows):,} rows is too large to draw; "
            f"each row follows its number as text, cells separated by {SEPARATOR.strip()}")
    out: Lines = to_lines(Text(note, STYLES["notice"]), ctx.width)
    out += _folded(SEPARATOR.join(clean(plain(h)) for h in block.header), ctx.width, STYLES["table_header"])
    for number, row in enumerate(block.rows, start=1):
        out += _folded(f"{number}: " + SEPARATOR.join(clean(plain(cell)) for cell in row), ctx.width)
    return out
