"""Work for more than one core, in forked processes: parsing a long article in parts.

markdown-it is pure Python, so a 5 MB article takes seconds to parse on one
core. The pipe face cuts such a body where every block has ended
(:func:`mdread.parse.cut_points`), parses each part in its own process and
joins the parts in order. Only the pipe face forks: the reader has threads
running, and forking a threaded process is unsafe.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import sys
from typing import BinaryIO

from mdread import metadata as meta
from mdread.model import Document
from mdread.parse import Part, Start, assemble, body_tokens, cut_points, parse, paused_gc, walk

PARALLEL_PARSE_CHARS = 200_000
"""Below this many characters of body, parsing takes less time than forking saves."""

_PR_SET_PDEATHSIG = 1


def cores() -> int:
    """Cores this process may run on, and 1 where forking workers is not supported (off Linux)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))


def die_with_parent(parent: int) -> None:
    """In a forked worker: leave Ctrl-C to the parent, and end when the parent ends.

    A parent killed outright (SIGTERM, SIGHUP, a closed pipe) never shuts its
    workers down, and they would wait for work forever; Linux's parent-death
    signal ends them.
    """
    import ctypes

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(0)


class _PartWorker:
    """A forked process that parses one part now and numbers it once told where it starts."""

    def __init__(self, body: str, body_line: int) -> None:
        self.body, self.body_line = body, body_line
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
                tokens = body_tokens(self.body)
                start = pickle.load(inbox)
                pickle.dump(walk(tokens, self.body_line, start), outbox, pickle.HIGHEST_PROTOCOL)
            outbox.flush()
        except BaseException:  # whatever stopped it, the parent parses this part itself
            return 1
        return 0

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
                part = walk(body_tokens(self.body), self.body_line, start)
        return part


def parse_forked(text: str, *, path: str | None = None) -> Document:
    """:func:`mdread.parse.parse` on every core: the same document, sooner for a long body."""
    split = meta.split(text)
    body = split.body
    parts = cores() if len(body) >= PARALLEL_PARSE_CHARS else 1
    cuts = cut_points(body, parts) if parts > 1 else []
    if not cuts:
        return parse(text, path=path)
    bounds = [0, *cuts, len(body)]
    try:
        workers = [
            _PartWorker(body[begin:end], split.body_line + body.count("\n", 0, begin))
            for begin, end in itertools.pairwise(bounds[1:])
        ]
    except OSError:
        return parse(text, path=path)
    with paused_gc():
        done = [walk(body_tokens(body[: bounds[1]]), split.body_line)]
    for worker in workers:
        start = Start(
            blocks=sum(len(p.blocks) for p in done),
            sections=sum(len(p.headings) for p in done),
            code=sum(len(p.code) for p in done),
        )
        done.append(worker.finish(start))
    return assemble(text, split, done, path)
