"""The renderer: model blocks → lines of Rich segments at a width.

Both faces draw from here: the pipe face writes the lines, the reader wraps
them in strips. Nothing in this package imports Textual.
"""

from __future__ import annotations

from mdread.model import CodeBlock, Document, Heading
from mdread.render.blocks import render_block, render_heading
from mdread.render.code import code_height, render_code, resolve_language
from mdread.render.context import Line, Lines, RenderContext
from mdread.render.header import render_header

__all__ = [
    "Line",
    "Lines",
    "RenderContext",
    "code_height",
    "render_block",
    "render_header",
    "render_top",
    "resolve_language",
]


def render_top(doc: Document, index: int, ctx: RenderContext, *, focused: bool = False) -> Lines:
    """Render top-level block ``index`` of ``doc``: headings get their section number."""
    block = doc.blocks[index]
    if isinstance(block, Heading):
        return render_heading(block, ctx, doc.sections[block.section].number)
    if isinstance(block, CodeBlock):
        return render_code(block, ctx, focused=focused)
    return render_block(block, ctx)
