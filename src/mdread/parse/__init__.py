"""Markdown text → :class:`~mdread.model.Document`.

markdown-it-py does the parsing (CommonMark plus GFM tables, strikethrough,
task lists, footnotes and autolinks), configured in :mod:`.markdown`;
:mod:`.build` walks its token stream once into the model's blocks,
:mod:`.sections` builds the section tree and assembles the document,
:mod:`.scan` answers questions about the lines without parsing, and
:mod:`.parallel` parses a long body in parts on every core, and
:mod:`.fences` reads what code an article holds from its fence lines alone.

Nothing is imported here at the top: the renderer reads :mod:`.fences`, and
importing a submodule runs this file first; an article the reader already
parsed and kept (:mod:`mdread.article`) is shown without loading markdown-it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mdread.model import Document


def parse(text: str, *, path: str | None = None, breaks: bool = False) -> Document:
    """Build a :class:`Document` from a whole file's text, frontmatter included.

    With ``breaks``, single newlines in paragraphs are line breaks (markdown-it's ``breaks``).
    """
    from mdread.load import frontmatter as meta
    from mdread.parse.build import walk
    from mdread.parse.markdown import body_tokens, paused_gc
    from mdread.parse.sections import assemble

    split = meta.split(text)
    with paused_gc():
        part = walk(body_tokens(split.body, breaks), split.body_line)
    return assemble(text, split, [part], path)
