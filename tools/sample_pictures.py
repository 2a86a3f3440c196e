"""Draw the pictures of sample_posts/ (small PNGs, a few KB), so they can be made again or changed.

    .venv/bin/python tools/sample_pictures.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "sample_posts" / "images"
SIZE = (480, 176)
ROW = 22
FRAMES = ("main", "serve", "handle", "parse", "render", "wrap", "measure", "alloc")


def flame_graph(seed: int = 18) -> Image.Image:
    """A flame graph: stacks of calls, widest at the bottom, in warm colours."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, (24, 24, 32))
    draw = ImageDraw.Draw(image)
    spans = [(0, SIZE[0])]
    for depth in range(SIZE[1] // ROW):
        y = SIZE[1] - (depth + 1) * ROW
        children = []
        for start, end in spans:
            colour = (220 + rng.randrange(35), 80 + rng.randrange(120), 30 + rng.randrange(40))
            draw.rectangle((start, y, end - 2, y + ROW - 2), fill=colour)
            if end - start > 40:
                draw.text((start + 4, y + 5), FRAMES[depth % len(FRAMES)], fill=(40, 20, 10))
            x = start
            while end - x > 24 and rng.random() < 0.8:
                width = rng.randrange(12, max(13, (end - x) * 3 // 4))
                children.append((x, x + width))
                x += width + rng.randrange(0, 12)
        spans = children or spans[:1]
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    flame_graph().save(OUT / "flame-graph.png", optimize=True)


if __name__ == "__main__":
    main()
