"""Name the language of a code block whose fence gives none, or whose label is too general.

Pygments' ``guess_lexer`` asks every lexer how much a text looks like its language and trusts the
loudest; on short tutorial snippets that is right a few times in a hundred. This module instead
weighs hand-picked evidence (:mod:`mdread.render.code.detect_rules`) for a fixed set of languages that
Markdown articles actually contain, and answers with a Pygments alias. It reads a bounded prefix of
the block so that a 5 MB paste costs the same as a screenful, and it imports nothing heavy.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mdread.render.code.detect_rules import ALIASES, DIALECTS, FAMILIES, PRIORITY, RULES, TRAITS, Kind, Rule

MAX_CHARS = 1536
"""How much of a block is read. Its opening (imports, headers, the first statements) says what it
is: on long blocks built from the dev set, reading more changed no answer but cost ~1.5 ms per KB."""
MAX_LINES = 100

_PROSE_BANNED = frozenset("{}[]<>=;$|\\`#*_~")


@dataclass(frozen=True)
class _Block:
    """The part of a code block the rules read: normalised, dedented and bounded."""

    text: str
    lines: tuple[str, ...]
    complete: bool
    folded: str


def detect(code: str) -> str | None:
    """The language of an unlabeled code block, as a Pygments alias from :data:`PRIORITY`.

    Plain prose, program output and anything unrecognisable come back as ``"text"``, so callers
    can always hand the answer to Pygments.

    Args:
        code: The block's content, of any size; only its first :data:`MAX_CHARS` characters
            (and :data:`MAX_LINES` lines) are read.

    Returns:
        The language, or None when ``code`` is empty or only whitespace (nothing to judge).
    """
    if not code or code.isspace():
        return None
    block = _prepare(code)
    if block is None:
        return "text"
    points = _evaluate(block)
    scores = dict.fromkeys(PRIORITY, 0.0)
    for rule, value in points:
        for lang in rule.langs:
            scores[lang] += value
    best = max(PRIORITY, key=scores.__getitem__)
    base = max(FAMILIES.get(best, (best,)), key=scores.__getitem__)
    return _resolve(base, _traits(points))


def suggest(language: str, code: str) -> str | None:
    """A more specific dialect than ``language`` when the code plainly shows one.

    Authors label CUDA as ``cpp``, TypeScript as ``js`` and shell sessions as ``bash``; Pygments
    then highlights ``<<<grid, block>>>``, type annotations or prompts wrongly. Only those
    refinements are offered (see :data:`~mdread.render.code.detect_rules.DIALECTS`): a label is never
    contradicted, merely sharpened, and only on strong evidence.

    Args:
        language: The fence's label, in any common spelling (``c++``, ``js``, ``sh`` …).
        code: The block's content.

    Returns:
        The canonical dialect name, or None when the label already fits.
    """
    label = _canonical(language)
    if not any(label in sources for sources, _, _ in DIALECTS) or not code or code.isspace():
        return None
    block = _prepare(code)
    if block is None:
        return None
    better = _resolve(label, _traits(_evaluate(block, frozenset(_TRAIT_OF))))
    return None if better == label else better


def _canonical(language: str) -> str:
    """A fence label's first word, lower-cased, with common spellings folded (``c++`` → ``cpp``)."""
    words = language.strip().strip("{}.").lower().split()
    key = words[0].lstrip(".") if words else ""
    return ALIASES.get(key, key)


_TRAIT_OF = {group: name for name, (group, _) in TRAITS.items()}


def _resolve(label: str, traits: dict[str, float]) -> str:
    """``label`` sharpened to the first dialect whose traits all reach their floors."""
    shown = {name for name, (_, floor) in TRAITS.items() if traits.get(name, 0.0) >= floor}
    for sources, needed, dialect in DIALECTS:
        if label in sources and needed <= shown:
            return dialect
    return label


def _traits(points: list[tuple[Rule, float]]) -> dict[str, float]:
    found: dict[str, float] = {}
    for rule, value in points:
        name = _TRAIT_OF.get(rule.langs)
        if name is not None:
            found[name] = found.get(name, 0.0) + value
    return found


def _prepare(code: str) -> _Block | None:
    """The bounded, newline-normalised, dedented prefix of ``code``; None if it holds only blanks.

    Dedenting lets line-anchored rules (``FROM``, ``diff --git``) work on a block indented as a whole.
    """
    head = code[: MAX_CHARS + 1]
    complete = len(head) <= MAX_CHARS
    lines = head[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_LINES:
        lines, complete = lines[:MAX_LINES], False
    filled = [line.rstrip() for line in lines if line.strip()]
    if not filled:
        return None
    margin = min(len(line) - len(line.lstrip()) for line in filled)
    if margin and len({line[:margin] for line in filled}) == 1:
        lines = [line[margin:] for line in lines]
        filled = [line[margin:] for line in filled]
    text = "\n".join(lines).strip("\n")
    return _Block(text, tuple(filled), complete, text.lower())


@dataclass(frozen=True)
class _Compiled:
    """A rule ready to run: its regex, and the literals that let it be skipped without a scan."""

    rule: Rule
    pattern: re.Pattern[str] | None
    needles: frozenset[str] | None
    folded: bool


@functools.cache
def _compiled(groups: frozenset[tuple[str, ...]] | None = None) -> tuple[_Compiled, ...]:
    """The rules ready to run, or only those of ``groups``: a dialect check needs a few, not all 190."""
    compiled = []
    for rule in RULES:
        if groups is not None and rule.langs not in groups:
            continue
        if rule.kind is Kind.PROBE:
            compiled.append(_Compiled(rule, None, None, False))
            continue
        pattern = re.compile(rule.pattern, re.MULTILINE)
        folded = bool(pattern.flags & re.IGNORECASE)
        needles = _needles(rule.pattern)
        if needles is not None and folded:
            needles = frozenset(needle.lower() for needle in needles)
        compiled.append(_Compiled(rule, pattern, needles, folded))
    return tuple(compiled)


def _needles(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains, or None when none are known.

    A regex that cannot start with a literal (``\\b(int|void)``, ``^\\s*def``) makes ``re`` try every
    position of the text, and ~200 such scans of 2 KB cost ~6 ms. ``needle in text`` is a fast
    C search, so a rule whose needles are all absent is skipped; most rules are, for most blocks.
    Uses the ``re`` module's parser, which is private: without it, every rule simply scans.
    """
    try:
        from re import _constants as sre
        from re import _parser as parser

        return _required(parser.parse(pattern), sre)
    except (ImportError, AttributeError, re.error):
        return None


def _required(items: Iterable[tuple[Any, Any]], sre: Any) -> frozenset[str] | None:
    """The needle set of a parsed regex sequence: the best one among its parts (longest shortest needle)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, arg in items:
        if op == sre.LITERAL:
            run.append(chr(arg))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        if op == sre.SUBPATTERN:
            consider(_required(arg[-1], sre))
        elif op == sre.ATOMIC_GROUP:
            consider(_required(arg, sre))
        elif op == sre.BRANCH:
            options = [_required(branch, sre) for branch in arg[1]]
            if all(options):
                consider(frozenset().union(*options))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            consider(_required(arg[2], sre))
    if run:
        consider(frozenset(["".join(run)]))
    return best


def _evaluate(block: _Block, groups: frozenset[tuple[str, ...]] | None = None) -> list[tuple[Rule, float]]:
    """The points each rule (or each rule of ``groups``) awards ``block``, leaving out the zeros."""
    points: list[tuple[Rule, float]] = []
    for entry in _compiled(groups):
        rule, pattern = entry.rule, entry.pattern
        if entry.needles is not None:
            haystack = block.folded if entry.folded else block.text
            if not any(needle in haystack for needle in entry.needles):
                continue
        if pattern is None:
            value = rule.weight * _PROBES[rule.pattern](block)
        elif rule.kind is Kind.SHARE:
            value = rule.weight * sum(1 for line in block.lines if pattern.match(line)) / len(block.lines)
        else:
            value = rule.weight * sum(1 for _ in itertools.islice(pattern.finditer(block.text), rule.cap))
        if value:
            points.append((rule, value))
    return points


def _json_strict(block: _Block) -> float:
    """1 when the whole block parses as a JSON object or array: no other language does that."""
    if not block.complete or block.text.lstrip()[:1] not in ("{", "["):
        return 0.0
    import json

    try:
        json.loads(block.text)
    except ValueError:
        return 0.0
    return 1.0


_DIFF_HEADERS = ("diff ", "index ", "--- ", "+++ ", "@@", "Index: ", "====", "new file", "deleted file",
                 "similarity", "rename ", "Binary files", "\\ No newline")  # fmt: skip


def _diff_shape(block: _Block) -> float:
    """1 when every line is a diff line and both an addition and a removal are present."""
    added = removed = False
    for line in block.lines:
        if line.startswith(_DIFF_HEADERS):
            continue
        if line[0] == "+":
            added = True
        elif line[0] == "-":
            removed = True
        elif line[0] != " ":
            return 0.0
    return 1.0 if added and removed else 0.0


def _prose(block: _Block) -> float:
    """The share of lines that read as natural language: words, few digits, no code punctuation."""
    wordy = 0
    for line in block.lines:
        body = line.replace(" ", "")
        if len(line.split()) < 2 or _PROSE_BANNED.intersection(body):
            continue
        if sum(ch.isalpha() for ch in body) >= 0.7 * len(body):
            wordy += 1
    return wordy / len(block.lines)


_PROBES: dict[str, Callable[[_Block], float]] = {
    "json_strict": _json_strict,
    "diff_shape": _diff_shape,
    "prose": _prose,
    "always": lambda _block: 1.0,
}
