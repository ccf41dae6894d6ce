"""An import's lines read and validated in child processes while this one writes.

Validating a line takes longer than storing it. For a large input, READERS
child processes take turns at its lines, BATCH at a time: each reads the
whole input but validates only the lines of its own batches, writes their
stored form and sends them on with the problems found among them. This
process takes the batches in turn, so it sees the same lines and the same
problems in the same order as reading them itself, and looks them up,
inserts and indexes them. A pipe holds little, so a reader is at most a
batch or two ahead and memory stays bounded.

The readers are forked before the store is opened, so they hold no connection.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from tracker.errors import Refused
from tracker.importing import Line, Problem, Problems, Stored, is_csv, read_input

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from events import Event

READ_AHEAD_BYTES = 1024 * 1024  # inputs this big or bigger are read by children
BATCH = 2000  # lines of an input a reader reads before the next reader's turn
READERS = 2

# One line as it crosses the pipe: where, id (hex), topic, stored state, when it was
# recorded (None: at the import's stamp), index entry
Row = tuple[str, str, str, bytes, datetime | None, dict[str, Any]]


class Prepared:
    """A line validated by the child: its id, stored state and index entry; the
    event itself is made again from the state only when an import needs it."""

    __slots__ = ("_entry", "_event", "key", "recorded_at", "stamp", "state", "topic", "where")

    def __init__(self, row: Row, stamp: datetime) -> None:
        self.where, self.key, self.topic, self.state, self.recorded_at, self._entry = row
        self.stamp = stamp  # the reader's, where the line gives no time of its own
        self._event: Event | None = None

    @property
    def id(self) -> UUID:
        return UUID(self.key)

    @property
    def is_meta(self) -> bool:
        return "event_id" in self._entry

    @property
    def event(self) -> Event:
        if self._event is None:
            import json

            from events.parsing import trusted
            from tracker.mapping import event_class

            record = json.loads(self.state)["event"]
            self._event = trusted(event_class(self.topic), record)
        return self._event

    def stored(self, stamp: datetime) -> Stored:
        if self.recorded_at is not None or stamp == self.stamp:
            return self.key, self.topic, self.state
        from tracker.mapping import body_of, event_class, stored_state

        cls = event_class(self.topic)
        body = body_of(self.state, self.stamp, cls.class_version).decode()
        return self.key, self.topic, stored_state(cls, body, stamp)

    def entry(self) -> dict[str, Any]:
        return self._entry


def worth_it(names: list[str]) -> bool:
    """Whether to read these inputs in child processes: big JSON Lines files, and
    a second core to read them on."""
    if (os.cpu_count() or 1) < 2 or any(name == "-" or is_csv(name) for name in names):
        return False
    try:
        if sum(os.path.getsize(name) for name in names) < READ_AHEAD_BYTES:
            return False
    except OSError:
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def read_ahead(names: list[str], problems: Problems, stamp: datetime) -> Iterator[Prepared]:
    """The lines of these inputs, read and validated by child processes (started
    now, before any store is opened), stored as recorded at `stamp` where a line
    says no other time; problems go to `problems` in line order."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    readers = []
    for me in range(READERS):
        ours, theirs = context.Pipe(duplex=False)
        child = context.Process(target=_read, args=(names, me, stamp, theirs), daemon=True)
        child.start()
        theirs.close()
        readers.append((child, ours))
    return _merged(len(names), readers, problems, stamp)


def _merged(
    files: int, readers: list[tuple[Any, Connection]], problems: Problems, stamp: datetime
) -> Iterator[Prepared]:
    """The readers' batches put back in line order, problems where they were found."""
    try:
        for _ in range(files):
            k = 0
            while True:
                batch = _next(readers[k % READERS][1])
                if batch is None:  # the input ended before batch k: so it did for all
                    for j in range(1, READERS):
                        if _next(readers[(k + j) % READERS][1]) is not None:
                            raise Refused("the input's readers disagree; nothing was written")
                    break
                for is_line, item in batch:
                    if is_line:
                        yield Prepared(item, stamp)
                    else:
                        problems.items.append(item)
                k += 1
    finally:
        for child, pipe in readers:
            pipe.close()
            if child.is_alive():
                child.terminate()
            child.join()


def _next(pipe: Connection) -> list[tuple[bool, Any]] | None:
    """A reader's next batch of (is a line, row or problem), or None at the end of
    an input."""
    try:
        kind, payload = pipe.recv()
    except EOFError:
        raise Refused("reading the input stopped unexpectedly; nothing was written") from None
    if kind == "failed":
        raise Refused(f"reading the input failed: {payload}; nothing was written")
    return payload if kind == "batch" else None


class _Placed(Problems):
    """Problems put among the lines, where they were found."""

    def __init__(self, out: list[tuple[bool, Any]]) -> None:
        super().__init__()
        self.out = out

    def add(self, where: str, message: str, *, refused: bool = False) -> None:
        self.out.append((False, Problem(where, message, refused)))


def _read(names: list[str], me: int, stamp: datetime, pipe: Connection) -> None:
    """A reader: the lines of every READERS-th batch of each input (batch `me`
    first), validated and sent on, with the problems found among them."""
    from tracker import collect_less

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    collect_less()
    at = [0]  # the number of the line being read
    out: list[tuple[bool, Any]] = []

    def batch_of(number: int) -> int:
        return max(number - 1, 0) // BATCH

    def mine(number: int) -> bool:
        return batch_of(number) % READERS == me

    def keep(number: int) -> bool:
        if batch_of(number) != batch_of(at[0]) and mine(at[0]):
            pipe.send(("batch", out[:]))  # the batch that line was in is done
            out.clear()
        at[0] = number
        return mine(number)

    # A reader sees the problems of its own lines, and both see one that ends an
    # input (not UTF-8, cannot be read): the reader of the batch it ends sends it.
    problems = _Placed(out)
    try:
        for name in names:
            label = f"{name} " if len(names) > 1 else ""
            at[0] = 0
            for line in read_input(name, label, problems, keep):
                out.append((True, _row(line, stamp)))
            if mine(at[0]) and (at[0] or out):  # the last batch read, if mine
                pipe.send(("batch", out[:]))
            out.clear()
            pipe.send(("end", None))
    except BrokenPipeError:
        pass  # the import stopped reading
    except Exception as err:  # sent on, to be reported by the parent
        pipe.send(("failed", f"{type(err).__name__}: {err}"))
    finally:
        pipe.close()


def _row(line: Line, stamp: datetime) -> Row:
    from tracker.mapping import index_entry

    key, topic, state = line.stored(stamp)
    return (line.where, key, topic, state, line.recorded_at, index_entry(line.event))
