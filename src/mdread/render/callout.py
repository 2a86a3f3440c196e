"""Callouts: a GitHub alert, a ``:::`` container, a blog engine's note or an HTML ``<details>``, drawn alike.

A callout is a quote with a title: a bar in the colour of its kind, then
its title (or the kind's name) after the kind's sign, then its blocks.
Registering here keeps the renderer registry in :mod:`mdread.render.blocks`
free of a module that needs its helpers.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mdread.model import Callout
from mdread.render.blocks import MIN_TEXT_WIDTH, RENDERERS, render_blocks
from mdread.render.context import Lines, RenderContext
from mdread.render.text import indent, inline_text, to_lines

KINDS: dict[str, tuple[str, str]] = {
    "note": ("ℹ", "#5fafff"), "info": ("ℹ", "#5fafff"), "hint": ("ℹ", "#5fafff"), "notice": ("ℹ", "#5fafff"),
    "tip": ("✓", "#5fd75f"), "success": ("✓", "#5fd75f"),
    "important": ("!", "#af87ff"), "primary": ("!", "#af87ff"),
    "warning": ("⚠", "#d7af5f"), "attention": ("⚠", "#d7af5f"),
    "caution": ("✖", "#ff5f5f"), "danger": ("✖", "#ff5f5f"), "error": ("✖", "#ff5f5f"),
    "details": ("▾", "#8a8a8a"),
}
"""Sign and colour by kind; a kind not listed (``default``, a theme's own) is drawn as a note."""
DEFAULT_KIND = "note"
BAR = "▌ "


def render_callout(block: Callout, ctx: RenderContext) -> Lines:
    """Draw the bar, the title line and the blocks; past ``MIN_TEXT_WIDTH`` only the title line marks it."""
    sign, color = KINDS.get(block.kind, KINDS[DEFAULT_KIND])
    style = Style(color=color, bold=True)
    room = ctx.width - len(BAR) >= MIN_TEXT_WIDTH
    inner = ctx.narrower(len(BAR)) if room else ctx
    title = Text(f"{sign} ", style)
    title.append_text(inline_text(block.title, inner, style) if block.title else Text(block.kind.capitalize(), style))
    lines = to_lines(title, inner.width) + render_blocks(block.blocks, inner, gap=True)
    if not room:
        return lines
    bar = [Segment(BAR, Style(color=color))]
    return indent(lines, bar, bar)


RENDERERS[Callout] = render_callout
