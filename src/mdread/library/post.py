"""One post as the library lists it: plain data, cheap to import.

The warm path of ``mdread DIR`` builds these from the index without reading a
single file, so this module imports nothing that parses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SEPARATOR = "\x1f"
"""Joins tags, categories and warnings in one index column; no one types it in a tag."""


@dataclass(slots=True)
class Post:
    """A post of the library (not frozen: a listing builds tens of thousands, three times faster so).

    Attributes:
        path: The file, absolute, as found (symbolic links are not resolved).
        shown: The path as the user would type it: under the folder as they gave it.
        title: From the frontmatter (``title``, else ``name``), else the first H1, else the file name.
        date: A date, or a datetime when the post gives a time.
        tags: As written, in order, without duplicates.
        categories: Kept apart from tags, as blogs do.
        author: The author, if the post names one.
        description: From the frontmatter, else the first sentence of the first paragraph that is not a label.
        draft: Marked as a draft.
        minutes: Reading time, once the full text has been indexed (None before).
        warnings: Problems met reading the post (broken frontmatter, not text).
    """

    path: str
    shown: str
    title: str
    date: dt.date | dt.datetime | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    author: str | None
    description: str | None
    draft: bool
    minutes: int | None
    warnings: tuple[str, ...]


def date_key(value: dt.date | dt.datetime) -> str:
    """A sortable string: the wall-clock date and time as written, so a bare date sorts as its midnight."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat()
