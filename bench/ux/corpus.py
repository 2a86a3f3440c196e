"""Rebuild the two real blogs the library and reader were tried on for issue 17, as a new user would.

A Hexo blog in Chinese (categories as nested lists, posts opening with ``## 前言``, long code-heavy
tutorials) and a Jekyll blog in Chinese (``YYYY-MM-DD-slug.markdown`` file names, categories and
tags), each pinned to the commit it was taken at. They stay out of the repository: this script puts
each blog's posts under ``/work/corpora/ux/<owner+repo>/`` (``--out``), keeping their paths, so
``mdread /work/corpora/ux/kebingzao+blog_hexo/source/_posts`` is the library a user would open.

Each repository is read from a local git directory when one holds the commit (``--mirrors``), else
cloned from GitHub (see ``bench/blogs/corpus.py``, whose helpers this reuses).

Usage: ``python bench/ux/corpus.py [--out DIR] [--mirrors DIR]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "blogs"))

from corpus import MIRRORS, POST, Blog, evenly, git, gitdir_for

OUT = Path("/work/corpora/ux")
BLOGS = (
    Blog("kebingzao/blog_hexo", "f60f0f7ce8c849ac583ce2522d05e5985e36a9eb", "hexo", ("source/_posts/",), 80),
    Blog("levinxo/jekyll-blog", "11bfb2b1e3476fa5107cb21baa9d8c90ffbd8abe", "jekyll", ("_posts/",), 80),
)
"""Never add adambard/learnxinyminutes-docs or KaleidScoper/kaleidscoper.github.io: kept for acceptance."""


def build(out: Path, mirrors: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for blog in BLOGS:
            gitdir = gitdir_for(blog, mirrors, Path(scratch))
            names = git(gitdir, "ls-tree", "-r", "--name-only", blog.commit).decode().splitlines()
            posts = evenly(sorted(n for n in names if n.startswith(blog.posts) and POST.search(n)), blog.cap)
            root = out / blog.repo.replace("/", "+")
            for name in posts:
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(git(gitdir, "show", f"{blog.commit}:{name}"))
            counts[f"{root}/{blog.posts[0]}"] = len(posts)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    args = parser.parse_args()
    for folder, count in build(args.out, args.mirrors).items():
        print(f"{count:4} posts in {folder}")


if __name__ == "__main__":
    main()
