"""The language-detection model: the training pipeline on a small corpus, and the shipped table.

Training needs scikit-learn (a test and bench dependency, never a runtime one). The fixture
corpus is the project's own snippets in ``fixtures/langdetect``; the real corpus is rebuilt from
public repositories by ``bench/langdetect/build_corpus.py`` and never read here.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from mdread.render.code import detect, detect_model
from mdread.render.code.detect_model import features, from_json, load, tokens

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "langdetect"))

import train  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "langdetect"
SHIPPED = ROOT / "src" / "mdread" / "render" / "code" / detect_model.MODEL_FILE
HELD_OUT = {"01.txt", "02.txt"}


def _fixture_examples(held_out: bool) -> list[train.Example]:
    return [
        train.Example("fixture", train.FOLDED.get(path.parent.name, path.parent.name), path.read_text(encoding="utf-8"))
        for path in sorted(FIXTURES.glob("*/*.txt"))
        if (path.name in HELD_OUT) == held_out and path.parent.name in ("python", "go", "yaml", "sql", "rust")
    ]


def test_comments_and_strings_keep_only_their_markers() -> None:
    found = tokens('x = "a long string"  # says nothing\n')
    assert found == ["x", "^x", "=", '""', "#", "$#"]
    assert "says" not in found and "nothing" not in found


def test_training_on_a_small_corpus_gives_a_model_that_names_held_out_snippets(tmp_path: Path) -> None:
    model = train.fit(_fixture_examples(held_out=False))
    assert set(model.labels) == {"python", "go", "yaml", "sql", "rust"}
    held_out = _fixture_examples(held_out=True)
    right = sum(detect.classify(detect._prepare(e.text), model).language == e.label for e in held_out)
    assert right >= 0.8 * len(held_out), right

    path = tmp_path / "model.json.gz"
    train.write(model, path)
    again = from_json(json.loads(gzip.decompress(path.read_bytes())))
    sample = features(held_out[0].text)
    assert again.labels == model.labels
    assert again.scores(sample) == pytest.approx(model.scores(sample), abs=1e-3)


def test_the_shipped_model_is_package_data_of_a_few_megabytes() -> None:
    assert SHIPPED.stat().st_size < 3_000_000
    model = load()
    assert len(model.labels) >= 25
    assert {"python", "bash", "cpp", "c", "java", "javascript", "toml", "yaml", "text"} <= set(model.labels)


def test_every_answer_is_a_language_pygments_knows() -> None:
    from pygments.lexers import get_lexer_by_name

    for name in {*load().labels, *(dialect.name for dialect in detect.DIALECTS)}:
        get_lexer_by_name(name)
