"""The table-of-contents sidebar: a tree of the article's sections."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from mdread.model import Document
from mdread.sanitize import clean


class TocTree(Tree[int]):
    """Sections as a tree; each node's data is the section's index in the document."""

    DEFAULT_CSS = """
    TocTree {
        dock: left;
        width: 34;
        max-width: 45%;
        border-right: vkey $panel;
        padding: 0 1 0 0;
        display: none;
    }
    TocTree.-open { display: block; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(Text("Contents"), **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._by_section: dict[int, TreeNode[int]] = {}

    def load(self, doc: Document) -> None:
        """Rebuild the tree for ``doc``."""
        self.clear()
        self._by_section = {}
        for index, section in enumerate(doc.sections):
            parent = self.root if section.parent is None else self._by_section[section.parent]
            label = Text(f"{section.number} ", style="dim") + Text(clean(section.title))
            node = parent.add(label, data=index, expand=True, allow_expand=bool(section.children))
            self._by_section[index] = node

    def follow(self, section: int | None) -> None:
        """Highlight the section the reader is in, without moving the article."""
        node = self._by_section.get(section) if section is not None else None
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)
