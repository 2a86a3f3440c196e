"""``bench/RESULTS.md`` from one run's measurements: a table ready for the README, then the detail."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from run import Results

SIZES = {"seed": "seed (20 KB, damaged)", "14k": "14 KB", "50k": "50 KB", "500k": "500 KB", "5m": "5 MB"}
PIPE_TARGETS = {"seed": 0.5, "14k": 0.5, "500k": 0.25, "5m": 0.25}
"""mdread's pipe render as a fraction of rich-cli's, at most: the everyday post counts most."""
AGAIN = "mdread, again"
"""The pipe render of an article read before, written from the render cache; "mdread" is always drawn afresh."""
FLOOR = "markdown-it + Rich floor"
"""``bench/pipe_floor.py``: importing both libraries, parsing and printing plain text; no pipe on them does less."""
REPAIR_TARGET = 1.3
VERSION_TARGET = 6.0
"""``mdread --version`` as a multiple of ``python -c pass``, at most."""
PAINT_FLOOR_TARGETS = {"14k": 1.5, "5m": 2.0}
"""The reader's first paint as a multiple of a one-line Textual app's, at most."""
INSTALL_TARGET_MIB = 60
PAINT_TARGET_S = 1.0
PAINT_TARGET_RATIO = 10
MEMORY_TARGET_MIB = 400
JUMP_TARGET_MS = 100


def _s(seconds: float | None) -> str:
    if seconds is None:
        return "> cap"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}×" if a / b >= 0.1 else f"{a / b:.2g}×"


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if len(known) == len(values) and known else None


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|",
            *("| " + " | ".join(r) + " |" for r in rows)]


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else "met" if ok else "**missed**"


def summary(res: Results) -> list[str]:
    """The README table: pipe render and first paint, with mdread's time as a fraction of each peer's."""
    sizes = [s for s in SIZES if s in res.pipe]
    rows = []
    known = ("mdread", AGAIN, "mdread (baseline)", "rich-cli", FLOOR, "lowdown", "cat")
    tools = [t for t in known if t in res.pipe[sizes[0]]]
    for tool in tools:
        rows.append([f"`{tool}` pipe render", *(_s(res.pipe[s][tool].median) for s in sizes)])
    for peer in ("rich-cli", "lowdown", "cat"):
        if peer in tools:
            rows.append([f"**mdread ÷ {peer}**",
                         *(_ratio(res.pipe[s]["mdread"].median, res.pipe[s][peer].median) for s in sizes)])
    for tool in (AGAIN, FLOOR):
        if tool in tools and "rich-cli" in tools:
            rows.append([f"**{tool} ÷ rich-cli**",
                         *(_ratio(res.pipe[s][tool].median, res.pipe[s]["rich-cli"].median) for s in sizes)])
    for tool in ("mdread", AGAIN, "one-line Textual app", "frogmouth"):
        if any(tool in res.paint.get(s, {}) for s in sizes):
            rows.append([f"`{tool}` reader, first screen",
                         *(_s(_median(res.paint[s][tool])) if tool in res.paint.get(s, {}) else "–" for s in sizes)])
    for tool in ("mdread", AGAIN):
        if any(tool in res.paint.get(s, {}) and "one-line Textual app" in res.paint[s] for s in sizes):
            rows.append([f"**{tool} ÷ one-line Textual app**", *(
                _ratio(_median(res.paint[s][tool]), _median(res.paint[s]["one-line Textual app"]))
                if tool in res.paint.get(s, {}) and "one-line Textual app" in res.paint[s] else "–" for s in sizes)])
    if any("frogmouth" in res.paint.get(s, {}) for s in sizes):
        rows.append(["**mdread ÷ frogmouth**", *(
            _ratio(_median(res.paint[s]["mdread"]), _median(res.paint[s]["frogmouth"]))
            if "frogmouth" in res.paint.get(s, {}) else "–" for s in sizes)])
    return _table(["", *(SIZES[s] for s in sizes)], rows)


def pipe_detail(res: Results) -> list[str]:
    out: list[str] = []
    for size, series in res.pipe.items():
        md = series["mdread"].median
        rows = []
        for tool, s in series.items():
            low, high = s.spread
            rows.append([f"`{tool}`", _s(s.median), f"{_s(low)} – {_s(high)}", str(len(s.runs)),
                         f"{s.peak_mib:.0f}", _ratio(md, s.median), "failed" if s.failed else "ok"])
        out += [f"#### {SIZES[size]}", "",
                *_table(["tool", "median", "min – max", "runs", "peak RSS MiB", "mdread ÷ tool", "exit"], rows), ""]
    return out


def reader_detail(res: Results) -> list[str]:
    rows = []
    for size, tools in res.paint.items():
        for tool, times in tools.items():
            peak = res.reader_peak_mib.get(size) if tool == "mdread" else None
            rows.append([SIZES[size], f"`{tool}`", _s(_median(times)), ", ".join(_s(t) for t in times),
                         f"{peak:.0f}" if peak else "–"])
    return _table(["article", "reader", "first screen (median)", "each run", "peak RSS MiB (VmHWM, loaded)"], rows)


def latency_detail(res: Results) -> list[str]:
    rows = []
    for size, data in res.latency.items():
        d: dict[str, Any] = data
        keys = ("end_ms", "top_ms", "next_section_ms", "prev_section_ms")
        rows.append([SIZES[size], f"{d['shown_s']:.2f} s", f"{d['parsed_s']:.2f} s", f"{d['settled_s']:.2f} s",
                     f"{d['end_before_settled_ms']:.0f}", *(f"{d[k]['median']:.0f} / {d[k]['max']:.0f}" for k in keys)])
    return _table(["article", "shown", "parsed", "heights exact", "`G` before exact (ms)", "`G` ms (median / max)",
                   "`g` ms", "`]` ms", "`[` ms"], rows)


def targets(res: Results) -> list[str]:
    version = res.startup["mdread --version"].median
    floor = res.startup["python -c pass"].median
    rows = [["`mdread --version` ÷ `python -c pass`", f"≤ {VERSION_TARGET:.0f}×",
             f"{version / floor:.1f}× ({_s(version)} vs {_s(floor)})", _verdict(version / floor <= VERSION_TARGET)],
            ["pipe face imports no Textual", "none", ", ".join(res.textual_modules) or "none",
             _verdict(not res.textual_modules)]]
    for size, goal in PIPE_TARGETS.items():
        if size in res.pipe and "rich-cli" in res.pipe[size]:
            for tool, when in (("mdread", "opened once"), (AGAIN, "opened again"), (FLOOR, "the floor")):
                if tool in res.pipe[size]:
                    r = res.pipe[size][tool].median / res.pipe[size]["rich-cli"].median
                    verdict = _verdict(r <= goal) if tool != FLOOR else "target under the floor" if r > goal else "–"
                    rows.append([f"pipe {SIZES[size]} ÷ rich-cli, {when}", f"≤ {goal}×", f"{r:.2f}×", verdict])
    seed = res.pipe.get("seed", {})
    if "mdread --no-repair" in seed:
        r = seed["mdread"].median / seed["mdread --no-repair"].median
        extra = seed["mdread"].peak_mib - seed["mdread --no-repair"].peak_mib
        rows.append(["seed with repair ÷ `--no-repair`", f"≤ {REPAIR_TARGET}×", f"{r:.2f}× (+{extra:.0f} MiB peak)",
                     _verdict(r <= REPAIR_TARGET)])
    for size, goal in PAINT_FLOOR_TARGETS.items():
        paint = res.paint.get(size, {})
        app = _median(paint.get("one-line Textual app", []))
        for tool, when in (("mdread", "opened once"), (AGAIN, "opened again")):
            md = _median(paint.get(tool, []))
            if md is not None and app is not None:
                rows.append([f"reader first paint, {SIZES[size]} ÷ one-line Textual app, {when}", f"≤ {goal}×",
                             f"{md / app:.2f}× ({_s(md)} vs {_s(app)})", _verdict(md / app <= goal)])
    if "mdread" in res.install_mib:
        size = res.install_mib["mdread"]
        rows.append(["`pip install mdread` in a fresh venv (pip, setuptools left out)", f"≤ {INSTALL_TARGET_MIB} MiB",
                     f"{size:.1f} MiB", _verdict(size <= INSTALL_TARGET_MIB)])
    if "images" in res.install_mib:
        rows.append(["… with `[images]` (Pillow, resvg)", "–", f"{res.install_mib['images']:.1f} MiB", "–"])
    paint = res.paint.get("5m", {})
    md = _median(paint.get("mdread", []))
    if md is not None:
        rows.append(["reader first screen, 5 MB", f"< {PAINT_TARGET_S:.0f} s", _s(md), _verdict(md < PAINT_TARGET_S)])
        fm = paint.get("frogmouth", [None])[0] if "frogmouth" in paint else None
        if "frogmouth" in paint:
            sooner = (fm or 120.0) / md
            rows.append(["… sooner than frogmouth", f"≥ {PAINT_TARGET_RATIO}×",
                         f"{'> ' if fm is None else ''}{sooner:.0f}×", _verdict(sooner >= PAINT_TARGET_RATIO)])
    peak = res.reader_peak_mib.get("5m")
    if peak:
        rows.append(["reader peak RSS, 5 MB", f"< {MEMORY_TARGET_MIB} MiB", f"{peak:.0f} MiB",
                     _verdict(peak < MEMORY_TARGET_MIB)])
    for size, d in res.latency.items():
        worst = max(d["end_ms"]["max"], d["next_section_ms"]["max"], d["prev_section_ms"]["max"],
                    d["end_before_settled_ms"])
        rows.append([f"jump latency, {SIZES[size]} (worst of `G` `]` `[`)", f"< {JUMP_TARGET_MS} ms",
                     f"{worst:.0f} ms", _verdict(worst < JUMP_TARGET_MS)])
    return _table(["target", "goal", "measured", ""], rows)


PROFILE = Path(__file__).with_name("PROFILE.md")


def _profile_notes() -> list[str]:
    """The hand-written profile and before/after notes, when ``bench/PROFILE.md`` is there."""
    return [PROFILE.read_text(encoding="utf-8").rstrip(), ""] if PROFILE.exists() else []


def markdown(res: Results, *, quick: bool, note: str | None = None) -> str:
    """The whole report; ``note`` (what the baseline is, say) goes under the summary."""
    startup = res.startup
    lines = [
        "# mdread benchmark", "",
        f"Produced by `python bench/run.py{' --quick' if quick else ''}`; see `bench/README.md`. "
        "Times are medians of A/B-alternated runs, wall clock from process start to exit (pipe output to "
        "/dev/null) or until the first words of the article are on a 120×40 tmux screen (readers). "
        "A ratio below 1 means mdread is faster.", "",
        "## Summary (ready to paste)", "", *summary(res), "", *([note, ""] if note else []),
        "## Targets", "", *targets(res), "",
        "## Pipe render (`--print --color=always --width 100`)", "", *pipe_detail(res),
        "## Start-up", "",
        f"`mdread --version`: {_s(startup['mdread --version'].median)} "
        f"(interpreter alone, `python -c pass`: {_s(startup['python -c pass'].median)}). "
        f"Textual modules imported by the pipe face: {', '.join(res.textual_modules) or 'none'}.", "",
        "## Reader", "", *reader_detail(res), "",
        "Latency in-process (Textual Pilot, `bench/reader_latency.py`, 120×40): time from the key event until "
        "the view is there and every row on screen is drawn.", "", *latency_detail(res), "",
        *_profile_notes(),
        "## Machine", "", *_table(["", ""], [[k, v] for k, v in res.machine.items()]), "",
        "CPU used by other processes while each phase ran (cores, averaged; the machine has "
        f"{res.machine.get('cpus', '?')}): " + ", ".join(f"{k} {v:.2f}" for k, v in res.others_cpu.items()) + ".",
        "The reader phase counts the apps under tmux as other processes.", "",
    ]
    return "\n".join(lines)
