"""Finding the Markdown files of a library.

A blog repository is a tree that tooling has filled with other things: a
``node_modules`` of thousands of README.md files, ``.git``, caches, and now and
then a symbolic link that points back up the tree. The walk skips hidden
entries and ``node_modules``, follows links but never enters a directory twice,
and costs at most one ``stat`` per Markdown file.

A symbolic link that leads out of the folders listed (to ``/etc``, or a home
directory) is not followed unless the config's ``follow_symlinks`` says so: a
downloaded tree should not make the library read files from elsewhere.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from typing import NamedTuple

from mdread.load.source import EXTENSIONS
from mdread.sanitize import display_name

SKIPPED = frozenset({"node_modules"})


class Found(NamedTuple):
    """A Markdown file, and the ``stat`` facts that tell whether it changed since it was indexed.

    A named tuple rather than a dataclass: a walk makes one per file, and tuples are built fastest.

    Attributes:
        path: Absolute path, as reached (links not resolved).
        root: Index, in the list given to :func:`discover`, of the target it was found under.
        size: Size in bytes, or None when not asked for.
        mtime_ns: Modification time in nanoseconds, or None when not asked for.
    """

    path: str
    root: int
    size: int | None = None
    mtime_ns: int | None = None


def is_markdown(name: str) -> bool:
    return name.lower().endswith(EXTENSIONS)


def _inside(path: str, within: tuple[str, ...]) -> bool:
    """Whether the real path of ``path`` lies in one of the real folders ``within``."""
    real = os.path.realpath(path)
    return any(real == folder or real.startswith(folder.rstrip(os.sep) + os.sep) for folder in within)


def _walk(top: str, seen: set[tuple[int, int]], warn: Callable[[str], None],
          max_dirs: int | None = None, within: tuple[str, ...] | None = None,
          skipped: list[str] | None = None) -> Iterator[os.DirEntry[str]]:
    """Markdown files under ``top``, depth first; ``seen`` holds (device, inode) of the dirs entered.

    With ``within`` (real paths), a symbolic link whose target lies outside
    them is left alone and its path added to ``skipped``.
    """
    stack = [top]
    listed_dirs = 0
    while stack and (max_dirs is None or listed_dirs < max_dirs):
        folder = stack.pop()
        listed_dirs += 1
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            warn(f"{display_name(folder)}: cannot list: {exc.strerror or exc}")
            continue
        subdirs: list[str] = []
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            if within is not None and entry.is_symlink() and not _inside(entry.path, within):
                if skipped is not None:
                    skipped.append(entry.path)
                continue
            try:
                if entry.is_dir():
                    if name in SKIPPED:
                        continue
                    info = entry.stat()
                    key = (info.st_dev, info.st_ino)
                    if key not in seen:
                        seen.add(key)
                        subdirs.append(entry.path)
                elif is_markdown(name) and entry.is_file():
                    yield entry
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def discover(roots: list[str], warn: Callable[[str], None] = lambda _: None, *, stat_files: bool = True,
             follow_symlinks: bool = False) -> list[Found]:
    """Every Markdown file under ``roots`` (sorted absolute paths of folders or files), each path once.

    A file named directly is taken whatever its extension, since the user chose
    it. A folder reached twice (through a link, or as a root inside another) is
    walked once. A link out of every root is followed only with
    ``follow_symlinks``; those skipped are counted in one warning.
    ``stat_files=False`` saves a system call per file when every file is going
    to be read anyway, as on a first scan.
    """
    within = None if follow_symlinks else tuple(os.path.realpath(root) for root in roots)
    skipped: list[str] = []
    seen_dirs: set[tuple[int, int]] = set()
    seen_paths: set[str] = set()
    found: list[Found] = []
    for index, root in enumerate(roots):
        try:
            info = os.stat(root)
        except OSError as exc:
            warn(f"{display_name(root)}: {exc.strerror or exc}")
            continue
        if not stat.S_ISDIR(info.st_mode):
            if root not in seen_paths:
                seen_paths.add(root)
                found.append(Found(root, index, info.st_size, info.st_mtime_ns))
            continue
        if (info.st_dev, info.st_ino) in seen_dirs:
            continue
        seen_dirs.add((info.st_dev, info.st_ino))
        for entry in _walk(root, seen_dirs, warn, within=within, skipped=skipped):
            seen_paths.add(entry.path)
            if not stat_files:
                found.append(Found(entry.path, index))
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            found.append(Found(entry.path, index, st.st_size, st.st_mtime_ns))
    if skipped:
        first = display_name(skipped[0])
        more = f" and {len(skipped) - 1} more" if len(skipped) > 1 else ""
        warn(f"not following {first}{more}: symbolic links out of the library (follow_symlinks = true in the "
             "config follows them)")
    return found


def has_markdown(folder: str, max_dirs: int = 2000) -> bool:
    """Whether ``folder`` holds a Markdown file, looking at no more than ``max_dirs`` folders.

    Used to decide if a bare ``mdread`` should open the current folder as a
    library; the bound keeps that answer quick in a home directory.
    """
    return next(_walk(folder, set(), lambda _: None, max_dirs), None) is not None
