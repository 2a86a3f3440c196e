"""Code text → (token type, text) runs, from tree-sitter where a grammar exists and Pygments otherwise.

Both highlighters speak Pygments token types, so a theme colours either the
same way and a language without a grammar loses nothing.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pygments.lexer import Lexer
from pygments.token import Token, _TokenType

from mdread.render.code.languages import PLAIN, main_alias
from mdread.render.code.treesitter import Grammar, grammar

TAB_SIZE = 4

PYGMENTS_SECONDS = 0.5
"""Pygments lexing of one block that takes longer stops there, and the rest of the block is drawn plain.
Its regex lexers take about 10 s for a megabyte of Python, and some backtrack on long lines; tree-sitter
has the same budget (``PARSE_TIMEOUT_MICROS``), so a block costs at most about a second of highlighting."""
CHECK_EVERY = 256
"""Tokens lexed between looks at the clock."""

Runs = list[tuple[_TokenType, str]]


@dataclass(frozen=True)
class Highlight:
    """A block's text as token runs that join back to exactly the text.

    Attributes:
        runs: (token type, text) runs.
        plain_from: The offset in the text from which it is plain because
            highlighting ran out of time, or None when it is highlighted to the end.
    """

    runs: Runs
    plain_from: int | None = None


@functools.lru_cache(maxsize=256)
def lexer_for(name: str) -> Lexer | None:
    """A Pygments lexer by alias, or None for plain text and unknown names."""
    if name == PLAIN:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False, tabsize=TAB_SIZE)
    except ClassNotFound:
        return None


def _grammar(alias: str, grammars: Collection[str] | None) -> Grammar | None:
    return grammar(alias) if grammars is None or alias in grammars else None


def prepare(name: str, grammars: Collection[str] | None = None) -> None:
    """Build, ahead of drawing, whatever highlighting ``name`` will need; costly once per process.

    ``grammars`` are the languages drawn with tree-sitter (None: every one that has a grammar).
    """
    if name != PLAIN and (alias := main_alias(name)) and _grammar(alias, grammars) is None:
        lexer_for(alias)


def lex(text: str, name: str, grammars: Collection[str] | None = None) -> Highlight | None:
    """``text`` highlighted as language ``name`` within the time budget, or None when it is drawn plain.

    A language in ``grammars`` (None: any) that has a tree-sitter grammar is parsed by it; the
    others go to Pygments.
    """
    alias = main_alias(name) if name != PLAIN else None
    if alias is None:
        return None
    found = _grammar(alias, grammars)
    runs = found.tokens(text) if found is not None else None
    if runs is not None:
        return Highlight(runs)
    lexer = lexer_for(alias)
    return _bounded(lexer, text) if lexer is not None else None


def _bounded(lexer: Lexer, text: str) -> Highlight:
    """Pygments' runs for ``text`` until :data:`PYGMENTS_SECONDS` have passed, then the rest as plain text."""
    deadline = time.perf_counter() + PYGMENTS_SECONDS
    runs: Runs = []
    done = 0
    for count, (ttype, value) in enumerate(lexer.get_tokens(text), start=1):
        runs.append((ttype, value))
        done += len(value)
        if count % CHECK_EVERY == 0 and time.perf_counter() > deadline and done < len(text):
            if not text.startswith("".join(value for _, value in runs)):
                return Highlight([(Token.Text, text)], 0)
            runs.append((Token.Text, text[done:]))
            return Highlight(runs, done)
    return Highlight(runs)


def tokens(text: str, name: str, grammars: Collection[str] | None = None) -> Iterable[tuple[_TokenType, str]] | None:
    """``text`` as runs of token types in language ``name``, or None when it is drawn plain."""
    found = lex(text, name, grammars)
    return found.runs if found is not None else None
