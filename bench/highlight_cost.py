"""What highlighting one language costs through tree-sitter and through Pygments, and where they cross.

A grammar pays a fixed price in every process (building the language and
compiling its highlight query) and then a price per byte; a Pygments lexer
the same, with other numbers. For each language this prints both, measured
in fresh processes (best of ``--runs``, so a busy machine's noise is left
out), and the bytes of that language an article must hold before the grammar
is the cheaper of the two. ``render/code/treesitter.py`` takes its
``GrammarSpec.worth_from`` figures from here.

The code is the benchmark corpus's (``bench/corpus.py``): its blocks come from
``bench/snippets.py`` templates filled in, up to ``SAMPLE_BYTES`` a language.

Usage: ``python bench/highlight_cost.py [--runs N] [LANGUAGE ...]``
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import corpus

SAMPLE_BYTES = 100_000
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
PROBE = r"""
import json, sys, time
import pygments.lexer, pygments.lexers, tree_sitter
from mdread.render.code.highlight import lexer_for
from mdread.render.code.treesitter import GRAMMARS, Grammar
lang, which, path = sys.argv[1:]
blocks = json.loads(open(path, encoding="utf-8").read())
start = time.perf_counter()
if which == "tree-sitter":
    grammar = Grammar(GRAMMARS[lang])
    lex = grammar.tokens
else:
    lexer = lexer_for(lang)
    lex = lambda text: list(lexer.get_tokens(text))
lex(blocks[0])
first = time.perf_counter() - start
start = time.perf_counter()
for text in blocks:
    lex(text)
rate = (time.perf_counter() - start) / (sum(len(t.encode()) for t in blocks) / 1000)
print(json.dumps([first, rate]))
"""


def samples(article: Path) -> dict[str, list[str]]:
    """Code blocks per fence language, up to ``SAMPLE_BYTES`` each."""
    out: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    for match in FENCE.finditer(article.read_text(encoding="utf-8")):
        lang, text = match.group(1), match.group(2)
        if sizes.get(lang, 0) < SAMPLE_BYTES:
            out.setdefault(lang, []).append(text)
            sizes[lang] = sizes.get(lang, 0) + len(text.encode())
    return out


def best(lang: str, which: str, path: Path, runs: int) -> tuple[float, float]:
    """Seconds for the first block (set-up included) and seconds per KB after it; the best of ``runs``."""
    found = [json.loads(subprocess.run([sys.executable, "-c", PROBE, lang, which, str(path)], capture_output=True,
                                       text=True, check=True).stdout) for _ in range(runs)]
    return min(f[0] for f in found), min(f[1] for f in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from mdread.render.code.languages import main_alias
    from mdread.render.code.treesitter import GRAMMARS

    code = samples(corpus.write_corpus()["5m"])
    by_alias = {main_alias(lang): blocks for lang, blocks in code.items()}
    wanted = args.languages or sorted(set(by_alias) & set(GRAMMARS))
    print("| language | tree-sitter first block | per KB | Pygments first block | per KB | grammar pays from |")
    print("|---|---:|---:|---:|---:|---:|")
    out = Path(corpus.OUT) / "highlight-sample.json"
    for lang in wanted:
        out.write_text(json.dumps(by_alias[lang]), encoding="utf-8")
        ts_first, ts_rate = best(lang, "tree-sitter", out, args.runs)
        py_first, py_rate = best(lang, "pygments", out, args.runs)
        gain = py_rate - ts_rate
        pays = (f"{max(0.0, (ts_first - py_first) / gain):.0f} KB" if gain > 0
                else "never" if ts_first > py_first else "always")
        print(f"| {lang} | {ts_first * 1000:.1f} ms | {ts_rate * 1000:.2f} ms | {py_first * 1000:.1f} ms "
              f"| {py_rate * 1000:.2f} ms | {pays} |", flush=True)


if __name__ == "__main__":
    main()
