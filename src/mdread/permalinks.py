"""Blog permalinks → the post files they name, so the reader can follow them.

A Hexo or Jekyll post links to another by the address the site gives it
(``/2025/10/02/slug/``, ``{% post_link slug %}``), a Hugo post by its content
path (``{{< ref "/post/slug" >}}``); none of these is a file. Each engine
names a post's address after its file by default (Hexo's ``:title``,
Jekyll's ``YYYY-MM-DD-title.md``, Hugo's file or page-bundle folder), so the
post is the Markdown file of that name under the library's folders, or
under the site the article belongs to. Pure functions over paths, apart from
listing folders; :func:`mdread.links.classify` is asked first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mdread.library.discover import discover

SITE_FILES = ("_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "config.toml", "astro.config.mjs",
              "package.json")
"""Files at the root of a Hexo, Jekyll, Hugo, Astro or VuePress site."""
MAX_SITE_DEPTH = 6
"""Folders above an article searched for the root of its site."""
CONTENT_FOLDERS = ("source", "_posts", "content", "src/content", "docs", "posts")
"""Where sites keep their posts: a folder with a site's config but none of these is no site (a home folder)."""
PAGE_SUFFIXES = (".html", ".htm", ".md", ".markdown")
INDEX_NAMES = frozenset({"index", "_index", "readme"})
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _segments(href: str) -> list[str] | None:
    """The path segments of a link inside the site, page suffix dropped; None for another site's address."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc:
        return None
    segments = [s for s in unquote(parts.path).split("/") if s and s != "."]
    if not segments:
        return None
    last = segments[-1]
    for suffix in PAGE_SUFFIXES:
        if last.lower().endswith(suffix):
            segments[-1] = last[: -len(suffix)]
            break
    if segments[-1].lower() in INDEX_NAMES and len(segments) > 1:
        segments.pop()
    return segments if segments[-1] else None


def _post_segments(path: Path) -> list[str]:
    """A post file's path as a permalink would name it: a bundle's ``index.md`` by its folder, no Jekyll date."""
    parts = list(path.with_suffix("").parts)
    if parts and parts[-1].lower() in INDEX_NAMES and len(parts) > 1:
        parts.pop()
    parts[-1] = _DATE_PREFIX.sub("", parts[-1])
    return parts


def _score(wanted: list[str], have: list[str]) -> int:
    """How many trailing segments agree (case ignored); 0 unless the last one, the slug, does."""
    count = 0
    for want, got in zip(reversed(wanted), reversed(have), strict=False):
        if want.lower() != got.lower():
            break
        count += 1
    return count


def find_post(href: str, roots: Iterable[Path]) -> Path | None:
    """The post under ``roots`` that the permalink ``href`` names, the one sharing most of its path; or None."""
    wanted = _segments(href)
    if wanted is None:
        return None
    folders = sorted({str(root) for root in roots if root.is_dir()})
    best: tuple[int, str] | None = None
    for found in discover(folders):
        score = _score(wanted, _post_segments(Path(found.path)))
        if score and (best is None or score > best[0]):
            best = (score, found.path)
    return Path(best[1]) if best else None


def site_root(article: Path) -> Path:
    """The nearest folder above an article with a site's config and posts, else the article's own folder."""
    folder = article.parent
    for candidate in [folder, *folder.parents][:MAX_SITE_DEPTH]:
        if any((candidate / name).is_file() for name in SITE_FILES):
            if any((candidate / name).is_dir() for name in CONTENT_FOLDERS):
                return candidate
            break
    return folder


def post_roots(article: Path | None, library: Sequence[str] = ()) -> list[Path]:
    """Where to look for a post: the library's folders, and the site of the article being read."""
    roots = [Path(root) for root in library]
    if article is not None:
        roots.append(site_root(article))
    return roots
