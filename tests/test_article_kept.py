"""Short articles kept parsed in the cache folder: opened again, unchanged and alike, they are not parsed again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLES
from mdread.article import KEEP_BYTES, KEPT, LoadOptions, Opening, open_article, open_kept, open_start
from mdread.faces.tui.app import Settings, make_app
from mdread.platform.config import Config
from mdread.platform.state import StateStore
from readerkit import SIZE, article_text, ready

DAMAGED = (FIXTURES / "repair" / "zh-hans.md").read_text(encoding="utf-8").encode("utf-8").decode(
    "latin-1").encode("utf-8")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MDREAD_CACHE_DIR", str(tmp_path / "cache"))


def _entries(tmp_path: Path) -> list[Path]:
    where = tmp_path / "cache" / "articles"
    return sorted(where.iterdir()) if where.is_dir() else []


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("mdread.article.parse_article", refuse)


def _post(tmp_path: Path, data: bytes = DAMAGED) -> str:
    post = tmp_path / "post.md"
    post.write_bytes(data)
    return str(post)


def test_an_article_opened_again_is_the_one_kept_and_is_not_parsed(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    first = open_kept(post, LoadOptions())
    assert first is not None and first.source.repair is not None and len(_entries(tmp_path)) == 1
    assert first == open_article(post, LoadOptions())
    _no_parsing(monkeypatch)
    assert open_kept(post, LoadOptions()) == first


def test_an_edited_file_or_other_options_are_parsed_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    open_kept(post, LoadOptions())
    stored = open_kept(post, LoadOptions(repair=False))
    assert stored is not None and stored.source.repair is None
    Path(post).write_bytes(DAMAGED.replace(b"#", b"# Edited:", 1))
    edited = open_kept(post, LoadOptions())
    assert edited is not None and edited.document.sections[0].title.startswith("Edited:")
    _no_parsing(monkeypatch)
    os.utime(post, ns=(1, 1))
    with pytest.raises(AssertionError, match="parsed again"):
        open_kept(post, LoadOptions())


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty"])
def test_a_damaged_entry_is_parsed_again(tmp_path: Path, damage: str) -> None:
    post = _post(tmp_path)
    first = open_kept(post, LoadOptions())
    (entry,) = _entries(tmp_path)
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2], "flipped": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
                       "empty": b""}[damage])
    assert open_kept(post, LoadOptions()) == first
    assert entry.read_bytes() == data


def test_an_entry_that_is_not_an_article_is_ignored(tmp_path: Path) -> None:
    post = _post(tmp_path)
    first = open_kept(post, LoadOptions())
    (entry,) = _entries(tmp_path)
    KEPT.put(entry.name, pickle.dumps({"not": "an article"}))
    assert open_kept(post, LoadOptions()) == first


def test_stdin_fifos_folders_and_long_articles_are_left_to_the_caller(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    long = _post(tmp_path, b"word " * (KEEP_BYTES // 5 + 1))
    for target in ("-", str(tmp_path / "fifo"), str(tmp_path), long):
        assert open_kept(target, LoadOptions()) is None
    assert _entries(tmp_path) == []


@pytest.mark.parametrize("post", sorted([*SAMPLES.glob("*.md"), *FIXTURES.glob("*/*.md")]), ids=lambda p: p.name)
def test_every_fixture_survives_being_kept(post: Path) -> None:
    """Whatever the model holds must come back from the cache equal: a field pickle cannot carry fails here."""
    article = open_article(str(post), LoadOptions())
    assert pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)) == article


async def test_the_reader_shows_a_kept_article_without_parsing_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    post = _post(tmp_path)
    kept = open_kept(post, LoadOptions())
    assert kept is not None
    _no_parsing(monkeypatch)
    monkeypatch.setattr("mdread.faces.tui.reader.parse_article", lambda *a, **k: 1 / 0)
    app = make_app(kept, Settings.build(Config(), StateStore(tmp_path / "state.json")))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "训练模型时，先做前向传播计算损失" in article_text(app)


def _long_post(tmp_path: Path) -> str:
    parts = ["---\ntitle: A long one\n---\n\n"]
    parts += [f"## Part {i}\n\n" + "Words enough to fill a long article, part after part. " * 30 + "\n\n"
              for i in range(1500)]
    return _post(tmp_path, "".join(parts).encode("utf-8"))


def test_a_long_article_starts_from_its_first_part_only(tmp_path: Path) -> None:
    post = _long_post(tmp_path)
    opened = open_start(post, LoadOptions())
    assert opened is not None
    top, whole = opened.article, opened.whole
    full = open_article(post, LoadOptions())
    assert not whole and top.source == full.source
    assert 0 < len(top.document.blocks) < len(full.document.blocks)
    assert top.document.blocks == full.document.blocks[:len(top.document.blocks)]
    assert _entries(tmp_path) == [], "only short articles are kept"


def test_a_short_article_starts_whole(tmp_path: Path) -> None:
    post = _post(tmp_path)
    assert open_start(post, LoadOptions()) == Opening(open_article(post, LoadOptions()), True, {})
    assert open_start("-", LoadOptions()) is None


async def test_the_reader_given_a_first_part_parses_the_rest(tmp_path: Path) -> None:
    post = _long_post(tmp_path)
    opened = open_start(post, LoadOptions())
    assert opened is not None and not opened.whole
    app = make_app(opened.article, Settings.build(Config(), StateStore(tmp_path / "state.json")), whole=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        assert screen.doc == open_article(post, LoadOptions()).document
        assert "Part 0" in article_text(app)
        await pilot.press("G")
        await pilot.pause()
        assert "Part 1499" in article_text(app)


async def test_a_first_part_is_coloured_with_the_grammars_its_whole_text_asks_for(tmp_path: Path) -> None:
    """The start counts the fences of the whole text, past the first part, so the reader chooses the grammars
    it would have chosen from the whole article (a grammar pays only for much code of one language)."""
    code = "\n".join(f"int f{i}(int x) {{ return x * {i}; }}" for i in range(600))
    text = (tmp_path / "long.md")
    text.write_text(Path(_long_post(tmp_path)).read_text(encoding="utf-8") + f"\n```c\n{code}\n```\n",
                    encoding="utf-8")
    opened = open_start(str(text), LoadOptions())
    assert opened is not None and not opened.whole
    assert "```c" not in opened.article.source.text[:1000] and opened.fences == {"c": len(code) + 1}
    settings = Settings.build(Config(), StateStore(tmp_path / "state.json"))
    counted = make_app(opened.article, settings, whole=False, fences=opened.fences)
    scanned = make_app(opened.article, settings, whole=False)
    async with counted.run_test(size=SIZE) as pilot:
        chosen = (await ready(pilot)).ctx.grammars
    async with scanned.run_test(size=SIZE) as pilot:
        assert (await ready(pilot)).ctx.grammars == chosen == frozenset({"c"})
