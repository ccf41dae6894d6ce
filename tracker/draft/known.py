"""What the store already knows, as the drafter uses it.

- people: every envoy a stored event names stands for the state that sent them
  ("Antonov" → RU, serving in US);
- duplicates: a candidate of the same type as a stored event, between the same
  states (either order for talks and agreements), the same city for a
  consulate, on dates within three days of each other (both day-precise) or
  overlapping (a month or a year);
- denials: a denial of an action the store holds as `claimed` (same type and
  states, a shared term for an agreement, the same city for a consulate, and
  the date the denial names, or else within the year before publication)
  drafts a correction of that claim's confidence to `disputed`; a denial of
  anything else drafts nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from events import Corrected, Event, InvalidEvent, Recorded, Retracted, revise
from tracker.draft.assemble import overlap
from tracker.draft.extract import BILATERAL, Raw
from tracker.draft.names import People, short_name
from tracker.draft.wording import quote

WINDOW_DAYS = 3
DENIAL_REACH_DAYS = 366  # an undated denial answers a claim of the year before it


@dataclass
class Known:
    """The store's events as they stand: retractions applied, corrections applied."""

    events: list[Event] = field(default_factory=list)

    @classmethod
    def from_records(cls, records: Iterable[Recorded]) -> Known:
        held = sorted(records, key=lambda r: r.seq)
        withdrawn = {str(r.event.event_id) for r in held if isinstance(r.event, Retracted)}
        changes: dict[str, list[dict[str, Any]]] = {}
        for r in held:
            if isinstance(r.event, Corrected) and str(r.event.id) not in withdrawn:
                changes.setdefault(str(r.event.event_id), []).append(r.event.changes)
        events = []
        for r in held:
            if r.event.is_meta or str(r.event.id) in withdrawn:
                continue
            event = r.event
            for change in changes.get(str(event.id), []):
                try:
                    event = revise(event, change)
                except InvalidEvent:
                    continue
            events.append(event)
        return cls(events)

    def people(self) -> People:
        people = People()
        for e in self.events:
            person = getattr(e, "person", None)
            sender = e.mission
            if person and sender:
                host = e.target if sender == e.actor else e.actor
                people.learn(person, sender, host)
        return people

    def duplicate(self, record: dict[str, Any]) -> Event | None:
        """A stored event that the candidate restates, if any."""
        for e in self.events:
            if _same(
                e, record["type"], record["actor"], record["target"], record.get("city")
            ) and _near(e.occurred_on, record["occurred_on"]):
                return e
        return None

    def claim_denied(self, raw: Raw, published: date) -> Event | None:
        """The stored claim a denied action names: the latest one that fits (one
        already disputed is returned too: the correction would be a duplicate)."""
        fits = [
            e
            for e in self.events
            if e.confidence in ("claimed", "disputed")
            and e.type == raw.type
            and {e.actor, e.target} == {raw.actor, raw.target}
            and _same_terms(e, raw.fields)
        ]
        if raw.date is not None and raw.date.value and not raw.date.statement:
            value = raw.date.value
            fits = [e for e in fits if _near(e.occurred_on, value)]
        else:
            since = published - timedelta(days=DENIAL_REACH_DAYS)
            fits = [e for e in fits if since <= e.start <= published]
        return max(fits, key=lambda e: e.start) if fits else None


def _same_terms(e: Event, fields: dict[str, Any]) -> bool:
    """An agreement's denial names one of its terms; a consulate's, its city."""
    if "terms" in fields and not set(fields["terms"]) & set(getattr(e, "terms", None) or []):
        return False
    return "city" not in fields or getattr(e, "city", None) == fields["city"]


def _same(e: Event, kind: str, actor: str, target: str, city: str | None) -> bool:
    if e.type != kind or getattr(e, "city", None) != city:
        return False
    if kind in BILATERAL:
        return {e.actor, e.target} == {actor, target}
    return (e.actor, e.target) == (actor, target)


def _near(a: str, b: str) -> bool:
    both_days = len(a) == len(b) == 10
    return overlap(a, b, WINDOW_DAYS if both_days else 0)


def correction(
    claim: Event, raw: Raw, source: dict[str, Any], headline: str, published: date
) -> dict[str, Any]:
    """The `corrected` record that marks a denied claim as disputed."""
    denier = short_name(raw.speaker) if raw.speaker else "the other side"
    what = claim.type.replace("_", " ")
    reason = f"{denier} denies it: {headline[:200]} ({published.isoformat()})"
    note = (
        f"From the report: {raw.sentence.text}\nWhy: a denial ({raw.why[0]}) of the "
        f"claimed {what} {claim.id} of {claim.occurred_on}; its confidence becomes "
        "disputed."
    )
    return {
        "type": "corrected",
        "event_id": str(claim.id),
        "actor": claim.actor,
        "target": claim.target,
        "occurred_on": claim.occurred_on,
        "changes": {"confidence": "disputed"},
        "reason": reason,
        "summary": f"{denier} denies the claimed {what} of {claim.occurred_on}",
        "sources": [source | {"quote": quote(raw.sentence.text, raw.start, raw.end)}],
        "note": note,
    }
