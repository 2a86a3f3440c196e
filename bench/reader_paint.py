"""The reader's first paint on chosen articles, against the one-line Textual app, and optionally another mdread.

``bench/run.py`` times the reader on its corpus articles; this times it on any file (a sample post,
the seed) with the same tmux method (``run.paint_once``, ``run.one_line_app``), round by round:
mdread, the baseline's mdread if given, then the one-line app, so a change and its baseline meet
the same load. Each run starts from a fresh state folder. Python writes bytecode (as for an installed
mdread): set ``PYTHONPYCACHEPREFIX`` to keep it out of a baseline's source tree.

Usage: ``python bench/reader_paint.py [--runs N] [--baseline-bin DIR] FILE[=TEXT] ...``, where TEXT is
what to wait for on screen (default: the first words of the first paragraph after line 1) and DIR
is the ``bin`` folder of a venv with the other mdread installed (``/work/main/.venv/bin``).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import peers
import run


def median(times: list[float | None]) -> float | None:
    """The median of the runs that painted; None if none did."""
    painted = [t for t in times if t is not None]
    return statistics.median(painted) if painted else None


def measure(path: Path, text: str, commands: dict[str, Path], runs: int) -> dict[str, list[float | None]]:
    """Seconds to ``text`` on screen for each mdread in ``commands``, and for the one-line app, ``runs`` rounds."""
    run.first_words = lambda _path: text  # type: ignore[assignment]
    times: dict[str, list[float | None]] = {name: [] for name in [*commands, "one-line Textual app"]}
    for _ in range(runs):
        for name, bin_dir in commands.items():
            times[name].append(run.paint_once(name, [str(bin_dir / "mdread"), str(path)], path)[0])
        times["one-line Textual app"] += run.one_line_app(peers.mdread_bin(), 1)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="FILE or FILE=TEXT (the text to wait for)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-bin", type=Path, help="bin folder of a venv with the baseline mdread")
    args = parser.parse_args()
    commands = {"mdread": peers.mdread_bin()}
    if args.baseline_bin:
        commands["baseline"] = args.baseline_bin
    first_words = run.first_words
    for spec in args.files:
        name, _, text = spec.partition("=")
        path = Path(name)
        times = measure(path, text or first_words(path), commands, args.runs)
        floor = median(times["one-line Textual app"])
        cells = []
        for tool, series in times.items():
            seconds = median(series)
            ratio = f" ({seconds / floor:.2f}x)" if seconds is not None and floor else ""
            cells.append(f"{tool} {'-' if seconds is None else f'{seconds:.2f} s'}{ratio}")
        print(f"{path.name}: " + ", ".join(cells), flush=True)


if __name__ == "__main__":
    main()
