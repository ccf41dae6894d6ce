"""A write session: the recorder's transaction, held by us for a whole import.

The eventsourcing recorders insert a list of stored events in one transaction.
Holding that transaction ourselves lets an import of any size stream through
bounded memory in chunks, look up ids it has already inserted, and still
commit all or nothing. Writers are serialised from the first statement
(SQLite: BEGIN IMMEDIATE; PostgreSQL: the recorder's own table lock), so what
a session looks up cannot change under it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, PersistenceError, StoredEvent

from tracker.errors import Refused

if TYPE_CHECKING:
    from tracker.importing import Stored

BATCH = 500
# SQLite's page cache while writing, in KiB (its default is 2 MiB). The events'
# primary key and the read model's indexes take keys in random order, so a
# large import touches a random page per row once they outgrow the cache: at
# a million events, 64 MiB makes the import an eighth quicker.
WRITE_CACHE_KIB = 64 * 1024


@dataclass
class Session:
    """Lookups and inserts inside one open transaction."""

    recorder: Any
    cursor: Any
    postgres: bool

    def lookup(self, keys: list[str]) -> dict[str, tuple[str, bytes]]:
        """(topic, state) of those ids (hex) the store (or this session) holds."""
        found: dict[str, tuple[str, bytes]] = {}
        for start in range(0, len(keys), BATCH):
            batch = keys[start : start + BATCH]
            for originator, topic, state in self._select(batch):
                key = originator.hex if isinstance(originator, UUID) else originator
                found[key] = (topic, bytes(state))
        return found

    def insert(self, stored: list[Stored]) -> list[int]:
        """Insert, returning the notification ids (recording order) given to them."""
        if not stored:
            return []
        if self.postgres:
            events = [StoredEvent(UUID(key), 1, topic, state) for key, topic, state in stored]
            self.recorder._insert_stored_events(self.cursor, events)
            return [int(row[0]) for row in self.cursor.fetchall()]
        # The library inserts row by row to read each rowid back; this session holds
        # the write lock, so the rowids SQLite would give are known: the next ones.
        table = self.recorder.events_table_name
        self.cursor.execute(f"SELECT MAX(rowid) FROM {table}")
        first = int(self.cursor.fetchone()[0] or 0) + 1
        self.cursor.executemany(
            f"INSERT INTO {table} (rowid, originator_id, originator_version, topic, state) "
            "VALUES (?, ?, 1, ?, ?)",
            [(first + n, *row) for n, row in enumerate(stored)],
        )
        return list(range(first, first + len(stored)))

    def _select(self, batch: list[str]) -> list[tuple[Any, str, bytes]]:
        if self.postgres:
            from psycopg.sql import SQL, Identifier

            sql = SQL(
                "SELECT originator_id, topic, state FROM {schema}.{table} "
                "WHERE originator_id = ANY(%s) AND originator_version = 1"
            ).format(
                schema=Identifier(self.recorder.datastore.schema),
                table=Identifier(self.recorder.events_table_name),
            )
            self.cursor.execute(sql, ([UUID(key) for key in batch],))
            return [(r[0], r[1], r[2]) for r in self.cursor.fetchall()]
        marks = ",".join("?" * len(batch))
        self.cursor.execute(
            f"SELECT originator_id, topic, state FROM {self.recorder.events_table_name} "
            f"WHERE originator_id IN ({marks}) AND originator_version = 1",
            batch,
        )
        return [(r[0], r[1], r[2]) for r in self.cursor.fetchall()]


@contextmanager
def write_session(recorder: ApplicationRecorder, *, commit: bool = True) -> Iterator[Session]:
    """One transaction: committed at the end, or rolled back on error (or if not commit)."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    try:
        if isinstance(recorder, SQLiteApplicationRecorder):
            with _sqlite(recorder, commit) as session:
                yield session
        else:
            with _postgres(recorder, commit) as session:
                yield session
    except (sqlite3.OperationalError, PersistenceError) as err:
        text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise Refused(f"the store is busy or unavailable, nothing was written: {text}") from None


@contextmanager
def sqlite_writing(recorder: Any, *, commit: bool = True, durable: bool = True) -> Iterator[Any]:
    """A SQLite cursor in a transaction that holds the write lock from its start.

    A deferred transaction that reads and then writes fails at once (no wait)
    when another writer committed in between; an immediate one waits its turn.
    One that is not `durable` commits without waiting for the disk: a power cut
    may undo it (and only it), which suits what can be derived again.
    """
    with recorder.datastore.get_connection(commit=True) as conn:
        cursor = conn.cursor()
        cursor.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
        with nullcontext() if durable else _not_waiting_for_the_disk(cursor):
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                conn.rollback()
                raise
            if commit:
                conn.commit()
            else:
                conn.rollback()


@contextmanager
def _not_waiting_for_the_disk(cursor: Any) -> Iterator[None]:
    """The connection's commits skip the disk's flush until the block ends (SQLite
    refuses the change inside a transaction, so it wraps one)."""
    cursor.execute("PRAGMA synchronous")
    level = int(cursor.fetchone()[0])
    cursor.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA synchronous = {level}")


@contextmanager
def _sqlite(recorder: Any, commit: bool) -> Iterator[Session]:
    with sqlite_writing(recorder, commit=commit) as cursor:
        yield Session(recorder, cursor, postgres=False)


@contextmanager
def _postgres(recorder: Any, commit: bool) -> Iterator[Session]:
    from psycopg.rows import tuple_row

    with (
        recorder.datastore.get_connection() as conn,
        conn.transaction(force_rollback=not commit),
        conn.cursor(row_factory=tuple_row) as cursor,
    ):
        recorder._lock_table(cursor)
        yield Session(recorder, cursor, postgres=True)
