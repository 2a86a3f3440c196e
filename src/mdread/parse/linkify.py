"""Bare URLs as links: markdown-it's linkify rule, made linear in the length of a paragraph.

markdown-it-py's rule hands linkify-it the whole rest of the paragraph at every
``://`` (``state.src[pos - len(proto):]``), a copy as long as the paragraph:
55,000 URLs in one paragraph cost minutes of copying. A URL ends at the first
whitespace, so this rule hands over only the text up to it; everything else is
the library's rule as it is.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline.linkify import SCHEME_RE
from markdown_it.rules_inline.state_inline import StateInline

_SPACE = re.compile(r"\s")


def linkify(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``linkify`` inline rule, looking no further than the next whitespace."""
    if not state.md.options.linkify or state.linkLevel > 0 or not state.md.linkify:
        return False
    pos, maximum, src = state.pos, state.posMax, state.src
    if pos + 3 > maximum or src[pos] != ":" or src[pos + 1] != "/" or src[pos + 2] != "/":
        return False
    if not (match := SCHEME_RE.search(state.pending)):
        return False
    proto = match.group(1)
    space = _SPACE.search(src, pos)
    end = space.end() if space else len(src)
    if not (link := state.md.linkify.match_at_start(src[pos - len(proto) : end])):
        return False
    url: str = link.url.rstrip("*")
    full_url = state.md.normalizeLink(url)
    if not state.md.validateLink(full_url):
        return False
    if not silent:
        state.pending = state.pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": full_url}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos += len(url) - len(proto)
    return True
