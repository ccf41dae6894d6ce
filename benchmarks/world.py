"""A deterministic synthetic world history, for benchmarks at scale.

Run: python benchmarks/world.py N [--seed 1] > world.jsonl
About 195 states; pairs drawn from a skewed (Zipf-like) distribution, so a few
pairs hold tens of thousands of events; dates 1950-2025 with day, month and year
precision; every event type, including corrections and retractions of earlier
events. Every line is a valid exchange-format record with its own id.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from collections import deque
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

NAMESPACE = uuid.UUID("1b0f5c3e-9a4d-5e2f-8c7b-6d5a4e3f2a10")
START, DAYS = date(1950, 1, 1), (date(2025, 12, 31) - date(1950, 1, 1)).days
PEOPLE = [f"Envoy {i}" for i in range(400)]
CITIES = [
    "Seattle",
    "San Francisco",
    "Vladivostok",
    "Yekaterinburg",
    "Istanbul",
    "Lyon",
    "Hamburg",
    "Osaka",
    "Mumbai",
    "Sao Paulo",
    "Toronto",
    "Milan",
]
TERMS = [
    "ambassadors_return",
    "ambassadors_exchange",
    "embassies_reopen",
    "staff_cap_lifted",
    "staffing_restored",
    "further_talks",
]
WEIGHTS = {
    "ambassador_appointed": 6,
    "credentials_presented": 6,
    "ambassador_recalled": 4,
    "ambassador_returned": 4,
    "ambassador_expelled": 1,
    "ambassador_departed": 5,
    "charge_d_affaires_named": 3,
    "diplomats_expelled": 3,
    "staff_cap_imposed": 1,
    "staff_cap_lifted": 1,
    "embassy_closed": 1,
    "embassy_suspended": 1,
    "embassy_reopened": 1,
    "consulate_opened": 2,
    "consulate_suspended": 1,
    "consulate_closed": 1,
    "relations_severed": 1,
    "relations_restored": 1,
    "relations_downgraded": 1,
    "relations_upgraded": 1,
    "talks_held": 12,
    "agreement_reached": 2,
    "agreement_fulfilled": 1,
    "corrected": 2,
    "retracted": 1,
}


def states() -> list[str]:
    import pycountry

    codes = sorted(c.alpha_2 for c in pycountry.countries)
    return codes[:195]


def _date(rnd: random.Random) -> tuple[str, str]:
    d = START + timedelta(days=rnd.randrange(DAYS))
    precision = rnd.choices(["day", "month", "year"], [85, 12, 3])[0]
    text = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]
    return text, precision


def world(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """N records; the same N and seed give the same file. Memory stays bounded."""
    rnd = random.Random(seed)
    codes = states()
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]]
    rnd.shuffle(pairs)
    cumulative = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(pairs))))
    kinds = list(WEIGHTS)
    kind_cumulative = list(accumulate(WEIGHTS.values()))
    recent: deque[dict[str, Any]] = deque(maxlen=5000)
    agreements: deque[str] = deque(maxlen=200)
    for i in range(n):
        ident = str(uuid.uuid5(NAMESPACE, f"{seed}/{i}"))
        kind = rnd.choices(kinds, cum_weights=kind_cumulative)[0]
        if kind in ("corrected", "retracted") and recent:
            record = _amend(kind, recent[rnd.randrange(len(recent))], rnd)
        else:
            if kind in ("corrected", "retracted") or (
                kind == "agreement_fulfilled" and not agreements
            ):
                kind = "talks_held"
            a, b = rnd.choices(pairs, cum_weights=cumulative)[0]
            actor, target = (a, b) if rnd.random() < 0.5 else (b, a)
            record = _action(kind, actor, target, rnd, agreements)
            recent.append({"id": ident, "type": kind})
            if kind == "agreement_reached":
                agreements.append(ident)
        record["id"] = ident
        yield record


def _action(
    kind: str, actor: str, target: str, rnd: random.Random, agreements: deque[str]
) -> dict[str, Any]:
    on, precision = _date(rnd)
    record: dict[str, Any] = {
        "id": "",
        "type": kind,
        "actor": actor,
        "target": target,
        "occurred_on": on,
        "date_precision": precision,
    }
    if kind in ("ambassador_appointed", "credentials_presented", "charge_d_affaires_named"):
        record["person"] = rnd.choice(PEOPLE)
    if kind.startswith(("embassy_", "consulate_")):
        record["mission_of"] = rnd.choice((actor, target))
    if kind.startswith("consulate_"):
        record["city"] = rnd.choice(CITIES)
    if kind == "diplomats_expelled":
        record["count"] = rnd.randrange(1, 60)
    if kind == "staff_cap_imposed":
        record["cap"] = rnd.randrange(10, 500)
    if kind in ("relations_downgraded", "relations_upgraded"):
        record["level"] = rnd.choice(["ambassador", "charge_d_affaires", "interests_section"])
    if kind == "talks_held":
        record["place"] = rnd.choice(CITIES)
    if kind == "agreement_reached":
        record["terms"] = rnd.sample(TERMS, rnd.randrange(1, 3))
    if kind == "agreement_fulfilled":
        record["event_id"] = agreements[rnd.randrange(len(agreements))]
    confidence = rnd.choices(["confirmed", "reported", "claimed"], [30, 60, 10])[0]
    record["summary"] = f"{kind.replace('_', ' ')} between {actor} and {target}"
    record["sources"] = [{"url": f"https://example.org/wire/{rnd.randrange(10**9)}"}]
    record["confidence"] = confidence
    return record


def _amend(kind: str, target: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "",
        "type": kind,
        "event_id": target["id"],
        "reason": "a later report",
    }
    if kind == "corrected":
        on, precision = _date(rnd)
        record["changes"] = {"occurred_on": on, "date_precision": precision}
    record["summary"] = f"{kind} {target['type']}"
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = sys.stdout
    for record in world(args.n, args.seed):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
