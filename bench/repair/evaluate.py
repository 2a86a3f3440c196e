"""Score mojibake repair on held-out real text, per language.

Each held-out document (see corpus.py) is damaged exactly as the seed was
(tools/damage.py: UTF-8 read as Windows-1254, undefined bytes and soft
hyphens dropped) and repaired one file at a time, as mdread opens files.

Reported per language:
- lines: damaged lines restored exactly, of the lines the damage changed;
- lossy chars: characters that lost a byte restored exactly (the guesses);
- chars: every character of the damaged lines that was restored exactly;
- ms/KB: repair time per KB of damaged text, model loading included once.

Usage: ``python bench/repair/evaluate.py [--corpus DIR] [--src DIR] [--model FILE] [--json OUT]``,
or ``--compare BEFORE.json [MIDDLE.json ...] AFTER.json`` to tabulate runs side by side.
``--src`` puts another checkout's ``src`` first on the path, which is how the
"before" column was measured from the commit that still used wordfreq.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = Path("/work/corpora/repair/heldout")
DROPPED = frozenset({0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD})


def lossy(char: str) -> bool:
    """Whether the round trip drops one of `char`'s UTF-8 bytes."""
    return any(b in DROPPED for b in char.encode())


def score(original: str, damaged: str, repaired: str) -> dict[str, int]:
    """Count damaged lines and characters, and how many came back exactly."""
    out = dict.fromkeys(("lines", "lines_ok", "lossy", "lossy_ok", "chars", "chars_ok"), 0)
    for before, after, fixed in zip(original.split("\n"), damaged.split("\n"), repaired.split("\n"), strict=True):
        if before == after:
            continue
        out["lines"] += 1
        out["lines_ok"] += before == fixed
        wide = [c for c in before if ord(c) > 127]
        out["chars"] += len(wide)
        out["lossy"] += sum(map(lossy, wide))
        if len(fixed) == len(before):
            pairs = [(a, b) for a, b in zip(before, fixed, strict=True) if ord(a) > 127]
            out["chars_ok"] += sum(a == b for a, b in pairs)
            out["lossy_ok"] += sum(a == b and lossy(a) for a, b in pairs)
    return out


def evaluate(corpus: Path, langs: set[str] | None, model: Path | None = None) -> dict[str, dict[str, float]]:
    """Repair every document of `corpus`; totals per language and per source.

    `model` is a model file to use instead of the shipped ones (for every language).
    """
    sys.path.insert(0, str(ROOT / "tools"))
    from damage import damage

    repair = importlib.import_module("mdread.load.repair").repair
    if model is not None:
        module = importlib.import_module("mdread.load.repair.model")
        loaded = module.Model.load(model)
        module.model = lambda japanese=False: loaded
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for lang_dir in sorted(p for p in corpus.iterdir() if p.is_dir()):
        if langs and lang_dir.name not in langs:
            continue
        for source in sorted(p for p in lang_dir.iterdir() if p.is_dir()):
            for doc in sorted(source.glob("*.md")):
                original = doc.read_text(encoding="utf-8")
                damaged = damage(original)
                start = time.perf_counter()
                result = repair(damaged)
                elapsed = time.perf_counter() - start
                repaired = damaged if result is None else result.text
                for key in (lang_dir.name, f"{lang_dir.name}/{source.name}"):
                    row = totals[key]
                    for name, value in score(original, damaged, repaired).items():
                        row[name] += value
                    row["seconds"] += elapsed
                    row["kb"] += len(damaged.encode()) / 1024
    return {k: dict(v) for k, v in totals.items()}


def table(results: dict[str, dict[str, float]]) -> str:
    """A Markdown table of the rates."""
    rows = ["| text | damaged lines | lines exact | lossy chars exact | chars exact | ms per damaged KB |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for key, r in sorted(results.items()):
        rows.append(
            f"| {key} | {int(r['lines'])} | {100 * r['lines_ok'] / max(r['lines'], 1):.1f} % "
            f"| {100 * r['lossy_ok'] / max(r['lossy'], 1):.2f} % | {100 * r['chars_ok'] / max(r['chars'], 1):.2f} % "
            f"| {1000 * r['seconds'] / max(r['kb'], 1e-9):.2f} |"
        )
    return "\n".join(rows)


def _rate(r: dict[str, float], ok: str, total: str, digits: int = 1) -> str:
    return f"{100 * r[ok] / max(r[total], 1):.{digits}f} %"


def compare(runs: list[dict[str, dict[str, float]]]) -> str:
    """A Markdown table of each language (and source) across runs, oldest first: a → b → **last**."""
    rows = ["| text | damaged lines | lines exact | lossy chars exact | chars exact | ms per damaged KB |",
            "| --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    last = runs[-1]
    for key in sorted(last, key=lambda k: ("/" in k, k)):
        seen = [run[key] for run in runs[:-1] if key in run]
        cells = [("lines_ok", "lines", 1), ("lossy_ok", "lossy", 2), ("chars_ok", "chars", 2)]
        parts = [
            " → ".join([*(_rate(r, ok, n, d) for r in seen), f"**{_rate(last[key], ok, n, d)}**"])
            for ok, n, d in cells
        ]
        speed = " → ".join(f"{1000 * r['seconds'] / max(r['kb'], 1e-9):.1f}" for r in [*seen, last[key]])
        rows.append(f"| {key} | {int(last[key]['lines'])} | {' | '.join(parts)} | {speed} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--src", type=Path, help="a checkout's src directory to import mdread from")
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--model", type=Path, help="a model file to use instead of the shipped ones")
    parser.add_argument("--json", type=Path, help="also write the raw totals here")
    parser.add_argument("--compare", type=Path, nargs="+", metavar="RUN", help="tabulate --json runs, oldest first")
    args = parser.parse_args(argv)
    if args.compare:
        print(compare([json.loads(p.read_text(encoding="utf-8")) for p in args.compare]))
        return
    if args.src is not None:
        sys.path.insert(0, str(args.src.resolve()))
    results = evaluate(args.corpus, set(args.lang or ()), args.model)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
