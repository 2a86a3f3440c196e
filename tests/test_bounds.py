"""Shapes that once cost minutes (issue 19), drawn as a user would see them, and the shortcuts that bound them.

Their speed is measured in ``bench/hostile.py``; here, what they show, and that
every shortcut gives what the long way gave.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from mdread.model import CodeBlock
from mdread.parse import parse
from mdread.parse.blog import blog_plugin
from mdread.parse.markdown import MAX_EMPHASIS_MARKS, markdown
from mdread.parse.math import math_plugin
from mdread.render import RenderContext, render_top
from mdread.render.code import highlight as highlighting
from mdread.render.code import render_code
from mdread.render.marks import line_text, mark_windows
from mdread.render.text import _segments, console, to_lines, wrap

WIDTH = 80
MARK = Style(underline=True)


def _text(doc_text: str, width: int = WIDTH) -> list[str]:
    doc = parse(doc_text)
    ctx = RenderContext(width=width)
    return [line_text(line) for i in range(len(doc.blocks)) for line in render_top(doc, i, ctx)]


# Tables


def test_a_table_whose_records_would_repeat_long_headers_is_drawn_row_by_row() -> None:
    header = "|" + "|".join(f"column {i} " + "long header words " * 10 for i in range(200)) + "|\n"
    rows = "".join("|" + "|".join(f"r{r}c{i}" for i in range(200)) + "|\n" for r in range(60))
    lines = _text(header + "|" + "-|" * 200 + "\n" + rows)
    shown = "".join(lines)
    assert "too large to draw" in lines[0]
    assert all(f"r{r}c{i}" in shown for r in (0, 59) for i in (0, 199))
    assert sum(len(line) for line in lines) < 3 * len(header + rows)
    assert max(cell_len(line) for line in lines) <= WIDTH


def test_a_grid_with_one_enormous_cell_is_drawn_row_by_row() -> None:
    text = "| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n"
    text += "| " + "word " * 40_000 + "| x | x | x | x | x | x | x |\n"
    lines = _text(text)
    assert "too large to draw" in lines[0]
    assert sum(len(line) for line in lines) < 3 * len(text)


def test_a_wide_table_of_short_cells_is_still_drawn_as_records() -> None:
    text = "|" + "|".join(f"c{i}" for i in range(100)) + "|\n|" + "-|" * 100 + "\n|"
    text += "|".join(f"v{i}" for i in range(100)) + "|\n"
    lines = _text(text)
    assert "c0: v0" in lines and "c99: v99" in lines


# Doubtful characters


def _naive(lines: list[list[Segment]], windows: frozenset[str]) -> list[list[tuple[str, Style | None]]]:
    """The search mark_windows replaced: every window found by str.find in every line."""
    out = []
    for line in lines:
        text = line_text(line)
        marked = set()
        for window in windows:
            start = text.find(window)
            while start >= 0:
                marked.add(start + (1 if len(window) == 3 else 0))
                start = text.find(window, start + 1)
        cells = []
        for at, ch in enumerate(text):
            cells.append((ch, MARK if at in marked else None))
        out.append(cells)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab中文字 x", max_size=20), min_size=1, max_size=4),
       st.frozensets(st.text(alphabet="ab中文字 x", min_size=1, max_size=3), max_size=6))
def test_doubtful_characters_are_marked_where_a_search_would_mark_them(texts: list[str],
                                                                        windows: frozenset[str]) -> None:
    lines = [[Segment(text)] if text else [] for text in texts]
    marked = mark_windows(lines, windows, MARK)
    got = [[(ch, seg.style or None) for seg in line for ch in seg.text] for line in marked]
    assert got == _naive(lines, windows)


# Code


def _code(text: str, language: str | None = None) -> CodeBlock:
    return CodeBlock(index=1, language=language, info=language or "", text=text, line_start=1, line_end=3,
                     section=None)


def test_a_line_of_tabs_wraps_into_rows_of_spaces() -> None:
    lines = render_code(_code("\t" * 5_000 + "end\n"), RenderContext(width=60))
    inner = 60 - 4
    assert len(lines) == 2 + 1 + -(-(5_000 * 4 + 3 - inner) // (inner - 2))
    assert line_text(lines[-2]).rstrip(" │").endswith("end")


def test_pygments_past_its_budget_draws_the_rest_plain_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(highlighting, "PYGMENTS_SECONDS", 0.0)
    monkeypatch.setattr(highlighting, "CHECK_EVERY", 1)
    text = "".join(f"(defun f{i} (x) (+ x {i}))\n" for i in range(50))
    lines = render_code(_code(text, "lisp"), RenderContext(width=80))
    assert "too slow to highlight" in line_text(lines[0])
    body = "".join(line_text(line)[2:-2].rstrip() + "\n" for line in lines[1:-1])
    assert body == text
    found = highlighting.lex(text, "lisp")
    assert found is not None and found.plain_from is not None and "".join(v for _, v in found.runs) == text


# Inline text


def _reference() -> MarkdownIt:
    """mdread's parser without its shortcuts: markdown-it's own rules only."""
    md = MarkdownIt("commonmark", {"linkify": True, "maxNesting": 100})
    md.enable(["table", "strikethrough", "linkify"])
    md.linkify.set({"fuzzy_link": False})
    return md.use(footnote_plugin).use(tasklists_plugin).use(math_plugin).use(blog_plugin)


PIECES = ["$x$", "$$", "\\(", "\\)", "a", "b c", "中文", " ", "\n", "\n\n", "# ", "- ",
          "| x | y |\n|---|---|\n| 1 | 2 |\n", "[ ] ", "*", "_", "`", "[", "](u)", "<b>", "&amp;", "\\",
          "https://x.y/z", "a@b.co", "//x.y", "  \n", "> ", "~~", "!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24))
def test_the_shortcuts_parse_as_markdown_it_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert markdown().render(text) == _reference().render(text)


def test_thousands_of_bare_urls_in_one_paragraph_all_become_links() -> None:
    text = " ".join(f"https://example.com/{i}" for i in range(3_000)) + "\n"
    hrefs = [run.href for run in parse(text).blocks[0].inline if run.href]
    assert hrefs == [f"https://example.com/{i}" for i in range(3_000)]


def test_a_paragraph_of_endless_emphasis_marks_is_shown_as_written() -> None:
    count = MAX_EMPHASIS_MARKS // 2 + 1
    lines = _text("# T\n\n" + "**a" * count + "\n")
    assert any("emphasis marks in one paragraph" in line for line in lines)
    assert "".join(lines).count("**a") == count
    assert "**" not in "".join(_text("**a" * 100 + "\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab  中x-\n\t", max_size=60), st.integers(min_value=4, max_value=30),
       st.sampled_from(["", "bold", "italic"]))
def test_text_that_fits_lays_out_as_wrapping_it_does(text: str, width: int, style: str) -> None:
    rich = wrap(Text(text, style=style), width, tab_size=8)
    expected = [[(seg.text, seg.style) for seg in _segments(line, console())] for line in rich]
    got = to_lines(Text(text, style=style), width)
    assert [[(seg.text, seg.style) for seg in line] for line in got] == expected
