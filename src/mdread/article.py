"""Opening an article: the one way every face reads, decodes, repairs and parses a post.

The pipe face, the reader (first load, reload, the repaired/stored swap) and
posts opened from the library or through a link all come through here, so
they agree on what an article says and on what the user is told about it.
Each face maps its own arguments onto :class:`LoadOptions`.

A short article the reader opens is also kept, parsed, in the cache folder
(:func:`open_kept`): opened again, unchanged and the same way, it is shown
without being decoded, repaired or parsed, and without importing markdown-it,
which is why the parser is imported here only when something is parsed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mdread.load import source as sources
from mdread.load.site import hexo_breaks
from mdread.load.source import Source
from mdread.model import Document
from mdread.platform.cache import Entries, new_key

KEEP_BYTES = 64_000
"""Articles up to this size are kept parsed: the everyday post, which the reader parses on the spot anyway."""
KEPT = Entries("articles", max_total=64 << 20)


@dataclass(frozen=True)
class LoadOptions:
    """How a file becomes text, and that text a document.

    Attributes:
        encoding: Decode with this encoding instead of detecting one.
        repair: Repair mojibake (UTF-8 once read as a Windows code page).
        breaks: Read single newlines as line breaks (markdown-it's ``breaks``); None
            leaves it to where the post lives: on in a Hexo site's posts, whose
            renderer does it (see :mod:`mdread.load.site`), off elsewhere.
    """

    encoding: str | None = None
    repair: bool = True
    breaks: bool | None = None


@dataclass(frozen=True)
class Article:
    """An article opened: its text, its parsed document, and what the user should be told.

    Attributes:
        source: The decoded (and repaired) text and where it came from.
        document: The parsed article.
        warnings: Problems found while opening it (broken frontmatter…), as
            sentences without the file's name: the face says whose they are.
            Repair is not among them: ``source.repair`` tells it, and each face
            says it its own way.
    """

    source: Source
    document: Document
    warnings: tuple[str, ...]

    @property
    def name(self) -> str:
        """The article's name as it can be shown in a message."""
        return sources.display_name(self.source.name)


TopHandler = Callable[[Article, bool], object]
"""Gets the top of a long article while the rest is parsed, and whether its title is final."""


def read_source(target: str, options: LoadOptions, *, fifo: bool = False) -> Source:
    """Read and decode ``target`` (``-`` is stdin), repairing it unless told not to.

    Only a regular file is read, never waited on; ``fifo`` also reads a FIFO,
    for the file the user named on the command line (``mdread <(curl …)``).

    Raises:
        UserError: The file cannot be read, is too large, or is not text.
    """
    return sources.load(target, encoding=options.encoding, repair=options.repair, fifo=fifo)


def parse_article(source: Source, *, breaks: bool | None = None, on_top: TopHandler | None = None,
                  fork: bool = False) -> Article:
    """Parse ``source`` into an :class:`Article`.

    ``breaks`` is :attr:`LoadOptions.breaks`. ``on_top`` gets a long article's
    first part as an article of its own while the rest is parsed, so a face can
    show the top at once. ``fork`` parses a long body in forked processes, one
    per core; only a process with no other thread may ask for it.
    """
    from mdread.parse.parallel import parse_parts

    path = str(source.path) if source.path else None
    if breaks is None:
        breaks = hexo_breaks(source.path)

    def top(document: Document, settled: bool) -> None:
        if on_top is not None:
            on_top(Article(source, document, document.metadata.warnings), settled)

    document = parse_parts(source.text, path=path, on_first=top if on_top is not None else None, fork=fork,
                           breaks=breaks)
    return Article(source, document, document.metadata.warnings)


def open_article(target: str, options: LoadOptions, *, on_top: TopHandler | None = None,
                 fork: bool = False, fifo: bool = False) -> Article:
    """:func:`read_source`, then :func:`parse_article`."""
    return parse_article(read_source(target, options, fifo=fifo), breaks=options.breaks, on_top=on_top, fork=fork)


def open_kept(target: str, options: LoadOptions, *, cache: bool = True) -> Article | None:
    """The short article in the regular file ``target``, as it was kept when opened before, else opened and kept.

    None for anything else (stdin, a FIFO, an article over :data:`KEEP_BYTES`),
    which the caller opens its own way. Without ``cache`` the article is
    opened, neither looked for nor kept. An entry is named by the file's bytes,
    name, path and time, ``options``, the Hexo site the post sits in and the
    code that parsed it; the bytes are read once, so what is kept is what
    they say even if the file changes meanwhile.

    Raises:
        UserError: As :func:`read_source`.
    """
    if target == "-" or not os.path.isfile(target) or os.path.getsize(target) > KEEP_BYTES:
        return None
    data, path = sources.read_bytes(target)
    if len(data) > KEEP_BYTES or path is None:
        return None
    breaks = hexo_breaks(path) if options.breaks is None else options.breaks
    if not cache:
        return parse_article(sources.decode(data, target, path, encoding=options.encoding, repair=options.repair),
                             breaks=breaks)
    key = new_key(b"article")
    key.update(f"{options!r} {breaks} {target!r} {Path(target).resolve()} {os.stat(target).st_mtime_ns}\n".encode(
        errors="surrogateescape"))
    key.update(data)
    name = key.hexdigest()
    kept = _unpickle(KEPT.get(name))
    if kept is not None:
        return kept
    article = parse_article(sources.decode(data, target, path, encoding=options.encoding, repair=options.repair),
                            breaks=breaks)
    with contextlib.suppress(pickle.PicklingError, TypeError, RecursionError):
        KEPT.put(name, pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
    return article


def _unpickle(payload: bytes | None) -> Article | None:
    """The article in a cache entry; None if there is none. The entry passed its digest, and mdread wrote it."""
    if payload is None:
        return None
    try:
        article = pickle.loads(payload)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError, RecursionError):
        return None
    return article if isinstance(article, Article) else None


class _TopReady(Exception):
    """Raised from a parse's first-part hook to stop the parse there, carrying that part."""

    def __init__(self, article: Article) -> None:
        super().__init__("top ready")
        self.article = article


def _stop_at_top(article: Article, _settled: bool) -> None:
    raise _TopReady(article)


@dataclass(frozen=True)
class Opening:
    """What the reader's first screen needs of an article, as :func:`open_start` finds it.

    Attributes:
        article: The article whole, or only its first part.
        whole: Whether ``article`` is the whole article.
        fences: Characters of code per fence language over the whole text
            (``parse.fences.fence_sizes``), from which the reader chooses its
            grammars: counted here, beside the parse, a 5 MB article's scan
            stays off the way to its first screen.
    """

    article: Article
    whole: bool
    fences: dict[str, int]


def open_start(target: str, options: LoadOptions, *, cache: bool = True) -> Opening | None:
    """What the reader's first screen needs of the regular file ``target`` (see :class:`Opening`).

    A short article whole (see :func:`open_kept`); a long one read and
    decoded whole but parsed only as far as its first part, which is what a
    reader shows first while it parses the rest itself. None for stdin and
    FIFOs, which the caller reads its own way.

    Raises:
        UserError: As :func:`read_source`.
    """
    from mdread.parse.fences import fence_sizes

    kept = open_kept(target, options, cache=cache)
    if kept is not None:
        return Opening(kept, True, fence_sizes(kept.source.text))
    if target == "-" or not os.path.isfile(target):
        return None
    source = read_source(target, options)
    try:
        article, whole = parse_article(source, breaks=options.breaks, on_top=_stop_at_top), True
    except _TopReady as ready:
        article, whole = ready.article, False
    return Opening(article, whole, fence_sizes(source.text))
