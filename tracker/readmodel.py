"""The read model: which events concern which pair, kept from the notification log.

Answering for one pair must not read a million events. This index maps each
pair to the notification ids (recording order) of its events, and of the
corrections and retractions that name them, in small tables of our own
beside the library's event table:

- `tracker_pair_events (pair, seq)`: the index itself;
- `tracker_moved_events (event_id, actors, targets)`: every actor and target an
  event has had, for the rare event a correction moved to another pair;
- `tracker_postures (pair, name, valid_from, valid_to, body)`: each pair's
  posture in pieces, with the days each holds as date ordinals (see
  tracker/postures.py), and `tracker_stale_postures (pair, seq)`: the pairs
  whose pieces are stale, with the last event indexed that made them so, and
  `tracker_posture_tails (pair, seq, state)`: a busy pair's fold, to go on from;
- `tracker_position (name, notification_id)`: how far the index has read
  (and, as `postures`, the version of the pieces).

An import indexes its events in its own transaction; `catch_up` reads the
notification log after the position (events written another way, or before a
crash), and `rebuild` makes the index again from nothing. A pair's events may
include a few that no longer belong to it (an event moved by a correction):
the fold filters on the effective pair, so a superset gives exactly the pure
fold's answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, PersistenceError

PAGE = 20_000
INDEXES = {  # of the posture table
    "tracker_postures_by_day": "valid_to, valid_from",
    "tracker_postures_by_pair_day": "pair, valid_to, valid_from",
}
# SQLite reads through a memory map of the store file this size (it caps it
# at 2 GiB) instead of copying each page: an answer that reads many scattered
# rows, such as every pair's posture pieces on a day, takes half the time.
READ_MAP_BYTES = 2**31
NAME = "pairs"
META_TOPICS = ("events.corrections:Retracted", "events.corrections:Corrected")
_ACTOR = re.compile(rb'"actor":"([^"]+)","target":"([^"]+)"')

Parties = tuple[frozenset[str], frozenset[str]]
Entry = tuple[int, dict[str, Any]]


def pair_key(a: str, b: str) -> str:
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


def marks(n: int) -> str:
    """The placeholders of an IN list of n values."""
    return ",".join("?" * n)


def pairs_of(parties: Parties) -> set[str]:
    actors, targets = parties
    return {pair_key(a, t) for a in actors for t in targets if a != t}


class ReadModel:
    """The pair index of one store (SQLite or PostgreSQL)."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        from eventsourcing.sqlite import SQLiteApplicationRecorder

        rec: Any = recorder  # both recorders have a datastore and a table name
        self.recorder = rec
        self.postgres = not isinstance(recorder, SQLiteApplicationRecorder)
        self.schema = schema = _quote(rec.datastore.schema) + "." if self.postgres else ""
        self.seq = "notification_id" if self.postgres else "rowid"
        self.events = schema + _quote(rec.events_table_name)
        self.pair_table = schema + "tracker_pair_events"
        self.moved_table = schema + "tracker_moved_events"
        self.posture_table = schema + "tracker_postures"
        self.stale_table = schema + "tracker_stale_postures"
        self.tail_table = schema + "tracker_posture_tails"
        self.position_table = schema + "tracker_position"
        self.tables = (
            self.pair_table,
            self.moved_table,
            self.posture_table,
            self.stale_table,
            self.tail_table,
            self.position_table,
        )
        self._ready = False
        self._marking = True  # whether indexing marks pairs stale to the posture table

    @contextmanager
    def _cursor(self, *, commit: bool) -> Iterator[Any]:
        """A cursor in a transaction (one that writes holds the store's write lock);
        a database error comes out as a PersistenceError."""
        try:
            if self.postgres:
                from psycopg.rows import tuple_row

                with (
                    self.recorder.datastore.get_connection() as conn,
                    conn.transaction(force_rollback=not commit),
                    conn.cursor(row_factory=tuple_row) as cursor,
                ):
                    if commit:
                        # The lock an import holds: writers of the read model take
                        # turns with imports and with each other (no deadlocks).
                        self.recorder._lock_table(cursor)
                    yield cursor
            elif commit:
                from tracker.session import sqlite_writing

                # The read model is derived from events that are kept anyway: a
                # power cut that undoes its last commits costs a refold, and zeroing
                # every page it frees (some builds' default) buys nothing.
                with sqlite_writing(self.recorder, durable=False) as cursor:
                    cursor.execute("PRAGMA secure_delete = FAST")
                    yield cursor
            else:
                with self.recorder.datastore.transaction(commit=False) as cursor:
                    cursor.execute(f"PRAGMA mmap_size = {READ_MAP_BYTES}")
                    yield cursor
        except PersistenceError:
            raise
        except Exception as err:
            if type(err).__module__.split(".")[0] not in ("sqlite3", "psycopg"):
                raise
            raise PersistenceError(str(err)) from err

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def ensure(self) -> None:
        """Create the tables if they are missing (one creator at a time)."""
        if self._ready:
            return
        with self._cursor(commit=False) as c:
            self._ready = self._exists(c)
        if self._ready:
            return
        with self._cursor(commit=True) as c:
            if not self._exists(c):
                for table, columns in (
                    (
                        self.pair_table,
                        "pair TEXT NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (pair, seq)",
                    ),
                    (
                        self.moved_table,
                        "event_id TEXT PRIMARY KEY, actors TEXT NOT NULL, targets TEXT NOT NULL",
                    ),
                    (
                        self.posture_table,
                        "pair TEXT NOT NULL, name TEXT NOT NULL, valid_from INTEGER NOT NULL, "
                        "valid_to INTEGER NOT NULL, body TEXT NOT NULL, "
                        "PRIMARY KEY (pair, name, valid_from)",
                    ),
                    (self.stale_table, "pair TEXT PRIMARY KEY, seq BIGINT NOT NULL"),
                    (
                        self.tail_table,
                        "pair TEXT PRIMARY KEY, seq BIGINT NOT NULL, "
                        f"state {'BYTEA' if self.postgres else 'BLOB'} NOT NULL",
                    ),
                    # Last: its presence says every table is there.
                    (self.position_table, "name TEXT PRIMARY KEY, notification_id BIGINT NOT NULL"),
                ):
                    c.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
                self._index_postures(c)
        self._ready = True

    def _index_postures(self, c: Any) -> None:
        # What a question about every pair at a day reads, and about one pair
        # (each with both days, so a piece that does not hold is never read).
        for index, columns in INDEXES.items():
            c.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {self.posture_table} ({columns})")

    @contextmanager
    def postures_indexed_after(self) -> Iterator[None]:
        """Fill an empty posture table with its indexes made afterwards: making an
        index of a full table takes half the time of keeping it up row by row. A
        question asked meanwhile reads the whole table; a crash leaves the
        indexes for the next `ensure` to make."""
        with self._cursor(commit=True) as c:
            for index in INDEXES:
                c.execute(f"DROP INDEX IF EXISTS {self.schema}{index}")
        self._ready = False
        try:
            yield
        finally:
            with self._cursor(commit=True) as c:
                self._index_postures(c)
            self._ready = True

    def _exists(self, c: Any) -> bool:
        """Whether every table and index is there (a store made by an older version
        may lack one)."""
        if self.postgres:
            for table in (*self.tables, *(self.schema + index for index in INDEXES)):
                c.execute("SELECT to_regclass(%s)", (table,))
                row = c.fetchone()
                if not (row and row[0]):
                    return False
            return True
        names = [t.split(".")[-1].strip('"') for t in self.tables] + list(INDEXES)
        c.execute(
            f"SELECT COUNT(*) FROM sqlite_master WHERE type IN ('table', 'index') AND name IN "
            f"({marks(len(names))})",
            names,
        )
        return int(c.fetchone()[0]) == len(names)

    def behind(self) -> bool:
        """Whether notifications exist that the index has not read (a read-only look)."""
        with self._cursor(commit=False) as c:
            return not self.is_current(c)

    # Keeping it current

    def position(self, c: Any) -> int:
        c.execute(
            self._q(f"SELECT notification_id FROM {self.position_table} WHERE name = ?"), (NAME,)
        )
        row = c.fetchone()
        return int(row[0]) if row else 0

    def is_current(self, c: Any) -> bool:
        """Whether the index has read every notification (inside a write session)."""
        c.execute(f"SELECT MAX({self.seq}) FROM {self.events}")
        last = int(c.fetchone()[0] or 0)
        return self.position(c) == last

    def advance(self, c: Any, position: int) -> None:
        c.execute(
            self._q(
                f"INSERT INTO {self.position_table} (name, notification_id) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET notification_id = excluded.notification_id "
                f"WHERE excluded.notification_id > {self.position_table}.notification_id"
            ),
            (NAME, position),
        )

    def catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every notification after the position; how many were read."""
        self.ensure()
        if not self.behind():
            return 0
        done = 0
        while True:
            with self._cursor(commit=True) as c:
                start = self.position(c)
                c.execute(
                    self._q(
                        f"SELECT {self.seq}, topic, state FROM {self.events} "
                        f"WHERE {self.seq} > ? ORDER BY {self.seq} LIMIT ?"
                    ),
                    (start, PAGE),
                )
                page = c.fetchall()
                if not page:
                    return done
                self.index(c, [_entry(int(s), str(t), bytes(b)) for s, t, b in page])
                self.advance(c, int(page[-1][0]))
            done += len(page)
            if progress:
                progress(done)

    def index(self, c: Any, entries: list[Entry]) -> None:
        """Index (seq, record) entries, in recording order, with cursor `c`."""
        rows: list[tuple[str, int]] = []
        metas = [r for _, r in entries if _is_meta(r)]
        parties, names = self._parties(c, {r["event_id"] for r in metas}) if metas else ({}, {})
        for seq, r in entries:
            if not _is_meta(r):
                rows.append((pair_key(r["actor"], r["target"]), seq))
                continue
            names[r["id"]] = r["event_id"]
            if r["type"] == "corrected" and {"actor", "target"} & set(r.get("changes", {})):
                self._insert(c, rows)  # a move copies what is indexed so far
                rows = []
                self._move(c, r, parties, names)
            # Looked up now, through what names what: a move earlier in this batch
            # moves the retractions and corrections of the event it moved too.
            who = parties.get(_named(r["id"], names), (frozenset(), frozenset()))
            rows += [(p, seq) for p in pairs_of(who)]
        self._insert(c, rows)

    def _stale(self, c: Any, rows: list[tuple[str, int]]) -> None:
        """Mark the pairs of these index rows stale, with the last event that did."""
        last: dict[str, int] = {}
        for pair, seq in rows:
            last[pair] = max(seq, last.get(pair, 0))
        c.executemany(
            self._q(
                f"INSERT INTO {self.stale_table} (pair, seq) VALUES (?, ?) ON CONFLICT (pair) "
                f"DO UPDATE SET seq = excluded.seq WHERE excluded.seq > {self.stale_table}.seq"
            ),
            sorted(last.items()),
        )

    def _move(
        self, c: Any, r: dict[str, Any], parties: dict[str, Parties], names: dict[str, str]
    ) -> None:
        """A correction moves its target (and what names it) to another pair too."""
        target = _named(r["event_id"], names)
        if target not in parties:
            return
        old = parties[target]
        changes = r["changes"]
        new = (old[0] | _one(changes.get("actor")), old[1] | _one(changes.get("target")))
        for pair in pairs_of(new) - pairs_of(old):
            for was in pairs_of(old):
                c.execute(
                    self._q(
                        f"INSERT INTO {self.pair_table} (pair, seq) SELECT ?, seq "
                        f"FROM {self.pair_table} WHERE pair = ? ON CONFLICT DO NOTHING"
                    ),
                    (pair, was),
                )
        parties[target] = new
        c.execute(
            self._q(
                f"INSERT INTO {self.moved_table} (event_id, actors, targets) VALUES (?, ?, ?) "
                "ON CONFLICT (event_id) DO UPDATE SET actors = excluded.actors, "
                "targets = excluded.targets"
            ),
            (target, ",".join(sorted(new[0])), ",".join(sorted(new[1]))),
        )

    def _parties(self, c: Any, ids: set[str]) -> tuple[dict[str, Parties], dict[str, str]]:
        """Every actor and target the events these name have had (following chains
        of retractions and corrections), by event; and what each of those names."""
        found: dict[str, Parties] = {}
        names: dict[str, str] = {}
        pending = set(ids)
        while pending:
            records = self._records(c, pending)
            pending = set()
            for ident, r in records.items():
                if _is_meta(r):
                    names[ident] = r["event_id"]
                    if r["event_id"] not in found and r["event_id"] not in names:
                        pending.add(r["event_id"])
                else:
                    found[ident] = (frozenset({r["actor"]}), frozenset({r["target"]}))
        found.update(self._moved(c, set(found)))
        return found, names

    def _records(self, c: Any, ids: set[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        items = sorted(ids)
        for start in range(0, len(items), 500):
            batch = items[start : start + 500]
            keys = [UUID(i) if self.postgres else UUID(i).hex for i in batch]
            c.execute(
                self._q(
                    f"SELECT state FROM {self.events} WHERE originator_id IN "
                    f"({marks(len(batch))}) AND originator_version = 1"
                ),
                keys,
            )
            for (state,) in c.fetchall():
                record = json.loads(bytes(state))["event"]
                out[record["id"]] = record
        return out

    def _moved(self, c: Any, ids: set[str]) -> dict[str, Parties]:
        out: dict[str, Parties] = {}
        items = sorted(ids)
        for start in range(0, len(items), 500):
            batch = items[start : start + 500]
            c.execute(
                self._q(
                    f"SELECT event_id, actors, targets FROM {self.moved_table} "
                    f"WHERE event_id IN ({marks(len(batch))})"
                ),
                batch,
            )
            for ident, actors, targets in c.fetchall():
                out[ident] = (frozenset(actors.split(",")), frozenset(targets.split(",")))
        return out

    def _insert(self, c: Any, rows: list[tuple[str, int]]) -> None:
        if not rows:
            return
        if self._marking:
            self._stale(c, rows)
        if self.postgres:
            c.execute(
                f"INSERT INTO {self.pair_table} (pair, seq) SELECT * FROM "
                "unnest(%s::text[], %s::bigint[]) ON CONFLICT DO NOTHING",
                ([p for p, _ in rows], [s for _, s in rows]),
            )
        else:
            c.executemany(
                f"INSERT INTO {self.pair_table} (pair, seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
                rows,
            )

    def delete_pairs(self, c: Any, table: str, pairs: list[str]) -> None:
        """Delete the rows of these pairs from one of our tables."""
        if pairs:
            c.execute(self._q(f"DELETE FROM {table} WHERE pair IN ({marks(len(pairs))})"), pairs)

    def insert_rows(
        self, c: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        """Insert rows into one of our tables (PostgreSQL: by COPY, one round trip)."""
        if not rows:
            return
        names = ", ".join(columns)
        if self.postgres:
            with c.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        c.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks(len(columns))})", rows)

    def drop(self) -> None:
        """Drop every table of the read model (with the posture table's version)."""
        with self._cursor(commit=True) as c:
            for table in self.tables:
                c.execute(f"DROP TABLE IF EXISTS {table}")
        self._ready = False

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop the index and make it again from the whole notification log."""
        self.drop()
        return self.reindex(progress)

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Index the whole notification log into a read model just dropped."""
        # With the version gone, every pair is stale to the posture table anyway.
        self._marking = False
        try:
            return self.catch_up(progress)
        finally:
            self._marking = True

    # Reading

    def pair_rows(self, a: str, b: str, after: int = 0) -> list[tuple[int, str, bytes]]:
        """(seq, topic, state) of the events that concern the pair (recorded after the
        notification `after`), in recording order."""
        found = self._joined("p.pair = ? AND p.seq > ?", (pair_key(a, b), after))
        return [(seq, topic, state) for _, seq, topic, state in found]

    def pairs_rows(self, pairs: list[str]) -> dict[str, list[tuple[int, str, bytes]]]:
        """`pair_rows` of each of these pairs ("AA-BB"), read in one go."""
        out: dict[str, list[tuple[int, str, bytes]]] = {pair: [] for pair in pairs}
        if pairs:
            for pair, seq, topic, state in self._joined(
                f"p.pair IN ({marks(len(pairs))})", tuple(pairs)
            ):
                out[pair].append((seq, topic, state))
        return out

    def _joined(self, where: str, args: tuple[Any, ...]) -> list[tuple[str, int, str, bytes]]:
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(
                    f"SELECT p.pair, e.{self.seq}, e.topic, e.state FROM {self.pair_table} p "
                    f"JOIN {self.events} e ON e.{self.seq} = p.seq "
                    f"WHERE {where} ORDER BY p.pair, p.seq"
                ),
                args,
            )
            return [(str(r[0]), int(r[1]), str(r[2]), bytes(r[3])) for r in c.fetchall()]

    def ids_starting(self, prefix: str) -> list[UUID]:
        """The ids (at most two) of stored events whose hex digits start with `prefix`."""
        column = "replace(originator_id::text, '-', '')" if self.postgres else "originator_id"
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(
                    f"SELECT originator_id FROM {self.events} WHERE {column} LIKE ? "
                    "AND originator_version = 1 LIMIT 2"
                ),
                (prefix + "%",),
            )
            return [r[0] if isinstance(r[0], UUID) else UUID(r[0]) for r in c.fetchall()]

    def holds(self, pair: str) -> bool:
        """Whether the index has an event of the pair."""
        with self._cursor(commit=False) as c:
            c.execute(self._q(f"SELECT 1 FROM {self.pair_table} WHERE pair = ? LIMIT 1"), (pair,))
            return c.fetchone() is not None

    def pairs_with(self, code: str) -> list[tuple[str, str]]:
        """Every pair that includes `code`, alphabetically."""
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(
                    f"SELECT DISTINCT pair FROM {self.pair_table} "
                    "WHERE pair LIKE ? OR pair LIKE ? ORDER BY pair"
                ),
                (f"{code}-%", f"%-{code}"),
            )
            return [(str(r[0])[:2], str(r[0])[3:]) for r in c.fetchall()]


def _entry(seq: int, topic: str, state: bytes) -> Entry:
    """What the index needs of a stored event, without decoding the common case."""
    if topic not in META_TOPICS:
        found = _ACTOR.search(state)
        if found:
            return seq, {"actor": found.group(1).decode(), "target": found.group(2).decode()}
    return seq, json.loads(state)["event"]


def _is_meta(record: dict[str, Any]) -> bool:
    """A retraction or correction (an agreement_fulfilled also names an event)."""
    return record.get("type") in ("retracted", "corrected")


def _named(ident: str, names: dict[str, str]) -> str:
    """The event at the end of a chain of retractions and corrections (at most 100)."""
    hops = 0
    while ident in names and hops < 100:
        ident, hops = names[ident], hops + 1
    return ident


def _one(value: Any) -> frozenset[str]:
    return frozenset({value}) if isinstance(value, str) else frozenset()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
