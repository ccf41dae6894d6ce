"""Partial dates (`2021-03-17`, `2021-03`, `2021`) and their precision."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Literal

Precision = Literal["day", "month", "year"]

_FORMS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}"), "year"),
)


def parse_partial(text: str) -> tuple[date, Precision]:
    """The first day of a partial date, and its precision; raises ValueError."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        y, m, d = text[:4], text[5:7], text[8:]
        if y.isdigit() and m.isdigit() and d.isdigit():
            try:
                return date(int(y), int(m), int(d)), "day"
            except ValueError:
                raise ValueError(f"{text!r} is not a real date") from None
    for pattern, precision in _FORMS:
        if pattern.fullmatch(text):
            parts = [int(p) for p in text.split("-")] + [1, 1]
            try:
                return date(parts[0], parts[1], parts[2]), precision
            except ValueError:
                raise ValueError(f"{text!r} is not a real date") from None
    raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")


def format_partial(start: date, precision: Precision) -> str:
    """The canonical text of a partial date."""
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return start.isoformat()


def parse_day(text: str) -> date:
    """A full ISO date; raises ValueError."""
    start, precision = parse_partial(text)
    if precision != "day":
        raise ValueError(f"{text!r} needs a full date (YYYY-MM-DD)")
    return start


def parse_known_at(text: str) -> datetime:
    """An --as-known-at instant: a bare date means the end of that day (UTC)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(parse_day(text), time.max, tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO date or date-time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
