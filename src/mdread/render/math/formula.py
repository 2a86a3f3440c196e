"""A formula as the reader sees it: its Unicode rendering, or its source when there is none."""

from __future__ import annotations

import functools

from mdread.render.math.latex import TOKEN, Unfaithful, render_inline, render_rows


@functools.lru_cache(maxsize=1024)
def display_rows(source: str) -> tuple[tuple[str, ...], bool]:
    """The lines of display math, and whether they are its Unicode rendering (else its source).

    The source is shown as its rows, never reflowed: a new line after every ``\\\\``
    as well as where the author broke lines.
    """
    try:
        rows = render_rows(source)
        if any(row.strip() for row in rows):
            return tuple(row.rstrip() for row in rows), True
    except Unfaithful:
        pass
    return source_rows(source), False


@functools.lru_cache(maxsize=1024)
def source_rows(source: str) -> tuple[str, ...]:
    """The source cut into lines after every ``\\\\`` and where the author broke lines."""
    rows = [""]
    for token in TOKEN.findall(source):
        if "\n" in token and token.isspace():
            rows.append("")
            continue
        rows[-1] += token
        if token == "\\\\":
            rows.append("")
    return tuple(line.strip() for row in rows for line in row.splitlines() if line.strip())


@functools.lru_cache(maxsize=4096)
def inline_formula(source: str) -> tuple[str, bool]:
    """Inline math as one line of Unicode, or its source between dollars when it has none."""
    try:
        text = render_inline(source)
        if text.strip():
            return text, True
    except Unfaithful:
        pass
    return f"${' '.join(source.split())}$", False
