"""Parsing a long article in parts: on every core, and with its top handed over first.

markdown-it is pure Python, so a 5 MB article takes seconds to parse on one
core. Such a body is cut where every block has ended
(:func:`mdread.parse.scan.cut_points`, checked by :func:`mdread.parse.scan.confirmed`),
each part is parsed in its own forked process and the parts are joined in
order; the top of the article can be handed over first, to be shown while
the rest is parsed. Only the pipe face forks: the reader has threads running,
and forking a threaded process is unsafe, so it parses the parts in turn.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import BinaryIO

from mdread.load import frontmatter as meta
from mdread.model import Document
from mdread.parse import parse
from mdread.parse.build import Part, Start, walk
from mdread.parse.fences import fence_languages
from mdread.parse.markdown import body_tokens, paused_gc
from mdread.parse.scan import confirmed, cut_points
from mdread.parse.sections import assemble
from mdread.platform.parallel import cores, die_with_parent

PARALLEL_PARSE_CHARS = 200_000
"""Below this many characters of body, parsing takes less time than forking saves."""

CONFIRM_COST = 0.25
"""A block-only pass (:func:`mdread.parse.scan.confirmed`) costs about this much of a full parse."""

FIRST_PART_CHARS = 64_000
"""The part parsed first, alone, when the top of the article is wanted early."""

TOP_DRAW_CHARS = 130_000
LANGUAGE_SETUP_CHARS = 50_000
"""Drawing the top, and preparing one language's highlighting for it, take about as long as
parsing this many characters (measured: 3 MB parsed a second, 15 ms a language)."""

class _PartWorker:
    """A forked process that parses one part now and numbers it once told where it starts."""

    def __init__(self, body: str, body_line: int, breaks: bool) -> None:
        self.body, self.body_line, self.breaks = body, body_line, breaks
        to_child, self._to_child = os.pipe()
        self._from_child, from_child = os.pipe()
        parent = os.getpid()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self._to_child)
            os.close(self._from_child)
            with open(to_child, "rb") as inbox, open(from_child, "wb") as outbox:
                os._exit(self._serve(parent, inbox, outbox))
        os.close(to_child)
        os.close(from_child)

    def _serve(self, parent: int, inbox: BinaryIO, outbox: BinaryIO) -> int:
        try:
            die_with_parent(parent)
            with paused_gc():
                tokens = body_tokens(self.body, self.breaks)
                start = pickle.load(inbox)
                pickle.dump(walk(tokens, self.body_line, start), outbox, pickle.HIGHEST_PROTOCOL)
            outbox.flush()
        except BaseException:  # whatever stopped it, the parent parses this part itself
            return 1
        return 0

    def abandon(self) -> None:
        """Stop the worker: its part is not wanted."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._to_child)
        os.close(self._from_child)

    def finish(self, start: Start) -> Part:
        """The part, numbered from ``start``; parsed here instead if the worker failed."""
        try:
            with open(self._to_child, "wb") as outbox:
                pickle.dump(start, outbox)
            with open(self._from_child, "rb") as inbox, paused_gc():
                part = pickle.load(inbox)
        except Exception:  # a dead worker or a torn answer: parse the part here
            part = None
        finally:
            os.waitpid(self.pid, 0)
        if not isinstance(part, Part):
            with paused_gc():
                part = walk(body_tokens(self.body, self.breaks), self.body_line, start)
        return part


def parse_parts(text: str, *, path: str | None = None, on_first: Callable[[Document, bool], object] | None = None,
                fork: bool = True, breaks: bool = False) -> Document:
    """:func:`mdread.parse.parse`, in parts: the same document, sooner for a long body.

    With ``fork``, the parts are parsed by forked processes, one per core.
    Every cut is confirmed by markdown-it's block parser while they parse
    (:func:`mdread.parse.scan.confirmed`); when one is not, the workers are
    stopped and the text is parsed whole. With ``on_first``, a long body's
    first 64 KB or so is parsed alone and handed over as a document of its
    own while the rest is parsed, so a face can show the top of a huge article
    at once; it is handed over only when it is what the whole starts with (its
    cut confirmed), with whether its title is settled: given by the
    frontmatter or an H1 of its own, so that no heading further down can
    change it. ``breaks`` is :func:`mdread.parse.parse`'s.
    """
    split = meta.split(text)
    body = split.body
    processes = cores() if fork and len(body) >= PARALLEL_PARSE_CHARS else 1
    first = FIRST_PART_CHARS if on_first is not None and len(body) > 2 * FIRST_PART_CHARS else None
    head = 0 if first is None else TOP_DRAW_CHARS + LANGUAGE_SETUP_CHARS * len(fence_languages(body[:first]))
    cuts = cut_points(body, _targets(len(body), processes, first, head))
    if not cuts:
        return parse(text, path=path, breaks=breaks)
    bounds = [0, *cuts, len(body)]
    parts = [(begin, end, split.body_line + body.count("\n", 0, begin)) for begin, end in itertools.pairwise(bounds)]
    own = min(len(parts), 2 if first is not None else 1)
    workers = [_fork(body[begin:end], line, breaks) if processes > 1 else None for begin, end, line in parts[own:]]
    done: list[Part] = []
    if on_first is not None and first is not None:
        if confirmed(body, cuts[:1]) < 1:
            return _abandon(workers, text, path, breaks)
        done.append(_walk(body, parts[0], Start(), breaks))
        settled = meta.has_title(split) or any(h.level == 1 for _, h in done[0].headings)
        on_first(assemble(text, split, done, path), settled)
    if confirmed(body, cuts) < len(cuts):
        return _abandon(workers, text, path, breaks)
    for i in range(len(done), len(parts)):
        start = Start(
            blocks=sum(len(p.blocks) for p in done),
            sections=sum(len(p.headings) for p in done),
            code=sum(len(p.code) for p in done),
        )
        worker = workers[i - own] if i >= own else None
        done.append(worker.finish(start) if worker is not None else _walk(body, parts[i], start, breaks))
    return assemble(text, split, done, path)


def _targets(size: int, processes: int, first: int | None, head: int) -> list[int]:
    """Where to cut a body of ``size`` characters for ``processes`` processes.

    After ``first`` characters when the top is wanted early; then so that
    every process has as much to do. This one also confirms the cuts, and
    draws the top, work reckoned as parsing ``head`` characters.
    """
    targets = [first] if first is not None else []
    if processes < 2:
        return targets
    workers = processes - 1
    own_end = max(first or 0, (size / workers - head) / (1 + CONFIRM_COST + 1 / workers))
    share = (size - own_end) / workers
    return targets + [int(own_end + share * i) for i in range(workers)]


def _walk(body: str, part: tuple[int, int, int], start: Start, breaks: bool) -> Part:
    begin, end, line = part
    with paused_gc():
        return walk(body_tokens(body[begin:end], breaks), line, start)


def _abandon(workers: list[_PartWorker | None], text: str, path: str | None, breaks: bool) -> Document:
    """Stop ``workers`` and parse ``text`` whole, in this process."""
    for worker in workers:
        if worker is not None:
            worker.abandon()
    return parse(text, path=path, breaks=breaks)


def _fork(body: str, body_line: int, breaks: bool) -> _PartWorker | None:
    """A worker parsing ``body``, or None when no process can be forked (this one parses it then)."""
    try:
        return _PartWorker(body, body_line, breaks)
    except OSError:
        return None
