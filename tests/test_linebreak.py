"""Line breaking of prose: UAX #14 with the Chinese and Japanese rules, Latin words and URLs kept whole."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from mdread.render.linebreak import break_offsets, min_width
from mdread.render.text import console, to_lines

CLOSING = "。，、；：？！）》」』】…"
OPENING = "（《「『【"
NULL = Style.null()


def pieces(text: str, width: int) -> list[str]:
    offsets = break_offsets(text, width)
    return [text[a:b] for a, b in itertools.pairwise([0, *offsets, len(text)])]


def drawn(text: Text, width: int) -> list[str]:
    return ["".join(seg.text for seg in line) for line in to_lines(text, width)]


def test_chinese_breaks_between_ideographs_and_never_before_closing_punctuation() -> None:
    assert pieces("这次的题目花了好多时间去读题啊，居然是所有作业中最长的题目！", 12) == [
        "这次的题目花", "了好多时间去", "读题啊，居然", "是所有作业中", "最长的题目！"]
    # 啊 would end the line at 12 cells, but "，" may not start one: both move down together.
    assert pieces("时间去读题啊，居然", 12) == ["时间去读题", "啊，居然"]


def test_opening_punctuation_stays_with_what_follows() -> None:
    assert pieces("前面的文字（括号里）后面", 12) == ["前面的文字", "（括号里）后", "面"]


def test_japanese_small_kana_and_long_vowel_never_start_a_line() -> None:
    lines = pieces("ちょっとラーメンを食べに行きましょう。", 8)
    assert all(line[0] not in "ぁぃぅぇぉっゃゅょァィゥェォッャュョー" for line in lines)
    assert "".join(lines) == "ちょっとラーメンを食べに行きましょう。"


def test_latin_words_and_numbers_inside_chinese_are_kept_whole() -> None:
    for width in range(10, 30):
        joined = "|".join(pieces("使用markdown-it的渲染器，在Windows上测试3.14版本和C++。", width))
        for word in ("Windows", "3.14", "C++"):
            assert word in joined, (width, joined)
        assert re.search(r"mark\|down|markdown\|-", joined) is None, (width, joined)


def test_a_hyphenated_word_may_break_after_its_hyphen() -> None:
    assert pieces("well-known", 6) == ["well-", "known"]


def test_a_url_that_fits_moves_to_the_next_line_whole() -> None:
    url = "https://github.com/executablebooks/markdown-it-py"
    lines = pieces(f"参考链接：{url} 了解更多", 60)
    assert url in lines[1] or url in lines[0]
    assert all(url in line or "github" not in line for line in lines)


def test_a_url_wider_than_the_line_breaks_after_a_separator_first() -> None:
    url = "https://example.com/a/very/long/path?query=value&other=thing"
    lines = pieces(url, 24)
    assert "".join(lines) == url
    assert all(line[-1] in "/?&=-" for line in lines[:-1]), lines


def test_a_word_wider_than_the_line_is_folded() -> None:
    assert pieces("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]


def test_wide_characters_in_a_narrow_line_take_one_grapheme_each() -> None:
    assert pieces("中文字", 1) == ["中", "文", "字"]
    assert pieces("e\u0301e\u0301e\u0301", 2) == ["e\u0301e\u0301", "e\u0301"]


def test_spaces_at_a_break_are_dropped_and_hard_breaks_kept() -> None:
    text = Text("alpha beta gamma\ndelta")
    assert drawn(text, 11) == ["alpha beta", "gamma", "delta"]


def test_a_table_cell_is_as_narrow_as_its_widest_unbreakable_piece() -> None:
    assert min_width("使用markdown-it渲染") == cell_len("markdown-")
    assert min_width("") == 0


_TOKENS = st.sampled_from(["中", "文", "字", "ab", "word", "x1", " ", " ", "。", "，", "！", "（", "）", "「", "」",
                           "3.14", "https://a.io/p?q=1", "😀", "e\u0301"])


@given(tokens=st.lists(_TOKENS, max_size=40), width=st.integers(min_value=1, max_value=40))
def test_lines_fit_and_lose_nothing_but_spaces_at_breaks(tokens: list[str], width: int) -> None:
    text = "".join(tokens)
    lines = pieces(text, width)
    assert "".join(lines) == text
    for line in lines[:-1]:
        assert cell_len(line.rstrip(" ")) <= max(width, 2)


@given(tokens=st.lists(_TOKENS, max_size=40), width=st.integers(min_value=1, max_value=40))
def test_when_every_piece_fits_punctuation_and_words_are_placed_as_clreq_asks(tokens: list[str], width: int) -> None:
    text = "".join(tokens).strip()
    if min_width(text) > width:
        return
    lines = pieces(text, width)
    for upper, lower in itertools.pairwise(lines):
        assert lower[0] not in CLOSING, lines
        assert upper.rstrip()[-1] not in OPENING, lines
        assert not (upper[-1].isascii() and upper[-1].isalnum() and lower[0].isascii() and lower[0].isalnum()), lines


@given(runs=st.lists(st.tuples(st.text(alphabet=st.sampled_from("ab 中文。，\n-é"), max_size=12),
                               st.sampled_from([None, "bold", "italic red", "underline"])), max_size=12),
       width=st.integers(min_value=2, max_value=50), base=st.sampled_from(["", "dim", "bold blue"]))
def test_styles_survive_wrapping(runs: list[tuple[str, str | None]], width: int, base: str) -> None:
    text = Text(style=base)
    for part, style in runs:
        text.append(part, style or "")
    unwrapped = console().render_lines(text, console().options.update(width=10_000), pad=False)
    whole = [(ch, seg.style or NULL) for line in unwrapped for seg in line for ch in seg.text if ch not in " \n"]
    wrapped = [(ch, seg.style or NULL) for line in to_lines(text, width) for seg in line for ch in seg.text
               if ch != " "]
    assert wrapped == whole
