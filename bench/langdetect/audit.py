"""Score the detectors against labels checked by reading each snippet, on samples of the corpus.

The corpus takes each snippet's label from its file or its fence, and a label is not always what
the text shows: program output fenced as ``bash``, a piece of a TypeScript file that is plain
JavaScript, a piece that is only comments, Flow-typed code fenced as ``javascript``. Against such
labels no detector can be right, so accuracy against them has a ceiling below 100 %.

``audit.jsonl`` holds readings of snippets, each read under ``AUDIT_RUBRIC`` without seeing any
detector's answer, by language-model helpers (one reader a snippet, eight working side by side;
a sample of their readings was checked by an engineer): *right* (the text is in its labelled
language and shows it), *ambiguous* (consistent with its label, but nothing in it rules out some
other languages, which are listed), or *wrong* (the text is in another language, or is output or
prose: ``text``). 1,200 were drawn at random from the corpus (``draw`` "random", seed 20261130);
1,000 more were drawn apart (``draw`` "apart", seed 20261131): 800 among the snippets whose
recorded answer did not match their label, where the readings and the labels part most, and 200
among those whose answer did. Each row is keyed by the snippet's hash (``peers._key``), so it
survives a rebuild of the corpus, and says which of the two groups it was drawn from
(``matched``; ``audit-design.json`` sizes the groups).

This script scores the answers ``evaluate.py`` recorded (each from a model that never saw the
snippet's source) and the peers' answers on the random draw: against the corpus labels, against
the languages the reading accepts, and with ``text`` also accepted where the reading found the
snippet ambiguous (the issue asks for plain text when unsure). For mdread it also estimates the
accuracy over the whole corpus against the reading, from both draws, by weighting the answers
that match their label and those that do not by their counts in the corpus. It writes
``AUDIT.md``. The groups are those of the run the readings were drawn from, so a rerun or a
changed detector is scored by the same readings. The first draw's readers were not told how to
take plain JavaScript (C) under its own label; 52 of its readings called it ambiguous with
TypeScript (C++) and were set to *right*, the convention the second draw's readers were given.

Run ``python bench/langdetect/audit.py`` after ``evaluate.py``.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import FOLD, TITLES  # noqa: E402
from peers import _key, answers_for  # noqa: E402
from train import CORPUS, LANGUAGES, read  # noqa: E402

from mdread.render.code.languages import PLAIN  # noqa: E402

AUDIT = HERE / "audit.jsonl"
DESIGN = HERE / "audit-design.json"
"""For each label, how many answers matched it and how many did not in the run the readings were
drawn from: the sizes of the groups the second draw sampled apart."""
AUDIT_RUBRIC = """\
- *right*: the text is in the labelled language and shows something that tells it from every other
  language the model names (a keyword, a construct, a library only it has);
- *ambiguous*: consistent with the label, but nothing rules out some others (a piece that is only
  comments; `x = 1`; plain JavaScript labelled TypeScript; plain C labelled C++; prose labelled
  Markdown without Markdown's syntax; Flow- or TypeScript-annotated code labelled JavaScript): the
  label and every language it could equally be are accepted;
- *wrong*: the text is not in its labelled language (output or a log fenced as `bash` is `text`;
  a script in another language is that language; code in a language the model does not name is
  `text`): what it is is accepted.

Plain JavaScript labelled `javascript` and plain C labelled `c` are *right*; a shell session (a
prompt and commands) is `bash`; a comment naming a language is a claim, not evidence."""


@dataclass(frozen=True)
class Reading:
    """One audited snippet: its source and label in the corpus, and what its reader accepted."""

    source: str
    label: str
    verdict: str
    languages: frozenset[str]
    draw: str
    matched: bool
    """Whether mdread's answer matched the label in the run the readings were drawn from."""


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson interval of a proportion: a sample of 1,200 is not the corpus."""
    if not total:
        return 0.0, 0.0
    p = right / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - half, centre + half


def scores(readings: list[Reading], answers: list[str]) -> tuple[int, int, int]:
    """Right against the corpus labels, against the reading, and with ``text`` for the ambiguous."""
    labelled = sum(a == r.label for a, r in zip(answers, readings, strict=True))
    read_ = sum(a in r.languages for a, r in zip(answers, readings, strict=True))
    lenient = sum(a in r.languages or (a == PLAIN and r.verdict == "ambiguous")
                  for a, r in zip(answers, readings, strict=True))  # fmt: skip
    return labelled, read_, lenient


def _cell(right: int, total: int) -> str:
    low, high = wilson(right, total)
    return f"{right / total:.1%} ({low:.1%}–{high:.1%})"


def estimate(strata: dict[str, tuple[int, int, int]]) -> tuple[float, float]:
    """A stratified estimate of a proportion and its 95 % half-width.

    ``strata`` maps each stratum to (its size in the corpus, snippets read in it, of those right).
    Reading is done without replacement, so each stratum's variance is scaled by the share of it
    left unread."""
    total = sum(size for size, _, _ in strata.values())
    value = variance = 0.0
    for size, read_, right in strata.values():
        if not size:
            continue
        p = right / read_
        weight = size / total
        value += weight * p
        variance += weight * weight * p * (1 - p) / read_ * max(0.0, 1 - read_ / size)
    return value, 1.96 * math.sqrt(variance)


def stratified(readings: list[Reading], answers: list[str], sizes: Counter[tuple[str, bool]],
               accept: Callable[[str, Reading], bool], label: str | None = None) -> tuple[float, float, bool]:
    """mdread's accuracy over the whole corpus (or one label's snippets) against the reading.

    The groups are those the readings were drawn from (``Reading.matched``, sized by ``DESIGN``),
    each estimated from its own readings and weighted by its size; ``answers`` may come from a
    later run or a changed detector, since only the drawing fixed the groups. Returns the
    estimate, its 95 % half-width, and whether it is only a floor: where a label's unmatched
    group was read too few times to say, none of it is counted right."""
    strata = {}
    floor = False
    for agrees in (True, False):
        picked = [(a, r) for a, r in zip(answers, readings, strict=True) if r.matched == agrees]
        if label is not None:
            own = [(a, r) for a, r in picked if r.label == label]
            picked = own if len(own) >= MIN_READ or not agrees else picked
        size = sum(n for (name, agreed), n in sizes.items() if agreed == agrees and label in (None, name))
        right = sum(accept(a, r) for a, r in picked)
        if size and len(picked) < (1 if label is None else MIN_READ):
            picked, right, floor = [("", None)] * max(1, len(picked)), 0, True
        strata[str(agrees)] = (size, len(picked), right)
    return (*estimate(strata), floor)


MIN_READ = 20
"""Fewer readings than this in a label's stratum say too little: the label's accuracy is not
estimated (where its answers match its label, every label's readings are pooled instead)."""


def in_reading(answer: str, reading: Reading) -> bool:
    return answer in reading.languages


def or_plain(answer: str, reading: Reading) -> bool:
    return answer in reading.languages or (answer == PLAIN and reading.verdict == "ambiguous")


def _range(found: tuple[float, float, bool]) -> str:
    value, half, floor = found
    return f"≥ {value:.1%}" if floor else f"{value:.1%} (±{half:.1%})"


def report(readings: list[Reading], answers: dict[str, list[str]], sizes: Counter[tuple[str, bool]],
           now: Counter[tuple[str, bool]], unread: Counter[str] | None = None) -> str:
    """AUDIT.md: ``sizes`` are the groups the readings were drawn from, ``now`` the same counts for
    the answers scored, ``unread`` the snippets of sources added to the corpus after the drawing."""
    drawn = [r for r in readings if r.draw == "random"]
    got = {name: [a for a, r in zip(found, readings, strict=True) if r.draw == "random"]
           for name, found in answers.items()}  # fmt: skip
    n = len(drawn)
    verdicts = Counter(r.verdict for r in drawn)
    lines = ["# Language detection against labels checked by reading", "",
             f"{len(readings)} of the corpus's snippets, each read under this rubric without any detector's "
             f"answer in view (by language-model helpers, one reader a snippet): {n} drawn at random, then "
             f"{len(readings) - n} more drawn apart among the snippets whose answer from `evaluate.py` did not match "
             "their label and among those whose answer "
             "did (`audit.py` says how and why):", "", AUDIT_RUBRIC, "",
             *(["Sources added to the corpus after the drawing were not read, and the figures below leave them "
                "out: " + ", ".join(f"`{name}` ({count} snippets)" for name, count in sorted(unread.items())) + ".",
                ""] if unread else []),
             f"## The labels, on the {n} drawn at random", "",
             "| reading | snippets | share |", "| --- | ---: | ---: |"]  # fmt: skip
    for verdict in ("right", "ambiguous", "wrong"):
        lines.append(f"| {verdict} | {verdicts[verdict]} | {verdicts[verdict] / n:.1%} |")
    lines += ["", "| source | snippets | right | ambiguous | wrong |", "| --- | ---: | ---: | ---: | ---: |"]
    for source, total in sorted(Counter(r.source for r in drawn).items()):
        shares = Counter(r.verdict for r in drawn if r.source == source)
        lines.append(f"| {source} | {total} | " + " | ".join(f"{shares[v] / total:.0%}" for v in
                                                            ("right", "ambiguous", "wrong")) + " |")
    lines += ["", f"## Accuracy on the {n} drawn at random (95 % intervals)", "",
              "mdread's answers are those `evaluate.py` recorded, each from a model trained without the "
              "snippet's source.", "",
              "| detector | against the corpus labels | against the reading | and `text` where ambiguous |",
              "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for name, found in got.items():
        labelled, read_, lenient = scores(drawn, found)
        lines.append(f"| {TITLES[name]} | {_cell(labelled, n)} | {_cell(read_, n)} | {_cell(lenient, n)} |")
    mdread = answers["after"]
    total = sum(sizes.values())
    agree = sum(n for (_, agreed), n in now.items() if agreed)
    lines += ["", "## mdread over the whole corpus, against the reading (95 % intervals)", "",
              f"Against the corpus labels mdread is right on {agree} of {total} snippets ({agree / total:.1%}). "
              "The readings were drawn from two groups of the run in `audit-design.json`, answers that matched "
              "their label and answers that did not; each group is estimated from its own readings (random and "
              "drawn apart alike) and weighted by its size in the corpus. A label whose unmatched group was read "
              f"fewer than {MIN_READ} times gets a floor (≥): none of that group counted right, as against the "
              "labels.", "",
              "| label | snippets | against the corpus labels | against the reading | and `text` where ambiguous |",
              "| --- | ---: | ---: | ---: | ---: |",
              f"| all | {total} | {agree / total:.1%} | {_range(stratified(readings, mdread, sizes, in_reading))} | "
              f"{_range(stratified(readings, mdread, sizes, or_plain))} |"]  # fmt: skip
    for label in sorted({name for name, _ in sizes}):
        size = sizes[label, True] + sizes[label, False]
        if size < 50:
            continue
        lines.append(f"| {label} | {size} | {now[label, True] / size:.1%} | "
                     f"{_range(stratified(readings, mdread, sizes, in_reading, label))} | "
                     f"{_range(stratified(readings, mdread, sizes, or_plain, label))} |")  # fmt: skip
    missed = Counter((r.verdict, r.label, a) for a, r in zip(mdread, readings, strict=True) if a not in r.languages)
    lines += ["", "## What mdread still misses among all the readings (reading, label → answer)", "",
              "| reading | label | answered | n |", "| --- | --- | --- | ---: |"]  # fmt: skip
    for (verdict, label, answer), count in missed.most_common(30):
        lines.append(f"| {verdict} | {label} | {answer} | {count} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    examples = read(CORPUS, LANGUAGES)
    index = {_key(example.text): i for i, example in enumerate(examples)}
    rows = [json.loads(line) for line in AUDIT.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = [(index[row["key"]], row) for row in rows if row["key"] in index]
    if len(found) < len(rows):
        print(f"{len(rows) - len(found)} audited snippets are no longer in the corpus", file=sys.stderr)
    readings = [Reading(row["source"], row["label"], row["verdict"], frozenset(row["languages"]), row["draw"],
                        row["matched"]) for _, row in found]  # fmt: skip
    verdicts = json.loads((CORPUS.parent / "verdicts-after.json").read_text(encoding="utf-8"))
    design = json.loads(DESIGN.read_text(encoding="utf-8"))
    sizes = Counter({(label, agreed): pair[not agreed] for label, pair in design.items() for agreed in (True, False)})
    answers = {"after": [verdicts[i][0] for i, _ in found]}
    texts = [examples[i].text for i, _ in found]
    for name in ("before", "pygments"):
        got = answers_for(name, texts)
        if got is not None:
            answers[name] = [FOLD.get(a, a) if a else "none" for a in got]
    drawn_from = {reading.source for reading in readings}
    now = Counter((example.label, verdict[0] == example.label)
                  for example, verdict in zip(examples, verdicts, strict=True)
                  if example.source in drawn_from)  # fmt: skip
    unread = Counter(example.source for example in examples if example.source not in drawn_from)
    text = report(readings, answers, sizes, now, unread)
    print(text, end="")
    (HERE / "AUDIT.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
