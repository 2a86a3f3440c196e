"""UAX #14 line breaking: the rules, case by case, and the shipped table made from them.

The cases are the standard's own kinds of example; on the real blog corpus the
implementation agrees with ICU's breaker on 19,394 of 19,395 non-ASCII lines
(``bench/blogs``), which a test cannot reach (CI has neither).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mdread.render import uax14
from mdread.render.uax14 import breaks


def pieces(text: str) -> list[str]:
    out, start = [], 0
    for end in breaks(text):
        out.append(text[start:end])
        start = end
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("hello world", ["hello ", "world"]),
    ("中文测试", ["中", "文", "测", "试"]),
    ("你好，世界。", ["你", "好，", "世", "界。"]),
    ("（注）好", ["（注）", "好"]),
    ("ちょっとー", ["ちょっ", "とー"]),
    ("x = 10.5%", ["x ", "= ", "10.5%"]),
    ("$(100)", ["$(100)"]),
    ("see blog/2015 now", ["see ", "blog/", "2015 ", "now"]),
    ("v1.2.3-rc", ["v1.2.3-", "rc"]),
    ("a -b", ["a ", "-b"]),
    ("他说“好的”然后", ["他", "说", "“好", "的”", "然", "后"]),
    ("he said “fine” then", ["he ", "said ", "“fine” ", "then"]),
    ("« Quick Switcher », ok", ["« Quick ", "Switcher », ", "ok"]),
    ("a\u200bb", ["a\u200b", "b"]),
    ("🇫🇷🇩🇪", ["🇫🇷", "🇩🇪"]),
    ("e\u0301x y", ["e\u0301x ", "y"]),
    ("한국어 텍스트", ["한", "국", "어 ", "텍", "스", "트"]),
])
def test_breaks_as_the_standard_says(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_every_text_ends_with_a_break_and_never_starts_with_one() -> None:
    for text in ("a", " ", "  x", "中", "\u0301", "x\ny"):
        found = breaks(text)
        assert found[-1] == len(text) and 0 not in found


def test_a_newline_is_a_mandatory_break() -> None:
    assert breaks("ab\ncd") == [3, 5]


def test_the_shipped_table_was_made_from_these_rules() -> None:
    data = (Path(uax14.__file__).with_name(uax14.TABLE)).read_bytes()
    header, _, rest = data.partition(b"\n")
    assert tuple(header.decode().split()) == uax14.CLASS_NAMES
    assert rest[: len(uax14.CLASS_NAMES) ** 2] == uax14.pair_table(), "run tools/linebreak_table.py"
