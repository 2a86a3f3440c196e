"""The table-of-contents sidebar: a tree of the article's sections."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from mdread.model import Document
from mdread.sanitize import clean


class TocTree(Tree[int]):
    """Sections as a tree; each node's data is the section's index in the document.

    While it has focus, its keys come first: ``j``/``k`` move its cursor (not
    the article), ``space`` jumps as Enter does, and ``Esc`` closes it rather
    than going back.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "select_cursor", "Jump", id="toc_jump"),
        Binding("j,down", "cursor_down", "Move", key_display="j/k", id="toc_down"),
        Binding("k,up", "cursor_up", "Move", show=False, id="toc_up"),
        Binding("escape,t", "close", "Close", id="toc_close"),
    ]

    class Closed(Message):
        """The reader asked to close the sidebar from inside it."""

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
        self.doc: Document | None = None
        """The document the tree was built for: it is built when the sidebar opens, not for every article shown."""

    def load(self, doc: Document) -> None:
        """Rebuild the tree for ``doc``."""
        self.doc = doc
        self.clear()
        self._by_section = {}
        for index, section in enumerate(doc.sections):
            parent = self.root if section.parent is None else self._by_section[section.parent]
            label = Text(clean(section.title))
            if not doc.numbered_by_author:
                label = Text(f"{section.number} ", style="dim") + label
            node = parent.add(label, data=index, expand=True, allow_expand=bool(section.children))
            self._by_section[index] = node

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def follow(self, section: int | None) -> None:
        """Highlight the section the reader is in, without moving the article."""
        node = self._by_section.get(section) if section is not None else None
        if node is not None and self.cursor_node is not node:
            self.move_cursor(node)
