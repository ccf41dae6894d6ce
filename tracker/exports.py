"""Choosing the events to export and writing them in the asked format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from events import Recorded, to_record


def select(
    records: Iterable[Recorded],
    pair: tuple[str, str] | None,
    start: date | None,
    end: date | None,
) -> list[Recorded]:
    """Records of a pair and period (given in recording order); corrections
    follow the events they name."""
    chosen: list[Recorded] = []
    ids: set[str] = set()
    for r in records:
        e: Any = r.event
        if e.is_meta:
            keep = str(e.event_id) in ids if (pair or start or end) else True
        else:
            keep = (pair is None or e.pair == tuple(sorted(pair))) and (
                (start is None or e.start >= start) and (end is None or e.start <= end)
            )
        if keep:
            chosen.append(r)
            ids.add(str(e.id))
    return chosen


def jsonl(records: list[Recorded], *, with_recorded_at: bool = False) -> str:
    lines = []
    for r in records:
        data = to_record(r.event)
        if with_recorded_at:
            data["recorded_at"] = r.recorded_at.isoformat()
        lines.append(json.dumps(data, ensure_ascii=False) + "\n")
    return "".join(lines)


def render_export(
    kind: str,
    records: list[Recorded],
    *,
    with_recorded_at: bool = False,
    dates: list[date] | None = None,
) -> str:
    if kind == "jsonl":
        return jsonl(records, with_recorded_at=with_recorded_at)
    if kind == "csv":
        from tracker.formats.table import write_csv

        return write_csv(records, with_recorded_at=with_recorded_at)
    if kind == "timeline":
        from tracker.formats.timelinejs import timeline_json

        return timeline_json(records)
    from tracker.formats.panel import panel_csv

    return panel_csv(records, dates or [])
