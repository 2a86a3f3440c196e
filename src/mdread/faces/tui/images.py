"""Pictures in the reader: decoding off the event loop, fetching web images when asked, the full-screen view.

The renderer draws a picture that is not decoded yet as a shaded box of its
final size (known from the file's header). After each scroll or layout, the
reader asks which pictures near the screen (one screen above, two below) wait
for pixels and decodes those in a worker thread; each one that arrives makes
the blocks showing it render again. A picture far from the screen is never
decoded.
"""

from __future__ import annotations

import base64
import io
import itertools
import random
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from mdread.load.images import PictureError, fetch
from mdread.model import Document, Picture
from mdread.platform.storage import app_dir
from mdread.platform.terminal import cell_pixels, picture_protocol
from mdread.render.context import Lines
from mdread.render.kitty import MAX_ID
from mdread.render.layout import Layout
from mdread.render.picture import half_blocks, pictures_in
from mdread.render.picture_cache import PROTOCOLS, Box, Look, Pictures, fit
from mdread.sanitize import clean


class PictureHost(Protocol):
    """What :class:`PictureLoader` needs of the article view (named so, not imported: that would be a cycle)."""

    doc: Document
    doc_layout: Layout | None
    scroll_y: float
    size: Size
    app: Any

    def run_worker(self, work: Callable[[], None], *, thread: bool, group: str, exclusive: bool = False) -> Any: ...

    def redraw_blocks(self, blocks: list[int]) -> None: ...

if TYPE_CHECKING:
    from PIL.Image import Image

KITTY_CHUNK = 4096
"""Kitty takes an image's base64 in pieces of at most this many bytes."""
SCREENS_ABOVE = 1
SCREENS_BELOW = 2
"""Pictures this many screens above and below the one shown are decoded ahead of scrolling."""


def reader_pictures(path: Path | None, mode: str, screen_rows: int) -> tuple[Pictures | None, str | None]:
    """The pictures of the article at ``path`` for ``images = mode``, and a note if the mode cannot be honoured.

    Pictures take at most half the screen's height, so text stays in sight
    around them; ``v`` shows one full screen.
    """
    protocol = picture_protocol(mode)
    if protocol == "off":
        return None, None
    note = None
    if protocol not in PROTOCOLS:
        note = f"{protocol} pictures are not drawn yet; using coloured half blocks" if mode == protocol else None
        protocol = "blocks"
    base = path.parent if path is not None else None
    cell = cell_pixels() if protocol == "kitty" else (1, 2)
    return Pictures(base, protocol=protocol, max_rows=max(4, screen_rows // 2), cache=app_dir("cache") / "images",
                    cell=cell), note


def kitty_transmit(image: Image, image_id: int, box: Box) -> str:
    """The escapes that send ``image`` to Kitty as ``image_id`` and place it virtually over ``box`` cells.

    The image goes as PNG in base64 chunks of 4096 bytes; ``q=2`` keeps the
    terminal from answering, since an answer would arrive as keys.
    """
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = base64.standard_b64encode(buffer.getvalue()).decode("ascii")
    chunks = [data[i : i + KITTY_CHUNK] for i in range(0, len(data), KITTY_CHUNK)] or [""]
    parts = []
    for index, chunk in enumerate(chunks):
        more = 1 if index < len(chunks) - 1 else 0
        keys = f"f=100,i={image_id},q=2,m={more}" if index == 0 else f"m={more}"
        parts.append(f"\x1b_G{keys};{chunk}\x1b\\")
    cols, rows = box
    parts.append(f"\x1b_Ga=p,U=1,i={image_id},c={cols},r={rows},q=2\x1b\\")
    return "".join(parts)


def picture_blocks(doc: Document) -> dict[str, list[int]]:
    """For each picture source in ``doc``, the top-level blocks that show it."""
    found: dict[str, list[int]] = {}
    for index, block in enumerate(doc.blocks):
        for picture in pictures_in(block):
            found.setdefault(picture.src, []).append(index)
    return found


class PictureLoader:
    """Decodes the pictures near an :class:`ArticleView`'s screen and fetches web images on request."""

    def __init__(self, view: PictureHost) -> None:
        self.view = view
        self._doc: Document | None = None
        self._blocks: dict[str, list[int]] = {}
        self._pending: list[tuple[str, Look, Box]] = []
        self._ids = itertools.count(random.randrange(1, MAX_ID - 2**20))

    @property
    def pictures(self) -> Pictures | None:
        layout = self.view.doc_layout
        return layout.ctx.pictures if layout is not None else None

    def blocks_of(self, src: str) -> list[int]:
        if self._doc is not self.view.doc:
            self._doc, self._blocks = self.view.doc, picture_blocks(self.view.doc)
        return self._blocks.get(src, [])

    def near(self) -> None:
        """Start decoding what the screen and its neighbourhood wait for (cheap when nothing does)."""
        view, pictures = self.view, self.pictures
        layout = view.doc_layout
        if pictures is None or layout is None or not layout.items or view.size.height <= 0:
            return
        top, height = int(view.scroll_y), view.size.height
        first, _ = layout.locate(max(0, top - SCREENS_ABOVE * height))
        last, _ = layout.locate(top + (1 + SCREENS_BELOW) * height)
        srcs: list[str] = []
        for index in range(first, last + 1):
            block = view.doc.blocks[index]
            if isinstance(block, Picture):
                look = pictures.look(block.src)
                if look.drawable:
                    pictures.expect(block.src, pictures.box(look, layout.ctx.width))
            srcs.extend(p.src for p in pictures_in(block))
        todo = pictures.wanted(srcs)
        if todo and todo != self._pending:
            self._pending = todo
            view.run_worker(lambda: self._decode(pictures, todo), thread=True, exclusive=True, group="pictures")

    def _decode(self, pictures: Pictures, todo: list[tuple[str, Look, Box]]) -> None:
        worker = get_current_worker()
        for src, look, box in todo:
            if worker.is_cancelled:
                return
            result = pictures.decode(look, box)
            if pictures.protocol == "kitty" and not isinstance(result, str):
                image_id = next(self._ids)
                self.view.app.call_from_thread(self._send, kitty_transmit(result, image_id, box))
                pictures.place(look, box, image_id)
            self.view.app.call_from_thread(self.arrived, src)
        self.view.app.call_from_thread(self._finished, todo)

    def _send(self, escapes: str) -> None:
        """Write Kitty's escapes to the terminal between two frames (headless in tests: nowhere)."""
        driver = getattr(self.view.app, "_driver", None)
        if driver is not None and not self.view.app.is_headless:
            driver.write(escapes)
            driver.flush()

    def _finished(self, todo: list[tuple[str, Look, Box]]) -> None:
        if self._pending == todo:
            self._pending = []

    def arrived(self, src: str) -> None:
        """Draw ``src`` again wherever it shows; a picture that failed to decode takes fewer rows."""
        self.view.redraw_blocks(self.blocks_of(src))

    def fetch(self, src: str, notify: Callable[..., object]) -> None:
        """Download the web image ``src`` once, into the cache folder, then draw it."""
        pictures = self.pictures
        if pictures is None or pictures.cache is None:
            notify("Pictures are off (images = \"off\")", severity="warning")
            return
        look = pictures.look(src)
        if look.url is None or look.path is not None:
            return
        notify(f"Fetching {clean(look.url)} …", timeout=3)
        cache, url = pictures.cache, look.url

        def work() -> None:
            try:
                fetch(url, cache)
            except PictureError as exc:
                pictures.fail(src, str(exc))
                self.view.app.call_from_thread(notify, f"Picture not fetched: {exc}", severity="error")
            else:
                pictures.forget(src)
            self.view.app.call_from_thread(self.arrived, src)
            self.view.app.call_from_thread(self.near)

        self.view.run_worker(work, thread=True, group="fetch")


class PictureView(Widget):
    """Lines of a picture drawn in the middle of the widget."""

    def __init__(self, lines: Lines, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines = lines

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        cells = max((sum(seg.cell_length for seg in line) for line in self.lines), default=0)
        left = max(0, (width - cells) // 2)
        if y >= len(self.lines):
            return Strip.blank(width)
        return Strip.join([Strip.blank(left), Strip(self.lines[y])]).crop_extend(0, width, None)


class PictureScreen(ModalScreen[None]):
    """One picture as large as the screen allows, decoded in a worker; any of its keys closes it."""

    DEFAULT_CSS = """
    PictureScreen { background: $background; }
    PictureScreen PictureView { height: 1fr; }
    PictureScreen #caption { height: auto; text-align: center; }
    """
    BINDINGS = [Binding("escape,q,v,enter", "dismiss", "Close")]

    def __init__(self, picture: Picture, pictures: Pictures) -> None:
        super().__init__()
        self.picture = picture
        self.pictures = pictures

    def compose(self) -> ComposeResult:
        yield Static(Text("decoding…", style="dim italic"), id="status")
        yield Static(id="caption")

    def on_mount(self) -> None:
        width, height = self.app.size
        look = self.pictures.look(self.picture.src)
        assert look.header is not None
        box = fit(look.header, width, max(1, height - 2), grow=True)
        self.run_worker(lambda: self._decode(look, box), thread=True)

    def _decode(self, look: Look, box: Box) -> None:
        pixels = self.pictures.decode(look, box)
        self.app.call_from_thread(self._show, pixels)

    def _show(self, pixels: object) -> None:
        status = self.query_one("#status", Static)
        if isinstance(pixels, str):
            status.update(Text(f"{clean(self.picture.alt)}: {clean(pixels)}", style="italic"))
            return
        status.remove()
        self.mount(PictureView(half_blocks(pixels)), before=self.query_one("#caption"))  # type: ignore[arg-type]
        words = " — ".join(clean(part) for part in (self.picture.alt, self.picture.title or "") if part.strip())
        self.query_one("#caption", Static).update(Text(words, style="italic"))
