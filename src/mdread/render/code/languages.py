"""The languages code can be highlighted as: Pygments' lexers, by name and alias.

The reader's language picker, ``--lang`` and the highlighter all read this
catalogue, so a name that works in one works in the others. It comes from
Pygments' own table of lexers, read without importing a single lexer (each
lexer module costs 9–36 ms to import) and without looking for plugins
(scanning installed packages for them took 90 ms). Even reading that table
costs 3 ms, so the names most fences carry are answered from `COMMON` first;
a test holds it to Pygments' table.
"""

from __future__ import annotations

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

    found = [LanguageInfo(name, tuple(aliases)) for name, aliases, _, _ in get_all_lexers(plugins=False) if aliases]
    return tuple(sorted(found, key=lambda info: info.name.casefold()))


@functools.cache
def _by_alias() -> dict[str, str]:
    table = {name: alias for name, alias in COMMON.items() if alias == PLAIN}
    for info in catalogue():
        for alias in info.aliases:
            table.setdefault(alias.lower(), info.alias)
        table.setdefault(info.name.lower(), info.alias)
    return table


COMMON = {
    "bash": "bash", "sh": "bash", "shell": "bash", "zsh": "bash", "console": "console",
    "c": "c", "cpp": "cpp", "c++": "cpp", "cuda": "cuda", "cu": "cuda", "csharp": "csharp", "cs": "csharp",
    "css": "css", "diff": "diff", "dockerfile": "docker", "docker": "docker", "go": "go", "golang": "go",
    "html": "html", "java": "java", "javascript": "javascript", "js": "javascript", "jsx": "jsx", "json": "json",
    "kotlin": "kotlin", "lua": "lua", "makefile": "make", "make": "make", "markdown": "markdown", "md": "markdown",
    "nginx": "nginx", "perl": "perl", "php": "php", "powershell": "powershell", "ps1": "powershell",
    "python": "python", "py": "python", "python3": "python", "ruby": "ruby", "rb": "ruby", "rust": "rust",
    "rs": "rust", "scala": "scala", "sql": "sql", "swift": "swift", "tex": "tex", "latex": "tex", "toml": "toml",
    "typescript": "typescript", "ts": "typescript", "tsx": "tsx", "vim": "vim", "xml": "xml", "yaml": "yaml",
    "yml": "yaml", "ini": "ini", "haskell": "haskell", "dart": "dart", "julia": "julia", "zig": "zig",
    PLAIN: PLAIN, "plain": PLAIN, "plaintext": PLAIN, "txt": PLAIN,
}
"""The fence names most posts use and the main alias Pygments gives each (see the module's docstring)."""


def main_alias(name: str) -> str | None:
    """The main alias of the language called ``name``, or None when no lexer answers to it."""
    key = name.strip().lower()
    return COMMON.get(key) or _by_alias().get(key)


def canonical(name: str) -> str:
    """The main alias of the language called ``name`` (``c++`` → ``cpp``, ``ts`` → ``typescript``).

    Raises:
        UsageError: No lexer has that name; the message lists close matches.
    """
    found = main_alias(name)
    if found is not None:
        return found
    import difflib  # for a wrong name only

    close = difflib.get_close_matches(name.strip().lower(), list(_by_alias()), n=5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"unknown language {name!r}{hint}")
