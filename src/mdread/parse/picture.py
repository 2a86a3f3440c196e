"""A paragraph that is only an image → a :class:`~mdread.model.Picture` block.

Blog posts put most pictures on a line of their own; those get rows of their
own in the reader. An image among words stays an inline run.
"""

from __future__ import annotations

from markdown_it.token import Token

from mdread.model import Picture


def lone_picture(inline: Token | None, line: int) -> Picture | None:
    """The picture a paragraph's inline token holds alone (blank text around it allowed), or None."""
    if inline is None or not inline.children:
        return None
    images = [child for child in inline.children if child.type == "image"]
    if len(images) != 1:
        return None
    others = (child for child in inline.children if child.type != "image")
    if any(child.type not in ("text", "softbreak") or child.content.strip() for child in others):
        return None
    image = images[0]
    title = image.attrs.get("title")
    return Picture(src=str(image.attrs.get("src", "")), alt=alt_text(image), title=str(title) if title else None,
                   line=line)


def alt_text(image: Token) -> str:
    """The alt text as words: ``![An *alt*](x)`` → ``An alt``."""
    parts = [child.content for child in image.children or () if child.type in ("text", "code_inline")]
    return " ".join("".join(parts).split()) if parts else image.content
