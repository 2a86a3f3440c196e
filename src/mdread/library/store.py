"""The SQLite file behind the library index: its schema, and what happens when it cannot be used.

Paths are kept as the bytes the file system gave (``os.fsencode``), since a
file name need not be UTF-8 and SQLite text must be. The file is only a
cache. When it is corrupt or from another version of the schema (``PRAGMA
user_version``) it is deleted and built again; when it is locked by another
mdread for longer than :data:`BUSY_SECONDS`, or cannot be written, the index
lives in memory for this run. Either way there is a warning and never an
error. Commits do not wait for the disk (``synchronous = OFF``): a power cut
may cost the last scan, and a file damaged that way is found and rebuilt on
the next run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 4
"""Raised whenever what a row holds changes, not only its columns (2: dates from file names, ``name:``
titles, descriptions that skip labels; 3: paths as bytes; 4: a post that is only a label keeps it as
its description), so rows read by an older mdread are read again."""
BUSY_SECONDS = 2.0

_SCHEMA = """
CREATE TABLE posts(
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    root INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    date_key TEXT,
    tags TEXT NOT NULL,
    categories TEXT NOT NULL,
    author TEXT,
    description TEXT,
    draft INTEGER NOT NULL,
    warnings TEXT NOT NULL,
    minutes INTEGER
);
CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, tags, description, body, tokenize = 'unicode61 remove_diacritics 2', detail = none
);
"""


def open_index(path: Path | None, warnings: list[str]) -> tuple[sqlite3.Connection, Path | None]:
    """The index at ``path``, or a fresh one in its place, or one in memory (returned path None)."""
    if path is None:
        return _memory(), None
    try:
        return _open_file(path, warnings), path
    except (sqlite3.Error, OSError) as exc:
        return recover(path, exc, warnings)


def recover(path: Path | None, exc: Exception, warnings: list[str]) -> tuple[sqlite3.Connection, Path | None]:
    """A fresh index in place of one that failed with ``exc``: rebuilt on disk if possible, else in memory."""
    if path is not None and not _busy(exc):
        warnings.append(f"the library index was unusable ({exc}); rebuilding it")
        try:
            _remove(path)
            return _open_file(path, warnings), path
        except (sqlite3.Error, OSError) as again:
            exc = again
    reason = "it is in use by another mdread" if _busy(exc) else str(exc)
    warnings.append(f"cannot use the library index ({reason}); indexing in memory")
    return _memory(), None


def _connect(path: Path | str) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)


def _open_file(path: Path, warnings: list[str]) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.close()
            warnings.append("the library index is from another version of mdread; rebuilding it")
            _remove(path)
            conn = _connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = OFF")
        if version != SCHEMA_VERSION:
            _create(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _memory() -> sqlite3.Connection:
    conn = _connect(":memory:")
    _create(conn)
    return conn


def _busy(exc: Exception) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


class transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception, Ctrl-C included."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")


def _create(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
