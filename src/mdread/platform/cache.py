"""Entries kept in the cache folder for work that is costly to redo: checked on reading, pruned by size.

Each kind of entry has its own folder under the cache folder. An entry is a
format line, a digest of its payload and the payload; one that fails the check
(truncated by a crash, damaged on disk, or written by another version) is
treated as absent, and the caller does the work again. Entries are replaced
atomically and the least recently used go first once a folder passes its size.
Names are digests of everything the payload depends on; :func:`code_stamp`
feeds them what identifies the code itself, so an edit to mdread or an
upgrade of a dependency never reads an entry the old code wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from mdread.platform.storage import app_dir, write_atomic

DIGEST = 32
_PACKAGE = Path(__file__).resolve().parents[1]


def code_stamp(update: Callable[[bytes], object]) -> None:
    """Feed ``update`` with what identifies the running code: Python, mdread's files, its dependencies' folders.

    mdread's files count by name, size and time (a fraction of a millisecond
    for the whole package); a dependency installed or upgraded changes the
    time of the folder it was installed in, which is on ``sys.path``. The
    first entry of ``sys.path`` is left out: it is the script's folder or the
    current one, which changes whenever a file is written there.
    """
    update(sys.version.encode())
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith((".pyc", ".tmp")):
                info = os.stat(os.path.join(root, name))
                update(f"{root}/{name} {info.st_size} {info.st_mtime_ns}\n".encode(errors="surrogateescape"))
    for entry in sys.path[1:]:
        try:
            update(f"{entry} {os.stat(entry).st_mtime_ns}\n".encode(errors="surrogateescape"))
        except OSError:
            continue


def new_key(kind: bytes) -> hashlib.blake2b:
    """A digest to feed an entry's inputs into, already holding ``kind`` and the code stamp."""
    digest = hashlib.blake2b(digest_size=DIGEST)
    digest.update(kind + b"\0")
    code_stamp(digest.update)
    return digest


class Entries:
    """The entries of one kind, in their folder under the cache folder."""

    def __init__(self, kind: str, max_total: int) -> None:
        self.kind = kind
        self.format = f"mdread {kind} 1\n".encode()
        self.max_total = max_total

    @property
    def folder(self) -> Path:
        return app_dir("cache") / self.kind

    def get(self, name: str) -> bytes | None:
        """The payload of entry ``name``, or None when there is none or it fails its check."""
        entry = self.folder / name
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        head = len(self.format)
        check, payload = data[head:head + DIGEST], data[head + DIGEST:]
        if data[:head] != self.format or hashlib.blake2b(payload, digest_size=DIGEST).digest() != check:
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)
        return payload

    def put(self, name: str, payload: bytes) -> None:
        """Store ``payload`` as entry ``name``; a cache that cannot be written is no one's problem."""
        data = self.format + hashlib.blake2b(payload, digest_size=DIGEST).digest() + payload
        try:
            write_atomic(self.folder / name, data, durable=False)
            self._prune()
        except OSError:
            return

    def _prune(self) -> None:
        """Remove the least recently used entries until the folder is under its size."""
        entries = []
        for entry in os.scandir(self.folder):
            try:
                info = entry.stat()
            except OSError:
                continue
            entries.append((info.st_mtime_ns, info.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_total:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
