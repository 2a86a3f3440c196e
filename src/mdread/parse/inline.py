"""Inline tokens → runs of text that share marks (emphasis, code, links…)."""

from __future__ import annotations

from markdown_it.token import Token

from mdread.model import Inline, Run
from mdread.parse.html import InlineHtml, placeholder_runs
from mdread.scripts import is_cjk


def inline_runs(tok: Token | None) -> Inline:
    """Flatten an inline token's children into runs that share marks.

    HTML tags come one per token, the text between them in tokens of their
    own, so the tags open across the paragraph are kept in an
    :class:`~mdread.parse.html.InlineHtml`; text inside a script or a frame is
    never shown.
    """
    if tok is None or not tok.children:
        return ()
    if len(tok.children) == 1 and tok.children[0].type == "text":
        return (Run(tok.children[0].content),) if tok.children[0].content else ()
    runs: list[Run] = []
    marks: list[str] = []
    hrefs: list[str | None] = []
    html = _NO_HTML
    seam = False

    def add(text: str, extra: tuple[str, ...] = (), href: str | None = None, shown: bool = False) -> None:
        nonlocal seam
        if not text or (html.hidden and not shown):
            return
        if seam:
            text = _across_tag(runs, text)
            if not text:
                return
            seam = False
        mk = frozenset((*marks, *extra)) | html.marks
        link = href if href is not None else (hrefs[-1] if hrefs else html.href)
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
            add("" if is_cjk(before) and is_cjk(after) else " ")
        elif kind == "hardbreak":
            add("\n", ("break",))
        elif kind == "code_inline":
            add(child.content, ("code",))
        elif kind == "math_inline":
            add(child.content, ("math",))
        elif kind == "math_inline_double":
            add(child.content, ("math", "display"))
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
                seam = True
                html = InlineHtml() if html is _NO_HTML else html
                for run in html.feed(child.content):
                    add(run.text, tuple(run.marks), run.href, shown=True)
                seam = True
        elif kind == "footnote_ref":
            add(f"[{child.meta.get('label', '?')}]", ("footref",))
        elif kind == "blog_source":
            add(child.content, ("html",))
        elif kind == "blog_placeholder":
            for run in placeholder_runs(child.content, {"src": str(child.attrs.get("src", ""))}):
                add(run.text, tuple(run.marks), run.href)
    while runs and runs[-1].text == "\n":
        runs.pop()
    return tuple(runs)


_INLINE_MARKS = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}
_NO_HTML = InlineHtml()
"""The tags open in a paragraph that has none: never fed, so shared."""


def _across_tag(runs: list[Run], text: str) -> str:
    """``text`` where an HTML tag meets the runs before it, white space collapsed as a browser collapses it.

    A tag that shows nothing (a comment, an unknown tag) leaves the spaces on
    both sides of it, which are one space on the page; no line starts or ends
    with a space around ``<br>``.
    """
    if not runs or runs[-1].text.endswith("\n"):
        return "" if text == "\n" else text.lstrip(" ")
    if text == "\n" and runs[-1].text.endswith(" "):
        last = runs.pop()
        if last.text.rstrip(" "):
            runs.append(Run(last.text.rstrip(" "), last.marks, last.href))
        return text if runs else ""
    return text[1:] if text.startswith(" ") and runs[-1].text.endswith(" ") else text


