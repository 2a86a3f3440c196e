"""Name the language of a code block whose fence gives none, or whose label is too general.

Pygments' ``guess_lexer`` asks every lexer how much a text looks like its language and trusts the
loudest; on short tutorial snippets it is mostly wrong. This module combines two kinds of evidence,
both measured on public code the project did not write (``bench/langdetect/RESULTS.md``):

- a token model (:mod:`~mdread.render.code.detect_model`) that reads keywords, operators and the
  shape of lines while reducing comments and strings to their markers, so prose in comments
  cannot outvote the code between them;
- how cleanly the tree-sitter grammars of the model's best candidates parse the block
  (:mod:`~mdread.render.code.detect_structure`).

When the evidence is thin or split, the answer is ``text``: an uncoloured block costs the reader
less than a wrong colour. Dialects (CUDA in a C++ block, TypeScript's annotations, JSX, a shell
session's prompts) are named from a few unmistakable markers, for :func:`detect` and
:func:`suggest` alike. The model loads on first use; importing this module costs nothing.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mdread.render.code import detect_model
from mdread.render.code.detect_model import TokenModel
from mdread.render.code.detect_structure import PARSED, error_shares

PLAIN = "text"
CANDIDATES = 3
"""How many of the token model's best languages the grammars are asked about."""
STRUCTURE_WEIGHT = 1.0
"""Score lost per unit share of lines with a parse error (tuned leaving one source out)."""
UNPARSED_SHARE = 0.3
"""The error share assumed for a candidate without a grammar: about what a wrong grammar shows."""
MIN_SCORE = -0.8
"""A winner scoring below this is a guess, and the block is left plain."""
MIN_MARGIN = 0.05
"""A winner this close to the runner-up is a guess too."""


@dataclass(frozen=True)
class Verdict:
    """The model's answer for a block, before dialects: the language and how sure it is."""

    language: str
    score: float
    margin: float

    @property
    def confident(self) -> bool:
        return self.score >= MIN_SCORE and self.margin >= MIN_MARGIN


@dataclass(frozen=True)
class Dialect:
    """A language that refines another, and the markers that show it (any one suffices)."""

    name: str
    bases: frozenset[str]
    markers: re.Pattern[str]
    needs: str | None = None


_CUDA = re.compile(r"__global__|__device__|__shared__|<<<[^<>\n]+>>>|\b(threadIdx|blockIdx|blockDim)\.[xyz]\b|"
                   r"\bcuda(Malloc|Memcpy|Free|DeviceSynchronize)\b")  # fmt: skip
_TYPES = re.compile(
    r"\b(interface|enum)\s+[A-Z]\w*\s*(<[^>\n]*>\s*)?(extends\s+[\w.<>, ]+)?\{|"
    r"^\s*(export\s+)?type\s+[A-Z]\w*\s*(<[^>\n]*>)?\s*=|"
    r"[\w)\]]\??:\s*(number|string|boolean|any|unknown|never|void|object|bigint)\b(\[\])?\s*[,;=){}|]|"
    r"\)\s*:\s*(Promise<|[A-Z]\w*(\[\])?\s*\{)|\bas\s+(const|unknown|any)\b|\b(private|public|readonly)\s+\w+\s*[?:]",
    re.MULTILINE,
)
_JSX = re.compile(r"(return|=>|[=(?:,]|&&)\s*\(?\s*<([A-Za-z][\w.]*)(\s+[\w-]+(=\{|=\"|=')|\s*/?>)[^\n]*(</\2>|/>)?|"
                  r"^\s*<([A-Z][\w.]*)[\s>/]|</[A-Za-z][\w.]*>\s*\)?;?\s*$", re.MULTILINE)  # fmt: skip
_PROMPT = re.compile(r"^\s*\$ \S", re.MULTILINE)

DIALECTS: tuple[Dialect, ...] = (
    Dialect("cuda", frozenset({"c", "cpp"}), _CUDA),
    Dialect("tsx", frozenset({"javascript", "typescript", "jsx"}), _JSX, needs="typescript"),
    Dialect("typescript", frozenset({"javascript"}), _TYPES),
    Dialect("jsx", frozenset({"javascript"}), _JSX),
    Dialect("console", frozenset({"bash", PLAIN}), _PROMPT),
)
"""Refinements, first fitting row wins. ``needs`` names a dialect whose markers must show too
(TSX is JSX with TypeScript's annotations), even when the label already is that dialect."""

ALIASES: dict[str, str] = {
    "py": "python", "python3": "python", "js": "javascript", "node": "javascript", "mjs": "javascript",
    "cjs": "javascript", "ts": "typescript", "c++": "cpp", "cxx": "cpp", "cc": "cpp", "hpp": "cpp", "h": "c",
    "cu": "cuda", "sh": "bash", "shell": "bash", "zsh": "bash", "ksh": "bash", "shell-session": "console",
    "shellsession": "console", "terminal": "console", "react": "jsx",
}  # fmt: skip
"""Fence labels people write, folded onto the names :data:`DIALECTS` uses."""


def detect(code: str) -> str | None:
    """The language of an unlabeled code block, as a Pygments alias.

    Prose, program output and anything the evidence does not settle come back as ``"text"``, so
    callers can always hand the answer to Pygments.

    Returns:
        The language, or None when ``code`` is empty or only whitespace (nothing to judge).
    """
    if not code or code.isspace():
        return None
    text = _prepare(code)
    verdict = classify(text, _model())
    language = verdict.language if verdict.confident else PLAIN
    return _refine(language, text)


def suggest(language: str, code: str) -> str | None:
    """A more specific dialect than ``language`` when the code plainly shows one.

    Authors label CUDA as ``cpp``, TypeScript as ``js`` and shell sessions as ``bash``; Pygments
    then highlights ``<<<grid, block>>>``, type annotations or prompts wrongly. Only those
    refinements are offered (see :data:`DIALECTS`): a label is never contradicted, merely sharpened.

    Returns:
        The dialect's name, or None when the label already fits.
    """
    label = _canonical(language)
    if not code or code.isspace() or not any(label in dialect.bases for dialect in DIALECTS):
        return None
    better = _refine(label, _prepare(code))
    return None if better == label else better


def classify(text: str, model: TokenModel) -> Verdict:
    """The model's best language for ``text``, its grammars consulted among the best few."""
    scores = model.scores(detect_model.features(text))
    ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:CANDIDATES]
    names = [model.labels[index] for index in ranked]
    shares = error_shares(text, [name for name in names if name in PARSED])
    adjusted = sorted(
        (
            (scores[index] - STRUCTURE_WEIGHT * shares.get(name, UNPARSED_SHARE), name)
            for index, name in zip(ranked, names, strict=True)
        ),
        reverse=True,
    )
    (best, name), (runner_up, _) = adjusted[0], adjusted[1]
    return Verdict(name, best, best - runner_up)


@functools.cache
def _model() -> TokenModel:
    return detect_model.load()


def _prepare(code: str) -> str:
    """The bounded, newline-normalised, dedented prefix of ``code`` that all evidence reads."""
    head = code[: detect_model.MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    lines = head.split("\n")
    filled = [line for line in lines if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in filled), default=0)
    if margin and len({line[:margin] for line in filled}) == 1:
        lines = [line[margin:] for line in lines]
    return "\n".join(lines).strip("\n")


def _canonical(language: str) -> str:
    """A fence label's first word, lower-cased, with common spellings folded (``c++`` → ``cpp``)."""
    words = language.strip().strip("{}.").lower().split()
    key = words[0].lstrip(".") if words else ""
    return ALIASES.get(key, key)


def _refine(language: str, text: str) -> str:
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
