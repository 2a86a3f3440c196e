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

``--dump FILE`` also keeps every entry (with ``--min-count 1``: all that any
threshold above 1 would keep) with its count and gain, and ``--from-dump FILE
--prune-count N --budget BYTES`` builds a model from such a dump in a minute
instead of counting again, for comparing thresholds, budgets and formats.
"""

from __future__ import annotations

import argparse
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from mdread.load.repair.model import (
    BACKOFF_TAG,
    CHECK_BITS,
    ENTRY_BYTES,
    MODEL_PATH,
    ORDER,
    SUFFIX,
    SUFFIX_TAG,
    WORD_TAG,
    droppable,
    inflected,
    key,
    size_of,
    wordy,
    write,
)

DISCOUNT = 0.75
# An n-gram of order n >= 2 seen fewer than MIN_COUNT * (n - 1) times is pruned:
# longer n-grams are rarer and each one settles less. At 1.5 (3 for trigrams,
# 5 for 4-grams, 6 for 5-grams) the entries fill the 8 MB file; at 2 they left
# a megabyte of it empty and read the tuning text worse (bench/repair/RESULTS.md).
MIN_COUNT = 1.5
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


def keep(gram: str, c: float, min_count: float) -> bool:
    """Whether an n-gram can change which candidate wins, and is common enough to trust.

    Every candidate reading has a droppable byte, so a longer n-gram without
    such a character scores all candidates alike and is not worth storing;
    bigrams are all kept, as the model's stand-in for those (see `Model.logp`).
    Leaving out the bigrams without one too costs Greek 2.6 points of
    tuning lines: a candidate whose longer n-gram was not stored then falls
    back to a unigram where the others had a bigram.
    """
    return c >= min_count and (len(gram) == 2 or any(map(droppable, gram)))


# One entry the model may store: its gain (inf for an entry stored whatever
# the budget), key text, log-probability, the count that decides whether it is
# common enough, and the order that count is judged at (see `keep`).
Entry = tuple[float, str, float, int, int]


def table(counts: list[Counter[str]], min_count: float = 1) -> tuple[dict[str, float], list[Entry]]:
    """Smooth the counts; return the unigrams (char → log-probability) and every entry worth storing.

    An n-gram longer than two is worth how often it occurs times how far
    its log-probability lies above what backing off to the shorter n-gram
    would give, which is roughly the log-likelihood of the training text that
    storing it buys (relative-entropy pruning, Stolcke 1998). How often is
    counted relative to the n-grams of the same script, so that a script
    with little training text (Greek) keeps as large a share of what matters
    to it as one with much (Chinese). Bigrams and back-off weights, which the
    model cannot do without, have an infinite gain. Entries seen fewer than
    `min_count` times (at their order, see `keep`) are left out here
    already; `select` can prune further by count.
    """
    order = len(counts) - 1
    # Kneser-Ney: lower orders count the distinct characters an n-gram
    # follows. Raw counts at every order read 12 more characters of the
    # test fixtures wrong, though they make lower orders better on their own.
    grams = [Counter()] + [_continuations(counts[n + 1]) for n in range(1, order)] + [counts[order]]
    mass = [_script_mass(c) for c in counts]
    chars: dict[str, float] = {}
    entries: list[Entry] = []
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
                chars[gram] = math.log(prob)
            elif keep(gram, counts[n][gram], min_count * (n - 1)):
                seen = counts[n][gram]
                gain = math.inf if n == 2 else seen / mass[n][script(gram)] * math.log(prob / (gamma * below))
                entries.append((gain, gram, math.log(prob), seen, n))
        if n > 1:
            followed = {gram[:-1] for gram in grams[n] if droppable(gram[-1])}
            for history, total in totals.items():
                telling = history in followed or any(map(droppable, history))
                seen = counts[n - 1][history]
                if telling and seen >= min_count * (n - 1):
                    weight = math.log(DISCOUNT * types[history] / total)
                    entries.append((math.inf, BACKOFF_TAG + history, weight, seen, n))
        lower = probs
        print(f"order {n}: {len(grams[n]):,} n-grams, {len(entries):,} entries", file=sys.stderr)
    return chars, entries


def select(entries: Iterable[Entry], min_count: float = MIN_COUNT, limit: int | None = None) -> dict[str, float]:
    """The entries seen at least `min_count` times (at their order), the best `limit` of them.

    Entries of infinite gain are all kept; the others fill the room left,
    the highest gain first.
    """
    fixed: dict[str, float] = {}
    candidates: list[tuple[float, tuple[int, int], str, float]] = []
    for gain, text, logp, seen, n in entries:
        if seen < min_count * (n - 1):
            continue
        if gain == math.inf:
            fixed[text] = logp
        else:
            candidates.append((gain, key(text), text, logp))
    candidates.sort(reverse=True)
    room = len(candidates) if limit is None else max(0, limit - len(fixed))
    fixed.update((text, logp) for _, _, text, logp in candidates[:room])
    return fixed


def train(
    counts: list[Counter[str]], min_count: float = MIN_COUNT, limit: int | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Smooth the counts; return the unigrams and the hashed entries (text → log-probability).

    With a `limit` on the entries, n-grams longer than two compete for the
    room left by the bigrams and back-off weights by their gain (see `table`).
    """
    chars, entries = table(counts, min_count)
    return chars, select(entries, min_count, limit)


# Words and the gaps between them: a pair of words counts as a bigram when
# only spaces part them, as the reader's search sees them.
_WORD = re.compile(r"[^\W\d_]+|[^\w\s]+")


# Smoothing of the ending model: a pair of endings counts as if seen this
# many times more, spread by how common the second ending is.
SUFFIX_PRIOR = 10.0


def word_entries(texts: Iterable[str], min_count: float = MIN_COUNT) -> dict[str, float]:
    """Word unigrams and bigrams that hold a droppable character, for scripts that space words.

    A unigram is stored as log P(word); a bigram ``"a b"`` as log P(b | a).
    The ending model (see `SUFFIX_TAG`) is counted from the same pairs.
    """
    return select(word_table(texts), min_count)


def word_table(texts: Iterable[str]) -> list[Entry]:
    """Every entry of `word_entries` with its count, whatever the count."""
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
    return _word_table(words, pairs) + suffix_table(pairs)


def suffix_table(pairs: Counter[str]) -> list[Entry]:
    """The ending model from word-pair counts, in the back-off form `Model.agreement` reads.

    log P(b | a) is smoothed towards P(b) with `SUFFIX_PRIOR`, so a pair never
    seen scores log(SUFFIX_PRIOR / (count(a) + SUFFIX_PRIOR)) below its
    ending's own frequency. An ending's own entry counts as often as its
    commonest pair that is stored.
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
    entries: list[Entry] = [
        (math.inf, SUFFIX_TAG + a, math.log(SUFFIX_PRIOR / (c + SUFFIX_PRIOR)), c, 2) for a, c in firsts.items()
    ]
    common: Counter[str] = Counter()
    for (a, b), c in ends.items():
        if any(map(droppable, a)) or any(map(droppable, b)):
            given = (c + SUFFIX_PRIOR * seconds[b] / total) / (firsts[a] + SUFFIX_PRIOR)
            entries.append((math.inf, f"{SUFFIX_TAG}{a} {b}", math.log(given), c, 2))
            common[b] = max(common[b], c)
    entries += [(math.inf, f"{SUFFIX_TAG} {b}", math.log(seconds[b] / total), c, 2) for b, c in common.items()]
    return entries


def _word_table(words: Counter[str], pairs: Counter[str]) -> list[Entry]:
    """Word unigrams and bigrams with a droppable character, as entries."""
    total = sum(words.values())
    entries: list[Entry] = [
        (math.inf, WORD_TAG + w, math.log(c / total), c, 2) for w, c in words.items() if any(map(droppable, w))
    ]
    for pair, c in pairs.items():
        if any(map(droppable, pair)):
            entries.append((math.inf, WORD_TAG + pair, math.log(c / words[pair.split(" ")[0]]), c, 2))
    return entries


def entries_within(budget: int, alphabet: int = 10_000, check_bits: int = CHECK_BITS) -> int:
    """How many hashed entries fit in a model file of `budget` bytes."""
    return (budget - size_of(alphabet, 0, check_bits)) // ENTRY_BYTES


def read(paths: Iterable[Path], chars: int) -> list[str]:
    """The first `chars` characters of each file."""
    return [path.read_text(encoding="utf-8")[:chars] for path in paths]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="*")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--chars", type=int, default=4_000_000, help="characters taken from each file")
    parser.add_argument("--min-count", type=float, default=MIN_COUNT)
    parser.add_argument("--budget", type=int, default=BUDGET, help="largest model file in bytes")
    parser.add_argument("--dump", type=Path, help="also keep every entry seen MIN_COUNT times here (pickle)")
    parser.add_argument("--from-dump", type=Path, help="build from such a dump instead of TEXTs")
    parser.add_argument("--check-bits", type=int, default=CHECK_BITS, help="check bits of an entry's byte")
    parser.add_argument("--prune-count", type=float, help="the MIN_COUNT to prune a dump's entries by")
    args = parser.parse_args(argv)
    if args.from_dump:
        with args.from_dump.open("rb") as f:
            chars, table_entries, word_items = pickle.load(f)
    else:
        texts = read(args.texts, args.chars)
        word_items = word_table(texts)
        chars, table_entries = table(count(texts), args.min_count)
        if args.dump:
            with args.dump.open("wb") as f:
                pickle.dump((chars, table_entries, word_items), f, protocol=pickle.HIGHEST_PROTOCOL)
    prune = args.prune_count or args.min_count
    words = select(word_items, prune)
    print(f"{len(words):,} words", file=sys.stderr)
    room = entries_within(args.budget, check_bits=args.check_bits) - len(words)
    entries = select(table_entries, prune, room)
    write(args.out, chars, entries | words, args.check_bits)
    print(f"{args.out}: {len(entries):,} entries, {args.out.stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
