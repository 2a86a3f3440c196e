"""Reader latency measured in-process with Textual's Pilot: jumps to the end and between sections.

A key counts as handled when the view is where the key sends it and every row
on screen has been drawn (``render_line`` for each, as a paint would). One jump
to the end is timed as soon as the whole article is parsed, while block heights
are still estimates being measured in the background; the rest once every
height is exact.

Usage: ``.venv/bin/python bench/reader_latency.py FILE [--presses N]``; prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from mdread.faces.tui.app import Settings, make_app
from mdread.faces.tui.article import ArticleView
from mdread.faces.tui.reader import ReaderScreen
from mdread.load.source import load
from mdread.platform.state import StateStore

SIZE = (120, 40)
CAP = 120.0


async def _until(pilot: Pilot[None], done: Callable[[], bool], cap: float = CAP) -> float:
    """Seconds until ``done()`` holds, pausing the pilot between checks."""
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > cap:
            raise TimeoutError("the reader never got there")
        await pilot.pause(0.005)
    return time.perf_counter() - start


def _paint(view: ArticleView) -> None:
    for y in range(view.size.height):
        view.render_line(y)


async def _press(pilot: Pilot[None], key: str, arrived: Callable[[], bool]) -> float:
    """Milliseconds from a key event until the view has arrived and its rows are drawn.

    ``Pilot.press`` waits for the app to go idle in steps of 20 ms, which would
    swamp what is measured, so the key is posted and the view polled every ms.
    """
    await pilot.pause()
    view = pilot.app.screen.query_one(ArticleView)
    start = time.perf_counter()
    pilot.app.simulate_key(key)
    while not arrived():
        if time.perf_counter() - start > 10:
            raise TimeoutError(f"{key} never arrived")
        await asyncio.sleep(0.001)
    _paint(view)
    return (time.perf_counter() - start) * 1000


def _summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 1), "max": round(max(values), 1), "n": len(values)}


async def measure(path: Path, presses: int) -> dict[str, Any]:
    """Open ``path`` in the reader and time first show, full parse, and the jump keys."""
    source = load(str(path))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.build(state=StateStore(Path(tmp) / "state.json"))
        start = time.perf_counter()
        app = make_app(source, settings)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            await _until(pilot, lambda: screen.is_ready)
            shown = time.perf_counter() - start
            await _until(pilot, lambda: screen.complete)
            complete = time.perf_counter() - start
            view = screen.query_one(ArticleView)
            doc = view.doc
            last = len(doc.blocks) - 1
            early_end_ms = await _press(pilot, "G", lambda: last in view.visible_blocks())
            await _press(pilot, "g", lambda: view.scroll_y == 0)
            await _until(pilot, lambda: view.doc_layout is not None and all(view.doc_layout.exact))
            settled = time.perf_counter() - start
            end_ms, top_ms, next_ms, prev_ms = [], [], [], []
            for _ in range(3):
                end_ms.append(await _press(pilot, "G", lambda: last in view.visible_blocks()))
                top_ms.append(await _press(pilot, "g", lambda: view.scroll_y == 0))
            for _ in range(min(presses, len(doc.sections) - 1)):
                before = view.anchor()
                next_ms.append(await _press(pilot, "right_square_bracket", lambda b=before: view.anchor() > b))
            for _ in range(min(presses, len(doc.sections) - 1)):
                before = view.anchor()
                prev_ms.append(await _press(pilot, "left_square_bracket", lambda b=before: view.anchor() < b))
    return {
        "file": str(path),
        "bytes": path.stat().st_size,
        "blocks": len(doc.blocks),
        "shown_s": round(shown, 3),
        "parsed_s": round(complete, 3),
        "settled_s": round(settled, 3),
        "end_before_settled_ms": round(early_end_ms, 1),
        "end_ms": _summary(end_ms),
        "top_ms": _summary(top_ms),
        "next_section_ms": _summary(next_ms),
        "prev_section_ms": _summary(prev_ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--presses", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.file, args.presses))))


if __name__ == "__main__":
    main()
