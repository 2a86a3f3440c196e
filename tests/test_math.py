"""Math: parsed from every delimiter blog posts use, drawn in Unicode where faithful, else as source."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mdread.model import Math, Paragraph
from mdread.parse import parse
from mdread.render import RenderContext, render_block
from mdread.render.math.formula import display_rows, inline_formula


def drawn(markdown: str, width: int = 60) -> list[str]:
    doc = parse(markdown)
    ctx = RenderContext(width=width)
    return ["".join(seg.text for seg in line).rstrip() for block in doc.blocks for line in render_block(block, ctx)]


@pytest.mark.parametrize(("source", "shown"), [
    (r"\alpha + \beta \le \gamma \to \infty", "α + β ≤ γ → ∞"),
    (r"a \equiv b \pmod{n}", "a ≡ b (mod n)"),
    (r"x^2 + y_i^{n+1}", "x² + yᵢⁿ⁺¹"),
    (r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}", "∑ᵢ₌₁ⁿ i = n(n+1)/2"),
    (r"\frac{a+b}{2}", "(a+b)/2"),
    (r"\int_0^1 x^n \, dx", "∫₀¹ xⁿ dx"),
    (r"\sqrt{N} \ne \sqrt[3]{8}", "√N ≠ ∛8"),
    (r"\mathbb{R}^n \ni \mathbf{x}", "ℝⁿ ∋ 𝐱"),
    (r"\left( \frac{p-q}{2} \right)^2", "((p−q)/2)²"),
    (r"\text{if } x \neq 0", "if x ≠ 0"),
    (r"e^{i\pi}", "e^(iπ)"),
    (r"\hat{x} + \vec{v}", "x̂ + v⃗"),
])
def test_inline_formulas_in_unicode(source: str, shown: str) -> None:
    assert inline_formula(source) == (shown, True)


def test_a_formula_with_an_unknown_macro_is_shown_as_source() -> None:
    assert inline_formula(r"\myop{x}  +  1") == (r"$\myop{x} + 1$", False)
    assert display_rows("\\myop{x} \\\\ y = 1\nz") == ((r"\myop{x} \\", "y = 1", "z"), False)


def test_cases_aligned_and_matrices_are_drawn_as_rows() -> None:
    assert display_rows(r"f(x) = \begin{cases} x & x \ge 0 \\ -x & x < 0 \end{cases}")[0] == (
        "f(x) = ⎧ x   x ≥ 0", "       ⎩ −x  x < 0")
    assert display_rows(r"\begin{cases} 1 \\ 2 \\ 3 \end{cases}")[0] == ("⎧ 1", "⎨ 2", "⎩ 3")
    assert display_rows(r"\begin{aligned} a &= b + c \\ &= d \end{aligned}")[0] == ("a = b + c", "  = d")
    assert display_rows(r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}")[0] == ("⎡ 1  0 ⎤", "⎣ 0  1 ⎦")
    assert display_rows(r"a = 1 \\ b = 2")[0] == ("a = 1", "b = 2")


def test_dollars_brackets_and_parentheses_are_math_and_prices_are_not() -> None:
    doc = parse("Cost $5 and $10, but $x^2$ and \\(y_1\\).\n\n\\[\na \\\\ b\n\\]\n\n$$\nc\n$$ (eq)\n")
    paragraph = doc.blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert [run.text for run in paragraph.inline if "math" in run.marks] == ["x^2", "y_1"]
    assert "$5 and $10" in "".join(run.text for run in paragraph.inline)
    assert doc.blocks[1] == Math(source="\na \\\\ b\n", line=3)
    assert doc.blocks[2] == Math(source="\nc\n", line=7, label="eq")


def test_display_math_is_a_block_never_reflowed_and_keeps_its_rows() -> None:
    lines = drawn("Text before\n\n$$\na = 1 \\\\\nb = 2\n$$\n\nText after\n")
    assert lines == ["Text before", "  a = 1", "  b = 2", "Text after"]


def test_display_math_inside_a_paragraph_stands_on_its_own_lines_with_its_punctuation() -> None:
    lines = drawn("推导如下：$$x_{n+1} = \\frac{x_n}{2}$$，可得收敛。\n")
    assert lines == ["推导如下：", "  xₙ₊₁ = xₙ/2，", "可得收敛。"]


def test_a_tall_layout_too_wide_for_the_line_shows_its_source_rows() -> None:
    matrix = r"\begin{pmatrix} aaaaaaaa & bbbbbbbb & cccccccc \\ 1 & 2 & 3 \end{pmatrix}"
    assert drawn(f"$$\n{matrix}\n$$\n", width=80)[0].startswith("  ⎛")
    narrow = drawn(f"$$\n{matrix}\n$$\n", width=24)
    assert narrow[0].strip().startswith(r"\begin{pmatrix}") and all(len(line) <= 24 for line in narrow)


def test_pylatexenc_is_imported_only_for_articles_with_math() -> None:
    code = (
        "import sys\n"
        "from mdread.parse import parse\n"
        "from mdread.render import RenderContext, render_block\n"
        "doc = parse('# Title\\n\\nPlain text, no formula, $5.\\n')\n"
        "[render_block(b, RenderContext()) for b in doc.blocks]\n"
        "assert 'pylatexenc' not in sys.modules\n"
        "doc = parse('A formula: $\\\\alpha$.\\n')\n"
        "[render_block(b, RenderContext()) for b in doc.blocks]\n"
        "assert 'pylatexenc' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


HOSTILE = {
    "deep braces": "$$" + "{" * 5000 + "x" + "}" * 5000 + "$$",
    "deep fractions": "$" + r"\frac{1}{" * 2000 + "x" + "}" * 2000 + "$",
    "unclosed parentheses": r"\( a " * 20_000,
    "unclosed brackets": "\\[\n" * 5_000,
    "unclosed dollars": "$a " * 20_000,
    "many rows": "$$\n" + "a & b \\\\\n" * 5000 + "$$",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_math_renders(kind: str) -> None:
    lines = drawn(HOSTILE[kind], width=40)
    assert lines and all(len(line) <= 80 for line in lines)


PIECES = [*"\\{}^_&$ ab12+=", r"\frac", r"\alpha", r"\begin{cases}", r"\end{cases}", r"\left(", r"\right)", r"\sqrt",
          r"\\", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_formula_renders_or_shows_its_source(source: str) -> None:
    rows, converted = display_rows(source)
    assert isinstance(rows, tuple)
    text, _ = inline_formula(source)
    assert "\n" not in text
    if not converted:
        assert "".join(rows).replace(" ", "") == "".join(source.split()).replace(" ", "")
