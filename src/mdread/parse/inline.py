"""Inline tokens → runs of text that share marks (emphasis, code, links…)."""

from __future__ import annotations

from markdown_it.token import Token

from mdread.model import Inline, Run
from mdread.scripts import is_cjk


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
                add(child.content, ("html",))
        elif kind == "footnote_ref":
            add(f"[{child.meta.get('label', '?')}]", ("footref",))
    return tuple(runs)


_INLINE_MARKS = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}


def plain(inline: Inline) -> str:
    return "".join(r.text for r in inline).strip()


