"""Deciding what an import adds: new ids, known ids skipped, conflicts refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from events import Corrected, Event, InvalidEvent, revise
from tracker import mapping
from tracker.errors import BadInput, Refused, TrackerError
from tracker.importing import MAX_PROBLEMS, Line, Problems

Lookup = Callable[[list[UUID]], dict[UUID, StoredEvent]]


def plan(lines: Sequence[Line], lookup: Lookup) -> tuple[list[Line], int]:
    """The lines to add and how many to skip; raises on any problem."""
    problems = Problems()
    seen: dict[UUID, Line] = {}
    new: list[Line] = []
    skipped = 0
    stored = lookup([line.event.id for line in lines])
    for line in lines:
        ident = line.event.id
        if ident in seen:
            if seen[ident].event == line.event:
                skipped += 1
            else:
                problems.add(
                    line.where,
                    f"id {ident} appears again with different "
                    f"content (first at {seen[ident].where or 'an earlier line'})",
                    refused=True,
                )
            continue
        seen[ident] = line
        found = stored.get(ident)
        if found is None:
            new.append(line)
        elif mapping.same_content(found.state, line.event):
            skipped += 1
        else:
            problems.add(
                line.where, f"id {ident} is already present with different content", refused=True
            )
    _check_targets(new, seen, lookup, problems)
    if problems:
        raise_problems(problems)
    return new, skipped


def _check_targets(
    new: list[Line], seen: dict[UUID, Line], lookup: Lookup, problems: Problems
) -> None:
    for line in new:
        e: Any = line.event
        if not e.is_meta:
            continue
        target = _target(e.event_id, seen, lookup)
        verb = "correct" if isinstance(e, Corrected) else "retract"
        if target is None:
            problems.add(line.where, f"event_id: no event {e.event_id} to {verb}", refused=True)
        elif isinstance(e, Corrected):
            try:
                revise(target, e.changes)
            except InvalidEvent as err:
                problems.add(line.where, err.problems[0])


def _target(ident: UUID, seen: dict[UUID, Line], lookup: Lookup) -> Event | None:
    if ident in seen:
        return seen[ident].event
    found = lookup([ident]).get(ident)
    if found is None:
        return None
    return mapping.from_stored(found.topic, found.state, 0).event


def raise_problems(problems: Problems) -> None:
    """One error: the first problem's line (and kind), the rest for --check."""
    items = problems.items
    first = items[0]
    more = f" (and {len(items) - 1} more; see import --check)" if len(items) > 1 else ""
    error: type[TrackerError] = Refused if first.refused else BadInput
    raise error(f"{first}{more}", [str(p) for p in items[:MAX_PROBLEMS]])
