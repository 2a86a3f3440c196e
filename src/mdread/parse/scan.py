"""Reading Markdown a line at a time, without parsing it: where fences and raw HTML begin and end.

Parsing a long article costs seconds; some questions only need its lines:
where the body can be cut into parts that parse alone, where a prefix that
paints the top of a huge article can end, which languages the fences name.
:class:`LineScan` is the one place that knows how a line changes the state
of fences and raw HTML blocks. Where a wrong answer would change what is
shown, :func:`confirmed` checks the scan with markdown-it's block pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mdread.parse.blog import DETAILS_LINE, line_starts, spans
from mdread.parse.markdown import blocks_only

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_RAW_HTML = re.compile(r" {0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|(?:pre|script|style|textarea)(?=[\s>]|$))", re.I)
_RAW_HTML_END = {"!--": "-->", "?": "?>", "![cdata[": "]]>"}
_RAW_TAGS = ("</pre>", "</script>", "</style>", "</textarea>")
_NOT_A_START = re.compile(r"[ \t>]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)")
"""A line that may carry on the block before it even after a blank line: indented, a quote, a list item."""
_DEFINITION = r" {0,3}\[[^\]\n]+\]:"
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def _raw_html_end(opener: str) -> tuple[str, ...]:
    key = opener.lower()
    if key in _RAW_HTML_END:
        return (_RAW_HTML_END[key],)
    return (">",) if key.startswith("!") else _RAW_TAGS


@dataclass(frozen=True)
class Line:
    """One line of a scanned text.

    Attributes:
        start: Offset of the line's first character.
        end: Offset of its newline (or the end of the text).
        text: The line, without its newline.
        outside: True when the line is outside any fence or raw HTML block
            (comment, ``<pre>``, ``<script>``…), both before and after it.
        after_blank: True when the line before was blank and outside.
        after_heading: True when the line before was an ATX heading, outside
            and unindented: a block that always ends with its line.
    """

    start: int
    end: int
    text: str
    outside: bool
    after_blank: bool
    after_heading: bool = False


def scan(text: str, start: int = 0) -> Iterator[Line]:
    """The lines of ``text`` from offset ``start``, each with whether it lies outside fences and raw HTML."""
    fence: str | None = None
    html_end: tuple[str, ...] = ()
    after_blank = after_heading = False
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        inside = fence is not None or bool(html_end)
        if html_end:
            if any(mark in line.lower() for mark in html_end):
                html_end = ()
        elif fence is not None or (opened := _FENCE.match(line)) is not None:
            fence = _fence_after(fence, line)
            inside = True
        elif opened := _RAW_HTML.match(line):
            ends = _raw_html_end(opened.group(1))
            inside = True
            if not any(mark in line[opened.end():].lower() for mark in ends):
                html_end = ends
        yield Line(pos, end, line, not inside, after_blank, after_heading)
        after_blank = not inside and not line.strip()
        after_heading = not inside and _ATX.match(line) is not None
        pos = end + 1


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

    A huge article's top is parsed from this to paint at once, then the whole
    is parsed. The cut follows a blank line outside fences and raw HTML, so
    the prefix parses as the start of the whole would, or, when no blank line
    comes within twice ``size`` (a huge table), follows the next line outside
    them; None when the text is small enough to parse whole.
    """
    if len(text) <= size * 2:
        return None
    for line in scan(text):
        if line.end >= len(text):
            return None
        if line.outside and line.start >= size and (not line.text.strip() or line.start >= size * 2):
            return text[: line.end + 1]
    return None


def cut_points(body: str, targets: list[int]) -> list[int]:
    """Offsets that cut ``body`` into parts that parse exactly as the whole does, one at or after each target.

    A cut goes before a line that follows a blank line or an ATX heading
    outside fenced code and raw HTML, and that is neither indented nor a
    quote or list item: every block markdown-it can have open there has ended,
    as far as lines tell (:func:`confirmed` makes sure). Headings count so that
    a body of nothing but headings can be cut too.
    Link reference and footnote definitions reach across the whole body, so a
    body holding any is never cut; nor is a blog engine's paired tag or a
    ``<details>`` around Markdown (:func:`mdread.parse.blog.spans`).
    """
    if not targets or next(line_starts(_DEFINITION, body), None):
        return []
    held = spans(body) if "{" in body or next(line_starts(DETAILS_LINE, body, re.IGNORECASE), None) else []
    cuts: list[int] = []
    number, span, held_to = -1, 0, -1
    for line in scan(body):
        number += 1
        while span < len(held) and held[span][0] < number:
            held_to = max(held_to, held[span][1])
            span += 1
        if len(cuts) == len(targets):
            break
        if (line.outside and (line.after_blank or line.after_heading) and line.start >= targets[len(cuts)]
                and line.text.strip() and not _NOT_A_START.match(line.text) and number > held_to):
            cuts.append(line.start)
    return cuts


def confirmed(body: str, cuts: list[int]) -> int:
    """How many of ``cuts``, in order, markdown-it's block parser confirms as starts of top-level blocks.

    :func:`cut_points` reads lines, not blocks: a fence opened inside a list
    item or swallowed by an HTML block can fool it. Whether a line starts a
    top-level block depends only on the lines before it, so one block-only
    pass over the text up to the last cut settles every cut.
    """
    if not cuts:
        return 0
    end = body.find("\n", cuts[-1])
    tokens = blocks_only().parse(body[: len(body) if end < 0 else end + 1])
    starts = {tok.map[0] for tok in tokens if tok.level == 0 and tok.nesting >= 0 and tok.map}
    count, line, pos = 0, 0, 0
    for cut in cuts:
        line += body.count("\n", pos, cut)
        pos = cut
        if line not in starts:
            break
        count += 1
    return count
