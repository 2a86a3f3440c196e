"""One reading for a word a document repeats.

A document repeats its terms: a law its 探矿权, a blog post its 后面. When such a word has a
damaged Han character, the character model reads each occurrence on its own, from a context of
four characters, and a context that says little can tip one occurrence to another character
(后 and 反 keep the same single byte: the tuning blog had 后面 read as 反面 here and there).
The occurrences together say more than any one: where the same surviving bytes stand before the
same character several times, the reading the model finds best over all of them, costs summed,
replaces the guesses among them (readings the model was not sure of; a sure one stands).

Only Han characters are read so. Kana and the letters of other scripts take their grammatical
form from context (Japanese 書き and 書く before the same character), and voting them together
made the Japanese development text worse (87.2 → 85.4 % of lines); for Han characters it
made both Chinese texts better, and Japanese no worse (``bench/repair/RESULTS.md``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from mdread.load.repair.model import Choice

REPEATS = 3
"""A word must occur this often before its occurrences outvote one another (2 and 5 were no better)."""
SURE = 3.0
"""A reading with at least this margin is kept whatever the others say (6 was worse)."""
UNWEIGHED = 8.0
"""Model cost of a candidate the model's shortlist left out at one occurrence."""


def agree(items: Sequence[str | Sequence[str]], readings: list[Choice]) -> None:
    """Give each group of alike damaged Han characters the reading best over the group.

    ``items`` is the text in reading order, fixed text as strings and each damaged character as its
    candidates; ``readings`` holds the choice for each damaged character and is changed in place.
    Alike means: the same candidates, followed by the same character. A changed reading gets
    margin 0: at its own place, the model preferred another.
    """
    groups: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    waiting: tuple[int, tuple[str, ...]] | None = None
    ambiguous = 0
    for item in items:
        if isinstance(item, str):
            if waiting is not None and item:
                groups[waiting[1], item[0]].append(waiting[0])
                waiting = None
            continue
        if waiting is not None:
            groups[waiting[1], readings[ambiguous].char].append(waiting[0])
        waiting = (ambiguous, tuple(item)) if han(readings[ambiguous].char) else None
        ambiguous += 1
    for (candidates, _), members in groups.items():
        if len(members) < REPEATS:
            continue
        totals = dict.fromkeys(candidates, 0.0)
        for index in members:
            reading = readings[index]
            for char in candidates:
                if char != reading.char:
                    totals[char] += reading.costs.get(char, UNWEIGHED)
        best = min(totals, key=totals.__getitem__)
        for index in members:
            if readings[index].char != best and readings[index].margin < SURE:
                readings[index] = Choice(best, 0.0)


def han(char: str) -> bool:
    """Whether ``char`` is a CJK unified ideograph (a Han character of the basic block)."""
    return "\u4e00" <= char <= "\u9fff"


def kana(char: str) -> bool:
    """Whether ``char`` is hiragana or katakana, which tell Japanese from Chinese."""
    return "\u3041" <= char <= "\u30fa"
