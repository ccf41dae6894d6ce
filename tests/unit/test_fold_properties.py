"""Properties of the fold on random histories (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from events import Event, Recorded
from projections import posture
from tests.builders import T0, ev, meta, recorded

PAIR = ("RU", "US")
PEOPLE = ("Antonov", "Sullivan", "Darchiev")
START = date(2015, 1, 1)


def _on(days: int, precision: str) -> str:
    d = START + timedelta(days=days)
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": str(d.year)}[precision]


@st.composite
def actions(draw: st.DrawFn, days: int | None = None) -> Event:
    kind = draw(
        st.sampled_from(
            [
                "ambassador_appointed",
                "credentials_presented",
                "ambassador_recalled",
                "ambassador_returned",
                "ambassador_expelled",
                "ambassador_departed",
                "charge_d_affaires_named",
                "diplomats_expelled",
                "staff_cap_imposed",
                "staff_cap_lifted",
                "embassy_closed",
                "embassy_reopened",
                "consulate_opened",
                "consulate_closed",
                "consulate_suspended",
                "embassy_suspended",
                "relations_upgraded",
                "relations_severed",
                "relations_restored",
                "relations_downgraded",
                "talks_held",
                "agreement_reached",
            ]
        )
    )
    actor, target = draw(st.permutations(PAIR))
    precision = draw(st.sampled_from(["day", "day", "day", "month", "year"]))
    when = _on(draw(st.integers(0, 3650)) if days is None else days, precision)
    fields: dict[str, Any] = {"confidence": draw(st.sampled_from(["reported", "claimed"]))}
    if kind in ("ambassador_appointed", "credentials_presented", "charge_d_affaires_named"):
        fields["person"] = draw(st.sampled_from(PEOPLE))
    elif kind.startswith("ambassador_"):
        fields["person"] = draw(st.none() | st.sampled_from(PEOPLE))
    if kind == "diplomats_expelled":
        fields["count"] = draw(st.integers(0, 60))
    if kind == "staff_cap_imposed":
        fields["cap"] = draw(st.integers(0, 500))
    if kind.startswith(("embassy_", "consulate_")):
        fields["mission_of"] = draw(st.sampled_from(PAIR))
    if kind.startswith("consulate_"):
        fields["city"] = draw(st.sampled_from(["Seattle", "San Francisco", "Vladivostok"]))
    if kind == "relations_downgraded":
        fields["level"] = draw(st.sampled_from(["charge_d_affaires", "interests_section"]))
    if kind == "relations_upgraded":
        fields["level"] = draw(st.sampled_from(["charge_d_affaires", "ambassador"]))
    if kind == "agreement_reached":
        fields["terms"] = draw(
            st.lists(
                st.sampled_from(
                    [
                        "ambassadors_return",
                        "ambassadors_exchange",
                        "embassies_reopen",
                        "staff_cap_lifted",
                        "further_talks",
                        "consulates_reopen",
                        "staffing_restored",
                    ]
                ),
                min_size=1,
                max_size=3,
                unique=True,
            )
        )
        if "consulates_reopen" in fields["terms"]:
            fields["cities"] = ["Seattle"]
    return ev(kind, actor, target, when, summary=f"{kind} {draw(st.integers(0, 10**6))}", **fields)


histories = st.lists(actions(), min_size=1, max_size=25, unique_by=lambda e: e.id)
asked = st.integers(0, 3800).map(lambda d: START + timedelta(days=d))


def view(records: list[Recorded], at: date, **kw: Any) -> dict[str, Any]:
    p = posture(records, PAIR, at, **kw)
    p.pop("as_known_at")
    return p


@st.composite
def distinct_day_histories(draw: st.DrawFn) -> list[Event]:
    days = draw(st.lists(st.integers(0, 3650), min_size=1, max_size=20, unique=True))
    out = [
        draw(actions(days=d)).model_copy(
            update={"occurred_on": _on(d, "day"), "date_precision": "day"}
        )
        for d in days
    ]
    return list({e.id: e for e in out}.values())


@settings(max_examples=150, deadline=None)
@given(distinct_day_histories(), st.randoms(use_true_random=False), asked)
def test_recording_order_does_not_matter_for_events_on_distinct_dates(
    events: list[Event],
    rnd: Any,
    at: date,
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert view(recorded(events), at) == view(recorded(shuffled), at)


@settings(max_examples=150, deadline=None)
@given(histories, asked)
def test_folding_to_a_date_equals_folding_only_the_events_up_to_it(
    events: list[Event],
    at: date,
) -> None:
    records = recorded(events)
    before = [r for r in records if r.event.start <= at]
    assert view(records, at) == view(before, at)


@settings(max_examples=150, deadline=None)
@given(histories, st.data(), asked)
def test_a_retracted_event_counts_as_never_recorded(
    events: list[Event],
    data: st.DataObject,
    at: date,
) -> None:
    gone = data.draw(st.sampled_from(events))
    with_retraction = recorded([*events, meta("retracted", gone)])
    without = recorded([e for e in events if e is not gone])
    assert view(with_retraction, at) == view(without, at)


@settings(max_examples=150, deadline=None)
@given(histories, st.data(), asked)
def test_events_recorded_after_the_known_at_time_change_nothing(
    events: list[Event],
    data: st.DataObject,
    at: date,
) -> None:
    records = recorded(events)
    cut = data.draw(st.integers(0, len(records)))
    moment = T0 + timedelta(minutes=cut, seconds=30)
    assert view(records, at, as_known_at=moment) == view(records[: cut + 1], at)


@settings(max_examples=100, deadline=None)
@given(histories, asked)
def test_as_known_at_now_equals_no_as_known_at(events: list[Event], at: date) -> None:
    records = recorded(events)
    later = T0 + timedelta(days=365)
    assert view(records, at) == view(records, at, as_known_at=later)


@settings(max_examples=100, deadline=None)
@given(histories, asked)
def test_the_fold_never_crashes_and_every_key_is_present(events: list[Event], at: date) -> None:
    p = posture(recorded(events), PAIR, at)
    for mission in p["missions"].values():
        assert set(mission) >= {
            "head",
            "successor",
            "charge_d_affaires",
            "level",
            "embassy",
            "consulates",
            "staff_cap",
            "staff_expelled",
        }
        assert mission["level"] in (
            "ambassador",
            "charge_d_affaires",
            "interests_section",
            "none",
            "unknown",
        )


@st.composite
def fulfilments(draw: st.DrawFn) -> list[Event]:
    """Histories with agreements marked fulfilled, some naming no known agreement."""
    events = draw(histories)
    agreements = [e for e in events if e.type == "agreement_reached"]
    for _ in range(draw(st.integers(0, 3))):
        named = draw(st.sampled_from(agreements)) if agreements and draw(st.booleans()) else None
        actor, target = draw(st.permutations(PAIR))
        events.append(
            ev(
                "agreement_fulfilled",
                actor,
                target,
                _on(draw(st.integers(0, 3650)), "day"),
                event_id=str(named.id if named else uuid4()),
                terms=draw(st.none() | st.just(["staffing_restored"])),
            )
        )
    return list({e.id: e for e in events}.values())


@settings(max_examples=150, deadline=None)
@given(fulfilments(), st.lists(asked, max_size=4))
def test_the_posture_put_together_from_pieces_is_the_fold_s_own_text(
    events: list[Event], days: list[date]
) -> None:
    from projections.assembly import assemble
    from projections.facts import believe
    from projections.pieces import pieces

    records = recorded(events)
    facts = [f for f in believe(records).facts if f.event.pair == PAIR]
    cut = pieces(facts, PAIR)
    edges = [f.start + timedelta(days=d) for f in facts for d in (-1, 0)]
    for at in [*days, *edges]:
        held = {p.name: p.body for p in cut if p.start <= at and (p.end is None or at < p.end)}
        expected = view(records, at) | {"as_known_at": None}
        if not facts or facts[0].start > at:
            assert "p" not in held
            continue
        text = assemble(held, at)
        assert text == json.dumps(expected, ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(fulfilments(), st.data())
def test_a_fold_cut_in_two_with_a_pickle_between_gives_the_same_postures(
    events: list[Event], data: st.DataObject
) -> None:
    import pickle

    from projections.assembly import assemble
    from projections.facts import believe
    from projections.pieces import Cutter

    records = recorded(events)
    facts = [f for f in believe(records).facts if f.event.pair == PAIR]
    split = data.draw(st.integers(0, len(facts)))
    cutter = Cutter(PAIR)
    closed = cutter.feed(facts[:split])
    cutter = pickle.loads(pickle.dumps(cutter))
    assert cutter.follows(facts[split:])
    assert not facts[split:] or not split or not cutter.follows(facts[split - 1 : split])
    cut = closed + cutter.feed(facts[split:]) + cutter.open()
    for at in [f.start + timedelta(days=d) for f in facts for d in (-1, 0)]:
        held = {p.name: p.body for p in cut if p.start <= at and (p.end is None or at < p.end)}
        if facts[0].start > at:
            assert "p" not in held
            continue
        expected = view(records, at) | {"as_known_at": None}
        assert assemble(held, at) == json.dumps(expected, ensure_ascii=False)
