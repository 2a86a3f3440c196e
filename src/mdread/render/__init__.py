"""The renderer: model blocks → lines of Rich segments at a width.

Both faces draw from here: the pipe face writes the lines, the reader wraps
them in strips. Nothing in this package imports Textual.
"""

from __future__ import annotations

from mdread.model import CodeBlock, Document, Heading
from mdread.render import callout  # noqa: F401  (registers the callout renderer)
from mdread.render.blocks import render_block, render_heading
from mdread.render.code import code_height, render_code, resolve_language
from mdread.render.context import Line, Lines, RenderContext
from mdread.render.header import render_header
from mdread.render.marks import mark_windows
from mdread.render.styles import STYLES

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
    """Render top-level block ``index`` of ``doc``: headings get their section number, unless the author numbered them.

    Characters that mojibake repair could only guess (``ctx.uncertain``) are
    marked here, once for every kind of block.
    """
    block = doc.blocks[index]
    if isinstance(block, Heading):
        lines = render_heading(block, ctx, "" if doc.numbered_by_author else doc.sections[block.section].number)
    elif isinstance(block, CodeBlock):
        lines = render_code(block, ctx, focused=focused)
    else:
        lines = render_block(block, ctx)
    return mark_windows(lines, ctx.uncertain, STYLES["uncertain"]) if ctx.uncertain else lines
