"""HTML in posts: what each tag does to the text, and that tags never reach a title, the TOC or JSON."""

from __future__ import annotations

import colorsys
import json

import pytest
from rich.color import Color

from clikit import run
from mdread.model import Callout, CodeBlock, Heading, ListBlock, Paragraph, Quote, Rule, Table, plain
from mdread.parse import parse
from mdread.render import RenderContext, render_top
from mdread.render.html import BACKGROUND, MIN_CONTRAST, _contrast, readable
from mdread.render.text import marks_style


def _runs(markdown: str) -> list[tuple[str, frozenset[str], str | None]]:
    block = parse(markdown).blocks[0]
    assert isinstance(block, Paragraph)
    return [(run.text, run.marks, run.href) for run in block.inline]


@pytest.mark.parametrize(("tag", "marks"), [
    ("b", {"strong"}), ("strong", {"strong"}), ("i", {"em"}), ("em", {"em"}), ("u", {"underline"}),
    ("s", {"strike"}), ("del", {"strike"}), ("ins", {"underline"}), ("mark", {"mark"}), ("code", {"code"}),
    ("kbd", {"kbd"}), ("samp", {"code"}), ("var", {"em"}), ("sub", {"sub"}), ("sup", {"sup"}),
    ("small", {"small"}), ("abbr", {"abbr"}), ("cite", {"em"}),
])
def test_each_inline_tag_marks_its_text_and_only_its_text(tag: str, marks: set[str]) -> None:
    assert _runs(f"a <{tag}>x</{tag}> b") == [("a ", frozenset(), None), ("x", frozenset(marks), None),
                                               (" b", frozenset(), None)]


def test_tags_stay_open_across_markdown_tokens_and_close_with_the_paragraph() -> None:
    runs = _runs("<b>bold *and em* still</b> plain <i>open to the end\n\nnext")
    assert runs[:4] == [("bold ", frozenset({"strong"}), None), ("and em", frozenset({"strong", "em"}), None),
                        (" still", frozenset({"strong"}), None), (" plain ", frozenset(), None)]
    assert runs[4] == ("open to the end", frozenset({"em"}), None)
    assert _runs("x\n\nnext") == [("x", frozenset(), None)]
    assert parse("<i>open\n\nnext\n").blocks[1] == Paragraph((parse("next").blocks[0].inline), 3)


def test_links_images_breaks_and_quotes() -> None:
    runs = _runs('<a href="https://e.example/x">site</a> <a href="javascript:alert(1)">js</a>'
                 '<br> <img src="cat.png" alt="a cat"> <q>said</q>')
    assert runs == [("site", frozenset({"link"}), "https://e.example/x"), (" js", frozenset(), None),
                    ("\n", frozenset({"break"}), None), ("a cat", frozenset({"image"}), "cat.png"),
                    (" “said”", frozenset(), None)]


def test_an_html_image_is_the_picture_or_the_run_a_markdown_image_makes() -> None:
    assert parse('<img src="cat.png" alt="a cat">').blocks == parse("![a cat](cat.png)").blocks
    centred = '<p align="center">\n<img src="cat.png" alt="a cat">\n</p>'
    assert parse(centred).blocks == parse("\n![a cat](cat.png)").blocks
    linked = '<a href="https://e.example/"><img src="cat.png" alt="a cat"></a>'
    assert parse(linked).blocks == parse("[![a cat](cat.png)](https://e.example/)").blocks
    assert parse("See <img src=cat.png alt=cat>.").blocks == parse("See ![cat](cat.png).").blocks


@pytest.mark.parametrize(("html", "color"), [
    ('<font color="#00aaaa">x</font>', "#00aaaa"), ("<font color=navy>x</font>", "#000080"),
    ('<span style="color: red; font-weight: bold">x</span>', "#ff0000"),
    ("<font color=chucknorris>x</font>", "#c00000"),
])
def test_colours_are_read_as_a_browser_reads_them(html: str, color: str) -> None:
    (_, marks, _), = _runs(html)
    assert f"color:{color}" in marks


def test_colours_of_a_post_are_lightened_until_they_read_on_the_dark_background() -> None:
    for written in ("#000080", "#333333", "#00aaaa", "#ff0000", "#ffffff"):
        shown = readable(written)
        rgb = tuple(v / 255 for v in shown.get_truecolor())
        assert _contrast(rgb) >= MIN_CONTRAST  # type: ignore[arg-type]
        before = colorsys.rgb_to_hls(*(int(written[i : i + 2], 16) / 255 for i in (1, 3, 5)))
        after = colorsys.rgb_to_hls(*rgb)
        assert abs(before[0] - after[0]) < 0.02 or before[2] < 0.05
    assert readable("#00aaaa") == Color.parse("#00aaaa")
    assert marks_style(frozenset({"color:#000080", "strong"})).bold
    assert BACKGROUND == (0x1C, 0x1C, 0x1C)


def test_sub_and_superscripts_in_unicode_where_it_has_them() -> None:
    doc = parse("H<sub>2</sub>O mc<sup>2</sup> x<sub>i+1</sub> a<sup>[1]</sup>")
    text = "".join(seg.text for line in render_top(doc, 0, RenderContext(width=80)) for seg in line)
    assert text == "H₂O mc² xᵢ₊₁ a[1]"


def test_comments_are_hidden_and_the_excerpt_marker_is_a_thin_rule() -> None:
    doc = parse("Lead.\n\n<!--more-->\n\nText <!-- hidden --> here.\n\n<!--\nlong\n\ncomment\n-->\n\nEnd.\n")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Rule", "Paragraph", "Paragraph"]
    assert doc.blocks[1] == Rule(line=3, label="more")
    assert plain(doc.blocks[2].inline) == "Text here."  # type: ignore[union-attr]


def test_block_html_becomes_the_matching_blocks() -> None:
    doc = parse("<div>\n<h2>Title <b>b</b></h2>\n<p>para</p>\n<blockquote>q</blockquote>\n<ul><li>one<li>two</ul>\n"
                "<ol start=4><li>four</ol>\n<hr>\n<pre lang=go>x := 1</pre>\n<table><tr><th>h</th></tr>"
                "<tr><td>c</td></tr></table>\n<details><summary>S</summary>body</details>\n</div>\n")
    kinds = [type(b) for b in doc.blocks]
    assert kinds == [Heading, Paragraph, Quote, ListBlock, ListBlock, Rule, CodeBlock, Table, Callout]
    heading, _, _, bullets, numbers, _, code, table, details = doc.blocks
    assert [s.title for s in doc.sections] == ["Title b"] and heading.section == 0  # type: ignore[union-attr]
    assert len(bullets.items) == 2 and numbers.ordered and numbers.start == 4  # type: ignore[union-attr]
    assert code.language == "go" and code.text == "x := 1\n" and doc.code_blocks == (code,)  # type: ignore[union-attr]
    assert plain(table.header[0]) == "h" and plain(table.rows[0][0]) == "c"  # type: ignore[union-attr]
    assert plain(details.title) == "S" and plain(details.blocks[0].inline) == "body"  # type: ignore[union-attr]


def test_markdown_inside_block_html_is_shown_as_a_browser_shows_it() -> None:
    doc = parse("<div>\n**not bold** here\n</div>\n")
    assert plain(doc.blocks[0].inline) == "**not bold** here"  # type: ignore[union-attr]


@pytest.mark.parametrize("tag", ["script", "style", "iframe", "video", "audio", "object", "form"])
def test_embeds_are_a_one_line_placeholder_and_their_content_is_never_shown(tag: str) -> None:
    for markdown in (f"<{tag} src=\"https://e.example/x\">secret()</{tag}>\n",
                     f"text <{tag} src=\"https://e.example/x\">secret()</{tag}> after\n"):
        text = " ".join(plain(b.inline) for b in parse(markdown).blocks)  # type: ignore[union-attr]
        assert f"[{tag}" in text and "secret" not in text


def test_an_iframe_links_to_its_source() -> None:
    (label, marks, href), = _runs('<iframe src="https://www.youtube.com/embed/x"></iframe>')
    assert label == "[iframe www.youtube.com]" and "link" in marks and href == "https://www.youtube.com/embed/x"


def test_titles_toc_and_json_carry_the_text_never_the_tags(tmp_path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# <b>Bold</b> <font color=red>title</font>\n\n<h2>HTML <i>heading</i></h2>\n\n"
                    "## Plain <span>one</span>\n")
    toc = run("--toc", str(post))
    assert toc.stdout == "1 Bold title\n  1.1 HTML heading\n  1.2 Plain one\n"
    data = json.loads(run("--json", str(post)).stdout)
    assert data["metadata"]["title"] == "Bold title"
    assert "<" not in json.dumps(data["sections"])
    listing = run("--print", "--json", str(tmp_path))
    assert "<" not in listing.stdout and "Bold title" in listing.stdout
