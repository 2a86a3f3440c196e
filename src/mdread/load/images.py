"""Image files an article points at: where they are, how big they say they are, their pixels.

Sizes come from the file's first bytes, read here by hand: the reader must
know a picture's height to lay the article out before its first paint, and
importing Pillow costs 30-140 ms, more than the whole header read of a hundred
pictures. Pillow decodes, later and off the event loop, only what is drawn.
Nothing here imports Rich or Textual.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import stat
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_PIXELS = 50_000_000
"""Larger images are refused by their header: a 30,000 × 30,000 PNG is a few KB that decodes to 3.6 GB."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""Local image files larger than this are not decoded."""
MAX_FETCH_BYTES = 10 * 1024 * 1024
"""A web image larger than this is not downloaded."""
FETCH_TIMEOUT = 10.0
"""Seconds to wait for a web image's server, per connection and per read."""
SITE_FOLDERS = ("source", "static", "public", "assets", "")
"""Where a site keeps ``/images/x.png``: Hexo's ``source/``, Hugo's ``static/``, others' root; nearest first."""
SITE_LEVELS = 6
"""How many folders up from the article a site root is looked for."""
RESIZE_GAP = 2.0
"""Shrink by whole factors first, then resample: a fifth faster than resampling 1200 pixels down to 118."""
FORMATS = {"png": "PNG", "gif": "GIF", "jpeg": "JPEG", "webp": "WebP"}
SVG_HEAD_BYTES = 16 * 1024
"""An SVG's root element is looked for in its first this many bytes (comments and a DOCTYPE may come first)."""
SVG_DEFAULT_SIZE = (300, 150)
"""A browser's size for an SVG that gives none."""
SVG_BACKGROUND = "#ffffff"
"""Drawings are made for a page: on the reader's dark background, black lines and text would vanish."""


NO_DECODER = "pictures need the images extra: pip install 'mdread[images]'"
"""Why a picture is not drawn when Pillow (or resvg, for SVG) is not installed: they are 25 MB, an
optional extra, and without them every picture is its alt text."""


class PictureError(Exception):
    """An image that cannot be shown, with the reason in words for the user."""


def missing_decoder(kind: str | None = None) -> str | None:
    """Why pictures (of ``kind``, a :class:`Header` kind) cannot be decoded here; None when they can."""
    needed = ("PIL", "resvg_py") if kind == "svg" else ("PIL",)
    return None if all(importlib.util.find_spec(name) is not None for name in needed) else NO_DECODER


@dataclass(frozen=True)
class Header:
    """What an image's first bytes say: its format (a key of ``FORMATS``, or ``svg``) and pixel size."""

    kind: str
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Place:
    """Where an image's ``src`` leads: a local file, a web address, or nowhere (with the reason)."""

    path: Path | None = None
    url: str | None = None
    reason: str | None = None


def locate(src: str, base: Path | None) -> Place:
    """Resolve an image ``src`` written in an article that lives in folder ``base``.

    Relative paths resolve against the article's folder; a path from the site
    root (``/images/x.png``) is looked for in the ``source/`` or ``static/``
    folder of a Hexo or Hugo site above the article, then as an absolute path.
    """
    src = src.strip()
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return Place(url=src) if parts.netloc else Place(reason=f"incomplete address {src}")
    if src.startswith("//"):
        return Place(url=f"https:{src}")
    if scheme and scheme != "file" and len(scheme) > 1:
        return Place(reason=f"{scheme}: images are not shown")
    raw = unquote(parts.path if scheme == "file" or not scheme else src)
    if not raw:
        return Place(reason="no image address")
    path = Path(raw).expanduser() if raw.startswith("~") else Path(raw)
    if not path.is_absolute():
        if base is None:
            return Place(reason="an article read from stdin has no folder for relative paths")
        return Place(path=base / path)
    if base is not None:
        for folder in [base, *base.parents][:SITE_LEVELS]:
            for site in SITE_FOLDERS:
                candidate = folder / site / raw.lstrip("/")
                if candidate.is_file():
                    return Place(path=candidate)
    return Place(path=path)


def read_header(path: Path) -> Header:
    """The format and size from ``path``'s first bytes, without decoding.

    Raises:
        PictureError: Missing, unreadable, not a known image, or too large.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise PictureError("not a regular file")  # a FIFO or /dev/tty would block the reader
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            header = _header(fh, path.suffix.lower())
    except FileNotFoundError:
        raise PictureError("no such file") from None
    except PermissionError:
        raise PictureError("permission denied") from None
    except (OSError, struct.error) as exc:
        raise PictureError(f"cannot read it ({exc.strerror or exc})" if isinstance(exc, OSError)
                           else "not a readable image (its header is cut short)") from None
    if info.st_size > MAX_FILE_BYTES:
        raise PictureError(f"file larger than {MAX_FILE_BYTES // 2**20} MB")
    if header.kind != "svg":  # a drawing is drawn at the size it is shown, whatever size it says it is
        check_size(header.width, header.height)
    return header


def check_size(width: int, height: int) -> None:
    """Refuse an image whose pixel count would cost too much memory to decode."""
    if width <= 0 or height <= 0:
        raise PictureError("not a readable image (it says it has no pixels)")
    if width * height > MAX_PIXELS:
        raise PictureError(f"too large to draw ({width}×{height} pixels)")


def _header(fh: BinaryIO, suffix: str) -> Header:
    head = fh.read(32)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return Header("png", width, height)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", head[6:10])
        return Header("gif", width, height)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head + fh.read(8))
    if head[:2] == b"\xff\xd8":
        return _jpeg(fh)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix == ".svg" or text.startswith((b"<svg", b"<?xml", b"<!--")):
        return _svg(head + fh.read(SVG_HEAD_BYTES))
    raise PictureError("not a PNG, JPEG, GIF, WebP or SVG image")


_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_LENGTH = re.compile(rb"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
_NUMBER = re.compile(rb"[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?")


def _svg(head: bytes) -> Header:
    """An SVG's size from its root element: ``width`` and ``height`` in pixels, else its ``viewBox``."""
    tag = _SVG_TAG.search(head)
    if tag is None:
        raise PictureError("not a readable SVG drawing (no <svg> element near its start)")
    attrs = {name.lower(): value for name, value in re.findall(rb'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', tag.group())}
    width, height = (_LENGTH.match(attrs.get(name, b"")) for name in (b"width", b"height"))
    if width and height:
        return Header("svg", max(1, round(float(width.group(1)))), max(1, round(float(height.group(1)))))
    box = [float(n) for n in _NUMBER.findall(attrs.get(b"viewbox", b""))]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        return Header("svg", max(1, round(box[2])), max(1, round(box[3])))
    return Header("svg", *SVG_DEFAULT_SIZE)


def _webp(head: bytes) -> Header:
    chunk = head[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", head[26:30])
        return Header("webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return Header("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        return Header("webp", int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1)
    raise PictureError("not a readable WebP image")


_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(fh: BinaryIO) -> Header:
    """Walk a JPEG's segments from the start of the file to its frame header, which holds the size."""
    fh.seek(2)
    while True:
        byte = fh.read(1)
        while byte and byte != b"\xff":
            byte = fh.read(1)
        while byte == b"\xff":
            byte = fh.read(1)
        if not byte:
            raise PictureError("not a readable JPEG image (no frame header)")
        marker = byte[0]
        if marker in (0x01, *range(0xD0, 0xD9)):
            continue
        (length,) = struct.unpack(">H", fh.read(2))
        if length < 2:
            raise PictureError("not a readable JPEG image (a damaged segment)")
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">xHH", fh.read(5))
            return Header("jpeg", width, height)
        fh.seek(length - 2, os.SEEK_CUR)


def decode(path: Path, header: Header, size: tuple[int, int]) -> Image:
    """``path``'s first frame as RGBA pixels, resized to ``size``; for the reader's worker threads.

    Raises:
        PictureError: The file is not what its header said, or is damaged.
    """
    if (missing := missing_decoder(header.kind)) is not None:
        raise PictureError(missing)
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        source: Path | BinaryIO = _svg_png(path, size) if header.kind == "svg" else path
        with Image.open(source, formats=[FORMATS.get(header.kind, "PNG")]) as img:
            check_size(img.width, img.height)
            img.draft("RGB", size)
            img.seek(0)
            frame = img if img.mode in ("RGB", "RGBA") else img.convert("RGBA")
            return frame.resize(size, Image.Resampling.LANCZOS, reducing_gap=RESIZE_GAP).convert("RGBA")
    except PictureError:
        raise
    except Exception:  # a decoder fed damaged bytes raises anything from OSError to SyntaxError
        raise PictureError("damaged image; it cannot be decoded") from None


def _svg_png(path: Path, size: tuple[int, int]) -> BinaryIO:
    """An SVG drawn by resvg (a maintained Rust renderer, 3 MB, no dependencies) as PNG bytes at ``size``."""
    import io

    import resvg_py

    options = {"width": size[0], "height": size[1], "background": SVG_BACKGROUND}
    try:
        return io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_path=str(path), **options)))
    except ValueError:
        # resvg-py 0.5 refuses a root element sized in points ("501pt"), as OmniGraffle writes them;
        # without width and height the viewBox still gives the shape.
        text = path.read_text(encoding="utf-8", errors="replace")
        root = _SVG_TAG.search(text.encode("utf-8"))
        if root is None:
            raise
        tag = root.group().decode("utf-8")
        bare = re.sub(r'\s(?:width|height)\s*=\s*["\'][^"\']*["\']', "", tag)
        return io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_string=text.replace(tag, bare, 1), **options)))


def cached(url: str, folder: Path) -> Path:
    """Where a web image is (or would be) kept once fetched."""
    return folder / hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def fetch(url: str, folder: Path) -> Path:
    """Download the image at ``url`` into ``folder`` once, up to ``MAX_FETCH_BYTES``; returns the file.

    Raises:
        PictureError: The server failed, was slow, sent too much, or sent no image.
    """
    import urllib.error
    import urllib.request

    dest = cached(url, folder)
    if dest.is_file():
        return dest
    request = urllib.request.Request(url, headers={"User-Agent": "mdread (image fetch)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            if urlsplit(response.geturl()).scheme.lower() not in ("http", "https"):
                raise PictureError("redirected away from the web")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_FETCH_BYTES:
                raise PictureError(f"larger than {MAX_FETCH_BYTES // 2**20} MB; not fetched")
            data = response.read(MAX_FETCH_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise PictureError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise PictureError(f"not fetched: {reason}") from None
    if len(data) > MAX_FETCH_BYTES:
        raise PictureError(f"larger than {MAX_FETCH_BYTES // 2**20} MB; not fetched")
    _write_bytes(dest, data)
    try:
        read_header(dest)
    except PictureError as exc:
        dest.unlink(missing_ok=True)
        raise PictureError(f"the server sent no image we can draw: {exc}") from None
    return dest


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, so a half-fetched file is never taken for an image."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
