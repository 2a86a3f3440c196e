"""An article laid out at one width: where every block starts, and its lines on demand.

The reader draws only what is on screen, so it needs to know where block *i*
starts without rendering blocks 0..i-1. Heights start as estimates (code panes
are counted exactly without highlighting; prose is estimated from its source
lines) and become exact as blocks are rendered, on screen or by a background
pass. Nothing here imports Textual.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.segment import Segment

from mdread.model import CodeBlock, Document, Heading, Paragraph
from mdread.render import Lines, RenderContext, code_height, render_header, render_top
from mdread.render.styles import STYLES

CACHE_ITEMS = 400


@dataclass(frozen=True)
class View:
    """Per-reader choices that change how blocks look: cursor, folds, languages."""

    focused_code: int | None = None
    folded: frozenset[int] = frozenset()
    languages: tuple[tuple[int, str], ...] = ()


class Layout:
    """Heights and offsets of the header (item 0) and each top-level block (item i+1).

    Every item but the first is preceded by one blank line. Items hidden by a
    folded section, and the header when a face draws its own, have height 0.
    """

    def __init__(self, doc: Document, ctx: RenderContext, view: View | None = None, *, header: bool = True) -> None:
        self.doc = doc
        self.header = header
        self.view = view = view or View()
        self.ctx = replace(ctx, languages=dict(view.languages))
        self._lock = threading.Lock()
        self._cache: OrderedDict[int, Lines] = OrderedDict()
        self._hidden = self._hidden_items()
        self.heights = [self._estimate(i) for i in range(len(doc.blocks) + 1)]
        self.exact = [i in self._hidden or (i > 0 and isinstance(doc.blocks[i - 1], CodeBlock))
                      for i in range(len(self.heights))]
        self._offsets: list[int] = []
        self._reindex()

    @property
    def items(self) -> int:
        return len(self.heights)

    @property
    def total(self) -> int:
        return self._offsets[-1]

    def top(self, item: int) -> int:
        """The first row of ``item`` (its separating blank line included)."""
        return self._offsets[item]

    def body_top(self, item: int) -> int:
        """The first row of ``item``'s own content."""
        return self._offsets[item] + (1 if item else 0)

    def locate(self, row: int) -> tuple[int, int]:
        """The item at ``row`` and the row within it (-1 for the separating blank line)."""
        item = max(0, min(bisect.bisect_right(self._offsets, row) - 1, self.items - 1))
        return item, row - self._offsets[item] - (1 if item else 0)

    def lines(self, item: int) -> Lines:
        """The rendered lines of ``item``, rendering on a cache miss and fixing its height."""
        with self._lock:
            cached = self._cache.get(item)
            if cached is not None:
                self._cache.move_to_end(item)
                return cached
        lines = self._render(item)
        with self._lock:
            self._cache[item] = lines
            while len(self._cache) > CACHE_ITEMS:
                self._cache.popitem(last=False)
        return lines

    def measure(self, item: int) -> int:
        """The exact height of ``item``, computed without touching shared state (thread-safe)."""
        if item in self._hidden:
            return 0
        block = self.doc.blocks[item - 1] if item else None
        if isinstance(block, CodeBlock):
            return code_height(block, self.ctx) + 1
        return len(self._render(item)) + (1 if item else 0)

    def measure_cached(self, item: int) -> int:
        """The exact height of ``item``, keeping its lines: for items about to be drawn."""
        if item in self._hidden:
            return 0
        return len(self.lines(item)) + (1 if item else 0)

    def settle_many(self, heights: Iterable[tuple[int, int]]) -> None:
        """Record exact heights measured on screen or by a background pass."""
        for item, height in heights:
            self.heights[item] = height
            self.exact[item] = True
        self._reindex()

    def set_view(self, view: View) -> None:
        """Apply a new cursor, fold set or language choice, re-rendering only what it touches."""
        old, self.view = self.view, view
        self.ctx = replace(self.ctx, languages=dict(view.languages))
        owners = self.doc.code_owner
        dirty = {owners[i - 1] + 1 for i in (old.focused_code, view.focused_code) if i}
        dirty |= {owners[i - 1] + 1 for i, _ in set(old.languages) ^ set(view.languages)}
        if old.folded != view.folded:
            self._hidden = self._hidden_items()
            for index in old.folded ^ view.folded:
                section = self.doc.sections[index]
                for item in range(section.block + 1, section.block_end + 1):
                    dirty.add(item)
                    self.heights[item] = self._estimate(item)
                    self.exact[item] = item in self._hidden or isinstance(self.doc.blocks[item - 1], CodeBlock)
            self._reindex()
        with self._lock:
            for item in dirty:
                self._cache.pop(item, None)

    def _reindex(self) -> None:
        self._offsets = [0, *itertools.accumulate(self.heights)]

    def _hidden_items(self) -> set[int]:
        hidden: set[int] = set() if self.header else {0}
        for index in self.view.folded:
            section = self.doc.sections[index]
            hidden.update(range(section.block + 2, section.block_end + 1))
        return hidden

    def _estimate(self, item: int) -> int:
        if item in self._hidden:
            return 0
        if item == 0:
            return 4
        block = self.doc.blocks[item - 1]
        if isinstance(block, CodeBlock):
            return code_height(block, self.ctx) + 1
        if isinstance(block, Heading):
            return (2 if block.level <= 2 else 1) + 1 + (1 if self._folded_section(item) is not None else 0)
        if isinstance(block, Paragraph):
            cells = sum(len(run.text) if run.text.isascii() else cell_len(run.text) for run in block.inline)
            return -(-cells // max(1, self.ctx.width)) + 1
        nxt = self.doc.blocks[item].line if item < len(self.doc.blocks) else block.line + 1
        return max(1, nxt - block.line - 1) + 1

    def _folded_section(self, item: int) -> int | None:
        block = self.doc.blocks[item - 1] if item else None
        if isinstance(block, Heading) and block.section in self.view.folded:
            return block.section
        return None

    def _render(self, item: int) -> Lines:
        if item in self._hidden:
            return []
        if item == 0:
            return render_header(self.doc, self.ctx)
        block = self.doc.blocks[item - 1]
        focused = isinstance(block, CodeBlock) and block.index == self.view.focused_code
        lines = render_top(self.doc, item - 1, self.ctx, focused=focused)
        folded = self._folded_section(item)
        if folded is not None:
            section = self.doc.sections[folded]
            count = section.line_end - section.line
            lines = [*lines, [Segment(f"▸ {count} lines folded (z unfolds)", STYLES["notice"])]]
        return lines
