"""The article header: title, date, author, reading time, tags and description."""

from __future__ import annotations

import datetime as dt

from rich.segment import Segment
from rich.text import Text

from mdread.model import Document, Metadata
from mdread.render.context import Lines, RenderContext
from mdread.render.styles import STYLES
from mdread.render.text import to_lines
from mdread.sanitize import clean


def format_date(value: dt.date | dt.datetime | None) -> str | None:
    """A date as people write it in a byline: ``2024-01-12``, with ``14:30`` when a time is known."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def byline(meta: Metadata, minutes: int) -> str:
    parts = [format_date(meta.date), meta.author, f"{minutes} min read"]
    if meta.draft:
        parts.append("draft")
    return " · ".join(clean(p) for p in parts if p)


def tag_labels(meta: Metadata) -> list[str]:
    """Tags as ``#tag`` and categories as ``@category``, cleaned, as the header shows them."""
    return [*(f"#{clean(t)}" for t in meta.tags), *(f"@{clean(c)}" for c in meta.categories)]


def render_header(doc: Document, ctx: RenderContext) -> Lines:
    meta = doc.metadata
    out = to_lines(Text(clean(meta.title), STYLES["title"]), ctx.width)
    out += to_lines(Text(byline(meta, doc.reading_minutes), STYLES["meta"]), ctx.width)
    if labels := tag_labels(meta):
        out += to_lines(Text("  ".join(labels), STYLES["tag"]), ctx.width)
    if meta.description:
        out += to_lines(Text(clean(meta.description), STYLES["description"]), ctx.width)
    out.append([Segment("═" * ctx.width, STYLES["rule"])])
    return out
