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
stale; and a fold is written only while its pair is stale, so one that another
process cleared first (having read as many events or more) is not replaced by an
older one. A change of VERSION (or a store made before this table) makes every pair
stale. Questions with --as-known-at fold the events instead; a store we cannot
write is answered by folding too.

A busy pair (TAIL_AT facts or more) also keeps its fold where it stopped
(`tracker_posture_tails`: the Cutter, pickled, and the last event it read).
When every event indexed for it since is a new event that comes after all the
others in fold order (the common case: today's news), the fold goes on from
there and only the pieces that held on the fold's last day or began after it
are written again; anything else (a backdated event, a correction, a
retraction) folds the pair whole. The fold that went on is saved again only
once RESAVE_AT facts came after the saved one: a busy pair's fold pickles to
megabytes, more than folding a few news events again costs. A tail that cannot
be read is ignored, and only our own classes are unpickled.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from projections.assembly import assemble
from tracker.readmodel import ReadModel, marks
from tracker.store import Location

if TYPE_CHECKING:
    from events import Recorded
    from projections.pieces import Cutter, Piece

VERSION = 5  # of the pieces' form and the fold's rules: bump when either changes
BATCH = 100  # pairs cut again per transaction
GROUP = 20  # pairs whose events and saved folds are read in one go
TAIL_AT = 1000  # facts: a pair this busy keeps its fold to go on from
RESAVE_AT = 1000  # facts after a saved fold: this many, and the fold is saved again
PARALLEL_AT = 2000  # stale pairs: this many or more are folded by a pool of processes
WORKERS = 4
UNTIL_NOW = date.max.toordinal() + 1  # the end of a piece that still holds: after any day

RecordsOf = Callable[[str, str, int], "list[Recorded]"]  # a pair's records after a seq
OfPairs = Callable[[list[str]], "dict[str, list[Recorded]]"]  # whole pairs' records, by key
Row = tuple[str, str, int, int, str]
T = TypeVar("T")


@dataclass
class Cut:
    """What to write for one pair: its pieces, whole or only from `since` on."""

    key: str
    rows: list[Row]
    since: int | None  # None: every piece; else the tail's seq this went on from
    tail: tuple[int, bytes] | None  # the fold to save (None: none, or keep the saved one)
    after: int = 0  # going on: the pieces that end after this day are written again

    @property
    def keeps_tail(self) -> bool:
        return self.since is not None and self.tail is None


class PostureTable:
    """The posture pieces of one store."""

    def __init__(self, index: ReadModel) -> None:
        self.index = index
        self.table = index.posture_table
        self.stale_table = index.stale_table

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
        with self.index._cursor(commit=True) as c:
            if self._version(c) == VERSION:
                return
            c.execute(f"DELETE FROM {self.table}")
            c.execute(f"DELETE FROM {self.index.tail_table}")
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
        records_of: RecordsOf,
        *,
        of_pairs: OfPairs | None = None,
        pair: str | None = None,
        including: str | None = None,
        progress: Callable[[int], None] | None = None,
        location: Location | None = None,
    ) -> int:
        """Cut the stale pairs asked about again (all when neither is given); how many.

        `of_pairs` reads the events of many pairs at once (else `records_of` reads
        them one pair at a time). Given the store's location, many stale pairs are
        folded by a pool of processes (one per core, at most WORKERS) while this
        one writes."""
        self._current()
        stale = self.stale(pair, including)
        groups = list(_chunks([key for key, _ in stale], GROUP))
        read = of_pairs or _one_by_one(records_of)
        workers = min(os.cpu_count() or 1, WORKERS) if len(stale) >= PARALLEL_AT else 1
        with contextlib.ExitStack() as stack:
            if len(stale) >= PARALLEL_AT and self._empty():
                stack.enter_context(self.index.postures_indexed_after())
            if location is not None and workers > 1:
                pool = stack.enter_context(_pool(location, workers))
                done_groups = pool.map(_cuts_in_worker, groups)
            else:
                done_groups = (self._cuts(keys, records_of, read) for keys in groups)
            cuts = itertools.chain.from_iterable(done_groups)
            done = 0
            for batch in _chunks(stale, BATCH):
                self._write(batch, [next(cuts) for _ in batch])
                done += len(batch)
                if progress:
                    progress(done)
        return len(stale)

    def _empty(self) -> bool:
        with self.index._cursor(commit=False) as c:
            c.execute(f"SELECT 1 FROM {self.table} LIMIT 1")
            return c.fetchone() is None

    def _cuts(self, keys: list[str], records_of: RecordsOf, of_pairs: OfPairs) -> list[Cut]:
        """Cut these pairs again, with their saved folds and their events read in one go."""
        tails = self._tails(keys)
        whole = of_pairs([key for key in keys if key not in tails])
        return [self._cut(key, records_of, tails.get(key), whole.get(key)) for key in keys]

    def _cut(
        self,
        key: str,
        records_of: RecordsOf,
        tail: tuple[int, Cutter] | None,
        records: list[Recorded] | None,
    ) -> Cut:
        """One pair cut again: going on from its saved fold when the new events all
        come after it, else folded whole (from `records`, when they were read)."""
        from projections.facts import believe
        from projections.pieces import Cutter

        a, b = key.split("-")
        if tail is not None:
            since, cutter = tail
            new = records_of(a, b, since)
            facts = [f for f in believe(new).facts if f.event.pair == (a, b)]
            if not any(r.event.is_meta for r in new) and cutter.follows(facts):
                after = cutter.last[0].toordinal() if cutter.last else 0
                rows = [_row(key, p) for p in cutter.feed(facts) + cutter.open()]
                if len(facts) < RESAVE_AT:
                    return Cut(key, rows, since, None, after)
                last = max((r.seq for r in new), default=since)
                return Cut(key, rows, since, (last, pickle.dumps(cutter)), after)
        if records is None:
            records = records_of(a, b, 0)
        facts = [f for f in believe(records).facts if f.event.pair == (a, b)]
        cutter = Cutter((a, b))
        rows = [_row(key, p) for p in cutter.feed(facts) + cutter.open()]
        last = max((r.seq for r in records), default=0)
        return Cut(key, rows, None, (last, pickle.dumps(cutter)) if len(facts) >= TAIL_AT else None)

    def _tails(self, keys: list[str]) -> dict[str, tuple[int, Cutter]]:
        """The saved folds of these pairs that can be read (one we cannot read is only
        a slower answer)."""
        from projections.pieces import Cutter

        if not keys:
            return {}
        with self.index._cursor(commit=False) as c:
            c.execute(
                self.index._q(
                    f"SELECT pair, seq, state FROM {self.index.tail_table} "
                    f"WHERE pair IN ({marks(len(keys))})"
                ),
                keys,
            )
            rows = c.fetchall()
        out: dict[str, tuple[int, Cutter]] = {}
        for key, seq, state in rows:
            try:
                cutter = _Unpickler(io.BytesIO(bytes(state))).load()
            except Exception:
                continue
            if isinstance(cutter, Cutter):
                out[str(key)] = (int(seq), cutter)
        return out

    def _write(self, batch: list[tuple[str, int]], cuts: list[Cut]) -> None:
        """Write the cuts of a batch of pairs: a few statements for the whole batch
        (a statement a pair is a round trip a pair on PostgreSQL)."""
        q = self.index._q
        tails = self.index.tail_table
        with self.index._cursor(commit=True) as c:
            c.execute(
                q(f"SELECT pair FROM {self.stale_table} WHERE pair IN ({marks(len(batch))})"),
                [key for key, _ in batch],
            )
            still = {str(row[0]) for row in c.fetchall()}
            done, written = [], []
            for cut, stale in zip(cuts, batch, strict=True):
                if cut.key not in still:
                    continue  # another process folded it since, from as many events or more
                if cut.since is not None:
                    c.execute(q(f"SELECT seq FROM {tails} WHERE pair = ?"), (cut.key,))
                    row = c.fetchone()
                    if row is None or int(row[0]) != cut.since:
                        continue  # another process went on from this tail first
                    c.execute(
                        q(f"DELETE FROM {self.table} WHERE pair = ? AND valid_to > ?"),
                        (cut.key, cut.after),
                    )
                written.append(cut)
                done.append(stale)
            whole = [cut.key for cut in written if cut.since is None]
            self.index.delete_pairs(c, self.table, whole)
            self.index.insert_rows(
                c,
                self.table,
                ("pair", "name", "valid_from", "valid_to", "body"),
                [row for cut in written for row in cut.rows],
            )
            self.index.delete_pairs(c, tails, [cut.key for cut in written if not cut.keeps_tail])
            c.executemany(
                q(f"INSERT INTO {tails} (pair, seq, state) VALUES (?, ?, ?)"),
                [(cut.key, *cut.tail) for cut in written if cut.tail is not None],
            )
            c.executemany(q(f"DELETE FROM {self.stale_table} WHERE pair = ? AND seq = ?"), done)

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
        return {key: assemble(parts, at) for key, parts in held.items() if "p" in parts}


def _which(pair: str | None, including: str | None) -> tuple[str, tuple[str, ...]]:
    """A condition on the pair column (none: every pair), and its arguments."""
    if pair is not None:
        return "pair = ?", (pair,)
    if including is not None:
        return "(pair LIKE ? OR pair LIKE ?)", (f"{including}-%", f"%-{including}")
    return "", ()


_WORKER: tuple[PostureTable, RecordsOf, OfPairs] | None = None


def _open(location: Location) -> None:
    """Open the store once in each worker of the pool (which only reads it)."""
    global _WORKER
    import signal

    from tracker import collect_less
    from tracker.application import DiplomaticTracker

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    collect_less()

    store = DiplomaticTracker(location, create=False)
    _WORKER = (store.postures, store.records_after, store.records_of_pairs)


def _cuts_in_worker(keys: list[str]) -> list[Cut]:
    assert _WORKER is not None
    table, records_of, of_pairs = _WORKER
    return table._cuts(keys, records_of, of_pairs)


def _one_by_one(records_of: RecordsOf) -> OfPairs:
    """Whole pairs' records read with `records_of`, one pair at a time."""

    def read(keys: list[str]) -> dict[str, list[Recorded]]:
        return {key: records_of(key[:2], key[3:], 0) for key in keys}

    return read


@contextlib.contextmanager
def _pool(location: Location, workers: int) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # a fork would share our connections
    pool = ProcessPoolExecutor(workers, context, initializer=_open, initargs=(location,))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Unpickler(pickle.Unpickler):
    """Unpickles only classes of the fold's own modules and a few plain value types:
    a store file may come from anyone, and a pickle may call whatever it names."""

    PLAIN = frozenset(
        {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone")}
        | {("datetime", "timedelta"), ("uuid", "UUID"), ("builtins", "set")}
        | {("builtins", "frozenset")}
    )

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self.PLAIN:
            return super().find_class(module, name)
        if module.startswith(("projections.", "events.")) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found  # a class defined there, not something it imported
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def _row(key: str, p: Piece) -> Row:
    end = p.end.toordinal() if p.end else UNTIL_NOW
    return (key, p.name, p.start.toordinal(), end, p.body)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
