"""``mdread DIR`` with filters that find nothing: a line on stderr and status 1, as ``grep`` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clikit import run
from library_corpus import write_library


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return write_library(tmp_path / "lib")


@pytest.mark.parametrize(("args", "said"), [
    (["--tag", "perf"], "mdread: no post matches --tag perf\n"),
    (["--search", "zebra crossing"], "mdread: no post matches --search 'zebra crossing'\n"),
    (["--category", "nothing", "--no-drafts"], "mdread: no post matches --category nothing --no-drafts\n"),
])
def test_nothing_found_is_status_1_with_a_notice(lib: Path, args: list[str], said: str) -> None:
    res = run(str(lib), *args, cwd=lib.parent)
    assert (res.returncode, res.stdout, res.stderr) == (1, "", said)


def test_json_with_nothing_found_is_still_json(lib: Path) -> None:
    res = run(str(lib), "--json", "--tag", "perf", cwd=lib.parent)
    assert res.returncode == 1 and json.loads(res.stdout) == {"posts": []}
    assert res.stderr == "mdread: no post matches --tag perf\n"


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    res = run("empty", "--print", cwd=tmp_path)
    assert (res.returncode, res.stdout, res.stderr) == (1, "", "mdread: no Markdown posts found\n")


def test_categories_filter_like_tags(lib: Path) -> None:
    res = run(str(lib), "--json", "--category", "BACKEND", cwd=lib.parent)
    assert res.returncode == 0, res.stderr
    assert [post["categories"] for post in json.loads(res.stdout)["posts"]] == [["backend"]]


def test_a_match_is_status_0(lib: Path) -> None:
    res = run(str(lib), "--tag", "cuda", cwd=lib.parent)
    assert res.returncode == 0 and res.stderr == "" and len(res.stdout.splitlines()) == 2
