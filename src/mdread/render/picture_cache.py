"""The pictures of one article: where each is, its size, and the pixels decoded so far.

A :class:`Pictures` rides in the :class:`~mdread.render.context.RenderContext`.
Rendering asks it only for what is cheap (a header, already decoded pixels);
a face decides when to decode: the pipe at once (``eager``), the reader in a
worker thread for the pictures near the screen, which it finds by asking
:meth:`Pictures.wanted` about the blocks there.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mdread.load.images import Header, PictureError, cached, decode, locate, missing_decoder, read_header
from mdread.render.kitty import MAX_CELLS

if TYPE_CHECKING:
    from PIL.Image import Image

PROTOCOLS = ("blocks", "kitty")
"""How pictures are drawn: coloured half blocks (any colour terminal), or Kitty's graphics protocol."""
CELL_PIXELS = 8
"""Image pixels one cell stands for at natural size: a 640-pixel-wide image fills 80 columns."""
DECODED_ITEMS = 64
"""Decoded pictures kept; each is at most a screen of cells, a few tens of KB."""

Box = tuple[int, int]
"""A picture's size on screen in cells: columns and rows."""


@dataclass(frozen=True)
class Look:
    """What is known about a picture before decoding it.

    Attributes:
        path: The local file to draw (a fetched web image's copy included).
        url: The web address, for a web image.
        header: Format and size, when the file could be read.
        reason: Why it cannot be drawn; None when it can (or may be, once fetched).
    """

    path: Path | None = None
    url: str | None = None
    header: Header | None = None
    reason: str | None = None

    @property
    def drawable(self) -> bool:
        return self.header is not None and self.reason is None


def fit(header: Header, width: int, max_rows: int, *, grow: bool = False) -> Box:
    """The cells a picture takes: its natural size, never wider than ``width`` nor higher than ``max_rows``.

    A cell is about twice as high as wide, so with half blocks each cell shows
    two square pixels, one above the other. ``grow`` fills the space even past
    the natural size (the full-screen view).
    """
    cols = max(1, width if grow else min(width, math.ceil(header.width / CELL_PIXELS)))
    rows = max(1, math.ceil(cols * header.height / header.width / 2))
    if rows > max_rows:
        rows = max(1, max_rows)
        cols = max(1, min(cols, round(rows * 2 * header.width / header.height)))
    return cols, rows


class Pictures:
    """Pictures of one article, shared by every layout of a reader (widths come and go); thread safe.

    Args:
        base: The article's folder, for relative paths (None for stdin).
        protocol: One of ``PROTOCOLS``.
        max_rows: The most rows a picture may take (about half a screen).
        eager: Decode as soon as a picture is drawn (the pipe) instead of
            leaving it to :meth:`decode` (the reader, off its event loop).
        cache: The folder of fetched web images, or None to show none.
        cell: Image pixels per cell when decoding: two per cell for half
            blocks, the terminal's cell size in pixels for Kitty.
    """

    def __init__(self, base: Path | None, *, protocol: str = "blocks", max_rows: int = 12, eager: bool = False,
                 cache: Path | None = None, cell: tuple[int, int] = (1, 2)) -> None:
        self.base = base
        self.protocol = protocol
        self.max_rows = max_rows
        self.eager = eager
        self.cache = cache
        self.cell = cell
        self._placed: dict[tuple[Path, Box], int] = {}
        self._lock = threading.Lock()
        self._looks: dict[str, Look] = {}
        self._decoded: OrderedDict[tuple[Path, Box], Image | str] = OrderedDict()
        self._wanted: dict[str, set[Box]] = {}

    def look(self, src: str) -> Look:
        """Where ``src`` is and its header, read once."""
        found = self._looks.get(src)
        if found is None:
            found = self._looks[src] = self._find(src)
        return found

    def _find(self, src: str) -> Look:
        place = locate(src, self.base)
        if place.reason is not None:
            return Look(reason=place.reason)
        if (missing := missing_decoder()) is not None:
            return Look(url=place.url, reason=missing)
        path = place.path
        if place.url is not None:
            path = cached(place.url, self.cache) if self.cache is not None else None
            if path is None or not path.is_file():
                return Look(url=place.url)
        assert path is not None
        try:
            header = read_header(path)
        except PictureError as exc:
            return Look(path=path, url=place.url, reason=str(exc))
        return Look(path=path, url=place.url, header=header, reason=missing_decoder(header.kind))

    def fail(self, src: str, reason: str) -> None:
        """Remember why ``src`` cannot be shown (a fetch that failed), so its placeholder says so."""
        self._looks[src] = Look(url=self.look(src).url, reason=reason)

    def forget(self, src: str) -> None:
        """Look for ``src`` again next time (after a web image was fetched)."""
        self._looks.pop(src, None)

    def box(self, look: Look, width: int) -> Box:
        assert look.header is not None
        if self.protocol == "kitty":
            return fit(look.header, min(width, MAX_CELLS), min(self.max_rows, MAX_CELLS))
        return fit(look.header, width, self.max_rows)

    def placement(self, look: Look, box: Box) -> int | None:
        """The Kitty image id that shows ``look`` at ``box``, once the reader has sent the image."""
        assert look.path is not None
        return self._placed.get((look.path, box))

    def place(self, look: Look, box: Box, image_id: int) -> None:
        """Record that the terminal holds ``look`` at ``box`` as ``image_id``; its pixels are not needed again."""
        assert look.path is not None
        with self._lock:
            self._placed[(look.path, box)] = image_id
            self._decoded.pop((look.path, box), None)

    def pixels(self, src: str, look: Look, box: Box) -> Image | str | None:
        """The decoded picture for ``box``, the reason it failed, or None when not decoded yet.

        The reader's pictures are decoded by :meth:`decode` in a worker; a
        miss is remembered so the reader can find what the screen is waiting for.
        """
        assert look.path is not None
        key = (look.path, box)
        with self._lock:
            found = self._decoded.get(key)
            if found is not None:
                self._decoded.move_to_end(key)
                return found
            if not self.eager:
                self._wanted.setdefault(src, set()).add(box)
                return None
        return self.decode(look, box)

    def expect(self, src: str, box: Box) -> None:
        """Note that ``src`` will be drawn at ``box`` soon (it is near the screen), so it is decoded ahead."""
        with self._lock:
            self._wanted.setdefault(src, set()).add(box)

    def wanted(self, srcs: list[str]) -> list[tuple[str, Look, Box]]:
        """The pictures among ``srcs`` that were drawn as placeholders waiting for their pixels."""
        with self._lock:
            done = self._decoded.keys() | self._placed.keys()
            return [(src, self._looks[src], box) for src in dict.fromkeys(srcs) for box in self._wanted.get(src, ())
                    if src in self._looks and (self._looks[src].path, box) not in done]

    def decode(self, look: Look, box: Box) -> Image | str:
        """Decode a picture at ``box`` (slow: call it off the event loop) and keep the result."""
        assert look.path is not None and look.header is not None
        cols, rows = box
        try:
            result: Image | str = decode(look.path, look.header, (cols * self.cell[0], rows * self.cell[1]))
        except PictureError as exc:
            result = str(exc)
        with self._lock:
            self._decoded[(look.path, box)] = result
            while len(self._decoded) > DECODED_ITEMS:
                self._decoded.popitem(last=False)
        return result

    def done(self, src: str, box: Box) -> None:
        """Stop waiting for ``src`` at ``box``."""
        with self._lock:
            boxes = self._wanted.get(src)
            if boxes is not None:
                boxes.discard(box)
