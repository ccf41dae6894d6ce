"""Turning a JSON Lines record into an event, with problems that name the field."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from typing import Any, TypeVar
from uuid import UUID, uuid5

from pydantic import BaseModel, ValidationError

from events.base import Event
from events.registry import REGISTRY

ID_NAMESPACE = UUID("6f0e3a52-7b8c-5a7e-9d4c-2f1b0a9e8d71")
LEADING = ("id", "type", "actor", "target", "mission_of", "occurred_on")
TRAILING = ("summary", "sources", "confidence", "note")


class InvalidEvent(ValueError):
    """A record that is not a valid event; `problems` name each field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _where(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _fields_of(cls: type[Event] | None) -> list[str]:
    if cls is None:
        return []
    return list(cls.model_fields)


def explain(err: ValidationError, cls: type[Event] | None = None) -> list[str]:
    """Pydantic's errors as `field: message` lines."""
    out: list[str] = []
    for e in err.errors(include_url=False):
        where = _where(tuple(e["loc"]))
        msg = str(e["msg"]).removeprefix("Value error, ")
        if e["type"] == "missing":
            msg = "required"
        elif e["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(e["loc"][-1]), _fields_of(cls), 1)
            msg = "unknown field" + (f" (did you mean {close[0]}?)" if close else "")
        if not where and ": " in msg:
            out.append(msg)
        else:
            out.append(f"{where or 'event'}: {msg}")
    out.sort(key=lambda p: "unknown field" not in p)
    if any(p.startswith("occurred_on:") for p in out):
        # The precision follows from the date: one problem, not two.
        out = [p for p in out if p != "date_precision: required"]
    return out


def canonical(record: dict[str, Any]) -> str:
    """The canonical text of a record, for content ids and comparisons."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def to_record(event: Event) -> dict[str, Any]:
    """The exchange-format dict of an event: codes, ISO dates, no nulls."""
    data = event.model_dump(mode="json", exclude_none=True)
    ordered = {k: data.pop(k) for k in LEADING if k in data}
    tail = {k: data.pop(k) for k in TRAILING if k in data}
    return ordered | data | tail


def parse(data: Any) -> Event:
    """Validate a record into its event type; raises InvalidEvent."""
    if not isinstance(data, dict):
        raise InvalidEvent(["event: must be a JSON object"])
    kind = data.get("type")
    if kind is None:
        raise InvalidEvent(["type: required"])
    cls = REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        close = difflib.get_close_matches(str(kind), list(REGISTRY), 1)
        hint = f" (did you mean {close[0]}?)" if close else " (see `tracker types`)"
        raise InvalidEvent([f"type: unknown event type {str(kind)[:80]!r}{hint}"])
    given_id = data.get("id")
    body = data if given_id is not None else {**data, "id": ID_NAMESPACE}
    try:
        event = cls.model_validate(body)
    except ValidationError as err:
        raise InvalidEvent(explain(err, cls)) from None
    if given_id is None:
        content = to_record(event)
        del content["id"]
        event = event.model_copy(update={"id": uuid5(ID_NAMESPACE, canonical(content))})
    return event


_TYPE = re.compile(r'"type"\s*:\s*"([a-z_]+)"')


def fast_parse(text: str) -> Event | None:
    """A well-formed line validated straight from its JSON text, or None.

    Most lines of an import are good; pydantic reads them faster from JSON than
    from a decoded dict. Anything unusual (no id, a recorded_at, any problem)
    returns None, and `parse` then gives the full answer with its problems.
    """
    found = _TYPE.search(text)
    if found is None or '"id"' not in text or '"recorded_at"' in text:
        return None
    cls = REGISTRY.get(found.group(1))
    if cls is None:
        return None
    try:
        return cls.model_validate_json(text)
    except ValidationError:
        return None


def trusted(cls: type[Event], record: dict[str, Any]) -> Event:
    """An event from a record this code validated when it was stored: no checks.

    Reading a store must not pay for validation again; the store only ever
    holds records that `parse` accepted (upcast to the current class version).
    """
    from events.base import Source

    data = dict(record)
    data["id"] = UUID(data["id"])
    if "event_id" in data:
        data["event_id"] = UUID(data["event_id"])
    data["sources"] = [_construct(Source, s) for s in data.get("sources", ())]
    return _construct(cls, data)


M = TypeVar("M", bound=BaseModel)


def _construct(cls: type[M], values: dict[str, Any]) -> M:
    """What `model_construct` does for these plain models (no aliases, no private
    attributes), without its per-field lookups: a store holds millions of events."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", _defaults(cls) | values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


@cache
def _defaults(cls: type[BaseModel]) -> dict[str, Any]:
    """Every field in order, with its default (None for a required field)."""
    return {
        name: None if field.is_required() else field.get_default(call_default_factory=True)
        for name, field in cls.model_fields.items()
    }


def revise(event: Event, changes: dict[str, Any]) -> Event:
    """The event with `changes` applied, validated again; raises InvalidEvent."""
    data = to_record(event) | changes
    if "occurred_on" in changes and "date_precision" not in changes:
        data.pop("date_precision", None)
    data = {k: v for k, v in data.items() if v is not None}
    try:
        return type(event).model_validate(data)
    except ValidationError as err:
        raise InvalidEvent([f"changes.{p}" for p in explain(err, type(event))]) from None
