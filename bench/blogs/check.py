"""Count what real blog posts still show wrongly, in both faces, at widths 40, 80 and 120.

Over every post of the corpus that ``bench/blogs/corpus.py`` builds, four things a reader of a
real Hexo, Hugo, Jekyll, Astro or VuePress blog runs into:

1. **html** — raw prose HTML shown: tag openings (``<b``, ``</font``, ``<div`` …, ``<!--``) in
   what is drawn, beyond those the post shows on purpose (in code, in math, or written as
   ``&lt;b&gt;``);
2. **punct** — lines (and table cells) that open with closing punctuation (``。，、；：？！）》」』】…``
   and the ASCII ``, . ; : ? ! ) ] }``) in the middle of a paragraph, unless the run of
   characters across the break is wider than the line (``!!!!…``, a narrow table column), or the
   source starts a line, a Markdown cell or an HTML cell with it (``<td>!SpamAndHex``);
3. **cut** — Latin words, numbers and URLs split across two lines although the whole word was
   narrower than the line: the two halves run together in the source, not with a space between;
   a break after a hyphen or a slash in a word that is not a URL is left alone (UAX #14 allows it);
4. **math** — display math rows run together: two rows of a ``$$…$$`` (or ``\\[…\\]``) split by
   ``\\\\`` drawn on one line.

The pipe face is ``mdread --print --color=never -w W`` (run in this process, for speed); the
reader face is the article's lines as the reader draws them — the same :class:`Layout` its
article view asks for each row — with the article ``W`` cells wide.

Run ``python bench/blogs/check.py [--corpus DIR] [--label TEXT]``; it prints the totals and writes
``RESULTS.md`` beside this file (totals per face and width, then every post with a count).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import astuple, dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.html_blocks import block_names
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin
from rich.cells import cell_len

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from mdread import cli  # noqa: E402
from mdread.article import LoadOptions, open_article  # noqa: E402
from mdread.load.source import load  # noqa: E402
from mdread.render import RenderContext  # noqa: E402
from mdread.render.layout import Layout  # noqa: E402

CORPUS = Path("/work/corpora/blogs")
WIDTHS = (40, 80, 120)
FACES = ("pipe", "reader")

INLINE_TAGS = ("a abbr b big br cite code del dfn em font i img ins kbd mark q s samp small span strike strong "
               "sub sup tt u var video audio iframe script style object embed svg input button label "
               "bdi bdo canvas data map math meter nobr output picture progress rp rt ruby select slot source "
               "template textarea time wbr")
_NAMES = "|".join(sorted({*block_names, *INLINE_TAGS.split()}, key=len, reverse=True))
TAG = re.compile(rf"<!--|</?(?:{_NAMES})(?=[\s/>]|$)", re.IGNORECASE)
CLOSING = frozenset("、。，．：；？！）］｝〕〉》」』】〙〗〟｠»’”・…‥々〻ゝゞヽヾ,.;:?!)]}")
PREFIX = re.compile(r"^[\s▌]*")
DOT_WORD = re.compile(r"\.[A-Za-z_]")
"""A word that starts with a dot (``.bss``, ``.gitignore``) may start a line."""
RUN = r"[A-Za-z0-9_\-./:?&=%#~+@]"
TAIL = re.compile(RUN + r"+$")
HEAD = re.compile(r"^" + RUN + r"+")
UNBREAKABLE = r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
GLUED = rf"(?:{UNBREAKABLE}| +(?=[,:;!?)\]}}]|\.(?![A-Za-z_]))|(?<=[(\[{{]) +)"
"""A character of a run no rule lets break, or a space that UAX #14 glues into one (before ``, ) :``,
after ``( [ {``)."""
UNIT_TAIL = re.compile(rf"[（《「『【〔［｛“‘]*{GLUED}*$")
UNIT_HEAD = re.compile(rf"^{GLUED}*[、。，．：；？！）］｝〕〉》」』】…’”]*(?:(?<=['\"])\S['\"]?\S?)?")
BAR = "│"
ELEMENT_TEXT = re.compile(r"<(?:td|th|li|p|div|dd|dt)\b[^>]*>([^<]+)", re.IGNORECASE)
"""Text that opens an HTML cell, item or paragraph: it starts a line of its own as written (``<td>!Team``)."""
MATH_NAMES = re.compile(r"\\(?:p|b)?mod\b|\\(arc)?(sin|cos|tan|cot|sec|csc)h?\b|\\(log|lg|ln|exp|max|min|lim|det|gcd|"
                        r"sup|inf|arg|deg|dim|ker|hom|Pr)\b")
ENVIRONMENT = re.compile(r"\\(?:begin|end)\{[^}]*\}")
COMMAND = re.compile(r"\\[A-Za-z]+")
NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")
INLINE_SOURCE = re.compile(r"\$[^$]*\$")


@dataclass
class Counts:
    html: int = 0
    punct: int = 0
    cut: int = 0
    math: int = 0

    def add(self, other: Counts) -> None:
        self.html += other.html
        self.punct += other.punct
        self.cut += other.cut
        self.math += other.math

    def total(self) -> int:
        return sum(astuple(self))


@dataclass
class Post:
    """What the checks need to know of a post's source."""

    path: Path
    flat: str
    bare: str
    starts: frozenset[str]
    legit_tags: Counter[str]
    math_rows: list[list[str]] = field(default_factory=list)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(dollarmath_plugin, double_inline=True, allow_space=True, allow_digits=True).use(
        texmath_plugin, delimiters="brackets")


MD = _markdown()


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for tok in tokens:
        yield tok
        if tok.children:
            yield from _tokens(tok.children)


def math_signature(text: str) -> str:
    """The letters and digits of a piece of math, LaTeX commands left out, operator names kept.

    Applied alike to a source row and a drawn line, so raw LaTeX and its Unicode rendering
    (``\\alpha`` → ``α``, both dropped) give the same signature.
    """
    text = ENVIRONMENT.sub(" ", text)
    text = MATH_NAMES.sub(lambda m: " mod " if "mod" in m.group(0) else f" {m.group(0)[1:]} ", text)
    return NON_ALNUM.sub("", COMMAND.sub(" ", text))


def study(path: Path) -> Post:
    text = load(str(path)).text
    legit: Counter[str] = Counter()
    rows: list[list[str]] = []
    for tok in _tokens(MD.parse(text)):
        if tok.type in ("inline", "html_inline", "html_block"):
            continue
        legit.update(m.group(0).lower() for m in TAG.finditer(html.unescape(tok.content)))
        if tok.type in ("math_block", "math_block_label", "math_inline_double", "math_block_eqno"):
            parts = [math_signature(row) for row in tok.content.split("\\\\")]
            parts = [p for p in parts if p]
            if len(parts) > 1:
                rows.append(parts)
    lines = [PREFIX.sub("", line).lstrip(">-*+0123456789. ") for line in text.splitlines()]
    cells = [cell.strip() for line in lines if "|" in line for cell in line.split("|")]
    cells += [html.unescape(m.group(1)).strip() for line in lines if "<" in line for m in ELEMENT_TEXT.finditer(line)]
    unescaped = [re.sub(r"\\(.)", r"\1", start).strip("`* ") for start in lines + cells]
    flat = re.sub(r"\s+", " ", html.unescape(text))
    starts = frozenset(line[:3] for line in lines + cells + unescaped if line)
    return Post(path, flat, re.sub(r"[`*]", "", flat), starts, legit, rows)


def pipe_lines(path: Path, width: int) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(["--print", "--color=never", "-w", str(width), str(path)])
    if status:
        raise RuntimeError(err.getvalue().strip())
    return out.getvalue().splitlines()


def reader_lines(path: Path, width: int) -> list[str]:
    """The article's rows as the reader draws them (its header is a widget of its own, left out)."""
    doc = open_article(str(path), LoadOptions()).document
    layout = Layout(doc, RenderContext(width=width, links="reader"))
    rows: list[str] = []
    for block in range(layout.items):
        rows.append("")
        rows.extend("".join(seg.text for seg in line).rstrip() for line in layout.lines(block))
    return rows


def prose(lines: list[str]) -> list[str]:
    """The lines with code panes blanked: code is shown as written, so no check applies to it.

    A pane opens with ``╭─ <label>`` (a table's top border has no label) and closes with ``╰``,
    both maybe after the indent and quote bars of the block the pane sits in.
    """
    out: list[str] = []
    in_pane = False
    for line in lines:
        bare = PREFIX.sub("", line)
        if not in_pane and bare.startswith("╭─ "):
            in_pane = True
        out.append("" if in_pane else line)
        if in_pane and bare.startswith("╰"):
            in_pane = False
    return out


def cells(line: str, other: str) -> list[tuple[str, str]]:
    """The pairs of cells of two lines of one table or pane (split at the same bars), or the lines."""
    bars = [i for i, ch in enumerate(line) if ch == BAR]
    if bars and bars == [i for i, ch in enumerate(other) if ch == BAR]:
        edges = [-1, *bars, max(len(line), len(other))]
        return [(line[a + 1 : b], other[a + 1 : b]) for a, b in itertools.pairwise(edges)]
    return [(line, other)]


def _content(cell: str) -> tuple[str, int]:
    """A cell without its indent and quote bars, and how many cells those took."""
    prefix = PREFIX.match(cell)
    lead = prefix.group(0) if prefix else ""
    return cell[len(lead):].rstrip(), cell_len(lead)


def _tail(text: str) -> str:
    match = UNIT_TAIL.search(text)
    return match.group(0) if match else ""


def _head(text: str) -> str:
    match = UNIT_HEAD.match(text)
    return match.group(0) if match else ""


def run_width(contents: list[str], i: int) -> int:
    """The width of the run no rule lets break (punctuation glued to it) across the break after
    line ``i``, followed back and forth over whole lines that it fills."""
    before, after = _tail(contents[i]), _head(contents[i + 1])
    width = cell_len(before + after)
    k = i
    while before and before == contents[k] and k > 0 and (before := _tail(contents[k - 1])):
        width += cell_len(before)
        k -= 1
    k = i + 1
    while after and after == contents[k] and k + 1 < len(contents) and (after := _head(contents[k + 1])):
        width += cell_len(after)
        k += 1
    return width


def breaks(lines: list[str], width: int) -> Iterator[tuple[str, str, int, int]]:
    """Every break between two lines, or between two lines of a table cell: ``(upper, lower, room,
    run)``, the texts without indent and quote bars, the cells the lower one had, and the width of
    the unbreakable run across the break (wider than the room: the break was forced)."""
    contents = [_content(line)[0] for line in lines]
    i = 0
    while i < len(lines) - 1:
        bars = [k for k, ch in enumerate(lines[i]) if ch == BAR]
        end = i
        while bars and end + 1 < len(lines) and [k for k, ch in enumerate(lines[end + 1]) if ch == BAR] == bars:
            end += 1
        if end == i:
            lower, indent = _content(lines[i + 1])
            yield contents[i], lower, width - indent, run_width(contents, i)
            i += 1
            continue
        edges = [-1, *bars]
        for left, right in itertools.pairwise(edges):
            column = [_content(line[left + 1 : right])[0] for line in lines[i : end + 1]]
            for k in range(len(column) - 1):
                yield column[k], column[k + 1], right - left - 3, run_width(column, k)
        i = end


def find_punct(post: Post, lines: list[str], width: int) -> list[str]:
    found: list[str] = []
    for upper, text, room, run in breaks(lines, width):
        if not text or text[0] not in CLOSING or text[:3] in post.starts or not upper or DOT_WORD.match(text):
            continue
        if run <= room:
            found.append(f"{upper[-12:]}⏎{text[:12]}")
    return found


def find_cuts(post: Post, lines: list[str], width: int) -> list[str]:
    found: list[str] = []
    for top, bottom, room, run in breaks(lines, width):
        tail, head = TAIL.search(top), HEAD.match(bottom)
        if not tail or not head or bottom.startswith("↪") or bottom[:3] in post.starts or run > room:
            continue
        t, h = tail.group(0), head.group(0)
        word = t + h
        url = "://" in word or word.startswith("www.")
        inside = (t[-1].isalnum() and h[0].isalnum() and t[-1].isascii() and h[0].isascii()) or url or (
            re.search(r"\d[.,]$", t) is not None and h[0].isdigit())
        joined = word in post.flat or word in post.bare
        spaced = f"{t} {h}" in post.flat or f"{t} {h}" in post.bare
        if inside and joined and not spaced and cell_len(top) + cell_len(h) > room:  # else not a wrap at all
            found.append(f"{top[-20:]}⏎{bottom[:20]}")
    return found


def find_math(post: Post, lines: list[str]) -> list[str]:
    """Rows of display math drawn on one line: the end of a row and the start of the next, side by
    side in one line's signature (inline formulas shown as source, ``$…$``, left out)."""
    signatures = [math_signature(INLINE_SOURCE.sub(" ", line)) for line in lines]
    found: list[str] = []
    for rows in post.math_rows:
        for upper, lower in itertools.pairwise(rows):
            joint = upper[-6:] + lower[:6]
            if len(joint) >= 6 and any(joint in sig for sig in signatures):
                found.append(f"{upper[-12:]}⏎{lower[:12]}")
    return found


def find_html(post: Post, lines: list[str]) -> list[str]:
    shown = Counter(m.group(0).lower() for line in lines for m in TAG.finditer(line))
    return list((shown - post.legit_tags).elements())


def findings(post: Post, lines: list[str], width: int) -> dict[str, list[str]]:
    """What each check found, by kind: a short excerpt per finding."""
    lines = prose(lines)
    return {"html": find_html(post, lines), "punct": find_punct(post, lines, width),
            "cut": find_cuts(post, lines, width), "math": find_math(post, lines)}


def check(post: Post, lines: list[str], width: int) -> Counts:
    return Counts(*(len(found) for found in findings(post, lines, width).values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--label", default="", help="what was measured (a commit, 'before' …), for RESULTS.md")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--before", type=Path, help="an earlier RESULTS.md whose totals to show beside these")
    args = parser.parse_args()
    manifest = json.loads((args.corpus / "MANIFEST.json").read_text())
    totals = {(face, w): Counts() for face in FACES for w in WIDTHS}
    per_post: dict[str, dict[tuple[str, int], Counts]] = {}
    failures: list[str] = []
    started = time.perf_counter()
    for entry in manifest:
        path = args.corpus / entry["path"]
        post = study(path)
        mine: dict[tuple[str, int], Counts] = {}
        for width in WIDTHS:
            for face, draw in (("pipe", pipe_lines), ("reader", reader_lines)):
                try:
                    counts = check(post, draw(path, width), width)
                except Exception as err:  # one broken post must not hide the others
                    failures.append(f"{entry['path']} ({face}, {width}): {type(err).__name__}: {err}")
                    continue
                mine[(face, width)] = counts
                totals[(face, width)].add(counts)
        per_post[entry["path"]] = mine
    elapsed = time.perf_counter() - started
    report = render(manifest, totals, per_post, failures, elapsed, args.label)
    if args.before is not None:
        report = report.replace("\n## Blogs\n", "\n" + earlier_totals(args.before) + "\n## Blogs\n", 1)
    args.out.write_text(report)
    print(report.split("\n## Per post", 1)[0])


def earlier_totals(path: Path) -> str:
    """The first paragraph and totals table of an earlier run's report, under a heading of its own."""
    text = path.read_text()
    summary = text.split("\n\n", 2)[1]
    table = [line for line in text.split("\n## Blogs", 1)[0].splitlines() if line.startswith("|")]
    return "\n".join(["## Before", "", summary, "", *table, ""])


def render(manifest: list[dict[str, str]], totals: dict[tuple[str, int], Counts],
           per_post: dict[str, dict[tuple[str, int], Counts]], failures: list[str], elapsed: float,
           label: str) -> str:
    langs = Counter(entry["language"] for entry in manifest)
    blogs = Counter(entry["repo"] for entry in manifest)
    out = ["# Real blog posts: what still shows wrongly", "",
           f"{label + ': ' if label else ''}{len(manifest)} posts from {len(blogs)} blogs "
           f"({langs['zh']} Chinese, {langs['ja']} Japanese, {langs['en']} English), "
           f"checked in {elapsed:.0f} s by `bench/blogs/check.py`. Counts: html = raw prose HTML shown, "
           "punct = lines opening with closing punctuation, cut = words that fit a line but were cut, "
           "math = display-math rows run together.", "",
           "| face | width | html | punct | cut | math |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for (face, width), c in totals.items():
        out.append(f"| {face} | {width} | {c.html} | {c.punct} | {c.cut} | {c.math} |")
    if failures:
        out += ["", f"{len(failures)} renders failed:", ""] + [f"- {f}" for f in failures]
    out += ["", "## Blogs", "", "| blog | commit | posts |", "| --- | --- | ---: |"]
    commits = {entry["repo"]: entry["commit"] for entry in manifest}
    out += [f"| {repo} | `{commits[repo][:12]}` | {n} |" for repo, n in sorted(blogs.items())]
    out += ["", "## Per post", "", "Posts with any count, worst first; each cell is html/punct/cut/math.", "",
            "| post | " + " | ".join(f"{f} {w}" for f in FACES for w in WIDTHS) + " |",
            "| --- |" + " --- |" * (len(FACES) * len(WIDTHS))]
    ranked = sorted(per_post.items(), key=lambda kv: -sum(c.total() for c in kv[1].values()))
    for path, mine in ranked:
        if not any(c.total() for c in mine.values()):
            continue
        keys = [(f, w) for f in FACES for w in WIDTHS]
        row = ["/".join(map(str, astuple(mine[k]))) if k in mine else "—" for k in keys]
        out.append(f"| {path} | " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
