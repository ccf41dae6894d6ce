"""Relative dates in news copy, resolved against the publication day."""

from __future__ import annotations

from datetime import date

from tracker.draft.dates import find_dates

WEDNESDAY = date(2025, 2, 26)


def resolved(text: str, published: date = WEDNESDAY) -> list[tuple[str | None, str | None]]:
    return [(d.value, d.precision) for d in find_dates(text, published)]


def test_the_publication_weekday_is_the_publication_day() -> None:
    assert resolved("Biden and Putin met on Wednesday.") == [("2025-02-26", "day")]


def test_a_past_weekday_is_the_one_before_publication() -> None:
    assert resolved("The ministry expelled them on Monday.") == [("2025-02-24", "day")]


def test_a_weekday_in_a_future_clause_is_the_one_after_publication() -> None:
    assert resolved("Diplomats will meet in Istanbul on Thursday.") == [("2025-02-27", "day")]


def test_last_week_has_month_precision_when_the_week_lies_in_one_month() -> None:
    assert resolved("talks in Saudi Arabia last week") == [("2025-02", "month")]


def test_last_week_across_two_months_has_year_precision() -> None:
    assert resolved("talks last week", date(2023, 3, 8)) == [("2023", "year")]


def test_earlier_this_year_has_year_precision() -> None:
    assert resolved("pulled home earlier this year", date(2021, 6, 16)) == [("2021", "year")]


def test_a_month_without_a_year_after_publication_is_last_years() -> None:
    assert resolved("Russia closed it in June.", date(2022, 3, 1)) == [("2021-06", "month")]


def test_full_and_partial_calendar_dates_keep_their_precision() -> None:
    assert resolved("on March 5, 2021, in January 2022 and in 2014") == [
        ("2021-03-05", "day"),
        ("2022-01", "month"),
        ("2014", "year"),
    ]


def test_vague_spans_date_nothing() -> None:
    [found] = find_dates("which in recent years were hit hard", WEDNESDAY)
    assert found.kind == "vague" and found.value is None


def test_a_date_next_to_a_verb_of_saying_is_a_statement_date() -> None:
    meet, said = find_dates("They will meet on Thursday, Lavrov said Wednesday.", WEDNESDAY)
    assert not meet.statement and said.statement


def test_last_week_keeps_the_days_it_can_mean() -> None:
    [found] = find_dates("last week", WEDNESDAY)
    assert (found.first, found.last) == (date(2025, 2, 17), date(2025, 2, 23))
