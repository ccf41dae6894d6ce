"""Small builders for events and recorded histories in tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from events import Event, Recorded, parse

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "us-ru.jsonl"
EXAMPLES = ROOT.parent / "shared" / "examples"
T0 = datetime(2026, 1, 1, tzinfo=UTC)
SOURCE = [{"url": "https://example.org/report"}]


def ev(type_: str, actor: str, target: str, on: str, **fields: Any) -> Event:
    """An event with a summary and a source unless given."""
    data: dict[str, Any] = {
        "type": type_,
        "actor": actor,
        "target": target,
        "occurred_on": on,
        "summary": fields.pop("summary", f"{type_} {actor}->{target} {on}"),
    }
    if fields.get("confidence") != "claimed":
        data["sources"] = SOURCE
    return parse(data | fields)


def meta(type_: str, event: Event, **fields: Any) -> Event:
    """A retraction or correction of `event`."""
    return parse(
        {
            "type": type_,
            "event_id": str(event.id),
            "reason": fields.pop("reason", "a later report"),
            **fields,
        }
    )


def recorded(
    events: Iterable[Event], start: datetime = T0, step: timedelta = timedelta(minutes=1)
) -> list[Recorded]:
    """Recorded in the given order, a minute apart."""
    return [Recorded(e, start + i * step, i + 1) for i, e in enumerate(events)]


def seed_records() -> list[Recorded]:
    return recorded(parse(json.loads(line)) for line in SEEDS.read_text().splitlines() if line)


def example_records() -> list[Recorded]:
    lines = (EXAMPLES / "events.jsonl").read_text().splitlines()
    return recorded(parse(json.loads(line)) for line in lines if line)
