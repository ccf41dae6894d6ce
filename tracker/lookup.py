"""Which ids a store already holds: one query per batch, not one per event.

The eventsourcing recorders select events one originator at a time; an import
of a million lines needs the same answer for a batch of ids at once, from the
same table the recorder writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, StoredEvent

BATCH = 500


def stored_events(recorder: ApplicationRecorder, ids: Iterable[UUID]) -> dict[UUID, StoredEvent]:
    """The stored events (version 1) of those ids that the store holds."""
    from eventsourcing.sqlite import SQLiteApplicationRecorder

    found: dict[UUID, StoredEvent] = {}
    it = iter(ids)
    while batch := list(islice(it, BATCH)):
        if isinstance(recorder, SQLiteApplicationRecorder):
            rows = _sqlite(recorder, batch)
        else:
            rows = _postgres(recorder, batch)
        for originator, topic, state in rows:
            ident = originator if isinstance(originator, UUID) else UUID(originator)
            found[ident] = StoredEvent(ident, 1, topic, bytes(state))
    return found


def _sqlite(recorder: Any, batch: list[UUID]) -> list[tuple[Any, str, bytes]]:
    marks = ",".join("?" * len(batch))
    sql = (
        f"SELECT originator_id, topic, state FROM {recorder.events_table_name} "
        f"WHERE originator_id IN ({marks}) AND originator_version = 1"
    )
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(sql, [i.hex for i in batch])
        return [(r[0], r[1], r[2]) for r in cursor.fetchall()]


def _postgres(recorder: Any, batch: list[UUID]) -> list[tuple[Any, str, bytes]]:
    from psycopg.sql import SQL, Identifier

    sql = SQL(
        "SELECT originator_id, topic, state FROM {schema}.{table} "
        "WHERE originator_id = ANY(%s) AND originator_version = 1"
    ).format(
        schema=Identifier(recorder.datastore.schema),
        table=Identifier(recorder.events_table_name),
    )
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(sql, (batch,))
        return [(r["originator_id"], r["topic"], r["state"]) for r in cursor.fetchall()]
