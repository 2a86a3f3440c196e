"""The line scanner's estimates that need no parse."""

from __future__ import annotations

from mdread.parse.fences import fence_sizes


def test_fence_sizes_count_the_code_each_language_holds() -> None:
    text = ("# T\n\n```python\nx = 1\n```\n\ntext\n\n~~~ cpp title=\"a\"\nint a;\nint b;\n~~~\n\n"
            "```\nplain\n```\n\n```python\ny = 2\n```\n")
    assert fence_sizes(text) == {"python": 12, "cpp": 14}
    assert fence_sizes("```rust\nfn main() {}\n") == {}
