"""The tracker on the eventsourcing library: verbs over plain values.

`Tracker` records and reads events; every error a user can cause comes out
as `BadInput` (exit 2) or `Refused` (exit 1), and nothing is written then.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import (
    IntegrityError,
    OperationalError,
    PersistenceError,
    StoredEvent,
)
from eventsourcing.utils import Environment, EnvType

from events import Recorded
from tracker import mapping
from tracker.errors import BadInput, Refused
from tracker.importing import Line
from tracker.lookup import stored_events
from tracker.planning import plan
from tracker.store import Location
from tracker.writing import insert_in_one_transaction

PAGE = 5000
RETRIES = 5


class DiplomaticTracker(Application[UUID]):
    """The event store of diplomatic events, and the verbs that use it."""

    name = "DiplomaticTracker"

    def __init__(self, location: Location, *, create: bool = True) -> None:
        if not create and not location.exists():
            raise Refused(f"no store at {location.describe()} (record or import creates one)")
        self.location = location
        for attempt in range(RETRIES):
            try:
                super().__init__(env=location.env(create=create))
                return
            except PersistenceError as err:
                # Two processes creating the PostgreSQL tables at once collide
                # ("tuple concurrently updated"); the second try finds them made.
                if attempt == RETRIES - 1:
                    raise Refused(
                        f"cannot open the store at {location.describe()}: {_first_line(err)}"
                    ) from None
                time.sleep(0.1 * (attempt + 1))
            except OSError as err:
                raise Refused(f"cannot open the store at {location.describe()}: {err}") from None

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Only the settings we pass: stray PERSISTENCE_* or SQLITE_* variables
        # in the user's environment must not move the store.
        return Environment(name, dict(env or {}))

    # Reading

    def records(self) -> list[Recorded]:
        """Every stored event, in recording order."""
        return list(self.iter_records())

    def iter_records(self) -> Iterator[Recorded]:
        start = 1
        while True:
            try:
                page = self.recorder.select_notifications(start, PAGE)
            except PersistenceError as err:
                if "does not exist" in str(err):
                    raise Refused(
                        f"no store at {self.location.describe()} (record or import creates one)"
                    ) from None
                raise Refused(
                    f"cannot read the store at {self.location.describe()}: {_first_line(err)}"
                ) from None
            for n in page:
                yield mapping.from_stored(n.topic, n.state, n.id)
            if len(page) < PAGE:
                return
            start = page[-1].id + 1

    def stored(self, event_id: UUID) -> StoredEvent | None:
        found = self.recorder.select_events(event_id, limit=1)
        return found[0] if found else None

    def get(self, event_id: str) -> Recorded:
        """One stored event by id (a unique prefix will do)."""
        ident = self._resolve_id(event_id)
        for r in self.iter_records():
            if r.event.id == ident:
                return r
        raise Refused(f"no event {event_id}")

    def _resolve_id(self, text: str) -> UUID:
        try:
            return UUID(text)
        except ValueError:
            pass
        prefix = text.lower().replace("-", "")
        if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
            raise BadInput(f"id: {text!r} is not an event id")
        found = {r.event.id for r in self.iter_records() if r.event.id.hex.startswith(prefix)}
        if len(found) != 1:
            raise Refused(f"id: {text!r} matches {len(found)} events")
        return found.pop()

    # Writing

    def add(self, lines: Sequence[Line], *, check: bool = False) -> tuple[int, int]:
        """Add the events of an import (all or nothing); (added, skipped)."""
        for attempt in range(RETRIES):
            new, skipped = self._plan(lines)
            if check:
                return len(new), skipped
            stamp = datetime.now(UTC)
            stored = (mapping.to_stored(ln.event, ln.recorded_at or stamp) for ln in new)
            try:
                insert_in_one_transaction(self.recorder, stored)
                return len(new), skipped
            except (IntegrityError, OperationalError) as err:
                # Another writer got there first (same id) or held the lock:
                # plan again against what is now stored.
                if attempt == RETRIES - 1:
                    raise Refused(f"the store is busy: {str(err).splitlines()[0]}") from None
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    def _plan(self, lines: Sequence[Line]) -> tuple[list[Line], int]:
        return plan(lines, lambda ids: stored_events(self.recorder, ids))


def plan_without_store(lines: Sequence[Line]) -> tuple[int, int]:
    """For `import --check` with no store yet: (to add, skipped)."""
    new, skipped = plan(lines, lambda _: {})
    return len(new), skipped


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
