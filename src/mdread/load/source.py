"""Reading an article: bytes from a file or stdin, decoded and repaired into text.

This is the only place that touches the user's file, and it only reads it.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from mdread.errors import UserError
from mdread.load import encodings
from mdread.load import repair as mojibake
from mdread.sanitize import clean, display_name

EXTENSIONS = (".md", ".markdown", ".mdx")
"""File name endings of Markdown articles: what the library lists and links may open."""

MAX_BYTES = 8 * 1024 * 1024
"""Larger files are refused before they are read. A MB of prose costs about 2.5 s and 95 MB to parse and
draw, a MB of tiny blocks up to 40 s and 750 MB; 8 MB bounds that and still opens 5 MB articles."""


def _too_large(name: str) -> UserError:
    return UserError(f"{name}: larger than {MAX_BYTES // (1024 * 1024)} MB; not opened")


@dataclass(frozen=True)
class Source:
    """Decoded article text and what was done to get it.

    Attributes:
        text: The text every later stage reads (repaired unless asked not to be).
        name: What to call the article in messages: the path, or ``<stdin>``.
        path: The file, or None for stdin.
        encoding: The encoding the bytes were decoded with.
        repair: What mojibake repair changed, or None when nothing was needed.
        stored: The text as decoded before repair, kept only when repair changed
            something, so the reader can show the article as stored.
    """

    text: str
    name: str
    path: Path | None
    encoding: str
    repair: mojibake.Repair | None = None
    stored: str | None = None

    def as_stored(self) -> Source:
        """This article without mojibake repair (itself when nothing was repaired)."""
        if self.stored is None:
            return self
        return Source(text=self.stored, name=self.name, path=self.path, encoding=self.encoding)


def _nonblocking(path: str | bytes, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK | os.O_NOCTTY)


def read_bytes(target: str, *, fifo: bool = False) -> tuple[bytes, Path | None]:
    """Read the raw bytes of ``target`` (``-`` is stdin), turning OS errors into one-line messages.

    Only a regular file is read, through a non-blocking open checked with
    ``fstat``: a FIFO or a device put where an article was (between the
    ``stat`` and the open, or while the reader watched it) is refused at once
    instead of waited on forever. ``fifo`` allows a FIFO the user named
    (``mdread <(curl …)``), which is read once a writer comes, as ``cat`` would.
    """
    if target == "-":
        stdin = sys.stdin
        if stdin is None or stdin.closed:
            raise UserError("stdin is closed; nothing to read")
        try:
            return stdin.buffer.read(MAX_BYTES + 1), None
        except (OSError, ValueError) as exc:
            raise UserError(f"cannot read stdin: {exc}") from None
    if not target:
        raise UserError("an empty file name; give a Markdown file")
    path = Path(target)
    shown = display_name(target)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise UserError(f"{shown}: broken symbolic link") from None
        raise UserError(f"{shown}: no such file") from None
    except OSError as exc:
        raise UserError(f"{shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"{shown}: is a directory; give a Markdown file")
    named_fifo = fifo and stat.S_ISFIFO(info.st_mode)
    if not stat.S_ISREG(info.st_mode) and not named_fifo:
        raise UserError(f"{shown}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise _too_large(shown)
    try:
        with open(path, "rb", opener=None if named_fifo else _nonblocking) as fh:
            if not named_fifo:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise UserError(f"{shown}: not a regular file")
                if info.st_size > MAX_BYTES:
                    raise _too_large(shown)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = "permission denied" if exc.errno == errno.EACCES else exc.strerror or str(exc)
        raise UserError(f"{shown}: {reason}") from None
    return data, path


def load(target: str, *, encoding: str | None = None, repair: bool = True, fifo: bool = False) -> Source:
    """Read and decode ``target``; repair mojibake unless ``repair`` is False.

    ``fifo`` allows a FIFO the user named (see :func:`read_bytes`).

    Raises:
        UserError: The file cannot be read, is too large, or is not text.
    """
    data, path = read_bytes(target, fifo=fifo)
    return decode(data, target, path, encoding=encoding, repair=repair)


def decode(data: bytes, target: str, path: Path | None, *, encoding: str | None = None,
           repair: bool = True) -> Source:
    """The :class:`Source` of bytes read from ``target`` (see :func:`load`)."""
    name = "<stdin>" if path is None else target
    if len(data) > MAX_BYTES:
        raise _too_large(display_name(name))
    try:
        decoded = encodings.decode(data, encoding)
    except encodings.UnknownEncoding as exc:
        raise UserError(f"unknown encoding: {clean(str(exc))}", code=2) from None
    except LookupError:
        raise UserError(f"not a text encoding: {clean(str(encoding))}", code=2) from None
    except encodings.NotText:
        raise UserError(f"{display_name(name)}: not a text file") from None
    fixed = mojibake.repair(decoded.text) if repair else None
    if fixed is None:
        return Source(text=decoded.text, name=name, path=path, encoding=decoded.encoding)
    return Source(text=fixed.text, name=name, path=path, encoding=decoded.encoding, repair=fixed,
                  stored=decoded.text)
