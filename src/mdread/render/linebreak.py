"""Where a line of prose may break: Unicode line breaking (UAX #14), URLs kept whole, last resorts.

Break opportunities come from UAX #14 (:mod:`mdread.render.uax14`, which agrees with ICU's
root-locale breaker on 99.99 % of the corpus's non-ASCII lines), whose rules already carry the
Chinese and Japanese rules of W3C's clreq and jlreq: a break between any two ideographs, never
before closing punctuation (``。，、）」…``) nor after opening punctuation (``（「《``), and in
the strict form never before small kana or ``ー``.

Closing punctuation never starts a line, even after a space (``MemoryRegion ：``), which
UAX #14 would allow. Two more tailorings keep Latin text whole, as readers expect:

* inside a run of ASCII letters, digits and symbols only a break after the ``-`` or ``/`` of
  words joined by them is kept (UAX #14 also allows one after ``+``, ``?``, ``!`` … which
  splits ``C++``, and after the hyphen of a file name such as ``cuda-kernels.md``);
* a URL is one unit. If it is wider than the line it breaks after ``/ ? & = -``, and only
  then inside a word; so does any other run too wide for the line, at the breaks the first
  tailoring took away. A run with no break at all is folded at the last grapheme that fits.

A break never counts the spaces before it: they hang past the line's end and are trimmed.
"""

from __future__ import annotations

import bisect
import itertools
import re

from rich.cells import cell_len, get_character_cell_size, split_graphemes

from mdread.render.uax14 import breaks

ASCII_RUN = re.compile(r"[!-~]+")
URL = re.compile(r"(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]{0,15}://|www\.[A-Za-z0-9-]+\.)[!-~]+")
"""A URL runs from its scheme (at most 16 characters, so a long word costs no backtracking) to
the next space or non-ASCII character."""
DOT_WORD = re.compile(r"(?<= )\.(?=[A-Za-z_])")
"""A word that starts with a dot (``.plt``, ``.gitignore``): UAX #14 never breaks before a full
stop, even after a space, which glues a list of section names into one long unit."""
SPACES = re.compile(r" +")
URL_BREAK_AFTER = frozenset("/?&=-")
WORD_BREAK_AFTER = frozenset("-/")
WORDS = re.compile(r"[(\[\"']*[A-Za-z]+(?:[-/][A-Za-z]+)*[-/]?[)\]\"'.,;:!?]*")
"""Words joined by hyphens or slashes (``well-known``, ``and/or``), which may break after them;
a file name, anchor or identifier (``cuda-kernels.md``, ``#setup-guide``) may not."""
JOINERS = frozenset("\u200d\ufe0f")
"""Characters that widen or join the grapheme before them, beyond the zero-width ones."""
NO_START = frozenset(")]},.;:!?%’”»。，、；：？！）》」』】〕〉］｝〗〙〛…‥・ー々ゝゞヽヾ"
                     "ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
NO_END = frozenset("([{‘“«（《「『【〔〈［｛〖〘〚")
"""Punctuation that never starts a line and punctuation that never ends one (UAX #14's CL, CP, EX,
IS, NS, PO and QU-final; OP and QU-initial). UAX #14 already keeps them in place, except that it
lets a line start with some of them after a space; and where a word too wide for the line is
folded it has no say at all."""
CACHED_LENGTH = 512
"""Rich caches the widths of strings shorter than this; a longer one is measured once, here."""


def opportunities(text: str) -> tuple[list[int], list[int]]:
    """Where a line may end, in order: ``(breaks, last_resorts)``; the text's end is a break.

    ``last_resorts`` lie inside runs that the tailorings keep whole, or at a space inside a run
    that UAX #14 glues together (``foo (bar``, ``x :y``); they are used only for a run wider
    than the line.
    """
    ends = breaks(text) or [len(text)]
    keep: set[int] = {m.start() for m in DOT_WORD.finditer(text)}
    spare: set[int] = {m.end() for m in SPACES.finditer(text)}
    runs = [(m.start(), m.end(), WORDS.fullmatch(m.group(0)) is not None) for m in ASCII_RUN.finditer(text)]
    starts = [start for start, _, _ in runs]
    for end in ends:
        if end < len(text) and text[end] in NO_START and end not in keep:
            continue  # UAX #14 allows this after a space; clreq and jlreq never do
        index = bisect.bisect_left(starts, end) - 1
        if index >= 0:
            start, stop, words = runs[index]
            if start < end < stop and not (words and text[end - 1] in WORD_BREAK_AFTER):
                spare.add(end)
                continue
        keep.add(end)
    for match in URL.finditer(text):
        spare.update(i + 1 for i in range(match.start(), match.end() - 1) if text[i] in URL_BREAK_AFTER)
    spare -= keep
    return sorted(keep), sorted(end for end in spare if end < len(text) and _between(text, end))


def _between(text: str, end: int) -> bool:
    """Whether a break at ``end`` puts no closing punctuation first on a line nor opening last."""
    if text[end] in NO_START:
        return False
    before = end
    while before and text[before - 1] == " ":
        before -= 1
    return not before or text[before - 1] not in NO_END


def _measure(text: str) -> tuple[list[int], list[int] | None]:
    """``(cells, bounds)``: the width of ``text[:i]`` for every offset ``i``, and where graphemes start.

    ``bounds`` is None when every offset is a grapheme boundary: no character joins the one
    before it (no zero-width mark, joiner or variation selector), which is nearly all prose.
    An offset inside a grapheme gets the width before that grapheme; no break is placed there.
    """
    if text.isascii():
        return list(range(len(text) + 1)), None
    widths = list(map(get_character_cell_size, text))
    if 0 not in widths and JOINERS.isdisjoint(text):
        return [0, *itertools.accumulate(widths)], None
    spans, _ = split_graphemes(text)
    cells = [0] * (len(text) + 1)
    total = 0
    for start, end, width in spans:
        for i in range(start, end):
            cells[i] = total
        total += width
    cells[len(text)] = total
    return cells, [start for start, _, _ in spans] + [len(text)]


def _visible(text: str, cells: list[int], end: int) -> int:
    """The cells up to ``end`` without the spaces just before it, which may hang past the line."""
    while end and text[end - 1] == " ":
        end -= 1
    return cells[end]


def break_offsets(text: str, width: int, *, fold: bool = True) -> list[int]:
    """Offsets to divide ``text`` (one line, no newline) at, so each piece fits in ``width`` cells.

    Greedy, as browsers and terminals do: each line takes as much as fits. A unit wider than any
    line (a long URL) starts on the current line if a last-resort break lets it. Without ``fold``
    a run with no break in it is left whole, too wide, for the caller to crop.
    """
    width = max(1, width)
    if len(text) < CACHED_LENGTH and cell_len(text) <= width:
        return []
    cells, bounds = _measure(text)
    if cells[-1] <= width:
        return []
    breaks, spare = opportunities(text)
    reach = [_visible(text, cells, end) for end in breaks]
    spare_reach = [cells[end] for end in spare]
    last = _visible(text, cells, len(text))
    offsets: list[int] = []
    start = 0
    while last - cells[start] > width:
        limit = cells[start] + width
        end = _furthest(breaks, reach, start, limit)
        if end is None:
            unit_end = breaks[bisect.bisect_right(breaks, start)]
            end = _furthest(spare, spare_reach, start, limit, unit_end)
            if end is None:
                end = _fold(text, cells, bounds, start, limit, unit_end) if fold else unit_end
        elif end < len(text):
            # A unit that fits no line (a long URL) starts filling this one rather than leave it short.
            following = bisect.bisect_right(breaks, end)
            if reach[following] - cells[end] > width:
                end = _furthest(spare, spare_reach, end, limit, breaks[following]) or end
        if end >= len(text):
            break
        offsets.append(end)
        start = end
    return offsets


def _furthest(ends: list[int], reach: list[int], start: int, limit: int, before: int | None = None) -> int | None:
    """The last of ``ends`` after ``start`` (and before ``before``) whose line reaches no further than ``limit``."""
    index = bisect.bisect_right(reach, limit) - 1
    while index >= 0 and before is not None and ends[index] >= before:
        index -= 1
    if index >= 0 and ends[index] > start:
        return ends[index]
    return None


def _fold(text: str, cells: list[int], bounds: list[int] | None, start: int, limit: int, unit_end: int) -> int:
    """Where to cut a run with no break that fits: at least one grapheme, at most ``limit``.

    In the line's second half it cuts between a word and what is not part of one
    (``[oaicite:|1]``) rather than inside a word, and never leaves punctuation on the wrong
    side of the cut when it can help it.
    """
    end = bisect.bisect_right(cells, limit, start, unit_end + 1) - 1
    if bounds is not None:
        end = bounds[bisect.bisect_right(bounds, end) - 1]
    if end <= start:
        return start + 1 if bounds is None else bounds[bisect.bisect_right(bounds, start)]
    half = cells[start] + (limit - cells[start]) // 2
    candidates = range(end, start, -1) if bounds is None else reversed(bounds[bisect.bisect_right(bounds, start):
                                                                               bisect.bisect_right(bounds, end)])
    fallback = None
    for cut in candidates:
        if not _between(text, cut):
            continue
        if cells[cut] > half and not (text[cut - 1].isalnum() and text[cut].isalnum()):
            return cut
        fallback = fallback or cut
    return fallback or end


def min_width(text: str) -> int:
    """The widest piece of ``text`` that no ordinary break divides: what a table column needs."""
    if not text:
        return 0
    cells, _ = _measure(text)
    widest = 0
    start = 0
    for end in opportunities(text)[0]:
        widest = max(widest, _visible(text, cells, end) - cells[start])
        start = end
    return widest
