"""No control sequence from a document reaches the terminal, whatever the document holds.

The only escapes mdread may write are its own: SGR colours, and OSC 8 links
whose URL holds no control character. Everything else a document carries (CSI,
OSC 52, titles, DCS, C1 controls, bidi overrides) must arrive as visible
placeholders, in every construct and through every output.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdread.faces.pipe import output as pipe
from mdread.parse import parse
from mdread.render import RenderContext, render_header, render_top

SGR = r"\x1b\[[0-9;]*m"
OSC8 = r"\x1b\]8;[^;\x00-\x1f\x7f-\x9f]*;[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*\x1b\\"
OURS = re.compile(f"{SGR}|{OSC8}")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

FRAGMENTS = [
    "\x1b", "\x1b[2J", "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b]0;title\x07", "\x1b]2;t\x1b\\",
    "\x1b]8;;http://e.example/\x1b\\", "\x1b]8;;\x1b\\", "\x1bP1$qm\x1b\\", "\x1b\\", "\x9b2J", "\x9d0;x\x9c",
    "\x90q\x9c", "\x85", "\u202e", "\u2066", "\u2069", "\x07", "\x7f", "\x00", "\r", "\t", "\x08", "\x0b",
]

hostile = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(max_size=4) | st.characters(max_codepoint=0x9F),
    max_size=6,
).map("".join)
one_line = hostile.map(lambda s: re.sub(r"[\r\n]", " ", s))


def _escaped(value: str) -> str:
    """A YAML double-quoted string that decodes to ``value``, control characters included."""
    return '"' + value.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


frontmatter = st.fixed_dictionaries(
    {key: hostile for key in ("title", "author", "description", "tags", "categories", "date", "extra")}
).map(lambda d: "---\n" + "".join(f"{k}: {_escaped(v)}\n" for k, v in d.items()) + "---\n")

pair = st.tuples(one_line, one_line)
construct = st.one_of(
    one_line.map(lambda s: f"# {s}"),
    one_line.map(lambda s: f"{s}\n---"),
    st.tuples(one_line, hostile).map(lambda t: f"```{t[0]}\n{t[1]}\n```"),
    hostile.map(lambda s: f"    {s}"),
    pair.map(lambda t: f"| {t[0]} | b |\n|---|:-:|\n| {t[1]} | `{t[0]}` |"),
    pair.map(lambda t: f"[{t[0]}](http://x.example/{t[1]})"),
    pair.map(lambda t: f"[{t[0]}](<{t[1]}>)"),
    pair.map(lambda t: f"![{t[0]}](http://img.example/{t[1]} \"{t[0]}\")"),
    one_line.map(lambda s: f"<http://a.example/{s}> https://b.example/{s}"),
    pair.map(lambda t: f"x[^{t[0]}]\n\n[^{t[0]}]: {t[1]}"),
    one_line.map(lambda s: f"<div title='{s}'>{s}</div>"),
    one_line.map(lambda s: f"a <span x='{s}'>{s}</span> `{s}` *{s}* **{s}** ~~{s}~~"),
    one_line.map(lambda s: f"> {s}\n> - [ ] {s}\n>   1. {s}"),
    pair.map(lambda t: f"[{t[0]}]: http://r.example/{t[1]}\n\n[{t[0]}]"),
    hostile,
)
documents = st.tuples(st.one_of(st.just(""), frontmatter), st.lists(construct, max_size=5)).map(
    lambda t: t[0] + "\n\n".join(t[1])
)


def leaks(written: str) -> list[str]:
    """Control characters left once mdread's own SGR codes and OSC 8 links are taken out."""
    return UNSAFE.findall(OURS.sub("", written).replace("\n", ""))


def segment_leaks(doc_text: str, ctx: RenderContext) -> list[str]:
    doc = parse(doc_text, path="hostile.md")
    found: list[str] = []
    lines = [*render_header(doc, ctx)]
    for i in range(len(doc.blocks)):
        lines += render_top(doc, i, ctx)
    for line in lines:
        for seg in line:
            found += UNSAFE.findall(seg.text.replace("\n", ""))
            if seg.style and seg.style.link:
                found += UNSAFE.findall(seg.style.link)
    return found


def piped(doc_text: str, ctx: RenderContext) -> str:
    out = io.StringIO()
    pipe.write_document(parse(doc_text, path="hostile.md"), ctx, out, "truecolor", workers=0)
    return out.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([20, 47, 80]))
def test_no_control_sequence_escapes(text: str, width: int) -> None:
    ctx = RenderContext(width=width, links="terminal", line_numbers=width == 47)
    assert segment_leaks(text, ctx) == []
    assert leaks(piped(text, ctx)) == []
    doc = parse(text, path="hostile.md")
    assert leaks(pipe.to_json(doc, ctx)) == []
    assert leaks(pipe.toc(doc)) == []


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_any_text_at_all(text: str) -> None:
    for links in ("terminal", "reader", "text"):
        ctx = RenderContext(width=40, links=links)
        assert segment_leaks(text, ctx) == []
        assert leaks(piped(text, ctx)) == []


def test_osc8_url_cannot_end_the_link_early() -> None:
    for url in ("http://a.example/\x1b\\\x1b]0;t\x07", "http://a.example/\x07x", "http://a.example/%1B%5C%07"):
        written = piped(f"[text](<{url}>) <{url}>", RenderContext(links="terminal"))
        links = re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", written)
        assert links and all(link == "" or link.startswith("http://a.example/") for link in links)
        assert leaks(written) == []


def test_escapes_become_visible_placeholders() -> None:
    written = piped("# a\x1b]0;t\x07b \u202e\n\n```\x1b[31m\nx\x9b\n```\n", RenderContext(links="terminal"))
    assert "␛]0;t␇" in written and "<U+202E>" in written and "<U+009B>" in written and "␛[31m" in written


def test_the_cli_writes_only_its_own_escapes(tmp_path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: \"\\e]0;x\\a\"\n---\n# \x1b]52;c;eA==\x07\n\n[l](http://x.example/\x1b\\)\n\n"
                    "```\x1b[2J\n\x1bP\x9b\u202e\n```\n| \x1b[5m | b |\n|-|-|\n| c | d |\n")
    for args in (["--color=always"], ["--json"], ["--toc"], []):
        res = subprocess.run([sys.executable, "-m", "mdread", *args, str(post)], capture_output=True, timeout=30)
        assert res.returncode == 0, res.stderr
        assert leaks(res.stdout.decode()) == [] and leaks(res.stderr.decode()) == []
