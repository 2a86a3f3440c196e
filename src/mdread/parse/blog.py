"""Blog engines' habits as markdown-it rules: their tags, GitHub alerts and ``:::`` containers.

A post written for Hexo, Jekyll or Hugo is full of the engine's tags; a
site turns each into what it stands for before anyone reads it, so mdread
does the same: ``{% codeblock js %}`` and ``{{< highlight go >}}`` are code
blocks, ``{% note info %}`` and ``{{% hint %}}`` callouts, ``{% asset_img %}``
and ``{{< figure >}}`` images, ``{% post_link slug %}`` and ``{{< ref >}}``
links to other posts, ``{{< youtube >}}`` a placeholder linking to the video.
A tag mdread does not know is shown as written, dimmed. GitHub alerts
(``> [!NOTE]``, markdown-it's own) and ``::: tip`` containers
(mdit-py-plugins') become the same callouts.

The rules only emit tokens; :mod:`mdread.parse.build` reads them like any
other: ``fence``, ``math_block``, ``callout_open``/``callout_close``,
``blog_source`` and ``blog_placeholder``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from mdread.parse.html import read_tree
from mdread.parse.tags import Tag, read_site_address, read_tag, tags_in

CODE = frozenset({"codeblock", "code", "highlight"})
MATH = frozenset({"katex", "math", "mathjax", "latex"})
NOTES = frozenset({"note", "notice", "hint", "alert", "admonition", "callout"})
KIND_TAGS = frozenset({"tip", "info", "warning", "danger", "success", "caution", "important", "error"})
FOLDS = frozenset({"details", "fold", "folding", "spoiler", "collapse", "expand", "hidetoggle"})
QUOTES = frozenset({"blockquote", "quote", "pullquote"})
RAW = frozenset({"raw", "verbatim"})
PAIRED = CODE | MATH | NOTES | KIND_TAGS | FOLDS | QUOTES
"""Tags that hold a body up to their closing tag, when they stand on lines of their own."""
KINDS = KIND_TAGS | {"note", "primary", "default", "notice", "attention", "hint"}
"""Words that name a callout's kind as a note's first argument (``{% note warning %}``)."""
FLAGS = frozenset({"no-icon", "open"})
"""Arguments that change how a site draws a note, not what it says (NexT's ``no-icon``, a fold's ``open``)."""
MAX_CONTAINER_LEVEL = 20
"""``:::`` containers open deeper than this are text: each level looks ahead for its end, so depth costs time."""
MAX_DETAILS = 16
"""``<details>`` around Markdown nested deeper than this are read as the HTML blocks they are."""
LINKS = frozenset({"ref", "relref", "post_path", "asset_path"})
"""Tags a site replaces with an address, wherever they are: in text, in a link, in an HTML attribute."""

EMBEDS: dict[str, Callable[[Tag], str | None]] = {
    "youtube": lambda t: f"https://www.youtube.com/watch?v={_first(t, 'id')}" if _first(t, "id") else None,
    "vimeo": lambda t: f"https://vimeo.com/{_first(t, 'id')}" if _first(t, "id") else None,
    "gist": lambda t: "https://gist.github.com/" + "/".join(t.args[:2]) if t.args else None,
    "x": lambda t: _post_on_x(t),
    "tweet": lambda t: _post_on_x(t),
    "iframe": lambda t: _first(t, "src"),
    "jsfiddle": lambda t: f"https://jsfiddle.net/{_first(t, 'id')}" if _first(t, "id") else None,
}
"""Embeds a site fetches from elsewhere: shown as a placeholder that links to the address."""


def _first(tag: Tag, param: str) -> str | None:
    return tag.params.get(param) or (tag.args[0] if tag.args else None)


def _post_on_x(tag: Tag) -> str | None:
    user = tag.params.get("user") or (tag.args[0] if len(tag.args) > 1 else "i")
    post = tag.params.get("id") or (tag.args[-1] if tag.args else None)
    return f"https://x.com/{user}/status/{post}" if post else None


def _address(tag: Tag) -> str:
    """What a link tag stands for: the path or slug it names (a permalink the reader can follow)."""
    return (tag.params.get("path") or (tag.args[0] if tag.args else "")).replace(" ", "%20")


# --- block tags --------------------------------------------------------------------------------------------


def line_starts(pattern: str, src: str, flags: int = 0) -> Iterator[tuple[int, re.Match[str]]]:
    """Each line of ``src`` that ``pattern`` matches at its start, with the line's number.

    One search for a newline followed by the pattern: a regex anchored by
    ``^`` and MULTILINE, or a loop over ``split("\\n")``, is several times
    slower on a 5 MB article, and this runs before its first screen.
    """
    first = _compiled(pattern, flags).match(src)
    if first:
        yield 0, first
    number = pos = 0
    for match in _compiled("\n" + pattern, flags).finditer(src):
        number += src.count("\n", pos, match.start() + 1)
        pos = match.start() + 1
        yield number, match


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_TAG_LINE = r"[ \t>]*(\{.*)"
"""A line (in quotes too) that starts with ``{``: where a paired tag may stand alone."""


def _pairs(src: str) -> dict[int, int]:
    """Line of each paired tag that stands alone on its line → line of its closing tag, found once per text."""
    pairs: dict[int, int] = {}
    open_lines: dict[str, list[int]] = {}
    for number, match in line_starts(_TAG_LINE, src):
        text = match.group(1).strip()
        tag = read_tag(text, 0)
        if tag is None or tag.end != len(text) or tag.name not in PAIRED:
            continue
        if tag.closing:
            if open_lines.get(tag.name):
                pairs[open_lines[tag.name].pop()] = number
        else:
            open_lines.setdefault(tag.name, []).append(number)
    return pairs


DETAILS_LINE = r" *<(/?)details(.*)"
"""A line that opens (or, with group 1, closes) a ``<details>``, in any case."""


def spans(body: str) -> list[tuple[int, int]]:
    """Line ranges ``(first, last)``, by start, of blocks that hold blank lines and Markdown blocks.

    A paired tag and a ``<details>`` around Markdown make one block across
    paragraphs, so a body must not be cut inside one to be parsed in parts.
    """
    found = list(_pairs(body).items())
    opened: list[int] = []
    for number, match in line_starts(DETAILS_LINE, body, re.IGNORECASE):
        if match.group(1):
            if opened:
                found.append((opened.pop(), number))
        elif "</details" not in match.group(2).lower():
            opened.append(number)
    lines = body.count("\n") + 1
    found.extend((start, lines) for start in opened)
    return sorted(found)


def _line_tag(state: StateBlock, line: int) -> Tag | None:
    start = state.bMarks[line] + state.tShift[line]
    text = state.src[start : state.eMarks[line]].rstrip()
    tag = read_tag(text, 0) if text.startswith("{") else None
    return tag if tag is not None and tag.end == len(text) else None


def _blog_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A paired tag on lines of its own, with its body; or a lone ``{% raw %}`` line, which shows nothing."""
    first = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[first : first + 1] != "{" or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    tag = _line_tag(state, start_line)
    if tag is None or (tag.closing and tag.name not in RAW):
        return False
    if tag.name in RAW:
        if not silent:
            state.line = start_line + 1
        return True
    cache = state.env.setdefault("mdread_blog_pairs", {})
    if state.src not in cache:
        cache.clear()
        cache[state.src] = _pairs(state.src)
    close = cache[state.src].get(start_line)
    if close is None or close >= end_line or tag.name not in PAIRED:
        return False
    if silent:
        return True
    if tag.name in CODE or tag.name in MATH:
        body = state.getLines(start_line + 1, close, state.sCount[start_line], True)
        token = state.push("fence" if tag.name in CODE else "math_block", "code" if tag.name in CODE else "math", 0)
        token.info = _language(tag) if tag.name in CODE else ""
        token.content = body
        token.markup = tag.source
        token.map = [start_line, close + 1]
    else:
        _container(state, tag, start_line, close)
    state.line = close + 1
    return True


def _language(tag: Tag) -> str:
    """The language a code tag names: Hexo's ``lang:js``, else Jekyll's and Hugo's first argument."""
    for arg in tag.args:
        if arg.startswith("lang:"):
            return arg[5:]
    if tag.name in ("highlight",) and tag.args:
        return tag.args[0]
    return tag.params.get("lang", "")


def _container(state: StateBlock, tag: Tag, start: int, close: int) -> None:
    """A callout or a quote around the Markdown between a tag and its closing tag."""
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType, state.lineMax = "container", close
    quote = tag.name in QUOTES
    opener = state.push("blockquote_open" if quote else "callout_open", "blockquote" if quote else "div", 1)
    opener.map = [start, close + 1]
    opener.markup = tag.source
    opener.meta = {} if quote else _callout_meta(tag)
    state.md.block.tokenize(state, start + 1, close)
    if quote and tag.args:
        _attribution(state, "— " + " ".join(tag.args).replace(" ,", ","))
    state.push("blockquote_close" if quote else "callout_close", "blockquote" if quote else "div", -1)
    state.parentType, state.lineMax = old_parent, old_max


def _attribution(state: StateBlock, text: str) -> None:
    state.push("paragraph_open", "p", 1)
    inline = state.push("inline", "", 0)
    inline.content, inline.children = text, []
    state.push("paragraph_close", "p", -1)


def _callout_meta(tag: Tag) -> dict[str, Any]:
    """Kind and title of a callout tag: ``{% note warning Title %}``, ``{{< hint type=tip title=T >}}`` …"""
    args = [arg for arg in tag.args if arg.lower() not in FLAGS]
    if tag.name in KIND_TAGS:
        kind = tag.name
    elif tag.name in FOLDS:
        kind = "details"
        if args and args[0].lower().rstrip(",") in KINDS:
            args = args[1:]
    else:
        kind = (tag.params.get("type") or tag.params.get("class") or "").lower()
        if not kind and args and args[0].lower() in KINDS:
            kind, args = args[0].lower(), args[1:]
    title = tag.params.get("title") or " ".join(args)
    return {"kind": kind or "note", "title": title.strip().lstrip(",").strip()}


# --- inline tags -------------------------------------------------------------------------------------------


def _blog_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "{":
        return False
    tag = read_tag(src, pos)
    if tag is None:
        return False
    end = tag.end
    closer = _closer_after(state, tag) if tag.name in RAW | MATH and not tag.closing else None
    if tag.escaped:
        kind, token = "text", {"content": tag.source}
    elif tag.name in RAW:
        kind, token = ("text", {"content": src[end : closer.start]}) if closer else ("", {})
        end = closer.end if closer else end
    elif tag.name in MATH and closer is not None:
        kind, token = "math_inline", {"content": src[end : closer.start].strip()}
        end = closer.end
    else:
        kind, token = _single(tag)
    if not silent and kind:
        _push_inline(state, kind, token)
    state.pos = end
    return True


def _closer_after(state: StateInline, tag: Tag) -> Tag | None:
    """The first tag after ``tag`` that closes it, from an index of the closing tags made once per text."""
    names = RAW if tag.name in RAW else frozenset({tag.name})
    cache = state.env.setdefault("mdread_blog_closers", {})
    key = (state.src, names)
    if key not in cache:
        cache[key] = [t for t in tags_in(state.src) if t.closing and t.name in names]
    closers: list[Tag] = cache[key]
    index = bisect.bisect_left([t.start for t in closers], tag.end) if len(closers) > 8 else 0
    return next((t for t in closers[index:] if t.start >= tag.end), None)


def _single(tag: Tag) -> tuple[str, dict[str, Any]]:
    """The token a tag that holds no body stands for (a link, an image, an embed), or its source, dimmed."""
    name, args = tag.name, tag.args
    if tag.closing:
        return "blog_source", {"content": tag.source}
    if name in LINKS:
        return "text", {"content": _address(tag)}
    if name in ("post_link", "asset_link") and args:
        return "link", {"href": args[0], "content": " ".join(args[1:2]) or args[0]}
    if name == "link" and args:
        url = next((a for a in args if "://" in a or a.startswith("/")), None)
        words = args[: args.index(url)] if url else args
        return ("link", {"href": url, "content": " ".join(words) or url}) if url else ("text", {"content": args[0]})
    if name in ("asset_img", "asset_image", "img", "image", "figure"):
        return _image(tag)
    if name in EMBEDS and (url := EMBEDS[name](tag)):
        return "blog_placeholder", {"content": name, "href": url}
    return "blog_source", {"content": tag.source}


def _image(tag: Tag) -> tuple[str, dict[str, Any]]:
    source = tag.params.get("src") or next((a for a in tag.args if "." in a or "/" in a), "")
    if not source:
        return "blog_source", {"content": tag.source}
    after = tag.args[tag.args.index(source) + 1 :] if source in tag.args else []
    words = [a for a in after if not a.isdigit() and not a.endswith(("px", "%"))]
    alt = tag.params.get("alt") or tag.params.get("title") or tag.params.get("caption") or (words[-1] if words else "")
    return "image", {"href": source, "content": alt.strip("'\" ") or "image"}


def _push_inline(state: StateInline, kind: str, data: dict[str, Any]) -> None:
    if kind == "link":
        state.push("link_open", "a", 1).attrs = {"href": data["href"]}
        state.push("text", "", 0).content = data["content"]
        state.push("link_close", "a", -1)
        return
    token = state.push(kind, "", 0)
    token.content = data["content"]
    if kind == "image":
        token.attrs = {"src": data["href"], "alt": ""}
        token.children = [Token("text", "", 0, content=data["content"])]
    elif kind == "blog_placeholder":
        token.attrs = {"src": data["href"]}


# --- whole-text rules ----------------------------------------------------------------------------------------


def _replace_links(text: str) -> str:
    """``text`` with every address tag replaced by the address, as a site does before Markdown is read."""
    if "{" not in text:
        return text
    out: list[str] = []
    pos = 0
    for tag in tags_in(text):
        if tag.escaped or (tag.name in LINKS and not tag.closing):
            out.append(text[pos : tag.start] + (tag.source if tag.escaped else _address(tag)))
            pos = tag.end
    text = "".join(out) + text[pos:] if out else text
    if "{{" not in text:
        return text
    out, pos = [], 0
    start = text.find("{{")
    while start >= 0:
        found = read_site_address(text, start)
        if found is not None:
            out.append(text[pos:start] + found[0])
            pos = found[1]
        start = text.find("{{", max(pos, start + 2))
    return "".join(out) + text[pos:]


def _as_shown(code: str) -> str:
    """Code as a site shows it: Liquid's ``{% raw %}`` marks gone, Hugo's ``{{</* x */>}}`` shown as ``{{< x >}}``."""
    out: list[str] = []
    pos = 0
    for tag in tags_in(code):
        if tag.name in RAW or tag.escaped:
            out.append(code[pos : tag.start] + (tag.source if tag.escaped else ""))
            pos = tag.end
    return "".join(out) + code[pos:] if out else code


def _before_inline(state: StateCore) -> None:
    """Addresses put in where a site puts them; code made to read as the site shows it."""
    for token in state.tokens:
        if token.type in ("inline", "html_block") and "{" in token.content:
            token.content = _replace_links(token.content)
        elif token.type in ("fence", "code_block") and ("{%" in token.content or "/*" in token.content):
            token.content = _as_shown(token.content)


def _summary(content: str) -> str | None:
    """The summary of a block of HTML that only opens a ``<details>`` (Markdown follows it), else None."""
    if not content.lstrip().lower().startswith("<details") or "</details" in content.lower():
        return None
    root = read_tree(content)
    parts = [c for c in root.children if not (isinstance(c, str) and not c.strip())]
    if len(parts) != 1 or isinstance(parts[0], str) or parts[0].tag != "details":
        return None
    inside = [c for c in parts[0].children if not (isinstance(c, str) and not c.strip())]
    if len(inside) > 1 or (inside and (isinstance(inside[0], str) or inside[0].tag != "summary")):
        return None
    return " ".join(inside[0].text().split()) if inside else ""


_CALLOUT_SOURCES = frozenset({"alert_open", "container_callout_open", "html_block", "callout_open"})


def _callouts(state: StateCore) -> None:
    """GitHub alerts, ``:::`` containers and ``<details>`` around Markdown as callouts, with inline titles."""
    tokens = state.tokens
    if not any(token.type in _CALLOUT_SOURCES for token in tokens):
        return
    out: list[Token] = []
    details: list[int] = []
    skip_title = False
    for token in tokens:
        kind = token.type
        while details and token.level < details[-1]:  # a <details> left open ends with its container
            out.append(Token("callout_close", "div", -1))
            details.pop()
        if skip_title:
            skip_title = kind != "alert_title_close"
            continue
        if kind == "alert_open":
            token.type, token.meta = "callout_open", {"kind": str(token.info).lower(), "title": ""}
            skip_title = True
        elif kind == "alert_close" or kind == "container_callout_close":
            token.type = "callout_close"
        elif kind == "container_callout_open":
            word, _, rest = token.info.strip().partition(" ")
            token.type, token.meta = "callout_open", {"kind": word.lower(), "title": rest.strip()}
        elif kind == "html_block" and len(details) < MAX_DETAILS and (summary := _summary(token.content)) is not None:
            token.type, token.meta = "callout_open", {"kind": "details", "title": Token("text", "", 0, content=summary)}
            details.append(token.level)
        elif kind == "html_block" and details and details[-1] == token.level and \
                token.content.strip().lower() == "</details>":
            token.type = "callout_close"
            details.pop()
        if token.type == "callout_open":
            token.meta["title"] = _title(state, token.meta.get("title"))
        out.append(token)
    out.extend(Token("callout_close", "div", -1) for _ in details)
    state.tokens = out


def _title(state: StateCore, title: str | Token | None) -> Token | None:
    """A callout's title as an inline token: Markdown parsed, text from HTML taken as it is."""
    if not title:
        return None
    token = Token("inline", "", 0, children=[])
    if isinstance(title, Token):
        token.children = [title]
    else:
        token.content = title
        state.md.inline.parse(title, state.md, state.env, token.children)
    return token


def blog_plugin(md: MarkdownIt) -> None:
    """Teach ``md`` the blog engines' tags, GitHub alerts and ``:::`` containers."""
    md.options["alerts"] = True
    container_plugin(md, "callout", validate=lambda params, *_: params.strip()[:1].isalpha())
    rules = md.block.ruler
    container = rules.getRules("")[rules.get_active_rules().index("container_callout")]

    def shallow_container(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        first = state.bMarks[start] + state.tShift[start]
        return state.src[first : first + 1] == ":" and state.level < MAX_CONTAINER_LEVEL and \
            container(state, start, end, silent)

    rules.at("container_callout", shallow_container, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.before("fence", "blog_block", _blog_block, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.inline.ruler.after("text", "blog_inline", _blog_inline)
    md.core.ruler.after("block", "blog_before_inline", _before_inline)
    md.core.ruler.push("blog_callouts", _callouts)
