"""A real terminal for end-to-end tests: tmux on a private socket, keys in, screen out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HAVE_TMUX = shutil.which("tmux") is not None


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "t", key)
            time.sleep(0.15)

    def buffer(self) -> str:
        return self.tmux("show-buffer")

    def wait_for(self, test: Callable[[], bool], timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if test():
                return True
            time.sleep(0.1)
        return False


@contextmanager
def terminal(command: list[str], home: Path, size: tuple[int, int] = (120, 40)) -> Iterator[Terminal]:
    """Run ``command`` in a fresh tmux with ``set-clipboard on``; mdread's own files go under ``home``."""
    term = Terminal(f"mdread-test-{os.getpid()}-{time.monotonic_ns()}")
    env = {"MDREAD_STATE_DIR": str(home / "state"), "MDREAD_CONFIG_DIR": str(home / "config"),
           "MDREAD_CACHE_DIR": str(home / "cache"), "TERM": "tmux-256color", "COLORTERM": "truecolor"}
    line = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    shell = f"env {line} {shlex.join(command)}; echo \"[exit $?]\"; sleep 30"
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), "sleep 60")
    term.tmux("set", "-g", "set-clipboard", "on")
    term.tmux("respawn-pane", "-k", "-t", "t", shell)
    try:
        yield term
    finally:
        term.tmux("kill-server")


def mdread(*args: str) -> list[str]:
    return [sys.executable, "-m", "mdread", *args]
