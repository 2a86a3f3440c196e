"""Code themes: the Pygments styles a user may name."""

from __future__ import annotations

from mdread.errors import UsageError
from mdread.render.context import DEFAULT_CODE_THEME

LIGHT_CODE_THEME = "tango"
"""The code theme for a light terminal background, when the user chose none: dark, saturated colours."""


def theme_names() -> list[str]:
    from pygments.styles import get_all_styles

    return sorted(get_all_styles())


def check_theme(name: str | None) -> str:
    """``name`` if Pygments knows it (the default when None); a usage error otherwise."""
    if name is None:
        return DEFAULT_CODE_THEME
    names = theme_names()
    if name in names:
        return name
    import difflib  # for a wrong name only

    close = difflib.get_close_matches(name, names, n=5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see --list-themes"
    raise UsageError(f"unknown theme {name!r}{hint}")
