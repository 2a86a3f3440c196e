"""The library's columns at a given width: which are shown, how wide, and each post's cells (no Textual here).

The title gets the room: two fifths of the row, or what nine titles in ten
need if that is less. Date, tags, categories, reading time and description
follow, each shown only if it fits at its least width after those to its left,
so as the terminal narrows they drop from the right. Whatever room is left
widens the title, then tags and categories, to what they need, and the
description takes the rest (the title, when there is no description). A cell cut short ends in an
ellipsis; the whole row is in the preview under the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

from mdread.library.post import Post
from mdread.render.header import format_date
from mdread.sanitize import clean

GAP = 2
"""Cells between two columns."""
TITLE_LEAST = 24
TITLE_SHARE = 40
"""Percent of the row the title gets (less if no title needs it) before any other column is given room."""
TITLE_MOST = 60
"""A title wider than this is cut even when there is room: the description is more use than its tail."""


@dataclass(frozen=True)
class Column:
    """A column: its key, header, least and greatest useful width (None: as wide as there is room)."""

    key: str
    label: str
    least: int
    most: int | None


TITLE = Column("title", "Title", TITLE_LEAST, TITLE_MOST)
OPTIONAL = (
    Column("date", "Date", 10, 10),
    Column("tags", "Tags", 10, 24),
    Column("categories", "Categories", 10, 16),
    Column("minutes", "Read", 4, 4),
    Column("description", "Description", 20, None),
)
"""Left to right, which is also the order they are kept in as the width shrinks."""


def plain(post: Post, key: str) -> str:
    """The text of ``post``'s cell in column ``key``, cleaned, on one line."""
    if key == "title":
        return title_text(post).plain
    if key == "date":
        return post.date.isoformat()[:10] if post.date is not None else ""
    if key == "tags":
        return clean(", ".join(post.tags))
    if key == "categories":
        return clean(", ".join(post.categories))
    if key == "minutes":
        return f"{post.minutes}m" if post.minutes else ""
    return clean(" ".join((post.description or "").split()))


def natural(posts: Iterable[Post], keys: Sequence[str] = ("title", "tags", "categories")) -> dict[str, int]:
    """How wide each column in ``keys`` would like to be: wide enough for nine cells in ten over ``posts``.

    Not the widest: one post with fifteen tags would otherwise take the room
    of every description; its cell ends in an ellipsis, and the preview has it whole.
    """
    widths: dict[str, list[int]] = {key: [] for key in keys}
    for post in posts:
        for key in keys:
            text = plain(post, key)
            widths[key].append(len(text) if text.isascii() else cell_len(text))
    return {key: sorted(found)[len(found) * 9 // 10] if found else 0 for key, found in widths.items()}


def plan(width: int, wants: dict[str, int]) -> list[tuple[Column, int]]:
    """The columns to draw in ``width`` cells, with their widths.

    Args:
        width: Cells for the whole row.
        wants: The natural width of the title, tags and categories (see
            :func:`natural`); a column nobody fills (no post has categories) is
            not shown at all.
    """
    share = max(TITLE.least, width * TITLE_SHARE // 100)
    title = min(max(TITLE.least, wants.get("title", share)), share, TITLE.most or width, width)
    chosen: list[tuple[Column, int]] = [(TITLE, title)]
    used = title
    for column in OPTIONAL:
        if column.key in wants and not wants[column.key]:
            continue
        if used + GAP + column.least > width:
            break
        chosen.append((column, column.least))
        used += GAP + column.least
    spare = width - used
    widths = {column.key: least for column, least in chosen}
    for column, _ in chosen:
        if column.key in ("title", "tags", "categories") and spare > 0:
            grow = max(0, min(spare, min(wants.get(column.key, 0), column.most or width) - widths[column.key]))
            widths[column.key] += grow
            spare -= grow
    widths["description" if "description" in widths else "title"] += spare
    return [(column, widths[column.key]) for column, _ in chosen]


STYLES = {"title": "bold", "date": "dim", "tags": "cyan", "categories": "magenta", "minutes": "dim",
          "description": "dim"}


def fitted(text: Text, width: int, right: bool = False) -> Text:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, or padded (on the left when ``right``)."""
    text.truncate(width, overflow="ellipsis")
    pad = " " * (width - text.cell_len)
    return Text(pad) + text if right else text + pad


def title_text(post: Post) -> Text:
    """The title, after its marks: a red ``!`` for a post with problems, a yellow ``draft``."""
    out = Text()
    if post.warnings:
        out.append("! ", style="bold red")
    if post.draft:
        out.append("draft ", style="yellow")
    out.append(clean(post.title), style=STYLES["title"])
    return out


def row(post: Post, columns: Sequence[tuple[Column, int]]) -> Text:
    """One row of the list: every shown column of ``post``, cut to its width, separated by :data:`GAP` cells."""
    out = Text(no_wrap=True, overflow="crop")
    for i, (column, width) in enumerate(columns):
        if i:
            out.append(" " * GAP)
        text = title_text(post) if column.key == "title" else Text(plain(post, column.key), STYLES[column.key])
        out.append_text(fitted(text, width, right=column.key == "minutes"))
    return out


def header(columns: Sequence[tuple[Column, int]]) -> Text:
    """The column labels, aligned with :func:`row`."""
    out = Text(no_wrap=True, overflow="crop")
    for i, (column, width) in enumerate(columns):
        if i:
            out.append(" " * GAP)
        out.append_text(fitted(Text(column.label), width, right=column.key == "minutes"))
    return out


def preview(post: Post) -> Text:
    """The selected post whole, in three lines: title and byline, tags and categories, description."""
    out = title_text(post)
    facts = [format_date(post.date), clean(post.author) if post.author else None,
             f"{post.minutes} min read" if post.minutes else None]
    if byline := " · ".join(fact for fact in facts if fact):
        out.append("  " + byline, style="dim")
    labels = [*(f"#{clean(tag)}" for tag in post.tags), *(f"@{clean(c)}" for c in post.categories)]
    out.append("\n")
    out.append("  ".join(labels), style="italic cyan")
    out.append("\n")
    out.append(plain(post, "description"), style="dim")
    return out
