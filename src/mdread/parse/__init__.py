"""Markdown text → :class:`~mdread.model.Document`.

markdown-it-py does the parsing (CommonMark plus GFM tables, strikethrough,
task lists, footnotes and autolinks); this module walks its flat token stream
once and builds the model: blocks, the section tree and the code-block index.
Only top-level headings make sections, so a ``#`` inside code, a list or a
quote never does.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mdread.load import frontmatter as meta
from mdread.model import (
    Block,
    CodeBlock,
    Document,
    Footnotes,
    Heading,
    Html,
    Inline,
    ListBlock,
    ListItem,
    Notice,
    Paragraph,
    Quote,
    Rule,
    Run,
    Section,
    Table,
    reading_minutes,
)

MAX_NESTING = 100
TABLE_ROWS_PER_BLOCK = 500


def _configured() -> MarkdownIt:
    """A parser with mdread's rules.

    Bare URLs become links only with a scheme (and e-mail addresses): linkify's
    fuzzy links would turn ``train.py`` or ``config.io`` in prose into web links.
    """
    md = MarkdownIt("commonmark", {"linkify": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough", "linkify"])
    md.linkify.set({"fuzzy_link": False})
    return md.use(footnote_plugin).use(tasklists_plugin)


@functools.cache
def markdown() -> MarkdownIt:
    """The one configured parser, built on first use because building it costs ~30 ms."""
    return _configured()


@functools.cache
def _blocks_only() -> MarkdownIt:
    """:func:`markdown` without the inline pass: the same block structure in a quarter of the time."""
    md = _configured()
    md.core.ruler.enableOnly(["normalize", "block"])
    return md


_INFO_WORD = re.compile(r"[{.\s]*([^\s{}.,=\"']+)")


def info_language(info: str) -> str | None:
    """The language named by a fence's info string: ``python title="x"`` and ``{.python}`` → python."""
    match = _INFO_WORD.match(info.strip())
    return match.group(1).lower() if match else None


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


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
            if handler is None:
                continue
            block = handler(self, tok)
            if block is not None:
                out.append(block)
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


def inline_runs(tok: Token | None) -> Inline:
    """Flatten an inline token's children into runs that share marks."""
    if tok is None or not tok.children:
        return ()
    runs: list[Run] = []
    marks: list[str] = []
    hrefs: list[str | None] = []

    def add(text: str, extra: tuple[str, ...] = (), href: str | None = None) -> None:
        if not text:
            return
        mk = frozenset((*marks, *extra))
        link = href if href is not None else (hrefs[-1] if hrefs else None)
        if runs and runs[-1].marks == mk and runs[-1].href == link:
            runs[-1] = Run(runs[-1].text + text, mk, link)
        else:
            runs.append(Run(text, mk, link))

    children = tok.children
    for i, child in enumerate(children):
        kind = child.type
        if kind == "text":
            add(child.content)
        elif kind == "softbreak":
            before = runs[-1].text[-1:] if runs else ""
            after = children[i + 1].content[:1] if i + 1 < len(children) else ""
            add("" if _CJK.match(before) and _CJK.match(after) else " ")
        elif kind == "hardbreak":
            add("\n", ("break",))
        elif kind == "code_inline":
            add(child.content, ("code",))
        elif kind.endswith("_open") and kind[:-5] in _INLINE_MARKS:
            marks.append(_INLINE_MARKS[kind[:-5]])
            if kind == "link_open":
                hrefs.append(str(child.attrs.get("href", "")))
        elif kind.endswith("_close") and kind[:-6] in _INLINE_MARKS:
            if marks:
                marks.pop()
            if kind == "link_close" and hrefs:
                hrefs.pop()
        elif kind == "image":
            add(child.content or "image", ("image",), str(child.attrs.get("src", "")))
        elif kind == "html_inline":
            if "task-list-item-checkbox" in child.content:
                if i + 1 < len(children) and children[i + 1].type == "text":
                    children[i + 1].content = children[i + 1].content.lstrip()
            else:
                add(child.content, ("html",))
        elif kind == "footnote_ref":
            add(f"[{child.meta.get('label', '?')}]", ("footref",))
    return tuple(runs)


_INLINE_MARKS = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}


def plain(inline: Inline) -> str:
    return "".join(r.text for r in inline).strip()


def _heading(b: _Builder, tok: Token) -> Heading:
    inline = inline_runs(b.tokens[b.pos])
    b.skip_to("heading_close")
    return Heading(level=int(tok.tag[1]), inline=inline, section=-1, line=b.line(tok))


def _paragraph(b: _Builder, tok: Token) -> Paragraph:
    inline = inline_runs(b.tokens[b.pos])
    b.skip_to("paragraph_close")
    return Paragraph(inline=inline, line=b.line(tok))


def _code(b: _Builder, tok: Token) -> CodeBlock:
    info = tok.info.strip() if tok.type == "fence" else ""
    start = b.line(tok)
    end = b.body_line + (tok.map[1] if tok.map else 0)
    block = CodeBlock(
        index=b.start.code + len(b.code) + 1,
        language=info_language(info) if info else None,
        info=info,
        text=tok.content,
        line_start=start,
        line_end=max(start, end),
        section=b.section,
    )
    b.code.append(block)
    b.code_top.append(b.top)
    return block


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


def _html(b: _Builder, tok: Token) -> Html:
    return Html(text=tok.content.rstrip("\n"), line=b.line(tok))


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


_BLOCKS: dict[str, Callable[[_Builder, Token], Block | None]] = {
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
    "footnote_block_open": _footnote_block,
    "mdread_notice": _notice,
}

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
        block = handler(b, tok)
        if block is None:
            continue
        if isinstance(block, Heading):
            block = Heading(block.level, block.inline, first_section + len(headings), block.line)
            headings.append((first_block + len(blocks), block))
        if isinstance(block, Table) and len(block.rows) > TABLE_ROWS_PER_BLOCK:
            blocks.extend(_split_table(block))
        else:
            blocks.append(block)
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


def _sections(headings: list[tuple[int, Heading]], n_blocks: int, last_line: int) -> list[Section]:
    """Build the section tree; a skipped level nests under the nearest shallower heading."""
    parents: list[int | None] = []
    depth: list[int] = []
    stack: list[int] = []
    for i, (_, h) in enumerate(headings):
        while stack and headings[stack[-1]][1].level >= h.level:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        depth.append(len(stack))
        stack.append(i)
    children: list[list[int]] = [[] for _ in headings]
    numbers: list[str] = []
    counters: dict[int | None, int] = {}
    for i, parent in enumerate(parents):
        counters[parent] = counters.get(parent, 0) + 1
        numbers.append(f"{numbers[parent]}.{counters[parent]}" if parent is not None else str(counters[parent]))
        if parent is not None:
            children[parent].append(i)
    sections: list[Section] = []
    for i, (block, h) in enumerate(headings):
        end = next((j for j in range(i + 1, len(headings)) if headings[j][1].level <= h.level), None)
        sections.append(
            Section(
                number=numbers[i],
                title=plain(h.inline),
                level=h.level,
                depth=depth[i],
                line=h.line,
                line_end=headings[end][1].line - 1 if end is not None else last_line,
                block=block,
                block_end=headings[end][0] if end is not None else n_blocks,
                parent=parents[i],
                children=tuple(children[i]),
            )
        )
    return sections


def body_tokens(body: str) -> list[Token]:
    """markdown-it's token stream for ``body``, with text it drops past the nesting limit put back."""
    return _restore_dropped(markdown().parse(body), body)


def walk(tokens: list[Token], body_line: int, start: Start = Start()) -> Part:
    """Build the blocks of a part of the body from its tokens; ``body_line`` is its first line in the file."""
    return _walk_top(_Builder(tokens=tokens, body_line=body_line, start=start))


def assemble(text: str, split: meta.Split, parts: list[Part], path: str | None = None) -> Document:
    """Join parts parsed in order into the :class:`Document` for the whole of ``text``."""
    blocks = [block for part in parts for block in part.blocks]
    headings = [heading for part in parts for heading in part.headings]
    footnotes = [note for part in parts for note in part.footnotes]
    body = split.body
    if footnotes:
        blocks.append(Footnotes(tuple(footnotes), line=split.body_line + body.count("\n") + 1))
    last_line = split.body_line + body.count("\n") + (0 if body.endswith("\n") else 1)
    sections = _sections(headings, len(blocks), last_line)
    first_h1 = next((s.title for s in sections if s.level == 1), None)
    return Document(
        metadata=meta.normalise(split, first_h1=first_h1, path=path),
        blocks=tuple(blocks),
        sections=tuple(sections),
        code_blocks=tuple(code for part in parts for code in part.code),
        code_owner=tuple(top for part in parts for top in part.code_top),
        text=text,
        reading_minutes=reading_minutes(body),
    )


def parse(text: str, *, path: str | None = None) -> Document:
    """Build a :class:`Document` from a whole file's text, frontmatter included."""
    split = meta.split(text)
    with paused_gc():
        part = walk(body_tokens(split.body), split.body_line)
    return assemble(text, split, [part], path)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _fence_after(fence: str | None, line: str) -> str | None:
    """The open fence once ``line`` is read: opened, closed or unchanged."""
    match = _FENCE.match(line)
    if not match:
        return fence
    mark = match.group(1)
    if fence is None:
        return mark
    if mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip().strip(mark[0]):
        return None
    return fence


def quick_prefix(text: str, size: int) -> str | None:
    """A prefix of ``text`` of about ``size`` characters that ends between top-level blocks.

    The reader parses this first to paint a huge article at once, then parses
    the whole. The cut is at a blank line outside any fence, so the prefix
    parses as the start of the whole would, or, when no blank line comes
    within twice ``size`` (a huge table), at the next line outside a fence;
    None when the text is small enough to parse whole.
    """
    if len(text) <= size * 2:
        return None
    fence: str | None = None
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        if end < 0:
            return None
        line = text[pos:end]
        was_open = fence is not None
        fence = _fence_after(fence, line)
        if not was_open and fence is None and pos >= size and (not line.strip() or pos >= size * 2):
            return text[: end + 1]
        pos = end + 1
    return None


_FENCE_INFO = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[ \t]*(\S[^\n`]*)$", re.MULTILINE)


def fence_languages(body: str) -> set[str]:
    """The languages ``body``'s fences name, found without parsing."""
    return {language for info in _FENCE_INFO.findall(body) if (language := info_language(info))}


def confirmed(body: str, cuts: list[int]) -> int:
    """How many of ``cuts``, in order, markdown-it's block parser confirms as top-level headings.

    :func:`cut_points` reads lines, not blocks: a fence opened inside a list
    item or swallowed by an HTML block can fool it. Whether a line starts a
    top-level heading depends only on the lines before it, so one block-only
    pass over the text up to the last cut settles every cut.
    """
    if not cuts:
        return 0
    end = body.find("\n", cuts[-1])
    tokens = _blocks_only().parse(body[: len(body) if end < 0 else end + 1])
    starts = {tok.map[0] for tok in tokens if tok.type == "heading_open" and tok.level == 0 and tok.map}
    count, line, pos = 0, 0, 0
    for cut in cuts:
        line += body.count("\n", pos, cut)
        pos = cut
        if line not in starts:
            break
        count += 1
    return count


_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
_RAW_HTML = re.compile(r" {0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|(?:pre|script|style|textarea)(?=[\s>]|$))", re.I)
_RAW_HTML_END = {"!--": "-->", "?": "?>", "![cdata[": "]]>"}
_RAW_TAGS = ("</pre>", "</script>", "</style>", "</textarea>")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")


def _raw_html_end(opener: str) -> tuple[str, ...]:
    key = opener.lower()
    if key in _RAW_HTML_END:
        return (_RAW_HTML_END[key],)
    return (">",) if key.startswith("!") else _RAW_TAGS


def cut_points(body: str, targets: list[int]) -> list[int]:
    """Offsets that cut ``body`` into parts that parse exactly as the whole does, one at or after each target.

    A cut goes before an ATX heading at the start of a line, after a blank
    line, outside fenced code and raw HTML: every block markdown-it can have
    open there has ended, as far as lines tell (:func:`confirmed` makes sure).
    Link reference and footnote definitions reach across the whole body, so a
    body holding any is never cut.
    """
    if not targets or _DEFINITION.search(body):
        return []
    cuts: list[int] = []
    fence: str | None = None
    html_end: tuple[str, ...] = ()
    after_blank = False
    pos = 0
    while pos < len(body) and len(cuts) < len(targets):
        end = body.find("\n", pos)
        end = len(body) if end < 0 else end
        line = body[pos:end]
        if html_end:
            if any(mark in line.lower() for mark in html_end):
                html_end = ()
        elif fence is not None or _FENCE.match(line):
            fence = _fence_after(fence, line)
        elif opened := _RAW_HTML.match(line):
            ends = _raw_html_end(opened.group(1))
            if not any(mark in line[opened.end():].lower() for mark in ends):
                html_end = ends
        elif after_blank and pos >= targets[len(cuts)] and _ATX.match(line):
            cuts.append(pos)
        after_blank = not line.strip() and fence is None and not html_end
        pos = end + 1
    return cuts
