"""Bare URLs as links: markdown-it's linkify rules, made linear in the length of a paragraph.

markdown-it-py's inline rule hands linkify-it the whole rest of the paragraph at
every ``://`` (``state.src[pos - len(proto):]``), a copy as long as the
paragraph: 55,000 URLs in one paragraph cost minutes of copying. A URL ends at
the first whitespace, so this rule hands over only the text up to it, and does
not normalise an address that normalising would leave as it is. The core
rule (e-mail addresses, ``//host`` links) asks linkify-it about every paragraph,
heading and table cell; it is shown only those whose text (outside links and
code) holds an ``@`` or a ``//``, without which nothing links with fuzzy links
off: linkify-it compiles its patterns on first use, 30-50 ms that a post whose
only addresses are in Markdown links never pays. Everything else is the
library's rules as they are.
"""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.rules_core.linkify import linkify as core_linkify
from markdown_it.rules_inline.linkify import SCHEME_RE
from markdown_it.rules_inline.state_inline import StateInline

_SPACE = re.compile(r"\s")
_PLAIN_URL = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?")
"""An address markdown-it's normalising leaves as it is (a lower-case ASCII host, a path of unreserved
characters): half of a bare URL's cost was normalising it twice, for the link and for its text."""


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
    plain = _PLAIN_URL.fullmatch(url) is not None and "xn--" not in url
    full_url = url if plain else state.md.normalizeLink(url)
    if not state.md.validateLink(full_url):
        return False
    if not silent:
        state.pending = state.pending[: -len(proto)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": full_url}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = url if plain else state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos += len(url) - len(proto)
    return True


_LINKABLE = re.compile(r"@|//")


def linkify_core(state: StateCore) -> None:
    """markdown-it's core ``linkify`` rule, run over only the inline tokens whose text can hold a link."""
    tokens = state.tokens
    state.tokens = [t for t in tokens if t.type == "inline" and _LINKABLE.search(t.content)
                    and any(c.type == "text" and _LINKABLE.search(c.content) for c in t.children or ())]
    try:
        core_linkify(state)
    finally:
        state.tokens = tokens
