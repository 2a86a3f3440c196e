"""Where mdread keeps its own files, and how it writes them safely.

Every file mdread writes is its own (state, caches), lives in the platform's
directories, and is replaced atomically: written to a temporary file beside it,
flushed, then renamed over the old one, so a crash never leaves half a file.
Each directory can be moved with an environment variable, which the tests use.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

_DIRS = {
    "config": ("MDREAD_CONFIG_DIR", platformdirs.user_config_dir),
    "state": ("MDREAD_STATE_DIR", platformdirs.user_state_dir),
    "cache": ("MDREAD_CACHE_DIR", platformdirs.user_cache_dir),
}


def app_dir(kind: str) -> Path:
    """The directory for ``kind`` (config, state or cache); not created here."""
    env, default = _DIRS[kind]
    override = os.environ.get(env)
    return Path(override) if override else Path(default("mdread", appauthor=False))


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a mix.

    ``durable`` also waits for the disk: state must survive a power cut, while
    a cache entry lost to one is checked by its reader and drawn again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
