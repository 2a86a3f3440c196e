"""Pictures in real blogs: rebuild the corpus, then count what mdread draws, what it cannot and why.

The corpus is two public blog repositories at fixed commits, unpacked into
``/work/corpora/images/`` (outside the repository; CI never reads it):

* ``rust-lang/blog.rust-lang.org`` (Zola: page bundles with PNGs and SVG charts beside
  ``index.md``, and a ``static/images/`` folder),
* ``webdevphill/webdevphill-hexo-blog`` (Hexo: ``source/_posts`` pointing at
  ``/assets/images/…`` under ``source/``).

A snapshot is brought onto the machine with the ``fetch`` tool (a git
directory under ``/work/.mirror/``); this script unpacks the named commit.
For every post with an image it opens the article the way the reader does,
reads each picture's header and decodes it at the reader's size, and reports
counts by outcome, the reasons for failures, and the decode times.

Usage: ``.venv/bin/python bench/pictures_corpus.py [--mirrors DIR] [--out DIR]``; prints a table and JSON.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mdread.article import LoadOptions, open_article
from mdread.errors import UserError
from mdread.model import Paragraph
from mdread.render.picture import pictures_in
from mdread.render.picture_cache import Pictures

REPOS = {
    "rust-blog": ("rust-lang/blog.rust-lang.org", "0243724c2e50ad2b7ebd3d9dbc7cd88aed7605a3"),
    "hexo-phill": ("webdevphill/webdevphill-hexo-blog", "3783e7a7f91d2cae396a422c803e7a3a36807d19"),
}
MIRRORS = Path("/work/.mirror")
OUT = Path("/work/corpora/images")
WIDTH, ROWS = 118, 20
"""The reader's text width and picture height limit in a 120 × 40 terminal."""


def rebuild(mirrors: Path, out: Path) -> None:
    """Unpack each repository's named commit into ``out/NAME`` unless it is there already."""
    for name, (repo, commit) in REPOS.items():
        target = out / name
        if target.is_dir():
            continue
        mirror = mirrors / repo.replace("/", "+") / "repo"
        if not mirror.is_dir():
            sys.exit(f"pictures_corpus: {mirror} is missing; fetch github:{repo} first")
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(mirror), "archive", commit], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)


def survey(folder: Path) -> dict[str, object]:
    """Outcomes and decode times for every picture of every Markdown post under ``folder``."""
    outcomes: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    decode_ms: list[float] = []
    posts = with_pictures = 0
    inline = 0
    for path in sorted(folder.rglob("*.md")):
        posts += 1
        try:
            doc = open_article(str(path), LoadOptions()).document
        except UserError:
            continue
        pictures = [p for block in doc.blocks for p in pictures_in(block)]
        inline += sum(1 for block in doc.blocks if isinstance(block, Paragraph)
                      for run in block.inline if "image" in run.marks)
        if not pictures:
            continue
        with_pictures += 1
        store = Pictures(path.parent, max_rows=ROWS)
        for picture in pictures:
            look = store.look(picture.src)
            if look.url is not None and look.path is None:
                outcomes["web (not fetched)"] += 1
            elif look.reason is not None:
                outcomes["cannot be drawn"] += 1
                reasons[look.reason.split(" (")[0]] += 1
            else:
                start = time.perf_counter()
                result = store.decode(look, store.box(look, WIDTH))
                decode_ms.append((time.perf_counter() - start) * 1000)
                if isinstance(result, str):
                    outcomes["damaged"] += 1
                    reasons[result] += 1
                elif look.header is not None:
                    outcomes[f"drawn ({look.header.kind})"] += 1
    return {
        "posts": posts, "posts_with_pictures": with_pictures, "inline_images_left_in_prose": inline,
        "pictures": dict(outcomes.most_common()), "reasons": dict(reasons.most_common(8)),
        "decode_ms": {"median": round(statistics.median(decode_ms), 1), "max": round(max(decode_ms), 1),
                      "n": len(decode_ms)} if decode_ms else {},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rebuild(args.mirrors, args.out)
    result = {name: survey(args.out / name) for name in REPOS}
    for name, numbers in result.items():
        print(f"== {name} {REPOS[name][0]}@{REPOS[name][1][:12]}")
        for key, value in numbers.items():
            print(f"  {key}: {value}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
