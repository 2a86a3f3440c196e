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
from mdread.sanitize import clean, display_name


@dataclass(frozen=True)
class Target:
    """A classified link.

    Attributes:
        kind: ``anchor`` (a heading in this article), ``article`` (another
            Markdown file, perhaps with an anchor), ``web`` (http or https, to be
            confirmed before the browser opens) or ``refused``.
        path: The article to open, for ``article``.
        anchor: The heading slug, for ``anchor`` and ``article``.
        url: The address, for ``web``: exactly as the document has it (after
            markdown-it's own normalisation), never percent-decoded, since
            decoding ``%2F`` or ``%40`` can move where the host begins.
        reason: Why a link is refused, in words for the user.
        outside: For ``article``, the file lies outside the article's folder
            (and the library's roots), so the reader asks before opening it.
    """

    kind: str
    path: Path | None = None
    anchor: str | None = None
    url: str | None = None
    reason: str | None = None
    outside: bool = False


@dataclass(frozen=True)
class WebAddress:
    """A web address cut where a reader must look: scheme, user info, host (with port), and the rest.

    The host is what urllib finds, which for the normalised addresses
    markdown-it produces is what a browser finds too: a backslash or a space
    can never reach here unencoded.
    """

    scheme: str
    userinfo: str
    host: str
    rest: str

    @property
    def unicode_host(self) -> str | None:
        """The host in Unicode when it is punycode (``xn--``), for showing beside it; None otherwise."""
        if "xn--" not in self.host.lower():
            return None
        try:
            return self.host.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return None


def web_address(url: str) -> WebAddress:
    """Cut ``url`` into the parts the open-in-browser prompt shows."""
    parts = urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    prefix = f"{parts.scheme}://{parts.netloc}"
    rest = url[len(prefix):] if url.lower().startswith(prefix.lower()) else url
    return WebAddress(parts.scheme, userinfo if at else "", host, rest)


def readable(href: str) -> str:
    """A link target as it can be shown: percent-escapes of text decoded, never those of delimiters.

    ``%E4%B8%AD`` shows as 中 and ``%20`` as a space, but ``%2F``, ``%40``,
    ``%3A`` and their like stay encoded, as markdown-it shows link text, so
    what is shown splits into scheme, host and path where the address does.
    Controls come out as pictures.
    """
    import mdurl

    return clean(mdurl.decode(href, mdurl.DECODE_DEFAULT_CHARS + "%"))


def classify(href: str, base: Path | None, roots: tuple[Path, ...] = ()) -> Target:
    """Decide what following ``href`` from an article in folder ``base`` means.

    Relative links resolve against the article's folder; one that leads out of
    it (and out of every folder of ``roots``, a library's) is marked
    ``outside``, and through ``file:`` refused. Schemes other than http(s) are
    refused, since a ``javascript:`` or ``data:`` link in a downloaded post is
    not the reader's intent.
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
    outside = not any(path.is_relative_to(folder.resolve()) for folder in (base, *roots))
    if scheme == "file" and outside:
        return Target("refused", reason="file: links outside the article's folder are not followed")
    if path.suffix.lower() not in EXTENSIONS:
        return Target("refused", reason=f"{display_name(path.name)} is not a Markdown file")
    return Target("article", path=path, anchor=unquote(parts.fragment) or None, outside=outside)


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
