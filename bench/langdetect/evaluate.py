"""Leave-one-source-out evaluation of language detection, against the other detectors at hand.

For each source of the corpus (``build_corpus.py``), a model is trained on every other source
(``train.fit``) and mdread's whole detector — token model, grammar check, the decisions between
near relatives, abstention, dialects — answers each snippet of the source left out. Every snippet
is thus answered by a model that never saw its source. The ``blogs`` source (real blog posts'
fences) was kept out of every experiment while the detector was developed: its fold is reported
on its own as the untouched check. The other detectors (``peers.py``: mdread's rule table before
the model, Pygments' ``guess_lexer``, highlight.js on a sample) are not trained here, so they
answer every snippet as is.

Dialects are scored as their language (cuda as cpp, tsx as typescript, jsx as javascript, console
as bash), as the corpus labels them. A "text" answer is mdread declining to guess: it counts as
wrong for accuracy (unless the snippet is text), and "precision" is the share right among the
other answers.

The machine this runs on may be shared: lexing is done once for all folds, the grammars' verdicts
come from the cache ``train.py`` keeps, and a progress line is printed per fold.

Run ``python bench/langdetect/evaluate.py``; it writes ``RESULTS.md`` beside this file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from peers import answers_for  # noqa: E402
from train import CORPUS, LANGUAGES, Example, ShareCache, fit, read  # noqa: E402

from mdread.render.code import detect  # noqa: E402
from mdread.render.code.detect_model import lex  # noqa: E402

FOLD = {"cuda": "cpp", "tsx": "typescript", "jsx": "javascript", "console": "bash"}
HELD_OUT = "blogs"
PEERS = ("before", "pygments", "highlightjs")
TITLES = {"after": "mdread (model)", "before": "mdread (rules, before)", "pygments": "Pygments `guess_lexer`",
          "highlightjs": "highlight.js `highlightAuto`"}  # fmt: skip


@dataclass(frozen=True)
class Answer:
    """mdread's answer for one held-out snippet, and the model's verdict behind it."""

    language: str
    model: str
    lead: float


def leave_one_out(examples: Sequence[Example], shares: ShareCache) -> list[Answer]:
    """mdread's answer for every snippet, each from a model trained without the snippet's source."""
    lexed = [lex(detect.prepare(example.text)) for example in examples]
    answers: list[Answer | None] = [None] * len(examples)
    sources = sorted({example.source for example in examples})
    for number, source in enumerate(sources, 1):
        start = time.monotonic()
        train = [i for i, example in enumerate(examples) if example.source != source]
        model = fit([examples[i] for i in train], [lexed[i] for i in train], shares=shares)
        right = 0
        for i, example in enumerate(examples):
            if example.source != source:
                continue
            known = shares(example)
            text = detect.prepare(example.text)
            verdict = detect.classify(text, model, lambda _, names, k=known: {n: k[n] for n in names if n in k})
            refined = detect._refine(verdict.language if verdict.confident else detect.PLAIN, text)
            answers[i] = Answer(FOLD.get(refined, refined), verdict.language, verdict.lead)
            right += answers[i].language == example.label
        held = sum(1 for example in examples if example.source == source)
        print(f"  fold {number}/{len(sources)} {source}: {held} snippets, {right / held:.1%} right "
              f"({time.monotonic() - start:.0f} s)", file=sys.stderr, flush=True)  # fmt: skip
    shares.save()
    return [answer for answer in answers if answer is not None]


def _rate(right: int, total: int) -> str:
    return f"{right / total:.1%}" if total else "–"


def overall(labels: Sequence[str], got: Sequence[str]) -> tuple[int, int, int]:
    """(right, answered with a language, right among those) for one detector."""
    pairs = list(zip(got, labels, strict=True))
    answered = [(a, y) for a, y in pairs if a not in (detect.PLAIN, "none")]
    return sum(a == y for a, y in pairs), len(answered), sum(a == y for a, y in answered)


def report(examples: Sequence[Example], answers: dict[str, list[str]], sample: Sequence[int]) -> str:
    labels = [example.label for example in examples]
    by_source = Counter(example.source for example in examples)
    names = [name for name in ("after", *PEERS) if name in answers and name != "highlightjs"]
    lines = [
        "# Language detection: leave-one-source-out results",
        "",
        f"{len(examples)} snippets in {len(set(labels))} languages from {len(by_source)} independent sources "
        f"({', '.join(f'{s} {n}' for s, n in sorted(by_source.items()))}); see `build_corpus.py` for the "
        "repositories and commits. mdread's model answers each source trained on the others only.",
        "",
        "## Overall",
        "",
        "| detector | accuracy | answered with a language | precision of those |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in names:
        right, answered, precise = overall(labels, answers[name])
        lines.append(f"| {TITLES[name]} | {_rate(right, len(labels))} | {_rate(answered, len(labels))} | "
                     f"{_rate(precise, answered)} |")  # fmt: skip
    if "highlightjs" in answers:
        picked = [labels[i] for i in sample]
        lines += ["", f"On a sample of {len(sample)} snippets (every {len(labels) // max(1, len(sample))}th), "
                  "where highlight.js also answered:", "",
                  "| detector | accuracy | answered with a language | precision of those |",
                  "| --- | ---: | ---: | ---: |"]  # fmt: skip
        for name in ("after", "highlightjs"):
            got = [answers[name][i] for i in sample]
            right, answered, precise = overall(picked, got)
            lines.append(f"| {TITLES[name]} | {_rate(right, len(picked))} | {_rate(answered, len(picked))} | "
                         f"{_rate(precise, answered)} |")  # fmt: skip
    lines += ["", "Accuracy per source left out (mdread's model):", ""]
    for source in sorted(by_source):
        pairs = [(a, e.label) for a, e in zip(answers["after"], examples, strict=True) if e.source == source]
        note = " — kept out of development: the untouched check" if source == HELD_OUT else ""
        lines.append(f"- {source}: {_rate(sum(a == y for a, y in pairs), len(pairs))} of {len(pairs)}{note}")
    lines += ["", "## Per language", "", "| language | n | " + " | ".join(TITLES[n] for n in names) + " |",
              "| --- | ---: |" + " ---: |" * len(names)]  # fmt: skip
    totals = Counter(labels)
    for label in sorted(totals):
        cells = [
            _rate(sum(1 for a, y in zip(answers[n], labels, strict=True) if y == label == a), totals[label])
            for n in names
        ]
        lines.append(f"| {label} | {totals[label]} | " + " | ".join(cells) + " |")
    confusions: Counter[tuple[str, str]] = Counter(
        (y, a) for a, y in zip(answers["after"], labels, strict=True) if a != y
    )
    lines += ["", "## Confusions of mdread's model (true → answered, the 40 most frequent)", "",
              "| true | answered | n | share of true |", "| --- | --- | ---: | ---: |"]  # fmt: skip
    for (y, a), n in confusions.most_common(40):
        lines.append(f"| {y} | {a} | {n} | {n / totals[y]:.1%} |")
    abstained = Counter(
        y for a, y in zip(answers["after"], labels, strict=True) if a == detect.PLAIN and y != detect.PLAIN
    )
    lines += ["", f"Left plain (`text`) though code: {sum(abstained.values())} snippets, most of them "
              + ", ".join(f"{label} {n}" for label, n in abstained.most_common(8)) + "."]  # fmt: skip
    return "\n".join(lines) + "\n"


def timings(examples: Sequence[Example]) -> str:
    """Load time of the shipped model and CPU time per block on a sample of the corpus (median of 3)."""
    start = time.process_time()
    detect.detect("x = 1\n")
    load = time.process_time() - start
    sample = examples[:: max(1, len(examples) // 2000)]
    cpu = []
    for example in sample:
        runs = []
        for _ in range(3):
            t = time.process_time()
            detect.detect(example.text)
            runs.append(time.process_time() - t)
        cpu.append(statistics.median(runs) * 1000)
    cpu.sort()
    return (f"\n## Speed (shipped model, CPU time, Python {sys.version.split()[0]})\n\n"
            f"- first call (loads the model and the grammars it needs): {load * 1000:.0f} ms\n"
            f"- per block, {len(sample)} corpus snippets: median {statistics.median(cpu):.2f} ms, "
            f"p90 {cpu[int(0.9 * len(cpu))]:.2f} ms, max {cpu[-1]:.2f} ms\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    parser.add_argument("--without", action="append", default=[], help="leave a source out entirely")
    args = parser.parse_args()
    examples = [example for example in read(args.corpus, LANGUAGES) if example.source not in args.without]
    shares = ShareCache(args.corpus.parent / "parse-cache.pkl")
    after = leave_one_out(examples, shares)
    answers = {"after": [a.language for a in after]}
    sample: list[int] = []
    for name in PEERS:
        found = answers_for(name, [example.text for example in examples])
        if found is not None:
            answers[name] = [FOLD.get(a, a) if a is not None else "none" for a in found]
            if name == "highlightjs":
                sample = [i for i, a in enumerate(found) if a is not None]
    verdicts = [(a.language, a.model, round(a.lead, 3)) for a in after]
    (args.corpus.parent / "verdicts-after.json").write_text(json.dumps(verdicts), encoding="utf-8")
    text = report(examples, answers, sample)
    print(text, end="", flush=True)
    if not args.no_write:
        text += timings(examples)
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
