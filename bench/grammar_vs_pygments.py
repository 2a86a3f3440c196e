"""How a tree-sitter grammar and Pygments colour the same real files: which share of the text each
leaves plain, and what each makes of names that matter in the language.

For the question ``bench/highlight_cost.py`` leaves open: a grammar that is faster only for large
amounts of code must also colour at least as well to be worth its install size. Files are read
from fetched repositories (``git show COMMIT:PATH``); the grammar is built from the installed
package, so this runs where that package is installed (``pip install tree-sitter-cuda``), even
after mdread dropped it.

Usage: ``python bench/grammar_vs_pygments.py LANGUAGE PACKAGE NAMES_REGEX REPO_DIR:COMMIT:PATH ...``

Measured for CUDA (``bench/PROFILE.md``): ``python bench/grammar_vs_pygments.py cuda
tree_sitter_cuda '__global__|__shared__|threadIdx|blockIdx|blockDim|<<<'
/work/.mirror/github-linguist+linguist/repo:b45dbe9b:samples/Cuda/vectorAdd.cu …``
"""

from __future__ import annotations

import re
import subprocess
import sys

from pygments.lexers import get_lexer_by_name
from pygments.token import Token

from mdread.render.code import treesitter
from mdread.render.code.treesitter import Grammar, GrammarSpec

PLAIN = (Token, Token.Text, Token.Text.Whitespace, Token.Name)


def coloured(tokens: list[tuple[object, str]]) -> float:
    """The share of non-blank characters given a token type other than plain text or a plain name."""
    total = sum(len(text.strip()) for _, text in tokens)
    return sum(len(text.strip()) for kind, text in tokens if kind not in PLAIN) / max(total, 1)


def kind_at(tokens: list[tuple[object, str]], offset: int) -> str:
    pos = 0
    for kind, text in tokens:
        if pos <= offset < pos + len(text):
            return str(kind).removeprefix("Token.")
        pos += len(text)
    return "-"


def main(argv: list[str]) -> None:
    language, package, names, *files = argv
    c_family = language == "cuda"  # built as mdread built it: C's and C++'s queries first, C's type captures
    queries = ("tree_sitter_c", "tree_sitter_cpp", package) if c_family else (package,)
    grammar = Grammar(GrammarSpec(package, queries=queries, captures=treesitter._C_TYPES if c_family else ()))
    lexer = get_lexer_by_name(language)
    for spec in files:
        repo, commit, path = spec.split(":", 2)
        text = subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], capture_output=True, text=True,
                              check=True).stdout
        ts = list(grammar.tokens(text) or [])
        py = list(lexer.get_tokens(text))
        print(f"{path}: coloured by tree-sitter {coloured(ts):.0%}, by Pygments {coloured(py):.0%}")
        seen: set[str] = set()
        for match in re.finditer(names, text):
            if match.group() not in seen:
                seen.add(match.group())
                print(f"  {match.group():16} tree-sitter {kind_at(ts, match.start()):24} "
                      f"Pygments {kind_at(py, match.start())}")


if __name__ == "__main__":
    main(sys.argv[1:])
