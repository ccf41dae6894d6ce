"""The type's own fields, read from the sentence around a trigger.

Each function takes the sentence (and where the trigger sits) and returns the
value or None; the drafter leaves out what it cannot read, and drops a
candidate only when its type requires the field (a consulate's city, a cap).
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

from tracker.draft.names import countries_in
from tracker.draft.phrases import NUMBER, number
from tracker.draft.triggers import LEVELS, Table

CITY = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}"
# "in Seattle", "in Seattle and Boston", "in Seattle, Boston and Houston" (a comma
# alone does not continue the list: "in Karlovy Vary, Foreign Minister ...").
_CITY_AFTER = re.compile(
    r"consulat\w*(?:[- ]general)?s?\s+in\s+(?P<cities>"
    + CITY
    + r"(?:(?:,\s*"
    + CITY
    + r")*,?\s+and\s+"
    + CITY
    + r")?)"
)
_CITY_BEFORE = re.compile(
    r"(?:\b(?:its|the|[\w.]+['’]s)\s+)(?P<cities>" + CITY + r")\s+consulat", re.I
)
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<place>" + CITY + ")")
_TOPIC = re.compile(r"\bto (?:discuss|address|review|work on)\s+(?P<topic>[^,;.“”\"]{3,120})")
_COUNT = re.compile(
    NUMBER + r"\s+(?:more\s+|other\s+)?(?:[\w.]+\s+){0,2}?"
    r"(?:diplomats|staff|staffers|personnel|employees|officials|officers|spies)",
    re.I,
)
_WITHIN = re.compile(r"\b(?:within|in)\s+" + NUMBER + r"\s+(?P<unit>hours|days)", re.I)
_TO_LEAVE = re.compile(NUMBER + r"\s+(?P<unit>hours|days)\s+to\s+leave", re.I)
RANKS = (
    (re.compile(r"\bforeign ministers?\b|\btop diplomats?\b", re.I), "foreign ministers"),
    (re.compile(r"\bpresidents?\b|\bleaders\b|\bsummit\b", re.I), "heads of state"),
    (re.compile(r"\bdiplomats\b|\bdelegations\b|\bexperts\b|\bofficials\b", re.I), "officials"),
)
NOT_PLACES = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}


def _clean_city(text: str) -> str | None:
    text = text.strip().rstrip(".,")
    first = text.split()[0] if text else ""
    if not text or first in NOT_PLACES or countries_in(text):
        return None
    return text


def cities(text: str) -> list[str]:
    """The consulates' cities: 'consulates in Seattle and San Francisco'."""
    out: list[str] = []
    for m in _CITY_AFTER.finditer(text):
        for piece in re.split(r",\s*(?:and\s+)?|\s+and\s+", m["cities"]):
            city = _clean_city(piece)
            if city and city not in out:
                out.append(city)
    for m in _CITY_BEFORE.finditer(text):
        city = _clean_city(m["cities"])
        if city and city not in out:
            out.append(city)
    return out


def place(text: str, start: int) -> str | None:
    """Where talks were held: 'in Istanbul', 'in Geneva, Switzerland' (the city)."""
    for m in _PLACE.finditer(text, start, min(len(text), start + 90)):
        found = _clean_city(m["place"])
        if found:
            return found
        if countries_in(m["place"]) and m["place"].split()[0] not in NOT_PLACES:
            return m["place"].rstrip(".,")
    return None


def rank(text: str, start: int) -> str | None:
    window = text[max(0, start - 60) : start + 60]
    for pattern, value in RANKS:
        if pattern.search(window):
            return value
    return None


def topic(text: str, start: int) -> str | None:
    m = _TOPIC.search(text, start)
    if not m:
        return None
    words = m["topic"].split()
    return " ".join(words[:12]) or None


def count(text: str, start: int, end: int) -> int | None:
    m = _COUNT.search(text, max(0, start - 40), min(len(text), end + 20))
    return number(m["n"]) if m else None


def deadline(text: str, on: date | None) -> str | None:
    """The day expelled diplomats must leave by: 'within 72 hours' after `on`."""
    m = _WITHIN.search(text) or _TO_LEAVE.search(text)
    if not m or on is None:
        return None
    days = number(m["n"]) / (24 if m["unit"].lower() == "hours" else 1)
    return (on + timedelta(days=math.ceil(days))).isoformat()


def level(text: str, kind: str) -> str:
    lowered = text.lower()
    for word, value in LEVELS.items():
        if word in lowered:
            return value
    return "charge_d_affaires" if kind == "relations_downgraded" else "ambassador"


def stage(text: str) -> str | None:
    lowered = text.lower()
    if "copies" in lowered:
        return "copies"
    return "ceremony" if "ceremony" in lowered else None


def terms(text: str, table: Table, given: list[str]) -> dict[str, Any]:
    """An agreement's terms (and the consulates' cities) named in `text`."""
    found = list(given)
    for term, patterns in table.terms.items():
        if term not in found and any(p.search(text) for p in patterns):
            found.append(term)
    out: dict[str, Any] = {}
    if "consulates_reopen" in found:
        named = cities(text)
        if named:
            out["cities"] = named
        else:
            found.remove("consulates_reopen")
    if found:
        out["terms"] = found
    return out
