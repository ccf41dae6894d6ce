"""One transaction for a whole import, fed to the recorder in chunks.

The eventsourcing recorders insert a list of stored events in one transaction;
holding that transaction ourselves lets an import of any size stream through
bounded memory and still commit all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, StoredEvent

CHUNK = 2000


def chunks(items: Iterable[StoredEvent], size: int = CHUNK) -> Iterator[list[StoredEvent]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def insert_in_one_transaction(recorder: ApplicationRecorder, stored: Iterable[StoredEvent]) -> None:
    """Insert every stored event, or none of them."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    if isinstance(recorder, SQLiteApplicationRecorder):
        with recorder.datastore.transaction(commit=True) as cursor:
            for chunk in chunks(stored):
                recorder._insert_events(cursor, chunk)
        return
    _insert_postgres(recorder, stored)


def _insert_postgres(recorder: Any, stored: Iterable[StoredEvent]) -> None:
    # The datastore turns psycopg's errors into eventsourcing's on the way out.
    with (
        recorder.datastore.get_connection() as conn,
        conn.transaction(),
        conn.cursor() as cursor,
    ):
        for chunk in chunks(stored):
            recorder._insert_stored_events(cursor, chunk)
