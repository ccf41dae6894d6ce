"""The TimelineJS export: valid against the format, partial dates, links escaped."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from tests.builders import ev, meta, recorded, seed_records
from tracker.formats.timelinejs import timeline_json

TEXT = {
    "type": "object",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
    "additionalProperties": False,
}
DATE = {
    "type": "object",
    "required": ["year"],
    "properties": {
        "year": {"type": "string", "pattern": "^-?[0-9]+$"},
        "month": {"type": "string", "pattern": "^([1-9]|1[0-2])$"},
        "day": {"type": "string", "pattern": "^([1-9]|[12][0-9]|3[01])$"},
    },
    "dependentRequired": {"day": ["month"]},
    "additionalProperties": False,
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "required": ["text"], "properties": {"text": TEXT}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text"],
                "properties": {
                    "start_date": DATE,
                    "end_date": DATE,
                    "text": TEXT,
                    "group": {"type": "string"},
                    "unique_id": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
    },
}


def document(records: list) -> dict[str, Any]:
    doc = json.loads(timeline_json(records))
    jsonschema.validate(doc, SCHEMA)
    return doc


def test_the_seed_history_is_a_valid_timelinejs_document() -> None:
    doc = document(seed_records())
    assert len(doc["events"]) == len(seed_records())
    assert {e["group"] for e in doc["events"]} == {"RU–US"}
    assert len({e["unique_id"] for e in doc["events"]}) == len(doc["events"])


def test_month_and_year_precise_dates_leave_out_day_and_month() -> None:
    records = recorded(
        [
            ev("consulate_suspended", "US", "RU", "2020-03", mission_of="US", city="Vladivostok"),
            ev("talks_held", "US", "RU", "1999"),
            ev("ambassador_recalled", "RU", "US", "2021-03-17"),
        ]
    )
    dates = [e["start_date"] for e in document(records)["events"]]
    assert dates == [
        {"year": "1999"},
        {"year": "2020", "month": "3"},
        {"year": "2021", "month": "3", "day": "17"},
    ]


def test_sources_are_links_and_stored_text_is_escaped() -> None:
    sources = [
        {"url": "https://example.org/a?b=1&c=2", "publisher": "<Example>"},
        {"title": "A wire report"},
    ]
    records = recorded(
        [
            ev(
                "talks_held",
                "US",
                "RU",
                "2021-06-16",
                place="Geneva",
                summary="Talks <b>held</b>",
                sources=sources,
            )
        ]
    )
    slide = document(records)["events"][0]
    assert slide["text"]["text"] == (
        "<p>Talks &lt;b&gt;held&lt;/b&gt;</p><p>Sources: "
        '<a href="https://example.org/a?b=1&amp;c=2">&lt;Example&gt;</a> · A wire report</p>'
    )
    assert slide["text"]["headline"] == "Talks held: Geneva (US → RU)"


def test_retracted_events_are_left_out_and_corrections_applied() -> None:
    first = ev("ambassador_recalled", "RU", "US", "2021-03-17")
    second = ev("ambassador_returned", "RU", "US", "2021-06-20")
    records = recorded(
        [
            first,
            second,
            meta("retracted", first),
            meta("corrected", second, changes={"occurred_on": "2021-06"}),
        ]
    )
    events = document(records)["events"]
    assert [e["unique_id"] for e in events] == [str(second.id)]
    assert events[0]["start_date"] == {"year": "2021", "month": "6"}
