"""The pipe face: the article, or a part of it, written to stdout.

It draws the same lines as the reader, a run of blocks at a time, flushing as it
goes so ``mdread big.md | less -R`` shows the top at once; a long article is
drawn on every core, in forked workers, and still written in order. Structured
outputs (``--toc``, ``--section``, ``--code``, ``--json``, ``--source``) live
here too.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style

from mdread.errors import UsageError
from mdread.load.frontmatter import iso
from mdread.model import CodeBlock, Document, Section
from mdread.platform.parallel import cores, fork_pool
from mdread.render import RenderContext, render_header, render_top, resolve_language
from mdread.render.code.highlight import prepare
from mdread.sanitize import clean, json_text

_SYSTEMS = {"truecolor": ColorSystem.TRUECOLOR, "256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD}


@functools.lru_cache(maxsize=1024)
def _sgr(style: Style, system: ColorSystem) -> tuple[str, str] | None:
    """The escape codes that go before and after text in ``style``; None for a link.

    ``Style.render`` formats its codes on every call, and a code pane calls it
    for every token, so the codes are found once per style. A link keeps
    ``Style.render``, which writes the link's own id. Rich keeps a style's
    codes for the first colour system it was rendered in, whatever system is
    asked for later, so a copy without them is rendered: one process may
    write in two systems (the tests do).
    """
    if style.link:
        return None
    fresh = style.copy()
    fresh._ansi = None
    before, _, after = fresh.render("\0", color_system=system).partition("\0")
    return before, after


def _ansi_line(line: list[Segment], system: ColorSystem) -> str:
    parts: list[str] = []
    for text, style, _ in line:
        codes = _sgr(style, system) if style and text else ("", "")
        parts.append(codes[0] + text + codes[1] if codes is not None else style.render(text, color_system=system))
    return "".join(parts)


def encode_lines(lines: Iterable[list[Segment]], color: str | None) -> str:
    """The text written for ``lines``: ANSI colours in ``color``'s system, or plain and right-trimmed."""
    system = _SYSTEMS.get(color) if color else None
    if system is None:
        buf = ["".join(seg.text for seg in line).rstrip() for line in lines]
    else:
        buf = [_ansi_line(line, system) for line in lines]
    return "\n".join(buf) + "\n" if buf else ""


def write_lines(lines: Iterable[list[Segment]], out: TextIO, color: str | None) -> None:
    text = encode_lines(lines, color)
    if text:
        out.write(text)


PARALLEL_LINES = 4000
"""Below this many source lines, one process finishes before worker processes would start paying off."""
SPAN_LINES = 1200
FIRST_SPAN_LINES = 120


@dataclass(frozen=True)
class _Job:
    """What every span of one parallel render shares; workers get it by fork, never by pickling."""

    doc: Document
    ctx: RenderContext
    color: str | None
    start: int
    header: bool
    lead: bool


_job: _Job | None = None
"""The job of the render under way: set before the workers are forked, so they inherit it."""


def _span_text(job: _Job, span: tuple[int, int]) -> str:
    """Blocks ``span`` as written, separating blank lines included; the first span has the header."""
    out = io.StringIO()
    if job.header and span[0] == job.start:
        write_lines(render_header(job.doc, job.ctx), out, job.color)
    for i in range(*span):
        lines = render_top(job.doc, i, job.ctx)
        write_lines([[], *lines] if job.lead or i > job.start else lines, out, job.color)
    return out.getvalue()


def _worker_span(span: tuple[int, int]) -> str:
    assert _job is not None
    return _span_text(_job, span)


def spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Cut blocks ``start``..``end`` into runs of about ``SPAN_LINES`` source lines; at least one run.

    The first run is short so that the top of the article is written while
    the rest is still being drawn.
    """
    out: list[tuple[int, int]] = []
    first, limit = start, FIRST_SPAN_LINES
    for i in range(start + 1, end):
        if doc.blocks[i].line - doc.blocks[first].line >= limit:
            out.append((first, i))
            first, limit = i, SPAN_LINES
    if first < end or not out:
        out.append((first, max(first, end)))
    return out


def default_workers(doc: Document, start: int, end: int) -> int:
    """Worker processes to draw with, one per core; none for short articles, or on one core."""
    if end <= start:
        return 0
    lines = doc.blocks[end - 1].line - doc.blocks[start].line
    count = cores()
    return count if lines >= PARALLEL_LINES and count > 1 else 0


def _prepare_highlighting(job: _Job, end: int) -> None:
    """Build, once and before forking, the grammars and lexers that blocks up to ``end`` name.

    Compiling a highlight query or a lexer's regular expressions costs tens of
    milliseconds a language; workers forked afterwards inherit them instead of
    each redoing the work. Languages that must be detected are left to the
    workers, where guessing runs on every core.
    """
    named = {job.ctx.languages.get(block.index) or block.language
             for block, owner in zip(job.doc.code_blocks, job.doc.code_owner, strict=True)
             if job.start <= owner < end}
    for name in sorted(filter(None, named)):
        prepare(name, job.ctx.grammars)


def _write_parallel(job: _Job, runs: list[tuple[int, int]], out: TextIO, workers: int) -> None:
    """Draw ``runs`` in forked workers, writing them in order as each is ready.

    Workers are forked once the grammars are built. This process only hands
    out runs and writes results: when it drew runs too, the pool's feeder
    thread waited for the interpreter lock and workers sat idle for a fifth
    of the time.
    """
    global _job
    _prepare_highlighting(job, runs[-1][1])
    _job = job
    try:
        with fork_pool(workers) as pool:
            futures = [pool.submit(_worker_span, run) for run in runs]
            for future in futures:
                out.write(future.result())
                out.flush()
    finally:
        _job = None


def write_document(doc: Document, ctx: RenderContext, out: TextIO, color: str | None,
                   start: int = 0, end: int | None = None, header: bool = True,
                   workers: int | None = None, *, after: bool = False) -> None:
    """Write blocks ``start``..``end`` (and the header), flushing as output becomes ready.

    ``after`` says blocks were written before these (without ``header``): the
    first one is set off by a blank line as it would have been.

    A long article is drawn by ``workers`` forked processes (by default one
    per core, never more than there are runs to share); they write exactly
    the bytes the serial path writes.
    """
    end = len(doc.blocks) if end is None else end
    runs = spans(doc, start, end)
    workers = min(default_workers(doc, start, end) if workers is None else workers, len(runs))
    job = _Job(doc, ctx, color, start, header, lead=header or after)
    if workers > 0:
        _write_parallel(job, runs, out, workers)
        return
    for run in runs:
        out.write(_span_text(job, run))
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
    import difflib  # for a wrong name only

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


def _code_entry(doc: Document, block: CodeBlock, ctx: RenderContext) -> dict[str, Any]:
    language = resolve_language(block, ctx)
    return {
        "index": block.index,
        "language": block.language,
        "detected": language.name if language.how == "detected" else None,
        "suggested": language.suggested,
        "highlighted_as": language.name,
        "section": doc.sections[block.section].number if block.section is not None else None,
        "line_start": block.line_start,
        "line_end": block.line_end,
    }


def to_json(doc: Document, ctx: RenderContext) -> str:
    """The article's structure as JSON; terminal-unsafe characters are ``\\u`` escaped."""
    meta = doc.metadata
    data = {
        "metadata": {
            "title": meta.title,
            "description": meta.description,
            "date": iso(meta.date),
            "tags": list(meta.tags),
            "categories": list(meta.categories),
            "author": meta.author,
            "draft": meta.draft,
            "reading_minutes": doc.reading_minutes,
            "extra": _jsonable(meta.extra),
        },
        "sections": [_section_tree(doc, i) for i in doc.roots],
        "code_blocks": [_code_entry(doc, c, ctx) for c in doc.code_blocks],
    }
    return json_text(data)
