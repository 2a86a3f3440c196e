"""Language model that picks the most plausible reading of damaged CJK text.

When a Windows code page drops bytes from UTF-8, several characters fit the
bytes that remain. Byte arithmetic alone cannot choose between them, but the
author wrote words, not random characters: a segmentation over wordfreq's
Chinese word list scores each reading by how likely its words are, and a
Viterbi search finds the best reading of a whole run at once.

The word list costs about a second to load, so it is loaded lazily and kept
for the life of the process; text without damage never touches it.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

MAX_WORD_LEN = 8

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
    from wordfreq import get_frequency_dict

    words: dict[str, float] = {}
    prefixes: set[str] = set()
    for language in sorted(languages):
        for word, freq in get_frequency_dict(language, _LISTS[language]).items():
            if len(word) > MAX_WORD_LEN or not all(ord(c) > 127 for c in word):
                continue
            logp = math.log(freq)
            if logp > words.get(word, -math.inf):
                words[word] = logp
            for end in range(1, len(word)):
                prefixes.add(word[:end])
    for char, freq in _PUNCT_FREQ.items():
        words[char] = max(words.get(char, -math.inf), math.log(freq))
    return _Model(words, frozenset(prefixes))


def _edges(model: _Model, slots: Sequence[Sequence[str]]) -> list[tuple[int, int, str, float]]:
    """List every (start, end, word, logp) that fits the candidate lattice."""
    edges = []
    for start, first in enumerate(slots):
        for char in first:
            edges.append((start, start + 1, char, model.single(char)))
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


def choose(slots: Sequence[Sequence[str]], languages: frozenset[str] = frozenset({"zh"})) -> list[Choice]:
    """Pick one character per slot so that the whole run reads best.

    Args:
        slots: For each character position, the characters the surviving
            bytes allow there (one for intact characters).
        languages: wordfreq language codes among "zh", "ja" and "ko".

    Returns:
        One `Choice` per slot, in order.
    """
    model = _model(languages)
    n = len(slots)
    edges = _edges(model, slots)
    fwd = [-math.inf] * (n + 1)
    fwd[0] = 0.0
    back: list[tuple[int, str] | None] = [None] * (n + 1)
    bwd = [-math.inf] * (n + 1)
    bwd[n] = 0.0
    for start, end, word, logp in sorted(edges, key=lambda e: e[0]):
        if fwd[start] + logp > fwd[end]:
            fwd[end] = fwd[start] + logp
            back[end] = (start, word)
    for start, end, _word, logp in sorted(edges, key=lambda e: -e[1]):
        bwd[start] = max(bwd[start], logp + bwd[end])

    best: list[dict[str, float]] = [{} for _ in range(n)]
    for start, end, word, logp in edges:
        total = fwd[start] + logp + bwd[end]
        for offset, char in enumerate(word):
            slot = best[start + offset]
            if total > slot.get(char, -math.inf):
                slot[char] = total

    chars = [""] * n
    end = n
    while end > 0:
        start, word = back[end]  # type: ignore[misc]
        chars[start:end] = word
        end = start
    choices = []
    for char, scores in zip(chars, best, strict=True):
        others = [s for c, s in scores.items() if c != char]
        margin = scores[char] - max(others) if others else math.inf
        choices.append(Choice(char, margin))
    return choices
