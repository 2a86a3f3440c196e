"""Unicode line breaking (UAX #14): where a line of text may end, by the standard's rules.

Each character's class comes from a 13 KB table made by ``tools/linebreak_table.py``
from the Unicode Character Database, with LB1's resolution already applied (CJ as NS:
the strict rule of clreq and jlreq, so small kana and ``ー`` never start a line). The
rules LB4–LB31 are applied the way the standard's pair-table implementation does:
a table, built once from the rules, says for each pair of classes whether a break
between them is allowed directly, only across spaces, or never; the few rules that
need more than a pair (combining marks, ZWJ, regional indicators, East Asian width
for LB30, the hyphen after a Hebrew letter) are applied in the loop.

Why not a library: ICU (through icu4py) is exact and fast but adds 42 MB to the
install, and uniseg is exact but took about 200 µs a character here. This costs
about a microsecond a character, and only for lines that need wrapping.
"""

from __future__ import annotations

import array
import bisect
import functools
import sys
import unicodedata
from pathlib import Path

TABLE = "linebreak_classes.bin"

CLASS_NAMES = ("BK", "CR", "LF", "NL", "SP", "ZW", "ZWJ", "CM", "WJ", "GL", "BA", "HY", "CB", "CL", "CP", "OP",
               "QU", "IS", "NU", "PO", "PR", "SY", "AL", "HL", "ID", "RI", "B2", "BB", "EX", "IN", "NS", "EB", "EM",
               "H2", "H3", "JL", "JV", "JT", "AK", "AP", "AS", "VF", "VI")
"""The classes after LB1's resolution (no AI, CJ, SA, SG or XX), in the table's order; the loop names
the first 26."""
BK, CR, LF, NL, SP, ZW, ZWJ, CM, WJ, GL, BA, HY, CB, CL, CP, OP, QU, IS, NU, PO, PR, SY, AL, HL, ID, RI = range(26)
HARD = (BK, CR, LF, NL)

_NUMERIC = {("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"), ("PO", "OP"),
            ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"), ("NU", "NU"), ("SY", "NU")}
"""LB25's pairs: numbers with their signs, units and punctuation stay together. As ICU does, the
loop keeps a slash to the digits after it and a closing bracket to a sign only inside a number
(``NU (NU | SY | IS)* (CL | CP)?``), and a sign to an opening bracket only when digits follow it."""
_HANGUL = {"JL", "JV", "JT", "H2", "H3"}
_WIDE = frozenset("FWH")
"""East Asian widths for which LB30 does not hold: wide brackets break like ideographs."""


def _allowed(a: str, b: str, spaced: bool) -> bool:
    """Whether a line may end between class ``a`` and class ``b`` (spaces between them if ``spaced``).

    ``a`` is the class of the last character before any spaces. The rules are the
    standard's, in its order; the first that speaks decides.
    """
    if a == "ZW":  # LB8
        return True
    if b == "WJ" or (a == "WJ" and not spaced):  # LB11
        return False
    if not spaced and (a == "GL" or (b == "GL" and a not in ("BA", "HY"))):  # LB12, LB12a
        return False
    if b in ("CL", "CP", "EX", "IS", "SY"):  # LB13
        return False
    if a == "OP" or (a in ("CL", "CP") and b == "NS") or (a == b == "B2"):
        return False  # LB14, LB16, LB17: these hold across spaces; LB15a and LB15b (quotes) are the loop's
    if spaced:  # LB18
        return True
    # LB19 and LB19a (quotation marks) look at the characters around them: the loop applies them.
    if "CB" in (a, b):  # LB20
        return True
    if b in ("BA", "HY", "NS", "IN") or a == "BB" or (a == "SY" and b == "HL"):  # LB21, LB21b, LB22
        return False
    letters = ("AL", "HL")
    if (a in letters and b == "NU") or (a == "NU" and b in letters):  # LB23
        return False
    if (a == "PR" and b in ("ID", "EB", "EM")) or (a in ("ID", "EB", "EM") and b == "PO"):  # LB23a
        return False
    if (a in ("PR", "PO") and b in letters) or (a in letters and b in ("PR", "PO")):  # LB24
        return False
    if (a, b) in _NUMERIC:  # LB25
        return False
    if (a == "JL" and b in ("JL", "JV", "H2", "H3")) or (a in ("JV", "H2") and b in ("JV", "JT")) \
            or (a in ("JT", "H3") and b == "JT"):  # LB26
        return False
    if (a in _HANGUL and b == "PO") or (a == "PR" and b in _HANGUL):  # LB27
        return False
    if (a in letters and b in letters) or (a == "AP" and b in ("AK", "AS")) \
            or (a in ("AK", "AS") and b in ("VF", "VI")):  # LB28, LB28a (its pairs)
        return False
    if a == "IS" and b in letters:  # LB29
        return False
    if (a in (*letters, "NU") and b == "OP") or (a == "CP" and b in (*letters, "NU")):  # LB30, narrow brackets
        return False
    return not (a == b == "RI" or (a == "EB" and b == "EM"))  # LB30a (pairs counted in the loop), LB30b


def pair_table() -> bytes:
    """For classes ``a`` and ``b``, at ``a * len(CLASS_NAMES) + b``: 0 never, 1 across spaces only, 2 always."""
    return bytes(_allowed(a, b, True) + _allowed(a, b, False) for a in CLASS_NAMES for b in CLASS_NAMES)


class _Table:
    """The class of every code point, and the pair table over the classes (both made by the tool)."""

    def __init__(self, data: bytes) -> None:
        header, _, rest = data.partition(b"\n")
        if tuple(header.decode("ascii").split()) != CLASS_NAMES:
            raise ValueError(f"{TABLE} was made for other classes; run tools/linebreak_table.py")
        size = len(CLASS_NAMES)
        self.pairs = rest[: size * size]
        rest = rest[size * size :]
        count = int.from_bytes(rest[:4], "little")
        starts = array.array("I")
        starts.frombytes(rest[4 : 4 + 4 * count])
        if sys.byteorder != "little":
            starts.byteswap()
        self.starts = starts
        self.kinds = rest[4 + 4 * count : 4 + 5 * count]
        self._known = {chr(code): self._lookup(chr(code)) for code in range(128)}

    def _lookup(self, char: str) -> int:
        return self.kinds[bisect.bisect_right(self.starts, ord(char)) - 1]

    def classes(self, text: str) -> list[int]:
        known = self._known
        try:
            return [known[char] for char in text]
        except KeyError:
            for char in set(text).difference(known):
                known[char] = self._lookup(char)
            return [known[char] for char in text]


@functools.cache
def _table() -> _Table:
    return _Table(Path(__file__).with_name(TABLE).read_bytes())


def breaks(text: str) -> list[int]:
    """Offsets where a line of ``text`` may end, in order, the end of the text included.

    A break at offset ``i`` falls between ``text[i - 1]`` and ``text[i]``; spaces before a
    break stay on the line that ends there. Mandatory breaks (newlines) count as breaks.
    """
    if not text:
        return []
    table = _table()
    pairs, size = table.pairs, len(CLASS_NAMES)
    kinds = table.classes(text)
    out: list[int] = []
    first = kinds[0]
    cls = WJ if first == SP else BK if first in (LF, NL) else AL if first in (CM, ZWJ) else first
    at = 0  # where the character of class ``cls`` is
    before = -1  # the class before ``cls``, for LB21a
    lead = True  # whether ``cls`` starts a word: after the start, a space or a break (LB20a)
    number = cls == NU  # inside NU (NU | SY | IS)*, for LB25
    closed = False  # just after a bracket that closes such a number
    opening = cls == QU and unicodedata.category(text[0]) == "Pi"  # an opening quote at a phrase's start
    prev = first  # the class of the character just before the one looked at
    run = 1 if cls == RI else 0  # regional indicators in a row, for LB30a
    for i in range(1, len(text)):
        cur = kinds[i]
        if cur == prev == cls and cur in (ID, AL):  # most of any text: ideographs, letters
            if cur == ID:
                out.append(i)
            before, at = cls, i
            continue
        if cls == BK or (cls == CR and cur != LF):  # LB4, LB5
            out.append(i)
            before, cls, at, prev, lead = -1, (WJ if cur == SP else AL if cur in (CM, ZWJ) else cur), i, cur, True
            run, number = (1 if cur == RI else 0), cur == NU
            continue
        if cur == SP:  # LB7: spaces never start a line; the class before them stays
            prev = cur
            continue
        if cur in HARD or cur == ZW:  # LB6, LB7
            before, cls, at, prev, lead, number = -1, (BK if cur in (LF, NL) else cur), i, cur, True, False
            continue
        spaced = prev == SP
        if cur in (CM, ZWJ):
            if not spaced and cls not in HARD and cls != ZW:  # LB9: a mark belongs to what it follows
                prev = cur
                continue
            cur = AL  # LB10
        action = pairs[cls * size + cur]
        allowed = action == 2 or (action == 1 and spaced)
        if allowed and ((cls == QU and opening) or (cur == QU and _closing(text, kinds, i))):
            allowed = False  # LB15a, LB15b: an opening quote holds to what follows, a closing one to what precedes
        elif spaced and cur == IS and i + 1 < len(text) and kinds[i + 1] == NU:
            allowed = True  # LB15c: a space may end a line before ".5"
        if not spaced:
            if allowed:
                if prev == ZWJ or (cls in (HY, BA) and before == HL) \
                        or (cls in (SY, IS) and cur in (PR, PO) and number):  # LB8a, LB21a, LB25 (10.5.$x)
                    allowed = False
                elif QU in (cls, cur):  # LB19, LB19a
                    allowed = _quote_break(text, at, i, cls == QU, cur == QU)
                elif cls == HY and lead and cur in (AL, HL):  # LB20a: a word-initial hyphen
                    allowed = False
            elif cls == cur == RI:  # LB30a: regional indicators pair up
                allowed = run % 2 == 0
            elif (cls == SY and cur == NU and not number) or (cls in (CL, CP) and cur in (PR, PO) and not closed) \
                    or (cls in (PR, PO) and cur == OP and (i + 1 == len(text) or kinds[i + 1] != NU)):
                allowed = True  # LB25: a slash holds to digits, a bracket to a sign, a sign to a bracket: in numbers
            elif (cur == OP and cls in (AL, HL, NU) and unicodedata.east_asian_width(text[i]) in _WIDE) or \
                    (cls == CP and cur in (AL, HL, NU) and unicodedata.east_asian_width(text[at]) in _WIDE):
                allowed = True  # LB30 holds for narrow brackets only; a wide one breaks as LB31 says
        if allowed:
            out.append(i)
        run = run + 1 if cur == RI and cls == RI and not spaced else (1 if cur == RI else 0)
        opening = cur == QU and unicodedata.category(text[i]) == "Pi" and (
            spaced or cls in (BK, CR, LF, NL, OP, QU, GL, ZW) or (cls == WJ and at == 0 and first == SP))
        closed = number and cur in (CL, CP) and not spaced
        number = cur == NU or (number and cur in (SY, IS) and not spaced)
        lead = spaced or cls in (CB, GL)
        before, cls, at, prev = cls, cur, i, kinds[i]
    out.append(len(text))
    return out


_AFTER_CLOSING = frozenset(("SP", "GL", "WJ", "CL", "QU", "CP", "EX", "IS", "SY", "BK", "CR", "LF", "NL", "ZW"))


def _closing(text: str, kinds: list[int], index: int) -> bool:
    """LB15b: whether the quotation mark ``text[index]`` closes a phrase (a final quote before a space or the end)."""
    if unicodedata.category(text[index]) != "Pf":
        return False
    return index + 1 == len(text) or CLASS_NAMES[kinds[index + 1]] in _AFTER_CLOSING


def _east_asian(text: str, index: int) -> bool:
    return 0 <= index < len(text) and unicodedata.east_asian_width(text[index]) in _WIDE


def _quote_break(text: str, left: int, right: int, quote_left: bool, quote_right: bool) -> bool:
    """LB19 and LB19a for a break between ``text[left]`` and ``text[right]``, one of them a quotation mark.

    No break before a quotation mark that is not an opening one, nor after one that is not
    a closing one; around the others, a break only inside East Asian text (Chinese and
    Japanese put opening quotes at a line's start like any other character).
    """
    if quote_right and (unicodedata.category(text[right]) != "Pi" or not _east_asian(text, left)
                        or not _east_asian(text, right + 1)):
        return False
    if quote_left:
        return unicodedata.category(text[left]) == "Pf" and _east_asian(text, right) \
            and _east_asian(text, left - 1)
    return True

