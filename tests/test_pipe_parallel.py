"""The pipe face drawn by forked workers writes exactly the bytes the serial path writes."""

from __future__ import annotations

import io
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mdread.faces.pipe import output as pipe
from mdread.model import Document
from mdread.parse import parallel as forked
from mdread.parse import parse
from mdread.render import RenderContext
from mdread.render.code import grammars_for

FENCE = "`" * 3
CODE = {
    "python": "def f(x: int) -> int:\n    return x * 2  # 注释\n",
    "cuda": "__global__ void k(float* a) { a[threadIdx.x] *= 2.0f; }\n",
    "sql": "SELECT id, name FROM users WHERE id > 10 ORDER BY name;\n",
    "yaml": "jobs:\n  test:\n    runs-on: ubuntu-latest\n",
    "rust": 'fn main() { println!("{}", "x".repeat(140)); }\n',
    "": "$ make\tall\n",
}


def article(blocks: int, seed: int = 7) -> str:
    """A long article mixing every kind of block, so spans cut between all of them."""
    rng = random.Random(seed)
    parts = ["# Parallel\n"]
    for i in range(blocks):
        kind = rng.choice(["h2", "h3", "para", "zh", "code", "code", "table", "list", "quote"])
        if kind in ("h2", "h3"):
            parts.append(f"{'#' * int(kind[1])} Section {i}\n")
        elif kind == "para":
            parts.append(f"Paragraph {i} with **bold**, `code` and a [link](https://example.org/{i}). " * 3)
        elif kind == "zh":
            parts.append("中文段落，包含一些汉字和标点。" * 8)
        elif kind == "code":
            lang = rng.choice(list(CODE))
            parts.append(f"{FENCE}{lang}\n{CODE[lang] * rng.randint(1, 4)}{FENCE}")
        elif kind == "table":
            parts.append("| a | b |\n|---|--:|\n| 1 | 二 |\n| x | **y** |")
        elif kind == "list":
            parts.append("- one\n- [x] done\n  1. nested\n")
        else:
            parts.append("> quoted `text`\n> 引用")
    parts.append("A note.[^1]\n\n[^1]: The footnote.")
    return "\n\n".join(parts) + "\n"


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture
def doc() -> Document:
    return parse(article(400))


def render(doc: Document, workers: int, color: str | None = "truecolor", **kwargs: object) -> str:
    out = io.StringIO()
    pipe.write_document(doc, RenderContext(width=72, line_numbers=True), out, color, workers=workers, **kwargs)
    return out.getvalue()


@linux_only
@pytest.mark.parametrize("color", ["truecolor", "256", None])
def test_parallel_output_is_byte_identical(doc: Document, color: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipe, "SPAN_LINES", 15)
    monkeypatch.setattr(pipe, "FIRST_SPAN_LINES", 5)
    assert len(pipe.spans(doc, 0, len(doc.blocks))) > 10
    serial = render(doc, 0, color)
    assert render(doc, 1, color) == serial
    assert render(doc, 2, color) == serial


@linux_only
def test_parallel_section_range_is_byte_identical(doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipe, "SPAN_LINES", 10)
    start, end = len(doc.blocks) // 3, 2 * len(doc.blocks) // 3
    serial = render(doc, 0, start=start, end=end, header=False)
    assert serial.startswith(render(doc, 0, start=start, end=start + 1, header=False))
    assert render(doc, 1, start=start, end=end, header=False) == serial


def test_spans_cover_every_block_once(doc: Document) -> None:
    runs = pipe.spans(doc, 3, len(doc.blocks) - 2)
    assert runs[0][0] == 3 and runs[-1][1] == len(doc.blocks) - 2
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in itertools.pairwise(runs))


@linux_only
def test_only_long_articles_fork(doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    assert pipe.default_workers(doc, 0, len(doc.blocks)) == 0
    monkeypatch.setattr(pipe, "PARALLEL_LINES", 100)
    cores = len(os.sched_getaffinity(0))
    assert pipe.default_workers(doc, 0, len(doc.blocks)) == (cores if cores > 1 else 0)
    assert pipe.default_workers(doc, 5, 6) == 0


@linux_only
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(article(6000), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "mdread", "--print", "--color=always", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while not workers and proc.poll() is None and time.monotonic() < deadline:
        workers = children.read_text().split() if children.exists() else []
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    assert workers, "the article was drawn without workers"
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}/cmdline").exists() and Path(f"/proc/{pid}/cmdline").read_bytes()
                   for pid in workers)


def _long_article_without_definitions() -> str:
    text = article(3000)
    return text[: text.index("A note.[^1]")]


def test_the_top_is_handed_over_first_and_starts_the_whole() -> None:
    text = _long_article_without_definitions()
    tops: list[tuple[Document, bool]] = []
    whole = forked.parse_parts(text, on_first=lambda top, settled: tops.append((top, settled)))
    assert len(tops) == 1 and tops[0][1] and 0 < len(tops[0][0].blocks) < len(whole.blocks) // 2
    top = tops[0][0]
    assert top.blocks == whole.blocks[: len(top.blocks)]
    assert top.metadata == whole.metadata and top.reading_minutes == whole.reading_minutes
    assert [s.number for s in top.sections] == [s.number for s in whole.sections[: len(top.sections)]]
    assert whole == parse(text)


def test_an_early_top_is_not_settled_when_a_later_heading_could_be_the_title() -> None:
    text = _long_article_without_definitions().replace("# Parallel\n", "Untitled start.\n", 1)
    settled: list[bool] = []
    forked.parse_parts(text, on_first=lambda top, final: settled.append(final))
    assert settled == [False]


def test_the_command_writes_the_top_early_and_the_same_bytes(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    text = _long_article_without_definitions()
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "COLORTERM": "truecolor", "MDREAD_CONFIG_DIR": str(tmp_path / "config"),
           "MDREAD_STATE_DIR": str(tmp_path / "state")}
    env.pop("NO_COLOR", None)
    res = subprocess.run([sys.executable, "-m", "mdread", "--print", "--color=always", "--width", "72", str(path)],
                         capture_output=True, env=env, check=True)
    out = io.StringIO()
    ctx = RenderContext(width=72, grammars=grammars_for(text))
    pipe.write_document(parse(text, path=str(path)), ctx, out, "truecolor", workers=0)
    assert res.stdout.decode("utf-8") == out.getvalue()
