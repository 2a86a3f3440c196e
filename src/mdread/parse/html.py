"""HTML inside Markdown, read as a browser would show it, through the standard library's ``html.parser``.

Two shapes reach here. markdown-it hands over inline HTML one tag per token,
with the Markdown text between tags as tokens of their own, so
:class:`InlineHtml` keeps the tags that are open across one paragraph's
tokens. Block HTML comes whole; :func:`read_tree` builds a small tree of it,
which :mod:`mdread.parse.html_blocks` turns into the model's blocks.

Nothing here ever runs: scripts, styles, frames, media, objects and forms
become a one-line placeholder, their content dropped unseen. ``html.parser``
before Python 3.11.13 takes quadratic time on constructs left open at the end
of its input (many ``<!--`` or ``<a `` with no ``>``), so comments,
declarations and processing instructions are taken out here with plain
searches, and the input is cut where a tag never closes, as a browser drops
a tag cut off by the end of the file. Depth is capped, so hostile nesting
costs linear time and no deep recursion.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markdown_it.common.normalize_url import normalizeLink, validateLink
from markdown_it.token import Token

from mdread.model import Picture, Run
from mdread.parse.picture import IMAGE_SUFFIXES

MAX_DEPTH = 48
"""Elements nested deeper than this lose their own formatting (their text is kept); bounds recursion."""
MAX_OPEN = 64
"""Inline tags kept open at once across a paragraph's tokens; more are read as text-keeping no-ops."""

VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr"
})
HIDDEN = frozenset({
    "script", "style", "iframe", "video", "audio", "object", "embed", "form", "canvas", "svg", "applet",
    "frame", "frameset", "noembed"
})
"""Never run and never shown: each becomes a placeholder naming it."""
SILENT = frozenset({"template", "head", "title", "select", "textarea", "datalist", "option", "optgroup"})
"""Not shown by a browser and not worth a placeholder."""
MARKS: dict[str, tuple[str, ...]] = {
    "b": ("strong",), "strong": ("strong",), "big": ("strong",),
    "i": ("em",), "em": ("em",), "var": ("em",), "cite": ("em",), "dfn": ("em",),
    "u": ("underline",), "ins": ("underline",),
    "s": ("strike",), "del": ("strike",), "strike": ("strike",),
    "mark": ("mark",), "code": ("code",), "tt": ("code",), "samp": ("code",), "kbd": ("kbd",),
    "sub": ("sub",), "sup": ("sup",), "small": ("small",), "abbr": ("abbr",),
}
BLOCKS = frozenset({
    "p", "div", "center", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "figcaption", "address", "hgroup", "blockquote", "details", "summary", "ul", "ol", "menu", "dir", "li",
    "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "table", "caption", "thead", "tbody",
    "tfoot", "tr", "td", "th", "fieldset", "legend", "body", "html", "search"
})
"""Tags that start a block of their own: inside a paragraph each opens or closes a line."""
MORE = "mdread-more"
"""The element an excerpt marker (``<!--more-->``) is read as."""

_CSS_MARKS = {("font-weight", "bold"): "strong", ("font-weight", "bolder"): "strong", ("font-weight", "700"): "strong",
              ("font-weight", "800"): "strong", ("font-weight", "900"): "strong", ("font-style", "italic"): "em",
              ("text-decoration", "underline"): "underline", ("text-decoration", "line-through"): "strike"}


def safe_href(url: str) -> str | None:
    """A link target as markdown-it would keep it for a Markdown link: ``javascript:`` and the like refused."""
    url = url.strip()
    if not url or not validateLink(url):
        return None
    return normalizeLink(url)


def font_color(value: str) -> str | None:
    """A ``<font color>`` as ``#rrggbb``, read by HTML's legacy colour rules (which read any word as some colour)."""
    import webcolors

    try:
        return webcolors.rgb_to_hex(webcolors.html5_parse_legacy_color(value))
    except ValueError:  # empty, or "transparent"
        return None


def css_color(value: str) -> str | None:
    """A CSS ``color:`` value as ``#rrggbb``: a name, ``#rgb``, ``#rrggbb`` or ``rgb(r, g, b)``; None otherwise."""
    import webcolors

    value = value.strip().lower()
    try:
        if value.startswith("#"):
            return webcolors.normalize_hex(value)
        if value.startswith(("rgb(", "rgba(")):
            parts = value[value.index("(") + 1 : value.rindex(")")].replace("/", ",").split(",")
            return webcolors.rgb_to_hex(tuple(max(0, min(255, int(part))) for part in parts[:3]))  # type: ignore[arg-type]
        return webcolors.name_to_hex(value)
    except ValueError:  # a value mdread cannot resolve (var(), hsl(), inherit): the text keeps its colour
        return None


def tag_marks(tag: str, attrs: dict[str, str]) -> tuple[str, ...]:
    """The inline marks an element applies: its tag's own, and a colour or weight from ``color``/``style``."""
    marks = list(MARKS.get(tag, ()))
    color = font_color(attrs["color"]) if tag == "font" and attrs.get("color") else None
    for declaration in attrs.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "color":
            color = css_color(value) or color
        elif (name, value.split(" ")[0]) in _CSS_MARKS:
            marks.append(_CSS_MARKS[(name, value.split(" ")[0])])
    if color:
        marks.append(f"color:{color}")
    return tuple(marks)


def image_run(attrs: dict[str, str]) -> Run:
    """An ``<img>`` as the same run a Markdown image makes: its alt text (or title), its source."""
    alt = " ".join((attrs.get("alt") or attrs.get("title") or "").split()) or "image"
    return Run(alt, frozenset({"image"}), safe_href(attrs.get("src", "")))


def placeholder_runs(tag: str, attrs: dict[str, str]) -> list[Run]:
    """The one-line stand-in for something never run: ``[iframe host]`` as a link to its source when it has one."""
    source = attrs.get("src") or attrs.get("data") or attrs.get("action") or ""
    href = safe_href(source) if source else None
    if tag in ("form", "script", "style"):
        href = None
    host = urlsplit(href).netloc if href else ""
    label = f"[{tag} {host}]" if host else f"[{tag}]"
    return [Run(label, frozenset({"placeholder", "link"}) if href else frozenset({"placeholder"}), href)]


def checkbox_run(attrs: dict[str, str]) -> Run | None:
    if attrs.get("type", "").lower() != "checkbox":
        return None
    return Run("☑ " if "checked" in attrs else "☐ ")


BREAK = Run("\n", frozenset({"break"}))


def _attrs(pairs: list[tuple[str, str | None]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in pairs:
        found.setdefault(name, value or "")
    return found


class _TagReader(HTMLParser):
    """Reads one complete tag (markdown-it's ``html_inline`` token) into ``(kind, tag, attrs)``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.event: tuple[str, str, tuple[tuple[str, str], ...]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.event = ("start", tag, tuple(_attrs(attrs).items()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.event = ("void" if tag in VOID else "start", tag, tuple(_attrs(attrs).items()))

    def handle_endtag(self, tag: str) -> None:
        self.event = ("end", tag, ())


_READER = _TagReader()


@functools.lru_cache(maxsize=1024)
def read_inline_tag(source: str) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """``(kind, tag, attributes)`` of one complete tag; the same few tags recur, so each is read once."""
    _READER.reset()
    _READER.event = None
    try:
        _READER.feed(source)
        _READER.close()
    except (AssertionError, ValueError):  # a malformed declaration: nothing a browser would show
        return None
    return _READER.event


def picture_of(attrs: dict[str, str], link: str | None, line: int) -> Picture:
    """An ``<img>`` as the picture a Markdown image alone in its paragraph makes (a link to the file dropped)."""
    if link and urlsplit(link).path.lower().endswith(IMAGE_SUFFIXES):
        link = None
    return Picture(src=attrs.get("src", ""), alt=" ".join(attrs.get("alt", "").split()),
                   title=attrs.get("title") or None, line=line, link=link)


def lone_html_picture(inline: Token | None, line: int) -> Picture | None:
    """The picture of a paragraph whose only shown content is one ``<img>`` (in a link, say), or None."""
    image: dict[str, str] | None = None
    link: str | None = None
    for child in inline.children or () if inline is not None else ():
        if child.type in ("text", "softbreak") and not child.content.strip():
            continue
        event = read_inline_tag(child.content) if child.type == "html_inline" else None
        if event is None:
            return None
        kind, tag, pairs = event
        if tag == "img" and image is None:
            image = dict(pairs)
        elif tag == "a" and kind == "start":
            link = safe_href(dict(pairs).get("href", ""))
        elif tag in HIDDEN or tag in VOID or (kind == "start" and tag in SILENT):
            return None
    return picture_of(image, link, line) if image is not None else None


@dataclass
class _Open:
    tag: str
    marks: tuple[str, ...]
    href: str | None = None


class InlineHtml:
    """The HTML tags open across one paragraph's tokens, and what each new tag adds to its runs.

    Attributes:
        marks: Marks the open tags apply to the text that follows.
        href: The target of the innermost open ``<a href>``, if any.
    """

    def __init__(self) -> None:
        self._open: list[_Open] = []
        self._hidden: str | None = None
        self._hidden_depth = 0
        self.marks: frozenset[str] = frozenset()
        self.href: str | None = None

    @property
    def hidden(self) -> bool:
        """Inside a script, a frame or another element whose content is never shown."""
        return self._hidden is not None

    def feed(self, source: str) -> list[Run]:
        """Take in one ``html_inline`` token; return the runs it stands for (a break, an image, a placeholder)."""
        if source.startswith(("<!", "<?")):
            return []
        event = read_inline_tag(source)
        if event is None:
            return []
        kind, tag, pairs = event
        attrs = dict(pairs)
        if self._hidden is not None:
            if tag == self._hidden:
                self._hidden_depth += 1 if kind == "start" else -1 if kind == "end" else 0
                if self._hidden_depth <= 0:
                    self._hidden = None
            return []
        if kind == "end":
            return self._close(tag)
        return self._start(tag, attrs, void=kind == "void" or tag in VOID)

    def _start(self, tag: str, attrs: dict[str, str], void: bool) -> list[Run]:
        if tag in HIDDEN or tag in SILENT:
            if not void:
                self._hidden, self._hidden_depth = tag, 1
            return placeholder_runs(tag, attrs) if tag in HIDDEN else []
        if tag == "br":
            return [BREAK]
        if tag == "img":
            return [image_run(attrs)]
        if tag == "input":
            box = checkbox_run(attrs)
            return [box] if box else []
        if tag in BLOCKS:
            return [BREAK, Run("• ")] if tag == "li" else [BREAK]
        if void:
            return []
        href = safe_href(attrs.get("href", "")) if tag == "a" else None
        marks = ("link",) if href else tag_marks(tag, attrs)
        if (marks or tag == "q") and len(self._open) < MAX_OPEN:
            self._open.append(_Open(tag, marks, href))
            self._recount()
        return [Run("“")] if tag == "q" else []

    def _close(self, tag: str) -> list[Run]:
        if tag in BLOCKS:
            return [BREAK]
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index]
                self._recount()
                return [Run("”")] if tag == "q" else []
        return []

    def _recount(self) -> None:
        self.marks = frozenset(mark for entry in self._open for mark in entry.marks)
        self.href = next((entry.href for entry in reversed(self._open) if entry.href), None)


@dataclass(eq=False)
class Node:
    """An element of a block of HTML: its tag, attributes, 0-based line within the block, and children."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """All the text under this node, as written (for ``<pre>``)."""
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            elif item.tag == "br":
                parts.append("\n")
            elif item.tag not in HIDDEN and item.tag not in SILENT:
                stack.extend(reversed(item.children))
        return "".join(parts)


_SCOPE = frozenset({"table", "td", "th", "caption", "button", "object", "applet", "template", "marquee", "#root"})
_LIST_SCOPE = _SCOPE | {"ul", "ol", "menu", "dir", "dl"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), _LIST_SCOPE),
    "dt": (frozenset({"dt", "dd"}), _LIST_SCOPE),
    "dd": (frozenset({"dt", "dd"}), _LIST_SCOPE),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "#root"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table", "#root"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table", "#root"})),
    "thead": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table", "#root"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table", "#root"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table", "#root"})),
}
"""Start tags that end an open element of their own family first (``<li>`` after ``<li>``), within a scope."""
_CLOSES_P = BLOCKS - {"td", "th", "tr", "thead", "tbody", "tfoot", "caption", "body", "html", "li", "dt", "dd",
                      "summary", "figcaption", "legend"}
"""Start tags that end an open ``<p>``, as in a browser."""


class _TreeBuilder(HTMLParser):
    """Builds a :class:`Node` tree the way a browser would, for the elements mdread draws."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 0)
        self._stack = [self.root]
        self._hidden: Node | None = None
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, _attrs(attrs), void=tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, _attrs(attrs), void=True)

    def _start(self, tag: str, attrs: dict[str, str], void: bool) -> None:
        if self._hidden is not None:
            if tag == self._hidden.tag and not void:
                self._hidden_depth += 1
            elif tag == "source" and "src" not in self._hidden.attrs and "src" in attrs:
                self._hidden.attrs["src"] = attrs["src"]
            return
        if tag in _CLOSES:
            family, scope = _CLOSES[tag]
            self._close_within(family, scope)
        elif tag in _CLOSES_P:
            self._close_within(frozenset({"p"}), _SCOPE)
        if tag in _HEADINGS and self._stack[-1].tag in _HEADINGS:
            self._stack.pop()
        node = Node(tag, attrs, self.getpos()[0] - 1)
        self._stack[-1].children.append(node)
        if tag in HIDDEN or tag in SILENT:
            if not void:
                self._hidden, self._hidden_depth = node, 1
        elif not void and len(self._stack) < MAX_DEPTH:
            self._stack.append(node)

    def _close_within(self, family: frozenset[str], scope: frozenset[str]) -> None:
        """Close the outermost open element of ``family`` inside the innermost ``scope`` (a new row ends a row)."""
        found = 0
        for index in range(len(self._stack) - 1, 0, -1):
            tag = self._stack[index].tag
            if tag in scope:
                break
            if tag in family:
                found = index
        if found:
            del self._stack[found:]

    def handle_endtag(self, tag: str) -> None:
        if self._hidden is not None:
            if tag == self._hidden.tag:
                self._hidden_depth -= 1
                if self._hidden_depth <= 0:
                    self._hidden = None
            return
        if tag == "br":
            self._stack[-1].children.append(Node("br", {}, self.getpos()[0] - 1))
            return
        for index in range(len(self._stack) - 1, 0, -1):
            if self._stack[index].tag == tag:
                del self._stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._hidden is not None or not data:
            return
        children = self._stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


_RAW_TEXT = re.compile(r"<(script|style)(?=[\s/>])", re.IGNORECASE)
"""Elements whose content is raw text, comments and all, up to their end tag."""


def _end_of_tag(source: str, start: int) -> int:
    """Where the tag that opens at ``start`` ends (after its ``>``), quotes respected; -1 if it never does."""
    pos = start
    while True:
        close = source.find(">", pos)
        if close < 0:
            return -1
        quote = _open_quote(source, pos, close)
        if quote is None:
            return close + 1
        pos = source.find(quote[1], quote[0] + 1)
        if pos < 0:
            return -1
        pos += 1


def _open_quote(source: str, start: int, end: int) -> tuple[int, str] | None:
    """The first quote between ``start`` and ``end`` that follows ``=``, as an attribute value opens."""
    pos = source.find("=", start, end)
    while pos >= 0:
        after = pos + 1
        while after < end and source[after] in " \t\n\r\f":
            after += 1
        if after < end and source[after] in "\"'":
            return after, source[after]
        pos = source.find("=", after, end)
    return None


def without_markup_noise(source: str) -> str:
    """``source`` with comments, declarations and processing instructions taken out, and cut where a tag never ends.

    An excerpt marker ``<!--more-->`` becomes a ``<mdread-more>`` element. One
    pass of plain searches: what ``html.parser`` would find quadratic never
    reaches it.
    """
    out: list[str] = []
    pos = 0
    while True:
        start = source.find("<", pos)
        if start < 0:
            out.append(source[pos:])
            break
        nxt = source[start + 1 : start + 2]
        if source.startswith("<!--", start):
            end = source.find("-->", start + 4)
            out.append(source[pos:start])
            if end < 0:
                break
            if source[start + 4 : end].strip().lower() == "more":
                out.append(f"<{MORE}>")
            pos = end + 3
        elif nxt in ("!", "?"):
            end = source.find(">", start + 2)
            out.append(source[pos:start])
            if end < 0:
                break
            pos = end + 1
        elif nxt.isascii() and (nxt.isalpha() or nxt == "/"):
            end = _end_of_tag(source, start + 1)
            if end < 0:
                out.append(source[pos:start])
                break
            out.append(source[pos:end])
            pos = end
            raw = _RAW_TEXT.match(source, start)
            if raw:
                closing = re.compile(f"</{raw.group(1)}", re.IGNORECASE).search(source, pos)
                stop = closing.start() if closing else len(source)
                out.append(source[pos:stop])
                pos = stop
        else:
            out.append(source[pos : start + 1].replace("<", "&lt;"))
            pos = start + 1
    return "".join(out)


def read_tree(source: str) -> Node:
    """The element tree of a block of HTML, as a browser would build it for what mdread draws."""
    builder = _TreeBuilder()
    try:
        builder.feed(without_markup_noise(source))
        builder.close()
    except (AssertionError, ValueError):  # a construct html.parser gives up on: keep what was read
        pass
    return builder.root

