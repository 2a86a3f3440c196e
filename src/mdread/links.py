"""Where a link in an article leads, and whether mdread may follow it.

Pure functions over strings and paths: the reader asks :func:`classify` and
acts on the answer, so the safety rules live in one place that tests can read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mdread.load.source import EXTENSIONS
from mdread.model import Document


@dataclass(frozen=True)
class Target:
    """A classified link.

    Attributes:
        kind: ``anchor`` (a heading in this article), ``article`` (another
            Markdown file, perhaps with an anchor), ``web`` (http or https, to be
            confirmed before the browser opens) or ``refused``.
        path: The article to open, for ``article``.
        anchor: The heading slug, for ``anchor`` and ``article``.
        url: The address, for ``web``.
        reason: Why a link is refused, in words for the user.
    """

    kind: str
    path: Path | None = None
    anchor: str | None = None
    url: str | None = None
    reason: str | None = None


def classify(href: str, base: Path | None) -> Target:
    """Decide what following ``href`` from an article in folder ``base`` means.

    Relative links resolve against the article's folder and may not leave it
    through ``file:``; schemes other than http(s) are refused, since a
    ``javascript:`` or ``data:`` link in a downloaded post is not the reader's
    intent.
    """
    href = href.strip()
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return Target("web", url=href) if parts.netloc else Target("refused", reason=f"incomplete address {href}")
    if href.startswith("#"):
        return Target("anchor", anchor=unquote(href[1:]))
    if scheme and scheme != "file":
        return Target("refused", reason=f"{scheme}: links are not followed")
    if base is None:
        return Target("refused", reason="an article read from stdin has no folder for relative links")
    raw = unquote(parts.path)
    if not raw:
        if parts.fragment:
            return Target("anchor", anchor=unquote(parts.fragment))
        return Target("refused", reason="empty link")
    path = (base / raw).resolve() if not Path(raw).is_absolute() else Path(raw).resolve()
    if scheme == "file" and not path.is_relative_to(base.resolve()):
        return Target("refused", reason="file: links outside the article's folder are not followed")
    if path.suffix.lower() not in EXTENSIONS:
        return Target("refused", reason=f"{path.name} is not a Markdown file")
    return Target("article", path=path, anchor=unquote(parts.fragment) or None)


_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slug(title: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, CJK kept."""
    text = unicodedata.normalize("NFKC", title).strip().lower()
    return _DROP.sub("", text).replace(" ", "-")


def anchors(doc: Document) -> dict[str, int]:
    """Slug → section index, with GitHub's ``-1``, ``-2`` suffixes for repeated headings."""
    found: dict[str, int] = {}
    seen: dict[str, int] = {}
    for index, section in enumerate(doc.sections):
        base = slug(section.title)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.setdefault(base if count == 0 else f"{base}-{count}", index)
    return found
