"""Pictures: does a post with 20 of them paint its first screen as soon as the same post without them?

Builds, in a temporary folder, a post of 20 sections, each with prose and a
picture (1200×675 PNGs and JPEGs with real texture, 0.2-1 MB each), and the
same post with the picture lines taken out. Each is opened in the reader in a
120×40 tmux (half blocks there), A/B alternated; first screen is the time
until the first paragraph's words are on screen, first picture the time
until half blocks are. Then, in this process, the cost of each step for the
20 files: reading headers, importing Pillow, decoding at the reader's size.

Usage: ``.venv/bin/python bench/pictures_bench.py [--runs N]``; prints a table and JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import Session

ROOT = Path(__file__).resolve().parent.parent
PICTURES = 20
SIZE = (120, 40)
FIRST_WORDS = "Every section of this post"
CAP = 30.0


def make_pictures(folder: Path) -> list[str]:
    """Twenty photos-like pictures: gradients under noise, so they compress (and decode) like real ones."""
    from PIL import Image, ImageDraw

    names = []
    for i in range(PICTURES):
        noise = Image.effect_noise((1200, 675), 40 + i).convert("RGB")
        gradient = Image.linear_gradient("L").resize((1200, 675)).convert("RGB")
        image = Image.blend(noise, gradient, 0.5)
        ImageDraw.Draw(image).ellipse((100 + 20 * i, 100, 700 + 20 * i, 600), fill=(200, 60 + 8 * i, 40))
        name = f"figure-{i:02}.{'jpg' if i % 2 else 'png'}"
        image.save(folder / name, quality=90) if i % 2 else image.save(folder / name)
        names.append(name)
    return names


def make_posts(folder: Path) -> tuple[Path, Path]:
    names = make_pictures(folder)
    prose = ("Every section of this post has a paragraph of plain words and then a figure, the way "
             "a tutorial with screenshots is written. ") * 3
    with_pictures, without = ["# Twenty figures\n"], ["# Twenty figures\n"]
    for i, name in enumerate(names):
        section = f"\n## Step {i + 1}\n\n{prose}\n"
        with_pictures.append(section + f"\n![Figure {i + 1}: the screen after step {i + 1}]({name})\n")
        without.append(section)
    (folder / "pictures.md").write_text("".join(with_pictures))
    (folder / "plain.md").write_text("".join(without))
    return folder / "pictures.md", folder / "plain.md"


def first_paint(post: Path, home: Path, wait_for: str) -> float | None:
    env = {"MDREAD_STATE_DIR": str(home / "state"), "MDREAD_CONFIG_DIR": str(home / "config"),
           "MDREAD_CACHE_DIR": str(home / "cache"), "TERM": "tmux-256color", "COLORTERM": "truecolor",
           "PATH": os.environ.get("PATH", "")}
    argv = [sys.executable, "-m", "mdread", "--images", "blocks", str(post)]
    with Session(f"mdread-pictures-{os.getpid()}", argv, env, SIZE) as session:
        return session.wait_for(wait_for, CAP).seconds


def in_process_costs(folder: Path) -> dict[str, float]:
    """Milliseconds for the 20 files: headers, Pillow's import, and decoding at the size the reader draws."""
    from mdread.load.images import read_header
    from mdread.render.picture_cache import Pictures

    names = sorted(p.name for p in folder.glob("figure-*"))
    start = time.perf_counter()
    for name in names:
        read_header(folder / name)
    header_ms = (time.perf_counter() - start) * 1000
    probe = "import time; t = time.perf_counter(); import PIL.Image; print(time.perf_counter() - t)"
    imports = [float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(5)]
    import_ms = statistics.median(imports) * 1000
    pictures = Pictures(folder, max_rows=SIZE[1] // 2)
    decode_ms = []
    for name in names:
        look = pictures.look(name)
        box = pictures.box(look, SIZE[0] - 2)
        start = time.perf_counter()
        pictures.decode(look, box)
        decode_ms.append((time.perf_counter() - start) * 1000)
    png = [ms for name, ms in zip(names, decode_ms, strict=True) if name.endswith(".png")]
    jpg = [ms for name, ms in zip(names, decode_ms, strict=True) if name.endswith(".jpg")]
    return {"headers_20_ms": round(header_ms, 2), "pillow_import_ms": round(import_ms, 1),
            "decode_png_median_ms": round(statistics.median(png), 1),
            "decode_jpeg_median_ms": round(statistics.median(jpg), 1),
            "decode_all_20_ms": round(sum(decode_ms), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pictures, plain = make_posts(folder)
        sizes = sorted(p.stat().st_size for p in folder.glob("figure-*"))
        times: dict[str, list[float]] = {"with 20 pictures": [], "without pictures": [], "first picture drawn": []}
        for _ in range(args.runs):
            for name, post in (("with 20 pictures", pictures), ("without pictures", plain)):
                seconds = first_paint(post, folder, FIRST_WORDS)
                if seconds is None:
                    print(f"{name}: never painted", file=sys.stderr)
                    return 1
                times[name].append(seconds)
            drawn = first_paint(pictures, folder, "▀▀▀▀▀▀▀▀▀▀")
            if drawn is not None:
                times["first picture drawn"].append(drawn)
        result = {name: {"median_ms": round(statistics.median(v) * 1000), "min_ms": round(min(v) * 1000),
                         "max_ms": round(max(v) * 1000), "n": len(v)} for name, v in times.items() if v}
        ratio = statistics.median(times["with 20 pictures"]) / statistics.median(times["without pictures"])
        result["ratio_with_to_without"] = round(ratio, 3)
        result["picture_files_kb"] = [round(sizes[0] / 1024), round(sizes[-1] / 1024)]
        result["in_process"] = in_process_costs(folder)
    for name, value in result.items():
        print(f"{name:>24}: {value}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
