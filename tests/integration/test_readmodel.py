"""The pair index answers exactly as the pure fold over every event does."""

from __future__ import annotations

import itertools
import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import Event, parse
from projections import posture, postures
from tracker import postures as postures_table
from tracker.application import DiplomaticTracker
from tracker.importing import Line
from tracker.store import Location

STATES = ("FR", "RU", "US")
PAIRS = [("FR", "RU"), ("FR", "US"), ("RU", "US")]
START = date(2015, 1, 1)


@st.composite
def event(draw: st.DrawFn, first_day: int = 0) -> Event:
    actor, target = draw(st.permutations(STATES))[:2]
    kind = draw(
        st.sampled_from(
            [
                "ambassador_recalled",
                "ambassador_returned",
                "credentials_presented",
                "diplomats_expelled",
                "talks_held",
                "embassy_closed",
                "relations_severed",
                "agreement_reached",
            ]
        )
    )
    day = START + timedelta(days=draw(st.integers(first_day, first_day + 2000)))
    on = draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], str(day.year)]))
    fields: dict[str, Any] = {}
    if kind == "credentials_presented":
        fields["person"] = draw(st.sampled_from(["A", "B"]))
    if kind == "diplomats_expelled":
        fields["count"] = draw(st.integers(1, 9))
    if kind == "embassy_closed":
        fields["mission_of"] = draw(st.sampled_from([actor, target]))
    if kind == "agreement_reached":
        fields["terms"] = draw(st.sampled_from([["ambassadors_return"], ["staffing_restored"]]))
    return parse(
        {
            "type": kind,
            "actor": actor,
            "target": target,
            "occurred_on": on,
            "summary": f"{kind} {draw(st.integers(0, 10**9))}",
            "sources": [{"url": "https://example.org/x"}],
            **fields,
        }
    )


@st.composite
def amendment(draw: st.DrawFn, earlier: list[Event]) -> Event:
    target = draw(st.sampled_from(earlier))
    if draw(st.booleans()):
        return parse(
            {
                "type": "retracted",
                "event_id": str(target.id),
                "reason": f"r{draw(st.integers(0, 10**9))}",
            }
        )
    change = draw(st.sampled_from(["date", "move", "dispute"]))
    if change == "date":
        changes: dict[str, Any] = {
            "occurred_on": (START + timedelta(days=draw(st.integers(0, 2000)))).isoformat()
        }
    elif change == "move" and not target.is_meta and target.mission_of is None:
        other = next(s for s in STATES if s not in (target.actor, target.target))
        changes = {draw(st.sampled_from(["actor", "target"])): other}
    else:
        changes = {"confidence": "disputed"}
    return parse(
        {
            "type": "corrected",
            "event_id": str(target.id),
            "changes": changes,
            "reason": f"c{draw(st.integers(0, 10**9))}",
        }
    )


@st.composite
def fulfilment(draw: st.DrawFn, earlier: list[Event]) -> Event:
    """An agreement marked fulfilled, often from another pair than the agreement's."""
    agreed = [e for e in earlier if e.type == "agreement_reached"]
    named = draw(st.sampled_from(agreed)) if agreed else draw(st.sampled_from(earlier))
    actor, target = draw(st.permutations(STATES))[:2]
    day = START + timedelta(days=draw(st.integers(0, 2000)))
    return parse(
        {
            "type": "agreement_fulfilled",
            "actor": actor,
            "target": target,
            "occurred_on": day.isoformat(),
            "event_id": str(named.id),
            "summary": f"fulfilled {draw(st.integers(0, 10**9))}",
            "sources": [{"url": "https://example.org/x"}],
        }
    )


@st.composite
def histories(draw: st.DrawFn) -> list[list[Event]]:
    """Batches of events, later batches with backdated events and amendments."""
    batches: list[list[Event]] = []
    seen: list[Event] = []
    for n in range(draw(st.integers(1, 4))):
        news = n and draw(st.booleans())  # dated after every earlier batch: the fold goes on
        batch = draw(st.lists(event(first_day=2100 * n if news else 0), min_size=1, max_size=8))
        if seen:
            batch += draw(st.lists(fulfilment(seen), max_size=2))
            batch += draw(st.lists(amendment(seen), max_size=3))
        batch = [e for e in {e.id: e for e in batch}.values() if e.id not in {s.id for s in seen}]
        seen += batch
        batches.append(batch)
    return batches


@pytest.fixture(autouse=True)
def _every_pair_keeps_its_fold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pair keeps its fold to go on from: the busy pairs' path becomes the common
    one; and a fold that went on is saved again after two facts, so that folds go on
    both from a fold just saved and from one that a later fold went on from before."""
    monkeypatch.setattr(postures_table, "TAIL_AT", 1)
    monkeypatch.setattr(postures_table, "RESAVE_AT", 2)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(histories(), st.lists(st.integers(0, 2100), min_size=1, max_size=3), st.data())
def test_the_pair_index_gives_the_same_posture_as_the_full_fold(
    batches: list[list[Event]],
    days: list[int],
    data: st.DataObject,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = DiplomaticTracker(Location(path=Path(tmp) / "t.db"))
        stamps: list[datetime] = []
        for batch in batches:
            store.add([Line("", e) for e in batch])
            stamps.append(store.records()[-1].recorded_at)
            if data.draw(st.booleans()):
                store.catch_up()  # the index sometimes lags, sometimes not
            if data.draw(st.booleans()):
                store.posture_texts(START)  # the posture table is folded between batches
        everything = store.records()
        known = [None, *stamps, datetime(2100, 1, 1, tzinfo=UTC)]
        days = [*days, 2100 * len(batches) + 2000]
        for (a, b), d, k in itertools.product(PAIRS, days, known):
            at = START + timedelta(days=d)
            indexed = posture(store.pair_records(a, b), (a, b), at, k)
            full = posture(everything, (a, b), at, k)
            assert indexed == full, (a, b, at, k)
            assert store.posture(a, b, at, k) == full, ("posture table", a, b, at, k)
        for d in days:
            at = START + timedelta(days=d)
            assert store.posture_texts(at) == _texts(postures(everything, at))
            for one in STATES:
                expected = postures(everything, at, including=one)
                assert store.posture_texts(at, one) == _texts(expected)
        store.close()


def _texts(found: list[dict[str, Any]]) -> list[str]:
    return [json.dumps(p, ensure_ascii=False) for p in found]


def test_rebuild_makes_the_same_index(tmp_path: Path) -> None:
    from tests.builders import SEEDS
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(Location(path=tmp_path / "t.db"))
    store.add(lines_of(SEEDS.read_text()))
    before = [r.seq for r in store.pair_records("RU", "US")]
    assert store.readmodel.rebuild() == len(before)
    assert [r.seq for r in store.pair_records("US", "RU")] == before


def test_both_stores_index_moves_and_retractions_like_the_full_fold(location: Location) -> None:
    from tests.builders import SEEDS, ev, meta
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    talks = ev("talks_held", "FR", "RU", "2021-05-01")
    store.add([Line("", talks)])
    store.catch_up()
    moved = meta("corrected", talks, changes={"actor": "US"})
    gone = meta("retracted", store.records()[3].event)
    store.add([Line("", moved), Line("", gone)])
    everything = store.records()
    for pair in (("RU", "US"), ("FR", "RU")):
        for at in (date(2017, 9, 5), date(2021, 5, 1), date(2025, 1, 1)):
            assert posture(store.pair_records(*pair), pair, at) == posture(everything, pair, at)
    assert store.pairs_with("FR") == [("FR", "RU")]
    engagements = posture(store.pair_records("RU", "US"), ("RU", "US"), date(2021, 5, 2))
    assert str(talks.id) in [e["event_id"] for e in engagements["engagements"]]


def test_a_retraction_of_a_correction_follows_a_move_in_the_same_import(
    location: Location,
) -> None:
    # The retraction names a correction of an event that the import's previous
    # line moved to another pair: it must be indexed under that pair too.
    from tests.builders import ev, meta

    store = DiplomaticTracker(location)
    recall = ev("ambassador_recalled", "FR", "RU", "2015-01-02")
    store.add([Line("", recall)])
    earlier = meta("corrected", recall, changes={"occurred_on": "2015-01-01"})
    store.add([Line("", earlier)])
    moved = meta("corrected", recall, changes={"actor": "US"})
    store.add([Line("", moved), Line("", meta("retracted", earlier))])
    everything = store.records()
    for pair in (("RU", "US"), ("FR", "RU")):
        for at in (date(2015, 1, 1), date(2015, 1, 2)):
            assert posture(store.pair_records(*pair), pair, at) == posture(everything, pair, at)
            assert store.posture(*pair, at) == posture(everything, pair, at)


def test_a_backdated_event_makes_the_pair_stale(location: Location) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    at = date(2021, 5, 1)
    before = store.posture("RU", "US", at)
    assert store.stale_pairs() == 0
    assert store.posture("RU", "US", at) == before  # now from the posture table
    closed = ev("embassy_closed", "RU", "US", "2020-01-01", mission_of="US")
    store.add([Line("", closed)])
    assert store.stale_pairs() == 1
    after = store.posture("RU", "US", at)
    assert after["missions"]["US->RU"]["embassy"]["status"] == "closed"
    assert after == posture(store.records(), ("RU", "US"), at)


def test_an_event_indexed_while_a_pair_is_folded_leaves_it_stale(location: Location) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    at = date(2021, 5, 1)
    closed = ev("embassy_closed", "RU", "US", "2020-01-01", mission_of="US")
    other = DiplomaticTracker(location)

    def read_then_import(a: str, b: str, after: int) -> list[Any]:
        records = store.records_after(a, b, after)
        other.add([Line("", closed)])  # lands after the fold read the pair
        return records

    store.catch_up()
    store.postures.refresh(read_then_import)
    assert store.stale_pairs() == 1
    assert store.posture("RU", "US", at) == posture(store.records(), ("RU", "US"), at)
    assert store.posture("RU", "US", at)["missions"]["US->RU"]["embassy"]["status"] == "closed"
    other.close()


def test_pieces_of_another_version_are_cut_again(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import SEEDS
    from tests.integration.test_store import lines_of
    from tracker import postures as table

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    at = date(2021, 5, 1)
    expected = posture(store.records(), ("RU", "US"), at)
    assert store.posture("RU", "US", at) == expected
    monkeypatch.setattr(table, "VERSION", table.VERSION + 1)
    assert store.stale_pairs() == 1
    assert store.posture_texts(at) == _texts([expected])
    assert store.stale_pairs() == 0


def test_a_busy_pair_goes_on_from_its_fold_for_news_and_refolds_for_the_past(
    location: Location,
) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    asked: list[int] = []

    def records_after(a: str, b: str, after: int) -> list[Any]:
        asked.append(after)
        return store.records_after(a, b, after)

    store.catch_up()
    store.postures.refresh(records_after)
    assert asked == [0]  # folded whole, and its fold kept (TAIL_AT is 1 here)
    saved, since = max(r.seq for r in store.records()), 0  # the fold kept, facts after it
    news = [ev("talks_held", "US", "RU", f"2025-12-0{d}", place="Riyadh") for d in (1, 2, 3)]
    past = ev("embassy_closed", "RU", "US", "2019-01-01", mission_of="US")
    for event, goes_on in [*((e, True) for e in news), (past, False)]:
        store.add([Line("", event)])
        asked.clear()
        store.catch_up()
        store.postures.refresh(records_after)
        assert asked == ([saved] if goes_on else [saved, 0])
        since = since + 1 if goes_on else 0
        if not goes_on or since == postures_table.RESAVE_AT:
            saved, since = max(r.seq for r in store.records()), 0
        for at in (date(2018, 6, 1), date(2021, 5, 1), date(2025, 12, 2), date(2026, 1, 1)):
            expected = posture(store.records(), ("RU", "US"), at)
            assert store.posture("RU", "US", at) == expected
            assert store.posture_texts(at) == _texts([expected])


def test_a_tail_that_would_run_code_is_refused(location: Location, tmp_path: Path) -> None:
    import os
    import pickle

    from tests.builders import SEEDS
    from tests.integration.test_store import lines_of

    class Evil:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, (f"touch {tmp_path / 'owned'}",))

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    at = date(2021, 5, 1)
    expected = posture(store.records(), ("RU", "US"), at)
    assert store.posture("RU", "US", at) == expected
    index = store.readmodel
    with index._cursor(commit=True) as c:
        c.execute(index._q(f"UPDATE {index.tail_table} SET state = ?"), (pickle.dumps(Evil()),))
        c.execute(index._q(f"INSERT INTO {index.stale_table} (pair, seq) VALUES ('RU-US', 1)"))
    assert store.posture("RU", "US", at) == expected
    assert not (tmp_path / "owned").exists()


def test_a_pool_of_processes_folds_the_same_pieces(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    store.add(
        [
            Line("", ev("talks_held", a, b, f"20{10 + n}-01-01", place="Geneva"))
            for n, (a, b) in enumerate(PAIRS)
        ]
    )
    monkeypatch.setattr(postures_table, "PARALLEL_AT", 1)
    monkeypatch.setattr(postures_table.os, "cpu_count", lambda: 2)
    assert store.refresh_postures() == 3
    for at in (date(2012, 6, 1), date(2021, 5, 1), date(2025, 1, 1)):
        assert store.posture_texts(at) == _texts(postures(store.records(), at))
    with store.readmodel._cursor(commit=False) as c:
        assert store.readmodel._exists(c)  # the indexes made after the table was filled


def test_a_bulk_fold_that_fails_leaves_the_posture_table_indexed(
    location: Location, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    store.add([Line("", ev("talks_held", a, b, "2015-01-01", place="Oslo")) for a, b in PAIRS])
    monkeypatch.setattr(postures_table, "PARALLEL_AT", 1)
    monkeypatch.setattr(postures_table, "BATCH", 1)
    written: list[int] = []

    def write_once(self: Any, batch: Any, cuts: Any) -> None:
        if written:
            raise RuntimeError("the disk is full")
        written.append(1)
        original(self, batch, cuts)

    original = postures_table.PostureTable._write
    monkeypatch.setattr(postures_table.PostureTable, "_write", write_once)
    with pytest.raises(RuntimeError):
        store.refresh_postures()
    with store.readmodel._cursor(commit=False) as c:
        assert store.readmodel._exists(c)
    monkeypatch.undo()
    at = date(2021, 5, 1)
    assert store.posture_texts(at) == _texts(postures(store.records(), at))


def test_writing_the_read_model_leaves_the_events_durable(tmp_path: Path) -> None:
    # The read model commits without waiting for the disk; the events must not.
    from tests.builders import SEEDS
    from tests.integration.test_store import lines_of

    store = DiplomaticTracker(Location(path=tmp_path / "t.db"))
    recorder: Any = store.readmodel.recorder

    def level() -> int:
        with recorder.datastore.get_connection(commit=True) as conn:
            cursor = conn.cursor()
            cursor.execute("PRAGMA synchronous")
            return int(cursor.fetchone()[0])

    before = level()
    store.add(lines_of(SEEDS.read_text()))
    assert store.stale_pairs() > 0
    store.posture("RU", "US", date(2021, 5, 1))  # cuts the pair's pieces again
    assert store.stale_pairs() == 0
    assert level() == before >= 2  # FULL


def test_a_store_made_without_an_index_of_the_posture_table_gets_it(location: Location) -> None:
    from tests.builders import SEEDS
    from tests.integration.test_store import lines_of
    from tracker.readmodel import INDEXES

    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    at = date(2021, 5, 1)
    before = store.posture_text("RU", "US", at)
    index = store.readmodel
    with index._cursor(commit=True) as c:
        for name in INDEXES:
            c.execute(f"DROP INDEX {index.schema}{name}")
    with index._cursor(commit=False) as c:
        assert not index._exists(c)
    again = DiplomaticTracker(location)
    assert again.posture_text("RU", "US", at) == before
    with index._cursor(commit=False) as c:
        assert index._exists(c)
    assert before is not None and json.loads(before) == posture(store.records(), ("RU", "US"), at)


@pytest.mark.parametrize("backdated", [False, True])
def test_a_fold_read_before_another_process_folded_the_pair_is_not_written(
    location: Location, monkeypatch: pytest.MonkeyPatch, backdated: bool
) -> None:
    from tests.builders import SEEDS, ev
    from tests.integration.test_store import lines_of

    monkeypatch.setattr(postures_table, "RESAVE_AT", 1000)  # the saved fold stays as it is
    store = DiplomaticTracker(location)
    store.add(lines_of(SEEDS.read_text()))
    store.posture_texts(START)  # folded, and the fold kept (TAIL_AT is 1 here)
    table, key = store.postures, "RU-US"
    when = "2018-02-01" if backdated else "2025-12-01"  # folded whole, or going on
    store.add([Line("", ev("talks_held", "US", "RU", when, place="Riyadh"))])
    store.catch_up()
    slow = table.stale(pair=key)
    slow_cuts = table._cuts([key], store.records_after, store.records_of_pairs)
    store.add([Line("", ev("talks_held", "RU", "US", "2025-12-05", place="Istanbul"))])
    store.posture_texts(START)  # another process folds both events first
    table._write(slow, slow_cuts)  # the slower one, which read only the first, comes last
    at = date(2026, 1, 1)
    assert store.posture("RU", "US", at) == posture(store.records(), ("RU", "US"), at)
    assert table.stale() == []
