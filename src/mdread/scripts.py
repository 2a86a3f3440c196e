"""Which characters belong to the scripts written without spaces between words (CJK).

Several stages care, and they share these ranges so they agree on what CJK is:
reading time counts CJK letters, the full-text index pairs them, and the
parser joins two lines without a space where CJK text (punctuation included)
meets across the line break.
"""

from __future__ import annotations

import functools
import re

_LETTERS = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))
"""Kana, CJK ideographs (extension A included), Hangul syllables, compatibility ideographs."""
_MARKS = ((0x2E80, 0x33FF), (0x4DC0, 0x4DFF), (0xFF00, 0xFFEF))
"""Radicals, CJK symbols and punctuation, bopomofo, enclosed and compatibility forms, full- and half-width forms."""


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


CJK_LETTERS = _class(_LETTERS)
"""CJK letters as the inside of a regular-expression character class."""


@functools.cache
def cjk_letter_pattern() -> re.Pattern[str]:
    """One CJK letter, compiled on first use: counting a long text's letters by pattern is fastest."""
    return re.compile(f"[{CJK_LETTERS}]")


def is_cjk(char: str) -> bool:
    """Whether ``char`` is CJK text: a letter, or CJK punctuation and full-width forms. False for ``""``."""
    if not char:
        return False
    code = ord(char)
    return any(low <= code <= high for low, high in _LETTERS) or any(low <= code <= high for low, high in _MARKS)
