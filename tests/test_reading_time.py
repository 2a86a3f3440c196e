"""Reading time: exact for a post, estimated from slices for a text of megabytes."""

from __future__ import annotations

import random

from mdread import model
from mdread.model import reading_minutes


def _exact(text: str) -> float:
    words = len(text.split())
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return words / 230 + cjk / 400


def test_a_post_is_counted_exactly() -> None:
    assert reading_minutes("") == 0 and reading_minutes(" \n\t") == 0
    assert reading_minutes("one word") == 1
    assert reading_minutes("word " * 2300) == 10
    assert reading_minutes("汉字" * 2000) == 10


def test_megabytes_are_estimated_within_two_percent() -> None:
    rng = random.Random(7)
    words = ["kernel", "tensor", "的", "模型训练", "latency", "数据", "x", "pipeline"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(20, 400))) for _ in range(6000)]
    text = "\n\n".join(paragraphs)
    assert len(text) > model.ESTIMATE_FROM
    estimate, exact = reading_minutes(text), _exact(text)
    assert abs(estimate - exact) / exact < 0.02
