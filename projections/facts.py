"""From recorded events to facts: what counts, in the order it applies.

Filters on recording time, withdraws retracted events, applies corrections
(the effective version of each event), drops disputed claims, and sorts by
(first day the event applies, recording order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from events import Corrected, Event, InvalidEvent, Recorded, Retracted, revise


@dataclass(frozen=True, slots=True)
class Fact:
    """An effective event: the event as corrected, with every id it rests on."""

    event: Event
    seq: int
    ids: tuple[str, ...]
    start: date

    @property
    def approximate(self) -> bool:
        return self.event.date_precision != "day"

    @property
    def claimed(self) -> bool:
        return self.event.confidence == "claimed"

    @property
    def key(self) -> tuple[date, int]:
        return (self.start, self.seq)


@dataclass(frozen=True, slots=True)
class Belief:
    """What the store held at a moment: the facts, and events about events."""

    facts: list[Fact]
    withdrawn: frozenset[str]
    meta: list[Recorded]
    problems: list[tuple[Recorded, str]]


def known(records: Iterable[Recorded], as_known_at: datetime | None) -> list[Recorded]:
    """The records held at `as_known_at` (all of them when None), by recording."""
    held = [r for r in records if as_known_at is None or r.recorded_at <= as_known_at]
    held.sort(key=lambda r: r.seq)
    return held


def believe(records: Iterable[Recorded], as_known_at: datetime | None = None) -> Belief:
    """Resolve retractions and corrections into the facts that count."""
    held = known(records, as_known_at)
    meta = [r for r in held if r.event.is_meta]
    withdrawn: set[str] = set()
    corrections: dict[str, list[Recorded]] = {}
    problems: list[tuple[Recorded, str]] = []
    if meta:
        for r in reversed(meta):
            if isinstance(r.event, Retracted) and str(r.event.id) not in withdrawn:
                withdrawn.add(str(r.event.event_id))
        known_ids = {str(r.event.id) for r in held}
        for r in meta:
            target = str(r.event.event_id)  # type: ignore[attr-defined]
            if target not in known_ids:
                problems.append((r, f"{r.event.type} names an unknown event {target}"))
            elif isinstance(r.event, Corrected) and str(r.event.id) not in withdrawn:
                corrections.setdefault(target, []).append(r)
    facts: list[Fact] = []
    for r in held:
        event = r.event
        if event.is_meta:
            continue
        ident = str(event.id)
        if ident in withdrawn:
            continue
        ids = [ident]
        for c in corrections.get(ident, ()):
            changes: dict[str, Any] = c.event.changes  # type: ignore[attr-defined]
            try:
                event = revise(event, changes)
            except InvalidEvent as err:
                problems.append((c, f"correction does not apply: {err}"))
                continue
            ids.append(str(c.event.id))
        if event.confidence != "disputed":
            facts.append(Fact(event, r.seq, tuple(ids), event.start))
    facts.sort(key=lambda f: f.key)
    return Belief(facts, frozenset(withdrawn), meta, problems)


def by_pair(facts: Iterable[Fact]) -> dict[tuple[str, str], list[Fact]]:
    """Facts grouped by the (alphabetical) pair of states they concern."""
    out: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        out.setdefault(f.event.pair, []).append(f)
    return out
