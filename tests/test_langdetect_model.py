"""The language-detection model: its tokens, the training pipeline on a small corpus, the shipped table.

Training is plain Python (``bench/langdetect/train.py``), so these tests need nothing beyond the
package. The fixture corpus is the project's own snippets in ``fixtures/langdetect``; the real
corpus is rebuilt from public repositories by ``bench/langdetect/build_corpus.py`` and never read here.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from mdread.render.code import detect, detect_model, dialects
from mdread.render.code.detect_model import features, from_json, lex, load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "langdetect"))

import train  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "langdetect"
SHIPPED = ROOT / "src" / "mdread" / "render" / "code" / detect_model.MODEL_FILE
HELD_OUT = {"01.txt", "02.txt"}
TRAINED = ("python", "go", "yaml", "sql", "rust", "c", "cpp")


def _fixture_examples(held_out: bool) -> list[train.Example]:
    return [
        train.Example(path.parent.name, path.parent.name, path.read_text(encoding="utf-8"))
        for path in sorted(FIXTURES.glob("*/*.txt"))
        if (path.name in HELD_OUT) == held_out and path.parent.name in TRAINED
    ]


def _tokens(code: str) -> list[str]:
    return [token for _, tokens in lex(code) for _, token in tokens]


def test_comments_and_strings_keep_only_their_markers() -> None:
    found = _tokens('x = "a long string"  # says nothing\n')
    assert found == ["x", "=", '""', "¢#"]


def test_floor_division_is_not_a_comment() -> None:
    assert _tokens("half = (n + 1) // 2  # rounded up\n") == ["half", "=", "(", "n", "+", "0", ")", "//", "0", "¢#"]
    assert _tokens("y = x // 2\n")[-2:] == ["//", "0"]
    assert _tokens("int x = 1; // one\n")[-1] == "¢//"
    assert _tokens("    // a C++ comment about x\n") == ["¢//"]


def test_unknown_names_stand_as_their_shape() -> None:
    found = features("my_total = getValue()\n", words={"getValue"})
    assert "^ ~a_b =" in found and "= getValue (" in found
    assert not any("my_total " in feature for feature in found)


def test_training_on_a_small_corpus_gives_a_model_that_names_held_out_snippets(tmp_path: Path) -> None:
    """Each fixture language stands for a source here, so names and features need only one."""
    examples = _fixture_examples(held_out=False)
    model = train.fit(examples, word_sources=1, feature_sources=1)
    assert set(model.labels) == set(TRAINED)
    assert model.structure["cpp"]["c"] != model.structure["c"]["c"], "the grammars' verdicts were learned"
    held_out = _fixture_examples(held_out=True)
    right = sum(detect.classify(dialects.prepare(e.text), model).language == e.label for e in held_out)
    assert right >= 0.8 * len(held_out), right

    path = tmp_path / "model.json.gz"
    train.write(model, path)
    again = from_json(json.loads(gzip.decompress(path.read_bytes())))
    sample = features(held_out[0].text, again.words)
    assert again.labels == model.labels and again.words == model.words
    assert len(again.rows) == len(model.rows) and all(again.rows[f] == model.rows[f] for f in model.rows)
    assert "no such feature" not in again.rows
    assert again.scores(sample) == pytest.approx(model.scores(sample), abs=0.1)
    assert again.comments is not None and model.comments is not None
    assert again.comments.rows.keys() == model.comments.rows.keys()


def test_the_comment_table_is_learned_from_every_snippets_comments() -> None:
    """Words that only one language's comments use point to that language, and a block made of
    nothing but comments is named among the languages sharing its marker by them."""
    examples = [
        train.Example("a", "python", "# a list comprehension builds the list\nxs = [x for x in ys]\n"),
        train.Example("b", "python", "# the dict maps each key to a list\nd = {}\n"),
        train.Example("a", "bash", "# pipe the output to grep\nls | grep txt\n"),
        train.Example("b", "bash", "# grep the output of the command\necho hi | grep h\n"),
        train.Example("a", "go", "// a goroutine sends on the channel\ngo f(ch)\n"),
        train.Example("b", "go", "// the channel is closed by the goroutine\nclose(ch)\n"),
    ]
    table = train.comments(examples, ("bash", "go", "python"), feature_sources=2)
    assert "list" in table.rows and "grep" in table.rows and "goroutine" in table.rows
    assert "comprehension" not in table.rows, "one source's word does not count"
    model = train.fit(examples, word_sources=1, feature_sources=1)
    assert detect.classify("# turn the list into a dict\n", model).language == "python"
    assert detect.classify("# grep its output\n#   and count\n", model).language == "bash"
    assert detect.classify("// wait on the channel\n", model).language == "go"


def test_the_shipped_model_is_package_data_of_a_few_megabytes() -> None:
    assert SHIPPED.stat().st_size < 3_000_000
    model = load()
    assert len(model.labels) >= 25
    assert {"python", "bash", "cpp", "c", "java", "javascript", "toml", "yaml", "text"} <= set(model.labels)


def test_every_answer_is_a_language_pygments_knows() -> None:
    from pygments.lexers import get_lexer_by_name

    for name in {*load().labels, *(dialect.name for dialect in dialects.DIALECTS)}:
        get_lexer_by_name(name)
