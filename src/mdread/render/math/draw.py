"""Display math laid out: a block of its own, one line per row, never reflowed.

Math written inside a paragraph (``text $$x$$ text``) is set the same way, between the
paragraph's lines, as a browser shows it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text

from mdread.model import Inline, Math, Paragraph, Run
from mdread.render.context import Lines, RenderContext
from mdread.render.linebreak import NO_START
from mdread.render.math.formula import display_rows, source_rows
from mdread.render.styles import STYLES
from mdread.render.text import indent, inline_text, to_lines
from mdread.sanitize import clean

DISPLAY_INDENT = 2
"""Display math stands apart from the text by this many cells, where the width allows."""
MIN_INDENTED_WIDTH = 20
CLOSING = "".join(sorted(NO_START))


def formula_lines(source: str, label: str | None, ctx: RenderContext, trailing: str = "") -> Lines:
    """The rows of a display formula, indented; a row wider than the line wraps rather than hides.

    A layout of several lines (a matrix, cases) that is wider than the line would be torn
    apart by wrapping, so the source's rows are shown instead.
    """
    room = DISPLAY_INDENT if ctx.width >= MIN_INDENTED_WIDTH else 0
    rows, converted = display_rows(source)
    if converted and len(rows) > 1 and max(map(cell_len, rows)) > ctx.width - room:
        rows, converted = source_rows(source), False
    style = STYLES["math" if converted else "math_source"]
    texts = [clean(row) for row in rows] or [""]
    texts[-1] += clean(trailing)
    if label:
        texts[-1] = f"{texts[-1]}  ({clean(label)})"
    lines: Lines = []
    for row in texts:
        lines.extend(to_lines(Text(row, style), ctx.width - room) or [[]])
    pad = [Segment(" " * room)] if room else []
    return indent(lines, pad, pad)


def render_math(block: Math, ctx: RenderContext) -> Lines:
    return formula_lines(block.source, block.label, ctx)


def render_mixed(block: Paragraph, ctx: RenderContext) -> Lines:
    """A paragraph with display math inside: its text and its formulas, each on lines of their own.

    Punctuation right after a formula (``$$…$$，可得``) ends the formula's last row: it may not
    start a line.
    """
    lines: Lines = []
    pending: list[Run] = []

    def flush() -> None:
        runs = _trimmed(tuple(pending))
        if runs:
            lines.extend(to_lines(inline_text(runs, ctx), ctx.width))
        pending.clear()

    runs = list(block.inline)
    for index, run in enumerate(runs):
        if "display" not in run.marks:
            pending.append(run)
            continue
        flush()
        after = runs[index + 1] if index + 1 < len(runs) else None
        glued = ""
        if after is not None and "display" not in after.marks:
            text = after.text.lstrip(" ")
            glued = text[: len(text) - len(text.lstrip(CLOSING))]
            runs[index + 1] = Run(text[len(glued):], after.marks, after.href)
        lines.extend(formula_lines(run.text, None, ctx, glued))
    flush()
    return lines


def _trimmed(runs: Inline) -> Inline:
    """Runs without the spaces and line breaks that only separated them from a formula."""
    if not runs:
        return runs
    out = list(runs)
    out[0] = Run(out[0].text.lstrip(" \n"), out[0].marks, out[0].href)
    out[-1] = Run(out[-1].text.rstrip(" \n"), out[-1].marks, out[-1].href)
    return tuple(run for run in out if run.text)
