"""tracker check: each check finds what it names, and nothing in a sound history."""

from __future__ import annotations

from datetime import date

from projections.checks import run_checks
from projections.facts import believe
from tests.builders import ev, meta, recorded, seed_records


def codes(records: list, today: date) -> list[str]:  # type: ignore[type-arg]
    return [p["code"] for p in run_checks(believe(records), today)]


def test_a_claim_still_unconfirmed_after_ninety_days_is_flagged() -> None:
    claim = ev("ambassador_expelled", "RU", "US", "2021-01-01", confidence="claimed")
    assert codes(recorded([claim]), date(2021, 3, 1)) == []
    assert codes(recorded([claim]), date(2021, 5, 1)) == ["unconfirmed_claim"]
    confirmed = meta(
        "corrected",
        claim,
        changes={"confidence": "confirmed", "sources": [{"url": "https://example.org/confirmed"}]},
    )
    assert codes(recorded([claim, confirmed]), date(2021, 5, 1)) == []


def test_a_claimed_agreement_that_later_events_fulfilled_is_not_flagged() -> None:
    assert "unconfirmed_claim" not in codes(seed_records(), date(2026, 11, 23))


def test_an_agreement_past_its_due_date_with_open_terms_is_flagged() -> None:
    deal = ev(
        "agreement_reached", "RU", "US", "2025-02-18", terms=["staffing_restored"], due="2025-06-30"
    )
    assert codes(recorded([deal]), date(2025, 6, 30)) == []
    assert codes(recorded([deal]), date(2025, 7, 1)) == ["agreement_overdue"]


def test_a_return_with_no_recall_is_flagged_as_inconsistent() -> None:
    back = ev("ambassador_returned", "RU", "US", "2021-06-20", person="A")
    assert codes(recorded([back]), date(2022, 1, 1)) == ["inconsistent"]


def test_the_seed_history_has_no_warnings() -> None:
    assert codes(seed_records(), date(2026, 11, 23)) == []
