"""A document's sure readings of Han characters, as a cache, for the readings it was unsure of.

A post keeps to its topic, so the characters it uses are not the training text's: a blog about
front-end builds writes 搭载, 变 and 不 where the model, from a context of four characters, may
guess 提载, 存 or 中. Most occurrences of such a character stand where the context leaves no doubt;
those sure readings, counted over the whole text, are evidence of what the text is about, as a
reader who has read the page so far would use it. So the stretches holding an unsure Han reading
are read once more, each Han candidate given ``WEIGHT`` × log(1 + how often the text surely reads
that character).

Japanese is left out (a text with kana): there the cache cost the development set's literary
texts, which repeat their characters' names (寒吉, 保吉) where the cache favoured the commoner
前, and gained nothing on the technical ones. For Chinese it gained on both development sets
and the Chinese tuning blog, and cost the Traditional Chinese tuning pages 2 lines of 1,347
(``bench/repair/RESULTS.md``, seventh round). `agree` then still makes a repeated word read alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from mdread.load.repair.agree import SURE, han
from mdread.load.repair.model import Choice, choose

WEIGHT = 0.35
"""How much the text's own habit counts beside the model, per nat of log(1 + count) (0.25 and
0.5 did about as well; a stricter idea of sure, margin 6, did worse)."""


def reread(clusters: Sequence[tuple[Sequence[Sequence[str]], dict[int, int]]], readings: dict[int, Choice]) -> None:
    """Read again, with the text's sure Han readings as a cache, each cluster that holds an unsure one.

    ``clusters`` are the stretches read in context, each as its slots and the map from a slot to
    its ambiguous item's index in ``readings``, which is changed in place.
    """
    counts = Counter(choice.char for choice in readings.values() if choice.margin >= SURE and han(choice.char))
    if not counts:
        return
    for slots, ids in clusters:
        if not any(readings[i].margin < SURE and han(readings[i].char) for i in ids.values()):
            continue
        bonus = {c: WEIGHT * math.log1p(counts[c]) for slot in ids for c in slots[slot] if han(c)}
        for slot, choice in enumerate(choose(slots, bonus=bonus)):
            if slot in ids:
                readings[ids[slot]] = choice
