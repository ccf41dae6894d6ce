"""The record behind a posture: a pair's history, and what explains each value."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from events import Recorded, to_record
from projections import believe, posture


def _concerns(r: Recorded, pair: tuple[str, str], ids: set[str]) -> bool:
    e: Any = r.event
    if e.is_meta:
        return str(e.event_id) in ids
    return bool(e.pair == tuple(sorted(pair)))


def pair_history(records: Iterable[Recorded], pair: tuple[str, str]) -> list[dict[str, Any]]:
    """Every event of the pair as recorded, with what later records did to it."""
    held = list(records)
    belief = believe(held)
    ids: set[str] = set()
    rows = []
    for r in sorted(held, key=lambda r: r.seq):
        if not _concerns(r, pair, ids):
            continue
        ids.add(str(r.event.id))
        ident = str(r.event.id)
        touched = [m for m in belief.meta if str(getattr(m.event, "event_id", "")) == ident]
        status = (
            "retracted"
            if ident in belief.withdrawn
            else (
                "corrected"
                if any(
                    m.event.type == "corrected" and str(m.event.id) not in belief.withdrawn
                    for m in touched
                )
                else ""
            )
        )
        rows.append(
            {
                "event": to_record(r.event),
                "recorded_at": r.recorded_at.isoformat(),
                "seq": r.seq,
                "status": status,
                "by": [str(m.event.id) for m in touched],
            }
        )
    return rows


def _objects(value: Any, path: str) -> Iterable[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        if value.get("event_ids"):
            yield path, value
        for k, v in value.items():
            if k != "term_status":
                yield from _objects(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            label = v.get("city") or v.get("event_id") or i if isinstance(v, dict) else i
            yield from _objects(v, f"{path}[{label}]")


def explanation(
    records: Iterable[Recorded],
    pair: tuple[str, str],
    at: date,
    as_known_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """Each value of the posture with the events (and sources) that made it."""
    held = list(records)
    by_id = {str(r.event.id): r.event for r in held}
    p = posture(held, pair, at, as_known_at)
    rows = []
    for path, obj in _objects(
        {
            "missions": p["missions"],
            "relations": p["relations"],
            "agreements": p["agreements"],
            "engagements": p["engagements"],
        },
        "",
    ):
        value = obj.get("status") or obj.get("name") or obj.get("summary")
        if "fulfilled" in obj:
            value = "fulfilled" if obj["fulfilled"] else "open"
        events = [to_record(by_id[i]) for i in obj["event_ids"] if i in by_id]
        rows.append(
            {
                "path": path,
                "value": value,
                "since": obj.get("since"),
                "since_text": obj.get("since_text"),
                "approximate": obj.get("approximate"),
                "claimed": obj.get("claimed"),
                "event_ids": obj["event_ids"],
                "events": events,
            }
        )
    return rows
