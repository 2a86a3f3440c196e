"""Turning model text into Rich text and Rich renderables into lines of segments.

Every string from the document passes through :func:`mdread.sanitize.clean`
here before it is measured, so no control sequence can reach a terminal.
"""

from __future__ import annotations

import functools
import io

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod, RenderableType
from rich.containers import Lines as TextLines
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mdread.links import readable
from mdread.model import Inline
from mdread.render.context import Lines, RenderContext
from mdread.render.html import mark_style, scripted
from mdread.render.linebreak import break_offsets, min_width
from mdread.render.styles import STYLES
from mdread.sanitize import clean


@functools.cache
def console() -> Console:
    """An off-screen console used only to lay text out; it never writes anywhere."""
    return Console(
        file=io.StringIO(),
        width=80,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        emoji=False,
        highlight=False,
        markup=False,
    )


@functools.cache
def _options() -> ConsoleOptions:
    """The console's options, found once: ``Console.options`` asks the OS for a terminal size every time."""
    return console().options


def wrap(text: Text, width: int, *, justify: JustifyMethod | None = None, overflow: OverflowMethod | None = None,
         tab_size: int = 8, no_wrap: bool | None = None) -> TextLines:
    """Rich's :meth:`Text.wrap` with the line breaking of :mod:`mdread.render.linebreak`.

    Every source line (``\\n`` is a hard break) is divided where that module says; the spaces
    a break leaves at a line's end are dropped.
    """
    justify = justify or text.justify or "default"
    overflow = overflow or text.overflow or "fold"
    lines = TextLines()
    for line in text.split(allow_blank=True):
        if "\t" in line.plain:
            line.expand_tabs(tab_size)
        if no_wrap or text.no_wrap:
            pieces = TextLines([line])
        else:
            pieces = line.divide(break_offsets(line.plain, width, fold=overflow == "fold"))
            for piece in pieces[:-1]:
                piece.rstrip()
        if justify != "default":
            pieces.justify(console(), width, justify=justify, overflow=overflow)
        for piece in pieces:
            piece.truncate(width, overflow=overflow)
        lines.extend(pieces)
    return lines


class Prose(Text):
    """Rich text that breaks as :func:`wrap` does wherever Rich lays it out, table cells included."""

    def wrap(self, console: Console, width: int, *, justify: JustifyMethod | None = None,
             overflow: OverflowMethod | None = None, tab_size: int = 8, no_wrap: bool | None = None) -> TextLines:
        return wrap(self, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The narrowest a table may make this cell: its widest piece that no ordinary break divides."""
        lines = self.plain.split("\n")
        return Measurement(max(map(min_width, lines)), max(map(cell_len, lines)))


def to_lines(renderable: RenderableType, width: int) -> Lines:
    """Lay ``renderable`` out at ``width`` cells, unpadded.

    Text, most of an article, is wrapped and rendered a line at a time: Rich's
    general path joins the wrapped lines into one text and splits the result
    again, which was a third of a long article's drawing time.
    """
    out = console()
    if isinstance(renderable, Text):
        if renderable.justify in (None, "default") and not renderable.no_wrap and _fits(renderable.plain, width):
            return [_segments(renderable, out)]
        lines = wrap(renderable, width, tab_size=renderable.tab_size or out.tab_size)
        return [_segments(line, out) for line in lines]
    return out.render_lines(renderable, _options().update(width=width), pad=False)


def _fits(plain: str, width: int) -> bool:
    """Whether ``plain`` is one line of ASCII that fits in ``width``: it is drawn as it is, unwrapped.

    A heading, a list item or a table cell is usually such a line, and
    dividing it into lines was most of drawing one: 100,000 headings took three
    times as long as prose of the same size.
    """
    return len(plain) <= width and plain.isascii() and "\n" not in plain and "\t" not in plain


def _segments(line: Text, out: Console) -> list[Segment]:
    """One wrapped line's segments, in its own style too.

    ``Text.render`` applies a text's base style only when it has spans (Rich's
    own path joins lines first, which turns each base style into a span), so
    a line in one style throughout would otherwise come out unstyled.
    """
    if line.style and not line.spans:
        return [Segment(line.plain, out.get_style(line.style))] if line.plain else []
    return [segment for segment in line.render(out) if segment.text]


@functools.lru_cache(maxsize=128)
def marks_style(marks: frozenset[str]) -> Style:
    return sum((STYLES[m] if m in STYLES else mark_style(m) for m in sorted(marks)), Style.null())


def inline_text(inline: Inline, ctx: RenderContext, base: Style | None = None) -> Text:
    """Build Rich text from inline runs; links show as ``ctx.links`` says."""
    text = Prose(style=base or "")
    for run in inline:
        body = clean(scripted(run.text, run.marks))
        style = marks_style(run.marks)
        if "math" in run.marks:
            from mdread.render.math.formula import inline_formula  # LaTeX conversion loads for math only

            formula, converted = inline_formula(run.text)
            text.append(clean(formula), STYLES["math" if converted else "math_source"])
            continue
        if "image" in run.marks:
            text.append(f"[image: {body}]", STYLES["image"])
            if run.href:
                text.append(f" {readable(run.href)}", STYLES["url"])
            continue
        if "link" in run.marks and run.href:
            if ctx.links == "reader":
                text.append(body, style + Style.from_meta({"href": run.href}))
                continue
            if ctx.links == "terminal" and "://" in run.href:
                text.append(body, style + Style(link=clean(run.href)))
                continue
            href = readable(run.href)
            text.append(body, style)
            if body.strip() != href and f"mailto:{body.strip()}" != href:
                text.append(f" ({href})", STYLES["url"])
            continue
        text.append(body, style)
    return text


def indent(lines: Lines, first: list[Segment], rest: list[Segment]) -> Lines:
    """Prefix the first line with ``first`` and the others with ``rest``."""
    return [[*(first if i == 0 else rest), *line] for i, line in enumerate(lines)] or [list(first)]
