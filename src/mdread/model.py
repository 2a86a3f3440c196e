"""The article model: plain data that every face reads.

Nothing here knows about Rich or Textual. The parser builds these objects once;
the renderer, the reader and the pipe face only read them, so they are frozen
where they can be.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from mdread.scripts import cjk_letter_pattern

ESTIMATE_FROM = 2 << 20
"""A text longer than this has its reading time estimated from :data:`SAMPLES` slices of it."""
SAMPLES = 16
SAMPLE_CHARS = 1 << 16


def reading_minutes(text: str) -> int:
    """Minutes to read at 230 words or 400 CJK characters a minute; 0 for an empty text.

    Words are counted by whitespace, a few times cheaper than a word pattern
    (the library times ten thousand posts) and within a minute of it. The
    reader's header and the library's listing both use this, so they agree.
    A text of megabytes is counted in evenly spaced slices and scaled: exact
    counting took 0.1 s of a 5 MB article's first screen, for a figure in the
    thousands of minutes that no one reads to the minute.
    """
    if len(text) > ESTIMATE_FROM:
        step = len(text) // SAMPLES
        sample = "\n".join(text[i * step:i * step + SAMPLE_CHARS] for i in range(SAMPLES))
        return max(1, round(_minutes(sample) * len(text) / len(sample)))
    return round(_minutes(text)) if text.split() else 0


def _minutes(text: str) -> float:
    words = len(text.split())
    cjk = 0 if text.isascii() else len(cjk_letter_pattern().findall(text))
    return max(1.0, words / 230 + cjk / 400) if words else 0.0


@dataclass(frozen=True)
class Run:
    """A stretch of inline text that shares one set of marks.

    Attributes:
        text: The text exactly as written (not yet made safe for a terminal).
        marks: Inline kinds that apply: ``em``, ``strong``, ``code``, ``strike``,
            ``link``, ``image``, ``html`` (source shown dimmed), ``footref``, ``break``;
            ``math`` (the text is LaTeX) and ``display`` (math written in the text but set
            on its own); from HTML also ``underline``, ``mark``, ``kbd``, ``sub``, ``sup``,
            ``small``, ``abbr``, ``placeholder`` (an embed that is never run) and
            ``color:<#rrggbb>``.
        href: The target of a link or the source of an image.
    """

    text: str
    marks: frozenset[str] = frozenset()
    href: str | None = None


Inline = tuple[Run, ...]


def plain(inline: Inline) -> str:
    """The text of ``inline`` without its marks, trimmed: a title, a table cell as text."""
    return "".join(r.text for r in inline).strip()


@dataclass(frozen=True)
class Metadata:
    """Frontmatter after normalisation; ``extra`` keeps fields mdread does not know."""

    title: str
    description: str | None = None
    date: dt.date | dt.datetime | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    author: str | None = None
    draft: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    level: int
    inline: Inline
    section: int
    line: int


@dataclass(frozen=True)
class Paragraph:
    inline: Inline
    line: int


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block.

    Attributes:
        index: 1-based position among all code blocks of the document, nested
            ones included, so ``--code N`` and the reader's cursor agree.
        language: The first word of the info string, lower-cased, or None.
        info: The whole info string as written.
        text: The code exactly as in the file.
        line_start: 1-based file line of the opening fence (or first line).
        line_end: 1-based file line of the closing fence (or last line).
        section: Index into ``Document.sections`` of the enclosing section.
    """

    index: int
    language: str | None
    info: str
    text: str
    line_start: int
    line_end: int
    section: int | None

    @property
    def line(self) -> int:
        """The first line, under the name every other block uses."""
        return self.line_start


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    checked: bool | None = None


@dataclass(frozen=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool
    start: int
    line: int


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Table:
    """A GFM table; ``align`` holds ``left``, ``center``, ``right`` or ``None`` per column."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str | None, ...]
    line: int


@dataclass(frozen=True)
class Rule:
    """A thematic break; ``label`` names a marker drawn as a thin rule (``more``: the excerpt ends here)."""

    line: int
    label: str = ""


@dataclass(frozen=True)
class Callout:
    """A titled box: a GitHub alert, a ``:::`` container, a blog engine's note, an HTML ``<details>``.

    Attributes:
        kind: Lower-case kind as written (``note``, ``tip``, ``warning``, ``details`` …).
        title: The title as written, or empty for the kind's own name.
    """

    kind: str
    title: Inline
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Math:
    """Display math (``$$…$$``, ``\\[…\\]``): a block of its own, kept as the LaTeX source.

    Attributes:
        source: The LaTeX between the delimiters, exactly as written.
        label: An equation label written after the closing ``$$``, if any.
    """

    source: str
    line: int
    label: str | None = None


@dataclass(frozen=True)
class Footnotes:
    """The footnote definitions, gathered at the end as most readers show them."""

    notes: tuple[tuple[str, tuple[Block, ...]], ...]
    line: int


@dataclass(frozen=True)
class Picture:
    """An image that stands alone, as a paragraph of its own: drawn as a picture with a caption.

    Images inside prose stay inline runs (mark ``image``); a lone one, the
    common case in blog posts, becomes this block so a face can give it rows.

    Attributes:
        src: Where the image is, as written: a path relative to the article, an
            absolute path, a site path such as ``/images/x.png``, or a URL.
        alt: The alt text, shown as the caption and wherever the picture is not.
        title: The optional title (``![alt](src "title")``).
        link: Where the picture links to, when it is wrapped in a link.
    """

    src: str
    alt: str
    title: str | None
    line: int
    link: str | None = None


@dataclass(frozen=True)
class Notice:
    """Something mdread tells the reader inside the text, e.g. nesting flattened at a limit."""

    text: str
    line: int


Block = (Heading | Paragraph | CodeBlock | ListBlock | Quote | Table | Rule | Callout | Math | Footnotes | Notice
         | Picture)


@dataclass(frozen=True)
class Section:
    """A heading and everything under it up to the next heading of the same or a higher level.

    Attributes:
        number: Dotted position in the tree, e.g. ``2.1``.
        title: The heading's plain text.
        level: The heading level as written (1-6), not the depth in the tree.
        depth: Depth in the tree, 0 for top-level sections.
        line: 1-based file line of the heading.
        line_end: 1-based last file line of the section, subsections included.
        block: Index in ``Document.blocks`` of the heading.
        block_end: Index one past the section's last block, subsections included.
        parent: Index of the parent section, or None.
        children: Indices of the child sections.
    """

    number: str
    title: str
    level: int
    depth: int
    line: int
    line_end: int
    block: int
    block_end: int
    parent: int | None
    children: tuple[int, ...]


_OWN_NUMBER = (r"\s*(?:\d+(?:\.\d+)*[.)、．]?|[一二三四五六七八九十百]+[、.．]"
               r"|第[\d一二三四五六七八九十百]+[章节節部篇回])(?=\s|$|[^\d.])")
"""A heading that starts with its author's number: ``1.2``, ``3)``, ``二、``, ``第3章``. Compiled on use."""


@dataclass(frozen=True)
class Document:
    """A parsed article.

    Attributes:
        metadata: Normalised frontmatter.
        blocks: Top-level blocks in document order; sections index into it.
        sections: Every section in document order (a pre-order walk of the tree).
        code_blocks: Every code block in document order, nested ones included.
        code_owner: For each entry of ``code_blocks``, the index of the top-level
            block that holds it.
        text: The decoded Markdown source the document was built from.
        reading_minutes: Reading time of the body (frontmatter not counted), as
            the library lists it.
    """

    metadata: Metadata
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    code_blocks: tuple[CodeBlock, ...]
    code_owner: tuple[int, ...]
    text: str
    reading_minutes: int = 0

    @property
    def roots(self) -> tuple[int, ...]:
        return tuple(i for i, s in enumerate(self.sections) if s.parent is None)

    def section_at(self, block: int) -> int | None:
        """The innermost section that holds top-level block ``block`` (None in the preamble)."""
        cur: int | None = bisect.bisect_right(self._starts, block) - 1
        while cur is not None and cur >= 0:
            if block < self.sections[cur].block_end:
                return cur
            cur = self.sections[cur].parent
        return None

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [s.block for s in self.sections]

    @functools.cached_property
    def numbered_by_author(self) -> bool:
        """Whether most headings carry the author's own numbers (``1.2 Scaling``, ``二、结论``, ``第3章``).

        Then the faces leave out mdread's section numbers, which would stand
        beside the author's (``1.1 1.2 Scaling``); ``--toc`` and ``--section``
        keep them, as selectors.
        """
        import re

        own = re.compile(_OWN_NUMBER)
        numbered = sum(bool(own.match(s.title)) for s in self.sections)
        return bool(self.sections) and numbered * 5 >= len(self.sections) * 3

    def section_path(self, index: int) -> list[Section]:
        """The chain of sections from the root down to ``index``."""
        path: list[Section] = []
        cur: int | None = index
        while cur is not None:
            path.append(self.sections[cur])
            cur = self.sections[cur].parent
        return path[::-1]
