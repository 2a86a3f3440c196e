"""The tags blog engines put in Markdown: Hexo's and Jekyll's ``{% name args %}``, Hugo's ``{{< name args >}}``.

Only the reading of one tag lives here; what each tag stands for is
:mod:`mdread.parse.blog`'s business. A tag must close within
``MAX_TAG`` characters, so looking for the end of each ``{`` of a long line
costs bounded time.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

MAX_TAG = 2000
"""Characters a tag may span; a longer stretch is text."""

_DELIMITERS = (("{%", "%}", "hexo"), ("{{<", ">}}", "hugo"), ("{{%", "%}}", "hugo"))
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-./")


@dataclass(frozen=True)
class Tag:
    """One tag as written.

    Attributes:
        name: Lower case, without Liquid's ``end`` or Hugo's ``/`` of a closing tag.
        closing: ``{% endnote %}``, ``{{< /hint >}}``.
        args: Positional arguments, quotes removed.
        params: ``key=value`` arguments (Hugo's named parameters), keys in lower case.
        source: The tag exactly as written; for Hugo's commented form ``{{</* x */>}}``, the tag it shows.
        start: Offset of the tag in the text it was read from.
        end: Offset just after it.
        escaped: Hugo's ``{{</* x */>}}``, which a site shows as the tag itself.
    """

    name: str
    closing: bool
    args: tuple[str, ...]
    params: dict[str, str] = field(default_factory=dict, hash=False)
    source: str = ""
    start: int = 0
    end: int = 0
    escaped: bool = False

    def closes(self, opener: Tag) -> bool:
        return self.closing and self.name == opener.name


def _arguments(text: str) -> tuple[tuple[str, ...], dict[str, str]]:
    try:
        words = shlex.split(text, posix=True)
    except ValueError:  # an unbalanced quote: read the words as they are
        words = text.split()
    args: list[str] = []
    params: dict[str, str] = {}
    for word in words:
        key, eq, value = word.partition("=")
        if eq and key and key.replace("_", "").replace("-", "").isalnum():
            params.setdefault(key.lower(), value)
        else:
            args.append(word)
    return tuple(args), params


def read_tag(text: str, pos: int) -> Tag | None:
    """The tag that opens at ``pos`` in ``text``, or None if none does."""
    found = next((d for d in _DELIMITERS if text.startswith(d[0], pos)), None)
    if found is None:
        return None
    opener, closer, engine = found
    inner_start = pos + len(opener)
    stop = text.find(closer, inner_start, min(len(text), pos + MAX_TAG))
    if stop < 0:
        return None
    end = stop + len(closer)
    inner = text[inner_start:stop]
    source = text[pos:end]
    escaped = engine == "hugo" and inner.startswith("/*") and inner.endswith("*/") and len(inner) >= 4
    if escaped:
        inner = inner[2:-2]
        source = opener + inner + closer
    inner = inner.strip()
    if engine == "hexo":
        inner = inner.removeprefix("-").removesuffix("-").strip()
    closing = engine == "hugo" and inner.startswith("/")
    inner = inner.removeprefix("/").strip() if closing else inner
    name, _, rest = inner.partition(" ")
    name, _, more = name.partition("\n")
    name = name.lower()
    if not name or not set(name) <= _NAME_CHARS:
        return None
    if engine == "hexo" and name.startswith("end") and len(name) > 3:
        closing, name = True, name[3:]
    args, params = _arguments(f"{more} {rest}")
    return Tag(name, closing, args, params, source, pos, end, escaped)


SITE_ROOTS = frozenset({"site.url", "site.baseurl"})
"""Jekyll's variables for the site's address: a path after one is a path from the site's root."""
_URL_FILTERS = ("relative_url", "absolute_url")


def read_site_address(text: str, pos: int) -> tuple[str, int] | None:
    """Jekyll's ``{{ site.baseurl }}`` (→ nothing) or ``{{ "/x" | relative_url }}`` (→ ``/x``) at ``pos``.

    Returns the address it stands for from the site's root, and the offset after it.
    """
    if not text.startswith("{{", pos) or text.startswith(("{{<", "{{%"), pos):
        return None
    stop = text.find("}}", pos + 2, pos + 300)
    if stop < 0:
        return None
    inner = text[pos + 2 : stop].strip().strip("-").strip()
    if inner in SITE_ROOTS:
        return "", stop + 2
    value, bar, filters = inner.partition("|")
    value = value.strip()
    if bar and filters.strip() in _URL_FILTERS and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1], stop + 2
    return None


def tags_in(text: str) -> list[Tag]:
    """Every tag of ``text``, in order, none inside another."""
    found: list[Tag] = []
    pos = text.find("{")
    while pos >= 0:
        tag = read_tag(text, pos)
        if tag is not None:
            found.append(tag)
            pos = text.find("{", tag.end)
        else:
            pos = text.find("{", pos + 1)
    return found
