"""``mdread DIR`` as a user runs it: its stdout, stderr and exit status (in-process, see ``clikit``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from clikit import Result
from clikit import run as cli_run
from conftest import SAMPLES
from library_corpus import EXPECTED, write_library
from mdread.cli import Options, build_parser
from mdread.errors import UsageError


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return write_library(tmp_path / "lib")


def run(*args: str, cwd: Path, cache: Path | None = None) -> Result:
    return cli_run(*args, cwd=cwd, env={"MDREAD_CACHE_DIR": str(cache or cwd / "cache")})


def paths(res: Result) -> list[str]:
    assert res.returncode == 0, res.stderr
    return [post["path"] for post in json.loads(res.stdout)["posts"]]


def test_plain_listing_is_aligned_and_newest_first(lib: Path) -> None:
    res = run("lib", cwd=lib.parent)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert "\x1b" not in res.stdout
    assert [line.split()[-1] for line in lines] == [f"lib/{name}" for name in EXPECTED]
    assert lines[0].startswith("2024-03-10  Async Rust in Practice")
    assert lines[1].split("  ")[1] == "Python Typing Tips [draft]"
    assert lines[-1].startswith("-           untitled-thoughts")
    tag_columns = {cell_len(line[: line.index("rust")]) for line in lines if "rust, async" in line}
    tag_columns |= {cell_len(line[: line.index("cuda, 性能")]) for line in lines if "cuda, 性能" in line}
    assert len(tag_columns) == 1, "tags start in the same terminal column after a CJK title"
    assert "binary.md: not a text file" in res.stderr and "broken.md: broken frontmatter" in res.stderr


def test_json_lists_every_post_with_its_metadata(lib: Path) -> None:
    res = run("lib", "--json", cwd=lib.parent)
    posts = json.loads(res.stdout)["posts"]
    assert [p["path"] for p in posts] == [f"lib/{name}" for name in EXPECTED]
    for post, expected in zip(posts, EXPECTED.values(), strict=True):
        assert (post["title"], post["date"], tuple(post["tags"]), post["draft"]) == (
            expected.title, expected.date, expected.tags, expected.draft)
        assert set(post) >= {"title", "date", "tags", "categories", "author", "description", "draft", "path"}
    assert posts[3]["categories"] == ["backend"]


@pytest.mark.parametrize(("args", "expected"), [
    (["--tag", "Performance"], ["2023/cuda-intro.mdx", "2022/web-perf.md"]),
    (["--tag", "cuda", "--tag", "GPU"], ["2023/cuda-intro.mdx"]),
    (["--since", "2023-07-01"], ["2024/rust-async.md", "2024/python-typing.md", "2023/cuda-intro.mdx",
                                 "2023/go-http.md"]),
    (["--until", "2022-05-20"], ["2022/web-perf.md", "2021/cjk.md"]),
    (["--since", "Jan 01 2024", "--no-drafts"], ["2024/rust-async.md"]),
    (["--search", "futures polled"], ["2024/rust-async.md"]),
    (["--search", "内存"], ["2021/cjk.md"]),
    (["--sort", "title", "--tag", "web"], ["2023/go-http.md", "2022/web-perf.md"]),
])
def test_filters(lib: Path, args: list[str], expected: list[str]) -> None:
    assert paths(run("lib", "--json", *args, cwd=lib.parent)) == [f"lib/{name}" for name in expected]


def test_no_drafts_and_title_sort(lib: Path) -> None:
    listed = paths(run("lib", "--json", "--no-drafts", "--sort", "title", cwd=lib.parent))
    assert "lib/2024/python-typing.md" not in listed
    assert listed[:3] == ["lib/2024/rust-async.md", "lib/binary.md", "lib/broken.md"]


def test_bad_date_is_a_usage_error(lib: Path) -> None:
    res = run("lib", "--since", "last tuesday", cwd=lib.parent)
    assert res.returncode == 2 and "not a date" in res.stderr


def test_corrupt_cache_is_rebuilt_and_the_listing_is_right(lib: Path) -> None:
    cache = lib.parent / "cache"
    assert run("lib", cwd=lib.parent).returncode == 0
    [db] = cache.glob("library-*.sqlite3")
    db.write_bytes(b"this is not a database" * 200)
    for leftover in cache.glob("library-*.sqlite3-*"):
        leftover.unlink()
    res = run("lib", "--json", cwd=lib.parent)
    assert "mdread: the library index was unusable" in res.stderr
    assert paths(res) == [f"lib/{name}" for name in EXPECTED]
    assert "unusable" not in run("lib", cwd=lib.parent).stderr


def test_several_files_are_a_library(lib: Path) -> None:
    listed = paths(run("lib/2021/cjk.md", "lib/2024/rust-async.md", "--json", cwd=lib.parent))
    assert listed == ["lib/2024/rust-async.md", "lib/2021/cjk.md"]


def test_single_file_options_refuse_a_folder(lib: Path) -> None:
    res = run("--toc", "lib", cwd=lib.parent)
    assert res.returncode == 1 and "is a directory" in res.stderr
    res = run("--code", "1", "lib/broken.md", "lib/2021/cjk.md", cwd=lib.parent)
    assert res.returncode == 2
    res = run("--tag", "rust", "lib/broken.md", cwd=lib.parent)
    assert res.returncode == 2 and "--tag" in res.stderr


def test_missing_target_is_reported(lib: Path) -> None:
    res = run("lib", "nowhere", cwd=lib.parent)
    assert res.returncode == 1 and "nowhere: no such file or folder" in res.stderr


def test_sample_posts_are_all_listed(tmp_path: Path) -> None:
    res = run(str(SAMPLES), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 16
    assert lines[-1].startswith("-") and "go-http-middleware.md" in lines[-1]


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def test_bare_mdread_at_a_terminal_lists_the_current_folder(lib: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.chdir(lib)
    assert Options.from_args(_args()).targets == (".",)
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    with pytest.raises(UsageError):
        Options.from_args(_args())
