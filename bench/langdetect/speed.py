"""How big the shipped detection model is, how long it takes to load, and CPU time per block.

A benchmark, not a test: the figures depend on the machine (``RESULTS.md`` records the ones
``evaluate.py`` measured). The load is timed in a fresh interpreter, so that nothing imported
before it hides its cost; blocks are the corpus's snippets, each detected three times (median).

Run ``python bench/langdetect/speed.py [--blocks N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from train import CORPUS, SHIPPED, read  # noqa: E402

from mdread.render.code import detect  # noqa: E402

_FIRST_CALL = (
    "import time; t = time.process_time(); import mdread; i = time.process_time() - t; "
    "import mdread.render.code; t = time.process_time(); from mdread.render.code.detect import detect; "
    "m = time.process_time() - t; t = time.process_time(); detect('x = 1\\n'); "
    "print(i * 1000, m * 1000, (time.process_time() - t) * 1000)"
)


def first_call() -> tuple[float, float, float]:
    """CPU milliseconds of ``import mdread``, of importing the detector once the renderer is loaded
    (compiling its patterns), and of the first detection (reading the model and the grammars it
    asks), each in a fresh interpreter (the best of three): what detection adds to opening a post."""
    runs = [subprocess.run([sys.executable, "-c", _FIRST_CALL], capture_output=True, text=True, check=True)
            for _ in range(3)]  # fmt: skip
    triples = [tuple(float(x) for x in run.stdout.split()) for run in runs]
    return min(t[0] for t in triples), min(t[1] for t in triples), min(t[2] for t in triples)


def per_block(texts: Sequence[str]) -> list[float]:
    """CPU milliseconds per block, sorted (the median of three runs each)."""
    detect.detect("x = 1\n")
    times = []
    for text in texts:
        runs = []
        for _ in range(3):
            start = time.process_time()
            detect.detect(text)
            runs.append(time.process_time() - start)
        times.append(statistics.median(runs) * 1000)
    return sorted(times)


def summary(texts: Sequence[str]) -> str:
    imported, compiled, loaded = first_call()
    cpu = per_block(texts)
    return (f"\n## Speed and size (shipped model, CPU time, Python {sys.version.split()[0]})\n\n"
            f"- model: {SHIPPED.stat().st_size / 1e6:.2f} MB gzipped package data, read on first use\n"
            f"- `import mdread`: {imported:.0f} ms (the model is not loaded)\n"
            f"- importing the detector (its patterns compiled; the renderer already loaded): {compiled:.0f} ms\n"
            f"- first detection (reads the model and the grammars it asks): {loaded:.0f} ms, so "
            f"{compiled + loaded:.0f} ms added to opening the first post with an unlabelled block\n"
            f"- per block, {len(cpu)} corpus snippets: median {statistics.median(cpu):.2f} ms, "
            f"p90 {cpu[int(0.9 * len(cpu))]:.2f} ms, max {cpu[-1]:.2f} ms\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--blocks", type=int, default=2000)
    args = parser.parse_args()
    examples = read(CORPUS)
    print(summary([example.text for example in examples[:: max(1, len(examples) // args.blocks)]]), end="")


if __name__ == "__main__":
    main()
