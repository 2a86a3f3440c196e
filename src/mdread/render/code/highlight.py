"""Code text → (token type, text) runs, from tree-sitter where a grammar exists and Pygments otherwise.

Both highlighters speak Pygments token types, so a theme colours either the
same way and a language without a grammar loses nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from pygments.lexer import Lexer
from pygments.token import _TokenType

from mdread.render.code.languages import PLAIN
from mdread.render.code.treesitter import grammar

TAB_SIZE = 4


@functools.lru_cache(maxsize=256)
def main_alias(name: str) -> str | None:
    """Pygments' main alias for a language name (``py`` → ``python``), or None if no lexer has it."""
    from pygments.lexers import find_lexer_class_by_name
    from pygments.util import ClassNotFound

    try:
        return find_lexer_class_by_name(name).aliases[0]
    except (ClassNotFound, IndexError):
        return None


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


def prepare(name: str) -> None:
    """Build, ahead of drawing, whatever highlighting ``name`` will need; costly once per process."""
    if name != PLAIN and (alias := main_alias(name)) and grammar(alias) is None:
        lexer_for(alias)


def tokens(text: str, name: str) -> Iterable[tuple[_TokenType, str]] | None:
    """``text`` as runs of token types in language ``name``, or None when it is drawn plain."""
    alias = main_alias(name) if name != PLAIN else None
    if alias is None:
        return None
    found = grammar(alias)
    runs = found.tokens(text) if found is not None else None
    if runs is not None:
        return runs
    lexer = lexer_for(alias)
    return lexer.get_tokens(text) if lexer is not None else None
