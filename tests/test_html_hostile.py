"""Hostile HTML and blog tags: rendered in bounded time, nothing run, no control character on the terminal.

Large inputs go through the command line in a capped subprocess (the hang
guard is the subprocess timeout of :func:`test_hostile.run`, never a
wall-clock assertion); generated ones are checked in process.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdread.faces.pipe import output as pipe
from mdread.parse import parse
from mdread.render import RenderContext, render_top
from test_hostile import assert_clean, run
from test_terminal_safety import FRAGMENTS, leaks, piped, segment_leaks

SECRET = "SECRET_PAYLOAD"
"""Text inside what must never be shown (a script, a style, a frame)."""

LARGE = {
    "nested-b-inline": "x " + "<b>" * 10_000 + "deepest" + "</b>" * 10_000 + "\n",
    "nested-b-block": "<div>" + "<b>" * 10_000 + "deepest\n",
    "nested-div": "<div>" * 50_000 + "deepest\n",
    "unclosed-tags": "deepest <b><i><u><span><font color=red><a href='https://e.example'>" * 3000 + "\n",
    "comments": "deepest\n\n<p>" + "<!--" * 20_000 + "\n",
    "open-tag-never-ends": "deepest\n\n<div>\n" + "<a " * 20_000 + "\n",
    "tables": "deepest\n\n" + "<table>" * 10_000 + "<tr><td>x" * 5000 + "\n",
    "script-esc": f"deepest\n\n<script>\x1b]0;{SECRET}\x07\x1b[2J" + "</scr" * 5000 + "</script>\n",
    "styles-and-frames": f"deepest <style>{SECRET}</style><iframe src='javascript:alert(1)'>{SECRET}</iframe>\n" * 2000,
    "control-attributes": "deepest " + "<a href='\x1b]52;c;eA==\x07' title=\"\x9b2J\">t</a> " * 3000 + "\n",
    "javascript-hrefs": "deepest " + '<a href="javascript:alert(1)">x</a> <a href=" JaVaScRiPt:x">y</a> ' * 3000 + "\n",
    "hexo-tags": "deepest " + "{%" * 50_000 + "\n",
    "unclosed-notes": "deepest\n\n" + "{% note %}\n\n" * 5000,
    "nested-notes": "deepest\n\n" + "{% note %}\n" * 3000 + "{% endnote %}\n" * 3000,
    "containers": "deepest\n\n" + "::: tip\n" * 10_000,
    "katex": "deepest " + "{{< katex >}}x " * 20_000 + "\n",
    "details": "deepest\n\n" + "<details>\n\ntext\n\n" * 3000,
}


@pytest.mark.parametrize("kind", sorted(LARGE))
def test_large_hostile_html_renders_cleanly_and_runs_nothing(tmp_path: Path, kind: str) -> None:
    post = tmp_path / "hostile.md"
    post.write_text(LARGE[kind], encoding="utf-8")
    for args in (["--print", "--width", "80"], ["--toc"], ["--json"]):
        out = assert_clean(run(*args, str(post)))
        assert SECRET not in out
        assert not re.search(r"javascript:", out, re.IGNORECASE)
    assert "deepest" in assert_clean(run("--print", "--width", "80", str(post)))


TAGS = ["b", "i", "a", "font", "span", "div", "p", "table", "tr", "td", "ul", "li", "h2", "pre", "details",
        "summary", "script", "style", "iframe", "video", "form", "img", "br", "q", "sub", "sup", "blockquote"]
hostile_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=4).map("".join)
VALUES = ["javascript:alert(1)", "https://e.example/", "red", "color:#123"]
attribute = st.tuples(st.sampled_from(["href", "src", "color", "style", "title", "alt", "x"]),
                      st.sampled_from(VALUES) | hostile_text)
tag = st.tuples(st.sampled_from(TAGS), st.lists(attribute, max_size=2), st.booleans()).map(
    lambda t: ("</" if t[2] else "<") + t[0] + "".join(f' {k}="{v}"' for k, v in t[1]) + ">")
SEAMS = ["<!--", "-->", "<!--more-->", "\n", "\n\n", "<", "{% note %}", "{% endnote %}", "{{< katex >}}",
         "::: tip\n", "> [!NOTE]\n"]
piece = st.one_of(tag, hostile_text, st.sampled_from(SEAMS))
documents = st.lists(piece, max_size=25).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([20, 47, 80]))
def test_generated_html_never_leaks_a_control_character_or_a_script_link(text: str, width: int) -> None:
    for links in ("terminal", "reader", "text"):
        ctx = RenderContext(width=width, links=links)
        assert segment_leaks(text, ctx) == []
        assert leaks(piped(text, ctx)) == []
    doc = parse(text, path="hostile.md")
    assert leaks(pipe.toc(doc)) == []
    for index in range(len(doc.blocks)):
        for line in render_top(doc, index, RenderContext(width=width, links="reader")):
            for segment in line:
                href = segment.style.meta.get("href") if segment.style else None
                assert not (href and href.strip().lower().startswith("javascript:"))
