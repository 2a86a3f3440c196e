"""Work on every core, in forked processes that end with the process that forked them.

Forking is cheap (a worker inherits every module and object already built)
but only safe from a single-threaded process: a fork of a threaded one, such
as the Textual app, can inherit locks no thread will ever release. So only
the pipe face and the command-line listing fork workers, and the command line
forks once before the reader starts (:func:`in_child`); the reader itself uses
threads.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mdread.errors import UserError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def cores() -> int:
    """Cores this process may run on, and 1 where forking workers is not supported (off Linux)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))


def can_fork() -> bool:
    """Whether workers may be forked now: more than one core, and no other thread running."""
    return cores() > 1 and threading.active_count() == 1


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


def _start_worker(parent: int, setup: Callable[[], object] | None) -> None:
    die_with_parent(parent)
    if setup is not None:
        setup()


@contextmanager
def fork_pool(workers: int, setup: Callable[[], object] | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes that die with this one; ``setup`` runs in each first.

    Leaving the block cancels work not yet started and waits for the rest.
    ``concurrent.futures`` and ``multiprocessing`` (15-25 ms to import) load
    only here: a short article is drawn without them.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(os.getpid(), setup))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def in_child(work: Callable[[], object]) -> Callable[[], object] | None:
    """Start ``work`` in a forked process now; the returned call waits for its result and returns it.

    For work the process would otherwise do before it can go on, such as
    parsing an article while the reader's modules are imported: on a second
    core both happen at once. The result travels back pickled; a
    :class:`~mdread.errors.UserError` raised by ``work`` is raised again by the
    call, with its message and exit code. Any other failure, or a child that
    dies or sends nothing whole, makes the call raise ``ChildProcessError``:
    the caller then does the work itself, so a bug shows as it would have.
    None when forking is not safe or not worth it (one core, or a thread
    already running).
    """
    if not can_fork():
        return None
    import pickle

    readable, writable = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(readable)
        status = 0
        try:
            die_with_parent(parent)
            try:
                outcome: tuple[str, object] = ("value", work())
            except UserError as exc:  # said to the user by the parent
                outcome = ("error", (str(exc), exc.code))
            with os.fdopen(writable, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writable)

    def result() -> object:
        with os.fdopen(readable, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            kind, payload = pickle.loads(data)
        except Exception as exc:
            raise ChildProcessError("the forked work sent nothing whole") from exc
        if kind == "value":
            return payload
        message, code = payload  # type: ignore[misc]
        raise UserError(message, code)

    return result
