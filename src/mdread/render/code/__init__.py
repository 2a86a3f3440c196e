"""Code panes: a bordered, titled, highlighted block whose long lines wrap visibly.

Panes are drawn straight to segments rather than through ``rich.syntax`` and
``rich.panel``: it is several times faster, the wrap mark is ours to place, and
a pane's height at a width is known without highlighting it, which lets the
reader lay out a huge article before highlighting anything.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pygments.token import Token, _TokenType
from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style

from mdread.model import CodeBlock
from mdread.parse.fences import fence_sizes
from mdread.render.code.highlight import TAB_SIZE, lex
from mdread.render.code.languages import PLAIN, main_alias
from mdread.render.code.treesitter import worth_building
from mdread.render.context import Lines, RenderContext
from mdread.render.styles import STYLES
from mdread.sanitize import clean

WRAP_MARK = "↪ "


@dataclass(frozen=True)
class Language:
    """The language a pane is highlighted as, and why.

    Attributes:
        name: A Pygments alias, or ``text``.
        how: ``written`` (the fence said so), ``set`` (the user chose it),
            ``detected`` (guessed for a fence without one) or ``plain``.
        suggested: A more specific language the code shows (``cpp`` → ``cuda``), or None.
    """

    name: str
    how: str
    suggested: str | None = None

    @property
    def label(self) -> str:
        """The pane title, cleaned here because a name can come from a fence's info string or the state file."""
        name = clean(self.name)
        if self.suggested:
            return f"{name} → {clean(self.suggested)}?"
        return name if self.how in ("written", "plain") else f"{name} ({self.how})"


@functools.lru_cache(maxsize=4096)
def _detected(text: str) -> str | None:
    from mdread.render.code.detect import detect

    found = detect(text)
    return None if found in (None, PLAIN) else found


@functools.lru_cache(maxsize=4096)
def _suggested(language: str, text: str) -> str | None:
    from mdread.render.code.dialects import suggest

    return suggest(language, text)


def resolve_language(block: CodeBlock, ctx: RenderContext) -> Language:
    """Choose how ``block`` is highlighted: the user's choice, the fence's, or a detected one."""
    chosen = ctx.languages.get(block.index)
    if chosen:
        return Language(chosen, "set")
    if block.language:
        return Language(block.language, "written", _suggested(block.language, block.text))
    detected = _detected(block.text)
    return Language(detected, "detected") if detected else Language(PLAIN, "plain")


@functools.lru_cache(maxsize=2)
def grammars_for(text: str) -> frozenset[str]:
    """The languages worth a tree-sitter grammar in an article (see :attr:`RenderContext.grammars`).

    For a few KB of code Pygments is done before a grammar's query is
    compiled. Estimated from the article's whole text, so that the top of a
    long article drawn early is highlighted as the rest is; kept, as the top
    and the rest ask about the same text (a scan of 5 MB takes 20-40 ms).
    """
    return grammars_from(fence_sizes(text))


def grammars_from(fences: Mapping[str, int]) -> frozenset[str]:
    """:func:`grammars_for` from the text's fence sizes (``parse.fences.fence_sizes``), when counted elsewhere:
    the reader's forked start counts them beside the parse, off the way to the first screen."""
    sizes: dict[str, int] = {}
    for name, size in fences.items():
        if (alias := main_alias(name)) is not None:
            sizes[alias] = sizes.get(alias, 0) + size
    return worth_building(sizes)


@functools.lru_cache(maxsize=16)
def _theme(name: str) -> tuple[type, str | None]:
    from pygments.styles import get_style_by_name
    from pygments.util import ClassNotFound

    try:
        style = get_style_by_name(name)
    except ClassNotFound:
        style = get_style_by_name("monokai")
    default = style.style_for_token(Token.Text)["color"] or style.style_for_token(Token)["color"]
    return style, default


@functools.lru_cache(maxsize=4096)
def token_style(theme: str, ttype: _TokenType) -> Style:
    """The Rich style for a token: the theme's colour and weight, never its background.

    Dropping backgrounds (and the theme's default text colour) keeps panes
    readable on light and dark terminals alike.
    """
    style, default = _theme(theme)
    while True:
        try:
            spec = style.style_for_token(ttype)
            break
        except KeyError:
            ttype = ttype.parent
    color = spec["color"]
    return Style(
        color=f"#{color}" if color and color != default else None,
        bold=spec["bold"] or None,
        italic=spec["italic"] or None,
        underline=spec["underline"] or None,
    )


def _source_lines(block: CodeBlock) -> list[str]:
    text = clean(block.text, tab_size=TAB_SIZE)
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


Fragments = list[list[tuple[str, Style]]]


def _highlighted(lines: list[str], language: str, ctx: RenderContext) -> tuple[Fragments, str | None]:
    """Each source line as (text, style) fragments, none of them empty; and a note if it stopped early."""
    text = "\n".join(lines)
    found = lex(text, language, ctx.grammars)
    if found is None:
        return [[(line, Style.null())] if line else [] for line in lines], None
    note = None
    if found.plain_from is not None:
        line = text.count("\n", 0, found.plain_from) + 1
        note = "too slow to highlight" if line == 1 else f"plain from line {line}: too slow to highlight"
    styles: dict[_TokenType, Style] = {}
    row: list[tuple[str, Style]] = []
    rows = [row]
    for ttype, value in found.runs:
        style = styles.get(ttype)
        if style is None:
            style = styles[ttype] = token_style(ctx.code_theme, ttype)
        if "\n" not in value:
            if value:
                row.append((value, style))
            continue
        first, *others = value.split("\n")
        if first:
            row.append((first, style))
        for part in others:
            row = [(part, style)] if part else []
            rows.append(row)
    while len(rows) > len(lines) and not rows[-1]:
        rows.pop()
    return rows, note


def _wrap(fragments: Iterable[tuple[str, Style]], first: int, rest: int) -> list[list[tuple[str, Style]]]:
    """Cut one code line into rows of at most ``first`` then ``rest`` cells (``rest`` >= 2)."""
    rows: list[list[tuple[str, Style]]] = [[]]
    room = first
    for text, style in fragments:
        ascii_text = text.isascii()
        at, size = 0, len(text)
        while at < size:
            if ascii_text:
                end = min(size, at + room)
                used = end - at
            else:
                used, end = 0, at
                while end < size:
                    cells = get_character_cell_size(text[end])
                    if used + cells > room:
                        break
                    used += cells
                    end += 1
            if end > at:
                rows[-1].append((text[at:end], style))
                room -= used
                at = end
            if at < size:
                rows.append([])
                room = rest
    return rows


def _rows_needed(line: str, first: int, rest: int) -> int:
    if line.isascii():
        return 1 if len(line) <= first else 1 + -(-(len(line) - first) // rest)
    return len(_wrap([(line, Style.null())], first, rest))


def _gutter_width(block: CodeBlock, ctx: RenderContext) -> int:
    return len(str(max(1, block.text.count("\n")))) + 1 if ctx.line_numbers else 0


def code_height(block: CodeBlock, ctx: RenderContext) -> int:
    """The pane's height in rows at ``ctx.width``, found without highlighting."""
    inner = max(4, ctx.width - 4 - _gutter_width(block, ctx))
    rest = max(1, inner - len(WRAP_MARK))
    return 2 + sum(_rows_needed(line, inner, rest) for line in _source_lines(block))


def _border(left: str, right: str, width: int, style: Style, title: list[tuple[str, Style]]) -> list[Segment]:
    segs = [Segment(left + "─", style)]
    used = 2
    for text, tstyle in title:
        room = width - used - 2
        if room <= 0:
            break
        piece = text if cell_len(text) <= room else text[:room]
        segs.append(Segment(piece, tstyle))
        used += cell_len(piece)
    segs.append(Segment("─" * max(0, width - used - 1) + right, style))
    return segs


def render_code(block: CodeBlock, ctx: RenderContext, *, focused: bool = False) -> Lines:
    """Draw ``block`` as a pane exactly ``ctx.width`` cells wide."""
    width = max(10, ctx.width)
    language = resolve_language(block, ctx)
    frame = STYLES["pane_focus"] if focused else STYLES["pane"]
    note = STYLES["pane_title"] if language.how == "written" and not language.suggested else STYLES["pane_note"]
    gutter = _gutter_width(block, ctx)
    inner = max(4, width - 4 - gutter)
    rest = max(1, inner - len(WRAP_MARK))
    source = _source_lines(block)
    highlighted, stopped = _highlighted(source, language.name, ctx)
    title = [(" ", frame), (language.label, note), (f" · {block.index} ", frame)]
    if stopped:
        title += [(stopped, STYLES["pane_note"]), (" ", frame)]
    left, right = Segment("│ ", frame), Segment(" │", frame)
    gutter_style, mark = STYLES["gutter"], Segment(WRAP_MARK, STYLES["wrap_mark"])
    out: Lines = [_border("╭", "╮", width, frame, title)]
    for number, fragments in enumerate(highlighted, start=1):
        plain = "".join([text for text, _ in fragments])
        if len(plain) <= inner and plain.isascii():
            line = [left, Segment(f"{number:>{gutter - 1}} ", gutter_style)] if gutter else [left]
            line += [Segment(text, style) for text, style in fragments]
            line += [Segment(" " * (inner - len(plain))), right]
            out.append(line)
            continue
        for i, row in enumerate(_wrap(fragments, inner, rest)):
            line = [left]
            if gutter:
                label = f"{number:>{gutter - 1}} " if i == 0 else " " * gutter
                line.append(Segment(label, gutter_style))
            used = 0
            if i:
                line.append(mark)
                used = len(WRAP_MARK)
            for text, style in row:
                line.append(Segment(text, style))
                used += len(text) if text.isascii() else cell_len(text)
            line.append(Segment(" " * (inner - used)))
            line.append(right)
            out.append(line)
    out.append(_border("╰", "╯", width, frame, []))
    return out
