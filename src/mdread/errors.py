"""The errors a user is shown: one line on stderr and an exit code, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on; ``str(err)`` is the whole message.

    Attributes:
        code: The process exit status: 1 for trouble with input, 2 for usage.
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class UsageError(UserError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code=2)
