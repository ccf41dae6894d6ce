"""The tracker on both stores: durable, idempotent, all or nothing, bitemporal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from events import parse, to_record
from projections import posture
from tests.builders import SEEDS, ev, meta
from tracker.application import DiplomaticTracker
from tracker.errors import BadInput, Refused
from tracker.exports import jsonl
from tracker.importing import Line, Problems, read_jsonl
from tracker.store import Location


def lines_of(text: str) -> list[Line]:
    problems = Problems()
    out = list(read_jsonl("", text.splitlines(keepends=True), problems))
    if problems:
        raise BadInput(str(problems.items[0]))
    return out


def seeds() -> list[Line]:
    return lines_of(SEEDS.read_text())


def test_events_survive_reopening_the_store(location: Location) -> None:
    added, skipped = DiplomaticTracker(location).add(seeds())
    assert (added, skipped) == (len(seeds()), 0)
    again = DiplomaticTracker(location, create=False).records()
    assert [to_record(r.event) for r in again] == [to_record(line.event) for line in seeds()]
    assert [r.seq for r in again] == sorted(r.seq for r in again)


def test_a_second_import_adds_nothing(location: Location) -> None:
    store = DiplomaticTracker(location)
    store.add(seeds())
    assert store.add(seeds()) == (0, len(seeds()))


def test_an_import_with_one_bad_line_writes_nothing(location: Location) -> None:
    store = DiplomaticTracker(location)
    store.add(seeds()[:3])
    good = [*seeds()[3:], Line("line 99", ev("talks_held", "RU", "US", "2030-01-01"))]
    clash = parse(to_record(seeds()[0].event) | {"summary": "changed"})
    with pytest.raises(Refused, match=r"line 40: id .* already present with different content"):
        store.add([*good, Line("line 40", clash)])
    assert len(store.records()) == 3


def test_a_correction_of_an_unknown_event_is_refused(location: Location) -> None:
    store = DiplomaticTracker(location)
    ghost = ev("talks_held", "RU", "US", "2021-01-01")
    with pytest.raises(Refused, match=r"event_id: no event"):
        store.add([Line("line 1", meta("retracted", ghost))])
    assert store.records() == []


def test_a_correction_that_would_make_the_event_invalid_is_bad_input(location: Location) -> None:
    store = DiplomaticTracker(location)
    recall = ev("ambassador_recalled", "RU", "US", "2021-03-17")
    store.add([Line("", recall)])
    with pytest.raises(BadInput, match=r"changes.occurred_on"):
        store.add(
            [Line("line 1", meta("corrected", recall, changes={"occurred_on": "2021-02-30"}))]
        )


def test_export_then_import_into_an_empty_store_gives_the_same_file(
    location: Location,
    tmp_path: object,
) -> None:
    first = DiplomaticTracker(location)
    first.add(seeds())
    text = jsonl(first.records(), with_recorded_at=True)
    other = DiplomaticTracker(Location(path=tmp_path / "other.db"))  # type: ignore[operator]
    other.add(lines_of(text))
    assert jsonl(other.records(), with_recorded_at=True) == text
    at = date(2021, 5, 1)
    assert posture(first.records(), ("RU", "US"), at) == posture(other.records(), ("RU", "US"), at)


def test_one_import_shares_one_recording_time(location: Location) -> None:
    store = DiplomaticTracker(location)
    store.add(seeds())
    assert len({r.recorded_at for r in store.records()}) == 1


def test_as_known_at_before_a_correction_shows_the_old_belief(location: Location) -> None:
    store = DiplomaticTracker(location)
    recall = ev("ambassador_recalled", "US", "RU", "2021-04", person="John Sullivan")
    store.add([Line("", recall)])
    before = store.records()[0].recorded_at
    store.add([Line("", meta("corrected", recall, changes={"occurred_on": "2021-04-20"}))])
    records = store.records()
    old = posture(records, ("RU", "US"), date(2021, 4, 5), before)
    new = posture(records, ("RU", "US"), date(2021, 4, 5))
    assert old["missions"]["US->RU"]["head"]["status"] == "recalled"
    assert new["missions"]["US->RU"]["head"]["status"] == "unknown"


def test_a_read_of_a_missing_sqlite_store_is_refused_and_creates_nothing(tmp_path: object) -> None:
    path = tmp_path / "typo.db"  # type: ignore[operator]
    with pytest.raises(Refused, match=r"no store at .*typo.db"):
        DiplomaticTracker(Location(path=path), create=False)
    assert not path.exists()


def test_stored_state_keeps_the_class_version_for_upcasting(location: Location) -> None:
    store = DiplomaticTracker(location)
    store.add(seeds()[:1])
    (n,) = store.recorder.select_notifications(1, 10)
    state = json.loads(n.state)
    assert state["class_version"] == 1
    assert n.topic.startswith("events.")


def test_stray_library_settings_in_the_environment_do_not_move_the_store(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.popo")
    monkeypatch.setenv("DIPLOMATICTRACKER_PERSISTENCE_MODULE", "eventsourcing.popo")
    monkeypatch.setenv("SQLITE_DBNAME", str(tmp_path / "elsewhere.db"))
    path = tmp_path / "mine.db"
    DiplomaticTracker(Location(path=path)).add(seeds()[:2])
    assert len(DiplomaticTracker(Location(path=path), create=False).records()) == 2
    assert not (tmp_path / "elsewhere.db").exists()


def test_a_read_of_an_empty_file_is_refused_and_writes_nothing_into_it(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(Refused, match="no store at"):
        DiplomaticTracker(Location(path=path), create=False)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == []


def test_the_notification_log_gives_each_event_in_the_order_imported(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker import planning

    monkeypatch.setattr(planning, "CHUNK", 7)  # several inserts a chunk at a time
    store = DiplomaticTracker(location)
    lines = seeds()
    store.add(lines[:20])
    store.add(lines)  # the first 20 skipped, the rest after them
    log = store.recorder.select_notifications(1, 1000)
    ids = [n.id for n in log]
    assert ids == list(range(ids[0], ids[0] + len(lines)))
    assert store.recorder.max_notification_id() == ids[-1]
    assert [n.originator_id for n in log] == [line.event.id for line in lines]
    assert [r.seq for r in store.records()] == ids
