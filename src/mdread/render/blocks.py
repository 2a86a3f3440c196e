"""Renderers for prose blocks, and the registry from block type to renderer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text

from mdread.model import (
    Block,
    CodeBlock,
    Footnotes,
    Heading,
    ListBlock,
    Math,
    Notice,
    Paragraph,
    Picture,
    Quote,
    Rule,
    Table,
)
from mdread.render.code import render_code
from mdread.render.context import Line, Lines, RenderContext
from mdread.render.styles import STYLES
from mdread.render.table_budget import budget, grid_cells, records_cells, render_rows
from mdread.render.text import indent, inline_text, to_lines
from mdread.sanitize import clean

Renderer = Callable[[Any, RenderContext], Lines]

MIN_TEXT_WIDTH = 20
"""Quotes, lists and footnotes stop indenting when less than this would be left for their text."""
MIN_COLUMN_WIDTH = 4
"""Cells a table column needs (border, padding, one character); narrower tables are drawn as records."""


def _has_room(ctx: RenderContext, indent_by: int) -> bool:
    return ctx.width - indent_by >= MIN_TEXT_WIDTH


def _cells(line: Line) -> int:
    return sum(seg.cell_length for seg in line)


def _lead(lines: Lines, first: Line, width: int) -> Lines:
    """Put ``first`` before the first line if it fits within ``width``, else on a line of its own."""
    if lines and _cells(first) + _cells(lines[0]) <= width:
        return [[*first, *lines[0]], *lines[1:]]
    return [list(first), *lines]


def render_heading(block: Heading, ctx: RenderContext, number: str = "") -> Lines:
    style = STYLES[f"h{block.level}"]
    text = Text()
    if block.level == 1:
        text.append(" ", style)
    if number:
        text.append(f"{number} ", STYLES["number"] + style if block.level == 1 else STYLES["number"])
    text.append_text(inline_text(block.inline, ctx, style))
    if block.level == 1:
        text.append(" ", style)
    lines = to_lines(text, ctx.width)
    if block.level <= 2:
        lines.append([Segment(("━" if block.level == 1 else "─") * ctx.width, STYLES["rule"])])
    return lines


def render_paragraph(block: Paragraph, ctx: RenderContext) -> Lines:
    if any("display" in run.marks for run in block.inline):
        from mdread.render.math.draw import render_mixed

        return render_mixed(block, ctx)
    return to_lines(inline_text(block.inline, ctx), ctx.width)


def render_blocks(blocks: tuple[Block, ...], ctx: RenderContext, gap: bool = False) -> Lines:
    """Render nested blocks one after another, with a blank line between them if ``gap``."""
    out: Lines = []
    for i, block in enumerate(blocks):
        if gap and i:
            out.append([])
        out.extend(render_block(block, ctx))
    return out


_BULLETS = ("•", "◦", "▪")


def render_list(block: ListBlock, ctx: RenderContext, depth: int = 0) -> Lines:
    """Draw a list with hanging indents; past ``MIN_TEXT_WIDTH`` items keep their marker but no indent."""
    numbers = [str(block.start + i) + "." for i in range(len(block.items))] if block.ordered else []
    marker_width = max((len(n) for n in numbers), default=1) + 1
    out: Lines = []
    for i, item in enumerate(block.items):
        if item.checked is not None:
            box_text, box_style = ("☑ ", STYLES["task_done"]) if item.checked else ("☐ ", STYLES["task_open"])
            first, width = [Segment(box_text, box_style)], 2
        else:
            marker = numbers[i].rjust(marker_width - 1) if block.ordered else _BULLETS[depth % len(_BULLETS)]
            first, width = [Segment(marker + " ", STYLES["bullet"])], marker_width
        room = _has_room(ctx, width)
        inner = ctx.narrower(width) if room else ctx
        lines: Lines = []
        for child in item.blocks:
            if isinstance(child, ListBlock):
                lines.extend(render_list(child, inner, depth + 1))
            else:
                lines.extend(render_block(child, inner))
        out.extend(indent(lines, first, [Segment(" " * width)]) if room else _lead(lines, first, ctx.width))
    return out


def render_quote(block: Quote, ctx: RenderContext) -> Lines:
    """Draw a quote behind a bar; past ``MIN_TEXT_WIDTH`` only its colour marks it."""
    room = _has_room(ctx, 2)
    lines = render_blocks(block.blocks, ctx.narrower(2) if room else ctx, gap=True)
    tinted = [[Segment(s.text, STYLES["quote"] + s.style if s.style else STYLES["quote"]) for s in line]
              for line in lines]
    if not room:
        return tinted
    bar = [Segment("▌ ", STYLES["quote"])]
    return indent(tinted, bar, bar)


def render_table(block: Table, ctx: RenderContext) -> Lines:
    """Draw a bordered table, or records of ``header: cell`` lines when its columns cannot fit.

    Either form is drawn only within the table's cell budget (see :mod:`.table_budget`).
    """
    columns = max(len(block.header), *(len(r) for r in block.rows)) if block.rows else len(block.header)
    records = columns * MIN_COLUMN_WIDTH + 1 > ctx.width
    cells = records_cells(block) if records else grid_cells(block, columns, ctx.width)
    if cells > budget(block):
        return render_rows(block, ctx, columns)
    if records:
        return _table_records(block, ctx)
    from rich.table import Table as RichTable  # 7-14 ms to import, paid by articles with a table only

    table = RichTable(
        box=box.ROUNDED,
        border_style=STYLES["table_border"],
        header_style=STYLES["table_header"],
        expand=False,
        pad_edge=True,
    )
    for i in range(columns):
        head = inline_text(block.header[i], ctx) if i < len(block.header) else Text()
        align = block.align[i] if i < len(block.align) else None
        table.add_column(head, justify=align or "left", overflow="fold")
    for row in block.rows:
        table.add_row(*(inline_text(cell, ctx) for cell in row))
    return to_lines(table, ctx.width)


def _table_records(block: Table, ctx: RenderContext) -> Lines:
    """A table too wide to draw, one record per row, so that no cell is squeezed out of sight."""
    if not block.rows:
        return to_lines(Text(" │ ").join(inline_text(h, ctx, STYLES["table_header"]) for h in block.header), ctx.width)
    out: Lines = []
    for number, row in enumerate(block.rows, start=1):
        label = f"─ row {number} "
        out.append([Segment(label + "─" * max(0, ctx.width - len(label)), STYLES["table_border"])])
        for i, cell in enumerate(row):
            head = inline_text(block.header[i], ctx, STYLES["table_header"]) if i < len(block.header) else Text()
            out += to_lines(Text.assemble(head, ": ", inline_text(cell, ctx)), ctx.width)
    return out


def render_rule(block: Rule, ctx: RenderContext) -> Lines:
    if block.label:
        label = f" {block.label} "
        side = max(0, ctx.width - cell_len(label)) // 2
        return [[Segment("┈" * side + label + "┈" * max(0, ctx.width - side - cell_len(label)), STYLES["more"])]]
    return [[Segment("─" * ctx.width, STYLES["rule"])]]


def render_footnotes(block: Footnotes, ctx: RenderContext) -> Lines:
    """Draw notes under their labels; a label too long to hang text from gets lines of its own."""
    out: Lines = [[Segment("─" * min(20, ctx.width), STYLES["rule"])]]
    labels = [f"[{clean(label)}] " for label, _ in block.notes]
    width = max(cell_len(label) for label in labels)
    room = _has_room(ctx, width)
    for label, (_, blocks) in zip(labels, block.notes, strict=True):
        if not room:
            out += to_lines(Text(label, STYLES["footref"]), ctx.width) + render_blocks(blocks, ctx)
            continue
        lines = render_blocks(blocks, ctx.narrower(width))
        head = [Segment(label + " " * (width - cell_len(label)), STYLES["footref"])]
        out.extend(indent(lines, head, [Segment(" " * width)]))
    return out


def render_notice(block: Notice, ctx: RenderContext) -> Lines:
    return to_lines(Text(f"⚠ {clean(block.text)}", STYLES["notice"]), ctx.width)


def render_math(block: Math, ctx: RenderContext) -> Lines:
    """Display math; LaTeX conversion is imported by the first article that has some."""
    from mdread.render.math.draw import render_math as draw

    return draw(block, ctx)


def render_picture(block: Picture, ctx: RenderContext) -> Lines:
    """A picture; picture handling (file headers, decoding, hashing) is imported by the first article with one."""
    from mdread.render.picture import render_picture as draw

    return draw(block, ctx)


RENDERERS: dict[type, Renderer] = {
    Heading: render_heading,
    Paragraph: render_paragraph,
    CodeBlock: render_code,
    ListBlock: render_list,
    Quote: render_quote,
    Table: render_table,
    Rule: render_rule,
    Math: render_math,
    Footnotes: render_footnotes,
    Notice: render_notice,
    Picture: render_picture,
}


def render_block(block: Block, ctx: RenderContext) -> Lines:
    """Render any block at ``ctx.width``: the one entry point both faces use."""
    return RENDERERS[type(block)](block, ctx)
