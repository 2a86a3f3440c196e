"""The section tree, and the whole document assembled from the parts of its body."""

from __future__ import annotations

from mdread.load import frontmatter as meta
from mdread.model import Document, Footnotes, Heading, Section, plain, reading_minutes
from mdread.parse.build import Part


def _sections(headings: list[tuple[int, Heading]], n_blocks: int, last_line: int) -> list[Section]:
    """Build the section tree; a skipped level nests under the nearest shallower heading.

    A section ends at the next heading of its level or a higher one: the one
    that takes it off the stack.
    """
    parents: list[int | None] = []
    depth: list[int] = []
    ends: list[int | None] = [None] * len(headings)
    stack: list[int] = []
    for i, (_, h) in enumerate(headings):
        while stack and headings[stack[-1]][1].level >= h.level:
            ends[stack.pop()] = i
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
        end = ends[i]
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


