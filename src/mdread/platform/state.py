"""What the reader remembers per article: reading position and language overrides.

State is a convenience, so it is read tolerantly: a missing, corrupt or foreign
file means "nothing remembered" plus a warning, never a failure.

Several readers may run at once, each with the file read when it started. A
write therefore reads the file again under a lock, changes only its own
article's entry and replaces the file atomically, so no reader erases what
another saved. A folder that cannot be written costs the positions of this run,
said once.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdread.platform.storage import app_dir, write_atomic
from mdread.sanitize import display_name

MAX_FILES = 500
LOCK_SECONDS = 2.0
"""How long a write waits for another mdread's; past it, it writes anyway (still atomically)."""
LOCK_POLL = 0.01


@dataclass
class ArticleState:
    """Remembered for one article.

    Attributes:
        block: The top-level block at the top of the screen.
        offset: Rows into that block.
        languages: Language overrides by code block index.
    """

    block: int = 0
    offset: int = 0
    languages: dict[int, str] = field(default_factory=dict)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (a lock file beside the state) while the block runs.

    Where there is no ``fcntl`` (Windows), or the lock cannot be had within
    :data:`LOCK_SECONDS` (another mdread stopped while holding it), the block
    runs unlocked: the file is still replaced atomically.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    break
                time.sleep(LOCK_POLL)
        yield
    finally:
        os.close(fd)


class StateStore:
    """The state file: one JSON object keyed by the article's absolute path.

    It is written as ASCII JSON: a path that is not UTF-8 holds lone surrogates,
    which only a ``\\u`` escape carries through a UTF-8 file and back.

    Attributes:
        warning: Why the file read at start was ignored, or the last write failed, for the face to show.
        failure: Why the last write failed, or None; set whether or not it was said.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or app_dir("state") / "state.json"
        self.warning: str | None = None
        self.failure: str | None = None
        self.told = False
        self._data = self._read(warn=True)

    def _read(self, *, warn: bool) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            if warn:
                self.warning = (f"ignored unreadable state file {display_name(self.path)} ({type(exc).__name__}); "
                                "starting afresh")
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            if warn:
                self.warning = f"ignored state file {display_name(self.path)} of an unknown shape; starting afresh"
            return {}
        return data

    def get(self, article: Path) -> ArticleState:
        entry = self._data.get("files", {}).get(str(article.resolve()))
        if not isinstance(entry, dict):
            return ArticleState()
        try:
            languages = {int(k): str(v) for k, v in dict(entry.get("languages", {})).items()}
            return ArticleState(max(0, int(entry.get("block", 0))), max(0, int(entry.get("offset", 0))), languages)
        except (TypeError, ValueError, OverflowError):
            return ArticleState()

    def put(self, article: Path, state: ArticleState) -> str | None:
        """Remember ``state`` for ``article`` and write it at once, merged into the file as it is now.

        Returns a sentence to tell the user the first time a write fails, and
        None otherwise (the failure stays in :attr:`failure`).
        """
        key = str(article.resolve())
        entry = {"block": state.block, "offset": state.offset,
                 "languages": {str(k): v for k, v in state.languages.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path.with_name(self.path.name + ".lock")):
                data = self._merged(self._read(warn=False), key, entry)
                write_atomic(self.path, json.dumps(data, indent=1))
        except (OSError, ValueError) as exc:
            self._data = self._merged(self._data, key, entry)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            folder = display_name(self.path.parent)
            self.failure = self.warning = f"could not save reading positions in {folder}: {reason}"
            if self.told:
                return None
            self.told = True
            return self.failure
        self._data = data
        self.failure = None
        return None

    @staticmethod
    def _merged(data: dict[str, Any], key: str, entry: dict[str, Any]) -> dict[str, Any]:
        """``data`` with ``entry`` as the newest under ``key``, the oldest entries dropped past :data:`MAX_FILES`."""
        files = data.setdefault("files", {})
        if not isinstance(files, dict):
            files = data["files"] = {}
        files.pop(key, None)
        files[key] = entry
        while len(files) > MAX_FILES:
            files.pop(next(iter(files)))
        return data
