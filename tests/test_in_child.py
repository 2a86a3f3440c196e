"""Work started in a forked process (the reader parses a short article there while it imports itself)."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable

import pytest

from mdread.errors import UsageError, UserError
from mdread.platform import parallel


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even under pytest-xdist, whose workers run threads of their own."""
    monkeypatch.setattr(parallel, "can_fork", lambda: True)


def _started(work: Callable[[], object]) -> Callable[[], object]:
    call = parallel.in_child(work)
    assert call is not None
    return call


def test_the_work_runs_in_another_process_and_its_result_comes_back(forking: None) -> None:
    pid, value = _started(lambda: (os.getpid(), {"text": "反向传播", "rows": [1, 2]}))()  # type: ignore[misc]
    assert pid != os.getpid() and value == {"text": "反向传播", "rows": [1, 2]}


def test_a_user_error_comes_back_with_its_message_and_code(forking: None) -> None:
    def refuse() -> None:
        raise UsageError("--lang 9=go: no code block 9")

    with pytest.raises(UserError) as raised:
        _started(refuse)()
    assert str(raised.value) == "--lang 9=go: no code block 9" and raised.value.code == 2


@pytest.mark.parametrize("how", ["bug", "exit", "killed", "unpicklable"])
def test_any_other_failure_leaves_the_work_to_the_caller(forking: None, how: str) -> None:
    work = {"bug": lambda: 1 / 0, "exit": lambda: os._exit(3),
            "killed": lambda: os.kill(os.getpid(), signal.SIGKILL), "unpicklable": lambda: threading.Lock()}[how]
    with pytest.raises(ChildProcessError):
        _started(work)()


def test_nothing_is_forked_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert parallel.in_child(lambda: 1) is None
    finally:
        release.set()
        thread.join()
