"""Drafting the seed reports and the test reports: the events each states, nothing else."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from events import parse
from tracker.draft import Draft, draft

ROOT = Path(__file__).resolve().parents[2]
SEED_REPORTS = ROOT.parent / "shared" / "seeds"
REPORTS = ROOT / "tests" / "fixtures" / "reports"


def drafted(path: Path, published: str) -> Draft:
    if not path.is_file():
        pytest.skip(f"{path} is not here (the seed reports live in ../shared/seeds)")
    return draft(path.read_text(encoding="utf-8"), date.fromisoformat(published))


def by_type(result: Draft) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for c in result.candidates:
        out.setdefault(c.record["type"], []).append(c.record)
    return out


def test_the_2021_report_drafts_the_claimed_return_the_recalls_and_the_summit() -> None:
    found = by_type(drafted(SEED_REPORTS / "000_4d6ef7dbb10a8880.txt", "2021-06-16"))
    [agreement] = found["agreement_reached"]
    assert (agreement["actor"], agreement["target"], agreement["occurred_on"]) == (
        "RU",
        "US",
        "2021-06-16",
    )
    assert agreement["terms"] == ["ambassadors_return"]
    assert agreement["confidence"] == "claimed"
    recalls = {
        (r["actor"], r["target"], r["occurred_on"], r["date_precision"], r.get("person"))
        for r in found["ambassador_recalled"]
    }
    assert recalls == {
        ("RU", "US", "2021", "year", "Anatoly Antonov"),
        ("US", "RU", "2021", "year", "John Sullivan"),
    }
    [talks] = found["talks_held"]
    assert talks["occurred_on"] == "2021-06-16" and talks["place"] == "Geneva"
    assert set(found) == {"agreement_reached", "ambassador_recalled", "talks_held"}


def test_the_2025_report_drafts_the_istanbul_talks_and_the_riyadh_talks_before() -> None:
    found = by_type(drafted(SEED_REPORTS / "002_aca9e1a878e5d092.txt", "2025-02-26"))
    talks = {(t["occurred_on"], t["date_precision"], t.get("place")) for t in found["talks_held"]}
    assert talks == {("2025-02-27", "day", "Istanbul"), ("2025-02", "month", "Saudi Arabia")}
    [istanbul] = [t for t in found["talks_held"] if t["occurred_on"] == "2025-02-27"]
    assert istanbul["announced_on"] == "2025-02-26"
    assert set(found) <= {"talks_held", "agreement_reached"}


@pytest.mark.parametrize(
    "name, published",
    [("000_4d6ef7dbb10a8880.txt", "2021-06-16"), ("002_aca9e1a878e5d092.txt", "2025-02-26")],
)
def test_nothing_is_drafted_from_the_page_debris(name: str, published: str) -> None:
    result = drafted(SEED_REPORTS / name, published)
    debris = [line for line, _ in result.debris]
    assert any("Getty Images" in line for line in debris) or any(
        "BSP-2636" in line for line in debris
    )
    for c in result.candidates:
        assert not any(line in c.record["note"] for line in debris)


def test_every_candidate_is_a_valid_record_citing_the_report_with_a_short_quote() -> None:
    result = drafted(REPORTS / "expulsions.txt", "2023-03-17")
    for c in result.candidates:
        parse(c.record)
        source = c.record["sources"][0]
        assert source["title"] == "Russia expels 10 U.S. diplomats in tit-for-tat move"
        assert len(source["quote"].split()) <= 15
        assert source["quote"] in c.record["note"]
        assert c.record["note"].startswith("From the report: ")


def test_expulsions_each_way_with_count_deadline_and_the_day_named() -> None:
    found = by_type(drafted(REPORTS / "expulsions.txt", "2023-03-17"))
    pairs = {
        (e["actor"], e["target"], e["occurred_on"], e.get("count"), e.get("deadline"))
        for e in found["diplomats_expelled"]
    }
    assert pairs == {
        ("RU", "US", "2023-03-17", 10, "2023-03-20"),
        ("US", "RU", "2023-03-08", 10, None),
    }
    assert "consulate_closed" not in found  # "has not closed" states nothing


def test_consulate_closures_name_the_city_and_whose_consulate() -> None:
    found = by_type(drafted(REPORTS / "consulates.txt", "2022-10-19"))
    closures = {
        (c["actor"], c["mission_of"], c["city"], c["occurred_on"])
        for c in found["consulate_closed"]
    }
    assert closures == {("PL", "RU", "Poznan", "2022-10-19"), ("RU", "PL", "Smolensk", "2022-06")}


def test_a_staff_cap_and_a_recall_between_two_other_states() -> None:
    found = by_type(drafted(REPORTS / "staff_cap.txt", "2024-05-14"))
    [cap] = found["staff_cap_imposed"]
    assert (cap["actor"], cap["target"], cap["cap"]) == ("LT", "BY", 12)
    [recall] = found["ambassador_recalled"]
    assert (recall["actor"], recall["target"], recall["occurred_on"]) == ("BY", "LT", "2024-05-14")


def test_an_ambassadors_departure_the_charge_and_the_earlier_credentials() -> None:
    found = by_type(drafted(REPORTS / "departure.txt", "2024-09-16"))
    [left] = found["ambassador_departed"]
    assert (left["actor"], left["person"], left["occurred_on"]) == (
        "US",
        "Karen Holt",
        "2024-09-15",
    )
    [charge] = found["charge_d_affaires_named"]
    assert charge["person"] == "Peter Lang"
    [credentials] = found["credentials_presented"]
    assert (credentials["person"], credentials["occurred_on"]) == ("Karen Holt", "2022-01")
    assert "ambassador_appointed" not in found  # the "related" link is debris


def test_a_denial_of_nothing_known_drafts_nothing() -> None:
    assert drafted(REPORTS / "denial.txt", "2025-03-11").candidates == []


def test_one_sides_account_the_other_has_not_confirmed_is_a_claim() -> None:
    found = by_type(drafted(REPORTS / "claim.txt", "2025-03-07"))
    [agreement] = found["agreement_reached"]
    assert agreement["confidence"] == "claimed"
    assert agreement["terms"] == ["consulates_reopen"]
    assert agreement["cities"] == ["Yekaterinburg", "Vladivostok"]
    assert "consulate_opened" not in found  # what was agreed has not happened yet


def test_the_benchmark_reaches_80_percent_precision_and_recall() -> None:
    spec = importlib.util.spec_from_file_location(
        "draft_accuracy", ROOT / "benchmarks" / "draft_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    precision, recall, _ = module.evaluate()
    assert precision >= 0.8 and recall >= 0.8
