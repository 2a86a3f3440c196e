"""Reading posts for the index: the per-file work of a scan, kept as small as it can be.

A library can hold tens of thousands of posts, so this is the cold scan's whole
cost: read the bytes, decode, split and normalise the frontmatter (the reader's
own code, so both agree, with fast paths for plain YAML and TOML that give the
same fields), and only when the frontmatter lacks a title or a description,
parse the top of the body for the first H1 or paragraph, with the reader's
rules. No Rich is imported here. These functions run in pool processes.
"""

from __future__ import annotations

import os
import re
import stat

from mdread.library import simple_toml, simple_yaml
from mdread.library.post import SEPARATOR, date_key
from mdread.library.terms import index_text
from mdread.load import encodings
from mdread.load import frontmatter as meta
from mdread.model import plain, reading_minutes
from mdread.parse.inline import inline_runs
from mdread.parse.markdown import markdown
from mdread.parse.scan import quick_prefix

MAX_DESCRIPTION = 240
MAX_BYTES = 200 * 1024 * 1024

_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？])")
_COLONS = (":", "：", "︰", "﹕")
_MDX_ESM = re.compile(r"(?:import|export) ")
"""MDX's module lines, which read as a paragraph but are not the post's first words."""
SUMMARY_PREFIX = 16 * 1024
"""The top of a body read for its title and first sentence; the whole only when they are not in it."""

Record = tuple[object, ...]
"""A row for the index: ``path, root, size, mtime_ns`` (size and time as read), then the fields of
:class:`~mdread.library.post.Post` up to ``draft`` (date as ISO text followed by
its sort key, lists joined by :data:`~mdread.library.post.SEPARATOR`, draft as
0/1), then the warnings joined the same way."""

Pending = tuple[int, str, str, str, str, str]
"""``(rowid, path, title, tags, categories, description)`` of a post whose full text is not indexed yet."""


def _split(text: str) -> meta.Split:
    return simple_yaml.split(text) or simple_toml.split(text) or meta.split(text)


def summary(body: str) -> tuple[str | None, str | None]:
    """The first top-level H1's text and the first sentence of the first real paragraph, as the reader sees them.

    A paragraph that only announces what follows (``前言：``, ``Usage:``) is no
    summary of the post, so the next one is taken.

    Both come from markdown-it and the reader's own inline rules, so a heading
    inside a comment or a fence is no title, and a title written with markup
    reads as it does in the reader. The top of the body usually holds both;
    the whole is parsed only when it does not.
    """
    prefix = quick_prefix(body, SUMMARY_PREFIX // 2)
    title, paragraph, label = _summary(prefix) if prefix is not None else (None, None, None)
    if prefix is None or title is None or paragraph is None:
        whole = _summary(body)
        title, paragraph, label = title or whole[0], paragraph or whole[1], label or whole[2]
    paragraph = paragraph or label
    return title, _first_sentence(paragraph) if paragraph else None


def _summary(text: str) -> tuple[str | None, str | None, str | None]:
    """The first h1, the first paragraph that is not a label, and the first label (for a post with no other)."""
    title = paragraph = label = None
    tokens = markdown().parse(text)
    for i, tok in enumerate(tokens[:-1]):
        if tok.level != 0 or (title is not None and paragraph is not None):
            continue
        if tok.type == "heading_open" and tok.tag == "h1" and title is None:
            title = plain(inline_runs(tokens[i + 1])) or None
        elif tok.type == "paragraph_open" and paragraph is None:
            runs = inline_runs(tokens[i + 1])
            text = " ".join(plain(runs).split())
            if not text or _MDX_ESM.match(text) or all("image" in run.marks or not run.text.strip() for run in runs):
                continue
            if not _is_label(text):
                paragraph = text
            elif label is None:
                label = text
    return title, paragraph, label


def _is_label(text: str) -> bool:
    """Whether a paragraph only announces what follows (``前言：``, ``Install it:``): no sentence, ends in a colon."""
    return _first_sentence(text).endswith(_COLONS)


def _first_sentence(text: str) -> str:
    match = _SENTENCE.match(text)
    sentence = match.group() if match else text
    if len(sentence) > MAX_DESCRIPTION:
        sentence = sentence[:MAX_DESCRIPTION].rsplit(" ", 1)[0] + "…"
    return sentence


def _name_source(path: str) -> str:
    """The path whose stem names an untitled post: a page bundle's ``slug/index.md`` is named by its folder."""
    folder, name = os.path.split(path)
    return folder if name.split(".", 1)[0] in ("index", "_index") and folder else path


def _read(path: str, encoding: str | None) -> tuple[str, str | None, int, int]:
    """The decoded text, or ``""`` and why it could not be had; then the size and time of what was read.

    Size and time come from the open file, so a file that changes while it is
    read is seen as changed again by the next scan; an unreadable file gets
    zeros, so the next scan tries it again. Plain ``os`` calls cost half of
    what a buffered file object does, which counts ten thousand times over.
    The open does not block, so a FIFO put in a post's place is refused, not
    waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return "", "not a regular file", 0, 0
            if info.st_size > MAX_BYTES:
                return "", f"larger than {MAX_BYTES >> 20} MB; not read", info.st_size, info.st_mtime_ns
            data = os.read(fd, info.st_size + 1)
            while len(data) > info.st_size and len(data) <= MAX_BYTES:
                more = os.read(fd, 1 << 20)
                if not more:
                    break
                data += more
        finally:
            os.close(fd)
    except OSError as exc:
        return "", f"cannot read: {exc.strerror or exc}", 0, 0
    try:
        return encodings.decode(data, encoding).text, None, info.st_size, info.st_mtime_ns
    except encodings.NotText:
        return "", "not a text file", info.st_size, info.st_mtime_ns


def read_record(path: str, root: int, encoding: str | None = None) -> Record:
    """Read one file into an index row; a file that cannot be read or decoded is still a row, with a warning."""
    text, problem, size, mtime_ns = _read(path, encoding)
    split = _split(text)
    body = split.body
    titled = meta.has_title(split)
    described = bool(str(split.fields.get("description") or "").strip())
    title, sentence = summary(body) if not (titled and described) else (None, None)
    data = meta.normalise(split, first_h1=title, path=_name_source(path))
    warnings = (*data.warnings, problem) if problem else data.warnings
    return (
        path,
        root,
        size,
        mtime_ns,
        data.title,
        meta.iso(data.date),
        date_key(data.date) if data.date is not None else None,
        SEPARATOR.join(data.tags),
        SEPARATOR.join(data.categories),
        data.author,
        data.description or sentence,
        int(data.draft),
        SEPARATOR.join(warnings),
    )


def read_records(chunk: list[tuple[str, int]], encoding: str | None = None) -> list[Record]:
    """:func:`read_record` over ``(path, root)`` pairs: the unit of work a pool process is given."""
    return [read_record(path, root, encoding) for path, root in chunk]


def read_full_text(chunk: list[Pending], encoding: str | None = None) -> list[tuple[object, ...]]:
    """``(rowid, reading minutes, search text of title, tags, description, body)`` per pending post.

    This is the half of indexing that reads whole bodies; it runs on the first
    search, or behind the library screen, never before a listing.
    """
    out: list[tuple[object, ...]] = []
    for rowid, path, title, tags, categories, description in chunk:
        body = _split(_read(path, encoding)[0]).body
        out.append((rowid, reading_minutes(body), index_text(title), index_text(tags, categories),
                    index_text(description), index_text(body)))
    return out
