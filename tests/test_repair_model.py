"""Tests for the n-gram model behind mojibake repair, and its training.

Fixtures under fixtures/repair/ are short sentences written for these tests,
one file per script; `tools/damage.py` damages them as the real round trip
does and repair must bring them back.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mdread.load.repair import repair
from mdread.load.repair.model import JAPANESE_MODEL_PATH, MODEL_PATH, Model, choose, droppable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from damage import damage  # noqa: E402
from train_repair import count, train, word_entries  # noqa: E402

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "repair").glob("*.md"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_damaged_fixture_comes_back(path: Path) -> None:
    """Each script's sentences come back with at most 5 % of their characters misread.

    The sentences hold words the training text (documentation, mostly) barely
    has, such as 震荡 and 每分钟, so a miss or two is allowed; the held-out
    figures in bench/repair/RESULTS.md measure the rate on real text.
    """
    original = path.read_text(encoding="utf-8")
    damaged = damage(original)
    assert damaged != original
    result = repair(damaged)
    assert result is not None
    assert len(result.text) == len(original)
    misses = [(a, b) for a, b in zip(original, result.text, strict=True) if a != b]
    assert len(misses) <= max(1, 0.05 * sum(ord(c) > 127 for c in original)), misses


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_honest_fixture_is_left_alone(path: Path) -> None:
    assert repair(path.read_text(encoding="utf-8")) is None


def test_shipped_model_loads_and_knows_every_script() -> None:
    model = Model.load(MODEL_PATH)
    for char in "的の한сяέρçşłí":
        assert char in model.unigrams, char
    assert MODEL_PATH.stat().st_size < 8_000_000


def test_shipped_japanese_model_loads_and_knows_japanese() -> None:
    model = Model.load(JAPANESE_MODEL_PATH)
    for char in "のをア解漢":
        assert char in model.unigrams, char
    assert JAPANESE_MODEL_PATH.stat().st_size < 5_000_000


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "ngrams.bin"
    junk.write_bytes(b"not a model at all, just some bytes")
    with pytest.raises(ValueError, match="not a repair model"):
        Model.load(junk)


def test_codebook_stands_for_every_value_closely() -> None:
    """32 levels for log-probabilities spread over 20 nats: none is off by more than a third of a nat."""
    from mdread.load.repair.model import codebook

    values = [-(i % 997) / 50 for i in range(20_000)]
    book = codebook(values, 32)
    assert len(book) == 32 and book == sorted(book)
    assert max(min(abs(v - c) for c in book) for v in values) < 0.34


def test_written_entries_read_back_within_their_codebook_step(tmp_path: Path) -> None:
    from mdread.load.repair.model import BACKOFF_TAG, write

    pairs = [a + b for a in "abcdefghij" for b in "klmnopqrst"]
    entries = {f"{ab}反": -((i * 7) % 150) / 10 for i, ab in enumerate(pairs)}
    entries |= {BACKOFF_TAG + k: -1.5 for k in ("前向", "反向")}
    path = tmp_path / "tiny.bin"
    write(path, {"a": -3.0, "反": -5.0}, entries)
    loaded = Model.load(path)
    assert loaded.unigrams["反"] == -5.0
    for text, logp in entries.items():
        assert abs(loaded.get(text) - logp) < 0.3, text
    assert loaded.get("never stored") is None


def test_context_decides_between_readings_of_the_same_bytes() -> None:
    """反 and 偏 both keep only their lead byte; what came before tells them apart."""
    assert damage("反") == damage("偏") and droppable("反") and droppable("偏")
    slots = [[c] for c in "前向传播，"] + [["偏", "反"]] + [[c] for c in "向传播。"]
    assert choose(slots)[5].char == "反"


def test_training_pipeline_on_a_tiny_corpus(tmp_path: Path) -> None:
    from mdread.load.repair.model import write

    texts = ["先做前向传播，再做反向传播。反向传播求梯度。\n"] * 20 + ["偏向一边。\n"] * 3
    texts += ["Эта функция возвращает список. Используйте эту функцию.\n"] * 5
    chars, entries = train(count(texts), min_count=2)
    path = tmp_path / "tiny.bin"
    write(path, chars, entries | word_entries(texts, min_count=2))
    tiny = Model.load(path)

    slots = [[c] for c in "前向传播，"] + [["偏", "反"]] + [[c] for c in "向传播。"]
    assert choose(slots, tiny)[5].char == "反"
    assert tiny.word("функцию") > tiny.word("функциэ")
    assert tiny.logp("反向传", "播") > tiny.logp("反向传", "偏")


def test_word_endings_agree_across_words(tmp_path: Path) -> None:
    """After Russian к the dative -ию beats the genitive -ия, though both words are as common.

    The pair к приложению never occurs in the tiny corpus; only other nouns
    in -нию follow к (their -ния forms follow other words), and the ending
    model carries that over. Without it the two readings are a close call.
    """
    from mdread.load.repair.model import write

    texts = ["Вернитесь к заданию сейчас. Перейдите к решению сейчас.\n"] * 5
    texts += ["Копия задания здесь. Суть решения здесь.\n"] * 5
    texts += ["Меню приложения открыто. Благодаря приложению открыто.\n"] * 5
    chars, entries = train(count(texts), min_count=2)
    path = tmp_path / "tiny.bin"
    write(path, chars, entries | word_entries(texts, min_count=2))
    tiny = Model.load(path)

    assert tiny.agreement("к", "приложению") > 0 > tiny.agreement("к", "приложения")
    slots = [[c] for c in "Доступ к приложени"] + [["я", "ю"]] + [[c] for c in " есть."]
    choice = choose(slots, tiny)[18]
    assert choice.char == "ю" and choice.margin > 1.5
