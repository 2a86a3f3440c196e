"""What the pipe face wrote for an article, kept so that the same article asked for again is not drawn again.

Drawing a post costs its parse, its highlighting and the imports of Rich,
markdown-it and Pygments; writing what was drawn last time costs a hash of the
file. This module is imported by the command line before any of those, and a
hit never imports them.

An entry is keyed by everything the output depends on: the file's bytes, path
and modification time, the options as parsed, the width, colour system and
encoding they resolve to, the config file, the Hexo site the post may sit in,
and the code drawing it (mdread's own files and the folders its dependencies
are installed in, by size and time, so an edit or an upgrade is a miss). A
terminal is never served from the cache (what it is asked, such as its
background, is not in the key), nor are pictures drawn as blocks (they depend
on other files). An entry is checked by its own digest: a corrupt or truncated
one is ignored and drawn again, and entries are written atomically, the
oldest pruned past a total size.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from mdread.platform.storage import app_dir, write_atomic

FORMAT = b"mdread render cache 1\n"
MAX_ARTICLE = 64 << 20
"""Articles larger than this are drawn every time; hashing them would cost more than a miss saves."""
MAX_ENTRY = 32 << 20
"""Output larger than this is not kept."""
MAX_TOTAL = 128 << 20
"""The cache folder is pruned, oldest entries first, to stay under this."""
DIGEST = 32
_PACKAGE = Path(__file__).resolve().parents[2]


def folder() -> Path:
    return app_dir("cache") / "render"


def _code_stamp(update: Callable[[bytes], object]) -> None:
    """Feed ``update`` with what identifies the code that draws: mdread's files and its dependencies' folders."""
    update(sys.version.encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith((".pyc", ".tmp")):
                info = os.stat(os.path.join(root, name))
                update(f"{root}/{name} {info.st_size} {info.st_mtime_ns}\n".encode(errors="surrogateescape"))
    for entry in sys.path:
        try:
            update(f"{entry} {os.stat(entry).st_mtime_ns}\n".encode(errors="surrogateescape"))
        except OSError:
            continue


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
    digest = hashlib.blake2b(digest_size=DIGEST)
    digest.update(FORMAT)
    digest.update(f"{settings}\n{out.encoding} {out.errors}\n{os.environ.get('COLORFGBG', '')}\n".encode(
        errors="surrogateescape"))
    digest.update(f"{path.resolve()} {info.st_mtime_ns} {hexo_breaks(path)}\n".encode(errors="surrogateescape"))
    try:
        digest.update(config_path().read_bytes())
    except OSError:
        digest.update(b"no config")
    _code_stamp(digest.update)
    digest.update(b"\0article\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def replay(name: str, out: TextIO, err: TextIO) -> bool:
    """Write entry ``name`` to ``out`` and ``err``; False, writing nothing, when there is no sound entry."""
    entry = folder() / name
    try:
        data = entry.read_bytes()
    except OSError:
        return False
    if not data.startswith(FORMAT):
        return False
    rest = data[len(FORMAT):]
    sizes, sep, body = rest.partition(b"\n")
    try:
        out_size, err_size = (int(n) for n in sizes.split())
    except ValueError:
        return False
    check, body = body[:DIGEST], body[DIGEST:]
    if not sep or len(body) != out_size + err_size or hashlib.blake2b(body, digest_size=DIGEST).digest() != check:
        return False
    out.flush()
    out.buffer.write(body[:out_size])  # type: ignore[attr-defined]
    out.flush()
    err.write(body[out_size:].decode("utf-8", "surrogateescape"))
    with contextlib.suppress(OSError):
        os.utime(entry)
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
    """Store what ``out`` and ``err`` recorded as entry ``name``; a failure to store is not the user's problem."""
    if not (out.whole and err.whole):
        return
    try:
        body = out.text().encode(out.encoding, out.errors or "strict")
    except (UnicodeError, LookupError):
        return
    said = err.text().encode("utf-8", "surrogateescape")
    body += said
    header = FORMAT + f"{len(body) - len(said)} {len(said)}\n".encode()
    try:
        write_atomic(folder() / name, header + hashlib.blake2b(body, digest_size=DIGEST).digest() + body,
                     durable=False)
        _prune(folder())
    except OSError:
        return


def _prune(where: Path) -> None:
    """Remove the least recently used entries until the folder is under :data:`MAX_TOTAL`."""
    entries = []
    for entry in os.scandir(where):
        try:
            info = entry.stat()
        except OSError:
            continue
        entries.append((info.st_mtime_ns, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= MAX_TOTAL:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
