"""Noticing that a file or folder changed on disk (watchfiles, with a polling fallback).

Editors save by writing a temporary file and renaming it over the old one, so
a file is watched through its folder and matched by name. Where inotify is
unavailable or out of watches, watchfiles polls instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

DEBOUNCE_MS = 150
POLL_MS = 300


async def changes(target: Path, stop: asyncio.Event, *, recursive: bool = False) -> AsyncIterator[set[Path]]:
    """Yield the set of changed paths each time ``target`` (a file, or a folder's tree) changes.

    Setting ``stop`` ends the iteration within a few tens of milliseconds. It
    is the only reliable way out: cancelling the awaiting task leaves the
    watcher thread blocked for seconds, and under asyncio the cancellation can
    be lost altogether.
    """
    from watchfiles import awatch

    target = target.resolve()
    folder = target if target.is_dir() else target.parent

    def wanted(_change: object, changed: str) -> bool:
        return target.is_dir() or Path(changed) == target

    for polling in (False, True):
        try:
            async for batch in awatch(folder, watch_filter=wanted, debounce=DEBOUNCE_MS, recursive=recursive,
                                      force_polling=polling, poll_delay_ms=POLL_MS, stop_event=stop):
                yield {Path(p) for _, p in batch}
            return
        except (OSError, RuntimeError):
            if polling:
                raise
