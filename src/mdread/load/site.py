"""What the site a post comes from says about reading it: Hexo shows every newline as a break.

Hexo's default Markdown renderer (hexo-renderer-marked) has ``breaks: true``, so a poem or a
dialogue written one line per source line shows as lines on the site. A post inside a Hexo
site's ``source/_posts`` (a ``_config.yml`` naming Hexo, or a ``package.json`` depending on
``hexo``, two levels above ``_posts``) is read the same way, unless the site turns it off
(``breaks: false`` in ``_config.yml``) or renders Markdown with pandoc, which never does it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

MAX_CONFIG_BYTES = 1 << 20
"""A site's config file larger than this is not read: real ones are a few kilobytes."""

HEXO = re.compile(r"\bhexo\b", re.IGNORECASE)
NO_BREAKS = re.compile(r"^\s*breaks\s*:\s*(?:false|no|off)\s*(?:#.*)?$", re.MULTILINE | re.IGNORECASE)
NO_BREAK_RENDERERS = frozenset({"hexo-renderer-pandoc"})


def hexo_breaks(post: Path | None) -> bool:
    """Whether ``post`` lies in a Hexo site's ``source/_posts`` whose renderer breaks lines."""
    if post is None:
        return False
    try:
        folders = post.resolve().parents
    except (OSError, RuntimeError):
        return False
    for folder in folders:
        if folder.name == "_posts" and folder.parent.name == "source":
            return _site_breaks(folder.parent.parent)
    return False


@functools.lru_cache(maxsize=64)
def _site_breaks(root: Path) -> bool:
    config = _read(root / "_config.yml")
    dependencies = _dependencies(_read(root / "package.json"))
    if "hexo" not in dependencies and not HEXO.search(config):
        return False
    return not NO_BREAKS.search(config) and not dependencies & NO_BREAK_RENDERERS


def _read(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return stream.read(MAX_CONFIG_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def _dependencies(package: str) -> frozenset[str]:
    """The packages a ``package.json`` depends on (at run time or to build), or none if unreadable."""
    try:
        data = json.loads(package) if package else {}
    except (ValueError, RecursionError):
        return frozenset()
    if not isinstance(data, dict):
        return frozenset()
    names: set[str] = set()
    for key in ("dependencies", "devDependencies"):
        if isinstance(data.get(key), dict):
            names.update(str(name) for name in data[key])
    return frozenset(names)
