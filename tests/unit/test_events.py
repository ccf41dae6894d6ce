"""The vocabulary: every type validates good input and names the field of bad input."""

from __future__ import annotations

import pytest

from events import REGISTRY, InvalidEvent, parse, to_record
from events.countries import UnknownCountry, resolve

BASE = {
    "actor": "RU",
    "target": "US",
    "occurred_on": "2021-03-17",
    "summary": "s",
    "sources": [{"url": "https://example.org/a"}],
}

GOOD: dict[str, dict[str, object]] = {
    "ambassador_appointed": {"person": "A"},
    "credentials_presented": {"person": "A", "stage": "copies"},
    "ambassador_recalled": {"person": "A", "reason": "consultations"},
    "ambassador_returned": {},
    "ambassador_expelled": {"person": "A"},
    "ambassador_departed": {},
    "charge_d_affaires_named": {"person": "B"},
    "diplomats_expelled": {"count": 10, "deadline": "2021-05-21"},
    "staff_cap_imposed": {"cap": 455},
    "staff_cap_lifted": {},
    "embassy_closed": {"mission_of": "US"},
    "embassy_suspended": {"mission_of": "RU"},
    "embassy_reopened": {"mission_of": "US"},
    "consulate_opened": {"mission_of": "US", "city": "Seattle"},
    "consulate_suspended": {"mission_of": "US", "city": "Seattle"},
    "consulate_closed": {"mission_of": "RU", "city": "Seattle"},
    "relations_severed": {},
    "relations_restored": {},
    "relations_downgraded": {"level": "charge_d_affaires"},
    "relations_upgraded": {"level": "ambassador"},
    "talks_held": {"place": "Geneva", "rank": "heads of state", "topic": "t"},
    "agreement_reached": {
        "terms": ["consulates_reopen"],
        "cities": ["Seattle"],
        "due": "2021-12-31",
    },
    "agreement_fulfilled": {"event_id": "11c90883-e7b0-5d31-82c1-07bffd770d1c"},
}

BAD: dict[str, tuple[dict[str, object], str]] = {
    "ambassador_appointed": ({}, "person: required"),
    "credentials_presented": ({"person": "A", "stage": "parade"}, "stage:"),
    "ambassador_recalled": ({"person": 7}, "person:"),
    "ambassador_returned": ({"person": ""}, "person: must not be empty"),
    "ambassador_expelled": ({"persona": "A"}, "persona: unknown field (did you mean person?)"),
    "ambassador_departed": ({"mission_of": "FR"}, "mission_of: must be the actor or the target"),
    "charge_d_affaires_named": ({}, "person: required"),
    "diplomats_expelled": ({"count": -1}, "count:"),
    "staff_cap_imposed": ({}, "cap: required"),
    "staff_cap_lifted": ({"cap": 3}, "cap: unknown field"),
    "embassy_closed": ({}, "mission_of: required"),
    "embassy_suspended": ({"mission_of": "GB"}, "mission_of: must be the actor or the target"),
    "embassy_reopened": ({"mission_of": "Atlantis"}, "mission_of: unknown country"),
    "consulate_opened": ({"mission_of": "US"}, "city: required"),
    "consulate_suspended": ({"mission_of": "US", "city": "a\nb"}, "city: must be one line"),
    "consulate_closed": ({"city": "Seattle"}, "mission_of: required"),
    "relations_severed": ({"level": "none"}, "level: unknown field"),
    "relations_restored": (
        {"occurred_on": "2021-02-30"},
        "occurred_on: '2021-02-30' is not a real date",
    ),
    "relations_downgraded": ({}, "level: required"),
    "relations_upgraded": ({"level": "consul"}, "level:"),
    "talks_held": ({"place": "x" * 301}, "place: must be at most 300"),
    "agreement_reached": ({"terms": ["consulates_reopen"]}, "cities: consulates_reopen needs"),
    "agreement_fulfilled": ({"event_id": "nope"}, "event_id:"),
}


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_every_type_accepts_a_well_formed_record_and_round_trips(kind: str) -> None:
    record = {"type": kind, **BASE, **GOOD[kind]}
    event = parse(record)
    assert parse(to_record(event)) == event
    assert to_record(event)["type"] == kind


@pytest.mark.parametrize("kind", sorted(BAD))
def test_every_type_refuses_bad_input_naming_the_field(kind: str) -> None:
    fields, expected = BAD[kind]
    with pytest.raises(InvalidEvent) as err:
        parse({"type": kind, **BASE, **fields})
    assert any(p.startswith(expected) for p in err.value.problems), err.value.problems


def test_the_tests_cover_every_type_in_the_registry() -> None:
    covered = set(GOOD) | {"retracted", "corrected"}
    assert covered == set(REGISTRY)
    assert set(BAD) == set(GOOD)


def test_month_and_year_dates_set_the_precision() -> None:
    assert (
        parse({"type": "ambassador_recalled", **BASE, "occurred_on": "2021-03"}).date_precision
        == "month"
    )
    assert (
        parse({"type": "ambassador_recalled", **BASE, "occurred_on": "2021"}).date_precision
        == "year"
    )


def test_a_precision_that_disagrees_with_the_date_is_refused() -> None:
    with pytest.raises(InvalidEvent, match="date_precision"):
        parse(
            {
                "type": "ambassador_recalled",
                **BASE,
                "occurred_on": "2021-03",
                "date_precision": "day",
            }
        )


@pytest.mark.parametrize("bad", ["2021-13", "2021-00", "21-03-17", "2021/03/17", "March 2021"])
def test_impossible_or_malformed_dates_are_refused_naming_occurred_on(bad: str) -> None:
    with pytest.raises(InvalidEvent) as err:
        parse({"type": "ambassador_recalled", **BASE, "occurred_on": bad})
    assert err.value.problems == [err.value.problems[0]]
    assert err.value.problems[0].startswith("occurred_on:")


def test_a_reported_event_needs_a_source_but_a_claim_does_not() -> None:
    with pytest.raises(InvalidEvent, match="sources: a reported event needs"):
        parse({"type": "talks_held", **BASE, "sources": []})
    assert parse({"type": "talks_held", **BASE, "sources": [], "confidence": "claimed"})


def test_source_urls_must_be_http() -> None:
    with pytest.raises(InvalidEvent, match=r"sources\[0\]\.url"):
        parse({"type": "talks_held", **BASE, "sources": [{"url": "javascript:alert(1)"}]})


def test_actor_and_target_must_differ() -> None:
    with pytest.raises(InvalidEvent, match="target: must differ"):
        parse({"type": "talks_held", **BASE, "target": "Russia"})


def test_a_summary_is_one_line_of_at_most_a_thousand_characters() -> None:
    with pytest.raises(InvalidEvent, match="summary: must be at most 1,000"):
        parse({"type": "talks_held", **BASE, "summary": "x" * 1001})
    with pytest.raises(InvalidEvent, match="summary: must not contain control"):
        parse({"type": "talks_held", **BASE, "summary": "red \x1b[31m alert"})


def test_an_unknown_type_suggests_the_closest() -> None:
    with pytest.raises(InvalidEvent, match="did you mean ambassador_recalled"):
        parse({"type": "ambassador_recaled", **BASE})


def test_counts_must_be_integers_not_text_or_booleans() -> None:
    for bad in ("10", True, 1.5):
        with pytest.raises(InvalidEvent, match="count:"):
            parse({"type": "diplomats_expelled", **BASE, "count": bad})


def test_without_an_id_the_id_is_a_uuid5_of_the_content() -> None:
    first = parse({"type": "talks_held", **BASE})
    again = parse({"type": "talks_held", **BASE})
    other = parse({"type": "talks_held", **BASE, "summary": "other"})
    assert first.id == again.id != other.id
    assert first.id.version == 5


def test_corrections_default_their_summary_to_the_reason_and_may_omit_sources() -> None:
    c = parse(
        {
            "type": "corrected",
            "event_id": "11c90883-e7b0-5d31-82c1-07bffd770d1c",
            "changes": {"occurred_on": "2021-03-17"},
            "reason": "a later report",
        }
    )
    assert c.summary == "a later report"


def test_a_correction_cannot_change_the_id_or_the_type() -> None:
    for field in ("id", "type"):
        with pytest.raises(InvalidEvent, match=f"changes: {field} cannot be corrected"):
            parse(
                {
                    "type": "corrected",
                    "event_id": "11c90883-e7b0-5d31-82c1-07bffd770d1c",
                    "changes": {field: "x"},
                    "reason": "r",
                }
            )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("RU", "RU"),
        ("ru", "RU"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("United States", "US"),
        ("USA", "US"),
        ("Washington", "US"),
        ("Moscow", "RU"),
        ("UK", "GB"),
        ("Turkey", "TR"),
        ("XK", "XK"),
        ("SU", "SU"),
        ("YU", "YU"),
        ("DD", "DD"),
        ("CS", "CS"),
        ("RUS", "RU"),
    ],
)
def test_countries_resolve_from_codes_names_and_aliases(text: str, code: str) -> None:
    assert resolve(text) == code


def test_an_unknown_country_is_refused_with_a_suggestion_never_taken() -> None:
    with pytest.raises(UnknownCountry, match="did you mean Russia"):
        resolve("Rusia")
    with pytest.raises(UnknownCountry):
        resolve("Atlantis")


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_an_event_read_back_from_the_store_equals_the_validated_one(kind: str) -> None:
    from events.parsing import trusted

    event = parse({"type": kind, **BASE, **GOOD[kind]})
    again = trusted(type(event), to_record(event))
    assert again == event
    assert to_record(again) == to_record(event)
    assert again.model_fields_set <= set(type(event).model_fields)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_the_fast_json_path_gives_the_same_event_as_parse(kind: str) -> None:
    import json

    from events.parsing import fast_parse

    event = parse({"type": kind, **BASE, **GOOD[kind]})
    assert fast_parse(json.dumps(to_record(event))) == event


def test_the_fast_json_path_declines_what_needs_the_full_answer() -> None:
    import json

    from events.parsing import fast_parse

    record = {"type": "talks_held", **BASE}
    assert fast_parse(json.dumps(record)) is None  # no id: derived by parse
    event = parse(record)
    bad = to_record(event) | {"occurred_on": "2021-13"}
    assert fast_parse(json.dumps(bad)) is None
    assert fast_parse(json.dumps(to_record(event) | {"recorded_at": "2026-01-01"})) is None
