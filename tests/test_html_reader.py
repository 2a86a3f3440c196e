"""HTML and blog habits in the reader: tags never reach the contents, permalinks lead to their posts."""

from __future__ import annotations

from pathlib import Path

from mdread.faces.tui.toc import TocTree
from readerkit import SIZE, article_text, reader_app, ready, status_text

FILLER = "\n\n".join(f"Filler paragraph {i}." for i in range(40))
POST = f"""# <b>Title</b>

Intro with <font color="#00aaaa">colour</font>.

{FILLER}

<h2>An <i>HTML</i> section</h2>

Text of the HTML section.

{FILLER}

## <span style="color:red">Red</span> section

{FILLER}
"""


async def test_a_heading_written_with_tags_shows_its_text_in_the_contents(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    app = reader_app(post, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        toc = app.screen.query_one(TocTree)
        labels = [str(node.label) for node in toc._by_section.values()]
        assert labels == ["1 Title", "1.1 An HTML section", "1.2 Red section"]
        await pilot.press("down", "enter")
        assert status_text(app).split("  ")[0] == "Title › An HTML section"
        assert "<" not in article_text(app)


async def test_a_hexo_post_link_opens_the_post_of_that_name_in_the_site(tmp_path: Path) -> None:
    posts = tmp_path / "source" / "_posts"
    posts.mkdir(parents=True)
    (tmp_path / "_config.yml").write_text("title: A Hexo site\n", encoding="utf-8")
    (posts / "first.md").write_text("# First\n\nSee {% post_link second-post %}.\n", encoding="utf-8")
    (posts / "second-post.md").write_text("# Second\n\nArrived at the second post.\n", encoding="utf-8")
    app = reader_app(posts / "first.md", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        first = await ready(pilot)
        await pilot.press("o")
        assert status_text(app) == "link: second-post"
        await pilot.press("enter")
        await ready(pilot)
        assert app.screen is not first and "Arrived at the second post." in article_text(app)


async def test_a_dated_permalink_opens_the_jekyll_post_it_names(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    (tmp_path / "_config.yml").write_text("title: A Jekyll site\n", encoding="utf-8")
    (posts / "2024-01-02-first.md").write_text("# First\n\n[next]({{ site.baseurl }}/2025/10/02/second/)\n")
    (posts / "2025-10-02-second.md").write_text("# Second\n\nArrived by permalink.\n", encoding="utf-8")
    app = reader_app(posts / "2024-01-02-first.md", tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert status_text(app) == "link: /2025/10/02/second/"
        await pilot.press("enter")
        await ready(pilot)
        assert "Arrived by permalink." in article_text(app)
