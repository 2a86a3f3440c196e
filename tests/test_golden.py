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


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_plain_rendering_matches_golden(name: str, width: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--print", "--color", "never", "--width", str(width), str(ARTICLES[name])]) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / f"{name}.w{width}.txt"
    if os.environ.get("MDREAD_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
