"""The library on stdout: a listing or JSON.

The listing is for ``grep``, ``fzf`` and ``cut``: one line per post with the
date, title, tags and path in aligned columns (aligned in terminal cells, so
CJK titles line up too), and no colour. Everything a post says passes through
:func:`mdread.sanitize.clean` first, since a title can hold escape sequences.
"""

from __future__ import annotations

import shlex
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

from mdread.library.index import PROGRESS_DELAY, Library, Progress
from mdread.library.post import Post
from mdread.library.query import Query, fts_query, select
from mdread.sanitize import clean, display_name, json_text, one_line

T = TypeVar("T")

MAX_TITLE_CELLS = 60
MAX_TAG_CELLS = 40
MAX_REPORTED = 5


def _cells(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _one_line(text: str) -> str:
    return text.replace("\n", " ") if "\n" in text else text


def listing(posts: list[Post]) -> str:
    """One line per post: date, title (with ``[draft]`` and ``[!]`` marks), tags, path.

    The whole listing is made safe with one :func:`clean` at the end, which is
    many times faster than cleaning each field; a field with control
    characters may then lose its alignment, never its safety.
    """
    rows = []
    for post in posts:
        title = _one_line(post.title) + (" [draft]" if post.draft else "") + (" [!]" if post.warnings else "")
        tags = _one_line(", ".join(post.tags))
        date = post.date.isoformat()[:10] if post.date is not None else "-"
        rows.append((date, title, _cells(title), tags, _cells(tags), display_name(post.shown)))
    title_cells = min(max((r[2] for r in rows), default=0), MAX_TITLE_CELLS)
    tag_cells = min(max((r[4] for r in rows), default=0), MAX_TAG_CELLS)
    lines = []
    for date, title, title_len, tags, tags_len, path in rows:
        line = f"{date:<10}  {title}{' ' * (title_cells - title_len)}  "
        if tag_cells:
            line += f"{tags}{' ' * (tag_cells - tags_len)}  "
        lines.append(f"{line}{path}\n")
    return clean("".join(lines))


def post_json(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "date": post.date.isoformat() if post.date is not None else None,
        "tags": list(post.tags),
        "categories": list(post.categories),
        "author": post.author,
        "description": post.description,
        "draft": post.draft,
        "path": post.shown,
        "warnings": list(post.warnings),
    }


def to_json(posts: list[Post]) -> str:
    """``{"posts": [...]}`` in listing order; terminal-unsafe characters are ``\\u`` escaped."""
    return json_text({"posts": [post_json(p) for p in posts]})


class StderrProgress:
    """``mdread: LABEL N/M`` on one self-erasing stderr line, once a step has taken longer than half a second."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.shown or time.monotonic() - self.start > PROGRESS_DELAY:
            self.stream.write(f"\rmdread: {self.label} {done}/{total}")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _with_progress(label: str, work: Callable[[Progress | None], T]) -> T:
    """Run ``work(progress)``, with progress on stderr only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return work(None)
    progress = StderrProgress(sys.stderr, label)
    try:
        return work(progress)
    finally:
        progress.close()


def write_listing(library: Library, query: Query, as_json: bool, out: TextIO | None = None) -> int:
    """Scan ``library`` and write the posts ``query`` selects, as a listing or as JSON; returns the exit status.

    As with ``grep``, finding nothing is status 1, with a line on stderr saying
    what was looked for, so a script can tell it from a listing.
    """
    out = out or sys.stdout
    _with_progress("reading posts", library.scan)
    search = fts_query(query.search) if query.search else None
    matches = _with_progress("indexing full text", lambda p: library.search(search, p)) if search else None
    posts = select(library.posts(), query, matches)
    _report(library.warnings, posts)
    out.write(to_json(posts) if as_json else listing(posts))
    out.flush()
    if posts:
        return 0
    asked = filters(query)
    print(f"mdread: no post matches {asked}" if asked else "mdread: no Markdown posts found", file=sys.stderr)
    return 1


def filters(query: Query) -> str:
    """The filters of ``query`` as they would be typed on the command line (empty when there are none)."""
    words = [f"--tag {shlex.quote(tag)}" for tag in query.tags]
    words += [f"--category {shlex.quote(category)}" for category in query.categories]
    if query.search:
        words.append(f"--search {shlex.quote(query.search)}")
    if query.since is not None:
        words.append(f"--since {query.since.isoformat()}")
    if query.until is not None:
        words.append(f"--until {query.until.isoformat()}")
    if not query.drafts:
        words.append("--no-drafts")
    return clean(" ".join(words))


def _report(warnings: list[str], posts: list[Post]) -> None:
    """The library's warnings, then the first few posts' problems on stderr; the rest are marked ``[!]``."""
    for warning in warnings:
        print(f"mdread: {one_line(warning)}", file=sys.stderr)
    troubled = [post for post in posts if post.warnings]
    for post in troubled[:MAX_REPORTED]:
        print(f"mdread: {display_name(post.shown)}: {one_line('; '.join(post.warnings))}", file=sys.stderr)
    if len(troubled) > MAX_REPORTED:
        print(f"mdread: {len(troubled) - MAX_REPORTED} more posts have problems; they are marked [!] "
              "(--json lists them)", file=sys.stderr)
