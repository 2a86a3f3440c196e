"""Math in Markdown: ``$…$`` and ``$$…$$`` (mdit-py-plugins' dollarmath), ``\\(…\\)`` and ``\\[…\\]``.

The dollar forms are dollarmath's, with pandoc's rules that keep prices out of it: no space
just inside the dollars and no digit right after the closing one (``$5 and $10`` is text).

The bracket forms are two small rules here rather than mdit-py-plugins' texmath: its rules
copy the rest of the text and search it for every opening, so a post with many an unclosed
``\\(`` took seconds per kilobyte (60 KB: 14 s). These find closings in time linear in the
text: a paragraph's ``\\)`` positions are found once, a ``\\[`` looks no further than
``MAX_DISPLAY_LINES`` lines or a blank line.

Tokens: ``math_inline`` and ``math_inline_double`` (display math written inside a paragraph)
inline; ``math_block`` and ``math_block_label`` (``$$ … $$ (label)``) as blocks.
"""

from __future__ import annotations

import bisect
import functools
import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin

MAX_DISPLAY_LINES = 200
"""A ``\\[`` further than this from its ``\\]`` is not math: the bound keeps every try short."""

_CLOSE_INLINE = re.compile(r"\\\)")


@functools.lru_cache(maxsize=8)
def _closings(src: str) -> list[int]:
    """Where ``\\)`` occurs in a paragraph's text, found once however many ``\\(`` it has."""
    return [m.start() for m in _CLOSE_INLINE.finditer(src)]


def _inline_parenthesis(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("\\(", start):
        return False
    closings = _closings(src)
    index = bisect.bisect_left(closings, start + 2)
    if index == len(closings) or closings[index] == start + 2:
        return False
    end = closings[index]
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start + 2 : end]
        token.markup = "\\("
    state.pos = end + 2
    return True


def _block_bracket(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\[", begin):
        return False
    line, opened = start_line, begin + 2
    last = min(end_line, start_line + MAX_DISPLAY_LINES)
    while line < last:
        first = opened if line == start_line else state.bMarks[line] + state.tShift[line]
        text = state.src[first : state.eMarks[line]]
        if line > start_line and not text.strip():
            return False
        close = text.find("\\]")
        if close >= 0:
            if text[close + 2 :].strip():
                return False
            if not silent:
                token = state.push("math_block", "math", 0)
                token.block = True
                token.content = state.src[opened : first + close]
                token.markup = "\\["
                token.map = [start_line, line + 1]
            state.line = line + 1
            return True
        line += 1
    return False


def math_plugin(md: MarkdownIt) -> None:
    """Teach ``md`` every math delimiter blog posts use."""
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.inline.ruler.before("escape", "math_inline_parenthesis", _inline_parenthesis)
    md.block.ruler.before("fence", "math_block_bracket", _block_bracket,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})
