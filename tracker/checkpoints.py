"""Checkpoints of a busy pair's fold, so a question at any date folds a few facts.

A pair with thousands of events would otherwise be read and folded whole for
every question. For such a pair, the first full fold also saves its state
every SIZE facts or more (MOST checkpoints at most), each with the facts that
follow it, pickled in the read model's `tracker_checkpoints` table. A later
question at date D loads the last checkpoint on or before D and folds only the
facts between it and D.

A checkpoint holds for one version of the pair: the number of its index rows
and the last of them, with the fold's code version. Any event later recorded
for the pair (backdated, a correction, a retraction) changes that version, and
the next question folds the pair whole again and saves new checkpoints.
Questions with --as-known-at always fold whole. It is a cache: `tracker
rebuild` drops it, and a store we cannot write simply goes without it.
"""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

from projections.facts import Fact
from projections.posture import Checkpoint, checkpoints
from tracker.readmodel import ReadModel, pair_key

SIZE = 500  # facts between checkpoints, at least
MOST = 64  # checkpoints a pair keeps, at most (each holds every agreement so far)
THRESHOLD = 1000
FOLD_VERSION = "2"  # bump when the fold's rules change


class Checkpoints:
    """The saved checkpoints of one store."""

    def __init__(self, index: ReadModel) -> None:
        self.index = index

    def version(self, a: str, b: str) -> str:
        with self.index._cursor(commit=False) as c:
            c.execute(
                self.index._q(
                    f"SELECT COUNT(*), MAX(seq) FROM {self.index.pair_table} WHERE pair = ?"
                ),
                (pair_key(a, b),),
            )
            count, last = c.fetchone()
        return f"{FOLD_VERSION}:{count}:{last}"

    def find(self, a: str, b: str, at: date, version: str) -> tuple[bool, Checkpoint | None]:
        """(whether checkpoints of this version exist, the one for `at`: None when
        the pair had no facts yet by then)."""
        q = self.index._q
        table = self.index.checkpoint_table
        with self.index._cursor(commit=False) as c:
            c.execute(
                q(f"SELECT version FROM {table} WHERE pair = ? AND ord = 0"), (pair_key(a, b),)
            )
            row = c.fetchone()
            if row is None or row[0] != version:
                return False, None
            c.execute(
                q(
                    f"SELECT first, state, facts FROM {table} WHERE pair = ? AND first <= ? "
                    "ORDER BY ord DESC LIMIT 1"
                ),
                (pair_key(a, b), at.isoformat()),
            )
            found = c.fetchone()
        if found is None:
            return True, None
        first, state, facts = found
        return True, Checkpoint(
            date.fromisoformat(first), pickle.loads(bytes(state)), pickle.loads(bytes(facts))
        )

    def save(self, a: str, b: str, facts: list[Fact], version: str) -> None:
        """Save the pair's checkpoints (if it is busy enough to need them)."""
        if len(facts) < THRESHOLD:
            return
        rows: list[tuple[Any, ...]] = [
            (
                pair_key(a, b),
                n,
                version,
                cp.first.isoformat(),
                pickle.dumps(cp.state),
                pickle.dumps(cp.facts),
            )
            for n, cp in enumerate(checkpoints(facts, (a, b), max(SIZE, -(-len(facts) // MOST))))
        ]
        q = self.index._q
        with self.index._cursor(commit=True) as c:
            c.execute(
                q(f"DELETE FROM {self.index.checkpoint_table} WHERE pair = ?"), (pair_key(a, b),)
            )
            c.executemany(
                q(
                    f"INSERT INTO {self.index.checkpoint_table} "
                    "(pair, ord, version, first, state, facts) VALUES (?, ?, ?, ?, ?, ?)"
                ),
                rows,
            )
