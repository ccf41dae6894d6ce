"""The type's own fields, read from the sentence around a trigger."""

from __future__ import annotations

from tracker.draft.fields import cities, place


def test_a_list_of_consulate_cities_ends_with_and() -> None:
    assert cities("consulates in Seattle, San Francisco and New York.") == [
        "Seattle",
        "San Francisco",
        "New York",
    ]


def test_a_comma_alone_does_not_continue_the_list_of_cities() -> None:
    text = "closure of Russia's consulate in Karlovy Vary, Foreign Minister Petr Novak said"
    assert cities(text) == ["Karlovy Vary"]


def test_talks_take_the_city_named_after_them() -> None:
    assert place("will meet in Geneva, Switzerland, on Wednesday", 0) == "Geneva"
