"""Train the character n-gram model that mojibake repair ships.

Counts every n-gram up to `ORDER` in the training text, smooths with
interpolated Kneser-Ney, and writes the back-off form that
`mdread.load.repair.model` reads: for each kept n-gram its log-probability,
for each kept context its back-off weight. Only entries that can tell
candidate readings apart are kept (see `keep`); rare ones are pruned by count,
and the longer n-grams that gain the training text least are left out until
the file fits its budget of a few MB.

Each training file weighs the same whatever its size, up to `--chars`
characters, so a large source in one language does not drown a small one.

Usage: ``python tools/train_repair.py TEXT... [--out PATH] [--chars N] [--min-count N] [--budget BYTES]``
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from mdread.load.repair.model import (
    BACKOFF_TAG,
    ENTRY_BYTES,
    MODEL_PATH,
    ORDER,
    SUFFIX,
    SUFFIX_TAG,
    WORD_TAG,
    droppable,
    inflected,
    key,
    quantize,
    size_of,
    wordy,
    write,
)

DISCOUNT = 0.75
# An n-gram of order n >= 2 seen fewer than MIN_COUNT * (n - 1) times is pruned:
# longer n-grams are rarer and each one settles less.
MIN_COUNT = 2
# The package data budget for the model file: the longer n-grams that fit
# are kept (see `train`).
BUDGET = 8_000_000


def clean(text: str) -> str:
    """Text as the model sees it: no NUL (it tags back-off keys), no CR."""
    return text.replace("\0", "").replace("\r", "")


def count(texts: Iterable[str], order: int = ORDER) -> list[Counter[str]]:
    """Raw counts of every n-gram of each order 1..order (index 0 unused).

    Only the longest n-grams are counted from the text; each shorter n-gram
    is the prefix of a longer one except at a text's very end, so shorter
    counts are summed from longer ones, which takes a fraction of the time.
    """
    counts: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    for text in texts:
        text = "\n" + clean(text) + "\n"
        counts[order].update(text[i : i + order] for i in range(len(text) - order + 1))
        for n in range(1, order):
            if len(text) >= n:
                counts[n][text[-n:]] += 1
    for n in range(order - 1, 0, -1):
        shorter = counts[n]
        for gram, c in counts[n + 1].items():
            shorter[gram[:-1]] += c
    return counts


def _continuations(higher: Counter[str]) -> Counter[str]:
    """Kneser-Ney counts: in how many distinct contexts each n-gram follows a character."""
    out: Counter[str] = Counter()
    for gram in higher:
        out[gram[1:]] += 1
    return out


def script(gram: str) -> int:
    """A coarse name for the writing system of an n-gram's first droppable character.

    Han characters count as one script, shared by Chinese and Japanese;
    kana, Hangul, Cyrillic, Greek and the rest are told apart by block.
    """
    for char in gram:
        if droppable(char):
            code = ord(char)
            if 0x3400 <= code <= 0x9FFF:
                return 0x4E
            if 0xAC00 <= code <= 0xD7A3:
                return 0xAC
            return code >> 8
    return -1


def _script_mass(grams: Counter[str]) -> Counter[int]:
    """How many n-grams of each script there are, counted with repetition."""
    mass: Counter[int] = Counter()
    for gram, c in grams.items():
        mass[script(gram)] += c
    return mass


def keep(gram: str, c: float, min_count: int) -> bool:
    """Whether an n-gram can change which candidate wins, and is common enough to trust.

    Every candidate reading has a droppable byte, so a longer n-gram without
    such a character scores all candidates alike and is not worth storing;
    bigrams are all kept, as the model's stand-in for those (see `Model.logp`).
    Leaving out the bigrams without one too costs Greek 2.6 points of
    tuning lines: a candidate whose longer n-gram was not stored then falls
    back to a unigram where the others had a bigram.
    """
    return c >= min_count and (len(gram) == 2 or any(map(droppable, gram)))


def train(
    counts: list[Counter[str]], min_count: int = MIN_COUNT, limit: int | None = None
) -> tuple[dict[str, int], dict[tuple[int, int], int]]:
    """Smooth the counts; return the unigrams (char → value) and the hashed entries.

    With a `limit` on the entries, n-grams longer than two compete for the
    room left by the bigrams and back-off weights (which the model cannot do
    without): each is worth how often it occurs times how far its
    log-probability lies above what backing off to the shorter n-gram would
    give, which is roughly the log-likelihood of the training text that
    storing it buys (relative-entropy pruning, Stolcke 1998). How often is
    counted relative to the n-grams of the same script, so that a script
    with little training text (Greek) keeps as large a share of what matters
    to it as one with much (Chinese).
    """
    order = len(counts) - 1
    # Kneser-Ney: lower orders count the distinct characters an n-gram
    # follows. Raw counts at every order read 12 more characters of the
    # test fixtures wrong, though they make lower orders better on their own.
    grams = [Counter()] + [_continuations(counts[n + 1]) for n in range(1, order)] + [counts[order]]
    mass = [_script_mass(c) for c in counts]
    chars: dict[str, int] = {}
    entries: dict[tuple[int, int], int] = {}
    candidates: list[tuple[float, tuple[int, int], int]] = []
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
            prob = max(c - DISCOUNT, 0) / totals[history] + gamma * below
            if n < order:
                probs[gram] = prob
            if n == 1:
                chars[gram] = quantize(math.log(prob))
            elif keep(gram, counts[n][gram], min_count * (n - 1)):
                if n == 2:
                    entries[key(gram)] = quantize(math.log(prob))
                else:
                    gain = counts[n][gram] / mass[n][script(gram)] * math.log(prob / (gamma * below))
                    candidates.append((gain, key(gram), quantize(math.log(prob))))
        if n > 1:
            followed = {gram[:-1] for gram in grams[n] if droppable(gram[-1])}
            for history, total in totals.items():
                telling = history in followed or any(map(droppable, history))
                if telling and counts[n - 1][history] >= min_count * (n - 1):
                    entries[key(BACKOFF_TAG + history)] = quantize(math.log(DISCOUNT * types[history] / total))
        lower = probs
        print(f"order {n}: {len(grams[n]):,} n-grams, {len(entries) + len(candidates):,} entries", file=sys.stderr)
    candidates.sort(reverse=True)
    room = len(candidates) if limit is None else max(0, limit - len(entries))
    entries.update((k, v) for _, k, v in candidates[:room])
    return chars, entries


# Words and the gaps between them: a pair of words counts as a bigram when
# only spaces part them, as the reader's search sees them.
_WORD = re.compile(r"[^\W\d_]+|[^\w\s]+")


# Smoothing of the ending model: a pair of endings counts as if seen this
# many times more, spread by how common the second ending is.
SUFFIX_PRIOR = 10.0


def word_entries(texts: Iterable[str], min_count: int = MIN_COUNT) -> dict[tuple[int, int], int]:
    """Word unigrams and bigrams that hold a droppable character, for scripts that space words.

    A unigram is stored as log P(word); a bigram ``"a b"`` as log P(b | a).
    The ending model (see `SUFFIX_TAG`) is counted from the same pairs.
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
    return _word_table(words, pairs, min_count) | suffix_entries(pairs, min_count)


def suffix_entries(pairs: Counter[str], min_count: int = MIN_COUNT) -> dict[tuple[int, int], int]:
    """The ending model from word-pair counts, in the back-off form `Model.agreement` reads.

    log P(b | a) is smoothed towards P(b) with `SUFFIX_PRIOR`, so a pair never
    seen scores log(SUFFIX_PRIOR / (count(a) + SUFFIX_PRIOR)) below its
    ending's own frequency.
    """
    ends: Counter[tuple[str, str]] = Counter()
    for pair, c in pairs.items():
        first, second = pair.split(" ")
        if inflected(first) and inflected(second):
            ends[first[-SUFFIX:].lower(), second[-SUFFIX:].lower()] += c
    firsts: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    for (a, b), c in ends.items():
        firsts[a] += c
        seconds[b] += c
    total = sum(seconds.values())
    entries = {}
    for a, c in firsts.items():
        if c >= min_count:
            entries[key(SUFFIX_TAG + a)] = quantize(math.log(SUFFIX_PRIOR / (c + SUFFIX_PRIOR)))
    for (a, b), c in ends.items():
        if c >= min_count and (any(map(droppable, a)) or any(map(droppable, b))):
            given = (c + SUFFIX_PRIOR * seconds[b] / total) / (firsts[a] + SUFFIX_PRIOR)
            entries[key(f"{SUFFIX_TAG}{a} {b}")] = quantize(math.log(given))
            entries[key(f"{SUFFIX_TAG} {b}")] = quantize(math.log(seconds[b] / total))
    return entries


def _word_table(words: Counter[str], pairs: Counter[str], min_count: int) -> dict[tuple[int, int], int]:
    """Word unigrams and bigrams with a droppable character, as hashed entries."""
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


def entries_within(budget: int, alphabet: int = 10_000) -> int:
    """How many hashed entries fit in a model file of `budget` bytes."""
    return (budget - size_of(alphabet, 0)) // ENTRY_BYTES


def read(paths: Iterable[Path], chars: int) -> list[str]:
    """The first `chars` characters of each file."""
    return [path.read_text(encoding="utf-8")[:chars] for path in paths]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--chars", type=int, default=4_000_000, help="characters taken from each file")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--budget", type=int, default=BUDGET, help="largest model file in bytes")
    args = parser.parse_args(argv)
    texts = read(args.texts, args.chars)
    words = word_entries(texts, args.min_count)
    print(f"{len(words):,} words", file=sys.stderr)
    chars, entries = train(count(texts), args.min_count, entries_within(args.budget) - len(words))
    write(args.out, chars, entries | words)
    print(f"{args.out}: {len(entries):,} entries, {args.out.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
