"""Character n-gram model that picks the most plausible reading of damaged text.

When a Windows code page drops bytes from UTF-8, several characters fit the
bytes that remain. The bytes cannot choose between them, but the neighbours
can: 反 follows 前向传播… as 反向传播 far more often than 偏 does, and
Russian с sits between consonants where ю and я do not. A back-off character
model of order `ORDER`, trained from real text in every script the damage
hits (tools/train_repair.py), scores each reading, together with how common
each whole word is in scripts that space their words, and a beam search over
the candidates of a whole stretch of text picks the best reading at once.

Only n-grams longer than two that hold a character whose UTF-8 has a
droppable byte can tell candidates apart, so the trainer keeps only those
(and all common bigrams). Every entry is stored in three bytes: the top 16
bits of its CRC-32 pick a bucket (an index of where each bucket starts), the
low 16 bits are kept sorted within the bucket, and one byte holds a 3-bit
check from an unrelated hash and a 5-bit index into a codebook of 32
log-probabilities for its kind of entry (n-gram, back-off weight, word,
ending), chosen by k-means when the model is written. Three bytes instead of
four hold a third more entries in the same file, which the tuning text
prefers to the finer values (a step of 0.1 nats before). The file is under
8 MB, is read in a few milliseconds, and only when a text shows damage.
No package does this lookup within the 50 ms and few-MB budget without a
build step, so the format is this module's own.
"""

from __future__ import annotations

import math
import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

MODEL_PATH = Path(__file__).with_name("ngrams.bin")
# Japanese text is read by a model of its own, trained on Japanese alone and
# pruned less. In the shared model a Han character's bigrams mix Chinese and
# Japanese: 解 is followed by 决 and 释 in Chinese, so 解き and 解く were both
# rare after it, and 解くたい問題 outscored 解きたい問題. The shared model keeps
# the Japanese it was trained on, which Chinese reads better with (bench/repair/RESULTS.md).
JAPANESE_MODEL_PATH = Path(__file__).with_name("ngrams-ja.bin")
# The longest n-gram the model knows; a candidate's score depends on the
# ORDER - 1 characters before it.
ORDER = 5
# Bytes that Windows-1254 leaves undefined (1252 defines two of them) plus the
# soft hyphen that editors strip: the bytes the damage loses.
DROPPED_BYTES = frozenset({0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD})
# Unigram log-probabilities are stored as -logp / STEP in one byte.
STEP = 0.1
MAGIC = b"MDRNGRM5"
# Magic, order, unigrams, entries, and the check bits of an entry's byte.
_HEADER = struct.Struct("<8sIIIB")
# Of an entry's last byte, the low CHECK_BITS are a check from an unrelated
# hash and the rest pick one of 2 ** (8 - CHECK_BITS) log-probabilities from
# its kind's codebook (see `codebook`).
CHECK_BITS = 3
# Marks a back-off weight's key apart from an n-gram's; text never holds NUL.
BACKOFF_TAG = "\0"
# Marks a word's key: the model also holds the frequency of every word that
# has a droppable character, for scripts that space their words.
WORD_TAG = "\1"
# A whole word's log-probability joins the score with this weight; a word
# the model lacks counts as this rare.
WORD_WEIGHT = 1.0
WORD_FLOOR = -18.0
# What a word loses when the word before it was never seen with it.
PAIR_BACKOFF = math.log(0.4)
# Marks the keys of the ending model: how the last SUFFIX letters of a word
# go with the last SUFFIX letters of the word before it. Endings agree
# across words where whole words are too rare to have been seen together:
# Russian ``к приложению`` (not ``приложения``) after ``к``, ``последнюю
# команду`` (not ``последняя``). Keys are SUFFIX_TAG + "a b" for a pair,
# SUFFIX_TAG + "a" for the weight of a pair never seen after ending a, and
# SUFFIX_TAG + " b" for how common ending b is.
# Only Cyrillic words are read so: the tuning text showed Russian and
# Ukrainian gain, and Greek, with far less training text, lose.
SUFFIX_TAG = "\2"
SUFFIX = 3
# How much the endings' agreement counts beside the words themselves.
SUFFIX_WEIGHT = 1.0


def inflected(word: str) -> bool:
    """Whether the ending model reads `word`: it ends in a Cyrillic letter."""
    return "\u0400" <= word[-1:] <= "\u04ff"
# The score of a character the model has never seen.
UNSEEN = -20.0
# Hypotheses kept per position in the search; recombination by the last
# ORDER - 1 characters keeps the search close to exact at this width.
BEAM = 12
# A hypothesis this far (in nats) behind the best is dropped: no later
# context makes up such a gap in practice, and it saves most lookups.
BEAM_MARGIN = 12.0
# Lookups remembered before the memo starts over, which bounds its memory on
# a huge damaged file (about 100 bytes an entry).
MEMO_LIMIT = 100_000
# Candidates kept per damaged character, the most common first: past a dozen
# they are rare characters that context cannot raise to first place.
MAX_CANDIDATES = 12


@cache
def droppable(char: str) -> bool:
    """Whether the damage can lose one of `char`'s UTF-8 bytes."""
    return any(b in DROPPED_BYTES for b in char.encode())


def key(text: str, check_bits: int = CHECK_BITS) -> tuple[int, int]:
    """The hash under which an n-gram or back-off context is stored, and its check.

    CRC-32 orders the table; `check_bits` of Adler-32, an unrelated function,
    make a lookup of an absent n-gram find a false match about once in
    2 ** (32 + check_bits) / N for N entries (see `ENTRY_BYTES`), and a false
    match only misjudges one n-gram's probability.
    """
    data = text.encode()
    return zlib.crc32(data), zlib.adler32(data) & ((1 << check_bits) - 1)


def quantize(logp: float) -> int:
    """The byte that stores a unigram's log-probability (at most 0)."""
    return min(255, max(0, round(-logp / STEP)))


# What an entry holds, told by the first character of its key text: an
# n-gram's log-probability, or a back-off weight, word or ending entry
# (see the tags above). Each kind has its own codebook.
KINDS = ("", BACKOFF_TAG, WORD_TAG, SUFFIX_TAG)


def kind(text: str) -> int:
    """Which of `KINDS` the entry of key `text` is."""
    return KINDS.index(text[0]) if text[:1] in KINDS[1:] else 0


def codebook(values: Sequence[float], levels: int, rounds: int = 30) -> list[float]:
    """`levels` log-probabilities that stand for `values` with the least squared error.

    Lloyd's algorithm (k-means in one dimension) on a histogram of the values
    at 0.01 nats, started from their quantiles.
    """
    hist: dict[int, int] = {}
    for v in values:
        b = round(v * 100)
        hist[b] = hist.get(b, 0) + 1
    bins = sorted(hist)
    if len(bins) <= levels:
        return [b / 100 for b in bins] + [bins[-1] / 100 if bins else 0.0] * (levels - len(bins))
    total = sum(hist.values())
    centres, seen, i = [], 0, 0
    for b in bins:
        seen += hist[b]
        while i < levels and seen >= (i + 0.5) * total / levels:
            centres.append(b / 100)
            i += 1
    centres += [bins[-1] / 100] * (levels - len(centres))
    for _ in range(rounds):
        sums, counts = [0.0] * levels, [0] * levels
        j = 0
        for b in bins:
            v = b / 100
            while j + 1 < levels and abs(centres[j + 1] - v) <= abs(centres[j] - v):
                j += 1
            sums[j] += v * hist[b]
            counts[j] += hist[b]
        moved = [sums[k] / counts[k] if counts[k] else centres[k] for k in range(levels)]
        moved.sort()
        if moved == centres:
            break
        centres = moved
    return centres


def _nearest(centres: Sequence[float], v: float) -> int:
    i = bisect_left(centres, v)
    if i == len(centres) or (i > 0 and v - centres[i - 1] <= centres[i] - v):
        return i - 1
    return i


def write(path: Path, chars: dict[str, float], entries: dict[str, float], check_bits: int = CHECK_BITS) -> None:
    """Store the unigrams and entries (char or key text → log-probability) in the model format."""
    levels = 1 << (8 - check_bits)
    by_kind: list[list[float]] = [[] for _ in KINDS]
    for text, logp in entries.items():
        by_kind[kind(text)].append(logp)
    books = [codebook(values, levels) for values in by_kind]
    table = {}
    for text, logp in entries.items():
        h, check = key(text, check_bits)
        table[h, check] = (_nearest(books[kind(text)], logp) << check_bits) | check
    alphabet = sorted(chars)
    ordered = sorted(table)
    with path.open("wb") as out:
        out.write(_HEADER.pack(MAGIC, ORDER, len(alphabet), len(ordered), check_bits))
        out.write(array("f", [v for book in books for v in book]).tobytes())
        out.write(array("I", map(ord, alphabet)).tobytes())
        out.write(bytes(quantize(chars[c]) for c in alphabet))
        out.write(_buckets([k for k, _ in ordered]).tobytes())
        out.write(array("H", (k & _LOW for k, _ in ordered)).tobytes())
        out.write(bytes(table[k] for k in ordered))


# Bytes per hashed entry in the file: the low half of the hash, and a byte
# of check bits and codebook index. The table is split by the top 16 bits
# of the hash, so 32 + CHECK_BITS bits tell entries apart: with 3 bits and
# 2.56 million entries an absent key is taken for a present one about once
# in 13,000 lookups (26 of 300,000 random keys; the four-byte format's 40
# bits and 1.9 million entries: once in 570,000). Two check bits and 64
# levels, or four and 16, read the tuning text no better.
ENTRY_BYTES = 3


def size_of(n_chars: int, count: int, check_bits: int = CHECK_BITS) -> int:
    """The size in bytes of a model file with `n_chars` unigrams and `count` hashed entries."""
    books = 4 * len(KINDS) << (8 - check_bits)
    return _HEADER.size + books + 5 * n_chars + 4 * _BUCKETS + ENTRY_BYTES * count


_MISSING = object()
# The table is split by the top bits of the hash so that a lookup searches
# a bucket of a few dozen entries instead of the whole table, and only the
# low bits need storing.
_BUCKET_SHIFT = 16
_LOW = (1 << _BUCKET_SHIFT) - 1
_BUCKETS = (1 << (32 - _BUCKET_SHIFT)) + 1


def _buckets(keys: Sequence[int]) -> array:
    """Where each bucket of hashes starts in the sorted keys (one more for the end)."""
    starts = array("I", bytes(4 * _BUCKETS))
    for k in keys:
        starts[(k >> _BUCKET_SHIFT) + 1] += 1
    for i in range(1, len(starts)):
        starts[i] += starts[i - 1]
    return starts


@dataclass
class Model:
    """A loaded model: exact unigrams, sorted n-gram hashes, and a memo of lookups.

    `computed` counts the probabilities worked out (not remembered), a measure
    of repair's work that tests can bound without a clock.
    """

    unigrams: dict[str, float]
    keys: Sequence[int]
    buckets: Sequence[int]
    packed: bytes
    check_bits: int
    books: dict[str, Sequence[float]]
    memo: dict[str, float | None] = field(default_factory=dict)
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    computed: int = 0

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        """Read a model file; raises ValueError when it is not one."""
        data = memoryview(path.read_bytes())
        if len(data) < _HEADER.size:
            raise ValueError(f"{path} is not a repair model of this version")
        magic, order, n_chars, count, check_bits = _HEADER.unpack_from(data)
        if magic != MAGIC or order != ORDER or check_bits > 7 or len(data) != size_of(n_chars, count, check_bits):
            raise ValueError(f"{path} is not a repair model of this version")
        pos = _HEADER.size
        levels = 1 << (8 - check_bits)
        flat = array("f")
        flat.frombytes(data[pos : pos + 4 * len(KINDS) * levels])
        pos += 4 * len(KINDS) * levels
        books = {tag: flat[i * levels : (i + 1) * levels].tolist() for i, tag in enumerate(KINDS)}
        alphabet = data[pos : pos + 4 * n_chars].cast("I")
        pos += 4 * n_chars
        unigrams = {chr(c): -v * STEP for c, v in zip(alphabet, data[pos : pos + n_chars], strict=True)}
        pos += n_chars
        buckets = array("I")
        buckets.frombytes(data[pos : pos + 4 * _BUCKETS])
        pos += 4 * _BUCKETS
        keys = array("H")
        keys.frombytes(data[pos : pos + 2 * count])
        pos += 2 * count
        return cls(unigrams, keys, buckets, bytes(data[pos:]), check_bits, books)

    def get(self, text: str) -> float | None:
        """The stored log-probability (or back-off weight) of `text`, if any."""
        found = self.memo.get(text, _MISSING)
        if found is not _MISSING:
            return found
        data = text.encode()
        h = zlib.crc32(data)
        low = h & _LOW
        end = self.buckets[(h >> _BUCKET_SHIFT) + 1]
        keys = self.keys
        i = bisect_left(keys, low, self.buckets[h >> _BUCKET_SHIFT], end)
        found = None
        if i < end and keys[i] == low:
            bits = self.check_bits
            mask = (1 << bits) - 1
            check = zlib.adler32(data) & mask
            while i < end and keys[i] == low:
                byte = self.packed[i]
                if byte & mask == check:
                    found = self.books.get(text[0], self.books[""])[byte >> bits]
                    break
                i += 1
        self.memo[text] = found
        return found

    def logp(self, context: str, char: str) -> float:
        """log P(char | context), backing off to shorter contexts.

        The trainer keeps longer n-grams only when they hold a droppable
        character, so once neither `char` nor what is left of the history
        holds one, the n-gram was left out by design rather than unseen: the
        character's bigram stands in for it instead of a chain of back-off
        penalties that would wrongly punish a candidate.
        """
        found = self.scores.get((context, char))
        if found is None:
            if len(self.scores) > MEMO_LIMIT:
                self.scores.clear()
                self.memo.clear()
            found = self.scores[context, char] = self._logp(context, char)
            self.computed += 1
        return found

    def _logp(self, context: str, char: str) -> float:
        single = self.unigrams.get(char)
        if single is None:
            return UNSEEN
        known = len(context)
        while known and context[known - 1] in self.unigrams:
            known -= 1
        stop = len(context)
        if not droppable(char):
            stop = known
            for i in range(len(context) - 1, known - 1, -1):
                if droppable(context[i]):
                    stop = i + 1
                    break
        backoff = 0.0
        for start in range(known, stop):
            # The trainer stores a context's weight whenever it stores an
            # n-gram in that context, so a context without one holds none.
            history = context[start:]
            weight = self.get(BACKOFF_TAG + history)
            if weight is None:
                continue
            found = self.get(history + char)
            if found is not None:
                return backoff + found
            backoff += weight
        if stop < len(context):
            found = self.get(context[-1] + char)
            if found is not None:
                return backoff + found
            weight = self.get(BACKOFF_TAG + context[-1])
            if weight is not None:
                backoff += weight
        return backoff + single

    def word(self, word: str, prev: str = "") -> float:
        """log P(word | prev word), backing off to log P(word); -inf for a word it lacks.

        A capitalised word the model lacks is looked up in lower case (with
        `PAIR_BACKOFF`), since sentences and headings start with capitals.
        """
        if prev:
            found = self.get(f"{WORD_TAG}{prev} {word}")
            if found is not None:
                return found
        found = self.get(WORD_TAG + word)
        if found is None and word[:1].isupper():
            found = self.get(WORD_TAG + word[0].lower() + word[1:])
            found = None if found is None else found + PAIR_BACKOFF
        if found is None:
            return -math.inf
        return found + (PAIR_BACKOFF if prev else 0.0)

    def agreement(self, prev: str, word: str) -> float:
        """How much more likely `word`'s ending is after `prev`'s ending than anywhere (log ratio).

        Zero when the model does not know the second ending or either word is
        not `inflected`; a pair never seen after a common ending comes out
        negative.
        """
        if not (inflected(prev) and inflected(word)):
            return 0.0
        a, b = prev[-SUFFIX:].lower(), word[-SUFFIX:].lower()
        common = self.get(f"{SUFFIX_TAG} {b}")
        if common is None:
            return 0.0
        found = self.get(f"{SUFFIX_TAG}{a} {b}")
        if found is None:
            weight = self.get(SUFFIX_TAG + a)
            return 0.0 if weight is None else weight
        return found - common

    def shortlist(self, candidates: Sequence[str], context: str | None) -> list[str]:
        """The candidates worth searching, the likeliest first.

        With the characters before the slot known, candidates are ranked by
        the model in that context, else by how common they are; characters
        never seen in training are left out while any candidate was seen.
        """
        seen = [c for c in candidates if c in self.unigrams]
        if not seen:
            return list(candidates)
        if context is None:
            seen.sort(key=self.unigrams.__getitem__, reverse=True)
        else:
            seen.sort(key=lambda c: self.logp(context, c), reverse=True)
        return seen[:MAX_CANDIDATES]


@cache
def model(japanese: bool = False) -> Model:
    """The shipped model for Japanese text or for every other, read on first use and kept."""
    return Model.load(JAPANESE_MODEL_PATH if japanese else MODEL_PATH)


_NO_COSTS: Mapping[str, float] = MappingProxyType({})
"""The costs of a reading nothing was weighed against, shared (a text damaged throughout has
hundreds of thousands)."""


@dataclass(frozen=True)
class Choice:
    """The reading chosen for one slot.

    Attributes:
        char: The chosen character.
        margin: Log-probability gap to the best other character in this slot
            with the rest of the reading kept (``inf`` when there was none).
        costs: That gap for each other character the model weighed here.
    """

    char: str
    margin: float
    costs: Mapping[str, float] = field(default_factory=lambda: _NO_COSTS)


def wordy(char: str) -> bool:
    """Whether `char` is a letter of a script that puts spaces between words.

    Chinese and Japanese run words together, so their "words" would be whole
    clauses; the character model alone reads them.
    """
    return char.isalpha() and (char < "\u2e80" or "\uac00" <= char <= "\ud7a3")


# Longer runs of letters are not words the word model could know; they get no
# word score, and the search stops spelling them out, so a run of thousands of
# letters without a space costs what its length does, not its square.
MAX_WORD = 40


def _word_bonus(m: Model, word: str, prev: str = "") -> float:
    if len(word) > MAX_WORD:
        return 0.0
    if len(prev) > MAX_WORD:
        prev = ""
    bonus = WORD_WEIGHT * max(m.word(word, prev), WORD_FLOOR)
    return bonus + SUFFIX_WEIGHT * m.agreement(prev, word) if prev else bonus


def _span(chars: Sequence[str], i: int) -> tuple[int, int]:
    """The word (run of `wordy` characters) around position i; past MAX_WORD letters on either
    side, a stretch longer than any word."""
    start, end = i, i + 1
    while start > max(0, i - MAX_WORD - 1) and wordy(chars[start - 1]):
        start -= 1
    while end < min(len(chars), i + MAX_WORD + 2) and wordy(chars[end]):
        end += 1
    return start, end


def _neighbour(chars: Sequence[str], start: int) -> tuple[int, int] | None:
    """The word just before position `start`, when only spaces (a few) part them."""
    j = start
    while j > max(0, start - MAX_WORD) and chars[j - 1] == " ":
        j -= 1
    if j == start or j == 0 or not wordy(chars[j - 1]):
        return None
    return _span(chars, j - 1)


def _local(m: Model, chars: Sequence[str], i: int) -> float:
    """The part of a reading's score that the character at `i` takes part in."""
    total = 0.0
    for j in range(i, min(len(chars), i + ORDER)):
        total += m.logp("".join(chars[max(0, j - ORDER + 1) : j]), chars[j])
    if wordy(chars[i]):
        start, end = _span(chars, i)
        before = _neighbour(chars, start)
        prev = "".join(chars[before[0] : before[1]]) if before else ""
        total += _word_bonus(m, "".join(chars[start:end]), prev)
        after = end
        while after < min(len(chars), end + MAX_WORD) and chars[after] == " ":
            after += 1
        if after > end and after < len(chars) and wordy(chars[after]):
            _, stop = _span(chars, after)
            total += _word_bonus(m, "".join(chars[after:stop]), "".join(chars[start:end]))
    return total


def _fixed_before(slots: Sequence[Sequence[str]], i: int) -> str | None:
    """The ORDER - 1 characters before slot i, when none of them is in doubt."""
    before = slots[max(0, i - ORDER + 1) : i]
    return "".join(s[0] for s in before) if all(len(s) == 1 for s in before) else None


_Trail = tuple[str, "_Trail"] | None
"""A reading so far, newest character first: each hypothesis shares its parent's (copying the
whole reading at every step made a long run of damaged characters cost the square of its length)."""


@dataclass(frozen=True)
class _Hypothesis:
    score: float
    path: _Trail
    word: str
    guessed: bool
    prev: str
    prev_guessed: bool


def choose(
    slots: Sequence[Sequence[str]], m: Model | None = None, bonus: Sequence[Mapping[str, float]] = ()
) -> list[Choice]:
    """Pick one character per slot so that the whole stretch reads best.

    Each reading is scored by the character model and, for words of scripts
    that space their words, by how common the whole word is: a character
    model of a few letters cannot see that Russian ``умолчания`` is not a
    word while ``умолчанию`` is.

    Args:
        slots: For each position, the characters it may hold: one for the
            fixed text around and between damaged characters, several where
            bytes were lost. Callers include ORDER - 1 fixed characters on
            each side, and whole words, so the neighbours take part.
        m: The model (the shipped one by default).
        bonus: For each slot (or none), log-odds added to its candidates
            (`cache` gives the document's own habits so).

    Returns:
        One `Choice` per slot, in order.
    """
    m = m or model()
    slots = [
        m.shortlist(options, _fixed_before(slots, i)) if len(options) > 1 else options
        for i, options in enumerate(slots)
    ]
    start = _Hypothesis(0.0, None, "", False, "", False)
    beams: dict[tuple[str, str, bool, str], _Hypothesis] = {("", "", False, ""): start}
    extras = [*bonus, *[_NO_COSTS] * (len(slots) + 1 - len(bonus))]
    for options, extra in zip([*slots, [""]], extras, strict=True):
        grown: dict[tuple[str, str, bool, str], _Hypothesis] = {}
        for (state, _, _, _), h in beams.items():
            for char in options:
                score = h.score + (m.logp(state, char) if char else 0.0)
                if len(options) > 1:
                    score += extra.get(char, 0.0)
                word, guessed, prev, prev_guessed = h.word, h.guessed, h.prev, h.prev_guessed
                if char and wordy(char):
                    word = word + char if len(word) <= MAX_WORD else word
                    guessed = guessed or len(options) > 1
                elif word:
                    if guessed or prev_guessed:
                        score += _word_bonus(m, word, prev)
                    word, guessed, prev, prev_guessed = "", False, word, guessed
                    if char != " ":
                        prev, prev_guessed = "", False
                elif char != " ":
                    prev, prev_guessed = "", False
                nxt = (state + char)[-(ORDER - 1) :]
                hyp = (nxt, word, guessed, prev)
                if hyp not in grown or score > grown[hyp].score:
                    grown[hyp] = _Hypothesis(score, (char, h.path), word, guessed, prev, prev_guessed)
        top = max(h.score for h in grown.values())
        kept = sorted((kv for kv in grown.items() if kv[1].score > top - BEAM_MARGIN), key=lambda kv: -kv[1].score)
        beams = dict(kept[:BEAM])
    best = _unwind(max(beams.values(), key=lambda h: h.score).path)[:-1]
    choices = []
    for i, options in enumerate(slots):
        chosen = best[i]
        if len(options) == 1:
            choices.append(Choice(chosen, math.inf))
            continue
        kept = _local(m, best, i)
        costs = {}
        for char in options:
            if char != chosen:
                best[i] = char
                costs[char] = kept - _local(m, best, i) + extras[i].get(chosen, 0.0) - extras[i].get(char, 0.0)
        best[i] = chosen
        choices.append(Choice(chosen, min(costs.values()), costs))
    return choices


def _unwind(path: _Trail) -> list[str]:
    """A path's characters, oldest first."""
    chars = []
    while path is not None:
        char, path = path
        chars.append(char)
    chars.reverse()
    return chars
