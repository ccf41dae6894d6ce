"""The errors a user sees: bad input (exit 2) and refused operations (exit 1)."""

from __future__ import annotations

# What would break a message over lines or drive a terminal: control characters
# (a tab aside) and Unicode's line and paragraph separators, shown escaped.
_UNPRINTABLE = {
    code: repr(chr(code))[1:-1]
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    if chr(code) != "\t"
}


def one_line(text: str) -> str:
    """`text` with whatever would break it over lines (or drive a terminal) escaped:
    messages quote the user's own input, which may hold anything."""
    return text.translate(_UNPRINTABLE)


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
