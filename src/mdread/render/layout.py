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

from mdread.model import CodeBlock, Document, Heading, Paragraph, Picture
from mdread.render import Lines, RenderContext, code_height, render_top
from mdread.render.styles import STYLES

CACHE_ITEMS = 400


@dataclass(frozen=True)
class View:
    """Per-reader choices that change how blocks look: cursor, folds, languages."""

    focused_code: int | None = None
    folded: frozenset[int] = frozenset()
    languages: tuple[tuple[int, str], ...] = ()


class Layout:
    """Heights and offsets of each top-level block; every block is preceded by one blank line.

    Blocks hidden by a folded section have height 0.
    """

    def __init__(self, doc: Document, ctx: RenderContext, view: View | None = None) -> None:
        self.doc = doc
        self.view = view = view or View()
        self.ctx = replace(ctx, languages=dict(view.languages))
        self._lock = threading.Lock()
        self._cache: OrderedDict[int, Lines] = OrderedDict()
        self._hidden = self._hidden_blocks()
        self.heights = [self._estimate(i) for i in range(len(doc.blocks))]
        self.exact = [self._exact_unrendered(i) for i in range(len(doc.blocks))]
        self._offsets: list[int] = []
        self._reindex()

    @property
    def items(self) -> int:
        return len(self.heights)

    @property
    def total(self) -> int:
        return self._offsets[-1]

    def top(self, block: int) -> int:
        """The first row of ``block``: its separating blank line."""
        return self._offsets[block]

    def body_top(self, block: int) -> int:
        """The first row of ``block``'s own content."""
        return self._offsets[block] + 1

    def locate(self, row: int) -> tuple[int, int]:
        """The block at ``row`` and the row within it (-1 for the separating blank line); block 0 when empty."""
        block = max(0, min(bisect.bisect_right(self._offsets, row) - 1, self.items - 1))
        return block, row - self._offsets[block] - 1

    def lines(self, block: int) -> Lines:
        """The rendered lines of ``block``, rendering on a cache miss."""
        with self._lock:
            cached = self._cache.get(block)
            if cached is not None:
                self._cache.move_to_end(block)
                return cached
        lines = self._render(block)
        with self._lock:
            self._cache[block] = lines
            while len(self._cache) > CACHE_ITEMS:
                self._cache.popitem(last=False)
        return lines

    def peek(self, block: int) -> Lines:
        """The lines of ``block``, from the cache or rendered without keeping them (thread-safe).

        For passes over the whole article from a worker, such as counting
        search matches, which must not push what is on screen out of the cache.
        """
        with self._lock:
            cached = self._cache.get(block)
        return cached if cached is not None else self._render(block)

    def measure(self, block: int) -> int:
        """The exact height of ``block``, computed without touching shared state (thread-safe)."""
        if block in self._hidden:
            return 0
        item = self.doc.blocks[block]
        if isinstance(item, CodeBlock):
            return code_height(item, self.ctx) + 1
        return len(self._render(block)) + 1

    def measure_cached(self, block: int) -> int:
        """The exact height of ``block``, keeping its lines: for blocks about to be drawn."""
        if block in self._hidden:
            return 0
        return len(self.lines(block)) + 1

    def settle_many(self, heights: Iterable[tuple[int, int]]) -> None:
        """Record exact heights measured on screen or by a background pass."""
        for block, height in heights:
            self.heights[block] = height
            self.exact[block] = True
        self._reindex()

    def set_view(self, view: View) -> None:
        """Apply a new cursor, fold set or language choice, re-rendering only what it touches."""
        old, self.view = self.view, view
        self.ctx = replace(self.ctx, languages=dict(view.languages))
        owners = self.doc.code_owner
        dirty = {owners[i - 1] for i in (old.focused_code, view.focused_code) if i}
        dirty |= {owners[i - 1] for i, _ in set(old.languages) ^ set(view.languages)}
        if old.folded != view.folded:
            self._hidden = self._hidden_blocks()
            for index in old.folded ^ view.folded:
                section = self.doc.sections[index]
                for block in range(section.block, section.block_end):
                    dirty.add(block)
                    self.heights[block] = self._estimate(block)
                    self.exact[block] = self._exact_unrendered(block)
            self._reindex()
        with self._lock:
            for block in dirty:
                self._cache.pop(block, None)

    def forget(self, blocks: Iterable[int]) -> None:
        """Drop the rendered lines of ``blocks`` (a picture arrived): they render again when next seen."""
        with self._lock:
            for block in blocks:
                self._cache.pop(block, None)

    def _reindex(self) -> None:
        self._offsets = [0, *itertools.accumulate(self.heights)]

    def _hidden_blocks(self) -> set[int]:
        hidden: set[int] = set()
        for index in self.view.folded:
            section = self.doc.sections[index]
            hidden.update(range(section.block + 1, section.block_end))
        return hidden

    def _exact_unrendered(self, block: int) -> bool:
        """Whether the estimate of ``block`` is already its height: hidden, a code pane or a picture (exact)."""
        return block in self._hidden or isinstance(self.doc.blocks[block], CodeBlock | Picture)

    def _estimate(self, block: int) -> int:
        if block in self._hidden:
            return 0
        item = self.doc.blocks[block]
        if isinstance(item, CodeBlock):
            return code_height(item, self.ctx) + 1
        if isinstance(item, Heading):
            return (2 if item.level <= 2 else 1) + 1 + (1 if self._folded_section(block) is not None else 0)
        if isinstance(item, Picture):
            return len(self._render(block)) + 1
        if isinstance(item, Paragraph):
            cells = sum(len(run.text) if run.text.isascii() else cell_len(run.text) for run in item.inline)
            return -(-cells // max(1, self.ctx.width)) + 1
        nxt = self.doc.blocks[block + 1].line if block + 1 < len(self.doc.blocks) else item.line + 1
        return max(1, nxt - item.line - 1) + 1

    def _folded_section(self, block: int) -> int | None:
        item = self.doc.blocks[block]
        if isinstance(item, Heading) and item.section in self.view.folded:
            return item.section
        return None

    def _render(self, block: int) -> Lines:
        if block in self._hidden:
            return []
        item = self.doc.blocks[block]
        focused = isinstance(item, CodeBlock) and item.index == self.view.focused_code
        lines = render_top(self.doc, block, self.ctx, focused=focused)
        folded = self._folded_section(block)
        if folded is not None:
            section = self.doc.sections[folded]
            count = section.line_end - section.line
            lines = [*lines, [Segment(f"▸ {count} lines folded (z unfolds)", STYLES["notice"])]]
        return lines
