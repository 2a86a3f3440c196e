"""Work on every core, in forked processes that end with the process that forked them.

Forking is cheap (a worker inherits every module and object already built)
but only safe from a single-threaded process: a fork of a threaded one, such
as the Textual app, can inherit locks no thread will ever release. So only
the pipe face and the command-line listing fork; the reader uses threads.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

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
