"""What the reader remembers per article: reading position and language overrides.

State is a convenience, so it is read tolerantly: a missing, corrupt or foreign
file means "nothing remembered" plus a warning, never a failure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mdread.platform.storage import app_dir, write_atomic

MAX_FILES = 500


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


class StateStore:
    """The state file: one JSON object keyed by the article's absolute path."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or app_dir("state") / "state.json"
        self.warning: str | None = None
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, RecursionError) as exc:
            self.warning = f"ignored unreadable state file {self.path} ({type(exc).__name__}); starting afresh"
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            self.warning = f"ignored state file {self.path} of an unknown shape; starting afresh"
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

    def put(self, article: Path, state: ArticleState) -> None:
        """Remember ``state`` for ``article`` and write the file at once (atomically)."""
        files = self._data.setdefault("files", {})
        key = str(article.resolve())
        files.pop(key, None)
        files[key] = {"block": state.block, "offset": state.offset,
                      "languages": {str(k): v for k, v in state.languages.items()}}
        while len(files) > MAX_FILES:
            files.pop(next(iter(files)))
        try:
            write_atomic(self.path, json.dumps(self._data, ensure_ascii=False, indent=1))
        except OSError as exc:
            self.warning = f"could not save reading state: {exc.strerror or exc}"
