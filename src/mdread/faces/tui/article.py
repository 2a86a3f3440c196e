"""The article body: a line-API scroll view that draws only the rows on screen.

One widget for the whole article (not one per block): ``render_line`` finds the
block under a row in the :class:`~mdread.render.layout.Layout` and asks it for that
block's lines, which are rendered on first sight and cached. Exact heights for
blocks off screen are measured by a thread worker and applied without moving
what the reader is looking at.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from mdread.faces.tui.images import PictureLoader
from mdread.faces.tui.messages import CodeFocused, LinkClicked, Moved, Painted
from mdread.faces.tui.search import highlight_span, mark
from mdread.model import CodeBlock, Document
from mdread.render import RenderContext
from mdread.render.layout import Layout, View


@dataclass(frozen=True)
class LinkSpot:
    """Where a link is drawn: its row in the article, first cell, width and target."""

    row: int
    x: int
    width: int
    href: str
    picture: bool = False
    """A web picture's placeholder: following it fetches the picture."""


MEASURE_BATCH = 32
MEASURE_PAUSE = 0.01
KEEP_WIDTHS = 3


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Scrolls through a :class:`Document`; holds the code cursor, folds and search term.

    It inherits no scrolling keys: the reader screen declares every key once,
    so the help screen and the keymap see them all.
    """

    DEFAULT_CSS = """
    ArticleView {
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        padding: 0;
    }
    """

    def __init__(self, doc: Document, ctx: RenderContext, view: View | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.doc = doc
        self.ctx = ctx
        self.view = view or View()
        self.doc_layout: Layout | None = None
        self.query_text = ""
        self._generation = 0
        self._by_width: dict[int, Layout] = {}
        self.link_cursor: LinkSpot | None = None
        self.partial = False
        self.painted = False
        """Whether the first screen of the article is laid out and drawn by the next refresh: measuring the rest
        waits until it is out."""
        self._pending: tuple[int, int] | None = None
        self._base_style: Style | None = None
        self.pictures = PictureLoader(self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None

    @property
    def base_style(self) -> Style:
        """The widget's own style, worked out once per style change instead of once per row."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and (self.doc_layout is None or self.doc_layout.ctx.width != width):
            self.relayout(width=width)

    def relayout(self, *, width: int | None = None, doc: Document | None = None, layout: Layout | None = None) -> None:
        """Lay the article out again, keeping the block at the top of the screen in place.

        Layouts of the last few widths are kept, so opening and closing the
        table of contents does not measure a long article again; a ``layout``
        built in a worker for the new document is taken if its width still fits.
        """
        anchor = self.anchor()
        if doc is not None:
            self.doc = doc
            self._by_width.clear()
        if width is not None:
            self.ctx = replace(self.ctx, width=width)
        if layout is None or layout.doc is not self.doc or layout.ctx.width != self.ctx.width:
            layout = self._by_width.pop(self.ctx.width, None)
        if layout is None:
            layout = Layout(self.doc, self.ctx, self.view)
        else:
            layout.set_view(self.view)
        self._by_width[self.ctx.width] = self.doc_layout = layout
        while len(self._by_width) > KEEP_WIDTHS:
            self._by_width.pop(next(iter(self._by_width)))
        self._generation += 1
        self._sync_size()
        self.restore(*(self._pending or anchor))
        self._pending = None
        self.post_message(Moved(self.current_section(), self.percent()))
        if self.painted:
            self._measure(self.doc_layout, self._generation)
        else:
            self.painted = True
            self.call_after_refresh(self._first_paint)
        self.call_after_refresh(self.pictures.near)

    def _first_paint(self) -> None:
        """The first screen is out (the refresh after the first layout): measure the rest, and tell the reader."""
        if self.doc_layout is not None:
            self._measure(self.doc_layout, self._generation)
        self.post_message(Painted())

    def anchor(self) -> tuple[int, int]:
        """The top-level block at the top of the screen and how many rows into it (-1: its blank line above)."""
        if self.doc_layout is None:
            return (0, -1)
        return self.doc_layout.locate(int(self.scroll_y))

    def restore(self, block: int, row: int = 0) -> None:
        if self.doc_layout is None or not self.doc_layout.items:
            return
        block = min(max(0, block), self.doc_layout.items - 1)
        self._settle_screen(self.doc_layout.body_top(block) + row)

    def _sync_size(self) -> None:
        assert self.doc_layout is not None
        self.virtual_size = Size(self.doc_layout.ctx.width, self.doc_layout.total)

    def _settle_screen(self, top: int) -> None:
        """Scroll to row ``top`` after making the heights of everything on screen exact."""
        layout = self.doc_layout
        assert layout is not None
        for _ in range(4):
            first, first_row = layout.locate(top)
            last, _ = layout.locate(top + self.size.height)
            pending = [i for i in range(first, last + 1) if not layout.exact[i]]
            if not pending:
                break
            layout.settle_many((i, layout.measure_cached(i)) for i in pending)
            top = layout.body_top(first) + first_row
        self._sync_size()
        self.scroll_to(y=top, animate=False, immediate=True)
        self.refresh()

    @work(thread=True, exclusive=True, group="measure")
    def _measure(self, layout: Layout, generation: int) -> None:
        """Make every height exact, in small batches with pauses so keys keep the GIL.

        Only the scrollbar and the percentage depend on it: whatever is drawn
        is measured on the spot. A partial document (the first part of a huge
        article, shown while the rest parses) is not worth measuring.
        """
        if self.partial:
            return
        worker = get_current_worker()
        todo = [i for i in range(layout.items) if not layout.exact[i]]
        for start in range(0, len(todo), MEASURE_BATCH):
            if worker.is_cancelled or generation != self._generation:
                return
            batch = [(i, layout.measure(i)) for i in todo[start : start + MEASURE_BATCH]]
            self.app.call_from_thread(self._apply_heights, generation, batch)
            time.sleep(MEASURE_PAUSE)

    def _apply_heights(self, generation: int, batch: list[tuple[int, int]]) -> None:
        if generation != self._generation or self.doc_layout is None:
            return
        block, row = self.anchor()
        self.doc_layout.settle_many(batch)
        self._sync_size()
        self.scroll_to(y=self.doc_layout.body_top(block) + row, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        layout = self.doc_layout
        row = int(self.scroll_y) + y
        base = self.base_style
        if layout is None or row >= layout.total:
            return Strip.blank(width, base)
        item, line_no = layout.locate(row)
        lines = layout.lines(item) if line_no >= 0 else []
        segments: list[Segment] = lines[line_no] if 0 <= line_no < len(lines) else []
        if self.query_text and segments:
            segments = mark(segments, self.query_text)
        spot = self.link_cursor
        if spot is not None and spot.row == row:
            segments = highlight_span(segments, spot.x, spot.x + spot.width)
        return Strip(segments).apply_style(base).crop_extend(0, width, base)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(Moved(self.current_section(), self.percent()))
        self.call_after_refresh(self.pictures.near)

    def redraw_blocks(self, blocks: list[int]) -> None:
        """Render ``blocks`` again (a picture in them arrived), keeping what is on screen in place."""
        layout = self.doc_layout
        if layout is None or not blocks:
            return
        for kept in self._by_width.values():
            kept.forget(blocks)
        block, row = self.anchor()
        layout.settle_many((i, layout.measure_cached(i)) for i in blocks if i < layout.items)
        self._sync_size()
        self.scroll_to(y=layout.body_top(block) + row, animate=False, immediate=True)
        self.refresh()

    def current_section(self) -> int | None:
        block, _ = self.anchor()
        return self.doc.section_at(block) if self.doc.blocks else None

    def percent(self) -> int:
        if self.doc_layout is None or self.max_scroll_y <= 0:
            return 100
        return round(100 * self.scroll_y / self.max_scroll_y)

    def scroll_to_block(self, block: int, row: int = 0) -> None:
        """Put ``block`` at the top of the screen, or remember to once the view has a size."""
        if self.doc_layout is None:
            self._pending = (block, row)
            return
        self.restore(block, row)
        self.post_message(Moved(self.current_section(), self.percent()))

    def set_view(self, view: View) -> None:
        """Apply a new cursor, fold set or language choice; only affected blocks re-render."""
        self.view = view
        if self.doc_layout is None:
            return
        anchor = self.anchor()
        self.doc_layout.set_view(view)
        self._generation += 1
        self.restore(*anchor)
        self._measure(self.doc_layout, self._generation)

    def on_click(self, event: events.Click) -> None:
        if self.doc_layout is None:
            return
        href = event.style.meta.get("href") if event.style else None
        if href:
            self.post_message(LinkClicked(href))
            return
        fetch = event.style.meta.get("fetch") if event.style else None
        if fetch:
            self.pictures.fetch(fetch, self.app.notify)
            return
        index, _ = self.doc_layout.locate(int(self.scroll_y) + event.y)
        block = self.doc.blocks[index] if index < len(self.doc.blocks) else None
        if isinstance(block, CodeBlock):
            self.post_message(CodeFocused(block.index))

    def _row_segments(self, row: int) -> list[Segment]:
        layout = self.doc_layout
        if layout is None or row >= layout.total:
            return []
        item, line_no = layout.locate(row)
        lines = layout.lines(item) if line_no >= 0 else []
        return lines[line_no] if 0 <= line_no < len(lines) else []

    def links_on_screen(self) -> list[LinkSpot]:
        """Every link drawn on screen now, in reading order."""
        spots: list[LinkSpot] = []
        top = int(self.scroll_y)
        for row in range(top, top + self.size.height):
            x = 0
            for seg in self._row_segments(row):
                meta = seg.style.meta if seg.style else {}
                href, fetch = meta.get("href"), meta.get("fetch")
                width = cell_len(seg.text)
                if href or fetch:
                    last = spots[-1] if spots else None
                    if last and last.row == row and last.href == (href or fetch) and last.x + last.width == x:
                        spots[-1] = LinkSpot(row, last.x, last.width + width, last.href, last.picture)
                    else:
                        spots.append(LinkSpot(row, x, width, href or fetch, picture=not href))
                x += width
        return spots

    def visible_blocks(self) -> range:
        """Top-level block indices at least partly on screen."""
        if self.doc_layout is None or not self.doc_layout.items:
            return range(0)
        first, _ = self.doc_layout.locate(int(self.scroll_y))
        last, _ = self.doc_layout.locate(int(self.scroll_y) + self.size.height - 1)
        return range(first, last + 1)
