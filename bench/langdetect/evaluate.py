"""Leave-one-source-out evaluation of language detection, against the other detectors at hand.

For each source of the corpus (``build_corpus.py``), a model is trained on every other source
(``train.fit``) and mdread's whole detector — token model, grammar check, abstention, dialects —
answers each snippet of the source left out. Every snippet is thus answered by a model that never
saw its source. The other detectors (``peers.py``: mdread's rule table before the model, Pygments'
``guess_lexer``, highlight.js) are not trained here, so they answer every snippet as is.

Dialects are scored as their language (cuda as cpp, tsx as typescript, jsx as javascript, console
as bash), as the corpus labels them. A "text" answer is mdread declining to guess: it counts as
wrong for accuracy, and "precision" is the share right among the answers that were not "text".

Run ``python bench/langdetect/evaluate.py``; it writes ``RESULTS.md`` beside this file.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from train import CORPUS, Example, fit, read  # noqa: E402

from mdread.render.code import detect  # noqa: E402
from mdread.render.code.detect_model import features  # noqa: E402

FOLD = {"cuda": "cpp", "tsx": "typescript", "jsx": "javascript", "console": "bash"}
PEERS = ("before", "pygments", "highlightjs")
TITLES = {"after": "mdread (model)", "before": "mdread (rules, before)", "pygments": "Pygments `guess_lexer`",
          "highlightjs": "highlight.js `highlightAuto`"}  # fmt: skip
MIN_SHOWN = 20
"""Languages with fewer held-out snippets are listed but not discussed."""


@dataclass
class Answer:
    """mdread's answer for one held-out snippet and the model's confidence in it."""

    language: str
    model: str
    score: float
    margin: float


def leave_one_out(examples: list[Example]) -> list[Answer]:
    """mdread's answer for every snippet, each from a model trained without the snippet's source."""
    found = [features(example.text) for example in examples]
    answers: list[Answer | None] = [None] * len(examples)
    for source in sorted({example.source for example in examples}):
        train = [i for i, example in enumerate(examples) if example.source != source]
        model = fit([examples[i] for i in train], [found[i] for i in train])
        for i, example in enumerate(examples):
            if example.source == source:
                text = detect._prepare(example.text)
                verdict = detect.classify(text, model)
                language = verdict.language if verdict.confident else detect.PLAIN
                refined = detect._refine(language, text)
                answers[i] = Answer(FOLD.get(refined, refined), verdict.language, verdict.score, verdict.margin)
        print(f"  {source}: done", file=sys.stderr, flush=True)
    return [answer for answer in answers if answer is not None]


def _rate(right: int, total: int) -> str:
    return f"{right / total:.1%}" if total else "–"


def report(examples: list[Example], answers: dict[str, list[str]]) -> str:
    labels = [example.label for example in examples]
    by_source = Counter(example.source for example in examples)
    names = [name for name in ("after", *PEERS) if name in answers]
    lines = [
        "# Language detection: leave-one-source-out results",
        "",
        f"{len(examples)} snippets in {len(set(labels))} languages from {len(by_source)} independent sources "
        f"({', '.join(f'{s} {n}' for s, n in sorted(by_source.items()))}); see `build_corpus.py` for the "
        "repositories and commits. mdread's model answers each source trained on the others only.",
        "",
        "## Overall",
        "",
        "| detector | accuracy | answered | precision of answers |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in names:
        got = answers[name]
        right = sum(a == y for a, y in zip(got, labels, strict=True))
        pairs = list(zip(got, labels, strict=True))
        answered = [(a, y) for a, y in pairs if a not in (detect.PLAIN, "none") or y == detect.PLAIN]
        lines.append(f"| {TITLES[name]} | {_rate(right, len(labels))} | {_rate(len(answered), len(labels))} | "
                     f"{_rate(sum(a == y for a, y in answered), len(answered))} |")
    lines += ["", "Accuracy per source left out (mdread's model):", ""]
    for source in sorted(by_source):
        pairs = [(a, e.label) for a, e in zip(answers["after"], examples, strict=True) if e.source == source]
        lines.append(f"- {source}: {_rate(sum(a == y for a, y in pairs), len(pairs))} of {len(pairs)}")
    lines += ["", "## Per language", "", "| language | n | " + " | ".join(TITLES[n] for n in names) + " |",
              "| --- | ---: |" + " ---: |" * len(names)]
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
              "| true | answered | n | share of true |", "| --- | --- | ---: | ---: |"]
    for (y, a), n in confusions.most_common(40):
        lines.append(f"| {y} | {a} | {n} | {n / totals[y]:.1%} |")
    abstained = Counter(
        y for a, y in zip(answers["after"], labels, strict=True) if a == detect.PLAIN and y != detect.PLAIN
    )
    lines += ["", f"Left plain (`text`) though code: {sum(abstained.values())} snippets, most of them "
              + ", ".join(f"{label} {n}" for label, n in abstained.most_common(8)) + "."]
    return "\n".join(lines) + "\n"


def timings(examples: list[Example]) -> str:
    """Load time of the shipped model and time per block on a sample of the corpus (median of 3)."""
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
            f"p90 {cpu[int(0.9 * len(cpu))]:.2f} ms, max {cpu[-1]:.2f} ms\n")


def main() -> None:
    examples = read(CORPUS)
    after = leave_one_out(examples)
    answers = {"after": [a.language for a in after]}
    for name in PEERS:
        path = CORPUS.parent / f"peers-{name}.json"
        if path.exists():
            answers[name] = [FOLD.get(a, a) for a in json.loads(path.read_text(encoding="utf-8"))]
    verdicts = [(a.model, round(a.score, 4), round(a.margin, 4)) for a in after]
    (CORPUS.parent / "verdicts-after.json").write_text(json.dumps(verdicts), encoding="utf-8")
    text = report(examples, answers) + timings(examples)
    print(text, end="")
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
