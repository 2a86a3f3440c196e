"""Renderer units: code panes, highlighting and widths, without any face."""

from __future__ import annotations

from rich.cells import cell_len

from mdread.parse import parse
from mdread.render import RenderContext, code_height, render_top
from mdread.render.code import render_code

CODE = (
    "```python\nimport os\n\ndef main() -> None:\n"
    "    print(os.getcwd(), '中文注释会占两个格子宽度的字符串内容很长很长很长')\n```\n"
)


def test_code_is_highlighted_with_distinct_colours() -> None:
    block = parse(CODE).code_blocks[0]
    lines = render_code(block, RenderContext(width=60))
    colours = {seg.style.color.name for line in lines for seg in line
               if seg.text.strip() in ("import", "def", "main", "print") and seg.style and seg.style.color}
    assert len(colours) >= 2


def test_pane_width_height_and_wrap_marks() -> None:
    block = parse(CODE).code_blocks[0]
    for width in (20, 37, 60, 100):
        ctx = RenderContext(width=width, line_numbers=width == 37)
        lines = render_code(block, ctx)
        assert all(cell_len("".join(s.text for s in line)) == width for line in lines)
        assert len(lines) == code_height(block, ctx)
    narrow = render_code(block, RenderContext(width=30))
    assert any("↪" in "".join(s.text for s in line) for line in narrow)


def test_focused_pane_uses_another_frame_style() -> None:
    block = parse(CODE).code_blocks[0]
    plain = render_code(block, RenderContext(width=40))[0][0].style
    focused = render_code(block, RenderContext(width=40), focused=True)[0][0].style
    assert plain != focused


def test_override_and_title() -> None:
    doc = parse(CODE)
    top = "".join(s.text for s in render_top(doc, 0, RenderContext(width=50, languages={1: "cuda"}))[0])
    assert top.startswith("╭─ cuda (set) · 1 ")


def test_uncertain_characters_are_marked_in_prose_and_code() -> None:
    doc = parse("前向传播的段落。\n\n```python\n# 前向传播\nx = 1\n```\n")
    ctx = RenderContext(width=40, uncertain=frozenset({"前向传"}))
    for index in (0, 1):
        marked = [seg for line in render_top(doc, index, ctx) for seg in line
                  if seg.style and seg.style.underline and seg.text == "向"]
        assert len(marked) == 1
    plain = [seg for line in render_top(doc, 0, RenderContext(width=40)) for seg in line
             if seg.style and seg.style.underline]
    assert plain == []
