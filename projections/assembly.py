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


def prefix(body: str, at: date) -> str:
    """The items of a growing piece that hold on `at` (as JSON list items)."""
    # body: the cuts (day, count), "\n", where each item ends, "\n", the items.
    # Read in place: the items can be long, and are copied once, as the answer.
    ends = body.index("\n") + 1
    items = body.index("\n", ends) + 1
    step = 2 * WIDTH
    day = _day(at)[0]
    low, high = 0, (ends - 1) // step  # the first cut after `at`, bisected
    while low < high:
        mid = (low + high) // 2
        if body[mid * step : mid * step + WIDTH] <= day:
            low = mid + 1
        else:
            high = mid
    if not low:
        return ""
    count = int(body[(low - 1) * step + WIDTH : low * step])
    return body[items : items + int(body[ends + (count - 1) * WIDTH : ends + count * WIDTH])]


def assemble(pair: str, held: Mapping[str, str], at: date) -> str:
    """The posture JSON of `pair` ("AA-BB") at `at` from the pieces that hold on it."""
    a, b = pair.split("-")
    agreements: list[tuple[int, str]] = []
    consulates: tuple[list[str], list[str]] = ([], [])
    for name in held:
        if name[0] == "a":
            agreements.append((int(name[1:]), held[name]))
        elif name[0] == "c":
            consulates[name[1] == "1"].append(name)
    missions = []
    for n, key in enumerate((f"{a}->{b}", f"{b}->{a}")):
        before, after = held[f"m{n}"].split("\n")
        cities = ", ".join(held[k] for k in sorted(consulates[n]))
        missions.append(
            f'"{key}": {before}, "consulates": [{cities}], {after}, '
            f'"staff_event_ids": [{prefix(held[f"s{n}"], at)}]}}'
        )
    agreements.sort()
    return (
        f'{{"pair": ["{a}", "{b}"], "missions": {{{", ".join(missions)}}}, '
        f'"relations": {held["rel"]}, "agreements": [{", ".join(t for _, t in agreements)}], '
        f'"engagements": {held["eng"]}, '
        f'"warnings": [{prefix(held["w"], at)}], "at": "{_day(at)[1]}", "as_known_at": null}}'
    )
