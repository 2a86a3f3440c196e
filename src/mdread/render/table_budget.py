"""How many cells a table would draw, and the plain form for one that would draw too many.

A table's drawing can cost far more than its text: the records view repeats
every header in every row (1,000 long headers over 240 rows of one-letter
cells drew 110 MB from 944 KB), and a bordered grid pads every column of a row
as tall as its tallest cell. Both are estimated before anything is drawn; past
:func:`budget`, each row is written on its own line, cells separated by ``│``,
which costs what the table's text costs.
"""

from __future__ import annotations

from rich.text import Text

from mdread.model import Inline, Table
from mdread.render.context import Lines, RenderContext
from mdread.render.styles import STYLES
from mdread.render.text import inline_text, to_lines

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


def render_rows(block: Table, ctx: RenderContext, columns: int) -> Lines:
    """The table too large to draw: a note, the header, then each row numbered, on lines of its own."""
    note = (f"⚠ a table of {columns:,} columns and {len(block.rows):,} rows is too large to draw; "
            f"each row follows its number, cells separated by {SEPARATOR.strip()}")
    out: Lines = to_lines(Text(note, STYLES["notice"]), ctx.width)
    out += to_lines(Text(SEPARATOR).join(inline_text(h, ctx, STYLES["table_header"]) for h in block.header),
                    ctx.width)
    for number, row in enumerate(block.rows, start=1):
        text = Text(f"{number}: ", STYLES["table_border"])
        text.append_text(Text(SEPARATOR).join(inline_text(cell, ctx) for cell in row))
        out += to_lines(text, ctx.width)
    return out
