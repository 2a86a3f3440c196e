"""The words the full-text index holds, shared by the indexer and the query builder so they agree.

FTS5's ``unicode61`` tokenizer splits on spaces and punctuation, which suits
English but leaves a Chinese or Japanese sentence as one giant token. So text
is turned into its distinct lower-cased words here, and each run of CJK
characters into its overlapping character pairs (a common way to index
unsegmented scripts): a search for ``共享内存`` then asks for ``共享``, ``享内``
and ``内存``. Keeping only distinct words also makes the body index several
times smaller and faster to build.
"""

from __future__ import annotations

import re

from mdread.scripts import CJK_LETTERS

_WORDS = re.compile(r"[^\W_]+")
_CJK_RUN = re.compile(f"[{CJK_LETTERS}]{{2,}}")
_ASCII_PUNCTUATION = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def _pairs(run: re.Match[str]) -> str:
    text = run.group()
    return " " + " ".join(text[i:i + 2] for i in range(len(text) - 1)) + " "


def _prepared(text: str) -> str:
    text = text.lower()
    return text if text.isascii() else _CJK_RUN.sub(_pairs, text)


def index_text(*texts: str) -> str:
    """The distinct words of ``texts`` for the index, space separated, in order of first use.

    Split at ASCII punctuation only (ten times faster than a Unicode word
    pattern); FTS5 splits whatever else is left as it indexes.
    """
    return " ".join(dict.fromkeys(_prepared(" ".join(texts)).translate(_ASCII_PUNCTUATION).split()))


def query_terms(text: str) -> list[str]:
    """The words of a search, each a single index token: letters and digits only, so safe to quote."""
    return list(dict.fromkeys(_WORDS.findall(_prepared(text))))
