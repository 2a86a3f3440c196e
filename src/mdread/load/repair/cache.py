"""A document's sure readings, as a cache, for the readings it was unsure of.

A post keeps to its topic, so the characters it uses are not the training text's: a blog about
front-end builds writes 搭载, 变 and 不 where the model, from a context of four characters, may
guess 提载, 存 or 中. Most occurrences of such a character stand where the context leaves no doubt;
those sure readings, counted over the whole text, are evidence of what the text is about, as a
reader who has read the page so far would use it. So the stretches holding an unsure reading are
read again, each candidate the cache holds given ``weight`` × log(1 + how often the text surely
reads it beside the same neighbour), for the neighbour on each side (as the reading before has
them), and in Chinese ``weight`` × log(1 + how often the text surely reads that character) too.
They are read twice, the second time with the sure readings the first reread added.

The two scripts differ (``bench/repair/RESULTS.md``, seventh and eighth rounds). In Chinese the
cache holds Han characters, alone and beside their neighbours. In Japanese (a text with enough kana) a
character's count alone cost the development set's literary texts, which repeat their
characters' names (寒吉, 保吉) where it favoured the commoner 前; beside their neighbours, Han and
kana alike, the sure readings gained on both Japanese sets (a verb's ending the text writes
surely elsewhere, a loanword's katakana). A katakana word counts whole as well: a neighbour says
little between バンドル and ハンドル, both written in every Vite page, but the text's sure
バンドル says which one an unsure run of the same bytes is. `agree` then still makes a repeated
Han word read alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from mdread.load.repair.agree import SURE, han, kana
from mdread.load.repair.model import Choice, Model, choose


@dataclass(frozen=True)
class Habit:
    """How a script's sure readings weigh on its unsure ones."""

    weight: float
    """How much the text's own habit counts beside the model, per nat of log(1 + count)."""
    alone: bool
    """Whether a character's own count counts, and not only its count beside a neighbour."""
    holds: Callable[[str], bool]
    """Which characters the cache counts and favours."""
    words: float = 0.0
    """How much a katakana word the text surely writes counts, per nat of log(1 + count)."""


CHINESE = Habit(weight=0.35, alone=True, holds=han)
"""For every text without kana (holding Han only, it leaves other scripts as they were read).
0.25 and 0.5 did about as well as 0.35; 1.0 did worse, and so did a stricter idea of sure
(margin 6)."""

JAPANESE = Habit(weight=0.5, alone=False, holds=lambda char: han(char) or kana(char), words=4.0)
"""0.35 and 0.5 did about as well; 0.75 did worse. The katakana words gained more up to a weight
of 4 and no more past it: a word the text surely writes then all but decides."""

PASSES = 2
"""Reads with the cache: a second one, counting what the first made sure, gained a few lines more
in both scripts."""

BUDGET = 5_000
"""Characters of unsure stretches read again per pass, the first ones in the text; the rest keep
their first reading. A reread costs what the first reading did, and in a text damaged throughout
every stretch is unsure: a megabyte of damaged Chinese took 6.1 s to repair with no limit, 2.9 s
without the cache, 3.7 s with this. A post's unsure stretches are fewer (the median development
document's 228 characters, the 90th percentile's 2,000); past 5,000 are the novels'."""

Clusters = Sequence[tuple[Sequence[Sequence[str]], dict[int, int]]]
"""Stretches read in context: each as its slots, and the map from a slot to its ambiguous item's
index among the readings."""


def reread(clusters: Clusters, readings: dict[int, Choice], habit: Habit, m: Model) -> None:
    """Read again, with the text's sure readings as a cache, each cluster that holds an unsure one.

    ``readings`` holds the first reading of every ambiguous item and is changed in place; ``m``
    is the model they were read with.
    """
    for _ in range(PASSES):
        _reread(clusters, readings, habit, m)


def _reread(clusters: Clusters, readings: dict[int, Choice], habit: Habit, m: Model) -> None:
    """One reading with the cache, counted from the readings as they stand."""
    texts = [
        [readings[ids[k]].char if k in ids else slot[0] for k, slot in enumerate(slots)] for slots, ids in clusters
    ]
    singles: Counter[str] = Counter()
    pairs: Counter[tuple[str, str, str]] = Counter()
    for (_, ids), chars in zip(clusters, texts, strict=True):
        for k, index in ids.items():
            if readings[index].margin >= SURE and habit.holds(chars[k]):
                singles[chars[k]] += 1
                pairs.update(_beside(chars, k, chars[k]))
    if not singles:
        return
    words = _katakana_words(clusters, texts, readings) if habit.words else Counter()
    budget = BUDGET
    for (slots, ids), chars in zip(clusters, texts, strict=True):
        if not any(readings[i].margin < SURE and habit.holds(readings[i].char) for i in ids.values()):
            continue
        budget -= len(slots)
        if budget < 0:
            return
        bonus: list[Mapping[str, float]] = [{} for _ in slots]
        for k in ids:
            bonus[k] = {
                c: habit.weight
                * (
                    (math.log1p(singles[c]) if habit.alone else 0.0)
                    + sum(math.log1p(pairs[p]) for p in _beside(chars, k, c))
                )
                for c in slots[k]
                if habit.holds(c)
            }
            if words:
                bonus[k] = {
                    c: more + (habit.words * math.log1p(words[_word(chars, k, c)]) if _katakana(c) else 0.0)
                    for c, more in bonus[k].items()
                }
        for slot, choice in enumerate(choose(slots, m, bonus=bonus)):
            if slot in ids:
                readings[ids[slot]] = choice


def _beside(chars: Sequence[str], k: int, char: str) -> list[tuple[str, str, str]]:
    """``char`` put at position k, with the neighbour before it and the one after it: the
    character, which side, and the neighbour."""
    out = []
    if k > 0:
        out.append((char, "before", chars[k - 1]))
    if k + 1 < len(chars):
        out.append((char, "after", chars[k + 1]))
    return out


LONGEST_WORD = 24
"""Katakana runs longer than this are not words (a stretch damaged throughout, say) and get no word
score, so that finding a character's word stays within a bounded reach of it."""


def _katakana(char: str) -> bool:
    """Whether ``char`` is katakana or the long-vowel mark, which loanwords are written in."""
    return "\u30a1" <= char <= "\u30fa" or char == "\u30fc"


def _katakana_words(clusters: Clusters, texts: Sequence[Sequence[str]], readings: dict[int, Choice]) -> Counter[str]:
    """How often the text writes each katakana word of two or more letters with every reading in it sure."""
    words: Counter[str] = Counter()
    for (_, ids), chars in zip(clusters, texts, strict=True):
        start = 0
        while start < len(chars):
            if not _katakana(chars[start]):
                start += 1
                continue
            end = start
            while end < len(chars) and _katakana(chars[end]):
                end += 1
            if 1 < end - start <= LONGEST_WORD and all(
                readings[ids[k]].margin >= SURE for k in range(start, end) if k in ids
            ):
                words["".join(chars[start:end])] += 1
            start = end
    return words


def _word(chars: Sequence[str], k: int, char: str) -> str:
    """The katakana word through position k, with ``char`` put there ("" past `LONGEST_WORD`)."""
    start = k
    while start > 0 and k - start < LONGEST_WORD and _katakana(chars[start - 1]):
        start -= 1
    end = k + 1
    while end < len(chars) and end - start <= LONGEST_WORD and _katakana(chars[end]):
        end += 1
    if end - start > LONGEST_WORD:
        return ""
    return "".join(chars[start:k]) + char + "".join(chars[k + 1 : end])
