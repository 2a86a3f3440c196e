"""The pipe face's plain output, compared with reviewed golden files.

Run with MDREAD_UPDATE_GOLDEN=1 to rewrite them after an intended change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLES
from mdread.cli import main

GOLDEN = Path(__file__).parent / "golden"
ARTICLES = {
    "tour": FIXTURES / "render" / "tour.md",
    "cuda-kernels": SAMPLES / "cuda-kernels.md",
    "zh-cuda-shared-memory": SAMPLES / "zh-cuda-shared-memory.md",
    "python-structured-logging": SAMPLES / "python-structured-logging.markdown",
}


PROSE = {
    "cjk-wrap": FIXTURES / "render" / "cjk-wrap.md",
    "math": FIXTURES / "render" / "math.md",
}
"""Articles about how prose is laid out, checked at narrow widths too."""


def _matches_golden(path: Path, name: str, width: int, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    assert main(["--print", "--color", "never", "--width", str(width), *extra, str(path)]) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / f"{name}.w{width}.txt"
    if os.environ.get("MDREAD_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_plain_rendering_matches_golden(name: str, width: int, capsys: pytest.CaptureFixture[str]) -> None:
    _matches_golden(ARTICLES[name], name, width, capsys)


@pytest.mark.parametrize("width", [20, 40, 80])
@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_layout_matches_golden(name: str, width: int, capsys: pytest.CaptureFixture[str]) -> None:
    _matches_golden(PROSE[name], name, width, capsys)


@pytest.mark.parametrize("width", [20, 40, 80])
def test_hard_breaks_match_golden(width: int, capsys: pytest.CaptureFixture[str]) -> None:
    _matches_golden(FIXTURES / "render" / "breaks.md", "breaks", width, capsys, "--breaks")
