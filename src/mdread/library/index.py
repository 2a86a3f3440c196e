"""The library index: what each post says about itself, kept in SQLite between runs.

Each set of folders gets its own database in the cache directory, keyed by the
folders' absolute paths. A row remembers the size and modification time of the
file it came from, so a rescan stats every file but reads only the new and
changed ones, and drops the rows of removed ones. The listing needs only what
frontmatter says, so a scan reads no more than that; the full-text index
(FTS5 over title, tags, description and body) and reading times need whole
bodies, several times the work, so they are built on the first search, or
behind the library screen, and kept like the rest.

Writes happen in one transaction per scan, so an interrupted scan leaves the
previous index intact; :mod:`mdread.library.store` deals with a cache that
cannot be used. The user's files are only ever read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mdread.library.discover import discover
from mdread.library.post import SEPARATOR, Post
from mdread.library.store import open_index, recover, transaction
from mdread.platform.parallel import can_fork, cores, fork_pool

POOL_MIN_FILES = 400
PROGRESS_DELAY = 0.5
"""Seconds a scan runs before its progress is worth showing: most scans end sooner."""
CHUNK_FILES = 200
CHUNKS_PER_WORKER = 4

Progress = Callable[[int, int], None]

_POST_COLUMNS = "path, root, size, mtime_ns, title, date, date_key, tags, categories, author, description, " \
                "draft, warnings"


@dataclass(frozen=True)
class ScanStats:
    """What a scan did: posts found, files read (new or changed), rows dropped for removed files."""

    found: int
    read: int
    removed: int


def _parse_date(text: str | None) -> dt.date | dt.datetime | None:
    if text is None:
        return None
    return dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)


class Library:
    """The posts under some folders (or a list of files), indexed for listing and search.

    Folders are indexed in the cache directory; files named one by one, in
    memory, as there is nothing to gain from keeping a list someone typed.
    Every method may be called from any thread; one lock serialises them.
    Warnings (unreadable folders, a rebuilt cache) collect in :attr:`warnings`
    for the face to show.

    Args:
        targets: Folders and files, as the user gave them; paths are shown under these spellings.
        encoding: Decode every post with this encoding instead of detecting.
        follow_symlinks: Follow symbolic links that lead out of the targets.
    """

    def __init__(self, targets: Sequence[str], *, encoding: str | None = None, follow_symlinks: bool = False) -> None:
        given = {os.path.abspath(t): t.rstrip(os.sep) or os.sep for t in reversed(targets)}
        self.roots = sorted(given)
        self._names = [given[root] for root in self.roots]
        self.encoding = encoding
        self.follow_symlinks = follow_symlinks
        self.warnings: list[str] = []
        self._lock = threading.RLock()
        folders = any(os.path.isdir(root) for root in self.roots)
        self._conn, self.cache_path = open_index(self._cache_file() if folders else None, self.warnings)

    def _cache_file(self) -> Path:
        from mdread.platform.storage import app_dir

        key = hashlib.sha256("\0".join(self.roots).encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return app_dir("cache") / f"library-{key}.sqlite3"

    def _guarded(self, work: Callable[[], Any], rescan: bool) -> Any:
        with self._lock:
            try:
                return work()
            except sqlite3.DatabaseError as exc:
                self._conn.close()
                self._conn, self.cache_path = recover(self.cache_path, exc, self.warnings)
                if rescan:
                    self._scan(None)
                return work()

    def scan(self, progress: Progress | None = None) -> ScanStats:
        """Bring the index up to date with the files; ``progress(done, total)`` follows the files read."""
        return self._guarded(lambda: self._scan(progress), rescan=False)

    def _scan(self, progress: Progress | None) -> ScanStats:
        from mdread.library.read import read_records

        conn = self._conn
        known = {os.fsdecode(row[0]): row[1:] for row in conn.execute("SELECT path, id, size, mtime_ns FROM posts")}
        found = discover(self.roots, self.warnings.append, stat_files=bool(known), follow_symlinks=self.follow_symlinks)
        fresh = []
        stale: list[tuple[int]] = []
        for item in found:
            old = known.pop(item.path, None)
            if old is None or old[1] != item.size or old[2] != item.mtime_ns:
                fresh.append((item.path, item.root))
                if old is not None:
                    stale.append((old[0],))
        stale.extend((old[0],) for old in known.values())
        if fresh or stale:
            next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM posts").fetchone()[0]
            insert = f"INSERT INTO posts(id, {_POST_COLUMNS}) VALUES ({', '.join('?' * 14)})"
            with transaction(conn):
                conn.executemany("DELETE FROM posts WHERE id = ?", stale)
                conn.executemany("DELETE FROM posts_fts WHERE rowid = ?", stale)
                for records in self._map(read_records, fresh, progress):
                    conn.executemany(insert, [(next_id + i, os.fsencode(r[0]), *r[1:]) for i, r in enumerate(records)])
                    next_id += len(records)
        return ScanStats(found=len(found), read=len(fresh), removed=len(known))

    def _map(self, func: Callable[..., list[Any]], items: list[Any], progress: Progress | None
             ) -> Iterator[list[Any]]:
        """``func`` over ``items`` in chunks: in a process pool when there are enough to pay for one.

        A pool gets a few large chunks per process: each chunk costs a round
        trip, and on a machine whose other core is busy the round trips are
        all that parallelism adds.
        """
        workers = cores() if len(items) >= POOL_MIN_FILES and can_fork() else 0
        size = max(CHUNK_FILES, -(-len(items) // (workers * CHUNKS_PER_WORKER))) if workers else CHUNK_FILES
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        with contextlib.ExitStack() as stack:
            if workers:
                pool = stack.enter_context(fork_pool(workers))
                work = functools.partial(func, encoding=self.encoding)
                futures = [pool.submit(work, chunk) for chunk in chunks]
                results: Iterable[list[Any]] = (future.result() for future in as_completed(futures))
            else:
                results = (func(chunk, self.encoding) for chunk in chunks)
            done = 0
            for result in results:
                done += len(result)
                if progress is not None:
                    progress(done, len(items))
                yield result

    def posts(self) -> list[Post]:
        """Every indexed post, in no particular order."""
        return self._guarded(self._posts, rescan=True)

    def _posts(self) -> list[Post]:
        rows = self._conn.execute(
            "SELECT path, root, title, date, tags, categories, author, description, draft, warnings, minutes "
            "FROM posts")
        sizes = [len(root) for root in self.roots]
        names = [name if name != "." else "" for name in self._names]
        out: list[Post] = []
        for blob, root, title, date, tags, categories, author, description, draft, warnings, minutes in rows:
            path = os.fsdecode(blob)
            rest = path[sizes[root]:]
            out.append(Post(
                path=path,
                shown=names[root] + rest if names[root] else rest.lstrip(os.sep),
                title=title,
                date=_parse_date(date),
                tags=tuple(tags.split(SEPARATOR)) if tags else (),
                categories=tuple(categories.split(SEPARATOR)) if categories else (),
                author=author,
                description=description,
                draft=bool(draft),
                minutes=minutes,
                warnings=tuple(warnings.split(SEPARATOR)) if warnings else (),
            ))
        return out

    def search(self, fts_query: str, progress: Progress | None = None) -> set[str]:
        """Paths of the posts that match an FTS5 query (see :func:`mdread.library.query.fts_query`).

        The first search builds the full-text index; ``progress`` follows it.
        """
        return self._guarded(lambda: self._search(fts_query, progress), rescan=True)

    def _search(self, fts_query: str, progress: Progress | None) -> set[str]:
        self._index_full_text(progress)
        rows = self._conn.execute("SELECT p.path FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid "
                                  "WHERE posts_fts MATCH ?", (fts_query,))
        return {os.fsdecode(path) for (path,) in rows}

    def index_full_text(self, progress: Progress | None = None) -> int:
        """Read the bodies not yet in the full-text index, and their reading times; returns how many.

        Searches do this themselves; the library screen calls it in the
        background so that reading times appear and the first search is instant.
        """
        return self._guarded(lambda: self._index_full_text(progress), rescan=True)

    def _index_full_text(self, progress: Progress | None) -> int:
        from mdread.library.read import read_full_text

        conn = self._conn
        pending = [(rowid, os.fsdecode(path), *rest) for rowid, path, *rest in conn.execute(
            "SELECT id, path, title, tags, categories, coalesce(description, '') FROM posts WHERE minutes IS NULL")]
        if pending:
            with transaction(conn):
                for rows in self._map(read_full_text, pending, progress):
                    conn.executemany("INSERT INTO posts_fts(rowid, title, tags, description, body) "
                                     "VALUES (?, ?, ?, ?, ?)", [(r[0], *r[2:]) for r in rows])
                    conn.executemany("UPDATE posts SET minutes = ? WHERE id = ?", [(r[1], r[0]) for r in rows])
        return len(pending)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
