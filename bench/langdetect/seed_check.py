"""The reference article's code blocks with their fence labels stripped: what does detect name them?

The seed (``/work/shared/seed/code-highlight-test.md``) cannot be copied into the project, so this
check lives in bench/. Each block's own label is the expected answer (folded as ``detect`` names
languages), a dialect counting as its language as in ``evaluate.py`` (its ``typescript`` block is
a React component, TSX); its ``cpp`` block, CUDA code, must still be suggested as ``cuda``.

Run ``python bench/langdetect/seed_check.py [path]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from evaluate import FOLD
from markdown_it import MarkdownIt

from mdread.render.code.detect import detect
from mdread.render.code.dialects import ALIASES, suggest

SEED = Path("/work/shared/seed/code-highlight-test.md")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED
    blocks = [t for t in MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8")) if t.type == "fence"]
    right = 0
    for block in blocks:
        label = block.info.split()[0].lower() if block.info.strip() else ""
        expected = ALIASES.get(label, label)
        found = detect(block.content)
        hint = suggest(label, block.content) if label else None
        ok = FOLD.get(found or "", found) == FOLD.get(expected, expected)
        right += ok
        print(f"{'ok  ' if ok else 'MISS'} label {label!r:14} detected {found!r:14} suggested {hint!r}")
    print(f"{right}/{len(blocks)} named right")


if __name__ == "__main__":
    main()
