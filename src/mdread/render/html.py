"""How the marks that come from HTML look: colours kept readable, sub- and superscripts in Unicode.

A post's ``<font color>`` was chosen for a white page; mdread draws on a
dark one, so a colour is lightened until it stands out from the background
as well as body text must (WCAG's 4.5:1 contrast), keeping its hue.
"""

from __future__ import annotations

import colorsys
import functools
import unicodedata

from rich.color import Color
from rich.style import Style

BACKGROUND = (0x1C, 0x1C, 0x1C)
"""The dark background mdread's styles are drawn for."""
MIN_CONTRAST = 4.5
COLOR_MARK = "color:"


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(rgb: tuple[float, float, float]) -> float:
    ours = _luminance(rgb)
    back = _luminance(tuple(v / 255 for v in BACKGROUND))  # type: ignore[arg-type]
    return (max(ours, back) + 0.05) / (min(ours, back) + 0.05)


@functools.lru_cache(maxsize=256)
def readable(hex_color: str) -> Color:
    """``#rrggbb`` lightened, hue and saturation kept, until it reads on the dark background."""
    rgb = tuple(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, saturation = colorsys.rgb_to_hls(*rgb)
    while _contrast(rgb) < MIN_CONTRAST and light < 1:  # type: ignore[arg-type]
        light = min(1.0, light + 0.05)
        rgb = colorsys.hls_to_rgb(hue, light, saturation)
    return Color.from_rgb(*(round(v * 255) for v in rgb))


def mark_style(mark: str) -> Style:
    """The style of a mark that carries a value (``color:#rrggbb``); the null style for any other."""
    if mark.startswith(COLOR_MARK):
        return Style(color=readable(mark[len(COLOR_MARK):]))
    return Style.null()


@functools.cache
def _scripts() -> tuple[dict[int, str], dict[int, str]]:
    """Unicode's superscript and subscript forms by the character they stand for, read from its database."""
    up: dict[int, str] = {}
    down: dict[int, str] = {}
    for code in (*range(0xA0, 0x2E0), *range(0x1D00, 0x1DC0), *range(0x2070, 0x20A0), 0x2C7C, 0xA69C, 0xA69D):
        kind, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if kind in ("<super>", "<sub>") and base and " " not in base:
            (up if kind == "<super>" else down).setdefault(int(base, 16), chr(code))
    return up, down


def scripted(text: str, marks: frozenset[str]) -> str:
    """``text`` in superscript or subscript characters when Unicode has one for each of them, else as it is."""
    up, down = _scripts()
    table = up if "sup" in marks else down if "sub" in marks else None
    if table is None or not all(ord(ch) in table for ch in text):
        return text
    return text.translate(table)
