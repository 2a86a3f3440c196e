"""Hard line breaks: ``--breaks``, ``breaks`` in the config, and a Hexo site's posts, as Hexo shows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clikit import run
from mdread.parse import parse
from mdread.parse.parallel import parse_parts
from readerkit import article_text, reader_app, ready

POEM = "静夜思\n床前明月光\n疑是地上霜\n\nA line\nand the next.\n"
JOINED = ["静夜思床前明月光疑是地上霜", "A line and the next."]
BROKEN = ["静夜思", "床前明月光", "疑是地上霜", "A line", "and the next."]


def body(stdout: str) -> list[str]:
    """The article's lines without its header (everything up to the ═ rule)."""
    lines = stdout.splitlines()
    return [line for line in lines[lines.index(next(x for x in lines if x.startswith("═"))) + 1 :] if line]


def hexo_site(root: Path, config: str = "# Hexo Configuration\ntitle: blog\n", package: dict | None = None) -> Path:
    posts = root / "source" / "_posts"
    posts.mkdir(parents=True)
    if config:
        (root / "_config.yml").write_text(config)
    if package is not None:
        (root / "package.json").write_text(json.dumps(package))
    post = posts / "poem.md"
    post.write_text(POEM)
    return post


def test_single_newlines_join_by_default_and_break_with_the_flag(tmp_path: Path) -> None:
    post = tmp_path / "poem.md"
    post.write_text(POEM)
    assert body(run("--print", "-w", "40", str(post)).stdout) == JOINED
    assert body(run("--print", "--breaks", "-w", "40", str(post)).stdout) == BROKEN


def test_the_config_turns_breaks_on_and_the_flag_wins(tmp_path: Path) -> None:
    post = tmp_path / "poem.md"
    post.write_text(POEM)
    (tmp_path / "home" / "config").mkdir(parents=True)
    (tmp_path / "home" / "config" / "config.toml").write_text("breaks = true\n")
    home = tmp_path / "home"
    assert body(run("--print", "-w", "40", str(post), home=home).stdout) == BROKEN
    assert body(run("--print", "--no-breaks", "-w", "40", str(post), home=home).stdout) == JOINED


@pytest.mark.parametrize(("config", "package", "broken"), [
    ("# Hexo Configuration\ntitle: blog\n", None, True),
    ("", {"dependencies": {"hexo": "^7.0.0", "hexo-renderer-marked": "^6.0.0"}}, True),
    ("# Hexo Configuration\nmarked:\n  gfm: true\n  breaks: false\n", None, False),
    ("# Hexo Configuration\n", {"dependencies": {"hexo": "^7.0.0", "hexo-renderer-pandoc": "^0.3.0"}}, False),
    ("title: a Jekyll site\n", None, False),
])
def test_a_hexo_sites_posts_break_as_hexo_shows_them(tmp_path: Path, config: str, package: dict | None,
                                                     broken: bool) -> None:
    post = hexo_site(tmp_path / "site", config, package)
    assert body(run("--print", "-w", "40", str(post)).stdout) == (BROKEN if broken else JOINED)


def test_the_config_says_otherwise_for_a_hexo_site(tmp_path: Path) -> None:
    post = hexo_site(tmp_path / "site")
    (tmp_path / "home" / "config").mkdir(parents=True)
    (tmp_path / "home" / "config" / "config.toml").write_text("breaks = false\n")
    assert body(run("--print", "-w", "40", str(post), home=tmp_path / "home").stdout) == JOINED


def test_a_long_article_parsed_in_parts_breaks_the_same(tmp_path: Path) -> None:
    text = ("para one\nline two\n\n" * 12_000) + POEM
    assert parse_parts(text, fork=True, breaks=True).blocks == parse(text, breaks=True).blocks
    assert parse(text, breaks=True).blocks != parse(text).blocks


async def test_the_reader_shows_a_hexo_post_one_line_per_line(tmp_path: Path) -> None:
    post = hexo_site(tmp_path / "site")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=(60, 30)) as pilot:
        await ready(pilot)
        shown = article_text(app)
    assert "床前明月光\n疑是地上霜" in shown

