"""A document's sure readings of Han characters, as a cache, for the readings it was unsure of.

A post keeps to its topic, so the characters it uses are not the training text's: a blog about
front-end builds writes 搭载, 变 and 不 where the model, from a context of four characters, may
guess 提载, 存 or 中. Most occurrences of such a character stand where the context leaves no doubt;
those sure readings, counted over the whole text, are evidence of what the text is about, as a
reader who has read the page so far would use it. So the stretches holding an unsure Han reading
are read once more, each Han candidate given ``WEIGHT`` × log(1 + how often the text surely reads
that character), and ``WEIGHT`` × log(1 + how often it surely stands beside the same neighbour)
for the neighbour on each side (as the first reading has them).

Japanese is left out (a text with kana): there the cache cost the development set's literary
texts, which repeat their characters' names (寒吉, 保吉) where the cache favoured the commoner
前, and gained nothing on the technical ones. For Chinese the character cache gained on both
development sets and the Chinese tuning blog, and cost the Traditional Chinese tuning pages 2
lines of 1,347; the neighbours gained on all four (``bench/repair/RESULTS.md``, seventh round).
`agree` then still makes a repeated word read alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from mdread.load.repair.agree import SURE, han
from mdread.load.repair.model import Choice, choose

WEIGHT = 0.35
"""How much the text's own habit counts beside the model, per nat of log(1 + count) (0.25 and
0.5 did about as well; 1.0 did worse, and so did a stricter idea of sure, margin 6)."""

Clusters = Sequence[tuple[Sequence[Sequence[str]], dict[int, int]]]
"""Stretches read in context: each as its slots, and the map from a slot to its ambiguous item's
index among the readings."""


def reread(clusters: Clusters, readings: dict[int, Choice]) -> None:
    """Read again, with the text's sure Han readings as a cache, each cluster that holds an unsure one.

    ``readings`` holds the first reading of every ambiguous item and is changed in place.
    """
    texts = [
        [readings[ids[k]].char if k in ids else slot[0] for k, slot in enumerate(slots)] for slots, ids in clusters
    ]
    singles: Counter[str] = Counter()
    pairs: Counter[tuple[str, str, str]] = Counter()
    for (_, ids), chars in zip(clusters, texts, strict=True):
        for k, index in ids.items():
            if readings[index].margin >= SURE and han(chars[k]):
                singles[chars[k]] += 1
                pairs.update(_beside(chars, k, chars[k]))
    if not singles:
        return
    for (slots, ids), chars in zip(clusters, texts, strict=True):
        if not any(readings[i].margin < SURE and han(readings[i].char) for i in ids.values()):
            continue
        bonus: list[Mapping[str, float]] = [{} for _ in slots]
        for k in ids:
            bonus[k] = {
                c: WEIGHT * (math.log1p(singles[c]) + sum(math.log1p(pairs[p]) for p in _beside(chars, k, c)))
                for c in slots[k]
                if han(c)
            }
        for slot, choice in enumerate(choose(slots, bonus=bonus)):
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
