"""What the pipe face wrote for an article, kept so that the same article asked for again is not drawn again.

Drawing a post costs its parse, its highlighting and the imports of Rich,
markdown-it and Pygments; writing what was drawn last time costs a hash of the
file. This module is imported by the command line before any of those, and a
hit never imports them.

An entry is named by everything the output depends on: the file's bytes, path
and modification time, the options as parsed, the width, colour system and
encoding they resolve to, the config file, the Hexo site the post may sit in,
and the code drawing it (:func:`mdread.platform.cache.code_stamp`). A
terminal is never served from the cache (what it is asked, such as its
background, is not in the name), nor is stdin, nor are pictures drawn as
blocks (they depend on other files).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TextIO

from mdread.platform.cache import Entries, new_key

MAX_ARTICLE = 64 << 20
"""Articles larger than this are drawn every time; hashing them would cost more than a miss saves."""
MAX_ENTRY = 32 << 20
"""Output larger than this is not kept."""
ENTRIES = Entries("render", max_total=128 << 20)


def key(target: str, settings: str, out: TextIO) -> str | None:
    """The entry name for ``target`` drawn with ``settings`` onto ``out``; None when it must be drawn afresh."""
    if target == "-" or out.isatty() or not os.path.isfile(target):
        return None
    from mdread.load.site import hexo_breaks
    from mdread.platform.config import config_path

    path = Path(target)
    info = path.stat()
    if info.st_size > MAX_ARTICLE:
        return None
    digest = new_key(b"render")
    digest.update(f"{settings}\n{out.encoding} {out.errors}\n{os.environ.get('COLORFGBG', '')}\n".encode(
        errors="surrogateescape"))
    digest.update(f"{path.resolve()} {info.st_mtime_ns} {hexo_breaks(path)}\n".encode(errors="surrogateescape"))
    try:
        digest.update(config_path().read_bytes())
    except OSError:
        digest.update(b"no config")
    digest.update(b"\0article\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def replay(name: str, out: TextIO, err: TextIO) -> bool:
    """Write entry ``name`` to ``out`` and ``err``; False, writing nothing, when there is no sound entry."""
    payload = ENTRIES.get(name)
    if payload is None:
        return False
    sizes, sep, body = payload.partition(b"\n")
    try:
        out_size, err_size = (int(n) for n in sizes.split())
    except ValueError:
        return False
    if not sep or len(body) != out_size + err_size:
        return False
    out.flush()
    out.buffer.write(body[:out_size])  # type: ignore[attr-defined]
    out.flush()
    err.write(body[out_size:].decode("utf-8", "surrogateescape"))
    return True


class Recorder(io.TextIOBase):
    """A text stream that writes through to another and keeps what went by, up to :data:`MAX_ENTRY`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.parts: list[str] = []
        self.size = 0

    @property
    def whole(self) -> bool:
        return self.size <= MAX_ENTRY

    def write(self, text: str) -> int:
        self.stream.write(text)
        self.size += len(text)
        if self.whole:
            self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.stream.errors

    def text(self) -> str:
        return "".join(self.parts)


def keep(name: str, out: Recorder, err: Recorder) -> None:
    """Store what ``out`` and ``err`` recorded as entry ``name``."""
    if not (out.whole and err.whole):
        return
    try:
        written = out.text().encode(out.encoding, out.errors or "strict")
    except (UnicodeError, LookupError):
        return
    said = err.text().encode("utf-8", "surrogateescape")
    ENTRIES.put(name, f"{len(written)} {len(said)}\n".encode() + written + said)
