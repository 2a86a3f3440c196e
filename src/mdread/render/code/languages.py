"""The languages code can be highlighted as: Pygments' lexers, by name and alias.

The reader's language picker and ``--lang`` both read this catalogue, so a
name that works in one works in the other.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from mdread.errors import UsageError

PLAIN = "text"


@dataclass(frozen=True)
class LanguageInfo:
    """One highlightable language: its display name and the aliases that select it."""

    name: str
    aliases: tuple[str, ...]

    @property
    def alias(self) -> str:
        return self.aliases[0]


@functools.cache
def catalogue() -> tuple[LanguageInfo, ...]:
    """Every Pygments lexer that has an alias, sorted by name."""
    from pygments.lexers import get_all_lexers

    found = [LanguageInfo(name, tuple(aliases)) for name, aliases, _, _ in get_all_lexers() if aliases]
    return tuple(sorted(found, key=lambda info: info.name.casefold()))


@functools.cache
def _by_alias() -> dict[str, str]:
    table: dict[str, str] = {PLAIN: PLAIN, "plain": PLAIN, "plaintext": PLAIN, "txt": PLAIN}
    for info in catalogue():
        for alias in info.aliases:
            table.setdefault(alias.lower(), info.alias)
        table.setdefault(info.name.lower(), info.alias)
    return table


def canonical(name: str) -> str:
    """The main alias of the language called ``name`` (``c++`` → ``cpp``, ``ts`` → ``typescript``).

    Raises:
        UsageError: No lexer has that name; the message lists close matches.
    """
    table = _by_alias()
    key = name.strip().lower()
    if key in table:
        return table[key]
    close = difflib.get_close_matches(key, list(table), n=5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"unknown language {name!r}{hint}")
