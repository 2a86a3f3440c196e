"""Hostile shapes against plain prose of the same size: time and peak memory through the pipe face.

Each shape is one an audit found to cost minutes or a gigabyte for under a
megabyte of input (issue 19): a table of 1,000 columns with long headers,
Chinese mojibake in short paragraphs (and, since issue 14's fifth round, one
line of damaged kana or one damaged Cyrillic "word" the size of the file),
one long line of Python in a fence, an
unclosed ``<!--`` before hundreds of thousands of lines, tens of thousands of
bare URLs, ``**a`` repeated, hundreds of thousands of tabs in code, and 100,000
headings (also through ``--toc``). Every shape is made at the same size as a
plain-prose article and both are rendered the same way, so the ratio of their
times is what the shape itself costs; the bound is 3. Each is also made at half
the size: a time that grows by much more than 2× from half to full size is not
linear.

Usage: ``python bench/hostile.py [--size BYTES] [--runs N] [--only NAME ...] [--baseline-src DIR]
[--no-half] [--out FILE]``. ``--baseline-src`` also runs, once, the mdread found in
another checkout's ``src`` (for before/after numbers). Results go to ``bench/HOSTILE.md``, whose
hand-written ``## Notes`` a new run keeps.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))

from corpus import CJK, Writer  # noqa: E402
from damage import damage  # noqa: E402
from measure import Run, run_once  # noqa: E402

SIZE = 1_000_000
BOUND = 3.0
SEED = 19
FENCE = "`" * 3
RUN_ARGS = ("--width", "100", "--color=always", "--no-cache")
TIMEOUT = 600
TIMED_OUT = 124
"""The status ``timeout`` gives a command it stopped."""


def _fill(unit: Callable[[int], str], size: int, head: str = "", tail: str = "") -> str:
    """``head``, then ``unit(0)``, ``unit(1)``… until the text holds ``size`` UTF-8 bytes, then ``tail``."""
    parts = [head]
    total = len(head.encode()) + len(tail.encode())
    i = 0
    while total < size:
        piece = unit(i)
        parts.append(piece)
        total += len(piece.encode())
        i += 1
    parts.append(tail)
    return "".join(parts)


def prose(size: int) -> str:
    """Plain paragraphs, English and Chinese, with the inline marks and links of a real post."""
    writer = Writer(SEED)
    return _fill(lambda i: writer.paragraph(writer.rng.random() < 0.3) + "\n\n", size, "# Plain prose\n\n")


def wide_table(size: int) -> str:
    """1,000 columns whose headers fill half the file and cells one letter: a records view repeats every header."""
    words = "with a long header " * (size // 2000 // 19 + 1)
    header = "|" + "|".join(f"column {i} {words}" for i in range(1000)) + "|\n"
    rule = "|" + "-|" * 1000 + "\n"
    return _fill(lambda i: "|" + "x|" * 1000 + "\n", size, "# Wide table\n\n" + header + rule)


def mojibake(size: int) -> str:
    """Chinese in short paragraphs, damaged by a UTF-8 → Windows-1254 round trip, with many doubtful characters."""
    rng = random.Random(SEED)

    def paragraph(_: int) -> str:
        return "".join(rng.choice(CJK) for _ in range(rng.randint(6, 20))) + "。\n\n"

    return damage(_fill(paragraph, size // 2, "# 乱码\n\n"))


def mojibake_line(size: int) -> str:
    """One line of Japanese, kana and brackets, damaged throughout: each hiragana lost a byte."""
    return damage(_fill(lambda i: "「あ、い」、『う』、", size * 4 // 7, "# 乱码\n\n", "\n"))


def mojibake_word(size: int) -> str:
    """Cyrillic letters without a space, damaged: one word as long as the file."""
    return damage(_fill(lambda i: "спасибо", size * 7 // 12, "# Слово\n\n", "\n"))


def long_code_line(size: int) -> str:
    """One line of Python filling the file, in a fence."""
    return _fill(lambda i: f"f{i % 97}(x, 'a{i}', {i}.5), ", size, f"# Long line\n\n{FENCE}python\nitems = [",
                 f"]\n{FENCE}\n")


def unclosed_comment(size: int) -> str:
    """An HTML comment that never closes, then hundreds of thousands of short lines."""
    return _fill(lambda i: f"l{i % 10}\n", size, "# Comment\n\n<!--\n")


def bare_urls(size: int) -> str:
    """Bare URLs that linkify turns into links: tens of thousands, all in one paragraph."""
    return _fill(lambda i: f"https://example.com/{i} ", size, "# URLs\n\n", "\n")


def emphasis(size: int) -> str:
    """``**a`` repeated: delimiters that never close."""
    return "# Emphasis\n\n" + "**a" * (size // 3) + "\n"


def tabs_in_code(size: int) -> str:
    """One line of tabs in a fence: each is four cells, so the pane wraps it into tens of thousands of rows."""
    head, tail = f"# Tabs\n\n{FENCE}\n", f"x\n{FENCE}\n"
    return head + "\t" * (size - len(head) - len(tail)) + tail


def tabs_in_python(size: int) -> str:
    """Python lines indented by nine tabs each, which tree-sitter's error recovery cannot finish in time."""
    return _fill(lambda i: "\t" * 9 + f"x{i % 10}\n", size, f"# Tabs\n\n{FENCE}python\n", f"{FENCE}\n")


def headings(size: int) -> str:
    """Headings and nothing else, six levels round."""
    return _fill(lambda i: f"{'#' * (1 + i % 6)} heading {i}\n", size)


@dataclass(frozen=True)
class Shape:
    """A hostile input and how mdread is asked to show it."""

    make: Callable[[int], str]
    args: tuple[str, ...] = ()


SHAPES: dict[str, Shape] = {
    "wide-table": Shape(wide_table),
    "mojibake": Shape(mojibake),
    "mojibake-line": Shape(mojibake_line),
    "mojibake-word": Shape(mojibake_word),
    "long-code-line": Shape(long_code_line),
    "unclosed-comment": Shape(unclosed_comment),
    "bare-urls": Shape(bare_urls),
    "emphasis": Shape(emphasis),
    "tabs-in-code": Shape(tabs_in_code),
    "tabs-in-python": Shape(tabs_in_python),
    "headings": Shape(headings),
    "headings --toc": Shape(headings, ("--toc",)),
}


@dataclass(frozen=True)
class Result:
    """One shape at one size under one mdread: the median run, and the median plain-prose run beside it."""

    shape: str
    size: int
    run: Run
    prose: Run

    @property
    def ratio(self) -> float:
        return self.run.seconds / self.prose.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.run.cpu_seconds / self.prose.cpu_seconds if self.prose.cpu_seconds else 0.0


def _median(runs: list[Run]) -> Run:
    by_time = sorted(runs, key=lambda r: r.seconds)
    by_cpu = sorted(runs, key=lambda r: r.cpu_seconds)
    return Run(by_time[len(runs) // 2].seconds, max(r.peak_mib for r in runs), max(r.status for r in runs),
               by_cpu[len(runs) // 2].cpu_seconds)


def _command(src: Path | None) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return ["timeout", str(TIMEOUT), sys.executable, "-m", "mdread"], env


def measure(names: list[str], size: int, runs: int, src: Path | None, folder: Path) -> list[Result]:
    """Each shape and plain prose at ``size``, taking turns, ``runs`` times; medians."""
    command, env = _command(src)
    env["MDREAD_STATE_DIR"] = env["MDREAD_CACHE_DIR"] = env["MDREAD_CONFIG_DIR"] = str(folder / "home")
    base = folder / f"prose-{size}.md"
    if not base.exists():
        base.write_text(prose(size), encoding="utf-8")
    timed: dict[str, list[Run]] = {name: [] for name in names}
    plain: dict[str, list[Run]] = {name: [] for name in names}
    for _ in range(runs):
        for name in names:
            shape = SHAPES[name]
            path = folder / f"{shape.make.__name__}-{size}.md"
            if not path.exists():
                path.write_text(shape.make(size), encoding="utf-8")
            timed[name].append(run_once([*command, *RUN_ARGS, *shape.args, str(path)], env))
            plain[name].append(run_once([*command, *RUN_ARGS, *shape.args, str(base)], env))
            print(f"  {name} @ {size:,}: {timed[name][-1].seconds:.2f} s "
                  f"(prose {plain[name][-1].seconds:.2f} s)", file=sys.stderr)
    return [Result(name, size, _median(timed[name]), _median(plain[name])) for name in names]


def table(results: list[Result], halves: dict[str, Result], title: str) -> list[str]:
    lines = [f"### {title}", "",
             "| shape | time | CPU | peak | prose time | prose CPU | time ÷ prose | CPU ÷ prose | time at half "
             "size | growth ×2 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        half = halves.get(r.shape)
        failed = " (timed out)" if r.run.status == TIMED_OUT else " (failed)" if r.run.status else ""
        over = "" if r.ratio <= BOUND else " ✗"
        at_half = f"{half.run.seconds:.2f} s | {r.run.seconds / half.run.seconds:.2f}" if half else "– | –"
        lines.append(f"| {r.shape}{failed} | {r.run.seconds:.2f} s | {r.run.cpu_seconds:.2f} s | "
                     f"{r.run.peak_mib:.0f} MiB | {r.prose.seconds:.2f} s | {r.prose.cpu_seconds:.2f} s | "
                     f"{r.ratio:.2f}{over} | {r.cpu_ratio:.2f} | {at_half} |")
    return [*lines, ""]


NOTES = "\n## Notes\n"
"""Where the hand-written part of the results file starts; a new run keeps it."""


def _notes(path: Path) -> str:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    return old[old.index(NOTES):] if NOTES in old else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=sorted(SHAPES), default=None)
    parser.add_argument("--baseline-src", type=Path, help="also measure the mdread in this src folder, once")
    parser.add_argument("--no-half", action="store_true", help="skip the half-size runs")
    parser.add_argument("--out", type=Path, default=HERE / "HOSTILE.md")
    args = parser.parse_args()
    names = args.only or list(SHAPES)
    report = ["# Hostile shapes", "",
              f"`python bench/hostile.py --size {args.size} --runs {args.runs}` on {platform.machine()}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start. Pipe face "
              f"(`mdread {' '.join(RUN_ARGS)} FILE > /dev/null`), medians of {args.runs} runs taking turns "
              "with plain prose of the same size; CPU is user and system time, workers included; peak is the "
              f"largest RSS. The bound is time ÷ prose ≤ {BOUND:g}; growth ×2 is the time at full size over the "
              "time at half size (about 2 when linear, start-up included). A run is stopped after "
              f"{TIMEOUT} s.", ""]
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="mdread-hostile-") as tmp:
        folder = Path(tmp)
        print("this checkout:", file=sys.stderr)
        full = measure(names, args.size, args.runs, None, folder)
        halves = {} if args.no_half else {r.shape: r for r in measure(names, args.size // 2, args.runs, None, folder)}
        report += table(full, halves, f"this checkout, {args.size:,} bytes")
        worst = max(r.ratio for r in full)
        if args.baseline_src:
            print("baseline:", file=sys.stderr)
            before = measure(names, args.size, 1, args.baseline_src.resolve(), folder)
            report += table(before, {}, f"baseline ({args.baseline_src}), {args.size:,} bytes, one run")
    report.append(f"Worst time ratio in this checkout: {worst:.2f} (bound {BOUND:g}).")
    text = "\n".join(report) + "\n" + _notes(args.out)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
