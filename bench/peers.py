"""Installing what the benchmark compares against, outside the project's own environment.

rich-cli and frogmouth pin Rich and Textual versions that conflict with each
other and with mdread, so each gets its own virtualenv under ``bench/.env/``
(git-ignored). lowdown comes from Debian. Nothing here touches the project's
dependencies; mdread itself is the editable install in ``.venv``, created the
README's way if it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENV = HERE / ".env"
PYPI_PEERS = {"rich-cli": "rich", "frogmouth": "frogmouth"}


def _quiet(argv: list[str]) -> bool:
    return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode == 0


def _venv(where: Path, *packages: str, editable: Path | None = None) -> Path:
    """A virtualenv at ``where`` holding ``packages``; created and filled only when missing."""
    python = where / "bin" / "python"
    if not python.exists():
        print(f"bench: creating {where.relative_to(ROOT)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=False)
        subprocess.run([*pip, *packages, *(["-e", str(editable)] if editable else [])], check=True)
    return where / "bin"


def mdread_bin() -> Path:
    """The project's own ``.venv/bin``, with mdread installed editable."""
    return _venv(ROOT / ".venv", editable=ROOT)


def pypi_peer(package: str) -> Path | None:
    """The executable of a PyPI peer in its own env under ``bench/.env``; None if it cannot be installed."""
    try:
        exe = _venv(ENV / package, package) / PYPI_PEERS[package]
    except subprocess.CalledProcessError:
        print(f"bench: could not install {package}; it is left out", file=sys.stderr)
        return None
    return exe if exe.exists() else None


def debian_tool(command: str, package: str) -> str | None:
    """``command``, installed from Debian's ``package`` when missing and running as root."""
    found = shutil.which(command, path="/usr/bin:/bin")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print(f"bench: installing {package} with apt-get", file=sys.stderr)
    _quiet(["apt-get", "update", "-qq"])
    _quiet(["apt-get", "install", "-y", "-qq", package])
    return shutil.which(command, path="/usr/bin:/bin")


def version(argv: list[str]) -> str:
    """The first line a tool prints about its version, or ``?``."""
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (out.stdout or out.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


def pip_version(bin_dir: Path, package: str) -> str:
    """The installed version of ``package`` in the env at ``bin_dir``."""
    out = subprocess.run([str(bin_dir / "python"), "-m", "pip", "show", package], capture_output=True, text=True,
                         check=False).stdout
    return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Version:")), "?")
