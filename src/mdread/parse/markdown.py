"""markdown-it, configured once: the rules mdread parses with, and the token stream of a body.

Everything that parses Markdown goes through :func:`markdown` (or its
block-only twin), so the reader, the pipe face and the parallel parser
agree on what a text means.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.heading import heading
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mdread.parse.blog import blog_plugin
from mdread.parse.linkify import linkify, linkify_core
from mdread.parse.math import math_plugin

MAX_NESTING = 100

def _configured(breaks: bool = False) -> MarkdownIt:
    """A parser with mdread's rules; with ``breaks``, every single newline is a line break.

    Bare URLs become links only with a scheme (and e-mail addresses): linkify's
    fuzzy links would turn ``train.py`` or ``config.io`` in prose into web links.
    Blog engines' tags, GitHub alerts and ``:::`` containers are read as the
    blocks they stand for (:mod:`mdread.parse.blog`). The linkify rule is
    :mod:`.linkify`'s, linear in a paragraph's length.
    """
    md = MarkdownIt("commonmark", {"linkify": True, "maxNesting": MAX_NESTING, "breaks": breaks})
    md.enable(["table", "strikethrough", "linkify"])
    md.inline.ruler.at("linkify", linkify)
    md.core.ruler.at("linkify", linkify_core)
    md.core.ruler.at("inline", _inline)
    md.block.ruler.before("table", "mdread_heading", _heading_first)
    md.linkify.set({"fuzzy_link": False})
    md.use(footnote_plugin).use(tasklists_plugin).use(math_plugin).use(blog_plugin)
    if breaks:
        md.core.ruler.push("hard_breaks", _hard_breaks)
    return md


def _hard_breaks(state: StateCore) -> None:
    """markdown-it's ``breaks`` option, in the token stream: its renderer would draw a soft
    break as ``<br>``, mdread reads the tokens, so the soft breaks become hard ones."""
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type, child.tag = "hardbreak", "br"


def _heading_first(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's ATX heading rule, tried first on a line that no rule before it could take.

    A line that begins with ``#`` can be no fence, quote, rule, list item,
    reference or HTML, and without a ``|`` no table either; trying those seven
    rules first was most of parsing a body of 100,000 headings.
    """
    pos = state.bMarks[start] + state.tShift[start]
    if state.src[pos : pos + 1] != "#" or "|" in state.src[pos : state.eMarks[start]]:
        return False
    return heading(state, start, end, silent)


MAX_EMPHASIS_MARKS = 10_000
"""More ``*``, ``_`` or ``~`` than this in one paragraph (or heading, or cell) and it is shown as written.
markdown-it spends about 20 µs on each delimiter: ``**a`` repeated 333,000 times took seven times
as long to parse as prose of the same size; a paragraph of real prose has a few dozen."""
_MARKS = re.compile(r"[*_~]")
_LITERAL = f"more than {MAX_EMPHASIS_MARKS:,} emphasis marks in one paragraph; it is shown as written"


def _text(content: str, level: int = 0) -> Token:
    token = Token("text", "", 0, content=content)
    token.level = level
    return token


def _inline(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with two shortcuts that give the tokens it would.

    Text holding no character any inline rule starts at (markdown-it's own
    ``terminator_re``) is one text token, made here without building an inline
    state: most headings and table cells, a thousand columns of them at times.
    Text with more emphasis marks than :data:`MAX_EMPHASIS_MARKS` is one text
    token too, its line breaks as spaces, after a notice.
    """
    md = state.md
    tokens: list[Token] = []
    for token in state.tokens:
        if token.type != "inline":
            tokens.append(token)
            continue
        content = token.content
        if token.children is None:
            token.children = []
        if md.inline.terminator_re.search(content) is None:
            if content:
                token.children.append(_text(content))
        elif len(content) > MAX_EMPHASIS_MARKS and len(_MARKS.findall(content)) > MAX_EMPHASIS_MARKS:
            token.children.append(_text(content.replace("\n", " ")))
            if tokens and tokens[-1].type == "paragraph_open":
                opener = tokens.pop()
                tokens += [Token("mdread_notice", "", 0, map=token.map, level=opener.level, content=_LITERAL), opener]
        else:
            md.inline.parse(content, md, state.env, token.children)
        tokens.append(token)
    state.tokens[:] = tokens


@functools.cache
def markdown(breaks: bool = False) -> MarkdownIt:
    """The configured parser (one with ``breaks``, one without), built on first use because
    building one costs ~30 ms."""
    return _configured(breaks)


@functools.cache
def blocks_only() -> MarkdownIt:
    """:func:`markdown` without the inline pass: the same block structure in a quarter of the time."""
    md = _configured()
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_FLATTENED = f"nested deeper than {MAX_NESTING} levels; the rest of this block is shown flattened"


def _flattened(lines: list[str], where: list[int], level: int) -> list[Token]:
    """Tokens for a paragraph holding ``lines`` without their quote and list markers, one line per line."""
    children: list[Token] = []
    for line in lines:
        text = _MARKERS.sub("", line, count=1).strip()
        if not text:
            continue
        if children:
            children.append(Token("hardbreak", "br", 0, level=level + 1))
        children.extend(markdown().parseInline(text)[0].children or [])
    return [
        Token("mdread_notice", "", 0, map=where, level=level, content=_FLATTENED),
        Token("paragraph_open", "p", 1, map=where, level=level),
        Token("inline", "", 0, map=where, level=level + 1, children=children),
        Token("paragraph_close", "p", -1, level=level),
    ]


def _restore_dropped(tokens: list[Token], body: str) -> list[Token]:
    """Put back the text markdown-it drops below ``MAX_NESTING`` levels, flattened, after a notice.

    At the nesting limit markdown-it stops parsing a container's content and
    leaves the container empty, its map still spanning the lines it skipped.
    Those lines are shown flattened rather than lost without a word.
    """
    if all(tok.level < MAX_NESTING - 1 for tok in tokens):
        return tokens
    lines: list[str] | None = None
    out: list[Token] = []
    for i, tok in enumerate(tokens):
        out.append(tok)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.nesting != 1 or tok.level < MAX_NESTING - 1 or not tok.map or nxt is None or nxt.nesting != -1:
            continue
        if lines is None:
            lines = re.split(r"\r\n?|\n", body)
        out.extend(_flattened(lines[tok.map[0]:tok.map[1]], tok.map, tok.level + 1))
    return out


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector off while the parser builds many long-lived objects.

    Parsing a 1 MB article makes hundreds of thousands of tokens, and every full
    collection walks them all again: pausing roughly halves the time. What little
    is cyclic is collected once the collector is back on.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def body_tokens(body: str, breaks: bool = False) -> list[Token]:
    """markdown-it's token stream for ``body``, with text it drops past the nesting limit put back."""
    return _restore_dropped(markdown(breaks).parse(body), body)


