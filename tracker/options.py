"""Turning command-line text into values, with errors that name the option."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from tracker.errors import BadInput

_CODE = re.compile(r"[A-Za-z]{2}")


def country(text: str, where: str) -> str:
    from events.countries import UnknownCountry, resolve

    try:
        return resolve(text)
    except UnknownCountry as err:
        raise BadInput(f"{where}: {err}") from None


def given(a: str | None, b: str | None) -> tuple[str, str]:
    if not a or not b:
        raise BadInput("give two countries (tracker status RU US), or --all")
    return a, b


def pair(
    a: str | None, b: str | None, *, held: Callable[[str, str], bool] | None = None
) -> tuple[str, str]:
    """Two different countries. Codes of a pair the store `held` need no lookup:
    every code it holds was checked when it was written (and pycountry takes
    longer to load than the rest of a `status`)."""
    a, b = given(a, b)
    if held is not None and _CODE.fullmatch(a) and _CODE.fullmatch(b):
        codes = a.upper(), b.upper()
        if held(*codes):
            return codes
    first, second = country(a, "A"), country(b, "B")
    if first == second:
        raise BadInput(f"B: the two countries are the same ({first})")
    return first, second


def day(text: str | None, where: str) -> date | None:
    from events.dates import parse_day

    if text is None:
        return None
    try:
        return parse_day(text)
    except ValueError as err:
        raise BadInput(f"{where}: {err}") from None


def today() -> date:
    return datetime.now(UTC).date()


def known_at(text: str | None) -> datetime | None:
    from events.dates import parse_known_at

    if text is None:
        return None
    try:
        return parse_known_at(text)
    except ValueError as err:
        raise BadInput(f"--as-known-at: {err}") from None


INTEGERS = ("count", "cap")
LISTS = ("terms", "cities")
JSON_FIELDS = ("sources", "changes")


def assignments(items: list[str], where: str = "--set") -> dict[str, Any]:
    """FIELD=VALUE pairs: integers for count and cap, comma lists for terms and
    cities, JSON for sources, `null` to clear a field, text otherwise."""
    import json

    out: dict[str, Any] = {}
    for item in items:
        field, sep, value = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise BadInput(f"{where}: {item!r} is not FIELD=VALUE")
        if value == "null":
            out[field] = None
        elif field in INTEGERS:
            try:
                out[field] = int(value)
            except ValueError:
                raise BadInput(f"{field}: {value!r} is not a whole number") from None
        elif field in LISTS:
            out[field] = [v.strip() for v in value.split(",") if v.strip()]
        elif field in JSON_FIELDS:
            try:
                out[field] = json.loads(value)
            except ValueError:
                raise BadInput(f"{field}: {value!r} is not valid JSON") from None
        else:
            out[field] = value
    return out
