"""Time and weigh rendering the seed with and without mojibake repair.

Runs ``mdread --print --color=always --no-cache -w 100 SEED`` and the same with
``--no-repair`` alternately, each in a fresh process, and reports the median
wall time, the ratio, and the peak resident memory of each (from the child's
rusage), so both sides share whatever load the machine has.

Usage: ``python bench/repair/speed.py [SEED] [--runs N] [--mdread PATH]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

SEED = Path("/work/shared/seed/code-highlight-test.md")


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of one run."""
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=Path, nargs="?", default=SEED)
    parser.add_argument("--runs", type=int, default=15)
    default = shutil.which("mdread") or str(Path(sys.executable).with_name("mdread"))
    parser.add_argument("--mdread", default=default)
    args = parser.parse_args(argv)
    # --no-cache: otherwise every run after the first reads mdread's render
    # cache and neither side repairs or parses anything.
    base = [args.mdread, "--print", "--color=always", "--no-cache", "-w", "100", str(args.seed)]
    sides = {"repair": base, "no-repair": [*base, "--no-repair"]}
    times: dict[str, list[float]] = {name: [] for name in sides}
    peaks: dict[str, list[float]] = {name: [] for name in sides}
    run(base)  # warm the page cache and bytecode
    for _ in range(args.runs):
        for name, command in sides.items():
            seconds, peak = run(command)
            times[name].append(seconds)
            peaks[name].append(peak)
    for name in sides:
        print(f"{name:>9}: median {statistics.median(times[name]):.3f} s, peak RSS {max(peaks[name]):.1f} MiB")
    ratio = statistics.median(times["repair"]) / statistics.median(times["no-repair"])
    extra = max(peaks["repair"]) - max(peaks["no-repair"])
    print(f"ratio {ratio:.2f}x, repair costs {extra:+.1f} MiB peak ({args.runs} runs each, alternated)")


if __name__ == "__main__":
    main()
