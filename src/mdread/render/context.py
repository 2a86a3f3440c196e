"""What a render depends on besides the block: width, themes and terminal abilities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rich.segment import Segment

if TYPE_CHECKING:
    from mdread.render.picture_cache import Pictures

Line = list[Segment]
Lines = list[Line]

DEFAULT_CODE_THEME = "monokai"


@dataclass(frozen=True)
class RenderContext:
    """Everything besides the block itself that changes what a block looks like.

    It is hashable, so it can key caches: the reader renders a block once per
    context and keeps the lines.

    Attributes:
        width: Cells available for the block.
        code_theme: A Pygments style name for code panes.
        line_numbers: Draw a line-number gutter in code panes.
        links: How links show: ``text`` writes ``text (url)``; ``terminal`` makes
            absolute URLs terminal hyperlinks (OSC 8) and writes relative ones out;
            ``reader`` styles every link and keeps its target in the style's meta,
            never as a terminal hyperlink, so following one always goes through
            the reader's own checks.
        languages: Per code-block language overrides, by code block index.
        uncertain: Three-character windows around characters that mojibake
            repair could only guess; their middle character is marked.
        pictures: The article's pictures, to draw those that stand alone; None
            draws each as its alt-text line.
        grammars: The languages highlighted by their tree-sitter grammar; the
            others go to Pygments. None: every language that has a grammar.
            A face sets it from the article's code (see
            :func:`mdread.render.code.treesitter.worth_building`).
    """

    width: int = 80
    code_theme: str = DEFAULT_CODE_THEME
    line_numbers: bool = False
    links: str = "text"
    languages: Mapping[int, str] = field(default_factory=dict, hash=False, compare=False)
    uncertain: frozenset[str] = field(default=frozenset(), hash=False, compare=False)
    pictures: Pictures | None = field(default=None, hash=False, compare=False)
    grammars: frozenset[str] | None = None

    def narrower(self, by: int) -> RenderContext:
        return replace(self, width=max(8, self.width - by))
