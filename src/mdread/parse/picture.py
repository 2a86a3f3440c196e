"""A paragraph that is only an image → a :class:`~mdread.model.Picture` block.

Blog posts put most pictures on a line of their own, often wrapped in a link
to the full-size file (``[![alt](small.png)](big.png)``); those get rows of
their own in the reader. An image among words stays an inline run.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markdown_it.token import Token

from mdread.model import Picture

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp")
"""A link to one of these around a picture leads to the full-size file, which ``v`` shows; it is dropped."""


def lone_picture(inline: Token | None, line: int) -> Picture | None:
    """The picture a paragraph's inline token holds alone (blank text around it allowed), or None."""
    if inline is None or not inline.children:
        return None
    children = [c for c in inline.children if c.type not in ("text", "softbreak") or c.content.strip()]
    link = None
    if len(children) == 3 and children[0].type == "link_open" and children[2].type == "link_close":
        link, children = str(children[0].attrs.get("href", "")) or None, children[1:2]
        if link and urlsplit(link).path.lower().endswith(IMAGE_SUFFIXES):
            link = None
    if len(children) != 1 or children[0].type != "image":
        return None
    image = children[0]
    title = image.attrs.get("title")
    return Picture(src=str(image.attrs.get("src", "")), alt=alt_text(image), title=str(title) if title else None,
                   line=line, link=link)


def alt_text(image: Token) -> str:
    """The alt text as words: ``![An *alt*](x)`` → ``An alt``."""
    parts = [child.content for child in image.children or () if child.type in ("text", "code_inline")]
    return " ".join("".join(parts).split()) if parts else image.content
