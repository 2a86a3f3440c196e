"""The figures of the README's "Limits" section, measured: each input it names, through the pipe face.

Every input is made here, the same bytes each run; each is run ``--runs`` times
and the median time and the largest peak memory are kept (GNU ``time``'s
``%M``: the largest single process, forked workers included). The machine's
load average is recorded, since a shared machine's times drift with it.

Usage: ``python bench/limits.py [--runs N] [--only NAME ...] [--src DIR] [--out FILE]``; results go to
``bench/LIMITS.md``. ``--src`` measures the mdread in another checkout's ``src`` instead (for before/after).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hostile import FENCE, RUN_ARGS, Run, _command, _median, prose, run_once  # noqa: E402


@dataclass(frozen=True)
class Input:
    """One input the README gives a figure for, and the arguments it is shown with."""

    make: Callable[[], str]
    args: tuple[str, ...] = ()


def _rows() -> str:
    return "| a | b | c |\n|---|---|---|\n" + "".join(f"| {i} | x | y |\n" for i in range(175_000))


INPUTS: dict[str, Input] = {
    "prose, 1 MB": Input(lambda: prose(1_000_000)),
    "prose, 8 MB": Input(lambda: prose(8 * 1024 * 1024 - 1024)),
    "175,000 one-line table rows": Input(_rows),
    "a 1 MB line": Input(lambda: "word " * 200_000 + "END\n"),
    "100,000 headings": Input(lambda: "".join(f"{'#' * (1 + i % 6)} heading {i}\n" for i in range(100_000))),
    "100,000 headings, --toc": Input(lambda: "".join(f"{'#' * (1 + i % 6)} heading {i}\n" for i in range(100_000)),
                                     ("--toc",)),
    "unterminated fence of 100,000 lines": Input(lambda: f"{FENCE}python\n" + "x = 1\n" * 100_000),
    "10,000-deep quotes": Input(lambda: ">" * 10_000 + " deepest text\n"),
    "3,000-deep emphasis and links": Input(lambda: "*[" * 3_000 + "x" + "](u)*" * 3_000 + "\n"),
    "1,000 columns, one row": Input(lambda: "|" + "|".join(f"c{i}" for i in range(1000)) + "|\n|" + "-|" * 1000
                                    + "\n|" + "|".join(f"v{i}" for i in range(1000)) + "|\n"),
    "200,000 nested 1+ in C++": Input(lambda: f"# Deep\n\n{FENCE}cpp\nint a = " + "1+" * 200_000 + "1;\n{FENCE}\n"),
    "50,000 unclosed HTML tags": Input(lambda: f"# Deep\n\n{FENCE}html\n" + "<div>" * 50_000 + "end\n{FENCE}\n"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=sorted(INPUTS), default=None)
    parser.add_argument("--src", type=Path, help="measure the mdread in this src folder")
    parser.add_argument("--out", type=Path, default=HERE / "LIMITS.md")
    args = parser.parse_args()
    names = args.only or list(INPUTS)
    command, env = _command(args.src.resolve() if args.src else None)
    load = os.getloadavg()[0]
    which = f" --src {args.src}" if args.src else ""
    lines = ["# The README's limits, measured", "",
             f"`python bench/limits.py --runs {args.runs}{which}`: pipe face "
             f"(`mdread {' '.join(RUN_ARGS)} FILE > /dev/null`),"
             f" {os.cpu_count()} cores, load average {load:.1f} at the start; median time and CPU (user and system,"
             " workers included), largest peak RSS.", "",
             "| input | size | time | CPU | peak |", "|---|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="mdread-limits-") as tmp:
        env["MDREAD_STATE_DIR"] = env["MDREAD_CACHE_DIR"] = env["MDREAD_CONFIG_DIR"] = str(Path(tmp) / "home")
        for number, name in enumerate(names):
            entry = INPUTS[name]
            path = Path(tmp) / f"input-{number}.md"
            path.write_text(entry.make(), encoding="utf-8")
            runs: list[Run] = [run_once([*command, *RUN_ARGS, *entry.args, str(path)], env) for _ in range(args.runs)]
            best = _median(runs)
            print(f"  {name}: {best.seconds:.2f} s, {best.peak_mib:.0f} MiB", file=sys.stderr)
            failed = " (failed)" if best.status else ""
            lines.append(f"| {name}{failed} | {path.stat().st_size / 1e6:.1f} MB | {best.seconds:.2f} s | "
                         f"{best.cpu_seconds:.2f} s | {best.peak_mib:.0f} MiB |")
    lines += ["", f"Load average at the end: {os.getloadavg()[0]:.1f}."]
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
