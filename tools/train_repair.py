"""Train the character n-gram model that mojibake repair ships.

Counts every n-gram up to `ORDER` in the training text, smooths with
interpolated Kneser-Ney, and writes the back-off form that
`mdread.load.repair.model` reads: for each kept n-gram its log-probability,
for each kept context its back-off weight. Only entries that can tell
candidate readings apart are kept (see `keep`); rare ones are pruned by count
so the file stays a few MB.

Each training file weighs the same whatever its size, up to `--chars`
characters, so a large source in one language does not drown a small one.

Usage: ``python tools/train_repair.py TEXT... [--out PATH] [--chars N] [--min-count N]``
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from mdread.load.repair.model import BACKOFF_TAG, MODEL_PATH, ORDER, WORD_TAG, droppable, key, quantize, wordy, write

DISCOUNT = 0.75
# An n-gram of order n >= 2 seen fewer than MIN_COUNT * (n - 1) times is pruned:
# longer n-grams are rarer and each one settles less.
MIN_COUNT = 2


def clean(text: str) -> str:
    """Text as the model sees it: no NUL (it tags back-off keys), no CR."""
    return text.replace("\0", "").replace("\r", "")


def count(texts: Iterable[str], order: int = ORDER) -> list[Counter[str]]:
    """Raw counts of every n-gram of each order 1..order (index 0 unused)."""
    counts: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    for text in texts:
        text = "\n" + clean(text) + "\n"
        for n in range(1, order + 1):
            counts[n].update(text[i : i + n] for i in range(len(text) - n + 1))
    return counts


def _continuations(higher: Counter[str]) -> Counter[str]:
    """Kneser-Ney counts: in how many distinct contexts each n-gram follows a character."""
    out: Counter[str] = Counter()
    for gram in higher:
        out[gram[1:]] += 1
    return out


def keep(gram: str, c: float, min_count: int) -> bool:
    """Whether an n-gram can change which candidate wins, and is common enough to trust.

    Every candidate reading has a droppable byte, so a longer n-gram without
    such a character scores all candidates alike and is not worth storing;
    bigrams are all kept, as the model's stand-in for those (see `Model.logp`).
    """
    return c >= min_count and (len(gram) == 2 or any(map(droppable, gram)))


def train(counts: list[Counter[str]], min_count: int = MIN_COUNT) -> tuple[dict[str, int], dict[tuple[int, int], int]]:
    """Smooth the counts; return the unigrams (char → value) and the hashed entries."""
    order = len(counts) - 1
    # Kneser-Ney: lower orders count the distinct characters an n-gram
    # follows. Raw counts at every order read 12 more characters of the
    # test fixtures wrong, though they make lower orders better on their own.
    grams = [Counter()] + [_continuations(counts[n + 1]) for n in range(1, order)] + [counts[order]]
    chars: dict[str, int] = {}
    entries: dict[tuple[int, int], int] = {}
    lower: dict[str, float] = {}
    for n in range(1, order + 1):
        totals: dict[str, float] = defaultdict(float)
        types: Counter[str] = Counter()
        for gram, c in grams[n].items():
            totals[gram[:-1]] += c
            types[gram[:-1]] += 1
        probs: dict[str, float] = {}
        for gram, c in grams[n].items():
            history = gram[:-1]
            gamma = DISCOUNT * types[history] / totals[history]
            below = lower.get(gram[1:], 0.0) if n > 1 else 1.0 / (len(grams[1]) + 1)
            probs[gram] = max(c - DISCOUNT, 0) / totals[history] + gamma * below
            if n == 1:
                chars[gram] = quantize(math.log(probs[gram]))
            elif keep(gram, counts[n][gram], min_count * (n - 1)):
                entries[key(gram)] = quantize(math.log(probs[gram]))
        if n > 1:
            followed = {gram[:-1] for gram in grams[n] if droppable(gram[-1])}
            for history, total in totals.items():
                telling = history in followed or any(map(droppable, history))
                if telling and counts[n - 1][history] >= min_count * (n - 1):
                    entries[key(BACKOFF_TAG + history)] = quantize(math.log(DISCOUNT * types[history] / total))
        lower = probs
        print(f"order {n}: {len(grams[n]):,} n-grams, {len(entries):,} entries kept so far", file=sys.stderr)
    return chars, entries


# Words and the gaps between them: a pair of words counts as a bigram when
# only spaces part them, as the reader's search sees them.
_WORD = re.compile(r"[^\W\d_]+|[^\w\s]+")


def word_entries(texts: Iterable[str], min_count: int = MIN_COUNT) -> dict[tuple[int, int], int]:
    """Word unigrams and bigrams that hold a droppable character, for scripts that space words.

    A unigram is stored as log P(word); a bigram ``"a b"`` as log P(b | a).
    """
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for text in texts:
        for line in text.splitlines():
            prev = ""
            for token in _WORD.findall(line):
                if not all(map(wordy, token)):
                    prev = ""
                    continue
                words[token] += 1
                if prev:
                    pairs[f"{prev} {token}"] += 1
                prev = token
    total = sum(words.values())
    entries = {
        key(WORD_TAG + w): quantize(math.log(c / total))
        for w, c in words.items()
        if c >= min_count and any(map(droppable, w))
    }
    for pair, c in pairs.items():
        if c >= min_count and any(map(droppable, pair)):
            entries[key(WORD_TAG + pair)] = quantize(math.log(c / words[pair.split(" ")[0]]))
    return entries


def read(paths: Iterable[Path], chars: int) -> list[str]:
    """The first `chars` characters of each file."""
    return [path.read_text(encoding="utf-8")[:chars] for path in paths]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--chars", type=int, default=4_000_000, help="characters taken from each file")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    args = parser.parse_args(argv)
    texts = read(args.texts, args.chars)
    chars, entries = train(count(texts), args.min_count)
    words = word_entries(texts, args.min_count)
    print(f"{len(words):,} words", file=sys.stderr)
    write(args.out, chars, entries | words)
    print(f"{args.out}: {len(entries):,} entries, {args.out.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
