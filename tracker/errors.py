"""The errors a user sees: bad input (exit 2) and refused operations (exit 1)."""

from __future__ import annotations


class TrackerError(Exception):
    """An error with a one-line message for the user."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class BadInput(TrackerError):
    """A bad value or a bad line: nothing was written."""

    exit_code = 2


class Refused(TrackerError):
    """A valid request the store refuses: nothing was written."""

    exit_code = 1
