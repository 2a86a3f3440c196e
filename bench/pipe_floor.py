"""The least a markdown-it + Rich pipe can do: the floor under mdread's pipe render opened once.

Imports markdown-it-py and Rich's ``Console``, parses the article with
CommonMark's rules only, and prints the text of every paragraph, heading and
code block through the console, with no highlighting, no frontmatter, no
wrapping rules of its own and no repair. Any pipe built on those two
libraries (mdread's, rich-cli's) pays at least this; ``bench/run.py`` times
it beside the others so that a target ratio to rich-cli can be read against
what is possible at all.

Usage: ``python bench/pipe_floor.py FILE``
"""

import sys
from pathlib import Path

from markdown_it import MarkdownIt
from rich.console import Console

text = Path(sys.argv[1]).read_text(encoding="utf-8", errors="replace")
console = Console(width=100, force_terminal=True, color_system="truecolor")
for token in MarkdownIt("commonmark").parse(text):
    if token.type in ("inline", "fence", "code_block"):
        console.print(token.content, markup=False, highlight=False)
