"""Drawing a :class:`~mdread.model.Picture`: coloured half blocks and a caption, or a placeholder that says why not.

Half blocks are plain Rich segments (``▀`` with the upper pixel as foreground
and the lower as background), so the reader and the pipe face draw the same
picture. Without a :class:`~mdread.render.picture_cache.Pictures` in the
context (pictures off, or the pipe's default) a picture is the alt-text line
an inline image is.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import unquote

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mdread.model import Block, Callout, Footnotes, ListBlock, Picture, Quote, Run
from mdread.render.context import Line, Lines, RenderContext
from mdread.render.kitty import placeholder_cells
from mdread.render.picture_cache import Box, Look
from mdread.render.styles import STYLES
from mdread.render.text import inline_text, to_lines
from mdread.sanitize import clean

if TYPE_CHECKING:
    from PIL.Image import Image

OPAQUE = 128
"""Pixels at least this opaque are drawn; fainter ones show the background."""
LOADING = "loading…"


def render_picture(block: Picture, ctx: RenderContext) -> Lines:
    """The picture at ``ctx.width``, its caption under it; a placeholder when it cannot be drawn yet or at all."""
    pictures = ctx.pictures
    if pictures is None:
        return alt_line(block, ctx)
    look = pictures.look(block.src)
    if not look.drawable:
        return placeholder(block, look, ctx)
    box = pictures.box(look, ctx.width)
    image_id = pictures.placement(look, box) if pictures.protocol == "kitty" else None
    if image_id is not None:
        return [*placeholder_cells(image_id, *box), *caption(block, ctx)]
    pixels = pictures.pixels(block.src, look, box)
    if isinstance(pixels, str):
        return placeholder(block, Look(reason=pixels), ctx)
    body = half_blocks(pixels) if pixels is not None and pictures.protocol == "blocks" else waiting(box)
    return [*body, *caption(block, ctx)]


def alt_line(block: Picture, ctx: RenderContext) -> Lines:
    """The picture as the line an inline image is: ``[image: alt] src``."""
    return to_lines(inline_text((Run(block.alt or "image", frozenset({"image"}), block.src),), ctx), ctx.width)


def caption(block: Picture, ctx: RenderContext) -> Lines:
    """The alt text (and title) under a picture; nothing when the post gave neither."""
    words = " — ".join(clean(part) for part in (block.alt, block.title or "") if part.strip())
    if block.link:
        link = Run(words or "link", frozenset({"link"}), block.link)
        return to_lines(inline_text((link,), ctx, STYLES["caption"]), ctx.width)
    if not words:
        return []
    return to_lines(Text().append(words, STYLES["caption"]), ctx.width)


def placeholder(block: Picture, look: Look, ctx: RenderContext) -> Lines:
    """What stands for a picture not drawn: its alt text, then why, or the web address and how to fetch it."""
    text = Text("▣ ", STYLES["image"])
    text.append(clean(block.alt) or "image", STYLES["caption"])
    src = clean(unquote(block.src))
    if look.url is not None and look.reason is None and look.header is None:
        text.append(f"  {src}", STYLES["url"] + Style.from_meta({"fetch": block.src}) if ctx.links == "reader"
                    else STYLES["url"])
        if ctx.links == "reader":
            text.append("  (o, Enter: fetch)", STYLES["picture_note"])
        return to_lines(text, ctx.width)
    reason = look.reason or "cannot be drawn"
    text.append(f"  {src}: {clean(reason)}", STYLES["picture_note"])
    return to_lines(text, ctx.width)


def waiting(box: Box) -> Lines:
    """A picture's rows while it is decoded: a shaded box of its size, so nothing moves when it arrives."""
    cols, rows = box
    blank: Line = [Segment(" " * cols, STYLES["picture_wait"])]
    label = LOADING[:cols].center(cols)
    return [[Segment(label, STYLES["picture_wait"])] if row == rows // 2 else blank for row in range(rows)]


def half_blocks(image: Image) -> Lines:
    """An RGBA image as rows of ``▀``: each cell shows the pixel above as foreground, the one below as background."""
    width, height = image.size
    data = image.tobytes()
    stride = width * 4
    lines: Lines = []
    for y in range(0, height - 1, 2):
        top_row, bottom_row = y * stride, (y + 1) * stride
        cells: list[tuple[str, Style | None]] = []
        for x in range(0, stride, 4):
            top = data[top_row + x : top_row + x + 4]
            bottom = data[bottom_row + x : bottom_row + x + 4]
            cells.append(_cell(top[:3] if top[3] >= OPAQUE else None, bottom[:3] if bottom[3] >= OPAQUE else None))
        lines.append(_merge(cells))
    return lines


@functools.lru_cache(maxsize=4096)
def _cell(top: bytes | None, bottom: bytes | None) -> tuple[str, Style | None]:
    """The character and style of one cell; transparent halves show the background."""
    if top is None and bottom is None:
        return " ", None
    if top is None:
        assert bottom is not None
        return "▄", Style(color=Color.from_rgb(*bottom))
    return "▀", Style(color=Color.from_rgb(*top), bgcolor=Color.from_rgb(*bottom) if bottom is not None else None)


def _merge(cells: list[tuple[str, Style | None]]) -> Line:
    """Neighbouring cells of one style as one segment: fewer segments to crop, restyle and write."""
    line: Line = []
    run, style = "", None
    for char, cell_style in cells:
        if cell_style == style:
            run += char
            continue
        if run:
            line.append(Segment(run, style))
        run, style = char, cell_style
    if run:
        line.append(Segment(run, style))
    return line


def pictures_in(block: Block) -> list[Picture]:
    """Every picture in ``block``, nested ones (in lists, quotes, footnotes) included, in order."""
    if isinstance(block, Picture):
        return [block]
    if isinstance(block, ListBlock):
        return [p for item in block.items for child in item.blocks for p in pictures_in(child)]
    if isinstance(block, Quote | Callout):
        return [p for child in block.blocks for p in pictures_in(child)]
    if isinstance(block, Footnotes):
        return [p for _, blocks in block.notes for child in blocks for p in pictures_in(child)]
    return []
