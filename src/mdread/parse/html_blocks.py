"""A block of HTML → the model's blocks: what a browser shows, as the Markdown blocks that show the same.

``<p>`` and ``<div>`` are paragraphs, ``<h2>`` a heading (a section when it
stands at the top level), ``<ul>`` a list, ``<table>`` a table, ``<pre>`` a
code block, ``<details>`` a callout; inline tags become marks, as in
:mod:`mdread.parse.html`. Text is spaced as a browser spaces it: runs of white
space are one space, none at the start or end of a line, and none where a
line break falls between two CJK characters. Blocks come out as soon as they
are complete, so the walk over the document numbers a heading's section
before the code blocks under it are made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from mdread.model import (
    Block,
    Callout,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Picture,
    Quote,
    Rule,
    Run,
    Table,
)
from mdread.parse.html import (
    BREAK,
    HIDDEN,
    MORE,
    SILENT,
    Node,
    checkbox_run,
    image_run,
    picture_of,
    placeholder_runs,
    read_tree,
    safe_href,
    tag_marks,
)
from mdread.scripts import is_cjk

CodeMaker = Callable[[str | None, str, str, int, int], CodeBlock]
"""Makes a numbered code block from ``(language, info, text, first line, last line)``."""

_SPACE = re.compile(r"[ \t\n\r\f]+")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_LANGUAGE = re.compile(r"(?:language|lang|highlight-source)-([\w+#.-]+)")
MAX_LIST_START = 10**9


@dataclass(frozen=True)
class _Style:
    marks: frozenset[str] = frozenset()
    href: str | None = None

    def plus(self, marks: tuple[str, ...], href: str | None = None) -> _Style:
        if not marks and href is None:
            return self
        return _Style(self.marks | frozenset(marks), href if href is not None else self.href)


class _Flow:
    """Blocks being built at one level (the document, a quote, a list item), and the paragraph being filled.

    An ``inline`` flow (a heading, a table cell) makes no blocks: where a
    block would end it breaks the line instead.
    """

    def __init__(self, base: int, make_code: CodeMaker, inline: bool = False) -> None:
        self.base = base
        self.make_code = make_code
        self.inline = inline
        self.runs: list[Run] = []
        self.line = base
        self.at = base
        self.image: Picture | None = None

    # inline content

    def _last_char(self) -> str:
        return self.runs[-1].text[-1:] if self.runs else ""

    def add(self, run: Run, style: _Style) -> None:
        text = run.text
        if not text:
            return
        if text.startswith(" ") and self._last_char() in ("", " ", "\n"):
            text = text[1:]
            if not text:
                return
        if run.text == "\n":
            self._trim_end()
            if not self.runs:
                return
        if not self.runs:
            self.line = self.at
        marks = style.marks | run.marks
        href = run.href if run.href is not None else (style.href if "link" in marks else None)
        if self.runs and self.runs[-1].marks == marks and self.runs[-1].href == href:
            self.runs[-1] = Run(self.runs[-1].text + text, marks, href)
        else:
            self.runs.append(Run(text, marks, href))

    def text(self, data: str, style: _Style, after: str) -> None:
        """Add text as a browser spaces it; ``after`` is the first character that follows it, if known."""

        def space(match: re.Match[str]) -> str:
            if "\n" in match.group(0):
                before = data[match.start() - 1] if match.start() else self._last_char()
                following = data[match.end()] if match.end() < len(data) else after
                if is_cjk(before) and is_cjk(following):
                    return ""
            return " "

        self.add(Run(_SPACE.sub(space, data)), style)

    def _trim_end(self) -> None:
        while self.runs and self.runs[-1].text.endswith(" "):
            last = self.runs[-1]
            stripped = last.text.rstrip(" ")
            if stripped:
                self.runs[-1] = Run(stripped, last.marks, last.href)
            else:
                self.runs.pop()

    def take_inline(self) -> Inline:
        """The runs gathered so far, without the breaks and spaces that would only pad them."""
        self._trim_end()
        while self.runs and self.runs[-1].text == "\n":
            self.runs.pop()
            self._trim_end()
        runs, self.runs = tuple(self.runs), []
        return runs

    def flush(self) -> Iterator[Block]:
        """End the paragraph being filled (in an inline flow: end the line)."""
        if self.inline:
            if self.runs and self._last_char() != "\n":
                self.add(BREAK, _Style())
            return
        image, self.image = self.image, None
        runs = self.take_inline()
        shown = [run for run in runs if run.text.strip()]
        if image is not None and len(shown) == 1 and "image" in shown[0].marks:
            yield replace(image, line=self.line)
        elif shown:
            yield Paragraph(runs, self.line)

    # the walk

    def children(self, items: list[Node | str], style: _Style) -> Iterator[Block]:
        for index, item in enumerate(items):
            if isinstance(item, str):
                nxt = items[index + 1] if index + 1 < len(items) else None
                self.text(item, style, nxt[:1] if isinstance(nxt, str) else "")
            else:
                yield from self.walk(item, style)

    def walk(self, node: Node, style: _Style) -> Iterator[Block]:
        tag, line = node.tag, self.base + node.line
        self.at = line
        if tag in HIDDEN:
            for run in placeholder_runs(tag, node.attrs):
                self.add(run, style)
        elif tag == "br":
            self.add(BREAK, style)
        elif tag == "img":
            self.add(image_run(node.attrs), style)
            self.image = picture_of(node.attrs, style.href, line)
        elif tag == "input":
            box = checkbox_run(node.attrs)
            if box:
                self.add(box, style)
        elif tag in SILENT:
            return
        elif self.inline:
            yield from self._inline_block(node, style)
        elif tag in _BLOCK_MAKERS:
            yield from self.flush()
            yield from _BLOCK_MAKERS[tag](self, node, style, line)
        elif tag in _TRANSPARENT:
            yield from self.flush()
            yield from self.children(node.children, style.plus(_TRANSPARENT[tag]))
            yield from self.flush()
        else:
            yield from self._inline(node, style)

    def _inline(self, node: Node, style: _Style) -> Iterator[Block]:
        if node.tag == "a":
            href = safe_href(node.attrs.get("href", ""))
            inner = style.plus(("link",), href) if href else style
        else:
            inner = style.plus(tag_marks(node.tag, node.attrs))
        if node.tag == "q":
            self.add(Run("“"), inner)
        yield from self.children(node.children, inner)
        if node.tag == "q":
            self.add(Run("”"), inner)

    def _inline_block(self, node: Node, style: _Style) -> Iterator[Block]:
        """A block element inside a heading or a table cell: its text, on lines of its own."""
        if node.tag not in _BLOCK_MAKERS and node.tag not in _TRANSPARENT:
            yield from self._inline(node, style)
            return
        yield from self.flush()
        if node.tag == "li":
            self.add(Run("• "), style)
        inner = style.plus(("strong",)) if node.tag in _HEADINGS else style
        yield from self.children(node.children, inner.plus(_TRANSPARENT.get(node.tag, ())))
        yield from self.flush()

    def nested(self, items: list[Node | str], style: _Style, line: int) -> tuple[Block, ...]:
        """The blocks of ``items`` as a container (a quote, a list item) holds them."""
        flow = _Flow(line, self.make_code)
        blocks = list(flow.children(items, style))
        blocks.extend(flow.flush())
        return tuple(blocks)

    def inline_of(self, items: list[Node | str], style: _Style, line: int) -> Inline:
        flow = _Flow(line, self.make_code, inline=True)
        for _ in flow.children(items, style):
            pass
        return flow.take_inline()


_TRANSPARENT: dict[str, tuple[str, ...]] = {
    tag: () for tag in (
        "#root", "p", "div", "center", "section", "article", "main", "header", "footer", "aside", "nav",
        "figure", "address", "hgroup", "fieldset", "legend", "body", "html", "search", "noscript",
        "caption", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot"
    )
}
_TRANSPARENT.update({"figcaption": ("em",), "summary": ("strong",)})
"""Block elements that hold paragraphs and add no block of their own (``figcaption`` in italics)."""


def _heading(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    inline = flow.inline_of(node.children, style, line)
    if inline:
        yield Heading(level=_HEADINGS[node.tag], inline=inline, section=-1, line=line)


def _rule(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    yield Rule(line=line, label="more" if node.tag == MORE else "")


def _pre(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    text = node.text()
    text = text[1:] if text.startswith("\n") else text
    if not text.strip():
        return
    text = text if text.endswith("\n") else text + "\n"
    inner = next((child for child in node.children if isinstance(child, Node)), None)
    classes = " ".join([node.attrs.get("class", ""), inner.attrs.get("class", "") if inner else ""])
    found = _LANGUAGE.search(classes)
    language = (found.group(1) if found else node.attrs.get("lang", "")).lower() or None
    yield flow.make_code(language, language or "", text, line, line + text.count("\n") + 1)


def _quote(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    blocks = flow.nested(node.children, style, line)
    if blocks:
        yield Quote(blocks=blocks, line=line)


def _start(value: str | None) -> int:
    try:
        return max(0, min(int(value or 1), MAX_LIST_START))
    except ValueError:
        return 1


def _list(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    """A list; content between items (a stray paragraph) goes with the item before it, as it is drawn."""
    groups: list[tuple[int, list[Node | str]]] = []
    items = node.children if node.tag in _LISTS else [node]
    for child in items:
        if isinstance(child, Node) and child.tag == "li":
            groups.append((flow.base + child.line, list(child.children)))
        elif isinstance(child, Node) or child.strip():
            if not groups:
                groups.append((line, []))
            groups[-1][1].append(child)
    listed = tuple(ListItem(flow.nested(children, style, at)) for at, children in groups)
    if listed:
        yield ListBlock(listed, node.tag == "ol", _start(node.attrs.get("start")), line)


def _definitions(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    """A definition list as a list: each term, in bold, starts an item that holds its definitions."""
    items: list[list[Block]] = []
    for child in node.children:
        if not isinstance(child, Node):
            continue
        at = flow.base + child.line
        if child.tag == "dt":
            term = flow.inline_of(child.children, style.plus(("strong",)), at)
            items.append([Paragraph(term, at)] if term else [])
        elif child.tag == "dd":
            if not items:
                items.append([])
            items[-1].extend(flow.nested(child.children, style, at))
    listed = tuple(ListItem(tuple(blocks)) for blocks in items if blocks)
    if listed:
        yield ListBlock(listed, False, 1, line)


def _table(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    """A table; its first row is the header, as a Markdown table needs one. A caption comes first, in italics."""
    rows: list[list[Node]] = []
    head_rows = 0

    def gather(parent: Node, head: bool) -> None:
        nonlocal head_rows
        loose: list[Node] = []
        for child in parent.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "tr":
                rows.append([cell for cell in child.children if isinstance(cell, Node) and cell.tag in ("td", "th")])
                head_rows += head
            elif child.tag in ("thead", "tbody", "tfoot"):
                gather(child, child.tag == "thead")
            elif child.tag in ("td", "th"):
                loose.append(child)
        if loose:
            rows.append(loose)

    gather(node, False)
    caption = next((c for c in node.children if isinstance(c, Node) and c.tag == "caption"), None)
    if caption is not None:
        title = flow.inline_of(caption.children, style.plus(("em",)), line)
        if title:
            yield Paragraph(title, line)
    rows = [row for row in rows if row]
    if not rows:
        return
    header, body = rows[0], rows[1:]
    cells = [tuple(flow.inline_of(cell.children, style, line) for cell in row) for row in body]
    yield Table(
        header=tuple(flow.inline_of(cell.children, style, line) for cell in header),
        rows=tuple(cells),
        align=tuple(_align(cell) for cell in header),
        line=line,
    )


def _align(cell: Node) -> str | None:
    value = cell.attrs.get("align", "").lower()
    for declaration in cell.attrs.get("style", "").split(";"):
        name, _, given = declaration.partition(":")
        if name.strip().lower() == "text-align":
            value = given.strip().lower()
    return value if value in ("left", "center", "right") else None


def _details(flow: _Flow, node: Node, style: _Style, line: int) -> Iterator[Block]:
    summary = next((c for c in node.children if isinstance(c, Node) and c.tag == "summary"), None)
    title = flow.inline_of(summary.children, style, line) if summary is not None else ()
    rest = [child for child in node.children if child is not summary]
    yield Callout("details", title, flow.nested(rest, style, line), line)


_BLOCK_MAKERS: dict[str, Callable[[_Flow, Node, _Style, int], Iterator[Block]]] = {
    **{tag: _heading for tag in _HEADINGS},
    "hr": _rule, MORE: _rule, "pre": _pre, "blockquote": _quote, "table": _table, "details": _details,
    "dl": _definitions, "li": _list, **{tag: _list for tag in _LISTS},
}


def html_blocks(source: str, line: int, make_code: CodeMaker) -> Iterator[Block]:
    """The blocks a browser would show for ``source``, a block of HTML that starts on file line ``line``."""
    flow = _Flow(line, make_code)
    yield from flow.walk(read_tree(source), _Style())
    yield from flow.flush()
