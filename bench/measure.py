"""Measuring one process: wall time, peak memory, and when a terminal app first shows something.

Wall time is taken around the child's whole life. Peak memory is the child's
``ru_maxrss`` as GNU ``time`` reports it, which covers the child and the workers
it waited for (the largest of them, not their sum). GNU ``time`` is the parent
because a child forked from this Python process would inherit its high-water
mark; without it, ``wait4``'s figure is kept and is only an upper bound. A
terminal app is started in a detached tmux session of a fixed size and its
screen polled until a given text appears.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Run:
    """One run of one command: seconds from start to exit, peak RSS in MiB, its exit status, and CPU seconds.

    CPU seconds (user and system, the command and the children it waited for)
    drift less than wall time on a machine others are using.
    """

    seconds: float
    peak_mib: float
    status: int
    cpu_seconds: float = 0.0


@dataclass
class Series:
    """Repeated runs of one command; medians are what the tables show."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        times = [r.seconds for r in self.runs]
        return min(times), max(times)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    @property
    def failed(self) -> bool:
        return any(r.status != 0 for r in self.runs)


def run_once(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Run:
    """Run ``argv`` with stdout to /dev/null, timing it and reading its peak RSS."""
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    with tempfile.NamedTemporaryFile("r") as report, open(os.devnull, "wb") as sink:
        wrapped = [gnu_time, "-f", "%M", "-o", report.name, *argv] if gnu_time else list(argv)
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        kib = report.read().split()[-1:] if gnu_time else []
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = int(kib[0]) if kib and kib[0].isdigit() else usage.ru_maxrss
    return Run(seconds, peak / 1024, proc.returncode, usage.ru_utime + usage.ru_stime)


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


@dataclass(frozen=True)
class Paint:
    """A terminal app's first paint: seconds until ``text`` showed, or None if it never did in time."""

    seconds: float | None
    screen: str


class Session:
    """A detached tmux session running one command at a fixed size; killed on exit."""

    def __init__(self, name: str, argv: Sequence[str], env: Mapping[str, str], size: tuple[int, int]) -> None:
        self.name = name
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.command = f"env {exports} {shlex.join(argv)}; echo __exited__ $?; sleep 3600"
        self.size = size
        self.started = 0.0

    def __enter__(self) -> Session:
        tmux("kill-session", "-t", self.name)
        self.started = time.perf_counter()
        tmux("new-session", "-d", "-s", self.name, "-x", str(self.size[0]), "-y", str(self.size[1]), self.command)
        return self

    def __exit__(self, *exc: object) -> None:
        tmux("kill-session", "-t", self.name)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, cap: float) -> Paint:
        """Poll the screen every ~20 ms until ``text`` is on it, the command exits, or ``cap`` seconds pass."""
        screen = ""
        while time.perf_counter() - self.started < cap:
            screen = self.screen()
            if text in screen:
                return Paint(time.perf_counter() - self.started, screen)
            if "__exited__" in screen:
                break
            time.sleep(POLL_SECONDS)
        return Paint(None, screen)

    def wait_until_gone(self, text: str, cap: float) -> bool:
        """Wait until ``text`` is no longer on screen; False if it still is after ``cap`` seconds."""
        end = time.perf_counter() + cap
        while time.perf_counter() < end:
            if text not in self.screen():
                return True
            time.sleep(0.1)
        return False

    def app_pid(self, program: str) -> int | None:
        """The pid of the first process under the pane whose command line mentions ``program``."""
        pane = tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").strip()
        todo = [int(pane)] if pane.isdigit() else []
        while todo:
            pid = todo.pop(0)
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            if program in cmdline and "__exited__" not in cmdline:
                return pid
            todo.extend(int(c) for c in children)
        return None


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds that ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid: int, cap: float, quiet: float = 1.0) -> float:
    """Wait until ``pid`` uses under 5% of a core for ``quiet`` seconds; returns seconds waited."""
    start = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - start < cap:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now - last < 0.05 * quiet:
            break
        last = now
    return time.perf_counter() - start


def vm_hwm_mib(pid: int) -> float | None:
    """The peak resident set of ``pid`` so far (``VmHWM``), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None
