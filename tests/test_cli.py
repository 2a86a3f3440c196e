"""The command line as a user runs it: its stdout, stderr and exit status (in-process, see ``clikit``)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from clikit import run
from conftest import FIXTURES, SAMPLES

TOUR = FIXTURES / "render" / "tour.md"
ESC = "\x1b"


def test_renders_plain_when_piped() -> None:
    res = run(str(TOUR))
    assert res.returncode == 0, res.stderr
    assert ESC not in res.stdout
    assert "A tour of every block" in res.stdout and "def train(model" in res.stdout
    assert max(cell_len(line) for line in res.stdout.splitlines()) <= 80


def test_color_always_and_no_color() -> None:
    colored = run("--color=always", str(TOUR))
    assert "\x1b[" in colored.stdout
    assert ESC not in run(str(TOUR), env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" in run(str(TOUR), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run(str(TOUR), env={"CLICOLOR_FORCE": "1"}).stdout
    assert ESC not in run("--color=never", str(TOUR), env={"FORCE_COLOR": "1"}).stdout


@pytest.mark.parametrize("width", [20, 60, 100])
def test_width_is_never_exceeded(width: int) -> None:
    res = run("--width", str(width), str(TOUR))
    assert res.returncode == 0
    assert max(cell_len(line) for line in res.stdout.splitlines()) <= width


def test_columns_env_sets_piped_width() -> None:
    res = run(str(TOUR), env={"COLUMNS": "50"})
    assert max(cell_len(line) for line in res.stdout.splitlines()) <= 50


def test_toc() -> None:
    res = run("--toc", str(TOUR))
    assert res.stdout == "1 代码 高亮\n  1.1 Python 代码\n  1.2 Tables and lists\n"


def test_section_by_number_and_text() -> None:
    by_number = run("--section", "1.1", str(TOUR))
    assert "def train" in by_number.stdout and "Language" not in by_number.stdout
    by_text = run("--section", "python", str(TOUR))
    assert by_text.stdout == by_number.stdout


def test_section_unknown_and_ambiguous() -> None:
    unknown = run("--section", "nowhere", str(TOUR))
    assert unknown.returncode == 2 and "candidates" in unknown.stderr and len(unknown.stderr.splitlines()) == 1
    ambiguous = run("--section", "代码", str(TOUR))
    assert ambiguous.returncode == 2 and "ambiguous" in ambiguous.stderr


def test_code_is_byte_exact() -> None:
    res = run("--code", "2", str(TOUR))
    assert res.stdout == "no language here\n\ttab-indented line\n"
    missing = run("--code", "9", str(TOUR))
    assert missing.returncode == 2 and "has 2" in missing.stderr


def test_lang_override_and_errors() -> None:
    res = run("--lang", "2=c++", "--json", str(TOUR))
    blocks = json.loads(res.stdout)["code_blocks"]
    assert blocks[1]["highlighted_as"] == "cpp"
    assert "cpp" in run("--lang", "2=c++", str(TOUR)).stdout
    bad = run("--lang", "2=pythn", str(TOUR))
    assert bad.returncode == 2 and "python" in bad.stderr
    assert run("--lang", "7=python", str(TOUR)).returncode == 2
    assert run("--lang", "nonsense", str(TOUR)).returncode == 2


def test_json() -> None:
    data = json.loads(run("--json", str(TOUR)).stdout)
    meta = data["metadata"]
    assert meta["title"] == "A tour of every block"
    assert meta["date"] == "2025-06-01T09:15:00+02:00"
    assert meta["tags"] == ["tour", "测试"] and meta["categories"] == ["docs"]
    assert data["sections"][0]["title"] == "代码 高亮"
    assert [c["title"] for c in data["sections"][0]["children"]] == ["Python 代码", "Tables and lists"]
    assert data["code_blocks"][0] == {
        "index": 1, "language": "python", "detected": None, "suggested": None, "highlighted_as": "python",
        "section": "1.1",
        "line_start": 19, "line_end": 25,
    }
    assert data["code_blocks"][1]["language"] is None


def test_json_reports_detected_and_suggested_languages(tmp_path: Path) -> None:
    post = tmp_path / "p.md"
    post.write_text("```\nSELECT name FROM users WHERE id = 1;\n```\n\n```cpp\n__global__ void k() {}\n"
                    "int main() { k<<<1, 1>>>(); }\n```\n", encoding="utf-8")
    blocks = json.loads(run("--json", str(post)).stdout)["code_blocks"]
    assert (blocks[0]["language"], blocks[0]["detected"], blocks[0]["suggested"]) == (None, "sql", None)
    assert (blocks[1]["language"], blocks[1]["detected"], blocks[1]["suggested"]) == ("cpp", None, "cuda")
    assert "sql (detected)" in run(str(post)).stdout


def test_source_and_stdin() -> None:
    raw = TOUR.read_bytes()
    assert run("--source", str(TOUR)).stdout.encode() == raw
    piped = run("-", stdin=raw)
    assert piped.returncode == 0 and piped.stdout.splitlines()[0] == "A tour of every block"
    assert piped.stdout == run(str(TOUR)).stdout
    assert run("--toc", stdin=raw).stdout == run("--toc", str(TOUR)).stdout


def test_theme_options() -> None:
    themes = run("--list-themes").stdout.split()
    assert "monokai" in themes and "github-dark" in themes
    assert run("--theme", "github-dark", "--color=always", str(TOUR)).returncode == 0
    bad = run("--theme", "monokay", str(TOUR))
    assert bad.returncode == 2 and "monokai" in bad.stderr


def test_line_numbers() -> None:
    out = run("--line-numbers", str(TOUR)).stdout
    assert re.search(r"│ 1 def train", out)


def test_version_and_help() -> None:
    version = run("--version")
    assert re.fullmatch(r"mdread \S+\n", version.stdout)
    helptext = run("--help").stdout
    assert "examples:" in helptext and "--section" in helptext


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["/no/such/file.md"], 1, "no such file"),
        (["--code", "1", str(FIXTURES)], 1, "is a directory"),
        (["--width", "5", str(TOUR)], 2, "between 20 and 1000"),
        (["--color", "sometimes", str(TOUR)], 2, "invalid choice"),
        (["--toc", "--json", str(TOUR)], 2, "not allowed with"),
        (["--code", "0", str(TOUR)], 2, "not a positive number"),
        (["--encoding", "no-such-codec", str(TOUR)], 2, "unknown encoding"),
    ],
)
def test_error_paths(args: list[str], code: int, message: str) -> None:
    res = run(*args)
    assert res.returncode == code
    assert message in res.stderr
    assert "Traceback" not in res.stderr


def test_not_text_file(tmp_path: Path) -> None:
    binary = tmp_path / "blob.md"
    binary.write_bytes(bytes(range(256)) * 8)
    res = run(str(binary))
    assert res.returncode == 1 and res.stderr.strip() == f"mdread: {binary}: not a text file"


def test_permission_denied(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    locked = tmp_path / "locked.md"
    locked.write_text("# x\n")
    locked.chmod(0)
    res = run(str(locked))
    assert res.returncode == 1 and "permission denied" in res.stderr


def test_broken_frontmatter_warns_but_renders(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: [oops\n---\n# Still here\n")
    res = run(str(post))
    assert res.returncode == 0 and "Still here" in res.stdout
    assert "broken frontmatter" in res.stderr and len(res.stderr.splitlines()) == 1


def test_every_sample_post_renders() -> None:
    posts = sorted(SAMPLES.glob("*.md")) + sorted(SAMPLES.glob("*.markdown"))
    assert len(posts) >= 10
    for post in posts:
        res = run("--width", "72", str(post))
        assert res.returncode == 0, (post, res.stderr)
        assert ESC not in res.stdout
        assert max(cell_len(line) for line in res.stdout.splitlines()) <= 72


def test_the_command_releases_the_garbage_collector_it_held_while_loading() -> None:
    """`mdread` holds the cyclic collector through its imports; the face must find it running again."""
    import subprocess
    import sys

    probe = (
        "import gc, sys\n"
        "from mdread import cli\n"
        "from mdread.faces.pipe import article\n"
        "def write_article(*a, **k):\n"
        "    print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "    return 0\n"
        "article.write_article = write_article\n"
        f"sys.argv = ['mdread', '--no-cache', {str(SAMPLES / 'cuda-kernels.md')!r}]\n"
        "cli.run()\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]
