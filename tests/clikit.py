"""The command line run in-process: ``mdread.cli.main`` with its own stdin, stdout, stderr, environment and folder.

Starting Python for every test made the CLI tests most of the suite's time.
Running ``main`` here exercises the same code with the same arguments; what
only a real process shows (exit through ``os._exit``, signals, the terminal)
keeps its subprocess tests.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mdread.cli import main

_COLOUR_ENV = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "COLUMNS")


@dataclass(frozen=True)
class Result:
    """What a run printed and how it ended, as a user sees it."""

    returncode: int
    stdout_bytes: bytes
    stderr: str

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")


class _Stream(io.TextIOWrapper):
    """A text stream over bytes, as a pipe is: ``buffer`` for raw writes, never a terminal."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline="")

    def isatty(self) -> bool:
        return False

    def value(self) -> bytes:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue()


@contextmanager
def _environment(env: dict[str, str], cwd: Path | None) -> Iterator[None]:
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    for name in _COLOUR_ENV:
        os.environ.pop(name, None)
    os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None,
        home: Path | None = None) -> Result:
    """``mdread ARGS`` with stdout and stderr captured; ``home`` holds its config, state and cache folders.

    Without ``home``, mdread's folders are whatever the environment says (the
    suite's conftest points them at a temporary folder).
    """
    extra = dict(env or {})
    if home is not None:
        extra.update({"MDREAD_CONFIG_DIR": str(home / "config"), "MDREAD_STATE_DIR": str(home / "state"),
                      "MDREAD_CACHE_DIR": str(home / "cache")})
    out, err, inp = _Stream(), _Stream(), _Stream(stdin or b"")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = inp, out, err
    try:
        with _environment(extra, cwd):
            code = main(list(args))
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, out.value(), err.value().decode("utf-8", "replace"))
