"""Reading posts for the index: the per-file work of a scan, kept as small as it can be.

A library can hold tens of thousands of posts, so this is the cold scan's whole
cost: read the bytes, decode, split and normalise the frontmatter (the reader's
own code, so both agree, with fast paths for plain YAML and TOML that give the
same fields), and only when the frontmatter lacks a title or a description,
scan the body's lines for the first H1 or paragraph. No Markdown parser and no
Rich are imported here. These functions run in pool processes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator

from mdread.library import simple_toml, simple_yaml
from mdread.library.post import SEPARATOR, date_key
from mdread.library.terms import index_text
from mdread.load import encodings
from mdread.load import frontmatter as meta
from mdread.model import reading_minutes

MAX_DESCRIPTION = 240
MAX_BYTES = 200 * 1024 * 1024

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r" {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_UNDERLINE = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_NOT_PROSE = re.compile(r" {0,3}(#|>|[-*+][ \t]|[0-9]+[.)][ \t]|<|\||!\[|[-*_]([ \t]*[-*_]){2,}[ \t]*$)|    |\t"
                        r"|(import|export) ")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP = re.compile(r"\*\*|__|[*`]|~~")
_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？])")

Record = tuple[object, ...]
"""A row for the index: ``path, root, size, mtime_ns`` (size and time as read), then the fields of
:class:`~mdread.library.post.Post` up to ``draft`` (date as ISO text followed by
its sort key, lists joined by :data:`~mdread.library.post.SEPARATOR`, draft as
0/1), then the warnings joined the same way."""

Pending = tuple[int, str, str, str, str, str]
"""``(rowid, path, title, tags, categories, description)`` of a post whose full text is not indexed yet."""


def _lines(text: str) -> Iterator[str]:
    """Lines one at a time, so a scan that stops at the top does not split a long body whole."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end].rstrip("\r")
        start = end + 1


def _split(text: str) -> meta.Split:
    return simple_yaml.split(text) or simple_toml.split(text) or meta.split(text)


def plain_inline(text: str) -> str:
    """Markdown inline markup dropped: links and images become their text; emphasis and code marks go."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", _IMAGE.sub(r"\1", text)))
    return " ".join(text.split())


def first_h1(body: str) -> str | None:
    """The text of the first top-level H1 (ATX or setext), found by a line scan outside code fences."""
    fence = ""
    previous = ""
    for line in _lines(body):
        if fence:
            fence = "" if line.lstrip().startswith(fence) else fence
            continue
        opened = _FENCE.match(line)
        if opened:
            fence, previous = opened.group(1)[:3], ""
            continue
        atx = _ATX_H1.match(line)
        if atx:
            return plain_inline(atx.group(1) or "") or None
        if previous and line.lstrip(" ").startswith("=") and _UNDERLINE.match(line):
            return plain_inline(previous)
        previous = "" if not line.strip() or _NOT_PROSE.match(line) else line
    return None


def first_sentence(body: str) -> str | None:
    """The first sentence of the first paragraph, for posts that give no description."""
    fence = ""
    paragraph: list[str] = []
    for line in _lines(body):
        if fence:
            fence = "" if line.lstrip().startswith(fence) else fence
            continue
        if paragraph and _UNDERLINE.match(line):
            paragraph = []
            continue
        opened = _FENCE.match(line)
        prose = bool(line.strip()) and not opened and not _NOT_PROSE.match(line)
        if paragraph and not prose:
            break
        if opened:
            fence = opened.group(1)[:3]
        elif prose:
            paragraph.append(line)
    text = plain_inline(" ".join(paragraph))
    if not text:
        return None
    match = _SENTENCE.match(text)
    sentence = match.group() if match else text
    if len(sentence) > MAX_DESCRIPTION:
        sentence = sentence[:MAX_DESCRIPTION].rsplit(" ", 1)[0] + "…"
    return sentence


def _name_source(path: str) -> str:
    """The path whose stem names an untitled post: a page bundle's ``slug/index.md`` is named by its folder."""
    folder, name = os.path.split(path)
    return folder if name.split(".", 1)[0] in ("index", "_index") and folder else path


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _read(path: str, encoding: str | None) -> tuple[str, str | None, int, int]:
    """The decoded text, or ``""`` and why it could not be had; then the size and time of what was read.

    Size and time come from the open file, so a file that changes while it is
    read is seen as changed again by the next scan; an unreadable file gets
    zeros, so the next scan tries it again. Plain ``os`` calls cost half of
    what a buffered file object does, which counts ten thousand times over.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            info = os.fstat(fd)
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
    titled = str(split.fields.get("title") or "").strip()
    data = meta.normalise(split, first_h1=None if titled else first_h1(body), path=_name_source(path))
    warnings = (*data.warnings, problem) if problem else data.warnings
    return (
        path,
        root,
        size,
        mtime_ns,
        data.title,
        _iso(data.date),
        date_key(data.date) if data.date is not None else None,
        SEPARATOR.join(data.tags),
        SEPARATOR.join(data.categories),
        data.author,
        data.description or first_sentence(body),
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
