"""The fold on hand-written histories: the 2021 recalls and returns, corrections, claims."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from projections import posture, postures, tenures, timeline
from tests.builders import EXAMPLES, ev, example_records, meta, recorded, seed_records

RU_US = ("RU", "US")


def head(p: dict, key: str) -> dict:
    return p["missions"][key]["head"]


def contains(expected: object, got: object, path: str = "$") -> None:
    """Every key and value of `expected` is in `got` (extra keys are allowed)."""
    if isinstance(expected, dict):
        assert isinstance(got, dict), path
        for key, value in expected.items():
            assert key in got, f"{path}.{key} missing"
            contains(value, got[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), path
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            contains(e, g, f"{path}[{i}]")
    else:
        assert expected == got, f"{path}: {expected!r} != {got!r}"


def test_the_worked_example_gives_exactly_the_documented_status() -> None:
    expected = json.loads((EXAMPLES / "status-RU-US-2021-05-01.json").read_text())
    contains(expected, posture(example_records(), RU_US, date(2021, 5, 1)))


def test_before_the_2021_recalls_both_ambassadors_are_at_post() -> None:
    p = posture(seed_records(), RU_US, date(2021, 3, 1))
    assert head(p, "RU->US")["status"] == "at_post"
    assert head(p, "RU->US")["name"] == "Anatoly Antonov"
    assert head(p, "US->RU")["name"] == "John Sullivan"
    assert p["missions"]["US->RU"]["level"] == "ambassador"


def test_during_the_recalls_both_heads_are_recalled_but_keep_their_names() -> None:
    p = posture(seed_records(), RU_US, date(2021, 5, 1))
    for key, name in (("RU->US", "Anatoly Antonov"), ("US->RU", "John Sullivan")):
        assert head(p, key)["status"] == "recalled"
        assert head(p, key)["name"] == name
        assert p["missions"][key]["level"] == "charge_d_affaires"


def test_the_geneva_claim_is_fulfilled_by_the_june_returns() -> None:
    records = seed_records()
    on_summit = posture(records, RU_US, date(2021, 6, 16))
    (agreement,) = on_summit["agreements"]
    assert agreement["claimed"] is True and agreement["fulfilled"] is False
    after = posture(records, RU_US, date(2021, 6, 24))
    (agreement,) = after["agreements"]
    assert agreement["fulfilled"] is True
    returns = {e.event.id for e in records if e.event.type == "ambassador_returned"}
    assert {str(i) for i in returns} == set(agreement["fulfilled_by"])
    between = posture(records, RU_US, date(2021, 6, 21))
    assert between["agreements"][0]["fulfilled"] is False


def test_month_precision_applies_from_the_first_and_is_marked_approximate() -> None:
    records = recorded([ev("ambassador_recalled", "RU", "US", "2021-03", person="A")])
    assert head(posture(records, RU_US, date(2021, 2, 28)), "RU->US")["status"] == "unknown"
    h = head(posture(records, RU_US, date(2021, 3, 1)), "RU->US")
    assert (h["status"], h["since"], h["approximate"]) == ("recalled", "2021-03-01", True)


def test_at_includes_the_day_itself_and_same_day_events_apply_in_recording_order() -> None:
    recall = ev("ambassador_recalled", "RU", "US", "2021-06-01", person="A")
    back = ev("ambassador_returned", "RU", "US", "2021-06-01", person="A")
    assert (
        head(posture(recorded([recall, back]), RU_US, date(2021, 6, 1)), "RU->US")["status"]
        == "at_post"
    )
    assert (
        head(posture(recorded([back, recall]), RU_US, date(2021, 6, 1)), "RU->US")["status"]
        == "recalled"
    )


def test_a_backdated_closure_changes_the_posture_from_its_date_on() -> None:
    opened = ev("consulate_opened", "US", "RU", "2010", mission_of="RU", city="Seattle")
    late = ev("consulate_closed", "US", "RU", "2018-04-02", mission_of="RU", city="Seattle")
    records = recorded([opened, late])
    (before,) = posture(records, RU_US, date(2018, 4, 1))["missions"]["RU->US"]["consulates"]
    (after,) = posture(records, RU_US, date(2018, 4, 2))["missions"]["RU->US"]["consulates"]
    assert (before["status"], after["status"]) == ("open", "closed")


def test_a_host_act_changes_the_other_states_mission() -> None:
    records = recorded(
        [
            ev("diplomats_expelled", "US", "RU", "2018-03-26", count=60),
            ev("staff_cap_imposed", "RU", "US", "2017-09-01", cap=455),
            ev("ambassador_expelled", "RU", "US", "2019-01-01", person="X"),
        ]
    )
    p = posture(records, RU_US, date(2020, 1, 1))
    assert p["missions"]["RU->US"]["staff_expelled"] == 60
    assert p["missions"]["US->RU"]["staff_cap"] == 455
    assert head(p, "US->RU")["status"] == "expelled"


def test_a_correction_moves_an_event_and_as_known_at_before_it_shows_the_old_belief() -> None:
    recall = ev("ambassador_recalled", "US", "RU", "2021-04", person="John Sullivan")
    fix = meta("corrected", recall, changes={"occurred_on": "2021-04-20"})
    records = recorded([recall, fix])
    now = head(posture(records, RU_US, date(2021, 4, 10)), "US->RU")
    assert now["status"] == "unknown"
    old = head(posture(records, RU_US, date(2021, 4, 10), records[0].recorded_at), "US->RU")
    assert old["status"] == "recalled" and old["approximate"] is True
    corrected = head(posture(records, RU_US, date(2021, 5, 1)), "US->RU")
    assert corrected["event_ids"] == [str(recall.id), str(fix.id)]


def test_a_retracted_event_counts_as_never_recorded_and_retracting_a_retraction_restores_it() -> (
    None
):
    recall = ev("ambassador_recalled", "RU", "US", "2021-03-17", person="A")
    retraction = meta("retracted", recall)
    undo = meta("retracted", retraction)
    at = date(2021, 5, 1)
    assert head(posture(recorded([recall, retraction]), RU_US, at), "RU->US")["status"] == "unknown"
    assert (
        head(posture(recorded([recall, retraction, undo]), RU_US, at), "RU->US")["status"]
        == "recalled"
    )


def test_retracting_a_correction_restores_what_it_replaced() -> None:
    recall = ev("ambassador_recalled", "RU", "US", "2021-03-17", person="A")
    fix = meta("corrected", recall, changes={"person": "B"})
    undo = meta("retracted", fix)
    assert head(posture(recorded([recall, fix]), RU_US, date(2021, 5, 1)), "RU->US")["name"] == "B"
    assert (
        head(posture(recorded([recall, fix, undo]), RU_US, date(2021, 5, 1)), "RU->US")["name"]
        == "A"
    )


def test_a_claim_counts_and_is_marked_but_a_disputed_claim_does_not_count() -> None:
    claim = ev("ambassador_recalled", "RU", "US", "2021-03-17", person="A", confidence="claimed")
    p = posture(recorded([claim]), RU_US, date(2021, 5, 1))
    assert head(p, "RU->US")["claimed"] is True
    denial = meta("corrected", claim, changes={"confidence": "disputed"})
    p = posture(recorded([claim, denial]), RU_US, date(2021, 5, 1))
    assert head(p, "RU->US")["status"] == "unknown"


def test_an_appointee_waits_as_successor_until_the_predecessor_departs() -> None:
    records = recorded(
        [
            ev("credentials_presented", "US", "RU", "2017-10-03", person="Huntsman"),
            ev("ambassador_appointed", "US", "RU", "2019-09-01", person="Sullivan"),
            ev("ambassador_departed", "US", "RU", "2019-10-03", person="Huntsman"),
            ev("credentials_presented", "US", "RU", "2020-02-05", person="Sullivan"),
        ]
    )
    waiting = posture(records, RU_US, date(2019, 9, 15))["missions"]["US->RU"]
    assert waiting["head"]["name"] == "Huntsman" and waiting["successor"]["name"] == "Sullivan"
    gap = posture(records, RU_US, date(2019, 11, 1))["missions"]["US->RU"]
    assert (gap["head"]["name"], gap["head"]["status"], gap["successor"]) == (
        "Sullivan",
        "designated",
        None,
    )
    assert gap["level"] == "charge_d_affaires"
    assert head(posture(records, RU_US, date(2020, 3, 1)), "US->RU")["status"] == "at_post"


def test_a_departure_leaves_the_post_vacant_with_no_name() -> None:
    records = recorded(
        [
            ev("credentials_presented", "US", "RU", "2017-10-03", person="H"),
            ev("ambassador_departed", "US", "RU", "2019-10-03"),
        ]
    )
    h = head(posture(records, RU_US, date(2020, 1, 1)), "US->RU")
    assert (h["name"], h["status"]) == (None, "vacant")


def test_a_head_at_post_implies_an_open_embassy_and_established_relations() -> None:
    p = posture(
        recorded([ev("credentials_presented", "US", "RU", "2017-10-03", person="H")]),
        RU_US,
        date(2018, 1, 1),
    )
    assert p["missions"]["US->RU"]["embassy"]["status"] == "open"
    assert p["relations"]["status"] == "established"
    assert p["missions"]["RU->US"]["embassy"]["status"] == "unknown"


def test_severed_relations_and_closed_embassies_mean_no_representation() -> None:
    records = recorded(
        [
            ev("credentials_presented", "US", "RU", "2017-10-03", person="H"),
            ev("embassy_closed", "US", "RU", "2018-01-01", mission_of="US"),
            ev("relations_severed", "RU", "US", "2019-01-01"),
        ]
    )
    assert posture(records, RU_US, date(2018, 6, 1))["missions"]["US->RU"]["level"] == "none"
    p = posture(records, RU_US, date(2019, 6, 1))
    assert p["relations"]["status"] == "severed"
    assert {m["level"] for m in p["missions"].values()} == {"none"}


def test_a_downgrade_caps_the_level_of_both_missions() -> None:
    records = recorded(
        [
            ev("credentials_presented", "US", "RU", "2017-10-03", person="H"),
            ev("relations_downgraded", "RU", "US", "2018-01-01", level="charge_d_affaires"),
            ev("relations_upgraded", "RU", "US", "2019-01-01", level="ambassador"),
        ]
    )
    assert (
        posture(records, RU_US, date(2018, 6, 1))["missions"]["US->RU"]["level"]
        == "charge_d_affaires"
    )
    assert posture(records, RU_US, date(2019, 6, 1))["missions"]["US->RU"]["level"] == "ambassador"


def test_an_agreement_can_be_fulfilled_explicitly_and_further_talks_by_later_talks() -> None:
    deal = ev(
        "agreement_reached", "US", "RU", "2025-02-18", terms=["staffing_restored", "further_talks"]
    )
    records = recorded(
        [
            deal,
            ev("talks_held", "RU", "US", "2025-02-27", place="Istanbul"),
            ev(
                "agreement_fulfilled",
                "US",
                "RU",
                "2025-06-01",
                event_id=str(deal.id),
                terms=["staffing_restored"],
            ),
        ]
    )
    terms = posture(records, RU_US, date(2025, 3, 1))["agreements"][0]["term_status"]
    assert terms["further_talks"]["fulfilled"] and not terms["staffing_restored"]["fulfilled"]
    assert posture(records, RU_US, date(2025, 6, 1))["agreements"][0]["fulfilled"] is True


def test_engagements_list_the_last_five_talks_newest_first() -> None:
    talks = [ev("talks_held", "RU", "US", f"2025-0{m}-01", place=f"P{m}") for m in range(1, 8)]
    got = posture(recorded(talks), RU_US, date(2026, 1, 1))["engagements"]
    assert [e["place"] for e in got] == ["P7", "P6", "P5", "P4", "P3"]


def test_an_inconsistent_history_does_not_crash_but_warns() -> None:
    records = recorded(
        [
            ev("ambassador_returned", "RU", "US", "2021-06-20", person="A"),
            ev("credentials_presented", "RU", "US", "2021-07-01", person="B"),
        ]
    )
    p = posture(records, RU_US, date(2022, 1, 1))
    messages = " ".join(w["message"] for w in p["warnings"])
    assert "no recall" in messages and "two heads at once" in messages


def test_every_pair_with_an_event_in_effect_is_listed_in_order() -> None:
    records = recorded(
        [
            ev("talks_held", "US", "RU", "2021-06-16"),
            ev("talks_held", "FR", "DE", "2030-01-01"),
            ev("talks_held", "GB", "FR", "2020-01-01"),
        ]
    )
    assert [p["pair"] for p in postures(records, date(2022, 1, 1))] == [["FR", "GB"], ["RU", "US"]]
    assert [p["pair"] for p in postures(records, date(2022, 1, 1), including="US")] == [
        ["RU", "US"]
    ]


def test_the_timeline_lists_each_change_between_two_dates() -> None:
    steps = timeline(seed_records(), RU_US, date(2021, 3, 1), date(2021, 6, 30))
    kinds = [s["event"]["type"] for s in steps]
    assert kinds[0] == "ambassador_recalled" and kinds[-1] == "ambassador_returned"
    first = {c["path"]: c["after"] for c in steps[0]["changes"]}
    assert first["missions.RU->US.head.status"] == "recalled"


def test_tenures_list_each_head_from_and_to() -> None:
    rows = tenures(seed_records(), RU_US)["US->RU"]
    names = [r["name"] for r in rows]
    assert names[:3] == ["Jon Huntsman", "John Sullivan", "Lynne Tracy"]
    assert rows[0]["to"] == "2019-10-03"


def test_as_known_at_now_equals_no_as_known_at() -> None:
    records = seed_records()
    now = datetime(2100, 1, 1, tzinfo=UTC)
    a = posture(records, RU_US, date(2024, 1, 1))
    b = posture(records, RU_US, date(2024, 1, 1), now)
    a.pop("as_known_at"), b.pop("as_known_at")
    assert a == b
