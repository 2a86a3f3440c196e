"""Tree-sitter highlight queries cut down to the patterns mdread colours.

An upstream ``highlights.scm`` names far more than a terminal colours
(``@variable``, ``@property``, ``@embedded``…). Compiling a query costs time
in every process, and some patterns cost most of it: C++'s query compiled in
78 ms whole and 50 ms without the two patterns that capture only names mdread
leaves uncoloured; Rust's in 56 ms and 28 ms. A pattern whose every capture is
uncoloured adds no colour (its captures would be disabled), so dropping it
changes nothing drawn; the patterns kept stay in their order, which decides
which of two matches on one node wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|;[^\n]*|[()\[\]]|@[\w.-]+|[^\s()\[\]";]+|\s+')
"""A query's tokens: strings, comments, brackets, captures, other words (node and field names,
predicates, quantifiers, anchors), whitespace."""
_TRAILING = ("+", "*", "?")
"""Quantifiers, which follow a pattern at the top level and belong to it, as its captures do."""


def patterns(source: str) -> list[tuple[str, list[str]]]:
    """The top-level patterns of a query, each as its text (the space and comments after it included) and captures."""
    out: list[tuple[str, list[str]]] = []
    text: list[str] = []
    captures: list[str] = []
    depth = 0
    started = False
    for match in _TOKEN.finditer(source):
        token = match.group()
        if token.isspace() or token.startswith(";"):
            text.append(token)
            continue
        if depth == 0 and started and not token.startswith("@") and token not in _TRAILING:
            out.append(("".join(text), captures))
            text, captures, started = [], [], False
        text.append(token)
        started = True
        if token in ("(", "["):
            depth += 1
        elif token in (")", "]"):
            depth -= 1
        elif token.startswith("@"):
            captures.append(token[1:])
    if started:
        out.append(("".join(text), captures))
    return out


def trimmed(source: str, coloured: Callable[[str], bool]) -> str:
    """``source`` without the patterns none of whose captures is ``coloured``."""
    return "".join(text for text, captures in patterns(source) if any(coloured(name) for name in captures))
