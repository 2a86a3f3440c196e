"""Repair UTF-8 text that was once read as Windows-1252/1254 and saved again.

The damage looks like ``ä»£ç é«˜äº®`` for ``代码高亮``. A plain re-encode
(what ftfy does) only works when every byte survived, but Windows-1254 has
no character for 0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D and 0x9E (1252 lacks five
of them), and the soft hyphen 0xAD is routinely stripped as invisible. Those
bytes are gone, so many characters keep only one or two of their UTF-8
bytes. Lead bytes never fall in that set, so the character boundaries are
still known; what is lost is which of the droppable bytes went where. This
module enumerates the readings the surviving bytes allow and lets a
character n-gram model (`model`) choose among them by their context.

Detection has to be cheap and must never fire on honest accented text, so a
single regex screens the text first, and repair only proceeds when it finds
byte patterns that an accented European text does not produce.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mdread.load.repair.model import Choice

CODEPAGES = ("cp1252", "cp1254")

_DROPPED = {
    "cp1252": frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xAD}),
    "cp1254": frozenset({0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD}),
}
_ONLY_IN = {
    "cp1252": frozenset("ÐÝÞðýþŽž"),
    "cp1254": frozenset("ĞİŞğış"),
}
_NAMES = {"cp1252": "Windows-1252", "cp1254": "Windows-1254"}

# A margin under this many nats (odds of about 20:1) counts as a guess.
UNCERTAIN_MARGIN = 3.0
# With this many continuation bytes and no Ž/ž in sight, 0x8E/0x9E must
# have been dropped, which only Windows-1254 does.
_CP1254_EVIDENCE_BYTES = 100


@cache
def _byte_map() -> dict[str, int]:
    """Map each character either code page yields for a high byte to it.

    The two pages never give one character two different bytes, so one map
    serves both; C1 controls stand for the undefined bytes that some
    decoders pass through instead of dropping.
    """
    table = {chr(b): b for b in range(0x80, 0xA0)}
    for codepage in CODEPAGES:
        for b in range(0x80, 0x100):
            char = bytes([b]).decode(codepage, errors="ignore")
            if char:
                table[char] = b
    return table


def _char_class(pred: range) -> str:
    return "".join(re.escape(c) for c, b in _byte_map().items() if b in pred)


_LEADS = range(0xC2, 0xF5)
_CONTS = range(0x80, 0xC0)


@cache
def _marker() -> re.Pattern[str]:
    """A lead byte's character then a continuation byte's: the mark of the damage.

    Compiled on the first file read, not on import: the reader's own process
    imports this module only to describe a repair the child process made.
    """
    return re.compile(f"[{_char_class(_LEADS)}][{_char_class(_CONTS)}]")


@cache
def _run_pattern() -> re.Pattern[str]:
    """A run of characters that stand for high bytes."""
    return re.compile(f"[{_char_class(range(0x80, 0x100))}]+")


@dataclass(frozen=True)
class Repair:
    """The outcome of repairing a damaged text.

    Attributes:
        text: The repaired text.
        codepage: The code page the UTF-8 was misread as: "cp1252" or
            "cp1254".
        restored: Number of characters rebuilt from mojibake.
        uncertain: ``(start, end)`` offsets in `text` of characters whose
            reading is a close call between candidates.
        damaged_lines: Number of lines that contained damage.
        by_habit: Characters past `CONTEXT_BUDGET` given the commonest
            reading of their bytes instead of one read in context.
    """

    text: str
    codepage: str
    restored: int
    uncertain: tuple[tuple[int, int], ...]
    damaged_lines: int
    by_habit: int = 0


@dataclass(frozen=True)
class _Piece:
    """One UTF-8 sequence (or a stray character) inside a damaged run."""

    source: str
    lead: int | None
    conts: tuple[int, ...]
    need: int

    @property
    def complete(self) -> bool:
        return self.lead is not None and len(self.conts) == self.need


def _need(lead: int) -> int | None:
    if 0xC2 <= lead <= 0xDF:
        return 1
    if 0xE0 <= lead <= 0xEF:
        return 2
    if 0xF0 <= lead <= 0xF4:
        return 3
    return None


def _pieces(run: str) -> list[_Piece]:
    """Split a run at its UTF-8 lead bytes; strays keep their character."""
    byte = _byte_map()
    data = [byte[c] for c in run]
    pieces = []
    i = 0
    while i < len(data):
        need = _need(data[i])
        if need is None:
            pieces.append(_Piece(run[i], None, (), 0))
            i += 1
            continue
        j = i + 1
        while j < len(data) and j - i <= need and data[j] in _CONTS:
            j += 1
        pieces.append(_Piece(run[i:j], data[i], tuple(data[i + 1 : j]), need))
        i = j
    return pieces


def _evidence(piece: _Piece) -> bool:
    """Whether a piece is surely mojibake rather than honest text.

    Accented European text yields lone leads (``é``), a lead plus a symbol
    (``é…``) or, rarely, a letter plus a symbol that happens to spell a
    two-byte sequence (``Ö—``, U+0597). Only complete sequences count: any
    of three or four bytes, and two-byte ones that spell a Latin, Greek or
    Cyrillic letter, the classic ``Ã©``.
    """
    if piece.lead is None or not piece.complete:
        return False
    char = _readable(bytes([piece.lead, *piece.conts]))
    if char is None:
        return False
    return piece.need >= 2 or ("\u00c0" <= char <= "\u04ff" and char.isalpha())


def _choose_codepage(text: str, cont_bytes: int) -> tuple[str, frozenset[int]]:
    """Name the code page and the bytes it may have dropped.

    Characters only one page has decide it. Without them, many continuation
    bytes and no Ž/ž mean 0x8E/0x9E were dropped, which only 1254 does; a
    short text stays undecided and allows every byte either page drops.
    """
    votes = {cp: sum(text.count(c) for c in chars) for cp, chars in _ONLY_IN.items()}
    if votes["cp1252"] != votes["cp1254"]:
        codepage = max(votes, key=votes.__getitem__)
        dropped = _DROPPED[codepage]
    else:
        codepage = "cp1254" if cont_bytes >= _CP1254_EVIDENCE_BYTES else "cp1252"
        dropped = _DROPPED["cp1254"]
    survivors = {_byte_map()[c] for c in set(text) & {"\xad", *map(chr, range(0x80, 0xA0))}}
    return codepage, dropped - survivors


def _readable(data: bytes) -> str | None:
    try:
        char = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") else char


def _candidates(piece: _Piece, dropped: frozenset[int]) -> list[str]:
    """Every character the surviving bytes of `piece` could have come from."""
    if piece.lead is None:
        return [piece.source]
    return list(_fill(piece.lead, piece.conts, piece.need, dropped)) or [piece.source]


@cache
def _fill(lead: int, conts: tuple[int, ...], need: int, dropped: frozenset[int]) -> tuple[str, ...]:
    missing = need - len(conts)
    found: dict[str, None] = {}
    for slots in itertools.combinations(range(need), missing):
        for fill in itertools.product(sorted(dropped), repeat=missing):
            kept = iter(conts)
            added = iter(fill)
            tail = [next(added) if k in slots else next(kept) for k in range(need)]
            char = _readable(bytes([lead, *tail]))
            if char is not None:
                found[char] = None
    return tuple(found)


def _runs(text: str) -> Iterator[tuple[re.Match[str], list[_Piece]]]:
    """Yield every run of high characters, split into its UTF-8 pieces."""
    for match in _run_pattern().finditer(text):
        yield match, _pieces(match.group())


def _signed(runs: list[tuple[re.Match[str], list[_Piece]]]) -> list[_Piece]:
    """The pieces of the runs that hold at least one UTF-8 pair.

    A run of lone leads (``é`` between ASCII words) carries no sign of UTF-8,
    so only these runs count as evidence; once the text is known to be
    damaged, lone leads are repaired too (``aquÃ`` is ``aquí`` that lost 0xAD).
    """
    return [p for _, run in runs if any(q.lead is not None and q.conts for q in run) for p in run]


# How far a cluster reaches out to take in the rest of a word.
_WORD_REACH = 32
# A stretch damaged throughout is read in pieces of at most this many
# characters, each starting with the last few of the one before as context,
# so that the context budget applies to it too (a megabyte-long line of kana
# is one cluster otherwise).
_MAX_SLOTS = 2_000


@dataclass
class _Cluster:
    """Damaged characters close enough that their readings depend on each other.

    `slots` holds the candidates of each position, fixed neighbours included
    (one candidate each); `ids` maps a slot to the ambiguous piece it reads.
    """

    slots: list[list[str]]
    ids: dict[int, int]
    gap: int = 0


def _clusters(items: list[str | list[str]]) -> Iterator[_Cluster]:
    """Group ambiguous items with their context: ORDER - 1 characters and whole words.

    Items are fixed text or candidate lists, in reading order. A damaged
    letter's word and the words on either side of it take part in its
    reading; two ambiguous characters further apart than that cannot see each
    other through the model, so they are read separately, which keeps each
    search small.
    """
    from mdread.load.repair.model import ORDER, wordy

    reach = ORDER - 1
    before = ""
    cluster: _Cluster | None = None
    last = ""
    ends = needed = 0
    ambiguous = 0
    for item in items:
        if isinstance(item, list):
            if cluster is not None and len(cluster.slots) >= _MAX_SLOTS:
                yield cluster
                cluster = _Cluster(cluster.slots[-reach:], {})
            if cluster is None:
                cluster = _Cluster([[c] for c in before[_context_start(before, reach, wordy) :]], {})
            cluster.ids[len(cluster.slots)] = ambiguous
            cluster.slots.append(item)
            cluster.gap = ends = 0
            last = item[0]
            needed = 2 if wordy(last) else 0
            ambiguous += 1
            before = ""
            continue
        before = (before + item[-_WORD_REACH:])[-_WORD_REACH:]
        if cluster is None:
            continue
        for char in item:
            if (cluster.gap >= reach and not wordy(last) and ends >= needed) or cluster.gap >= _WORD_REACH:
                break
            if wordy(last) and not wordy(char):
                ends += 1
            cluster.slots.append([char])
            cluster.gap += 1
            last = char
        else:
            continue
        yield cluster
        cluster = None
    if cluster is not None:
        yield cluster


def _context_start(before: str, reach: int, wordy: Callable[[str], bool]) -> int:
    """Where a cluster's left context starts: ORDER - 1 characters back, out to
    the start of the word there and of the word before it."""
    start = max(0, len(before) - reach)
    while start > 0 and wordy(before[start - 1]):
        start -= 1
    gap = start
    while gap > 0 and before[gap - 1] == " ":
        gap -= 1
    if gap < start and gap > 0 and wordy(before[gap - 1]):
        start = gap
        while start > 0 and wordy(before[start - 1]):
            start -= 1
    return start


# Characters the model reads, ambiguous ones and their context. Each costs it
# about 0.15 ms, so a megabyte damaged throughout would take half a minute;
# past this many (the seed reads 1,131; a Chinese post damaged throughout,
# some 60 KB), an ambiguous character takes the reading its surviving bytes
# most often had so far, or, for bytes not seen yet, the candidate the model
# finds commonest on its own.
CONTEXT_BUDGET = 20_000


def _read(items: list[str | list[str]], japanese: bool) -> tuple[list[Choice], int]:
    """The reading chosen for each ambiguous item, in order; and how many were read by habit.

    ``japanese``: whether the text is Japanese, which has a model of its own and whose sure
    readings weigh on its unsure ones otherwise than Chinese's (`cache`).
    """
    from mdread.load.repair.agree import agree
    from mdread.load.repair.brackets import balance
    from mdread.load.repair.cache import CHINESE, JAPANESE, reread
    from mdread.load.repair.model import Choice, choose, model

    m = model(japanese)
    out: dict[int, Choice] = {}
    habits: dict[tuple[str, ...], Counter[str]] = {}
    habitual: dict[tuple[str, ...], Choice] = {}
    read = by_habit = 0
    in_context: list[tuple[list[list[str]], dict[int, int]]] = []
    for cluster in _clusters(items):
        keys = {index: tuple(cluster.slots[index]) for index in cluster.ids}
        if read < CONTEXT_BUDGET:
            for index, choice in enumerate(choose(cluster.slots, m)):
                if index in keys:
                    out[cluster.ids[index]] = choice
                    habits.setdefault(keys[index], Counter())[choice.char] += 1
            read += len(cluster.slots)
            in_context.append((cluster.slots, cluster.ids))
            continue
        for index, key in keys.items():
            if key not in habitual:
                seen = habits.get(key)
                char = seen.most_common(1)[0][0] if seen else max(key, key=lambda c: m.logp("", c))
                habitual[key] = Choice(char, UNCERTAIN_MARGIN)
            out[cluster.ids[index]] = habitual[key]
        by_habit += len(keys)
    reread(in_context, out, JAPANESE if japanese else CHINESE, m)
    readings = [out[i] for i in range(len(out))]
    balance(items, readings)
    agree(items, readings)
    return readings, by_habit


# Japanese technical and academic writing often punctuates with the
# full-width comma and period (，．) instead of 、。. The period loses its last
# byte, and the model, trained on text that ends its sentences with 。, then
# prefers ！ or ／; the comma survives intact, so a text that writes ， but
# never 。 shows the style, and there ． is scored as the 。 it stands for.
# ！ loses the same byte as ． and is dropped from such a text's candidates:
# scored as 。, the period still lost to ！ before the spaces of a Markdown
# line break or after markup (``です．  ``, ``**不要です**．``), where 。 is
# rare in the training text; the tuning blog's style pages (34 documents,
# 1,509 periods) held no ！ and lost 85 periods to it.
_STYLE_COMMA = "，"
_STYLE_COMMAS = 3
_PERIOD, _STYLE_PERIOD, _EXCLAMATION = "。", "．", "！"
_COMMA = "、"


def _full_stop_style(readings: list[list[list[str]]]) -> bool:
    """Whether the text writes ， and never 。; if so, offer 。 in place of each candidate ． (and not ！).

    。 keeps all its bytes, so it is never itself a candidate for a damaged
    character; a 。 chosen from candidates is a ． (see `repair`).
    """
    known = [c[0] for run in readings for c in run if len(c) == 1]
    if _PERIOD in known or known.count(_STYLE_COMMA) < _STYLE_COMMAS:
        return False
    for run in readings:
        for candidates in run:
            if _STYLE_PERIOD in candidates:
                candidates[candidates.index(_STYLE_PERIOD)] = _PERIOD
                if _EXCLAMATION in candidates and len(candidates) > 2:  # a lone 。 would read as not damaged
                    candidates.remove(_EXCLAMATION)
    return True


# Of the Han and kana characters that kept their bytes, the share of kana from
# which a text is read as Japanese. Hiragana mostly lose a byte, but ら, る, を,
# ん and most katakana keep theirs: 12 to 88 % of a development or tuning
# Japanese document's (the median 62 %), none of a Chinese one's. A Chinese
# post that quotes a Japanese title stays with the shared model, which knows
# both; the Japanese model knows no Chinese.
JAPANESE_SHARE = 0.1


def _japanese(readings: list[list[list[str]]]) -> bool:
    """Whether the text is Japanese: kana are at least `JAPANESE_SHARE` of its undamaged Han and kana."""
    from mdread.load.repair.agree import han, kana

    kanas = hans = 0
    for run in readings:
        for candidates in run:
            if len(candidates) == 1:
                kanas += kana(candidates[0])
                hans += han(candidates[0])
    return kanas > 0 and kanas >= JAPANESE_SHARE * (kanas + hans)


def _comma_seen_as(readings: list[list[list[str]]]) -> dict[str, str]:
    """In Japanese of the ，． style, the model reads each ， as the 、 it stands for.

    The Japanese training text writes 、 (it holds ， four times), so after
    kana the model knows ， only from Chinese, where it follows Han; ，
    itself is never in doubt, only the characters around it are scored.
    Kana tell Japanese from Chinese, which writes ， as its own comma.
    """
    return {_STYLE_COMMA: _COMMA} if _japanese(readings) else {}


def repair(text: str) -> Repair | None:
    """Undo a UTF-8 → Windows-1252/1254 → UTF-8 round trip, lost bytes too.

    Args:
        text: Text as read from the file.

    Returns:
        The repaired text, or None when the text shows no such damage.
        Everything outside the damaged runs is returned untouched.
    """
    if _marker().search(text) is None:
        return None
    runs = list(_runs(text))
    signed = _signed(runs)
    if not any(_evidence(p) for p in signed):
        return None
    codepage, dropped = _choose_codepage(text, sum(len(p.conts) for p in signed))

    readings = [[_candidates(p, dropped) for p in run] for _, run in runs]
    style = _full_stop_style(readings)
    seen_as = _comma_seen_as(readings) if style else {}
    items: list[str | list[str]] = []
    done = 0
    for (match, _), reading in zip(runs, readings, strict=True):
        items.append(text[done : match.start()])
        items.extend(c if len(c) > 1 else seen_as.get(c[0], c[0]) for c in reading)
        done = match.end()
    items.append(text[done:])
    chosen_readings, by_habit = _read(items, japanese=_japanese(readings))
    chosen = iter(chosen_readings)

    out: list[str] = []
    uncertain: list[tuple[int, int]] = []
    lines: set[int] = set()
    line = restored = done = length = 0
    for (match, run), reading in zip(runs, readings, strict=True):
        out.append(text[done : match.start()])
        length += match.start() - done
        line += text.count("\n", done, match.start())
        if any(p.lead is not None for p in run):
            lines.add(line)
        for piece, candidates in zip(run, reading, strict=True):
            if len(candidates) > 1:
                choice = next(chosen)
                char, margin = choice.char, choice.margin
            else:
                char, margin = candidates[0], math.inf
            if style and char == _PERIOD and len(candidates) > 1:
                char = _STYLE_PERIOD
            if piece.lead is not None:
                restored += 1
                if margin < UNCERTAIN_MARGIN:
                    uncertain.append((length, length + len(char)))
            out.append(char)
            length += len(char)
        done = match.end()
    out.append(text[done:])
    return Repair(
        text="".join(out),
        codepage=codepage,
        restored=restored,
        uncertain=tuple(uncertain),
        damaged_lines=len(lines),
        by_habit=by_habit,
    )


def describe(r: Repair) -> str:
    """Summarize a repair for a status line.

    Example: "UTF-8 read as Windows-1254; 312 characters restored".
    """
    summary = f"UTF-8 read as {_NAMES[r.codepage]}; {r.restored} characters restored"
    if r.uncertain:
        summary += f" ({len(r.uncertain)} uncertain)"
    if r.by_habit:
        summary += f"; {r.by_habit} read by habit, not context, past the first {CONTEXT_BUDGET:,} characters"
    return summary


def uncertain_windows(r: Repair) -> frozenset[str]:
    """Each uncertain character with one neighbour on either side, for finding it again in rendered text.

    Rendering re-wraps and re-styles the text, so offsets do not survive it; a
    three-character window of Chinese text almost never occurs twice by chance.
    """
    return frozenset(r.text[max(0, start - 1) : end + 1] for start, end in r.uncertain)
