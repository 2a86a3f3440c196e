"""The pipe's render cache: an article asked for again is written as it was drawn, and never when it changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clikit import Result, run
from conftest import FIXTURES
from mdread.faces.pipe import cache

CLEAN = FIXTURES / "repair" / "zh-hans.md"
DAMAGED = CLEAN.read_text(encoding="utf-8").encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
"""A Chinese post that went through Windows-1252 on its way: the pipe says on stderr that it repaired it."""
ARGS = ("--print", "--color", "always", "--width", "90")


def _post(tmp_path: Path) -> Path:
    post = tmp_path / "post.md"
    post.write_bytes(DAMAGED)
    return post


def _read(post: Path, home: Path, *extra: str) -> Result:
    return run(*ARGS, *extra, str(post), home=home, env={"COLORTERM": "truecolor"})


def _entries(home: Path) -> list[Path]:
    where = home / "cache" / "render"
    return sorted(where.iterdir()) if where.is_dir() else []


def _no_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drawing an article fails from here on: only what the cache holds can be written."""
    def refuse(*_: object, **__: object) -> int:
        raise RuntimeError("drawn again")

    monkeypatch.setattr("mdread.faces.pipe.article.write_article", refuse)


def test_an_article_asked_for_again_is_written_from_the_cache_as_it_was_drawn(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    first = _read(post, tmp_path)
    assert first.returncode == 0 and "text repaired" in first.stderr and "\x1b[" in first.stdout
    assert len(_entries(tmp_path)) == 1
    _no_drawing(monkeypatch)
    again = _read(post, tmp_path)
    assert again == first


def test_changes_that_alter_the_output_miss(tmp_path: Path) -> None:
    post = _post(tmp_path)
    first = _read(post, tmp_path)
    narrower = _read(post, tmp_path, "--width", "60")
    assert narrower.stdout != first.stdout
    plain = run("--print", "--color", "never", "--width", "90", str(post), home=tmp_path)
    assert "\x1b[" not in plain.stdout
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("#", "# Edited:", 1), encoding="utf-8")
    edited = _read(post, tmp_path)
    assert "Edited:" in edited.stdout and "Edited:" not in first.stdout
    unrepaired = _read(post, tmp_path, "--no-repair")
    assert "text repaired" not in unrepaired.stderr
    assert len(_entries(tmp_path)) == 5


def test_no_cache_neither_reads_nor_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    fresh = _read(post, tmp_path, "--no-cache")
    assert fresh.returncode == 0 and _entries(tmp_path) == []
    _read(post, tmp_path)
    _no_drawing(monkeypatch)
    refused = _read(post, tmp_path, "--no-cache")
    assert refused.returncode == 1 and "drawn again" in refused.stderr


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty"])
def test_a_damaged_entry_is_ignored_and_drawn_again(tmp_path: Path, damage: str) -> None:
    post = _post(tmp_path)
    first = _read(post, tmp_path)
    (entry,) = _entries(tmp_path)
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2],
                       "flipped": data[:-10] + bytes([data[-10] ^ 0x20]) + data[-9:],
                       "garbage": os.urandom(len(data)),
                       "empty": b""}[damage])
    assert _read(post, tmp_path) == first
    assert entry.read_bytes() == data


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_the_cache(tmp_path: Path) -> None:
    post = _post(tmp_path)
    (tmp_path / "cache").write_text("a file where the folder should be")
    res = _read(post, tmp_path)
    assert res.returncode == 0 and "\x1b[" in res.stdout
    assert res.stderr.count("\n") == 1 and "text repaired" in res.stderr


def test_the_oldest_entries_go_when_the_cache_grows_past_its_size(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    _read(post, tmp_path)
    (oldest,) = _entries(tmp_path)
    os.utime(oldest, (1, 1))
    monkeypatch.setattr(cache.ENTRIES, "max_total", oldest.stat().st_size + 10)
    _read(post, tmp_path, "--width", "70")
    assert oldest not in _entries(tmp_path) and len(_entries(tmp_path)) == 1


def test_stdin_and_pictures_drawn_as_blocks_are_never_cached(tmp_path: Path) -> None:
    run(*ARGS, "-", stdin=DAMAGED, home=tmp_path)
    post = _post(tmp_path)
    run(*ARGS, "--images", "blocks", str(post), home=tmp_path)
    assert _entries(tmp_path) == []


def test_a_hit_imports_neither_rich_nor_the_parser(tmp_path: Path) -> None:
    """What makes the cache pay: the second process writes the article without loading the drawing code."""
    post = _post(tmp_path)
    env = {**os.environ, "MDREAD_CACHE_DIR": str(tmp_path / "cache"), "MDREAD_CONFIG_DIR": str(tmp_path / "config")}
    argv = [sys.executable, "-X", "importtime", "-m", "mdread", *ARGS, str(post)]
    runs = [subprocess.run(argv, capture_output=True, env=env, timeout=120) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode == 0

    def loaded(res: subprocess.CompletedProcess[bytes]) -> set[str]:
        return {line.split("|")[-1].strip() for line in res.stderr.decode().splitlines() if "import time:" in line}

    assert {"rich", "markdown_it", "pygments"} <= loaded(runs[0])
    assert not {"rich", "markdown_it", "pygments"} & loaded(runs[1])
