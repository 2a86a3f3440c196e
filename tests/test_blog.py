"""Blog engines' tags read one at a time, callouts from every source, and permalinks resolved to posts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdread.model import Callout, CodeBlock, Math, Paragraph, Quote, plain
from mdread.parse import blog, parse
from mdread.parse.scan import cut_points
from mdread.parse.tags import read_site_address, read_tag
from mdread.permalinks import find_post, post_roots, site_root


def test_tags_of_each_engine_are_read_with_their_arguments() -> None:
    hexo = read_tag('{% asset_img lockscreen.png "锁屏 界面" %} after', 0)
    assert hexo is not None and not hexo.closing
    assert (hexo.name, hexo.args) == ("asset_img", ("lockscreen.png", "锁屏 界面"))
    assert hexo.end == len('{% asset_img lockscreen.png "锁屏 界面" %}')
    hugo = read_tag('{{< figure src="a b.png" alt=x >}}', 0)
    assert hugo is not None and hugo.params == {"src": "a b.png", "alt": "x"} and hugo.args == ()
    closing = [read_tag(text, 0) for text in ("{% endnote %}", "{{< /hint >}}", "{{% /hint %}}", "{%- endraw -%}")]
    assert [(t.name, t.closing) for t in closing if t] == [("note", True), ("hint", True), ("hint", True),
                                                           ("raw", True)]
    escaped = read_tag('{{</* figure src="x" */>}}', 0)
    assert escaped is not None and escaped.escaped and escaped.source == '{{< figure src="x" >}}'


@pytest.mark.parametrize("text", ["{% unclosed", "{{< x >}", "{%%}", "{% 中文 %}", "{{ site.url }}", "{ plain }"])
def test_what_is_not_a_tag_is_text(text: str) -> None:
    assert read_tag(text, 0) is None


def test_a_tag_must_close_within_bounds() -> None:
    assert read_tag("{% note " + "x" * 5000 + " %}", 0) is None


def test_jekyll_site_addresses_are_read_from_the_site_root() -> None:
    assert read_site_address("{{ site.baseurl }}/x", 0) == ("", 18)
    assert read_site_address('{{ "/a/b/" | relative_url }}', 0) == ("/a/b/", 28)
    assert read_site_address("{{ page.title }}", 0) is None


def test_paired_tags_become_code_callouts_and_quotes() -> None:
    doc = parse("{% codeblock lang:rust %}\nfn main() {}\n{% endcodeblock %}\n\n"
                "{% note warning My title %}\nInside **note**.\n{% endnote %}\n\n"
                "{% blockquote Ada Lovelace %}\nQuoted.\n{% endblockquote %}\n\n"
                "{{% hint danger %}}\nHugo hint.\n{{% /hint %}}\n")
    code, note, quote, hint = doc.blocks
    assert isinstance(code, CodeBlock) and code.language == "rust" and code.text == "fn main() {}\n"
    assert isinstance(note, Callout) and note.kind == "warning" and plain(note.title) == "My title"
    assert plain(note.blocks[0].inline) == "Inside note."  # type: ignore[union-attr]
    assert isinstance(quote, Quote) and plain(quote.blocks[-1].inline) == "— Ada Lovelace"  # type: ignore[union-attr]
    assert isinstance(hint, Callout) and hint.kind == "danger"


def test_a_paired_tag_interrupts_a_paragraph_as_a_site_reads_it() -> None:
    doc = parse("A sentence that leads into\n{{< katex display=true >}}\na \\\\\nb\n{{< /katex >}}\nand goes on.\n")
    assert [type(b) for b in doc.blocks] == [Paragraph, Math, Paragraph]
    assert doc.blocks[1].source == "a \\\\\nb\n"  # type: ignore[union-attr]


def test_alerts_containers_and_details_are_callouts_with_their_titles() -> None:
    doc = parse("> [!WARNING]\n> Careful.\n\n::: tip A title\nBody.\n:::\n\n<details>\n<summary>More</summary>\n\n"
                "Markdown **inside**.\n\n</details>\n")
    kinds = [(b.kind, plain(b.title)) for b in doc.blocks if isinstance(b, Callout)]
    assert kinds == [("warning", ""), ("tip", "A title"), ("details", "More")]
    assert plain(doc.blocks[2].blocks[0].inline) == "Markdown inside."  # type: ignore[union-attr]


def test_unknown_tags_are_shown_as_written_and_known_links_are_links() -> None:
    (para,) = parse('{% pullquote_x a %} {% post_link my-post "My post" %} {{< ref "/post/x" >}}').blocks
    assert isinstance(para, Paragraph)
    runs = [(r.text, "html" in r.marks, r.href) for r in para.inline]
    assert runs[0] == ("{% pullquote_x a %}", True, None)
    assert ("My post", False, "my-post") in runs and runs[-1] == (" /post/x", False, None)


def test_raw_marks_are_gone_from_code_and_text() -> None:
    doc = parse("```yaml\nx: {% raw %}${{ secret }}{% endraw %}\n```\n\nA {% raw %}{{ b }}{% endraw %} c\n")
    assert doc.blocks[0].text == "x: ${{ secret }}\n"  # type: ignore[union-attr]
    assert plain(doc.blocks[1].inline) == "A {{ b }} c"  # type: ignore[union-attr]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("title: site\n")
    posts = tmp_path / "source" / "_posts"
    posts.mkdir(parents=True)
    for name in ("hello-world.md", "2021-03-04-dated.md", "bundle/index.md", "notes/hello-world.md"):
        (posts / name).parent.mkdir(parents=True, exist_ok=True)
        (posts / name).write_text(f"# {name}\n")
    return tmp_path


@pytest.mark.parametrize(("href", "found"), [
    ("hello-world", "source/_posts/hello-world.md"),
    ("/2025/10/02/hello-world/", "source/_posts/hello-world.md"),
    ("/notes/hello-world.html", "source/_posts/notes/hello-world.md"),
    ("/2021/03/04/dated/", "source/_posts/2021-03-04-dated.md"),
    ("/posts/bundle/", "source/_posts/bundle/index.md"),
    ("/missing/", None), ("https://elsewhere.example/hello-world/", None), ("", None),
])
def test_permalinks_resolve_to_the_post_of_that_name(site: Path, href: str, found: str | None) -> None:
    article = site / "source" / "_posts" / "hello-world.md"
    assert site_root(article) == site
    post = find_post(href, post_roots(article))
    assert (post.relative_to(site).as_posix() if post else None) == found


def test_an_article_outside_a_site_looks_only_beside_itself(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "far.md").write_text("# far\n")
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "a.md").write_text("# a\n")
    assert site_root(tmp_path / "here" / "a.md") == tmp_path / "here"
    assert find_post("far", post_roots(tmp_path / "here" / "a.md")) is None
    assert find_post("far", post_roots(tmp_path / "here" / "a.md", [str(tmp_path)])) == tmp_path / "far.md"


@pytest.mark.parametrize("held", ["{% note info %}\n\n# Inside\n\ntext\n\n{% endnote %}",
                                  "<details>\n<summary>S</summary>\n\n# Inside\n\n</details>"])
def test_a_long_body_is_never_cut_inside_a_paired_tag_or_details(held: str) -> None:
    body = f"# A\n\nintro\n\n{held}\n\n# B\n\nafter\n"
    cuts = cut_points(body, [1, 2, 3])
    inside = (body.index(held), body.index(held) + len(held))
    assert cuts and not any(inside[0] < cut < inside[1] for cut in cuts)
    assert body.index("# B") in cuts


@given(st.text(alphabet="{}> \t\nx<DETAILSdetails/", max_size=80))
def test_line_starts_finds_what_a_loop_over_lines_finds(src: str) -> None:
    for pattern, flags in ((blog._TAG_LINE, 0), (blog.DETAILS_LINE, re.IGNORECASE)):
        expected = [i for i, line in enumerate(src.split("\n")) if re.match(pattern, line, flags)]
        assert [number for number, _ in blog.line_starts(pattern, src, flags)] == expected
