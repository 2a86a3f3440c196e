"""Regenerate screenshots/ from the real app, driven headless (at 120x40 unless a scene says otherwise).

    .venv/bin/python tools/screenshots.py          # SVGs (what README shows)
    .venv/bin/python tools/screenshots.py --png    # also PNGs, with rsvg-convert

Each scene opens a post, presses keys, waits for the reader to settle and
saves what the terminal shows. Reading state goes to a temporary directory,
so the user's own is untouched. The ``real-*`` scenes show posts nobody here
wrote: the reference article (``../shared/seed``) and real blogs' posts from
the corpus ``bench/blogs/corpus.py`` fetches; a scene whose post is not on
this machine is skipped with a line saying so.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (120, 40)
SAMPLES = ROOT / "sample_posts"
SEED = ROOT.parent / "shared" / "seed" / "code-highlight-test.md"
BLOGS = Path("/work/corpora/blogs")
"""Where ``bench/blogs/corpus.py`` puts the real blogs (its ``OUT``)."""


@dataclass(frozen=True)
class Scene:
    name: str
    post: Path
    keys: tuple[str, ...] = ()
    library: bool = False
    """List the folder ``post`` instead of reading one post."""
    size: tuple[int, int] = SIZE


SCENES = (
    Scene("library", SAMPLES, library=True),
    Scene("library-80x24", SAMPLES, ("j", "j"), library=True, size=(80, 24)),
    Scene("reader-chinese", SAMPLES / "zh-ml-intro.md"),
    Scene("reader-code-cursor", SAMPLES / "zh-cuda-shared-memory.md",
          ("right_square_bracket", "right_square_bracket", "tab")),
    Scene("toc-open", SAMPLES / "handbook-long.md", ("t",)),
    Scene("language-picker", SAMPLES / "cuda-kernels.md", ("tab", "tab", "l", "c", "u")),
    Scene("help", SAMPLES / "zh-ml-intro.md", ("question_mark",)),
    Scene("reader-picture", SAMPLES / "reading-flame-graphs.md"),
    Scene("real-seed-repaired", SEED, ("tab",)),
    Scene("real-zh-cuda-post", BLOGS / "juniorprincewang+github.io/source/_posts/CUDA-logic.md", ("t",)),
    Scene("real-ja-math-post", BLOGS / "noho134217728+hono-nikki/src/content/blog/quantum-metric-1.md",
          ("right_square_bracket", "right_square_bracket", "right_square_bracket")),
    Scene("real-hexo-callouts-80x24", BLOGS / "billhu0+billhu-hexo-blog/source/_posts/25_signal.md",
          ("right_square_bracket",), size=(80, 24)),
    Scene("real-library-hexo", BLOGS / "juniorprincewang+github.io/source/_posts", ("j", "j", "j"), library=True),
)


async def shoot(scene: Scene, state: Path) -> Path:
    from mdread.faces.tui.app import Settings, make_app
    from mdread.faces.tui.library import LibraryScreen
    from mdread.faces.tui.reader import ReaderScreen
    from mdread.library.index import Library
    from mdread.load.source import load
    from mdread.platform.config import Config
    from mdread.platform.state import StateStore

    settings = Settings.build(Config(images="blocks"), StateStore(state / f"{scene.name}.json"))
    start = (lambda _: LibraryScreen(Library([str(scene.post)]))) if scene.library else load(str(scene.post))
    app = make_app(start, settings)
    async with app.run_test(size=scene.size) as pilot:
        for _ in range(200):
            await pilot.pause()
            if scene.library or (isinstance(app.screen, ReaderScreen) and app.screen.complete):
                break
        while any(w.group != "watch" and not w.is_finished for w in app.workers):
            await pilot.pause(0.02)
        await pilot.press(*scene.keys)
        await pilot.pause(0.3)
        while any(w.group == "pictures" and not w.is_finished for w in app.workers):
            await pilot.pause(0.02)
        return Path(app.save_screenshot(f"{scene.name}.svg", str(OUT)))


def to_png(svg: Path, convert: Callable[[list[str]], object]) -> None:
    convert(["rsvg-convert", "-o", str(svg.with_suffix(".png")), str(svg)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--png", action="store_true", help="also write PNGs (needs rsvg-convert)")
    args = parser.parse_args()
    if args.png and shutil.which("rsvg-convert") is None:
        print("screenshots: --png needs rsvg-convert (apt-get install librsvg2-bin)", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MDREAD_CONFIG_DIR"] = tmp
        os.environ["MDREAD_CACHE_DIR"] = tmp
        os.chdir(ROOT)
        for scene in SCENES:
            if not scene.post.exists():
                print(f"skipped {scene.name}: {scene.post} is not here (python bench/blogs/corpus.py fetches it)")
                continue
            svg = asyncio.run(shoot(scene, Path(tmp)))
            if args.png:
                to_png(svg, lambda cmd: subprocess.run(cmd, check=True))
            print(svg.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
