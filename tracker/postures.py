"""The posture table: every pair's posture in pieces, each with the days it holds.

A question about every pair at a day would otherwise read and fold every
event. Instead, `tracker_postures` holds each pair's posture cut into pieces
(projections/pieces.py), each piece with the first day it holds and the first
day it no longer does; the posture at D is put together from the pieces that
hold on D, with one indexed query and no fold.

The table follows the pair index: indexing an event marks its pairs stale
(`tracker_stale_postures`, with the last event that did), and before an
answer the stale pairs are folded whole and cut again. A pair is cleared only
if no event has marked it since it was read, so a concurrent import leaves it
stale. A change of VERSION (or a store made before this table) makes every pair
stale. Questions with --as-known-at fold the events instead; a store we cannot
write is answered by folding too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from projections.facts import Fact
from projections.pieces import Piece, assemble, pieces
from tracker.readmodel import ReadModel

VERSION = 1  # of the pieces' form and the fold's rules: bump when either changes
BATCH = 100  # pairs cut again per transaction
LOCK = 7272025  # PostgreSQL: one writer of pieces at a time
UNTIL_NOW = date.max.toordinal()

FactsOf = Callable[[str, str], list[Fact]]


class PostureTable:
    """The posture pieces of one store."""

    def __init__(self, index: ReadModel) -> None:
        self.index = index
        self.table = index.posture_table
        self.stale_table = index.stale_table

    def _writing(self) -> Any:
        return self.index._cursor(commit=True)

    def _lock(self, c: Any) -> None:
        if self.index.postgres:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))

    def _version(self, c: Any) -> int:
        c.execute(
            self.index._q(
                f"SELECT notification_id FROM {self.index.position_table} WHERE name = 'postures'"
            )
        )
        row = c.fetchone()
        return int(row[0]) if row else 0

    def _current(self) -> None:
        """Make every pair stale if the pieces are of another version (or missing)."""
        with self.index._cursor(commit=False) as c:
            if self._version(c) == VERSION:
                return
        q = self.index._q
        with self._writing() as c:
            self._lock(c)
            if self._version(c) == VERSION:
                return
            c.execute(f"DELETE FROM {self.table}")
            c.execute(
                f"INSERT INTO {self.stale_table} (pair, seq) SELECT pair, MAX(seq) "
                f"FROM {self.index.pair_table} GROUP BY pair ON CONFLICT (pair) "
                "DO UPDATE SET seq = excluded.seq"
            )
            c.execute(
                q(
                    f"INSERT INTO {self.index.position_table} (name, notification_id) "
                    "VALUES ('postures', ?) ON CONFLICT (name) "
                    "DO UPDATE SET notification_id = excluded.notification_id"
                ),
                (VERSION,),
            )

    def stale(self, pair: str | None = None, including: str | None = None) -> list[tuple[str, int]]:
        """(pair, last event that made it stale) of the stale pairs asked about."""
        which, args = _which(pair, including)
        where = f" WHERE {which}" if which else ""
        with self.index._cursor(commit=False) as c:
            c.execute(
                self.index._q(f"SELECT pair, seq FROM {self.stale_table}{where} ORDER BY pair"),
                args,
            )
            return [(str(p), int(s)) for p, s in c.fetchall()]

    def refresh(
        self,
        facts_of: FactsOf,
        *,
        pair: str | None = None,
        including: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Cut the stale pairs asked about again (all when neither is given); how many."""
        self._current()
        stale = self.stale(pair, including)
        done = 0
        for batch in _chunks(stale, BATCH):
            rows: list[tuple[str, str, int, int, str]] = []
            for key, _ in batch:
                a, b = key.split("-")
                rows += [_row(key, p) for p in pieces(facts_of(a, b), (a, b))]
            self._write(batch, rows)
            done += len(batch)
            if progress:
                progress(done)
        return len(stale)

    def _write(
        self, batch: list[tuple[str, int]], rows: list[tuple[str, str, int, int, str]]
    ) -> None:
        q = self.index._q
        with self._writing() as c:
            self._lock(c)
            c.executemany(q(f"DELETE FROM {self.table} WHERE pair = ?"), [(k,) for k, _ in batch])
            c.executemany(
                q(
                    f"INSERT INTO {self.table} (pair, name, valid_from, valid_to, body) "
                    "VALUES (?, ?, ?, ?, ?)"
                ),
                rows,
            )
            c.executemany(q(f"DELETE FROM {self.stale_table} WHERE pair = ? AND seq = ?"), batch)

    def at(
        self, at: date, *, pair: str | None = None, including: str | None = None
    ) -> dict[str, str]:
        """The posture JSON of each pair asked about with a fact in effect by `at`."""
        which, args = _which(pair, including)
        day = at.toordinal()
        held: dict[str, dict[str, str]] = {}
        with self.index._cursor(commit=False) as c:
            c.execute(
                self.index._q(
                    f"SELECT pair, name, body FROM {self.table} "
                    f"WHERE valid_from <= ? AND valid_to > ?{f' AND {which}' if which else ''}"
                ),
                (day, day, *args),
            )
            for key, name, body in c.fetchall():
                held.setdefault(key, {})[name] = body
        return {key: assemble(key, parts, at) for key, parts in held.items() if "m0" in parts}


def _which(pair: str | None, including: str | None) -> tuple[str, tuple[str, ...]]:
    """A condition on the pair column (none: every pair), and its arguments."""
    if pair is not None:
        return "pair = ?", (pair,)
    if including is not None:
        return "(pair LIKE ? OR pair LIKE ?)", (f"{including}-%", f"%-{including}")
    return "", ()


def _row(key: str, p: Piece) -> tuple[str, str, int, int, str]:
    end = p.end.toordinal() if p.end else UNTIL_NOW
    return (key, p.name, p.start.toordinal(), end, p.body)


def _chunks(items: list[tuple[str, int]], size: int) -> Iterator[list[tuple[str, int]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
