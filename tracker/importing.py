"""Reading JSON Lines into events: every problem named by line and field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from events import Event, InvalidEvent, parse
from events.dates import parse_known_at
from events.parsing import fast_parse

MAX_PROBLEMS = 50
Stored = tuple[str, str, bytes]  # an event as it is stored: id (hex), topic, state


class Importable(Protocol):
    """What an import needs of each event it reads."""

    @property
    def where(self) -> str: ...
    @property
    def id(self) -> UUID: ...
    @property
    def key(self) -> str:
        """The id as it is stored: 32 hex digits."""
        ...

    @property
    def is_meta(self) -> bool: ...
    @property
    def event(self) -> Event: ...
    def stored(self, stamp: datetime) -> Stored:
        """The event as stored, recorded at `stamp` unless the line says when."""
        ...

    def entry(self) -> dict[str, Any]:
        """What the pair index needs of it."""
        ...


@dataclass(frozen=True)
class Line:
    """One event read from an input file, with where it came from."""

    where: str
    event: Event
    recorded_at: datetime | None = None

    @property
    def id(self) -> UUID:
        return self.event.id

    @property
    def key(self) -> str:
        return self.event.id.hex

    @property
    def is_meta(self) -> bool:
        return self.event.is_meta

    def stored(self, stamp: datetime) -> Stored:
        from tracker.mapping import event_body, stored_state, topic_of

        cls = type(self.event)
        state = stored_state(cls, event_body(self.event), self.recorded_at or stamp)
        return self.key, topic_of(cls), state

    def entry(self) -> dict[str, Any]:
        from tracker.mapping import index_entry

        return index_entry(self.event)


@dataclass
class Problem:
    where: str
    message: str
    refused: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, message: str, *, refused: bool = False) -> None:
        self.items.append(Problem(where, message, refused))

    def __bool__(self) -> bool:
        return bool(self.items)


def numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Physical lines counted from 1, blank ones included, a leading BOM dropped."""
    for number, text in enumerate(lines, start=1):
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield number, text


def _recorded_at(data: dict[str, Any]) -> datetime | None:
    value = data.pop("recorded_at", None)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidEvent(["recorded_at: must be an ISO date-time"])
    try:
        return parse_known_at(value)
    except ValueError as err:
        raise InvalidEvent([f"recorded_at: {err}"]) from None


def read_record(data: Any) -> tuple[Event, datetime | None]:
    """An event (and any recorded_at it carries) from a decoded JSON value."""
    if not isinstance(data, dict):
        raise InvalidEvent(["event: each line must be a JSON object"])
    data = dict(data)
    recorded_at = _recorded_at(data)
    return parse(data), recorded_at


Keep = Callable[[int], bool]  # whether to read the line of this number (else skip it)


def read_jsonl(
    label: str, lines: Iterable[str], problems: Problems, keep: Keep | None = None
) -> Iterator[Line]:
    """The events of a JSON Lines text; bad lines go to `problems`."""
    for number, text in numbered(lines):
        if (keep is not None and not keep(number)) or not text.strip():
            continue
        where = f"{label}line {number}"
        event = fast_parse(text)
        if event is not None:
            yield Line(where, event)
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            problems.add(where, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            problems.add(where, "not valid JSON (nested too deeply)")
            continue
        try:
            event, recorded_at = read_record(data)
        except InvalidEvent as err:
            for message in err.problems:
                problems.add(where, message)
            continue
        yield Line(where, event, recorded_at)


def check_readable(names: list[str]) -> None:
    """Refuse, before anything is read, an input that cannot be opened."""
    from tracker.errors import BadInput

    for name in names:
        if name != "-":
            try:
                open(name, "rb").close()
            except OSError as err:
                raise BadInput(f"{name}: cannot read: {err.strerror}") from None


def read_inputs(names: list[str], problems: Problems) -> Iterator[Line]:
    """The events of each input in turn (.jsonl, .csv, or - for stdin), streamed."""
    for name in names:
        label = f"{name} " if len(names) > 1 else ""
        yield from read_input(name, label, problems)


def read_input(
    name: str, label: str, problems: Problems, keep: Keep | None = None
) -> Iterator[Line]:
    """The events of one input; with `keep`, only of the lines it keeps (JSON Lines)."""
    import io
    import sys

    if name == "-":
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict")
        yield from _decoded(label, stream, problems, csv=False, keep=keep)
        return
    try:
        handle = open(name, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as err:
        problems.add(name, f"cannot read: {err.strerror}")
        return
    with handle:
        csv = is_csv(name)
        yield from _decoded(label, handle, problems, csv=csv, keep=keep, path=name)


def is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def _decoded(
    label: str,
    stream: Iterable[str],
    problems: Problems,
    *,
    csv: bool,
    keep: Keep | None,
    path: str | None = None,
) -> Iterator[Line]:
    read = 0  # lines decoded, counted only where no file can say which line fails

    def counted() -> Iterator[str]:
        nonlocal read
        for text in stream:
            read += 1
            yield text

    lines = stream if path is not None else counted()
    try:
        if csv:
            from tracker.formats.table import read_csv

            if keep is not None:
                raise ValueError("a CSV file is read whole")
            yield from read_csv(label, lines, problems)
        else:
            yield from read_jsonl(label, lines, problems, keep)
    except UnicodeDecodeError:
        # The stream decodes a block at a time: the file itself says which line.
        found = _undecodable(path) if path is not None else None
        if found is None:
            problems.add(label.strip(), f"not UTF-8 text at or after line {read + 1}")
        else:
            number, byte = found
            problems.add(f"{label}line {number}", f"not UTF-8 text (byte {byte} of the line)")


def _undecodable(path: str) -> tuple[int, int] | None:
    """The first line that is not UTF-8, and its first such byte (both from 1): the
    lines split as the import splits them (each byte read as one character)."""
    import io

    try:
        with io.TextIOWrapper(open(path, "rb"), encoding="latin-1", newline="") as lines:
            for number, text in enumerate(lines, start=1):
                try:
                    text.encode("latin-1").decode("utf-8")
                except UnicodeDecodeError as err:
                    return number, err.start + 1
    except OSError:
        return None
    return None
