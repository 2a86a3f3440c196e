"""Structural evidence for language detection: how cleanly each tree-sitter grammar parses a block.

Tokens say what a block is made of; a grammar says whether it holds together. C++ with a template
or a lambda breaks the C grammar, TypeScript's annotations break JavaScript's, a YAML list breaks
TOML's, while each parses in its own grammar with few or no errors. The share of lines an ERROR or
MISSING node touches, in four levels, is therefore cheap, strong evidence among the languages
mdread has grammars for; the model learns how likely each level is for each language.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable
from typing import Any

from mdread.render.code.treesitter import GRAMMARS, GrammarSpec, parseable

EVIDENCE_ONLY: dict[str, GrammarSpec] = {
    name: GrammarSpec(f"tree_sitter_{name}") for name in ("json", "css", "html")
}
"""Grammars kept for detection alone (0.4 MB together): Pygments highlights these languages faster
(issue 15), but how cleanly a block parses in them is still the best evidence for them. SQL's
grammar (14 MB) went for good; SQL blocks are told by their tokens only."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "python": ("python",), "javascript": ("javascript", "typescript"), "typescript": ("typescript", "javascript"),
    "c": ("c", "cpp"), "cpp": ("cpp", "c"), "java": ("java",), "go": ("go",), "rust": ("rust",), "bash": ("bash",),
    "json": ("json",), "yaml": ("yaml",), "toml": ("toml",), "css": ("css",), "html": ("html",), "sql": ("sql",),
}  # fmt: skip
"""The grammars asked about a candidate language: its own, and the one its near relative is
parsed by. TypeScript breaks the JavaScript grammar where JavaScript parses in both, and C++
breaks C's the same way, so the relative's errors are the decisive evidence between the two."""

PARSED: tuple[str, ...] = tuple(sorted({name for names in FAMILIES.values() for name in names}))

LEVELS = (0.0, 0.2, 0.5)
"""Upper bounds of the error levels a share of broken lines falls into: clean, a few, many, most."""

MAX_BYTES = 4096
"""A block's prefix parsed; parsing is linear, but a screenful says as much as the whole."""

_local = threading.local()
_languages: dict[str, Any] = {}
_lock = threading.Lock()


def _language(name: str) -> Any | None:
    with _lock:
        if name not in _languages:
            spec = _spec(name)
            try:
                if spec is None:
                    raise LookupError(name)
                import tree_sitter

                module = importlib.import_module(spec.package)
                _languages[name] = tree_sitter.Language(getattr(module, spec.entry)())
            except Exception:  # a missing or broken grammar package only removes its evidence
                _languages[name] = None
        return _languages[name]


def _spec(name: str) -> GrammarSpec | None:
    return GRAMMARS.get(name) or EVIDENCE_ONLY.get(name)


def _parser(name: str) -> Any | None:
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    if name not in parsers:
        language = _language(name)
        if language is None:
            parsers[name] = None
        else:
            import tree_sitter

            parsers[name] = tree_sitter.Parser(language)
    return parsers[name]


def error_shares(code: str, names: Iterable[str] = PARSED) -> dict[str, float]:
    """For each of ``names`` whose grammar loads, the share of the block's lines with a parse error.

    Parsing code in a wrong grammar costs up to a millisecond (error recovery), so callers ask
    only about their best candidates. Lines count from the parsed prefix; a grammar that fails to
    load, or a name outside :data:`PARSED`, is left out of the answer.
    """
    data = code.encode("utf-8", "replace")[:MAX_BYTES]
    lines = max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))
    shares: dict[str, float] = {}
    for name in names:
        parser = _parser(name) if name in PARSED else None
        spec = _spec(name)
        if parser is None or spec is None:
            continue
        root = parser.parse(parseable(spec.package, data)).root_node
        shares[name] = min(1.0, len(_error_rows(root)) / lines) if root.has_error else 0.0
    return shares


def level(share: float) -> int:
    """The error level (an index into the model's structure table) of a share of broken lines."""
    return next((index for index, bound in enumerate(LEVELS) if share <= bound), len(LEVELS))


def _error_rows(root: Any) -> set[int]:
    """The rows on which an ERROR node starts or a MISSING node stands, visiting only broken subtrees."""
    rows: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing or node.is_error:
            rows.add(node.start_point[0])
            if node.is_missing:
                continue
        stack.extend(child for child in node.children if child.has_error or child.is_missing)
    return rows
