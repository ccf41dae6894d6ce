"""The read model: which events concern which pair, kept from the notification log.

Answering for one pair must not read a million events. This index maps each
pair to the notification ids (recording order) of its events, and of the
corrections and retractions that name them, in three small tables of our own
beside the library's event table:

- `tracker_pair_events (pair, seq)`: the index itself;
- `tracker_event_parties (event_id, actors, targets)`: every actor and target an
  event has had (a correction may move an event to another pair), to place
  later corrections;
- `tracker_position (name, notification_id)`: how far the index has read.

It is a cache of the event store: `catch_up` reads the notification log after
its position (so a crash between an import and the index only delays it), and
`rebuild` makes it again from nothing. A pair's events may include a few that
no longer belong to it (an event moved by a correction): the fold filters on
the effective pair, so a superset gives exactly the pure fold's answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import ApplicationRecorder

PAGE = 20_000
NAME = "pairs"


def pair_key(a: str, b: str) -> str:
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


class ReadModel:
    """The pair index of one store (SQLite or PostgreSQL)."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        from eventsourcing.sqlite import SQLiteApplicationRecorder

        self.recorder: Any = recorder
        self.postgres = not isinstance(recorder, SQLiteApplicationRecorder)
        if self.postgres:
            schema = '"' + recorder.datastore.schema.replace('"', '""') + '".'  # type: ignore[attr-defined]
            self.seq = "notification_id"
        else:
            schema = ""
            self.seq = "rowid"
        self.events = schema + _quote(recorder.events_table_name)  # type: ignore[attr-defined]
        self.index = schema + "tracker_pair_events"
        self.parties = schema + "tracker_event_parties"
        self.position_table = schema + "tracker_position"
        self._ready = False

    # SQL plumbing

    @contextmanager
    def _cursor(self, *, commit: bool) -> Iterator[Any]:
        if self.postgres:
            from psycopg.rows import tuple_row

            with (
                self.recorder.datastore.get_connection() as conn,
                conn.transaction(force_rollback=not commit),
                conn.cursor(row_factory=tuple_row) as cursor,
            ):
                yield cursor
        else:
            with self.recorder.datastore.transaction(commit=commit) as cursor:
                yield cursor

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def ensure(self) -> None:
        if self._ready:
            return
        with self._cursor(commit=True) as c:
            c.execute(
                f"CREATE TABLE IF NOT EXISTS {self.index} (pair TEXT NOT NULL, "
                "seq BIGINT NOT NULL, PRIMARY KEY (pair, seq))"
            )
            c.execute(
                f"CREATE TABLE IF NOT EXISTS {self.parties} (event_id TEXT PRIMARY KEY, "
                "actors TEXT NOT NULL, targets TEXT NOT NULL)"
            )
            c.execute(
                f"CREATE TABLE IF NOT EXISTS {self.position_table} "
                "(name TEXT PRIMARY KEY, notification_id BIGINT NOT NULL)"
            )
        self._ready = True

    def position(self) -> int:
        self.ensure()
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(f"SELECT notification_id FROM {self.position_table} WHERE name = ?"),
                (NAME,),
            )
            row = c.fetchone()
        return int(row[0]) if row else 0

    # Keeping it current

    def catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        """Index every notification after the position; how many were read."""
        done = 0
        position = self.position()
        parties: dict[str, tuple[set[str], set[str]]] = {}
        while True:
            page = self.recorder.select_notifications(position + 1, PAGE)
            if not page:
                return done
            self._index_page(page, parties)
            position = page[-1].id
            done += len(page)
            if progress:
                progress(done)
            if len(page) < PAGE:
                return done

    def _index_page(self, page: Any, parties: dict[str, tuple[set[str], set[str]]]) -> None:
        records = [(n.id, json.loads(n.state)["event"]) for n in page]
        wanted = {
            r["event_id"] for _, r in records if "event_id" in r and r["event_id"] not in parties
        }
        with self._cursor(commit=True) as c:
            parties.update(self._load_parties(c, wanted))
            rows: list[tuple[str, int]] = []
            changed: dict[str, tuple[set[str], set[str]]] = {}
            for seq, r in records:
                if "actor" in r and r.get("type") not in ("retracted", "corrected"):
                    who = ({r["actor"]}, {r["target"]})
                else:
                    if {"actor", "target"} & set(r.get("changes", {})):
                        self._insert(c, rows)  # the move copies what is indexed so far
                        rows = []
                    who = self._amend(c, r, parties, changed)
                parties[r["id"]] = who
                changed[r["id"]] = who
                rows += [(p, seq) for p in _pairs(who)]
            self._write(c, rows, changed, page[-1].id)

    def _amend(
        self,
        c: Any,
        r: dict[str, Any],
        parties: dict[str, tuple[set[str], set[str]]],
        changed: dict[str, tuple[set[str], set[str]]],
    ) -> tuple[set[str], set[str]]:
        """A correction or retraction belongs where its target does (and moves it)."""
        target = r.get("event_id", "")
        if target not in parties:
            return set(), set()
        actors, targets = parties[target]
        moved = r.get("changes", {})
        new_actors = actors | ({moved["actor"]} if isinstance(moved.get("actor"), str) else set())
        new_targets = targets | (
            {moved["target"]} if isinstance(moved.get("target"), str) else set()
        )
        if (new_actors, new_targets) != (actors, targets):
            for pair in _pairs((new_actors, new_targets)) - _pairs((actors, targets)):
                for old in _pairs((actors, targets)):
                    c.execute(
                        self._q(
                            f"INSERT INTO {self.index} (pair, seq) SELECT ?, seq FROM {self.index} "
                            "WHERE pair = ? ON CONFLICT DO NOTHING"
                        ),
                        (pair, old),
                    )
            parties[target] = (new_actors, new_targets)
            changed[target] = parties[target]
        return new_actors, new_targets

    def _load_parties(self, c: Any, ids: set[str]) -> dict[str, tuple[set[str], set[str]]]:
        found: dict[str, tuple[set[str], set[str]]] = {}
        items = sorted(ids)
        for start in range(0, len(items), 500):
            batch = items[start : start + 500]
            marks = ",".join("?" * len(batch))
            c.execute(
                self._q(
                    f"SELECT event_id, actors, targets FROM {self.parties} "
                    f"WHERE event_id IN ({marks})"
                ),
                batch,
            )
            for event_id, actors, targets in c.fetchall():
                found[event_id] = (set(actors.split(",")) - {""}, set(targets.split(",")) - {""})
        return found

    def _insert(self, c: Any, rows: list[tuple[str, int]]) -> None:
        if rows:
            c.executemany(
                self._q(
                    f"INSERT INTO {self.index} (pair, seq) VALUES (?, ?) ON CONFLICT DO NOTHING"
                ),
                rows,
            )

    def _write(
        self,
        c: Any,
        rows: list[tuple[str, int]],
        changed: dict[str, tuple[set[str], set[str]]],
        position: int,
    ) -> None:
        self._insert(c, rows)
        c.executemany(
            self._q(
                f"INSERT INTO {self.parties} (event_id, actors, targets) VALUES (?, ?, ?) "
                "ON CONFLICT (event_id) DO UPDATE SET actors = excluded.actors, "
                "targets = excluded.targets"
            ),
            [(k, ",".join(sorted(a)), ",".join(sorted(t))) for k, (a, t) in changed.items()],
        )
        c.execute(
            self._q(
                f"INSERT INTO {self.position_table} (name, notification_id) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET notification_id = excluded.notification_id "
                f"WHERE excluded.notification_id > {self.position_table}.notification_id"
            ),
            (NAME, position),
        )

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop the index and make it again from the whole notification log."""
        with self._cursor(commit=True) as c:
            for table in (self.index, self.parties, self.position_table):
                c.execute(f"DROP TABLE IF EXISTS {table}")
        self._ready = False
        return self.catch_up(progress)

    # Reading

    def pair_rows(self, a: str, b: str) -> list[tuple[int, str, bytes]]:
        """(seq, topic, state) of the events that concern the pair, in recording order."""
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(
                    f"SELECT e.{self.seq}, e.topic, e.state FROM {self.index} p "
                    f"JOIN {self.events} e ON e.{self.seq} = p.seq WHERE p.pair = ? ORDER BY p.seq"
                ),
                (pair_key(a, b),),
            )
            return [(int(r[0]), str(r[1]), bytes(r[2])) for r in c.fetchall()]

    def pairs_with(self, code: str) -> list[tuple[str, str]]:
        """Every pair that includes `code`."""
        with self._cursor(commit=False) as c:
            c.execute(
                self._q(
                    f"SELECT DISTINCT pair FROM {self.index} "
                    "WHERE pair LIKE ? OR pair LIKE ? ORDER BY pair"
                ),
                (f"{code}-%", f"%-{code}"),
            )
            return [tuple(str(r[0]).split("-")) for r in c.fetchall()]  # type: ignore[misc]


def _pairs(who: tuple[set[str], set[str]]) -> set[str]:
    actors, targets = who
    return {pair_key(a, t) for a in actors for t in targets if a != t}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
