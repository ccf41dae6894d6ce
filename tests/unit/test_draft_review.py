"""The review loop: accept, edit the date or the type, skip; a bad edit is refused."""

from __future__ import annotations

from typing import Any

from tracker.draft.review import review

TALKS: dict[str, Any] = {
    "type": "talks_held",
    "actor": "RU",
    "target": "US",
    "occurred_on": "2025-02",
    "summary": "Russia and the United States hold talks",
    "sources": [{"title": "A report", "quote": "talks last week"}],
    "note": "why",
}


def scripted(*answers: str) -> Any:
    queue = list(answers)
    return lambda prompt, default: queue.pop(0)


def test_accepted_candidates_are_returned_as_events_and_skipped_ones_are_not() -> None:
    shown: list[str] = []
    events = review([TALKS, TALKS | {"occurred_on": "2025-03"}], scripted("a", "s"), shown.append)
    assert [e.occurred_on for e in events] == ["2025-02"]
    assert any("[1/2]" in line for line in shown)


def test_an_edited_date_sets_its_precision_anew() -> None:
    [event] = review([TALKS], scripted("d", "2025-02-18", "a"), lambda _: None)
    assert (event.occurred_on, event.date_precision) == ("2025-02-18", "day")


def test_an_edit_that_makes_the_record_invalid_is_refused() -> None:
    shown: list[str] = []
    [event] = review(
        [TALKS], scripted("t", "agreement_reached", "t", "relations_restored", "a"), shown.append
    )
    assert event.type == "relations_restored"
    assert any(line.startswith("not valid: terms") for line in shown)
