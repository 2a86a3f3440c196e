"""The labels checked by reading in ``bench/langdetect/audit.jsonl`` and the estimate ``audit.py`` makes from them.

The corpus itself is never read here (CI cannot fetch it): the rows are checked against the rubric
they were read under, and the estimator against small populations whose answer is known.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "langdetect"))

import audit  # noqa: E402
import train  # noqa: E402

ROWS = [json.loads(line) for line in audit.AUDIT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_reading_follows_the_rubric() -> None:
    names = set(train.LANGUAGES)
    for row in ROWS:
        languages = set(row["languages"])
        assert languages and languages <= names, row
        if row["verdict"] == "right":
            assert languages == {row["label"]}, row
        elif row["verdict"] == "ambiguous":
            assert row["label"] in languages and len(languages) > 1, row
        else:
            assert row["verdict"] == "wrong" and row["label"] not in languages, row


def test_the_design_sizes_the_groups_the_readings_came_from() -> None:
    design = json.loads(audit.DESIGN.read_text(encoding="utf-8"))
    assert set(design) == set(train.LANGUAGES)
    read_in = Counter((row["label"], row["matched"]) for row in ROWS)
    for (label, matched), count in read_in.items():
        assert count <= design[label][not matched]


def test_the_draws_are_as_documented_and_no_snippet_is_read_twice() -> None:
    assert Counter(row["draw"] for row in ROWS) == {"random": 1200, "apart": 1000}
    assert len({row["key"] for row in ROWS}) == len(ROWS)


def test_fully_read_strata_give_the_exact_share_and_no_doubt() -> None:
    value, half = audit.estimate({"a": (10, 10, 7), "b": (30, 30, 30)})
    assert value == pytest.approx(37 / 40)
    assert half == 0.0


def _reading(label: str, languages: set[str], verdict: str = "right", matched: bool = True) -> audit.Reading:
    return audit.Reading("src", label, verdict, frozenset(languages), "random", matched)


def test_the_groups_are_weighted_by_their_size_in_the_corpus() -> None:
    # 90 answers match their label and 10 do not; of the 4 unmatched read, the reading takes 2.
    readings = [_reading("c", {"c"})] * 4 + [_reading("cpp", {"cpp", "c"}, "ambiguous", False)] * 2 + [
        _reading("cpp", {"cpp"}, matched=False)
    ] * 2
    answers = ["c"] * 4 + ["c"] * 2 + ["c"] * 2
    sizes = Counter({("c", True): 90, ("cpp", False): 10})
    value, half, floor = audit.stratified(readings, answers, sizes, audit.in_reading)
    assert value == pytest.approx(0.9 + 0.1 * 0.5)
    assert half > 0 and not floor


def test_the_groups_are_those_of_the_drawing_whatever_the_answers_now() -> None:
    # A changed detector now answers the unmatched snippets right: they stay in their group.
    readings = [_reading("c", {"c"})] * 4 + [_reading("cpp", {"cpp"}, matched=False)] * 4
    sizes = Counter({("c", True): 90, ("cpp", False): 10})
    value, _, _ = audit.stratified(readings, ["c"] * 4 + ["cpp"] * 4, sizes, audit.in_reading)
    assert value == pytest.approx(1.0)


def test_a_label_read_too_little_gets_a_floor_that_forgives_nothing() -> None:
    readings = [_reading("cpp", {"cpp", "c"}, "ambiguous", False)] * 3 + [_reading("cpp", {"cpp"})] * audit.MIN_READ
    answers = ["c"] * 3 + ["cpp"] * audit.MIN_READ
    sizes = Counter({("cpp", True): 80, ("cpp", False): 20})
    value, _, floor = audit.stratified(readings, answers, sizes, audit.in_reading, "cpp")
    assert floor
    assert value == pytest.approx(0.8)
