"""Train the language-detection model and write the table mdread ships.

The corpus is the one ``build_corpus.py`` writes (``/work/corpora/langdetect/snippets.jsonl``).
Training is mostly counting: which snippets of each language show each feature of
:func:`mdread.render.code.detect_model.features` (a multinomial naive Bayes model), and how often
each grammar of :mod:`~mdread.render.code.detect_structure` breaks on them. A logistic regression
over the same features (scikit-learn, needed here only) is then folded into the same rows:
left one source out, the two together name more snippets right than either alone, and naive
Bayes alone beat an averaged perceptron and a complement naive Bayes (``RESULTS.md``).

Two rules keep source-specific habits out of the table: a name is kept as itself (rather than its
shape) only when several sources use it, and a feature only when several sources show it.

Run ``python bench/langdetect/train.py``; ``evaluate.py`` uses :func:`fit` for its folds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mdread.render.code import detect_model
from mdread.render.code.detect_model import Line, TokenModel, features, lex, pack
from mdread.render.code.detect_structure import FAMILIES, LEVELS, error_shares, level
from mdread.render.code.dialects import prepare

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = Path("/work/corpora/langdetect/snippets.jsonl")
SHIPPED = ROOT / "src" / "mdread" / "render" / "code" / detect_model.MODEL_FILE

LANGUAGES = (
    "bash", "c", "cpp", "csharp", "css", "diff", "docker", "go", "html", "java", "javascript", "json", "kotlin",
    "lua", "make", "markdown", "php", "python", "ruby", "rust", "scala", "sql", "swift", "text", "toml",
    "typescript", "xml", "yaml",
)  # fmt: skip
"""The languages the model names: those Markdown articles use, each given by several sources.
The corpus holds more (Rosetta Code supplies Clojure, Fortran, OCaml …); a language whose
snippets come from one source only cannot be learned in a way that holds elsewhere, and each
extra language is one more to confuse the common ones with, so those are left out."""
FOLDED = {"console": "bash"}
"""Labels the model does not tell apart: a shell session is a shell script with prompts, named
afterwards from its ``$`` prompts (see ``dialects.DIALECTS``)."""

ALPHA = 0.1
"""Additive smoothing of the feature counts (0.03 and 0.3 were each 0.3 % worse, left one source out)."""
COMMENT_ALPHA = 0.3
"""Additive smoothing of the comment words' counts (0.1: a few fewer right, left one source out)."""
WORD_SOURCES = 3
"""A name is kept as itself in token pairs and triples when this many sources use it."""
FEATURE_SOURCES = 2
"""A feature is kept when this many sources show it: what one source alone shows is its habit."""
MIN_SNIPPETS = 3
"""…and when at least this many snippets do."""
LR_WEIGHT = 10.0
"""How much a logistic regression over the same features counts beside naive Bayes. Token
scores alone, left one source out on the nine development sources: naive Bayes 86.8 %, the
regression 86.3 %, the two added at weight 3, 10, 20, 40: 88.0, 88.3, 88.0, 87.6 %."""
LR_C = 1.0
"""The regression's inverse regularisation (scikit-learn's ``C``; 0.1 was no better on two folds)."""
LR_KEEP = 0.5
"""A regression weight (times ``LR_WEIGHT``) for a language whose snippets never showed the
feature is kept only from this size: smaller ones barely move a score and would fill the table."""


@dataclass(frozen=True)
class Example:
    """One labelled snippet of the corpus."""

    source: str
    label: str
    text: str


def read(path: Path = CORPUS, languages: Sequence[str] = LANGUAGES) -> list[Example]:
    """The corpus's snippets of ``languages`` (labels folded as the model names them)."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            label = FOLDED.get(row["label"], row["label"])
            if label in languages:
                examples.append(Example(row["source"], label, row["text"]))
    return examples


def fit(
    examples: Sequence[Example],
    lexed: Sequence[list[Line]] | None = None,
    shares: Callable[[Example], dict[str, float]] | None = None,
    *,
    word_sources: int = WORD_SOURCES,
    feature_sources: int = FEATURE_SOURCES,
    lr_weight: float = LR_WEIGHT,
) -> TokenModel:
    """A model trained on ``examples``.

    Args:
        lexed: Each example's :func:`~mdread.render.code.detect_model.lex` lines, when already known.
        shares: Each example's grammar error shares (see ``detect_structure.error_shares``), when
            cached; by default every grammar parses every example, which takes minutes on the corpus.
        word_sources: How many sources must use a name for it to stand as itself.
        feature_sources: How many sources must show a feature for it to count.
        lr_weight: How much the logistic regression folded into the table counts (0: none).
    """
    lines = list(lexed) if lexed is not None else [lex(prepare(example.text)) for example in examples]
    named: dict[str, set[str]] = defaultdict(set)
    for example, found in zip(examples, lines, strict=True):
        for _, tokens in found:
            for is_name, token in tokens:
                if is_name:
                    named[token].add(example.source)
    words = frozenset(word for word, sources in named.items() if len(sources) >= word_sources)

    labels = tuple(sorted({example.label for example in examples}))
    index = {label: i for i, label in enumerate(labels)}
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    seen_in: dict[str, set[str]] = defaultdict(set)
    shown = [features(found, words) for found in lines]
    for example, found in zip(examples, shown, strict=True):
        label = index[example.label]
        for feature in found:
            counts[feature][label] += 1
            if len(seen_in[feature]) < feature_sources:
                seen_in[feature].add(example.source)
    kept = {
        feature: row
        for feature, row in counts.items()
        if len(seen_in[feature]) >= feature_sources and sum(row.values()) >= MIN_SNIPPETS
    }
    totals = [0] * len(labels)
    for row in kept.values():
        for label, n in row.items():
            totals[label] += n
    size = len(kept)
    base = tuple(math.log(ALPHA / (total + ALPHA * size)) for total in totals)
    weights = {feature: {label: math.log1p(n / ALPHA) for label, n in row.items()} for feature, row in kept.items()}
    bias: tuple[float, ...] = ()
    if lr_weight:
        bias = regression(shown, [index[example.label] for example in examples], weights, len(labels), lr_weight)
    rows = {feature: pack(row) for feature, row in weights.items()}
    return TokenModel(labels, base, rows, words, structure(examples, labels, shares or _parse), bias,
                      comments(examples, labels, feature_sources))  # fmt: skip


def comments(examples: Sequence[Example], labels: Sequence[str], feature_sources: int) -> TokenModel:
    """A multinomial naive Bayes table over the words of every snippet's comment lines.

    ``detect`` asks it only about blocks that are nothing but comments, where the code says
    nothing; every snippet's comments teach it (a comment-only piece is rare), and a word counts
    when several sources use it, as features do. Left one source out, blocks of ``#`` or ``//``
    comments alone were named right 82 times in 179 against 9 by the token model.
    """
    index = {label: i for i, label in enumerate(labels)}
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    seen_in: dict[str, set[str]] = defaultdict(set)
    for example in examples:
        for word in detect_model.comment_words(example.text):
            counts[word][index[example.label]] += 1
            seen_in[word].add(example.source)
    kept = {word: row for word, row in counts.items() if len(seen_in[word]) >= feature_sources}
    totals = [0] * len(labels)
    for row in kept.values():
        for label, n in row.items():
            totals[label] += n
    base = tuple(math.log(COMMENT_ALPHA / (total + COMMENT_ALPHA * len(kept))) for total in totals)
    rows = {word: pack({label: math.log1p(n / COMMENT_ALPHA) for label, n in row.items()})
            for word, row in kept.items()}  # fmt: skip
    return TokenModel(tuple(labels), base, rows, frozenset(), {})


def regression(found: Sequence[set[str]], labels: Sequence[int], weights: dict[str, dict[int, float]],
               classes: int, weight: float) -> tuple[float, ...]:
    """Fold a logistic regression over the features in ``weights`` into them; returns its intercepts.

    Naive Bayes counts each feature as if it were the only one; a regression weighs them
    together, so features that always come together are not counted twice. Added to the naive
    Bayes scores (``weight`` times its decision function), it names more held-out snippets right
    than either alone (``LR_WEIGHT``). Needs scikit-learn, for training only.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    column = {feature: i for i, feature in enumerate(weights)}
    indices: list[int] = []
    starts = [0]
    for features_of in found:
        indices.extend(sorted(column[feature] for feature in features_of if feature in column))
        starts.append(len(indices))
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, starts),
                               shape=(len(found), len(column)))
    model = LogisticRegression(C=LR_C, max_iter=300).fit(matrix, np.array(labels))
    classes_seen = [int(label) for label in model.classes_]
    for feature, i in column.items():
        row = weights[feature]
        for k, label in enumerate(classes_seen):
            value = weight * float(model.coef_[k, i])
            if label in row:
                row[label] += value
            elif abs(value) >= LR_KEEP:
                row[label] = value
    bias = [0.0] * classes
    for k, label in enumerate(classes_seen):
        bias[label] = weight * float(model.intercept_[k])
    return tuple(bias)


def structure(
    examples: Sequence[Example], labels: Sequence[str], shares: Callable[[Example], dict[str, float]]
) -> dict[str, dict[str, tuple[float, ...]]]:
    """For each language and grammar, the smoothed log-probability of each error level."""
    grammars = sorted({name for names in FAMILIES.values() for name in names})
    levels: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for example in examples:
        found = shares(example)
        for grammar in grammars:
            if grammar in found:
                levels[example.label, grammar][level(found[grammar])] += 1
    table: dict[str, dict[str, tuple[float, ...]]] = {}
    for label in labels:
        table[label] = {}
        for grammar in grammars:
            row = levels[label, grammar]
            total = sum(row.values()) + len(LEVELS) + 1
            table[label][grammar] = tuple(round(math.log((row[n] + 1) / total), 3) for n in range(len(LEVELS) + 1))
    return table


def _parse(example: Example) -> dict[str, float]:
    return error_shares(prepare(example.text), sorted({name for names in FAMILIES.values() for name in names}))


class ShareCache:
    """Grammar error shares of snippets (text → shares), kept beside the corpus: parsing every
    snippet in every grammar takes minutes, and ``evaluate.py`` and this script share the work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache: dict[str, dict[str, float]] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.added = 0

    def __call__(self, example: Example) -> dict[str, float]:
        found = self.cache.get(example.text)
        if found is None:
            found = self.cache[example.text] = _parse(example)
            self.added += 1
            if self.added % 2000 == 0:
                self.save()
                print(f"  parsed {self.added} snippets", file=sys.stderr, flush=True)
        return found

    def save(self) -> None:
        if self.added:
            self.path.write_bytes(pickle.dumps(self.cache))


def write(model: TokenModel, path: Path = SHIPPED) -> int:
    """Write ``model`` as the shipped table; returns its size in bytes."""
    text = json.dumps(model.to_json(), separators=(",", ":"), ensure_ascii=False)
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    examples = read(args.corpus)
    shares = ShareCache(args.corpus.parent / "parse-cache.pkl")
    model = fit(examples, shares=shares)
    shares.save()
    size = write(model, args.out)
    entries = sum(len(row.split()) for row in model.rows.values())
    print(f"{len(examples)} snippets, {len(model.labels)} languages → {len(model.rows)} features, "
          f"{entries} entries, {len(model.words)} names, {size / 1e6:.2f} MB at {args.out}")


if __name__ == "__main__":
    main()
