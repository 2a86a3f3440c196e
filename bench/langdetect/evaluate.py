"""Measure :func:`mdread.render.code.detect.detect` against Pygments' ``guess_lexer`` on the held-out corpus.

The corpus (``corpus/<language>/NN.txt``, the folder being the label) was written before the
detector's rules and is never tuned on; the dev set the rules are tuned on lives in
``tests/fixtures/langdetect``. Snippets are ``.txt`` so that linters leave their deliberately
partial code alone.

Run ``python bench/langdetect/evaluate.py``; it prints the table and writes ``RESULTS.md`` beside
this file.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from mdread.render.code.detect import detect  # noqa: E402

PYGMENTS_TO_CANONICAL: dict[str, str] = {
    "python": "python", "python2": "python", "numpy": "python", "cython": "python",
    "javascript": "javascript", "js": "javascript", "typescript": "typescript", "tsx": "tsx", "jsx": "jsx",
    "c": "c", "cpp": "cpp", "cuda": "cuda", "java": "java", "go": "go", "rust": "rust",
    "bash": "bash", "sh": "bash", "zsh": "bash", "ksh": "bash", "tcsh": "bash", "shell": "bash",
    "console": "console", "shell-session": "console", "tcshcon": "console", "ps1con": "console",
    "doscon": "console", "sql": "sql", "mysql": "sql", "postgresql": "sql", "psql": "sql", "tsql": "sql",
    "sqlite3": "sql", "plpgsql": "sql", "yaml": "yaml", "json": "json", "json-object": "json", "jsonld": "json",
    "json5": "json", "toml": "toml", "html": "html", "css": "css", "docker": "docker", "markdown": "markdown",
    "diff": "diff", "text": "text",
}  # fmt: skip
"""Pygments' first alias → the corpus label, read generously: any SQL dialect counts as sql, any
shell as bash, any template-flavoured HTML or C++ lexer (see :func:`_canonical`) as html or cpp."""

NEAR: dict[str, frozenset[str]] = {
    "html": frozenset({"xml"}),
    "toml": frozenset({"ini"}),
    "console": frozenset({"bash"}),
    "cuda": frozenset({"cpp"}),
    "tsx": frozenset({"typescript"}),
    "typescript": frozenset({"javascript"}),
}
"""Answers that are wrong but still highlight a language passably (XML for HTML, INI for TOML …);
the "near" columns count them as right, for both detectors alike."""


@dataclass
class Outcome:
    """One snippet's answers and the time detect took on it."""

    label: str
    path: Path
    ours: str | None
    theirs: str
    cpu: float
    wall: float


def _timed(code: str) -> tuple[str | None, float, float]:
    """detect's answer and its median CPU and wall time over five runs, in seconds.

    CPU time is the detector's own cost; wall time also counts whatever else the machine runs,
    which on a shared 2-core box can triple it.
    """
    cpu, wall = [], []
    for _ in range(5):
        cpu_start, wall_start = time.thread_time(), time.perf_counter()
        found = detect(code)
        cpu.append(time.thread_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
    return found, statistics.median(cpu), statistics.median(wall)


def _canonical(lexer: object) -> str:
    alias = lexer.aliases[0] if lexer.aliases else lexer.name.lower()
    if alias in PYGMENTS_TO_CANONICAL:
        return PYGMENTS_TO_CANONICAL[alias]
    if "C++" in lexer.name:
        return "cpp"
    if alias.startswith("html+") or alias.endswith("+html"):
        return "html"
    return alias


def run(corpus: Path) -> list[Outcome]:
    """Both detectors on every snippet; detect is warmed up first so its rule compilation is not timed."""
    from pygments.lexers import guess_lexer

    detect("warm up")
    outcomes = []
    for path in sorted(corpus.glob("*/*.txt")):
        code = path.read_text(encoding="utf-8")
        ours, cpu, wall = _timed(code)
        outcomes.append(Outcome(path.parent.name, path, ours, _canonical(guess_lexer(code)), cpu, wall))
    return outcomes


def long_blocks(corpus: Path) -> list[tuple[str, int, str | None, float, float]]:
    """Each language's snippets joined into one long block: (label, size, answer, CPU s, wall s).

    The held-out snippets are short; these show the cost when a block outgrows the bounded prefix.
    """
    results = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        code = "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
        results.append((folder.name, len(code), *_timed(code)))
    return results


def _spread(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):.2f} ms, p99 {p99:.2f} ms, max {ms[-1]:.2f} ms"


def report(outcomes: list[Outcome], long: list[tuple[str, int, str | None, float, float]]) -> str:
    """The Markdown results: per-language accuracy of both, overall, timing, and every miss of detect."""
    total, ours_ok, theirs_ok, ours_near, theirs_near = Counter(), Counter(), Counter(), Counter(), Counter()
    for o in outcomes:
        near = NEAR.get(o.label, frozenset()) | {o.label}
        total[o.label] += 1
        ours_ok[o.label] += o.ours == o.label
        theirs_ok[o.label] += o.theirs == o.label
        ours_near[o.label] += o.ours in near
        theirs_near[o.label] += o.theirs in near
    n = len(outcomes)
    rows = [
        "# Language detection: held-out results",
        "",
        f"{n} unlabeled snippets in {len(total)} languages (`corpus/`), never used for tuning.",
        "",
        "| language | n | `detect` | `detect`, near | Pygments `guess_lexer` | `guess_lexer`, near |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    columns = (ours_ok, ours_near, theirs_ok, theirs_near)
    rows += [
        f"| {lang} | {total[lang]} | " + " | ".join(f"{c[lang] / total[lang]:.0%}" for c in columns) + " |"
        for lang in sorted(total)
    ]
    rows += [
        f"| **overall** | **{n}** | " + " | ".join(f"**{sum(c.values()) / n:.1%}**" for c in columns) + " |",
        "",
        '"near" also accepts an answer that highlights passably: '
        + ", ".join(f"{', '.join(sorted(alts))} for {lang}" for lang, alts in NEAR.items())
        + ".",
        "",
        f"`detect` time per block, median of 5 runs each (Python {sys.version.split()[0]}):",
        "",
        f"- CPU: {_spread([o.cpu for o in outcomes])}",
        f"- wall: {_spread([o.wall for o in outcomes])}",
        "",
        f"Long blocks, each language's snippets joined ({min(size for _, size, *_ in long)}–"
        f"{max(size for _, size, *_ in long)} characters; {sum(label == found for label, _, found, *_ in long)}"
        f"/{len(long)} detected as their language):",
        "",
        f"- CPU: {_spread([cpu for *_, cpu, _ in long])}",
        f"- wall: {_spread([wall for *_, wall in long])}",
        "",
        "## Misses of `detect`",
        "",
    ]
    misses = [o for o in outcomes if o.ours != o.label]
    rows += [f"- `{o.path.parent.name}/{o.path.name}`: {o.label} → {o.ours}" for o in misses] or ["None."]
    return "\n".join(rows) + "\n"


def main() -> None:
    text = report(run(HERE / "corpus"), long_blocks(HERE / "corpus"))
    print(text, end="")
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
