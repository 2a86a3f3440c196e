"""The pipe face: the article, or a part of it, written to stdout.

It draws the same lines as the reader, block by block, flushing as it goes so
``mdread big.md | less -R`` shows the top at once. Structured outputs (``--toc``,
``--section``, ``--code``, ``--json``, ``--source``) live here too.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from rich.color import ColorSystem
from rich.segment import Segment

from mdread.errors import UsageError
from mdread.model import Document, Section
from mdread.render import Lines, RenderContext, render_header, render_top, resolve_language
from mdread.sanitize import clean

_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}


def write_lines(lines: Iterable[list[Segment]], out: TextIO, color: str | None) -> None:
    system = _SYSTEMS.get(color) if color else None
    buf: list[str] = []
    for line in lines:
        if system is None:
            buf.append("".join(seg.text for seg in line).rstrip())
        else:
            buf.append("".join(seg.style.render(seg.text, color_system=system) if seg.style else seg.text
                               for seg in line))
    if buf:
        out.write("\n".join(buf) + "\n")


def block_lines(doc: Document, ctx: RenderContext, start: int = 0, end: int | None = None,
                header: bool = True) -> Iterator[Lines]:
    """Rendered lines per block, with the blank line that separates blocks."""
    if header:
        yield render_header(doc, ctx)
    for i in range(start, len(doc.blocks) if end is None else end):
        lines = render_top(doc, i, ctx)
        yield [[], *lines] if header or i > start else lines


def write_document(doc: Document, ctx: RenderContext, out: TextIO, color: str | None,
                   start: int = 0, end: int | None = None, header: bool = True) -> None:
    for lines in block_lines(doc, ctx, start, end, header):
        write_lines(lines, out, color)
        out.flush()


def toc(doc: Document) -> str:
    """One numbered line per section, indented by depth."""
    return "".join(f"{'  ' * s.depth}{s.number} {clean(s.title)}\n" for s in doc.sections)


def find_section(doc: Document, selector: str) -> int:
    """A section by number (``2.1``) or by case-insensitive heading text.

    Raises:
        UsageError: No section matches, or several do; the message lists candidates.
    """
    sections = doc.sections
    for i, s in enumerate(sections):
        if s.number == selector:
            return i
    wanted = selector.casefold().strip()
    exact = [i for i, s in enumerate(sections) if s.title.casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    matches = exact or [i for i, s in enumerate(sections) if wanted in s.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not sections:
        raise UsageError("the article has no sections")
    if matches:
        listed = "; ".join(f"{sections[i].number} {clean(sections[i].title)}" for i in matches)
        raise UsageError(f"section {clean(selector)!r} is ambiguous: {listed}")
    titles = [s.title for s in sections]
    close = difflib.get_close_matches(selector, titles, n=5, cutoff=0.3) or titles[:10]
    listed = "; ".join(f"{sections[titles.index(t)].number} {clean(t)}" for t in close)
    raise UsageError(f"no section {clean(selector)!r}; candidates: {listed}")


def section_range(doc: Document, index: int) -> tuple[int, int]:
    s = doc.sections[index]
    return s.block, s.block_end


def code_text(doc: Document, number: int) -> str:
    if not 1 <= number <= len(doc.code_blocks):
        raise UsageError(f"no code block {number}; the article has {len(doc.code_blocks)}")
    return doc.code_blocks[number - 1].text


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _section_tree(doc: Document, index: int) -> dict[str, Any]:
    s: Section = doc.sections[index]
    return {
        "number": s.number,
        "title": s.title,
        "level": s.level,
        "line": s.line,
        "children": [_section_tree(doc, c) for c in s.children],
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


_JSON_UNSAFE = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


def to_json(doc: Document, ctx: RenderContext) -> str:
    """The article's structure as JSON; terminal-unsafe characters are ``\\u`` escaped."""
    meta = doc.metadata
    data = {
        "metadata": {
            "title": meta.title,
            "description": meta.description,
            "date": _iso(meta.date),
            "tags": list(meta.tags),
            "categories": list(meta.categories),
            "author": meta.author,
            "draft": meta.draft,
            "reading_minutes": doc.reading_minutes,
            "extra": _jsonable(meta.extra),
        },
        "sections": [_section_tree(doc, i) for i in doc.roots],
        "code_blocks": [
            {
                "index": c.index,
                "language": c.language,
                "highlighted_as": resolve_language(c, ctx).name,
                "section": doc.sections[c.section].number if c.section is not None else None,
                "line_start": c.line_start,
                "line_end": c.line_end,
            }
            for c in doc.code_blocks
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
