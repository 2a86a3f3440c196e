"""Ending on SIGTERM, SIGHUP or SIGINT as on ``q``: state saved, then the terminal restored by the app's own exit.

Python's default for SIGTERM and SIGHUP ends the process at once, leaving the
terminal in the alternate screen with mouse reporting on and the cursor
hidden; ``kill -INT`` surfaced as an exit status of 0. Here a signal is handed
to the event loop, where the app saves what it must and exits through its
normal path (Textual's driver restores the terminal), with the shell's status
for that signal, 128 + its number. Should the loop be too busy to answer, a
second signal of the same kind restores the terminal directly and ends the
process; so does a first one whose exit has not ended the process within
:data:`GRACE` seconds. SIGHUP (the terminal's window closed) ends the process
by hand as soon as the state is saved: with the terminal gone, Textual's exit
was seen to wait forever (its main thread blocked putting into the queue of its
output thread, which waited on that queue), while the reader's threads went on
working.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

GRACE = 3.0
"""Seconds a signalled app has to exit on its own before it is ended by hand."""

HANGUP = getattr(signal, "SIGHUP", None)
"""The terminal hung up (its window closed); None where there is no such signal."""

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))

RESTORE = ("\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reporting off
           "\x1b[?2004l\x1b[?7h\x1b[<u"  # bracketed paste off, line wrap on, kitty keys off
           "\x1b[?1049l\x1b[?25h\x1b[?1004l")  # main screen, cursor shown, focus reports off
"""What leaving a Textual app writes to the terminal, for the exit that cannot wait for the app."""


def exit_status(signum: int) -> int:
    """The status a shell reports for a process ended by ``signum``."""
    return 128 + signum


def terminal_modes() -> list[Any] | None:
    """The terminal's modes now (before an app makes it raw), to put back on a forced exit; None without one."""
    try:
        import termios

        stdin = sys.__stdin__
        return termios.tcgetattr(stdin.fileno()) if stdin is not None and stdin.isatty() else None
    except Exception:  # no termios, or termios.error: nothing to put back
        return None


def leave_now(signum: int, modes: list[Any] | None) -> None:
    """Restore the terminal by hand (if it is still there) and end now, with the status for ``signum``.

    For a loop that never answered the first signal, an exit that hangs, and a
    hang-up: once the terminal is gone, the app's own exit has nothing to put
    back and only waits on writes that cannot finish.
    """
    try:
        stream = sys.__stderr__
        if stream is not None and stream.isatty():
            os.write(stream.fileno(), RESTORE.encode())
        if modes is not None and sys.__stdin__ is not None:
            import termios

            termios.tcsetattr(sys.__stdin__.fileno(), termios.TCSANOW, modes)
    except Exception:  # nothing may stop this exit
        pass
    os._exit(exit_status(signum))


def install(loop: asyncio.AbstractEventLoop, on_signal: Callable[[int], None],
            modes: list[Any] | None = None) -> Callable[[], None]:
    """Call ``on_signal(signum)`` on ``loop`` when one of :data:`SIGNALS` arrives; returns what undoes this.

    Must be called from the main thread, which is where Python runs signal
    handlers; ``modes`` are the terminal's modes from before the app started.
    """
    pending: set[int] = set()

    def handler(signum: int, _frame: object) -> None:
        if signum in pending:
            leave_now(signum, modes)
        if not pending:
            watchdog = threading.Timer(GRACE, leave_now, (signum, modes))
            watchdog.daemon = True
            watchdog.start()
        pending.add(signum)
        loop.call_soon_threadsafe(on_signal, signum)

    previous = {signum: signal.signal(signum, handler) for signum in SIGNALS}

    def restore() -> None:
        for signum, old in previous.items():
            signal.signal(signum, old)

    return restore
