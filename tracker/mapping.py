"""Pydantic events to and from the eventsourcing library's stored events.

Each diplomatic event is stored as version 1 of its own originator (its id),
so concurrent writers never contend for a version. The stored state holds the
exchange-format record, the recording time and the class version; older class
versions are upcast on the way out.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from eventsourcing.utils import get_topic, resolve_topic

from events import Event, Recorded, to_record
from events.parsing import trusted


def event_body(event: Event) -> str:
    """The exchange record as pydantic writes it: the stored state's `event`."""
    return event.model_dump_json(exclude_none=True)


def stored_state(cls: type[Event], body: str, recorded_at: datetime) -> bytes:
    """The stored state of an event whose exchange record is `body`."""
    return f'{_head(cls.class_version, recorded_at)}"event":{body}}}'.encode()


def body_of(state: bytes, recorded_at: datetime, version: int) -> bytes:
    """The exchange record inside a state that `stored_state` wrote."""
    return state[len(_head(version, recorded_at).encode()) + len(b'"event":') : -1]


def _head(version: int, recorded_at: datetime) -> str:
    return f'{{"class_version":{version},"recorded_at":{_iso(recorded_at)},'


def index_entry(event: Event) -> dict[str, Any]:
    """What the pair index needs of an event."""
    e: Any = event
    if not e.is_meta:
        return {"actor": e.actor, "target": e.target}
    entry: dict[str, Any] = {"id": str(e.id), "type": e.type, "event_id": str(e.event_id)}
    if e.type == "corrected":
        entry["changes"] = e.changes
    return entry


@lru_cache(maxsize=8)
def _iso(moment: datetime) -> str:
    return json.dumps(moment.isoformat())


@lru_cache(maxsize=64)
def topic_of(cls: type[Event]) -> str:
    return get_topic(cls)


def event_class(topic: str) -> type[Event]:
    cls = resolve_topic(topic)
    if not (isinstance(cls, type) and issubclass(cls, Event)):
        raise TypeError(f"stored topic {topic!r} is not an event class")
    return cls


def unpack(state: bytes) -> tuple[dict[str, Any], datetime, int]:
    data = json.loads(state)
    return data["event"], datetime.fromisoformat(data["recorded_at"]), data["class_version"]


def upcast(cls: type[Event], record: dict[str, Any], version: int) -> dict[str, Any]:
    while version < cls.class_version:
        record = getattr(cls, f"upcast_v{version}_v{version + 1}")(record)
        version += 1
    return record


def from_stored(topic: str, state: bytes, seq: int) -> Recorded:
    cls = event_class(topic)
    record, recorded_at, version = unpack(state)
    event = trusted(cls, upcast(cls, record, version))
    return Recorded(event, recorded_at, seq)


def same_content(stored_state: bytes, event: Event) -> bool:
    """Whether a stored event holds exactly this event."""
    record, _, _ = unpack(stored_state)
    return bool(record == to_record(event))
