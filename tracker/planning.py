"""Deciding what an import adds, chunk by chunk: new ids, known ids skipped,
conflicts refused, corrections checked against the events they name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import Any

from events import Corrected, Event, InvalidEvent, revise
from tracker import mapping
from tracker.errors import BadInput, Refused, TrackerError
from tracker.importing import MAX_PROBLEMS, Importable, Problems
from tracker.session import Session

CHUNK = 2000


def chunks(lines: Iterable[Importable], size: int = CHUNK) -> Iterator[list[Importable]]:
    it = iter(lines)
    while chunk := list(islice(it, size)):
        yield chunk


Inserted = Callable[[list[dict[str, Any]], list[int]], None]  # index entries, their seqs


def run_import(
    session: Session,
    lines: Iterable[Importable],
    problems: Problems,
    stamp: datetime,
    *,
    check: bool = False,
    inserted: Inserted | None = None,
) -> tuple[int, int]:
    """Insert the new events of `lines` into the session; (added, skipped).

    Stops at the first problem (or, with `check`, after MAX_PROBLEMS) and
    raises; the session then rolls back, so nothing is written.
    """
    added = skipped = 0
    stopped = False  # at MAX_PROBLEMS, before the end of the input
    for chunk in chunks(lines):
        if problems and not check:
            break
        new, known = _new_in(session, chunk, problems)
        skipped += known
        _check_targets(session, new, problems)
        seqs = session.insert([ln.stored(stamp) for ln in new])
        if inserted is not None:
            inserted([ln.entry() for ln in new], seqs)
        added += len(new)
        if len(problems.items) >= MAX_PROBLEMS:
            stopped = True
            break
    if problems:
        raise_problems(problems, stopped)
    return added, skipped


def _new_in(
    session: Session, chunk: list[Importable], problems: Problems
) -> tuple[list[Importable], int]:
    unique: dict[str, Importable] = {}
    skipped = 0
    for line in chunk:
        first = unique.get(line.key)
        if first is None:
            unique[line.key] = line
        elif first.event == line.event:
            skipped += 1
        else:
            problems.add(
                line.where,
                f"id {line.id} appears again with different content "
                f"(first at {first.where or 'an earlier line'})",
                refused=True,
            )
    stored = session.lookup(list(unique))
    new: list[Importable] = []
    for key, line in unique.items():
        found = stored.get(key)
        if found is None:
            new.append(line)
        elif mapping.same_content(found[1], line.event):
            skipped += 1
        else:
            problems.add(
                line.where, f"id {line.id} is already present with different content", refused=True
            )
    return new, skipped


def _check_targets(session: Session, new: list[Importable], problems: Problems) -> None:
    metas = [ln for ln in new if ln.is_meta]
    if not metas:
        return
    here = {ln.key: ln for ln in new}
    named: list[tuple[Importable, Any, str]] = [
        (m, m.event, m.event.event_id.hex)  # type: ignore[attr-defined]
        for m in metas
    ]
    stored = session.lookup([key for _, _, key in named if key not in here])
    for line, e, key in named:
        found = here.get(key)
        target: Event | None = found.event if found is not None else None
        if target is None and key in stored:
            target = mapping.from_stored(*stored[key], 0).event
        verb = "correct" if isinstance(e, Corrected) else "retract"
        if target is None:
            problems.add(line.where, f"event_id: no event {e.event_id} to {verb}", refused=True)
        elif isinstance(e, Corrected):
            try:
                revise(target, e.changes)
            except InvalidEvent as err:
                problems.add(line.where, err.problems[0])


def _order(where: str) -> tuple[str, int]:
    found = re.search(r"line (\d+)$", where)
    return (where[: found.start()] if found else where, int(found.group(1)) if found else 0)


def raise_problems(problems: Problems, stopped: bool = False) -> None:
    """One error: the first problem's line (and kind), the rest for --check (and
    whether it stopped before the end of the input)."""
    items = sorted(problems.items, key=lambda p: _order(p.where))
    first = items[0]
    more = f" (and {len(items) - 1} more; see import --check)" if len(items) > 1 else ""
    error: type[TrackerError] = Refused if first.refused else BadInput
    listed = [str(p) for p in items[:MAX_PROBLEMS]]
    if stopped or len(items) > MAX_PROBLEMS:
        listed.append(f"(only the first {MAX_PROBLEMS} problems are listed; there may be more)")
    raise error(f"{first}{more}", listed)
