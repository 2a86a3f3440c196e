"""The line scanner's estimates that need no parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mdread.parse.fences import _FENCE_LINE, fence_lines, fence_sizes


def test_fence_sizes_count_the_code_each_language_holds() -> None:
    text = ("# T\n\n```python\nx = 1\n```\n\ntext\n\n~~~ cpp title=\"a\"\nint a;\nint b;\n~~~\n\n"
            "```\nplain\n```\n\n```python\ny = 2\n```\n")
    assert fence_sizes(text) == {"python": 12, "cpp": 14}
    assert fence_sizes("```rust\nfn main() {}\n") == {}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["```", "~~~", "````", " ", "    ", "\t", "\n", "py", "`", "~", "x y", "\n\n"]),
                max_size=60))
def test_fence_lines_are_the_patterns_own_matches(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in fence_lines(text)] == [m.span() for m in _FENCE_LINE.finditer(text)]
