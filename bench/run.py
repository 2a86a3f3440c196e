"""Time mdread against its peers in one run and write ``bench/RESULTS.md``.

Measured: ``mdread --version`` against ``python -c pass``; that the pipe face never
imports Textual; the pipe render of the seed article (with and without repair)
and of the 14 KB, 50 KB, 500 KB and 5 MB articles against rich-cli, lowdown and
``cat`` (A/B alternated, several runs, medians and peak RSS), drawn afresh each
time (``--no-cache``: an article opened once) and again from the render cache
(an article read before); the reader's first
paint in tmux against a one-line Textual app and frogmouth (again afresh, and
for an everyday post also as kept parsed by a first reading), its peak memory on
the 5 MB article, and its jump latency (``bench/reader_latency.py``); with
``--install-size``, what a fresh venv holds after ``pip install``. Peers are
installed on first use into ``bench/.env`` (see ``peers.py``); the project never
depends on them.

Usage: ``python bench/run.py [--quick] [--baseline-src DIR] [--note TEXT] [--install-size]``
(or ``bench/run.sh``).
``--baseline-src`` adds a row for mdread run from another source tree, for
before/after comparisons of a change; it is opened once too (``--no-cache``), so the tree must
know that flag.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import corpus
import peers
import report
from measure import Series, Session, run_once, vm_hwm_mib, wait_idle

HERE = Path(__file__).resolve().parent
RUNS = {"seed": 9, "14k": 9, "50k": 9, "500k": 5, "5m": 3}
QUICK_RUNS = {"seed": 3, "14k": 3, "50k": 3, "500k": 2}
SEED = Path("/work/shared/seed/code-highlight-test.md")
"""The reference article: a damaged Chinese post with code in seven languages (read where it is, never copied)."""
ONE_LINE_APP = HERE / "oneline_app.py"
PIPE_FLOOR = HERE / "pipe_floor.py"
PAINT_RUNS = 5
PAINT_CAP = 120.0
WIDTH = "100"
AGAIN = report.AGAIN
KEEP_BYTES = 64_000
"""Articles up to this size are kept parsed by the reader (``mdread.article.KEEP_BYTES``)."""
NO_TEXTUAL = """
import contextlib, io, json, sys
from mdread.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["--print", "--color=always", "--width", "100", sys.argv[1]])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
"""


@dataclass
class Results:
    """Everything one run measured, as the report reads it."""

    machine: dict[str, str] = field(default_factory=dict)
    startup: dict[str, Series] = field(default_factory=dict)
    textual_modules: list[str] = field(default_factory=list)
    pipe: dict[str, dict[str, Series]] = field(default_factory=dict)
    paint: dict[str, dict[str, list[float | None]]] = field(default_factory=dict)
    install_mib: dict[str, float] = field(default_factory=dict)
    reader_peak_mib: dict[str, float | None] = field(default_factory=dict)
    latency: dict[str, dict[str, object]] = field(default_factory=dict)
    others_cpu: dict[str, float] = field(default_factory=dict)


def _env(**extra: str) -> dict[str, str]:
    """The environment every tool runs in: a truecolor terminal, and config/state dirs of its own.

    Python writes bytecode, as it does for an installed mdread: an editable install otherwise compiles every
    module of ``src`` on each run, while the peers' site-packages are compiled once.
    """
    base = {k: v for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    home = Path(tempfile.gettempdir()) / "mdread-bench-home"
    dirs = {f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "STATE", "DATA", "CACHE")}
    return {**base, "TERM": "xterm-256color", "COLORTERM": "truecolor", **dirs, **extra}


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot, from /proc/stat."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _own_cpu() -> float:
    usage = os.times()
    return usage.user + usage.system + usage.children_user + usage.children_system


class Phase:
    """Notes how much CPU other processes used while a phase ran, in cores on average."""

    def __init__(self, results: Results, name: str) -> None:
        self.results, self.name = results, name

    def __enter__(self) -> None:
        self.start = (time.perf_counter(), _busy_seconds(), _own_cpu())
        print(f"bench: {self.name}", file=sys.stderr)

    def __exit__(self, *exc: object) -> None:
        wall, busy, own = (a - b for a, b in zip((time.perf_counter(), _busy_seconds(), _own_cpu()), self.start,
                                                 strict=True))
        self.results.others_cpu[self.name] = max(0.0, (busy - own) / wall) if wall else 0.0


def alternate(commands: dict[str, list[str]], runs: int, envs: dict[str, dict[str, str]]) -> dict[str, Series]:
    """Run every command ``runs`` times, one of each per round, rotating who goes first."""
    names = list(commands)
    out = {name: Series() for name in names}
    for round_no in range(runs):
        order = names[round_no % len(names):] + names[: round_no % len(names)]
        for name in order:
            out[name].runs.append(run_once(commands[name], envs[name]))
    return out


def measure_startup(res: Results, md_bin: Path, small: Path) -> None:
    env = _env()
    res.startup = alternate({"mdread --version": [str(md_bin / "mdread"), "--version"],
                             "python -c pass": [str(md_bin / "python"), "-c", "pass"]}, 15,
                            {"mdread --version": env, "python -c pass": env})
    out = subprocess.run([str(md_bin / "python"), "-c", NO_TEXTUAL, str(small)], capture_output=True, text=True,
                         env=env, check=True)
    res.textual_modules = json.loads(out.stdout.strip().splitlines()[-1])


def pipe_commands(md_bin: Path, path: Path, baseline: Path | None) -> tuple[dict[str, list[str]], dict]:
    """The pipe-face command of each tool for ``path``, and the environment each runs in."""
    drawn = ["--print", "--color=always", "--width", WIDTH]
    md = [str(md_bin / "mdread"), *drawn, "--no-cache", str(path)]
    commands = {"mdread": md, AGAIN: [str(md_bin / "mdread"), *drawn, str(path)]}
    envs = {"mdread": _env()}
    if path == SEED:
        commands["mdread --no-repair"] = [*md[:-1], "--no-repair", str(path)]
    if baseline is not None:
        commands["mdread (baseline)"] = [str(md_bin / "python"), "-m", "mdread", *drawn, "--no-cache", str(path)]
        envs["mdread (baseline)"] = _env(PYTHONPATH=str(baseline))
    rich = peers.pypi_peer("rich-cli")
    if rich:
        commands["rich-cli"] = [str(rich), "--markdown", "--force-terminal", "--width", WIDTH, str(path)]
    lowdown = peers.debian_tool("lowdown", "lowdown")
    if lowdown:
        commands["lowdown"] = [lowdown, "-Tterm", f"--term-width={WIDTH}", str(path)]
    commands[report.FLOOR] = [str(md_bin / "python"), str(PIPE_FLOOR), str(path)]
    commands["cat"] = ["cat", str(path)]
    for name in commands:
        envs.setdefault(name, _env())
    return commands, envs


def first_words(path: Path) -> str:
    """Plain text every reader shows at the top of the body: the first paragraph's first words."""
    line = next(ln for ln in path.read_text(encoding="utf-8").splitlines()[1:] if ln.strip())
    words = re.sub(r"[*`]|\[|\]\([^)]*\)", "", line).split()
    return " ".join(words[:4])


def paint_once(name: str, argv: list[str], path: Path, *, memory: bool = False) -> tuple[float | None, float | None]:
    """Seconds until the first words of ``path`` are on a 120x40 screen; the reader's peak MiB if asked.

    Each run has a state folder of its own: a reading position remembered from another run (the latency
    bench's jumps) would open the article away from its first words.
    """
    fresh = _env(XDG_STATE_HOME=tempfile.mkdtemp(prefix="mdread-bench-state-"))
    with Session(f"bench-{name}", argv, fresh, (120, 40)) as session:
        paint = session.wait_for(first_words(path), PAINT_CAP)
        if paint.seconds is None:
            print(f"bench: {name} showed nothing in {PAINT_CAP:.0f}s:\n{paint.screen[-800:]}", file=sys.stderr)
        if not memory or paint.seconds is None:
            return paint.seconds, None
        pid = session.app_pid("mdread")
        if pid is None:
            return paint.seconds, None
        session.wait_until_gone("loading", PAINT_CAP)
        wait_idle(pid, PAINT_CAP)
        return paint.seconds, vm_hwm_mib(pid)


def one_line_app(md_bin: Path, runs: int) -> list[float | None]:
    """First paint of the smallest Textual app there is: the floor any Textual reader starts from."""
    times = []
    for _ in range(runs):
        with Session("bench-textual", [str(md_bin / "python"), str(ONE_LINE_APP)], _env(), (120, 40)) as session:
            times.append(session.wait_for("one line of Textual", PAINT_CAP).seconds)
    return times


def measure_reader(res: Results, md_bin: Path, files: dict[str, Path], runs: int, frogmouth: bool) -> None:
    """First paints, each article's runs alternating with the one-line Textual app's.

    A run right after another pays for the last one's teardown (~15 ms here), so in each round a
    different one goes first. ``mdread`` opens the article afresh (``--no-cache``); an everyday
    post is also opened as a first reading kept it (``AGAIN``).
    """
    fm = peers.pypi_peer("frogmouth") if frogmouth else None
    for size, path in files.items():
        kept = path.stat().st_size <= KEEP_BYTES
        commands = {"mdread": [str(md_bin / "mdread"), "--no-cache", str(path)]}
        if kept:
            commands[AGAIN] = [str(md_bin / "mdread"), str(path)]
            paint_once(AGAIN, commands[AGAIN], path)  # the first reading, which keeps it
        times: dict[str, list[float | None]] = {name: [] for name in [*commands, "one-line Textual app"]}
        order = list(times)
        for i in range(runs):
            for name in order[i % len(order):] + order[:i % len(order)]:
                if name == "one-line Textual app":
                    times[name] += one_line_app(md_bin, 1)
                    continue
                seconds, peak = paint_once(name, commands[name], path, memory=name == "mdread" and i == 0)
                times[name].append(seconds)
                if name == "mdread" and i == 0:
                    res.reader_peak_mib[size] = peak
        res.paint[size] = times
        if fm:
            res.paint[size]["frogmouth"] = [paint_once("frogmouth", [str(fm), str(path)], path)[0]]


def measure_latency(res: Results, md_bin: Path, files: dict[str, Path]) -> None:
    for size, path in files.items():
        out = subprocess.run([str(md_bin / "python"), str(HERE / "reader_latency.py"), str(path)],
                             capture_output=True, text=True, env=_env(), check=False, timeout=600)
        if out.returncode:
            print(f"bench: reader_latency failed on {size}:\n{out.stderr[-2000:]}", file=sys.stderr)
            continue
        res.latency[size] = json.loads(out.stdout)


def machine(md_bin: Path) -> dict[str, str]:
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(HERE), "status", "--porcelain", "--", "../src"], capture_output=True,
                           text=True, check=False).stdout.strip()
    rich, fm = peers.ENV / "rich-cli" / "bin", peers.ENV / "frogmouth" / "bin"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": str(os.cpu_count()),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "mdread": f"{commit}{' + uncommitted changes' if dirty else ''}",
        "rich-cli": peers.pip_version(rich, "rich-cli") if rich.exists() else "-",
        "frogmouth": peers.pip_version(fm, "frogmouth") if fm.exists() else "-",
        "lowdown": peers.version(["dpkg-query", "-W", "-f=${Version}", "lowdown"]),
        "load at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 KB and 500 KB only, fewer runs, no frogmouth")
    parser.add_argument("--baseline-src", type=Path, help="also time mdread imported from this src directory")
    parser.add_argument("--note", help="a sentence for the report, e.g. what the baseline is")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--install-size", action="store_true", help="also measure a fresh venv's install (a minute)")
    args = parser.parse_args()
    started = time.perf_counter()
    md_bin = peers.mdread_bin()
    peers.debian_tool("time", "time")
    files = corpus.write_corpus()
    runs = QUICK_RUNS if args.quick else RUNS
    if SEED.exists():
        files["seed"] = SEED
    else:
        runs = {size: count for size, count in runs.items() if size != "seed"}
    res = Results(machine=machine(md_bin))
    if args.baseline_src:
        res.machine["mdread (baseline)"] = f"imported from `{args.baseline_src}`"
    with Phase(res, "startup"):
        measure_startup(res, md_bin, files["50k"])
    with Phase(res, "pipe"):
        for size, count in runs.items():
            commands, envs = pipe_commands(md_bin, files[size], args.baseline_src)
            run_once(commands[AGAIN], envs[AGAIN])  # what the cache holds after a first reading
            res.pipe[size] = alternate(commands, count, envs)
    reader_files = {size: files[size] for size in ("14k", "500k") + (() if args.quick else ("5m",))}
    if peers.debian_tool("tmux", "tmux"):
        with Phase(res, "reader"):
            measure_reader(res, md_bin, reader_files, 2 if args.quick else PAINT_RUNS, frogmouth=not args.quick)
    with Phase(res, "latency"):
        measure_latency(res, md_bin, {s: p for s, p in reader_files.items() if s != "14k"})
    if args.install_size:
        import install_size

        with Phase(res, "install"):
            for extra in (None, "images"):
                res.install_mib[extra or "mdread"] = sum(install_size.measure(HERE.parent, extra).values()) / 2**20
    res.machine["load at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    res.machine["wall time of this run"] = f"{time.perf_counter() - started:.0f} s"
    args.out.write_text(report.markdown(res, quick=args.quick, note=args.note), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
