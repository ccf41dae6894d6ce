"""CSV: one row per event, ICEWS-like columns a spreadsheet or pandas reads as is.

Columns, in order (every value is text; CAMEO codes keep their leading zeros):

    id, date, precision, actor, actor_name, target, target_name, mission_of,
    type, cameo, plover, confidence, summary, source_url, source_publisher,
    details[, recorded_at]

`date` is the first day the event applies (a full ISO date, so it parses as a
date column) and `precision` says whether it is known to the day, month or
year. `details` is a JSON object with every other field (all the sources, the
type's own fields, `announced_on`, `note`), so a CSV export re-imports without
loss. `actor_name`, `target_name`, `cameo`, `plover`, `source_url` and
`source_publisher` are derived for readers and ignored on import.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from events import InvalidEvent, Recorded, to_record
from events.countries import name
from events.dates import Precision, format_partial, parse_partial
from tracker.importing import Line, Problems, read_record

COLUMNS = (
    "id",
    "date",
    "precision",
    "actor",
    "actor_name",
    "target",
    "target_name",
    "mission_of",
    "type",
    "cameo",
    "plover",
    "confidence",
    "summary",
    "source_url",
    "source_publisher",
    "details",
)
DERIVED = frozenset(
    {"actor_name", "target_name", "cameo", "plover", "source_url", "source_publisher"}
)
AS_IS = ("id", "actor", "target", "mission_of", "type", "confidence", "summary", "recorded_at")
FIELD_COLUMN = {"occurred_on": "date", "date_precision": "precision"} | {
    k: k for k in (*AS_IS, "date", "precision", "details")
}

COARSE: dict[str, Precision] = {"month": "month", "year": "year"}


def _row(r: Recorded, with_recorded_at: bool) -> list[str]:
    e = r.event
    data = to_record(e)
    sources = data.get("sources") or [{}]
    cells = {
        "id": data.pop("id"),
        "date": e.start.isoformat() if data.get("occurred_on") else "",
        "precision": data.pop("date_precision", ""),
        "actor_name": name(data["actor"]) if data.get("actor") else "",
        "target_name": name(data["target"]) if data.get("target") else "",
        "cameo": type(e).cameo or "",
        "plover": type(e).plover or "",
        "source_url": sources[0].get("url", ""),
        "source_publisher": sources[0].get("publisher", ""),
    }
    data.pop("occurred_on", None)
    for key in AS_IS:
        if key in data:
            cells[key] = data.pop(key)
    cells["details"] = json.dumps(data, ensure_ascii=False) if data else ""
    if with_recorded_at:
        cells["recorded_at"] = r.recorded_at.isoformat()
    return [str(cells.get(c, "")) for c in _header(with_recorded_at)]


def _header(with_recorded_at: bool) -> tuple[str, ...]:
    return (*COLUMNS, "recorded_at") if with_recorded_at else COLUMNS


def write_csv(records: list[Recorded], *, with_recorded_at: bool = False) -> str:
    """The events as CSV, in recording order, a header first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_header(with_recorded_at))
    writer.writerows(_row(r, with_recorded_at) for r in records)
    return out.getvalue()


class _Counted:
    """Physical lines for csv.reader, the count kept (a BOM dropped)."""

    def __init__(self, stream: Iterable[str]) -> None:
        self.lines = iter(stream)
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        for text in self.lines:
            self.number += 1
            yield text.removeprefix("\ufeff") if self.number == 1 else text


def _occurred(date: str, precision: str) -> dict[str, str]:
    """`date` and `precision` as occurred_on; a full date must start its month or year."""
    fields = {"date_precision": precision} if precision else {}
    if not date:
        return fields
    try:
        start, given = parse_partial(date)
    except ValueError as err:
        raise InvalidEvent([f"date: {err}"]) from None
    coarse = COARSE.get(precision)
    if given == "day" and coarse is not None:
        if start.day != 1 or (coarse == "year" and start.month != 1):
            raise InvalidEvent(
                [f"date: {date} is not the first day of its {coarse} (precision {coarse})"]
            )
        return fields | {"occurred_on": format_partial(start, coarse)}
    return fields | {"occurred_on": date}


def _named(message: str) -> str:
    """A parse problem named by the CSV column that holds the field."""
    field, sep, rest = message.partition(":")
    key = field.split(".")[0].split("[")[0]
    if not sep or key == "event":
        return message
    return f"{FIELD_COLUMN.get(key, 'details.' + key)}{field[len(key) :]}:{rest}"


def _record(cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    details = cells.get("details", "")
    if details:
        try:
            extra = json.loads(details)
        except json.JSONDecodeError as err:
            raise InvalidEvent([f"details: not valid JSON ({err.msg})"]) from None
        if not isinstance(extra, dict):
            raise InvalidEvent(["details: must be a JSON object"])
        clash = sorted(set(extra) & set(FIELD_COLUMN) - {"date", "precision", "details"})
        if clash:
            raise InvalidEvent([f"details: {clash[0]} has its own column"])
        data |= extra
    data |= {k: cells[k] for k in AS_IS if cells.get(k)}
    return data | _occurred(cells.get("date", ""), cells.get("precision", ""))


def _columns(header: list[str], where: str, problems: Problems) -> bool:
    known = {*COLUMNS, "recorded_at"}
    for column in header:
        if column not in known:
            problems.add(where, f"unknown column {column[:40]!r} (columns: {', '.join(COLUMNS)})")
            return False
        if header.count(column) > 1:
            problems.add(where, f"column {column!r} appears twice")
            return False
    return True


def read_csv(label: str, stream: Iterable[str], problems: Problems) -> Iterator[Line]:
    """The events of a CSV text (as `write_csv` writes it); bad rows go to `problems`."""
    counted = _Counted(stream)
    reader = csv.reader(counted)
    header: list[str] | None = None
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            problems.add(f"{label}line {counted.number}", f"not valid CSV ({err})")
            return
        where, last = f"{label}line {last + 1}", counted.number
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [c.strip() for c in row]
            if not _columns(header, where, problems):
                return
            continue
        if len(row) != len(header):
            problems.add(where, f"{len(row)} fields, the header has {len(header)}")
            continue
        try:
            event, recorded_at = read_record(_record(dict(zip(header, row, strict=True))))
        except InvalidEvent as err:
            for message in err.problems:
                problems.add(where, _named(message))
            continue
        yield Line(where, event, recorded_at)
