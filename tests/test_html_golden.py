"""HTML and blog-engine forms as the pipe face shows them, compared with reviewed golden files.

One fixture per family of HTML tags (``tests/fixtures/html``) and per blog
engine's habits (``tests/fixtures/blog``), each drawn at 40 and 80 columns.
Run with MDREAD_UPDATE_GOLDEN=1 to rewrite the golden files after an
intended change, then read the diff before committing it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from conftest import FIXTURES
from mdread.cli import main
from mdread.faces.pipe.output import write_document
from mdread.load.source import load
from mdread.parse import parse
from mdread.render import RenderContext
from mdread.render.layout import Layout

GOLDEN = Path(__file__).parent / "golden" / "forms"
FORMS = sorted([*(FIXTURES / "html").glob("*.md"), *(FIXTURES / "blog").glob("*.md")])


def _name(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("post", FORMS, ids=_name)
def test_forms_match_golden(post: Path, width: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--print", "--color", "never", "--width", str(width), str(post)]) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / f"{_name(post)}.w{width}.txt"
    if os.environ.get("MDREAD_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("post", FORMS, ids=_name)
def test_the_reader_draws_the_lines_the_pipe_writes(post: Path) -> None:
    """Both faces lay blocks out through :mod:`mdread.render`: the reader's rows are the pipe's lines."""
    doc = parse(load(str(post)).text, path=str(post))
    ctx = RenderContext(width=70)
    out = io.StringIO()
    write_document(doc, ctx, out, None, header=False, workers=0)
    layout = Layout(doc, ctx)
    rows: list[str] = []
    for block in range(layout.items):
        rows.extend([""] if block else [])
        rows.extend("".join(segment.text for segment in line) for line in layout.lines(block))
    assert [row.rstrip() for row in rows] == [line.rstrip() for line in out.getvalue().splitlines()]
