"""Reading an import in child processes gives what reading it here gives.

The readers take turns at batches of lines; whatever the batch size, the
import must see the same lines, the same problems, in the same order (a
problem counted before the line that follows it), and store the same thing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from events import to_record
from tests.builders import SEEDS, ev, meta
from tracker import readahead
from tracker.application import DiplomaticTracker
from tracker.errors import TrackerError
from tracker.importing import Importable, Problems, read_inputs
from tracker.store import Location

STAMP = datetime(2026, 1, 2, tzinfo=UTC)
OTHER = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def _here(names: list[str], problems: Problems, stamp: datetime) -> Any:
    return read_inputs(names, problems)


def _stored_rows(store: DiplomaticTracker) -> list[Any]:
    conn = sqlite3.connect(str(store.location.path))
    try:
        return conn.execute("SELECT rowid, * FROM stored_events ORDER BY rowid").fetchall()
    finally:
        conn.close()


def _text(event: Any, **extra: Any) -> str:
    return json.dumps(to_record(event) | extra) + "\n"


def _inputs(tmp_path: Path) -> list[str]:
    talks = ev("talks_held", "RU", "US", "2020-03-01", place="Geneva")
    recall = ev("ambassador_recalled", "US", "RU", "2021-04", person="John Sullivan")
    moved = meta("corrected", talks, changes={"place": "Vienna"})
    gone = meta("retracted", recall, reason="misreported")
    first = tmp_path / "first.jsonl"
    first.write_text(
        "\ufeff"
        + SEEDS.read_text()
        + "\n"
        + "{not json\n"
        + _text(talks)
        + "\n   \n"
        + _text(talks)  # the same id again, the same content: skipped
        + json.dumps({"type": "talks_held", "actor": "RU"})
        + "\n"
        + _text(recall, recorded_at="2021-05-01T00:00:00Z")
        + _text(moved)
        + _text(gone)
        + _text(talks, summary="talks, told otherwise")  # the same id, other content
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    broken = tmp_path / "broken.jsonl"
    # past the first block that is decoded: the error comes after some lines
    broken.write_bytes(
        _text(talks).encode() * 90 + b'{"summary": "\xff"}\n' + _text(recall).encode()
    )
    return [str(first), str(empty), str(broken)]


def _trace(lines: Any, problems: Problems) -> list[Any]:
    """Each line with what it stores, and how many problems were known when it came."""
    out: list[Any] = []
    for line in lines:
        ln: Importable = line
        seen = len(problems.items)
        out.append((seen, ln.where, ln.id, ln.key, ln.is_meta, ln.stored(STAMP)))
        out.append((ln.entry(), to_record(ln.event)))
    return [*out, [str(p) for p in problems.items]]


@pytest.mark.parametrize("batch", [1, 2, 3, 7, 2000])
def test_the_readers_give_the_lines_and_problems_of_reading_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    names = _inputs(tmp_path)
    monkeypatch.setattr(readahead, "BATCH", batch)
    here, there = Problems(), Problems()
    expected = _trace(read_inputs(names, here), here)
    assert expected[-1]  # the inputs do have problems
    assert _trace(readahead.read_ahead(names, there, STAMP), there) == expected
    # read ahead as recorded at another time, but stored at this one: the same
    other = Problems()
    assert _trace(readahead.read_ahead(names, other, OTHER), other) == expected


def test_an_import_read_ahead_stores_what_one_read_here_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "BATCH", 5)
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", 0)
    source = tmp_path / "seeds.jsonl"
    source.write_text(SEEDS.read_text())
    names = [str(source)]
    assert readahead.worth_it(names)
    assert not readahead.worth_it([*names, "-"]) and not readahead.worth_it(["x.csv"])
    stores = []
    for lines in (_here, readahead.read_ahead):
        store = DiplomaticTracker(Location(path=tmp_path / f"{lines.__name__}.db"))
        problems = Problems()
        added, skipped = store.add(lines(names, problems, STAMP), problems=problems, stamp=STAMP)
        assert added == len(store.records()) > 0 and skipped == 0
        stores.append(store)
    here, there = stores
    assert [(r.event, r.seq) for r in there.records()] == [(r.event, r.seq) for r in here.records()]
    assert _stored_rows(there) == _stored_rows(here)  # rowids, ids, topics, states
    at = datetime(2021, 6, 1).date()
    assert there.posture_text("RU", "US", at) == here.posture_text("RU", "US", at)


def test_an_import_read_ahead_with_a_bad_line_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "BATCH", 4)
    names = _inputs(tmp_path)
    errors = []
    for lines in (_here, readahead.read_ahead):
        store = DiplomaticTracker(Location(path=tmp_path / f"{lines.__name__}.db"))
        problems = Problems()
        with pytest.raises(TrackerError) as err:
            store.add(lines(names, problems, STAMP), problems=problems)
        assert store.records() == []
        errors.append((type(err.value), str(err.value), err.value.problems))
    assert errors[0] == errors[1]


def test_a_reader_that_fails_stops_the_import_with_a_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.errors import Refused

    def broken(line: Any, stamp: datetime) -> Any:
        raise MemoryError("no room")

    monkeypatch.setattr(readahead, "_row", broken)
    store = DiplomaticTracker(Location(path=tmp_path / "t.db"))
    problems = Problems()
    with pytest.raises(Refused, match="reading the input failed: MemoryError: no room"):
        store.add(readahead.read_ahead([str(SEEDS)], problems, STAMP), problems=problems)
    assert store.records() == []
