"""Where one pipe render's time goes: imports, the costliest functions, and how many regexes were compiled.

Runs ``mdread --print --color=always --width 100 FILE`` in fresh processes
(the interpreter's own start-up left out) and prints, as Markdown for
``bench/PROFILE.md``: wall time in process (best of ``--runs``), the modules
whose import took longest (``python -X importtime``, cumulative), and the
functions with the most own time under ``cProfile``. ``PYTHONPATH=DIR``
profiles another source tree (a baseline).

Usage: ``python bench/profile_pipe.py FILE [--runs N] [--top N]``
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

RENDER = """
import contextlib, io, sys, time
start = time.perf_counter()
from mdread.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(["--print", "--color=always", "--width", "100", sys.argv[1]])
print(time.perf_counter() - start)
"""
PROFILED = """
import contextlib, cProfile, io, pstats, sys
profile = cProfile.Profile()
profile.enable()
from mdread.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    main(["--print", "--color=always", "--width", "100", sys.argv[1]])
profile.disable()
pstats.Stats(profile).sort_stats("tottime").print_stats(int(sys.argv[2]))
"""
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _python(code: str, *args: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run([sys.executable, *flags, "-c", code, *args], capture_output=True, text=True, env=env,
                          check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    path = str(args.file)
    _python(RENDER, path)  # bytecode written
    wall = min(float(_python(RENDER, path).stdout) for _ in range(args.runs))
    timed = _python(RENDER, path, flags=("-X", "importtime")).stderr
    imports = [IMPORT_LINE.match(line) for line in timed.splitlines()]
    rows = [(int(m.group(2)), len(m.group(3)) // 2, m.group(4)) for m in imports if m]
    total = sum(cum for cum, depth, _ in rows if depth == 0)
    print(f"**{args.file.name}**: {wall * 1000:.0f} ms in process (best of {args.runs}); "
          f"imports {total / 1000:.0f} ms of it (one run)\n")
    print("| module (cumulative import) | ms |\n|---|---:|")
    for cum, _, name in sorted((r for r in rows if r[2].startswith("mdread") or r[1] <= 1), reverse=True)[:args.top]:
        print(f"| `{name}` | {cum / 1000:.1f} |")
    stats = _python(PROFILED, path, str(args.top)).stdout
    print("\n```\n" + "\n".join(line for line in stats.splitlines()[6:] if line.strip()) + "\n```")


if __name__ == "__main__":
    main()
