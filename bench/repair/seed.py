"""Count the seed's repaired lines that still look wrong.

The seed (/work/shared/seed/code-highlight-test.md) is a Chinese post damaged
by the UTF-8 → Windows-1254 round trip; its original is not available, so
each damaged line is judged by what can be seen in the repair itself:

- residue: mojibake left in the line (a piece no byte fill could complete);
- rare: a guessed character (one that lost a byte) that the model has seen
  less than once in a million characters of training text, which in a tech
  post means a wrong pick;
- known: a reading the project knows to be wrong (偏向传播 for 反向传播).

Lines with a character repair itself marked uncertain are listed too, but
not counted: a close call is not a wrong one; read them.

Usage: ``python bench/repair/seed.py [SEED] [--show]``; exits 1 when any line looks wrong.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from mdread.load.repair import _marker, repair
from mdread.load.repair.model import droppable, model

SEED = Path("/work/shared/seed/code-highlight-test.md")
RARE = math.log(1e-6)
KNOWN_WRONG = ("偏向传播", "句康")


def judge(text: str) -> tuple[int, list[tuple[str, str]]]:
    """The number of damaged lines and the (reasons, line) of each that looks wrong or is uncertain."""
    result = repair(text)
    if result is None:
        return 0, []
    unigrams = model().unigrams
    marked = {start for start, _ in result.uncertain}
    damaged = 0
    flagged = []
    offset = 0
    for before, after in zip(text.split("\n"), result.text.split("\n"), strict=True):
        end = offset + len(after)
        if before != after:
            damaged += 1
            reasons = []
            if _marker().search(after):
                reasons.append("residue")
            if any(offset <= i < end for i in marked):
                reasons.append("uncertain")
            if any(droppable(c) and unigrams.get(c, -math.inf) < RARE for c in after):
                reasons.append("rare")
            if any(w in after for w in KNOWN_WRONG):
                reasons.append("known")
            if reasons:
                flagged.append((",".join(reasons), after))
        offset = end + 1
    return damaged, flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path, nargs="?", default=SEED)
    parser.add_argument("--show", action="store_true", help="print every repaired damaged line")
    args = parser.parse_args(argv)
    text = args.seed.read_text(encoding="utf-8")
    damaged, flagged = judge(text)
    if args.show:
        fixed = repair(text)
        for before, after in zip(text.split("\n"), (fixed.text if fixed else text).split("\n"), strict=True):
            if before != after:
                print(after)
    wrong = [(reason, line) for reason, line in flagged if reason != "uncertain"]
    for reason, line in flagged:
        print(f"{reason:>18}: {line.strip()}")
    uncertain = len(flagged) - len(wrong)
    print(f"{damaged} damaged lines: {len(wrong)} look wrong, {damaged - len(wrong)} look right"
          f" ({uncertain} of those hold a character marked uncertain)")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
