"""Corrupt state and config files: each one is a warning and the defaults, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdread.platform.config import Config, load_config
from mdread.platform.state import ArticleState, StateStore

GARBAGE_STATE = {
    "binary": b"\x00\xff\xfe garbage \x1b]0;x\x07",
    "not utf-8": b'{"files": {"\xff": 1}}',
    "truncated": b'{"files": {"/a.md": {"block": 3',
    "a list": b"[1, 2, 3]",
    "files a list": b'{"files": [1, 2]}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "empty": b"",
}


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MDREAD_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("MDREAD_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


@pytest.mark.parametrize("name", list(GARBAGE_STATE))
def test_garbage_state_file_warns_and_starts_afresh(dirs: Path, name: str) -> None:
    path = dirs / "state" / "state.json"
    path.parent.mkdir()
    path.write_bytes(GARBAGE_STATE[name])
    store = StateStore()
    assert store.get(dirs / "post.md") == ArticleState()
    assert store.warning is not None
    store.put(dirs / "post.md", ArticleState(block=2, offset=1, languages={1: "rust"}))
    assert StateStore().get(dirs / "post.md") == ArticleState(2, 1, {1: "rust"})


@pytest.mark.parametrize(
    "entry",
    [
        '"a string"',
        '{"block": "many", "offset": null}',
        '{"block": 1e999, "offset": 0}',
        '{"block": [1], "languages": [1, 2]}',
        '{"block": 1, "languages": {"x": "rust"}}',
        '{"block": -5, "offset": -1}',
    ],
)
def test_garbage_entries_give_defaults(dirs: Path, entry: str) -> None:
    article = dirs / "post.md"
    path = dirs / "state" / "state.json"
    path.parent.mkdir()
    path.write_text(f'{{"files": {{"{article.resolve()}": {entry}}}}}')
    assert StateStore().get(article) == ArticleState()


def test_state_path_that_is_a_directory_or_unwritable(dirs: Path) -> None:
    (dirs / "state" / "state.json").mkdir(parents=True)
    store = StateStore()
    assert store.warning and store.get(dirs / "post.md") == ArticleState()
    store.put(dirs / "post.md", ArticleState(block=1))
    assert store.warning and "could not save" in store.warning


def test_state_dir_that_is_a_file(dirs: Path) -> None:
    (dirs / "state").write_text("not a directory")
    store = StateStore()
    store.put(dirs / "post.md", ArticleState(block=1))
    assert store.warning and "could not save" in store.warning


@pytest.mark.parametrize(
    "text",
    [
        b"\x00\xff binary",
        b"theme = ",
        b"[keymap\nquit = 1",
        b"a = " + b"[" * 50_000 + b"]" * 50_000,
        b"theme = 3\nline_numbers = 'yes'\nkeymap = 'q'\nwho = 1",
        b"library = '~no-such-user-mdread/notes'",
        b"library = 42\ntoc_open = 1",
    ],
)
def test_garbage_config_warns_and_uses_defaults(dirs: Path, text: bytes) -> None:
    path = dirs / "config" / "config.toml"
    path.parent.mkdir()
    path.write_bytes(text)
    config = load_config()
    assert config.warnings
    assert config.theme == Config().theme and config.line_numbers is False and config.keymap == {}


def test_config_path_that_is_a_directory(dirs: Path) -> None:
    (dirs / "config" / "config.toml").mkdir(parents=True)
    assert load_config().warnings


def test_missing_files_are_quiet_defaults(dirs: Path) -> None:
    assert load_config() == Config()
    store = StateStore()
    assert store.warning is None and store.get(dirs / "post.md") == ArticleState()
