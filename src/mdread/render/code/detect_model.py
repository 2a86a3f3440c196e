"""The token model behind language detection: a tokenizer, its features, and a table of their weights.

Like GitHub Linguist's classifier, a block is reduced to tokens and every language scores them by
how often its training snippets used them. Three choices make that hold on code from sources the
model never saw:

- A comment keeps only its marker (``#``, ``//``, ``--`` …) and a string only its quote: the
  English inside them says nothing about the language, and in a comment-heavy block it would
  otherwise outvote the few lines of code. ``//`` between two operands (Python's ``x // 2``) is
  an operator, not a comment.
- Tokens count in context: each line is framed by ``^`` and ``$``, and every pair and triple of
  neighbouring tokens is a feature (``^ def ~ab``, ``) : $``, ``std :: ~ab``).
- Names are replaced by their shape (``~ab``, ``~aB``, ``~Ab``, ``~a_b`` …) unless the name is a
  word many independent sources use (``def``, ``printf``, ``std``, ``console``): a project's own
  identifiers say nothing about the next project's language, their spelling conventions do.

The table is a multinomial naive Bayes model over which features a block has, counted on public
code by ``bench/langdetect/train.py``, with a logistic regression over the same features folded
into its rows (see ``bench/langdetect/RESULTS.md``). It ships gzipped beside this module and is
read on first use; scoring is a sparse sum in plain Python. A second table of the same shape
counts the words of comments, for the blocks that are nothing else (:func:`comment_words`).
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from mdread.render.code.dialects import MAX_CHARS

MODEL_FILE = "detect_model.json.gz"
COMMENT = "¢"
"""Prefix of a comment's marker token, so that a ``//`` comment and a ``//`` operator differ."""

_TOKEN = re.compile(
    r"""
    (?P<block>/\*.*?(?:\*/|\Z)|<!--.*?(?:-->|\Z)|\(\*.*?(?:\*\)|\Z)|\{-.*?(?:-\}|\Z))
  | (?P<triple>\"\"\".*?(?:\"\"\"|\Z)|'''.*?(?:'''|\Z))
  | (?P<url>\b[a-z][a-z0-9+.-]*://[^\s"'<>()]*)
  | (?P<line>(?:^[ \t]*|(?<=[ \t]))\#+(?=[ \t]|$)[^\n]*
            |(?<![\w)\]"'][ \t])(?<![\w)\]"'])//++[^\n]*
            |//++(?![ \t]*[\w(][\w.]*[ \t]*(?:[-+*/%)\],:;\#]|$))[^\n]*
            |(?:^[ \t]*|(?<=[ \t]))--+(?=[ \t]|$)[^\n]*
            |^[ \t]*(?:;+|%+)(?=[ \t]|$)[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`|'(?=\n)[^']*')
  | (?P<newline>\n[ \t]*)
  | (?P<number>\d[\w.]*)
  | (?P<flag>(?<=[ \t])--?[A-Za-z][\w-]*)
  | (?P<word>[\#@$\\]?[A-Za-z_][\w$-]*(?<!-))
  | (?P<operator>===|!==|=>|->|<-|::|:=|==|!=|<=|>=|&&|\|\||\+\+|\+=|-=|\*=|/=|<<|>>|\.\.\.|\.\.|\?\.|\?\?|\|>
                 |</|/>|\$\(|\$\{|\{\{|\}\}|\{%|%\}|<%|%>|\#\[|\#!|\#\{|//|[^\s\w])
    """,
    re.VERBOSE | re.DOTALL | re.MULTILINE,
)
"""One token per match. A ``//`` is a comment at the start of a line or after a statement's end,
or when prose follows it; after an operand and before another (``x // 2``) it is an operator.
Strings end on their line, but for a single quote that ends one (a shell command's JSON body)."""
_DIGITS = re.compile(r"\d+")

Line = tuple[str, tuple[tuple[bool, str], ...]]
"""A line of a block: its indentation feature ("" when none) and its tokens as (is a name, token)."""


def lex(code: str) -> list[Line]:
    """The block's lines as tokens: comments and strings reduced to markers, numbers to shapes.

    ``x = 3  # set x`` gives ``x = 0 ¢#``. A command-line option after a space is ``-~`` or
    ``--~`` (``ls -la``, ``--force``), a URL ``‹url›``. Indentation is one token per line (``⇥t``
    for a tab, ``⇥4`` for four spaces …).
    """
    lines: list[Line] = []
    indent = ""
    tokens: list[tuple[bool, str]] = []
    for match in _TOKEN.finditer(code[:MAX_CHARS]):
        kind = match.lastgroup
        text = match.group()
        if kind == "newline":
            if tokens:
                lines.append((indent, tuple(tokens)))
            tokens = []
            rest = text[1:]
            indent = ("⇥t" if rest[0] == "\t" else f"⇥{min(len(rest), 9)}") if rest else ""
            continue
        if kind == "word":
            tokens.append((True, text))
            continue
        if kind == "block":
            token = COMMENT + (text[:2] if text[0] != "<" else "<!--")
        elif kind == "line":
            stripped = text.lstrip()
            marker = stripped[0]
            token = COMMENT + marker * min(len(stripped) - len(stripped.lstrip(marker)), 3)
        elif kind == "triple":
            token = text[:3]
        elif kind == "string":
            token = text[0] * 2
        elif kind == "number":
            token = _DIGITS.sub("0", text)[:8]
        elif kind == "url":
            token = "‹url›"
        elif kind == "flag":
            token = "--~" if text[1] == "-" else "-~"
        else:
            token = text
        tokens.append((False, token))
    if tokens:
        lines.append((indent, tuple(tokens)))
    return lines


def shape(word: str) -> str:
    """A name's spelling convention: ``~ab``, ``~aB``, ``~Ab``, ``~AbC``, ``~AB``, ``~a_b``, ``~A_B``, ``~a-b``,
    with a sigil kept (``~$ab`` for a shell or PHP variable, ``~@ab`` for a decorator)."""
    core = word.lstrip("#@$\\")
    sigil = word[: len(word) - len(core)]
    if "_" in core.strip("_"):
        form = "A_B" if core.isupper() else "a_b"
    elif "-" in core:
        form = "a-b"
    elif core.isupper() and len(core) > 1:
        form = "AB"
    elif core[0].isupper():
        form = "AbC" if any(char.isupper() for char in core[1:]) else "Ab"
    else:
        form = "aB" if any(char.isupper() for char in core) else "ab"
    return "~" + sigil + form


def features(code: str | list[Line], words: Collection[str]) -> set[str]:
    """The distinct features of a block (``code`` or its :func:`lex` lines).

    Each token; each name's shape; indentation; and each pair and triple of neighbouring tokens in
    a line framed by ``^`` and ``$``, where a name outside ``words`` stands as its shape.
    """
    found: set[str] = set()
    add = found.add
    for indent, tokens in lex(code) if isinstance(code, str) else code:
        if indent:
            add(indent)
        stream = ["^"]
        for is_name, token in tokens:
            add(token)
            if is_name:
                form = shape(token)
                add(form)
                stream.append(token if token in words else form)
            else:
                stream.append(token)
        stream.append("$")
        for a, b in itertools.pairwise(stream):
            add(f"{a} {b}")
        for a, b, c in zip(stream, stream[1:], stream[2:], strict=False):
            add(f"{a} {b} {c}")
    return found


COMMENT_LINES: dict[str, re.Pattern[str]] = {
    "#": re.compile(r"[ \t]*#(?![!\[{]|(include|define|if|ifdef|ifndef|endif|pragma|import)\b)[^\n]*"),
    "//": re.compile(r"[ \t]*//[^\n]*"),
}
"""A whole line that is a comment, by the marker many of the model's languages share (a C
preprocessor line, a shebang and Rust's ``#[attribute]`` are code)."""
SHARING: dict[str, tuple[str, ...]] = {
    "#": ("bash", "docker", "make", "python", "ruby", "toml", "yaml"),
    "//": ("c", "cpp", "csharp", "go", "java", "javascript", "kotlin", "php", "rust", "scala", "swift", "typescript"),
}
"""The languages whose highlighting colours a block of such comments alike (all of it as comment)."""
_COMMENT_WORD = re.compile(r"[a-z][a-z_]+")


_HEADING = re.compile(r"[ \t]*(#{1,6}) \S")


def comment_style(code: str) -> str | None:
    """``"#"`` or ``"//"`` when every line of ``code`` that is not blank is a comment with that
    marker; None for Markdown headings of more than one level (``# Title``, ``## Usage``)."""
    lines = [line for line in code.splitlines() if line.strip()]
    headings = [_HEADING.match(line) for line in lines]
    if all(headings) and len({found.group(1) for found in headings if found}) > 1:
        return None
    for marker, pattern in COMMENT_LINES.items():
        if lines and all(pattern.fullmatch(line) for line in lines):
            return marker
    return None


def comment_words(code: str) -> list[str]:
    """The lower-cased words of a block's ``#`` and ``//`` comment lines, repeats kept: what a
    block made only of comments says about its language (see :func:`comment_style`)."""
    found: list[str] = []
    for line in code.splitlines():
        if any(pattern.fullmatch(line) for pattern in COMMENT_LINES.values()):
            found.extend(_COMMENT_WORD.findall(line.lower()))
    return found


class Rows(Mapping[str, str]):
    """feature → packed row, held as two parallel lists sorted by feature and found by bisection.

    Splitting the shipped table's two strings at newlines is all that loading it takes; building a
    dict of its 100,000-odd features instead took as long again (a third of the first detection's
    cost), while a block looks up only a few hundred features.
    """

    __slots__ = ("_features", "_rows")

    def __init__(self, features: list[str], rows: list[str]) -> None:
        self._features = features
        self._rows = rows

    @classmethod
    def of(cls, table: Mapping[str, str]) -> Rows:
        ordered = sorted(table)
        return cls(ordered, [table[feature] for feature in ordered])

    def __getitem__(self, feature: str) -> str:
        at = bisect.bisect_left(self._features, feature)
        if at < len(self._features) and self._features[at] == feature:
            return self._rows[at]
        raise KeyError(feature)

    def __contains__(self, feature: object) -> bool:
        at = bisect.bisect_left(self._features, feature)  # type: ignore[call-overload]
        return at < len(self._features) and self._features[at] == feature

    def __iter__(self) -> Iterator[str]:
        return iter(self._features)

    def __len__(self) -> int:
        return len(self._features)


@dataclass(frozen=True)
class TokenModel:
    """A multinomial naive Bayes table over :func:`features`, a logistic regression folded in, stored sparsely.

    A language's score for a block is the log-likelihood of the block's known features under it:
    each feature adds the language's ``base`` (a feature its snippets never showed) plus the
    feature's row entry for the language (how much more often they did, plus the regression's
    weight), and the language's ``bias`` is added once.

    Attributes:
        labels: The languages, in table order.
        base: Each language's log-probability of a feature it never showed.
        rows: feature → ``"index:value index:value"``, parsed when a block first uses it (parsing
            every row up front would cost a large share of a second); :class:`Rows` when loaded.
        words: The names kept as themselves in token pairs and triples (see :func:`features`).
        structure: language → grammar → log-probability of each error level of that grammar on
            the language's snippets (see :mod:`~mdread.render.code.detect_structure`).
        bias: Each language's constant term (a logistic regression's intercept, when one is
            folded into the rows; see ``bench/langdetect/train.py``).
        comments: A multinomial naive Bayes table of the same shape over :func:`comment_words`,
            asked only about blocks that are nothing but comments (see ``detect``).
    """

    labels: tuple[str, ...]
    base: tuple[float, ...]
    rows: Mapping[str, str]
    words: frozenset[str]
    structure: Mapping[str, Mapping[str, tuple[float, ...]]]
    bias: tuple[float, ...] = ()
    comments: TokenModel | None = None
    _parsed: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict, compare=False, repr=False)

    def weights(self, feature: str) -> tuple[tuple[int, float], ...]:
        """(language index, value) pairs of a known feature."""
        row = self._parsed.get(feature)
        if row is None:
            pairs = (item.split(":") for item in self.rows[feature].split())
            row = self._parsed[feature] = tuple((int(index), float(value)) for index, value in pairs)
        return row

    def scores(self, found: Iterable[str]) -> list[float]:
        """Each language's log-likelihood of a block's features (see :func:`features`)."""
        rows = self.rows
        known = [feature for feature in found if feature in rows]
        total = [len(known) * base + bias for base, bias in zip(self.base, self.bias or [0.0] * len(self.base),
                                                                 strict=True)]
        for feature in known:
            for index, value in self.weights(feature):
                total[index] += value
        return total

    def to_json(self) -> dict[str, object]:
        """The table as stored: the features and their rows as two newline-joined strings, in
        feature order (a feature never holds a newline: :func:`lex` ends tokens at line ends)."""
        ordered = sorted(self.rows)
        return {
            "labels": list(self.labels),
            "base": [round(value, 4) for value in self.base],
            "bias": [round(value, 4) for value in self.bias],
            "words": sorted(self.words),
            "structure": {name: {g: list(v) for g, v in table.items()} for name, table in self.structure.items()},
            "features": "\n".join(ordered),
            "rows": "\n".join(self.rows[feature] for feature in ordered),
            **({"comments": self.comments.to_json()} if self.comments is not None else {}),
        }


def pack(weights: Mapping[int, float]) -> str:
    """A row as stored: ``"index:value ..."``, values to two decimals (finer changed no answer)."""
    return " ".join(f"{index}:{value:.2f}".rstrip("0").rstrip(".") for index, value in sorted(weights.items()))


def from_json(data: Mapping[str, Any]) -> TokenModel:
    structure = {name: {g: tuple(v) for g, v in table.items()} for name, table in data["structure"].items()}
    features, rows = (data[key].split("\n") if data[key] else [] for key in ("features", "rows"))
    comments = from_json(data["comments"]) if "comments" in data else None
    return TokenModel(tuple(data["labels"]), tuple(data["base"]), Rows(features, rows), frozenset(data["words"]),
                      structure, tuple(data.get("bias", ())), comments)  # fmt: skip


def load() -> TokenModel:
    """The shipped model (package data beside this module)."""
    data = files(__package__).joinpath(MODEL_FILE).read_bytes()
    return from_json(json.loads(gzip.decompress(data)))
