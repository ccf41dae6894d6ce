"""The tracker on the eventsourcing library: verbs over plain values.

`Tracker` records and reads events; every error a user can cause comes out
as `BadInput` (exit 2) or `Refused` (exit 1), and nothing is written then.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError, StoredEvent
from eventsourcing.utils import Environment, EnvType

from tracker.errors import BadInput, Refused
from tracker.postures import PostureTable
from tracker.readmodel import ReadModel, pair_key
from tracker.store import Location, reach_postgres

if TYPE_CHECKING:
    from events import Recorded
    from tracker.importing import Importable, Problems

PAGE = 5000
RETRIES = 5


class DiplomaticTracker(Application[UUID]):
    """The event store of diplomatic events, and the verbs that use it."""

    name = "DiplomaticTracker"

    def __init__(self, location: Location, *, create: bool = True) -> None:
        if not create and not location.exists():
            raise Refused(f"no store at {location.describe()} (record or import creates one)")
        self.location = location
        self._readmodel: ReadModel | None = None
        self._indexed = False
        if location.is_postgres:
            reach_postgres(location, create=create)
        else:
            _refuse_a_foreign_database(location)
        for attempt in range(RETRIES):
            try:
                super().__init__(env=location.env(create=create))
                break
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
        if not create:
            try:
                self.recorder.max_notification_id()
            except PersistenceError:
                raise Refused(
                    f"no store at {location.describe()} (record or import creates one)"
                ) from None

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Only the settings we pass: stray PERSISTENCE_* or SQLITE_* variables
        # in the user's environment must not move the store.
        return Environment(name, dict(env or {}))

    # Reading

    def records(self) -> list[Recorded]:
        """Every stored event, in recording order."""
        return list(self.iter_records())

    def iter_records(self) -> Iterator[Recorded]:
        from tracker.mapping import from_stored

        start = 1
        while True:
            try:
                page = self.recorder.select_notifications(start, PAGE)
            except PersistenceError as err:
                if "does not exist" in str(err) or "no such table" in str(err):
                    raise Refused(
                        f"no store at {self.location.describe()} (record or import creates one)"
                    ) from None
                raise Refused(
                    f"cannot read the store at {self.location.describe()}: {_first_line(err)}"
                ) from None
            for n in page:
                yield from_stored(n.topic, n.state, n.id)
            if len(page) < PAGE:
                return
            start = page[-1].id + 1

    def stored(self, event_id: UUID) -> StoredEvent | None:
        found = self.recorder.select_events(event_id, limit=1)
        return found[0] if found else None

    def get(self, event_id: str) -> Recorded:
        """One stored event by id (a unique prefix will do)."""
        ident = self._resolve_id(event_id)
        found = self.stored(ident)
        if found is None:
            raise Refused(f"no event {event_id}")
        from tracker.mapping import from_stored

        return from_stored(found.topic, found.state, 0)

    def _resolve_id(self, text: str) -> UUID:
        try:
            return UUID(text)
        except ValueError:
            pass
        prefix = text.lower().replace("-", "")
        if len(prefix) < 4 or any(c not in "0123456789abcdef" for c in prefix):
            raise BadInput(
                f"id: {text!r} is not an event id (give at least its first 4 hex digits)"
            )
        try:
            found = self.readmodel.ids_starting(prefix)
        except PersistenceError as err:
            raise Refused(
                f"cannot read the store at {self.location.describe()}: {_first_line(err)}"
            ) from None
        if len(found) != 1:
            raise Refused(f"id: {text!r} matches {'no' if not found else 'several'} events")
        return found[0]

    # The pair index (a read model kept from the notification log)

    @property
    def readmodel(self) -> ReadModel:
        if self._readmodel is None:
            self._readmodel = ReadModel(self.recorder)
        return self._readmodel

    def catch_up(self) -> None:
        """Bring the pair index up to date; a store we cannot write is read in full."""
        try:
            self.readmodel.catch_up()
            self._indexed = True
        except PersistenceError:
            self._indexed = False

    def pair_records(self, a: str, b: str) -> list[Recorded]:
        """The events that concern a pair (a superset the fold filters), by recording."""
        self.catch_up()
        return self._indexed_records(a, b)

    def _indexed_records(self, a: str, b: str) -> list[Recorded]:
        if not self._indexed:
            return self.records()
        return self.records_after(a, b, 0)

    def records_after(self, a: str, b: str, after: int) -> list[Recorded]:
        """The records of a pair's index recorded after notification `after`."""
        return _recorded(self.readmodel.pair_rows(a, b, after))

    def records_of_pairs(self, pairs: list[str]) -> dict[str, list[Recorded]]:
        """The records of each of these pairs' index ("AA-BB"), by recording, read in one go."""
        return {p: _recorded(rows) for p, rows in self.readmodel.pairs_rows(pairs).items()}

    def posture(
        self, a: str, b: str, at: date, as_known_at: datetime | None = None
    ) -> dict[str, Any]:
        """The posture of a pair at a date: from the posture table when it can be
        kept, else folded from the pair's events."""
        import json

        from events.countries import sorted_pair

        self.catch_up()
        pair = sorted_pair(a, b)
        found = None if as_known_at is not None else self._from_table(at, pair=pair_key(a, b))
        if found:
            loaded: dict[str, Any] = json.loads(next(iter(found.values())))
            return loaded
        from projections import posture

        # Found empty: no fact in effect by then, which the fold of nothing gives.
        records = [] if found is not None else self._indexed_records(a, b)
        return posture(records, pair, at, as_known_at)

    def posture_text(self, a: str, b: str, at: date) -> str | None:
        """The posture JSON of a pair at a date as the posture table holds it (the
        text `json.dumps` gives of `posture`); None when the table holds none."""
        self.catch_up()
        found = self._from_table(at, pair=pair_key(a, b))
        return next(iter(found.values())) if found else None

    def posture_texts(
        self,
        at: date,
        including: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[str] | None:
        """The posture JSON of every pair (that includes `including`) in effect by
        `at`, by pair, from the posture table; None when the table cannot be kept."""
        self.catch_up()
        found = self._from_table(at, including=including, progress=progress)
        return None if found is None else [found[k] for k in sorted(found)]

    def _from_table(
        self,
        at: date,
        *,
        pair: str | None = None,
        including: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, str] | None:
        """The posture JSON of the pairs asked about, by pair, once the stale ones are
        folded again; None when the table cannot be kept (a store we cannot write)."""
        if not self._indexed:
            return None
        table = self.postures
        try:
            table.refresh(
                self.records_after,
                of_pairs=self.records_of_pairs,
                pair=pair,
                including=including,
                progress=progress,
                location=self.location,
            )
            return table.at(at, pair=pair, including=including)
        except PersistenceError:
            return None

    def stale_pairs(self, including: str | None = None, pair: str | None = None) -> int:
        """How many pairs (of those asked about) the next answer must fold again."""
        self.catch_up()
        if not self._indexed:
            return 0
        table = self.postures
        try:
            table._current()
            return len(table.stale(pair, including))
        except PersistenceError:
            return 0

    @property
    def postures(self) -> PostureTable:
        return PostureTable(self.readmodel)

    def refresh_postures(self, progress: Callable[[int], None] | None = None) -> int:
        """Fold every stale pair into the posture table; how many pairs."""
        self.catch_up()
        return self.postures.refresh(
            self.records_after,
            of_pairs=self.records_of_pairs,
            progress=progress,
            location=self.location,
        )

    def holds_pair(self, a: str, b: str) -> bool:
        """Whether the pair index has events of the pair (a quick look: no catching up)."""
        try:
            return self.readmodel.holds(pair_key(a, b))
        except PersistenceError:
            return False

    def pairs_with(self, code: str) -> list[tuple[str, str]]:
        self.catch_up()
        return self.readmodel.pairs_with(code) if self._indexed else []

    # Writing

    def add(
        self,
        lines: Iterable[Importable],
        *,
        check: bool = False,
        problems: Problems | None = None,
        stamp: datetime | None = None,
    ) -> tuple[int, int]:
        """Add the events of an import, all or nothing; (added, skipped).

        `lines` may stream (problems found while reading them go to `problems`);
        with `check`, everything is validated and nothing is kept. Events whose
        lines give no recording time are recorded at `stamp` (default: now).
        """
        from tracker.importing import Problems
        from tracker.planning import run_import
        from tracker.session import write_session

        found = problems if problems is not None else Problems()
        stamp = stamp or datetime.now(UTC)
        index = self.readmodel
        index.ensure()
        with write_session(self.recorder, commit=not check) as session:
            current = index.is_current(session.cursor)
            last: list[int] = []

            def indexed(entries: list[dict[str, Any]], seqs: list[int]) -> None:
                index.index(session.cursor, list(zip(seqs, entries, strict=True)))
                last[:] = seqs[-1:] or last

            result = run_import(session, lines, found, stamp, check=check, inserted=indexed)
            if current and last:
                # The index had read everything before this import, and now this too.
                index.advance(session.cursor, last[0])
            return result


def _recorded(rows: list[tuple[int, str, bytes]]) -> list[Recorded]:
    """Records from (seq, topic, state) rows of the pair index."""
    from tracker.mapping import from_stored

    return [from_stored(topic, state, seq) for seq, topic, state in rows]


def _refuse_a_foreign_database(location: Location) -> None:
    """Some other program's SQLite file is no store: a write must not add the store's
    tables to it, and a read must not switch it to write-ahead logging."""
    path = location.path
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
            tables = [str(row[0]) for row in db.execute(_TABLES)]
    except sqlite3.DatabaseError as err:
        raise Refused(f"cannot open the store at {location.describe()}: {err}") from None
    if tables and "stored_events" not in tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise Refused(
            f"{location.describe()} is a database of something else (tables {shown}); "
            "give --db a file of its own"
        )


_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
