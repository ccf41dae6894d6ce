"""The pure folds: the posture of a pair (or of every pair) at a date, timelines, tenures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from events import Recorded, sorted_pair
from projections.facts import Fact, believe, by_pair
from projections.fold import apply
from projections.state import PairState

Posture = dict[str, Any]


def fold(facts: Iterable[Fact], pair: tuple[str, str], at: date | None = None) -> PairState:
    """Apply the pair's facts that apply by `at` (all when None), in order."""
    state = PairState(*sorted_pair(*pair))
    for f in facts:
        if at is not None and f.start > at:
            break
        apply(state, f)
    return state


def stamped(out: Posture, at: date | None, as_known_at: datetime | None) -> Posture:
    out["at"] = at.isoformat() if at else None
    out["as_known_at"] = as_known_at.isoformat() if as_known_at else None
    return out


def posture(
    records: Iterable[Recorded],
    pair: tuple[str, str],
    at: date,
    as_known_at: datetime | None = None,
) -> Posture:
    """DESIGN.md's posture of `pair` at `at`, as known at `as_known_at`."""
    a, b = sorted_pair(*pair)
    facts = [f for f in believe(records, as_known_at).facts if f.event.pair == (a, b)]
    return stamped(fold(facts, (a, b), at).json(), at, as_known_at)


def postures(
    records: Iterable[Recorded],
    at: date,
    as_known_at: datetime | None = None,
    including: str | None = None,
) -> list[Posture]:
    """The posture of every pair with a fact in effect by `at` (alphabetical)."""
    out = []
    for pair, facts in sorted(by_pair(believe(records, as_known_at).facts).items()):
        if including is not None and including not in pair:
            continue
        if facts[0].start <= at:
            out.append(stamped(fold(facts, pair, at).json(), at, as_known_at))
    return out


QUIET = frozenset(
    {"event_ids", "approximate", "claimed", "staff_event_ids", "warnings", "implied"}
    | {"summary", "place", "rank", "topic", "terms", "cities", "text", "due"}
    | {"term_status", "fulfilled_by", "event_id", "city", "at", "as_known_at"}
)


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf values of a posture by dotted path, without provenance keys."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k not in QUIET:
                out |= flatten(v, f"{path}.{k}" if path else k)
        return out
    if isinstance(value, list) and (not value or isinstance(value[0], dict)):
        out = {}
        for i, v in enumerate(value):
            label = v.get("city") or v.get("event_id") or str(i)
            out |= flatten(v, f"{path}[{label}]")
        return out
    return {path: value}


def steps(facts: list[Fact], pair: tuple[str, str]) -> Iterator[tuple[Fact, PairState]]:
    """The state after each fact, in fold order (the same object, mutated)."""
    state = PairState(*sorted_pair(*pair))
    for f in facts:
        apply(state, f)
        yield f, state


def timeline(
    records: Iterable[Recorded],
    pair: tuple[str, str],
    start: date | None = None,
    end: date | None = None,
    as_known_at: datetime | None = None,
) -> list[dict[str, Any]]:
    """The posture change by change: each fact from `start` to `end` and what it changed."""
    a, b = sorted_pair(*pair)
    facts = [f for f in believe(records, as_known_at).facts if f.event.pair == (a, b)]
    out: list[dict[str, Any]] = []
    before = flatten(PairState(a, b).json())
    for f, state in steps(facts, (a, b)):
        if end is not None and f.start > end:
            break
        after = flatten(state.json())
        if start is None or f.start >= start:
            changes = [
                {"path": k, "before": before.get(k), "after": v}
                for k, v in after.items()
                if before.get(k) != v and not k.endswith(".since")
            ]
            changes += [
                {"path": k, "before": v, "after": None} for k, v in before.items() if k not in after
            ]
            out.append({"on": f.start.isoformat(), "event": _brief(f), "changes": changes})
        before = after
    return out


def _brief(f: Fact) -> dict[str, Any]:
    e = f.event
    return {
        "event_id": f.ids[0],
        "event_ids": list(f.ids),
        "type": e.type,
        "actor": e.actor,
        "target": e.target,
        "occurred_on": e.occurred_on,
        "approximate": f.approximate,
        "claimed": f.claimed,
        "summary": e.summary,
    }


def tenures(
    records: Iterable[Recorded],
    pair: tuple[str, str],
    as_known_at: datetime | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Who headed each mission, from when to when, as the facts tell it."""
    a, b = sorted_pair(*pair)
    facts = [f for f in believe(records, as_known_at).facts if f.event.pair == (a, b)]
    out: dict[str, list[dict[str, Any]]] = {f"{a}->{b}": [], f"{b}->{a}": []}
    for f, state in steps(facts, (a, b)):
        for key, m in state.missions.items():
            rows, name = out[key], m.head.name
            current = rows[-1] if rows and rows[-1]["to"] is None else None
            if current is not None and current["name"] != name:
                current["to"] = f.start.isoformat()
                current = None
            if name is not None and current is None:
                current = {
                    "name": name,
                    "title": m.head.title,
                    "from": None,
                    "to": None,
                    "statuses": [],
                    "event_ids": [],
                }
                rows.append(current)
            if current is not None:
                since = m.head.mark.since.isoformat() if m.head.mark.since else None
                if current["from"] is None:
                    current["from"] = since
                entry = {
                    "status": m.head.status,
                    "since": since,
                    "approximate": m.head.mark.approximate,
                }
                if not current["statuses"] or current["statuses"][-1] != entry:
                    current["statuses"].append(entry)
                for i in m.head.mark.event_ids:
                    if i not in current["event_ids"]:
                        current["event_ids"].append(i)
    return out
