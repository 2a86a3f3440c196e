"""Noticing that a file or folder changed on disk (watchfiles, with a polling fallback).

Editors save by writing a temporary file and renaming it over the old one, so
a file is watched through its folder and matched by name. Where inotify is
unavailable or out of watches, watchfiles polls instead.

watchfiles hands paths to Python as text and fails, ending its watch, on a
name that is not UTF-8 (``x-\\xff``): one such file created beside an article
would stop the reader noticing edits. Such a failure is skipped and the watch
started again; what the lost batch may have held is made up for by looking at
the target itself.

A write made after the caller last looked but before the watch was in place
would raise no event at all, so a file is also compared with the signature the
caller last saw each time the watch wakes, and it wakes at least every
``CHECK_MS`` for that reason.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

DEBOUNCE_MS = 150
POLL_MS = 300
CHECK_MS = 1000
"""Longest wait before a watched file's signature is compared again, so a write made while the watch started is seen."""
RESTART_PAUSE = 0.1
"""Seconds between a watch that failed on an undecodable name and the next, so a burst of them cannot spin."""


def _undecodable(exc: BaseException) -> bool:
    """Whether ``exc`` (or an exception inside its group) is watchfiles failing on a name it cannot decode."""
    if isinstance(exc, BaseExceptionGroup):
        return any(_undecodable(inner) for inner in exc.exceptions)
    return type(exc).__name__ == "WatchfilesRustInternalError" and "decode" in str(exc)


Signature = tuple[int, int, int]
"""A file's inode, size and modification time: when it differs, the file was replaced or written."""


def file_signature(target: Path) -> Signature | None:
    """The signature of ``target``, or None if it cannot be read."""
    try:
        info = os.stat(target)
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


async def changes(target: Path, stop: asyncio.Event, *, recursive: bool = False,
                  since: Signature | None = None) -> AsyncIterator[set[Path]]:
    """Yield the set of changed paths each time ``target`` (a file, or a folder's tree) changes.

    A file whose signature differs from ``since`` (what the caller last read;
    by default what it is on entry) is yielded as changed even when no event
    came. After a batch lost to an undecodable name, a folder is yielded
    itself, as "something in here may have changed". Setting ``stop`` ends the
    iteration within a few tens of milliseconds. It is the only reliable way
    out: cancelling the awaiting task leaves the watcher thread blocked for
    seconds, and under asyncio the cancellation can be lost altogether.
    """
    from watchfiles import awatch

    target = target.resolve()
    is_file = not target.is_dir()
    folder = target.parent if is_file else target
    seen = since if since is not None or not is_file else file_signature(target)

    def wanted(_change: object, changed: str) -> bool:
        return not is_file or Path(changed) == target

    for polling in (False, True):
        try:
            while not stop.is_set():
                try:
                    async for batch in awatch(folder, watch_filter=wanted, debounce=DEBOUNCE_MS, recursive=recursive,
                                              force_polling=polling, poll_delay_ms=POLL_MS, stop_event=stop,
                                              rust_timeout=CHECK_MS, yield_on_timeout=is_file):
                        now = file_signature(target) if is_file else None
                        if batch or now != seen:
                            yield {Path(p) for _, p in batch} or {target}
                        seen = now
                    return
                except Exception as exc:
                    if not _undecodable(exc):
                        raise
                await asyncio.sleep(RESTART_PAUSE)
                now = file_signature(target) if is_file else None
                if not is_file or now != seen:
                    yield {target}
                seen = now
            return
        except (OSError, RuntimeError):
            if polling:
                raise
