"""markdown-it's token stream → the model's blocks: one walk, one handler per block kind.

Only top-level headings make sections, so a ``#`` inside code, a list or a
quote never does. A long body can be walked in parts that are numbered from
a :class:`Start`, so that the parts join into exactly the document one walk
would build (see :mod:`mdread.parse.parallel`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markdown_it.token import Token

from mdread.model import (
    Block,
    Callout,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Math,
    Notice,
    Paragraph,
    Picture,
    Quote,
    Rule,
    Table,
)
from mdread.parse.fences import info_language
from mdread.parse.html import lone_html_picture
from mdread.parse.html_blocks import html_blocks
from mdread.parse.inline import inline_runs
from mdread.parse.picture import lone_picture

TABLE_ROWS_PER_BLOCK = 500

@dataclass(frozen=True)
class Start:
    """Where a part of the body begins in the whole: counts of what came before it.

    A long body can be parsed in parts (see :func:`cut_points`); each part
    numbers its top-level blocks, sections and code blocks from here, so the
    parts join into exactly the document one pass would build.
    """

    blocks: int = 0
    sections: int = 0
    code: int = 0


@dataclass
class _Builder:
    """State of one walk over the token stream."""

    tokens: list[Token]
    body_line: int
    start: Start = Start()
    pos: int = 0
    code: list[CodeBlock] = field(default_factory=list)
    code_top: list[int] = field(default_factory=list)
    top: int = 0
    section: int | None = None
    footnotes: list[tuple[str, tuple[Block, ...]]] = field(default_factory=list)

    def line(self, tok: Token) -> int:
        return self.body_line + (tok.map[0] if tok.map else 0) + 1

    def code_block(self, language: str | None, info: str, text: str, start: int, end: int) -> CodeBlock:
        """A code block numbered in document order, in the section being read."""
        block = CodeBlock(
            index=self.start.code + len(self.code) + 1,
            language=language,
            info=info,
            text=text,
            line_start=start,
            line_end=max(start, end),
            section=self.section,
        )
        self.code.append(block)
        self.code_top.append(self.top)
        return block

    def blocks_until(self, close: str | None) -> tuple[Block, ...]:
        """Read blocks until the token of type ``close`` (consumed), or the end."""
        out: list[Block] = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            if tok.type == close:
                self.pos += 1
                break
            handler = _BLOCKS.get(tok.type)
            self.pos += 1
            if handler is not None:
                out.extend(_each(handler(self, tok)))
        return tuple(out)

    def skip_to(self, close: str) -> None:
        depth = 0
        opener = close.replace("_close", "_open")
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.type == opener:
                depth += 1
            elif tok.type == close:
                if depth == 0:
                    return
                depth -= 1


def _heading(b: _Builder, tok: Token) -> Heading:
    inline = inline_runs(b.tokens[b.pos])
    b.skip_to("heading_close")
    return Heading(level=int(tok.tag[1]), inline=inline, section=-1, line=b.line(tok))


def _paragraph(b: _Builder, tok: Token) -> Paragraph | Picture | None:
    """A paragraph, a lone picture, or nothing when all it holds is hidden (a comment, a ``<template>``)."""
    picture = lone_picture(b.tokens[b.pos], b.line(tok)) or lone_html_picture(b.tokens[b.pos], b.line(tok))
    inline = inline_runs(b.tokens[b.pos]) if picture is None else ()
    b.skip_to("paragraph_close")
    return picture or (Paragraph(inline=inline, line=b.line(tok)) if inline else None)


def _code(b: _Builder, tok: Token) -> CodeBlock:
    info = tok.info.strip() if tok.type == "fence" else ""
    end = b.body_line + (tok.map[1] if tok.map else 0)
    return b.code_block(info_language(info) if info else None, info, tok.content, b.line(tok), end)


def _list(b: _Builder, tok: Token) -> ListBlock:
    close = tok.type.replace("_open", "_close")
    items: list[ListItem] = []
    while b.pos < len(b.tokens):
        cur = b.tokens[b.pos]
        b.pos += 1
        if cur.type == close:
            break
        if cur.type == "list_item_open":
            checked = None
            if "task-list-item" in str(cur.attrs.get("class", "")):
                nxt = b.tokens[b.pos + 1] if b.pos + 1 < len(b.tokens) else None
                box = nxt.children[0].content if nxt is not None and nxt.children else ""
                checked = 'checked="checked"' in box
            items.append(ListItem(blocks=b.blocks_until("list_item_close"), checked=checked))
    start = int(tok.attrs.get("start", 1)) if tok.type == "ordered_list_open" else 1
    return ListBlock(tuple(items), tok.type == "ordered_list_open", start, b.line(tok))


def _quote(b: _Builder, tok: Token) -> Quote:
    return Quote(blocks=b.blocks_until("blockquote_close"), line=b.line(tok))


def _align(tok: Token) -> str | None:
    style = str(tok.attrs.get("style", ""))
    return style.split(":", 1)[1] if style.startswith("text-align:") else None


def _table(b: _Builder, tok: Token) -> Table:
    header: list[Inline] = []
    align: list[str | None] = []
    rows: list[tuple[Inline, ...]] = []
    row: list[Inline] = []
    while b.pos < len(b.tokens):
        cur = b.tokens[b.pos]
        b.pos += 1
        if cur.type == "table_close":
            break
        if cur.type == "th_open":
            align.append(_align(cur))
            header.append(inline_runs(b.tokens[b.pos]))
        elif cur.type == "td_open":
            row.append(inline_runs(b.tokens[b.pos]))
        elif cur.type == "tr_close" and row:
            rows.append(tuple(row))
            row = []
    return Table(tuple(header), tuple(rows), tuple(align), b.line(tok))


def _rule(b: _Builder, tok: Token) -> Rule:
    return Rule(line=b.line(tok))


def _html(b: _Builder, tok: Token) -> Iterable[Block]:
    return html_blocks(tok.content, b.line(tok), b.code_block)


def _callout(b: _Builder, tok: Token) -> Callout:
    """A titled box; its title is an inline token kept in ``meta`` (see :mod:`mdread.parse.blog`)."""
    title = inline_runs(tok.meta.get("title"))
    return Callout(str(tok.meta.get("kind", "note")), title, b.blocks_until("callout_close"), b.line(tok))


def _math(b: _Builder, tok: Token) -> Math:
    return Math(source=tok.content, line=b.line(tok), label=tok.info or None)


def _notice(b: _Builder, tok: Token) -> Notice:
    return Notice(text=tok.content, line=b.line(tok))


def _footnote_block(b: _Builder, tok: Token) -> None:
    while b.pos < len(b.tokens):
        cur = b.tokens[b.pos]
        b.pos += 1
        if cur.type == "footnote_block_close":
            break
        if cur.type == "footnote_open":
            label = str(cur.meta.get("label", len(b.footnotes) + 1))
            b.footnotes.append((label, b.blocks_until("footnote_close")))
    return None


Handler = Callable[[_Builder, Token], Block | Iterable[Block] | None]
"""Reads the block that opens with a token; HTML can stand for several blocks, a footnote list for none."""


def _each(found: Block | Iterable[Block] | None) -> Iterable[Block]:
    if found is None:
        return ()
    if isinstance(found, Iterable):
        return found
    return (found,)


_BLOCKS: dict[str, Handler] = {
    "heading_open": _heading,
    "paragraph_open": _paragraph,
    "fence": _code,
    "code_block": _code,
    "bullet_list_open": _list,
    "ordered_list_open": _list,
    "blockquote_open": _quote,
    "table_open": _table,
    "hr": _rule,
    "html_block": _html,
    "callout_open": _callout,
    "footnote_block_open": _footnote_block,
    "mdread_notice": _notice,
    "math_block": _math,
    "math_block_label": _math,
}

@dataclass
class Part:
    """A stretch of the body as blocks, numbered from its :class:`Start`."""

    blocks: list[Block]
    headings: list[tuple[int, Heading]]
    code: list[CodeBlock]
    code_top: list[int]
    footnotes: list[tuple[str, tuple[Block, ...]]]


def _walk_top(b: _Builder) -> Part:
    """Read the top level, numbering sections as headings appear."""
    blocks: list[Block] = []
    headings: list[tuple[int, Heading]] = []
    first_block, first_section = b.start.blocks, b.start.sections
    b.section = first_section - 1 if first_section else None
    while b.pos < len(b.tokens):
        tok = b.tokens[b.pos]
        b.pos += 1
        handler = _BLOCKS.get(tok.type)
        if handler is None:
            continue
        b.top = first_block + len(blocks)
        if tok.type == "heading_open":
            b.section = first_section + len(headings)
        for block in _each(handler(b, tok)):
            if isinstance(block, Heading):
                b.section = first_section + len(headings)
                block = Heading(block.level, block.inline, b.section, block.line)
                headings.append((first_block + len(blocks), block))
            if isinstance(block, Table) and len(block.rows) > TABLE_ROWS_PER_BLOCK:
                blocks.extend(_split_table(block))
            else:
                blocks.append(block)
            b.top = first_block + len(blocks)
    return Part(blocks, headings, b.code, b.code_top, b.footnotes)


def _split_table(table: Table) -> list[Table]:
    """A huge table as several blocks of rows under the same header.

    The reader renders whole blocks, so one 100,000-row table would freeze it
    for as long as Rich takes to lay it out; slices render as they scroll in.
    """
    return [
        Table(table.header, table.rows[start : start + TABLE_ROWS_PER_BLOCK], table.align, table.line + 2 + start)
        for start in range(0, len(table.rows), TABLE_ROWS_PER_BLOCK)
    ]


def walk(tokens: list[Token], body_line: int, start: Start = Start()) -> Part:
    """Build the blocks of a part of the body from its tokens; ``body_line`` is its first line in the file."""
    return _walk_top(_Builder(tokens=tokens, body_line=body_line, start=start))


