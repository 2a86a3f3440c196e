"""Choosing and ordering posts: tags, categories, a date range, drafts, full-text words, and the sort.

Filtering happens in Python over the loaded posts (tens of thousands take a
few milliseconds); only the full-text words go to SQLite, as an FTS5 query
built here so that nothing a user types can break its syntax.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from mdread.library.post import Post, date_key
from mdread.library.terms import query_terms


@dataclass(frozen=True)
class Query:
    """What to show.

    Attributes:
        tags: Every one must be a tag of the post (case-insensitive, whole tags).
        categories: Every one must be a category of the post (as tags).
        since: Only posts dated on or after this (a date means from its start).
        until: Only posts dated on or before this (a date means to its end).
        search: Words that must all occur in title, tags, description or body.
        drafts: Whether drafts are listed.
        sort: ``date`` (newest first, undated last) or ``title``.
    """

    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    since: dt.date | dt.datetime | None = None
    until: dt.date | dt.datetime | None = None
    search: str | None = None
    drafts: bool = True
    sort: str = "date"


def fts_query(words: str) -> str | None:
    """An FTS5 query that every word of ``words`` must match, or None when there are no words.

    Each word becomes a quoted prefix term, so ``kube`` finds ``kubernetes``,
    and no quote, operator or bracket typed by the user reaches FTS5 syntax:
    terms hold letters and digits only. A CJK word becomes its character
    pairs, as the index holds them (see :mod:`mdread.library.terms`).
    """
    return " AND ".join(f'"{term}"*' for term in query_terms(words)) or None


def _in_range(post: Post, since: str | None, until: str | None) -> bool:
    if post.date is None:
        return False
    key = date_key(post.date)
    if since is not None and key < since:
        return False
    return until is None or key[: len(until)] <= until


def select(posts: Iterable[Post], query: Query, matches: set[str] | None = None) -> list[Post]:
    """The posts ``query`` asks for, in its order.

    Args:
        posts: Every post of the library.
        query: The filters and the sort.
        matches: Paths found by the full-text search, or None when there was none.
    """
    wanted = {tag.casefold() for tag in query.tags}
    kinds = {category.casefold() for category in query.categories}
    since = date_key(query.since) if query.since is not None else None
    until = date_key(query.until) if query.until is not None else None
    chosen = [
        post for post in posts
        if (query.drafts or not post.draft)
        and (matches is None or post.path in matches)
        and (not wanted or wanted <= {tag.casefold() for tag in post.tags})
        and (not kinds or kinds <= {category.casefold() for category in post.categories})
        and ((since is None and until is None) or _in_range(post, since, until))
    ]
    return order(chosen, query.sort)


def order(posts: list[Post], sort: str) -> list[Post]:
    """By title (case-insensitive), or newest first with undated posts last, themselves by title."""
    by_title = sorted(posts, key=lambda p: (p.title.casefold(), p.shown))
    if sort == "title":
        return by_title
    dated = [p for p in by_title if p.date is not None]
    dated.sort(key=lambda p: date_key(p.date), reverse=True)  # type: ignore[arg-type]
    return dated + [p for p in by_title if p.date is None]


def tag_counts(posts: Iterable[Post], of: Literal["tags", "categories"] = "tags") -> list[tuple[str, int]]:
    """Each tag (or category) with the number of posts that carry it, most used first; spellings merged
    case-insensitively."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for post in posts:
        for key, tag in {t.casefold(): t for t in getattr(post, of)}.items():
            names.setdefault(key, tag)
            counts[key] = counts.get(key, 0) + 1
    return sorted(((names[k], n) for k, n in counts.items()), key=lambda item: (-item[1], item[0].casefold()))
