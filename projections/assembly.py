"""A posture put together from the pieces that hold on a day (see pieces.py).

The reader's side of the posture table: plain text work, with no fold and no
event models, so answering from the table starts quickly.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

WIDTH = 10  # digits of each number in a growing piece's columns


@lru_cache(maxsize=64)
def _day(at: date) -> tuple[str, str]:
    """`at` as the growing pieces' columns write it, and as the answer does."""
    return f"{at.toordinal():0{WIDTH}d}", at.isoformat()


def prefix(body: str, at: date, section: int) -> str:
    """The items of a growing list that hold on `at` (as JSON list items): the
    `section`-th list of a `g` piece."""
    # The body: where each section starts; each section: the cuts (day, count),
    # "\n", where each item ends, "\n", the items. Read in place: the items can
    # be long, and are copied once, as the answer.
    start = int(body[section * WIDTH : (section + 1) * WIDTH])
    ends = body.index("\n", start) + 1
    items = body.index("\n", ends) + 1
    step = 2 * WIDTH
    day = _day(at)[0]
    low, high = 0, (ends - 1 - start) // step  # the first cut after `at`, bisected
    while low < high:
        mid = (low + high) // 2
        cut = start + mid * step
        if body[cut : cut + WIDTH] <= day:
            low = mid + 1
        else:
            high = mid
    if not low:
        return ""
    cut = start + (low - 1) * step + WIDTH
    count = int(body[cut : cut + WIDTH])
    return body[items : items + int(body[ends + (count - 1) * WIDTH : ends + count * WIDTH])]


def assemble(held: Mapping[str, str], at: date) -> str:
    """The posture JSON of a pair at `at` from the pieces that hold on it."""
    agreements: list[tuple[int, str]] = []
    consulates: tuple[list[str], list[str]] = ([], [])
    for name in held:
        if name[0] == "a":
            agreements.append((int(name[1:]), held[name]))
        elif name[0] == "c":
            consulates[name[1] == "1"].append(name)
    first, staff, second, more_staff, rest = held["p"].split("\n")
    growing = held["g"]  # its sections: the warnings, then each mission's staff ids
    agreements.sort()
    return (
        f"{first}{', '.join([held[k] for k in sorted(consulates[0])])}{staff}"
        f"{prefix(growing, at, 1)}{second}"
        f"{', '.join([held[k] for k in sorted(consulates[1])])}{more_staff}"
        f"{prefix(growing, at, 2)}{rest}{', '.join([t for _, t in agreements])}"
        f'], "engagements": {held["eng"]}, "warnings": [{prefix(growing, at, 0)}], '
        f'"at": "{_day(at)[1]}", "as_known_at": null}}'
    )
