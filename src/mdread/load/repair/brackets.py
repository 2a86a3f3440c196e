"""Corner brackets, balanced within each line.

Japanese and Chinese quote with 「」 and 『』. The opening 「 keeps all its bytes through the round
trip, but 」, 『 and 』 each lose one, and then differ from 、 (U+3001) only in the lost byte. Which
one a damaged character was depends on whether a bracket is open, further back than the character
model sees; left to the model alone, a 」 turns up after a plain clause, or the quote's own 」 is
read as 、 (in the Japanese development text, the commonest of all its misreadings).

In real text the brackets balance within a line (1,705 of the 1,711 lines holding one, in that
text), so each line's readings of the characters that could be brackets are revised together: the
line keeps the readings whose model cost (how much less likely the model found them than its own
choice) plus the cost of what stays unbalanced is least. Unbalanced is allowed, at a price: a
quote may run on to the next line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mdread.load.repair.model import Choice

PAIRS = {"「": "」", "『": "』"}
_KIND = {char: i for i, pair in enumerate(PAIRS.items()) for char in pair}
BRACKETS = frozenset(_KIND)
_SPLIT = re.compile("[\n「」『』]")

UNCLOSED = 12.0
"""Cost (nats) of a bracket still open at the end of its line."""
STRAY = 12.0
"""Cost of reading a closing bracket where none is open."""
UNWEIGHED = 8.0
"""Model cost of a candidate the model's shortlist left out, so it has no weight of its own."""
_DEEPEST = 3
"""Nesting deeper than this is counted as this deep: it keeps the search to a few states."""

Depth = tuple[int, ...]
Event = str | tuple[int, Sequence[str]]
"""A bracket in the fixed text, or an ambiguous character: its index among the readings and its candidates."""


def balance(items: Sequence[str | Sequence[str]], readings: list[Choice]) -> None:
    """Revise, line by line, the readings of damaged characters that could be corner brackets.

    ``items`` is the text in reading order, fixed text as strings and each damaged character as its
    candidates; ``readings`` holds the model's choice for each damaged character and is changed in
    place. A changed reading gets margin 0: the model itself preferred another. Characters read by
    habit past the context budget (no costs to weigh) keep their readings, so a text damaged
    throughout costs no more here than its budget.
    """
    events: list[Event] = []
    ambiguous = 0
    for item in items:
        if not isinstance(item, str):
            reading = readings[ambiguous]
            if reading.costs and (reading.char in BRACKETS or not BRACKETS.isdisjoint(item)):
                events.append((ambiguous, item))
            ambiguous += 1
            continue
        for match in _SPLIT.finditer(item):
            if match.group() == "\n":
                _settle(events, readings)
                events = []
            else:
                events.append(match.group())
    _settle(events, readings)


def _settle(events: list[Event], readings: list[Choice]) -> None:
    """Choose the cheapest readings for one line's events (a search over bracket depths)."""
    if all(isinstance(event, str) for event in events):
        return
    costs: dict[Depth, float] = {(0,) * len(PAIRS): 0.0}
    steps: list[dict[Depth, tuple[Depth, str]]] = []
    for event in events:
        fixed = isinstance(event, str)
        options = [(event, 0.0)] if isinstance(event, str) else _options(readings[event[0]], event[1])
        grown: dict[Depth, float] = {}
        back: dict[Depth, tuple[Depth, str]] = {}
        for depth, cost in costs.items():
            for char, extra in options:
                after, penalty = _step(depth, char, fixed)
                total = cost + extra + penalty
                if after not in grown or total < grown[after]:
                    grown[after] = total
                    back[after] = (depth, char)
        costs = grown
        steps.append(back)
    depth = min(costs, key=lambda d: costs[d] + UNCLOSED * sum(d))
    chosen: list[str] = []
    for back in reversed(steps):
        depth, char = back[depth]
        chosen.append(char)
    for event, char in zip(events, reversed(chosen), strict=True):
        if not isinstance(event, str) and char != readings[event[0]].char:
            readings[event[0]] = Choice(char, 0.0)


def _options(reading: Choice, candidates: Sequence[str]) -> list[tuple[str, float]]:
    """What a damaged character may be read as here, with its model cost: each bracket among its
    candidates, and the cheapest of the others."""
    options = [(char, 0.0 if char == reading.char else reading.costs.get(char, UNWEIGHED))
               for char in candidates if char in BRACKETS]  # fmt: skip
    if reading.char not in BRACKETS:
        options.append((reading.char, 0.0))
    else:
        plain = [(reading.costs.get(char, UNWEIGHED), char) for char in candidates if char not in BRACKETS]
        if plain:
            cost, char = min(plain)
            options.append((char, cost))
    return options


def _step(depth: Depth, char: str, fixed: bool) -> tuple[Depth, float]:
    """The depths after ``char``, and the cost of a closing bracket with nothing open (none for the
    text's own)."""
    kind = _KIND.get(char)
    if kind is None:
        return depth, 0.0
    levels = list(depth)
    if char in PAIRS:
        levels[kind] = min(levels[kind] + 1, _DEEPEST)
        return tuple(levels), 0.0
    if levels[kind] == 0:
        return depth, 0.0 if fixed else STRAY
    levels[kind] -= 1
    return tuple(levels), 0.0
