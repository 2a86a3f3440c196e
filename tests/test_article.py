"""Opening an article is one path for every face: the pipe and the reader tell the user the same things."""

from __future__ import annotations

import json
from pathlib import Path

from clikit import run
from mdread.article import LoadOptions, open_article
from readerkit import SIZE, reader_app, ready

BROKEN = "---\ntitle: [unclosed\n---\n\n# Body heading\n\nText.\n"


def test_broken_frontmatter_is_a_warning_and_the_body_still_shows(tmp_path: Path) -> None:
    post = tmp_path / "broken.md"
    post.write_text(BROKEN, encoding="utf-8")
    article = open_article(str(post), LoadOptions())
    assert article.warnings and "frontmatter" in article.warnings[0]
    res = run("--print", str(post))
    assert res.returncode == 0 and "Body heading" in res.stdout
    assert res.stderr.startswith(f"mdread: {post}: ") and "frontmatter" in res.stderr


async def test_the_reader_shows_the_warning_the_pipe_prints(tmp_path: Path) -> None:
    post = tmp_path / "broken.md"
    post.write_text(BROKEN, encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any("frontmatter" in message and "broken.md" in message for message in shown), shown


def test_library_json_escapes_delete_and_controls_from_a_title(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "post.md").write_text('---\ntitle: "bad\\x7fDEL\\x9bC1"\n---\nText.\n', encoding="utf-8")
    res = run(str(folder), "--json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "\x7f" not in res.stdout and "\x9b" not in res.stdout and "\\u007f" in res.stdout
    assert json.loads(res.stdout)["posts"][0]["title"] == "bad\x7fDEL\x9bC1"


NUMBERED = "# 1. 引言\n\nText.\n\n## 1.1 背景\n\nMore.\n\n# 2. Method\n\nEnd.\n"


def test_headings_the_author_numbered_are_not_numbered_twice(tmp_path: Path) -> None:
    post = tmp_path / "numbered.md"
    post.write_text(NUMBERED, encoding="utf-8")
    shown = run("--print", "--color=never", str(post)).stdout
    assert "1. 引言" in shown and "1.1 背景" in shown and "1 1. 引言" not in shown and "1.1 1.1" not in shown
    assert run("--toc", str(post)).stdout.splitlines() == ["1 1. 引言", "  1.1 1.1 背景", "2 2. Method"]
    plain = tmp_path / "plain.md"
    plain.write_text(NUMBERED.replace("1. ", "").replace("1.1 ", "").replace("2. ", ""), encoding="utf-8")
    assert "1.1 背景" in run("--print", "--color=never", str(plain)).stdout


async def test_the_contents_leave_out_mdreads_numbers_when_the_author_has_their_own(tmp_path: Path) -> None:
    post = tmp_path / "numbered.md"
    post.write_text(NUMBERED, encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause()
        tree = app.screen.query_one("TocTree")
        labels = [str(node.label) for node in tree.root.children]
        assert labels == ["1. 引言", "2. Method"]
