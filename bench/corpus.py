"""Generate the benchmark articles: deterministic, seeded, about 14 KB, 50 KB, 500 KB and 5 MB.

Each article is what a long technical post looks like, scaled up: an H1 title,
sections at three levels (H2-H4), English and Chinese prose with inline marks
and links, tables, nested and task lists, quotes, and a code block in nearly
every unit, in a dozen languages (the 5 MB one has about a thousand). The same
seed always gives the same bytes, so runs on different days compare.

Usage: ``python bench/corpus.py [--out DIR]``; prints the files it wrote.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable
from pathlib import Path

from snippets import SNIPPETS

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus"
SIZES = {"14k": 14_000, "50k": 50_000, "500k": 500_000, "5m": 5_000_000}
SEED = 20240611
FENCE = "`" * 3

_WORDS = """the a of to and in is for on with as by that this from at be are it or an which each when not
kernel thread block warp memory cache latency throughput buffer queue request index query table row column
parser token lexer tree node edge graph path layer tensor batch gradient model weight loss epoch shard
replica cluster service container image deploy build release commit branch merge review test bench profile
trace span metric log alert budget quota limit retry timeout backoff socket stream frame packet header
payload schema field record struct trait interface generic closure iterator future promise callback event
loop scheduler worker pool lock mutex atomic barrier fence copy move borrow lifetime allocation arena
fast slow small large hot cold stale fresh eager lazy strict loose safe unsafe pure mutable shared local
global remote measure reduce improve avoid cache split join sort filter map fold scan write read parse
render highlight wrap align pad trim flush drain spill compact rebuild warm"""
WORDS = _WORDS.split()
CJK = ("的一是在不了有和人这中大为上个我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
       "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去"
       "把性好应开它合还因由其些然前外天政四日那社事平形相全表间样与关各重新线内数正心反你明看原又么利比或但"
       "质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果料象员位入常文总次品式活设"
       "及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运指几")
LANGUAGES = [lang for lang in SNIPPETS if lang]
TITLE = "Field notes on kernels, queries and pipelines"


class Writer:
    """One article being written; ``rng`` decides everything, so output depends only on the seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text.encode())

    def ident(self) -> str:
        r = self.rng
        return "_".join(r.choice(WORDS[20:]) for _ in range(r.randint(1, 3)))

    def sentence_en(self) -> str:
        r = self.rng
        words = [r.choice(WORDS) for _ in range(r.randint(8, 22))]
        i = r.randrange(len(words))
        mark = r.random()
        if mark < 0.15:
            words[i] = f"**{words[i]}**"
        elif mark < 0.3:
            words[i] = f"*{words[i]}*"
        elif mark < 0.45:
            words[i] = f"`{self.ident()}()`"
        elif mark < 0.55:
            words[i] = f"[{words[i]}](https://example.org/{self.ident()}/{r.randint(1, 999)})"
        text = " ".join(words)
        return text[0].upper() + text[1:] + r.choice(".....?!")

    def sentence_zh(self) -> str:
        r = self.rng
        clauses = ["".join(r.choice(CJK) for _ in range(r.randint(4, 14))) for _ in range(r.randint(1, 4))]
        if r.random() < 0.3:
            clauses[0] += f" `{self.ident()}` "
        return "，".join(clauses) + r.choice("。。。？！")

    def paragraph(self, chinese: bool) -> str:
        make = self.sentence_zh if chinese else self.sentence_en
        lines = [make() for _ in range(self.rng.randint(3, 7))]
        return ("" if chinese else "\n").join(lines)

    def code(self) -> str:
        r = self.rng
        lang = r.choice(LANGUAGES) if r.random() < 0.95 else ""
        pieces = [self.fill(r.choice(SNIPPETS[lang])) for _ in range(r.randint(2, 8))]
        return f"{FENCE}{lang}\n" + "\n".join(pieces) + f"{FENCE}\n"

    def fill(self, template: str) -> str:
        """Instantiate ``template``; a placeholder keeps one value throughout, as a name does in code."""
        r = self.rng
        values: dict[str, Callable[[], str]] = {
            "id": self.ident, "id2": self.ident, "id3": self.ident,
            "ID": lambda: self.ident().upper(),
            "Type": lambda: "".join(w.capitalize() for w in self.ident().split("_")),
            "n": lambda: str(r.randint(16, 4096)), "m": lambda: str(r.randint(2, 64)),
            "word": lambda: r.choice(WORDS[20:]),
        }  # fmt: skip
        drawn: dict[str, str] = {}
        return re.sub(r"@(\w+)@", lambda m: drawn.setdefault(m.group(1), values[m.group(1)]()), template)

    def table(self) -> str:
        r = self.rng
        cols = r.randint(3, 5)
        head = "| " + " | ".join(r.choice(WORDS[20:]).capitalize() for _ in range(cols)) + " |"
        rule = "|" + "|".join(r.choice([" --- ", ":---", "---:", ":---:"]) for _ in range(cols)) + "|"
        rows = []
        for _ in range(r.randint(3, 8)):
            cells = [self.ident() if r.random() < 0.5 else f"{r.uniform(0, 999):.2f}" for _ in range(cols)]
            if r.random() < 0.3:
                cells[0] = "".join(r.choice(CJK) for _ in range(r.randint(2, 6)))
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join([head, rule, *rows]) + "\n"

    def bullets(self) -> str:
        r = self.rng
        lines = []
        ordered = r.random() < 0.35
        for i in range(r.randint(3, 7)):
            marker = f"{i + 1}." if ordered else r.choice(["-", "- [ ]", "- [x]", "*"])
            lines.append(f"{marker} {self.sentence_en() if r.random() < 0.7 else self.sentence_zh()}")
            if r.random() < 0.25:
                lines.append(f"   - {self.sentence_en()}")
        return "\n".join(lines) + "\n"

    def quote(self) -> str:
        return "> " + self.sentence_en() + "\n> " + self.sentence_zh() + "\n"


def article(target: int, seed: int = SEED) -> str:
    """An article of at least ``target`` UTF-8 bytes; the same arguments always give the same text."""
    w = Writer(seed + target)
    w.add(f"# {TITLE}\n\n{w.paragraph(False)}\n\n")
    part = section = 0
    while w.size < target:
        r = w.rng
        if part == 0 or r.random() < 0.1:
            part += 1
            section = 0
            w.add(f"## {part}. {w.sentence_en()[:-1]}\n\n")
        if r.random() < 0.45:
            section += 1
            w.add(f"### {part}.{section} {w.sentence_en()[:48].rstrip()}\n\n")
        elif r.random() < 0.2:
            w.add(f"#### {w.sentence_zh()[:-1]}\n\n")
        chinese = r.random() < 0.3
        for _ in range(r.randint(3, 7)):
            w.add(w.paragraph(chinese) + "\n\n")
        w.add(w.code() + "\n")
        extra = r.random()
        if extra < 0.15:
            w.add(w.table() + "\n")
        elif extra < 0.35:
            w.add(w.bullets() + "\n")
        elif extra < 0.43:
            w.add(w.quote() + "\n")
    return "".join(w.parts)


def write_corpus(out: Path = OUT) -> dict[str, Path]:
    """Write (or rewrite, when the bytes differ) each article; returns name → path."""
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, size in SIZES.items():
        path = out / f"article-{name}.md"
        text = article(size)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for name, path in write_corpus(args.out).items():
        text = path.read_text(encoding="utf-8")
        print(f"{name}: {path} {len(text.encode()):,} bytes, {text.count(FENCE) // 2} code blocks")


if __name__ == "__main__":
    main()
