"""The token model behind language detection: a tokenizer and a linear table over its tokens.

Like GitHub Linguist's classifier, a block is reduced to tokens (keywords, identifiers, operators,
the shape of strings and numbers) and every language scores them by what its training snippets
used. Two choices make that hold on tutorial code:

- A comment keeps only its marker (``#``, ``//``, ``--`` …) and a string only its quote: the
  English inside them says nothing about the language, and in a comment-heavy block it would
  otherwise outvote the few lines of code.
- A token also counts where it stands: the first token of a line (``^def``, ``^$``, ``^FROM``) and
  what a line ends with (``;$``, ``{$``, ``:$``) carry most of a language's look.

The weights are a linear classifier (a support vector machine) trained by
``bench/langdetect/train.py`` on public code (see ``bench/langdetect/RESULTS.md``); they ship gzipped
beside this module and are read on first use. Scoring is a sparse dot product in plain Python, so
the package needs no machine-learning library.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

MAX_CHARS = 3000
"""How much of a block is read: a screenful or two says what it is, and the cost stays bounded."""
MODEL_FILE = "detect_model.json.gz"

_TOKEN = re.compile(
    r"""
    (?P<block>/\*.*?(?:\*/|\Z)|<!--.*?(?:-->|\Z)|\(\*.*?(?:\*\)|\Z)|\{-.*?(?:-\}|\Z))
  | (?P<triple>\"\"\".*?(?:\"\"\"|\Z)|'''.*?(?:'''|\Z))
  | (?P<line>(?:^[ \t]*|(?<=[ \t]))(?:\#+|//+|--+)(?=[ \t]|$)[^\n]*|^[ \t]*(?:;+|%+)(?=[ \t]|$)[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`)
  | (?P<newline>\n[ \t]*)
  | (?P<number>\d[\w.]*)
  | (?P<word>[\#@$\\]?[A-Za-z_][\w$-]*(?<!-))
  | (?P<operator>===|!==|=>|->|<-|::|:=|==|!=|<=|>=|&&|\|\||\+\+|\+=|-=|\*=|/=|<<|>>|\.\.\.|\.\.|\?\.|\?\?|\|>
                 |</|/>|\$\(|\$\{|\{\{|\}\}|\{%|%\}|<%|%>|\#\[|\#!|\#\{|[^\s\w])
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
_DIGITS = re.compile(r"\d+")
_MARKS = frozenset("^$⇥")
"""Position features (line start, line end, indentation) stay out of the token pairs."""


def tokens(code: str) -> list[str]:
    """The features of a block: its tokens, plus each line's first token and last token, marked.

    ``x = 3  # set x`` gives ``^x x = 0 # $#``: the comment is reduced to its marker, the number to
    its shape. Indentation is one feature per line (``⇥t`` for a tab, ``⇥4`` for four spaces …).
    """
    out: list[str] = []
    add = out.append
    first = True
    last = ""
    for match in _TOKEN.finditer(code[:MAX_CHARS]):
        kind = match.lastgroup
        text = match.group()
        if kind == "newline":
            if last:
                add("$" + last)
            last = ""
            first = True
            indent = text[1:]
            if indent:
                add("⇥t" if indent[0] == "\t" else f"⇥{min(len(indent), 9)}")
            continue
        if kind == "block":
            token = text[:2] if text[0] != "<" else "<!--"
        elif kind == "triple":
            token = text[:3]
        elif kind == "line":
            stripped = text.lstrip()
            marker = stripped[0]
            token = marker * min(len(stripped) - len(stripped.lstrip(marker)), 3)
        elif kind == "string":
            token = text[0] * 2
        elif kind == "number":
            token = _DIGITS.sub("0", text)[:8]
        else:
            token = text
        add(token)
        if first:
            add("^" + token)
            first = False
        last = token
    if last:
        add("$" + last)
    return out


def features(code: str) -> dict[str, float]:
    """The block's features and their weights: each token and each pair of neighbouring tokens,
    weighted ``1 + log(count)`` so that a name repeated twenty times counts about four times."""
    found = tokens(code)
    plain = [token for token in found if token[0] not in _MARKS]
    counts = Counter(found)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(plain))
    return {feature: 1.0 + math.log(count) for feature, count in counts.items()}


@dataclass(frozen=True)
class TokenModel:
    """A linear model over :func:`features`: one weight per (feature, language), stored sparsely.

    A block's features are scaled to unit length over the features the model knows, and each
    language scores its bias plus the weighted sum; the highest score wins.

    Attributes:
        labels: The languages, in table order.
        bias: Each language's intercept.
        rows: feature → its weights as text, ``"index:weight index:weight"``; a known feature may
            have none left after pruning but still counts towards the block's length. Rows are
            parsed when a block first uses them: parsing 200,000 of them up front took a second.
    """

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    rows: Mapping[str, str]
    _parsed: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict, compare=False, repr=False)

    def weights(self, feature: str) -> tuple[tuple[int, float], ...]:
        """(language index, weight) pairs of a known feature."""
        row = self._parsed.get(feature)
        if row is None:
            pairs = (item.split(":") for item in self.rows[feature].split())
            row = self._parsed[feature] = tuple((int(index), float(weight)) for index, weight in pairs)
        return row

    def scores(self, found: Mapping[str, float]) -> list[float]:
        """Each language's score for a block's features (see :func:`features`)."""
        rows = self.rows
        known = [(feature, value) for feature, value in found.items() if feature in rows]
        norm = math.sqrt(sum(value * value for _, value in known)) or 1.0
        total = list(self.bias)
        for feature, value in known:
            scaled = value / norm
            for index, weight in self.weights(feature):
                total[index] += weight * scaled
        return total

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "bias": [round(value, 4) for value in self.bias], "rows": dict(self.rows)}


def pack(weights: Mapping[int, float]) -> str:
    """A row of weights as stored: ``"index:weight ..."``."""
    return " ".join(f"{index}:{weight:.3g}" for index, weight in sorted(weights.items()))


def from_json(data: Mapping[str, Any]) -> TokenModel:
    return TokenModel(tuple(data["labels"]), tuple(data["bias"]), data["rows"])


def load() -> TokenModel:
    """The shipped model (package data beside this module)."""
    data = files(__package__).joinpath(MODEL_FILE).read_bytes()
    return from_json(json.loads(gzip.decompress(data)))
