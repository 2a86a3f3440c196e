"""Language model that picks the most plausible reading of damaged CJK text.

When a Windows code page drops bytes from UTF-8, several characters fit the
bytes that remain. Byte arithmetic alone cannot choose between them, but the
author wrote words, not random characters: a segmentation over wordfreq's
Chinese word list scores each reading by how likely its words are, and a
Viterbi search finds the best reading of a whole run at once. Word
frequencies carry no context, so two small additions cover what they miss
most: the grammar of a few colliding function characters, and a document
cache that favours characters the same text has already shown.

The word list takes about half a second to load, so it is loaded lazily and
kept for the life of the process; text without damage never touches it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

MAX_WORD_LEN = 8
_ASCII = re.compile("[\x00-\x7f]")

_CJK_FLOOR = math.log(2e-9)
_OTHER_FLOOR = math.log(1e-10)
_FORMAT_FLOOR = math.log(1e-13)

# Punctuation is not in wordfreq's lists (its tokenizer drops it), yet it is
# what most damaged full-width characters turn out to be; rough shares of
# punctuation in Chinese prose keep it competitive with ideographs.
_PUNCT_FREQ = {
    "，": 3e-2, "。": 2e-2, "、": 6e-3, "：": 4e-3, "“": 3e-3, "”": 3e-3,
    "（": 2e-3, "）": 2e-3, "！": 2e-3, "？": 2e-3, "；": 1e-3, "《": 1e-3,
    "》": 1e-3, "…": 1e-3, "—": 1e-3, "‘": 5e-4, "’": 5e-4, "【": 5e-4,
    "】": 5e-4, "·": 3e-4, "「": 3e-4, "」": 3e-4, "•": 3e-4, "→": 2e-4,
    "～": 2e-4, "『": 1e-4, "』": 1e-4, "＝": 5e-5, "／": 5e-5,
}  # fmt: skip


# Function characters whose remnants collide with common content characters
# (不, 中 and 与 all shrink to "ä¸"; 吗 leaves the same bytes as 块): word
# frequencies cannot tell them apart, but grammar can. A sentence-final
# particle must close a clause; a negator or preposition cannot.
_CLAUSE_FINAL = frozenset("吗呢吧")
_NEEDS_OBJECT = frozenset("不向从把被往与")
_VIOLATION = math.log(1e-4)
# How far the document cache lifts a character: it scales with how much more
# common the character is in this text than in general, so topic words (锁
# in a post on locks) gain and everyday characters barely move. Larger
# weights start overruling real words; 0.01 measured best on sample posts.
CACHE_WEIGHT = 0.01
_MIN_BOOST = 0.05


@dataclass(frozen=True)
class Choice:
    """The reading chosen for one slot.

    Attributes:
        char: The chosen character.
        margin: Log-probability gap to the best reading that uses another
            character in this slot (``inf`` when there was no alternative).
    """

    char: str
    margin: float


@dataclass(frozen=True)
class _Model:
    words: dict[str, float]
    prefixes: frozenset[str]

    def single(self, char: str) -> float:
        logp = self.words.get(char)
        if logp is not None:
            return logp
        if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
            return _CJK_FLOOR
        if unicodedata.category(char) == "Cf":
            return _FORMAT_FLOOR
        return _OTHER_FLOOR


_LISTS = {"zh": "large", "ja": "large", "ko": "small"}


@cache
def _model(languages: frozenset[str]) -> _Model:
    """Build the word model for `languages` from wordfreq's lists (cached).

    Japanese and Korean lists join only when the text shows kana or hangul:
    merged blindly, Japanese kanji compounds would skew Chinese readings.
    """
    from wordfreq import get_frequency_list

    words: dict[str, float] = {}
    for language in sorted(languages):
        # Bucket i holds the words whose frequency is 10 ** (-i / 100).
        for index, bucket in enumerate(get_frequency_list(language, _LISTS[language])):
            logp = -index * math.log(10) / 100
            for word in bucket:
                if len(word) <= MAX_WORD_LEN and _ASCII.search(word) is None and logp > words.get(word, -math.inf):
                    words[word] = logp
    for char, freq in _PUNCT_FREQ.items():
        words[char] = max(words.get(char, -math.inf), math.log(freq))
    prefixes = {word[:end] for word in words if len(word) > 1 for end in range(1, len(word))}
    return _Model(words, frozenset(prefixes))


def boosts(shares: Mapping[str, float], languages: frozenset[str]) -> dict[str, float]:
    """Turn a document's character shares into log-probability bonuses.

    Args:
        shares: Each character's share among the document's surely-read
            characters.
        languages: As for `choose`.

    Returns:
        The bonus for each character it is worth re-reading for.
    """
    model = _model(languages)
    bonus = {c: math.log1p(CACHE_WEIGHT * share / math.exp(model.single(c))) for c, share in shares.items()}
    return {c: b for c, b in bonus.items() if b >= _MIN_BOOST}


def _edges(
    model: _Model, slots: Sequence[Sequence[str]], boost: Mapping[str, float]
) -> list[tuple[int, int, str, float]]:
    """List every (start, end, word, logp) that fits the candidate lattice."""
    edges = []
    for start, first in enumerate(slots):
        for char in first:
            edges.append((start, start + 1, char, model.single(char) + boost.get(char, 0.0)))
        frontier = [c for c in first if c in model.prefixes]
        end = start + 1
        while frontier and end < len(slots) and end - start < MAX_WORD_LEN:
            grown = []
            for prefix in frontier:
                for char in slots[end]:
                    word = prefix + char
                    logp = model.words.get(word)
                    if logp is not None:
                        edges.append((start, end + 1, word, logp))
                    if word in model.prefixes:
                        grown.append(word)
            frontier = grown
            end += 1
    return edges


def _kind(word: str) -> str:
    if word in _CLAUSE_FINAL:
        return "final"
    if word in _NEEDS_OBJECT:
        return "head"
    return ""


def _closes(char: str) -> bool:
    """Whether `char` ends a clause: a line end or closing punctuation."""
    return char in ("", "\n", "\r") or unicodedata.category(char) in ("Po", "Pe", "Pf")


def _penalty(kind: str, following: str) -> float:
    if kind == "final":
        return 0.0 if _closes(following) else _VIOLATION
    if kind == "head" and (_closes(following) or following == "的"):
        return _VIOLATION
    return 0.0


def choose(
    slots: Sequence[Sequence[str]],
    after: str = "",
    languages: frozenset[str] = frozenset({"zh"}),
    boost: Mapping[str, float] | None = None,
) -> list[Choice]:
    """Pick one character per slot so that the whole run reads best.

    Args:
        slots: For each character position, the characters the surviving
            bytes allow there (one for intact characters).
        after: The character that follows the run ("" at the end of text).
        languages: wordfreq language codes among "zh", "ja" and "ko".
        boost: Per-character bonuses from `boosts`; they tilt close calls
            toward the document's own vocabulary, which a general word list
            underrates (锁 and 块 in a post about locks and thread blocks).

    Returns:
        One `Choice` per slot, in order.
    """
    model = _model(languages)
    n = len(slots)
    edges = [(s, e, w, lp, _kind(w)) for s, e, w, lp in _edges(model, slots, boost or {})]
    fwd: list[dict[str, tuple[float, tuple[int, str, str] | None]]] = [{} for _ in range(n + 1)]
    fwd[0][""] = (0.0, None)
    for start, end, word, logp, kind in sorted(edges, key=lambda e: e[0]):
        for prev, (score, _) in fwd[start].items():
            total = score + _penalty(prev, word[0]) + logp
            if total > fwd[end].get(kind, (-math.inf, None))[0]:
                fwd[end][kind] = (total, (start, prev, word))
    bwd: list[dict[str, float]] = [{} for _ in range(n + 1)]
    bwd[n] = {kind: _penalty(kind, after) for kind in fwd[n]}
    for start, end, word, logp, kind in sorted(edges, key=lambda e: -e[1]):
        rest = bwd[end].get(kind)
        if rest is None:
            continue
        for prev in fwd[start]:
            total = _penalty(prev, word[0]) + logp + rest
            if total > bwd[start].get(prev, -math.inf):
                bwd[start][prev] = total

    best: list[dict[str, float]] = [{} for _ in range(n)]
    for start, end, word, logp, kind in edges:
        rest = bwd[end].get(kind)
        if rest is None:
            continue
        total = max(s + _penalty(p, word[0]) for p, (s, _) in fwd[start].items()) + logp + rest
        for offset, char in enumerate(word):
            slot = best[start + offset]
            if total > slot.get(char, -math.inf):
                slot[char] = total

    chars = [""] * n
    kind = max(fwd[n], key=lambda k: fwd[n][k][0] + _penalty(k, after))
    end = n
    while end > 0:
        step = fwd[end][kind][1]
        assert step is not None
        start, kind, word = step
        chars[start:end] = word
        end = start
    choices = []
    for char, scores in zip(chars, best, strict=True):
        others = [s for c, s in scores.items() if c != char]
        margin = scores[char] - max(others) if others else math.inf
        choices.append(Choice(char, margin))
    return choices
