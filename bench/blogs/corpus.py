"""Rebuild the corpus of real blog posts that bench/blogs/check.py reads.

The posts come from public blogs built with Hexo, Hugo, Jekyll, Astro and VuePress, pinned to
the commit each was taken at. Nobody on the project wrote them, and they stay out of the
repository: this script puts them under ``/work/corpora/blogs/<owner+repo>/`` (``--out``),
keeping each post's path inside its repository and the site's config files beside it
(``_config.yml``, ``package.json``, ``config.toml`` …), so that a folder of posts can be
recognised as the site it came from (a Hexo ``source/_posts`` has its ``_config.yml`` two
levels up).

Each repository is read from a local git directory when one holds the commit (``--mirrors``,
laid out as ``<owner+repo>/repo``), else cloned from GitHub. From each, at most ``cap`` posts
are taken, evenly spaced over the sorted paths, so no single blog dominates. ``MANIFEST.json``
lists every post with its repository, commit, path and language (``zh``, ``ja`` or ``en``,
from the share of kana and han in it).

Usage: ``python bench/blogs/corpus.py [--out DIR] [--mirrors DIR]``
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

OUT = Path("/work/corpora/blogs")
MIRRORS = Path("/work/.mirror")
POST = re.compile(r"\.(md|markdown)$")
CONFIGS = re.compile(r"^(_config\.yml|package\.json|config\.toml|hugo\.toml|astro\.config\.mjs"
                     r"|docs/\.vuepress/config\.js)$")
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Blog:
    """One public blog: where its posts are, at which commit, and how many to take."""

    repo: str
    commit: str
    engine: str
    posts: tuple[str, ...]
    cap: int


BLOGS = (
    Blog("suyu0925/hexo-blog", "57762ae323e56056580214177840fe9f280f3db5", "hexo", ("source/_posts/",), 60),
    Blog("lixingcong/my-hexo-blog2", "a4c3651654ccc58d152bfe23b61895b63f8c880d", "hexo", ("source/_posts/",), 60),
    Blog("juniorprincewang/github.io", "bea379baa16e83b5313986d365b2960e123786f2", "hexo", ("source/_posts/",), 60),
    Blog("billhu0/billhu-hexo-blog", "3d8cc4432a73fa49a30b3a86c6606a1e8174e248", "hexo", ("source/_posts/",), 50),
    Blog("MaskRay/maskray.me", "3bf6b5c553fde2372f4a5e72c1b91d74ddc15902", "hexo", ("source/_posts/",), 50),
    Blog("wangtunan/blog", "65eb964e4820523e083313626c4d765e56f70334", "vuepress", ("docs/",), 50),
    Blog("mincong-h/mincong-h.github.io", "636397b32ee5a71160bbe6aaa0a10fe465256f58", "jekyll", ("_posts/",), 30),
    Blog("mincong-h/mincong-h.github.io", "636397b32ee5a71160bbe6aaa0a10fe465256f58", "jekyll", ("_cn/",), 20),
    Blog("htakeuchi0/htakeuchi0.github.io-sources", "d5dc20cff3ea1ecab54e0fe29425d1f7d51878e9", "hugo",
         ("content/",), 40),
    Blog("qitoy/qitoy.github.io", "0813df90efb79ef316359ccdb061cdeb1fb3dc4c", "hugo", ("content/",), 40),
    Blog("noho134217728/hono-nikki", "ae1dd25dd569719526300bbb3c8f8ec99cdbf6b0", "astro", ("src/content/blog/",), 40),
)
"""Never add adambard/learnxinyminutes-docs or KaleidScoper/kaleidscoper.github.io: they are kept
aside for acceptance."""


def git(gitdir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gitdir), *args], check=True, capture_output=True).stdout


def has_commit(gitdir: Path, commit: str) -> bool:
    probe = subprocess.run(["git", "--git-dir", str(gitdir), "cat-file", "-e", f"{commit}^{{commit}}"],
                           capture_output=True)
    return probe.returncode == 0


def gitdir_for(blog: Blog, mirrors: Path, scratch: Path) -> Path:
    """A git directory holding ``blog.commit``: the local mirror, or a fresh clone from GitHub."""
    local = mirrors / blog.repo.replace("/", "+") / "repo"
    for candidate in (local / ".git", local):
        if candidate.is_dir() and has_commit(candidate, blog.commit):
            return candidate
    clone = scratch / blog.repo.replace("/", "+")
    if not clone.exists():
        subprocess.run(["git", "clone", "--bare", "--filter=blob:none", f"https://github.com/{blog.repo}", str(clone)],
                       check=True)
    return clone


def evenly(paths: list[str], cap: int) -> list[str]:
    """At most ``cap`` of ``paths``, spread over the whole sorted list."""
    if len(paths) <= cap:
        return paths
    return [paths[i * len(paths) // cap] for i in range(cap)]


def language(text: str) -> str:
    if len(KANA.findall(text)) > 20:
        return "ja"
    return "zh" if len(HAN.findall(text)) > 50 else "en"


def build(out: Path, mirrors: Path) -> list[dict[str, str]]:
    manifest: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for blog in BLOGS:
            gitdir = gitdir_for(blog, mirrors, Path(scratch))
            names = git(gitdir, "ls-tree", "-r", "--name-only", blog.commit).decode().splitlines()
            posts = sorted(n for n in names if n.startswith(blog.posts) and POST.search(n))
            keep = evenly(posts, blog.cap) + [n for n in names if CONFIGS.match(n)]
            root = out / blog.repo.replace("/", "+")
            for name in keep:
                data = git(gitdir, "show", f"{blog.commit}:{name}")
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                if POST.search(name):
                    manifest.append({"repo": blog.repo, "commit": blog.commit, "engine": blog.engine,
                                     "path": f"{root.name}/{name}",
                                     "language": language(data.decode("utf-8", "replace"))})
    (out / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--mirrors", type=Path, default=MIRRORS)
    args = parser.parse_args()
    manifest = build(args.out, args.mirrors)
    blogs = {m["repo"] for m in manifest}
    langs = {lang: sum(m["language"] == lang for m in manifest) for lang in ("zh", "ja", "en")}
    print(f"{len(manifest)} posts from {len(blogs)} blogs in {args.out}: {langs}")


if __name__ == "__main__":
    main()
