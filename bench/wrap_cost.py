"""What line breaking costs in a render: time inside the prose wrapper against the whole render.

Renders every block of an article (default: the seed, /work/shared/seed/code-highlight-test.md)
at width 80, as the pipe does, and times the calls to :func:`mdread.render.text.wrap` (UAX #14
line breaking, the tailorings and Rich's division into lines) within it. ``cold`` is the first
render in this process, the class table's loading included; ``warm`` the best of ``--rounds`` more.

Usage: ``python bench/wrap_cost.py [ARTICLE ...] [--rounds N] [--width W]``
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from mdread.load.source import load  # noqa: E402
from mdread.parse import parse  # noqa: E402
from mdread.render import RenderContext, render_header, render_top  # noqa: E402
from mdread.render import text as text_module  # noqa: E402

SEED = Path("/work/shared/seed/code-highlight-test.md")


class Timed:
    """Wraps a function and adds up the seconds spent in it."""

    def __init__(self, inner: Callable[..., Any]) -> None:
        self.inner = inner
        self.seconds = 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - started


def measure(path: Path, width: int, rounds: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """``(cold, warm)``, each ``(render seconds, wrapping seconds)``."""
    doc = parse(load(str(path)).text)
    timed = Timed(text_module.wrap)
    text_module.wrap = timed

    def render() -> tuple[float, float]:
        timed.seconds = 0.0
        ctx = RenderContext(width=width)
        started = time.perf_counter()
        render_header(doc, ctx)
        for index in range(len(doc.blocks)):
            render_top(doc, index, ctx)
        return time.perf_counter() - started, timed.seconds

    cold = render()
    warm = min((render() for _ in range(rounds)), key=lambda pair: pair[0])
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=[SEED])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    for path in args.articles:
        cold, warm = measure(path, args.width, args.rounds)
        for label, (total, wrapping) in (("cold", cold), ("warm", warm)):
            print(f"{path.name} {label}: render {total * 1000:.1f} ms, wrapping {wrapping * 1000:.2f} ms "
                  f"({100 * wrapping / total:.1f} %)")


if __name__ == "__main__":
    main()
