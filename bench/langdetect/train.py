"""Train the language-detection model and write the table mdread ships.

The corpus is the one ``build_corpus.py`` writes (``/work/corpora/langdetect/snippets.jsonl``).
A linear support vector machine (scikit-learn's ``LinearSVC``, a training-time dependency only)
learns one weight per (feature, language) over :func:`mdread.render.code.detect_model.features`;
weights too small to change an answer are pruned, and the rest are written as gzipped JSON to
``src/mdread/render/code/detect_model.json.gz``, which mdread scores in plain Python.

Run ``python bench/langdetect/train.py``; ``evaluate.py`` uses :func:`fit` for its folds.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mdread.render.code import detect_model
from mdread.render.code.detect_model import TokenModel, features, pack

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = Path("/work/corpora/langdetect/snippets.jsonl")
SHIPPED = ROOT / "src" / "mdread" / "render" / "code" / detect_model.MODEL_FILE

FOLDED = {"console": "bash"}
"""Labels the model does not tell apart: a shell session is a shell script with prompts, named
afterwards from its ``$`` prompts (see ``detect.DIALECTS``)."""

C = 0.5
"""The SVM's regularisation: lower generalises across sources better (0.25–1 were within 0.5 %)."""
MIN_SNIPPETS = 3
"""A feature seen in fewer snippets is left out: it cannot generalise and only grows the table."""
PRUNE = 0.05
"""Weights smaller than this are dropped: together they moved fewer than 0.1 % of answers."""


@dataclass(frozen=True)
class Example:
    """One labelled snippet of the corpus."""

    source: str
    label: str
    text: str


def read(path: Path = CORPUS) -> list[Example]:
    examples = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            examples.append(Example(row["source"], FOLDED.get(row["label"], row["label"]), row["text"]))
    return examples


def fit(examples: Sequence[Example], found: Sequence[dict[str, float]] | None = None, *, c: float = C) -> TokenModel:
    """A model trained on ``examples`` (whose features may be given, in the same order).

    Every language is weighted alike whatever its share of the corpus (``class_weight='balanced'``):
    a reader's articles are not distributed like the training sources.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.preprocessing import normalize
    from sklearn.svm import LinearSVC

    rows = list(found) if found is not None else [features(example.text) for example in examples]
    seen: Counter[str] = Counter()
    for row in rows:
        seen.update(row)
    kept = [{k: v for k, v in row.items() if seen[k] >= MIN_SNIPPETS} for row in rows]
    vectorizer = DictVectorizer()
    matrix = normalize(vectorizer.fit_transform(kept))
    labels = [example.label for example in examples]
    svm = LinearSVC(C=c, class_weight="balanced").fit(matrix, labels)
    classes = [str(label) for label in svm.classes_]
    coef = svm.coef_ if len(classes) > 2 else [-svm.coef_[0], svm.coef_[0]]
    bias = svm.intercept_ if len(classes) > 2 else [-svm.intercept_[0], svm.intercept_[0]]
    rows: dict[str, str] = {}
    for column, name in enumerate(vectorizer.get_feature_names_out()):
        weights = {index: float(coef[index][column]) for index in range(len(classes))}
        rows[str(name)] = pack({index: weight for index, weight in weights.items() if abs(weight) >= PRUNE})
    return TokenModel(tuple(classes), tuple(float(b) for b in bias), rows)


def write(model: TokenModel, path: Path = SHIPPED) -> int:
    """Write ``model`` as the shipped table; returns its size in bytes."""
    data = gzip.compress(json.dumps(model.to_json(), separators=(",", ":")).encode(), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def summary(examples: Iterable[Example]) -> str:
    counts = Counter(example.label for example in examples)
    return f"{sum(counts.values())} snippets, {len(counts)} languages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    examples = read(args.corpus)
    model = fit(examples)
    size = write(model, args.out)
    entries = sum(len(row.split()) for row in model.rows.values())
    print(f"{summary(examples)} → {len(model.rows)} features, {entries} weights, {size / 1e6:.2f} MB at {args.out}")


if __name__ == "__main__":
    main()
