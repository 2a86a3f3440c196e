"""Dialects: a more specific language than a fence's label, from a few unmistakable markers.

Authors label CUDA as ``cpp``, TypeScript as ``js`` and shell sessions as ``bash``; Pygments then
colours ``<<<grid, block>>>``, annotations or prompts wrongly. The markers here sharpen such a
label (:func:`suggest`) and the detector's own answers (:mod:`~mdread.render.code.detect`). This
module is apart from the detector so that a labelled block, the common case, is checked without
importing the detector's model: a post whose fences all say ``python`` or ``rust`` never loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mdread.render.code.languages import PLAIN

MAX_CHARS = 3000
"""How much of a block the evidence reads: a screenful or two says what it is, and the cost stays bounded."""


@dataclass(frozen=True)
class Dialect:
    """A language that refines another, and the markers that show it (any one suffices)."""

    name: str
    bases: frozenset[str]
    markers: re.Pattern[str]
    needs: str | None = None


CUDA = re.compile(r"__global__|__device__|__shared__|<<<[^<>\n]+>>>|\b(threadIdx|blockIdx|blockDim)\.[xyz]\b|"
                  r"\bcuda(Malloc|Memcpy|Free|DeviceSynchronize)\b")  # fmt: skip
TYPES = re.compile(
    r"\b(interface|enum)\s+[A-Z]\w*\s*(<[^>\n]*>\s*)?(extends\s+[\w.<>, ]+)?\{|"
    r"^\s*(export\s+)?type\s+[A-Z]\w*\s*(<[^>\n]*>)?\s*=|"
    r"[\w)\]]\??:\s*(number|string|boolean|any|unknown|never|void|object|bigint)\b(\[\])?\s*[,;=){}|]|"
    r"\)\s*:\s*(Promise<|[A-Z]\w*(\[\])?\s*\{)|\bas\s+(const|unknown|any)\b|\b(private|public|readonly)\s+\w+\s*[?:]",
    re.MULTILINE,
)
"""What TypeScript has and JavaScript has not: annotations, interfaces, type aliases, ``as const`` …"""
JSX = re.compile(r"(return|=>|[=(?:,]|&&)\s*\(?\s*<([A-Za-z][\w.]*)(\s+[\w-]+(=\{|=\"|=')|\s*/?>)[^\n]*(</\2>|/>)?|"
                 r"^\s*<([A-Z][\w.]*)[\s>/]|</[A-Za-z][\w.]*>\s*\)?;?\s*$", re.MULTILINE)  # fmt: skip
PROMPT = re.compile(r"^\s*\$ \S", re.MULTILINE)

DIALECTS: tuple[Dialect, ...] = (
    Dialect("cuda", frozenset({"c", "cpp"}), CUDA),
    Dialect("tsx", frozenset({"javascript", "typescript", "jsx"}), JSX, needs="typescript"),
    Dialect("typescript", frozenset({"javascript"}), TYPES),
    Dialect("jsx", frozenset({"javascript"}), JSX),
    Dialect("console", frozenset({"bash", PLAIN}), PROMPT),
)
"""Refinements, first fitting row wins. ``needs`` names a dialect whose markers must show too
(TSX is JSX with TypeScript's annotations), even when the label already is that dialect."""
BASES = frozenset().union(*(dialect.bases for dialect in DIALECTS))

ALIASES: dict[str, str] = {
    "py": "python", "python3": "python", "js": "javascript", "node": "javascript", "mjs": "javascript",
    "cjs": "javascript", "ts": "typescript", "c++": "cpp", "cxx": "cpp", "cc": "cpp", "hpp": "cpp", "h": "c",
    "cu": "cuda", "sh": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash", "shell-session": "console",
    "shellsession": "console", "terminal": "console", "react": "jsx",
}  # fmt: skip
"""Fence labels people write, folded onto the names :data:`DIALECTS` uses."""


def suggest(language: str, code: str) -> str | None:
    """A more specific dialect than ``language`` when the code plainly shows one.

    Only the refinements of :data:`DIALECTS` are offered: a label is never contradicted, merely
    sharpened.

    Returns:
        The dialect's name, or None when the label already fits.
    """
    label = canonical_label(language)
    if label not in BASES or not code or code.isspace():
        return None
    better = refine(label, prepare(code))
    return None if better == label else better


def prepare(code: str) -> str:
    """The bounded, newline-normalised, dedented prefix of ``code`` that all evidence reads."""
    head = code[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    lines = head.split("\n")
    filled = [line for line in lines if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in filled), default=0)
    if margin and len({line[:margin] for line in filled}) == 1:
        lines = [line[margin:] for line in lines]
    return "\n".join(lines).strip("\n")


def canonical_label(language: str) -> str:
    """A fence label's first word, lower-cased, with common spellings folded (``c++`` → ``cpp``)."""
    words = language.strip().strip("{}.").lower().split()
    key = words[0].lstrip(".") if words else ""
    return ALIASES.get(key, key)


def refine(language: str, text: str) -> str:
    """``language`` sharpened to the first dialect whose markers ``text`` shows."""
    for dialect in DIALECTS:
        if language not in dialect.bases or not dialect.markers.search(text):
            continue
        if dialect.needs and not _shows(dialect.needs, text):
            continue
        return dialect.name
    return language


def _shows(name: str, text: str) -> bool:
    return any(dialect.name == name and dialect.markers.search(text) for dialect in DIALECTS)
