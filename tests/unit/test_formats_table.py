"""CSV export and import: readable columns, lossless round trip, problems by line and field."""

from __future__ import annotations

import csv
import io
import json

from events import to_record
from tests.builders import ev, meta, recorded, seed_records
from tracker.formats.table import COLUMNS, read_csv, write_csv
from tracker.importing import Problems


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def read(text: str) -> tuple[list[object], list[str]]:
    problems = Problems()
    lines = list(read_csv("", io.StringIO(text), problems))
    return lines, [str(p) for p in problems.items]


def test_each_event_is_one_row_with_the_readable_columns_in_order() -> None:
    text = write_csv(seed_records())
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    first = rows(text)[0]
    assert first["date"] == "2016-12-29" and first["precision"] == "day"
    assert (first["actor"], first["actor_name"]) == ("US", "United States")
    assert (first["target"], first["target_name"]) == ("RU", "Russian Federation")
    assert (first["cameo"], first["plover"]) == ("161", "SANCTION")
    assert first["source_url"].startswith("http://www.dailystar.com.lb/")
    assert json.loads(first["details"])["count"] == 35


def test_a_month_precise_date_is_written_as_its_first_day_with_its_precision() -> None:
    row = rows(
        write_csv(
            recorded(
                [
                    ev(
                        "consulate_suspended",
                        "US",
                        "RU",
                        "2020-03",
                        mission_of="US",
                        city="Vladivostok",
                    )
                ]
            )
        )
    )[0]
    assert (row["date"], row["precision"]) == ("2020-03-01", "month")


def test_a_round_trip_through_csv_gives_the_same_events() -> None:
    records = seed_records()
    lines, problems = read(write_csv(records))
    assert problems == []
    assert [to_record(line.event) for line in lines] == [to_record(r.event) for r in records]


def test_corrections_and_retractions_survive_a_round_trip() -> None:
    talks = ev("talks_held", "US", "RU", "2025-02-18", place="Riyadh")
    records = recorded(
        [talks, meta("corrected", talks, changes={"place": "Istanbul"}), meta("retracted", talks)]
    )
    lines, problems = read(write_csv(records))
    assert problems == []
    assert [to_record(line.event) for line in lines] == [to_record(r.event) for r in records]


def test_recorded_at_is_kept_when_exported_with_it() -> None:
    records = seed_records()[:3]
    lines, _ = read(write_csv(records, with_recorded_at=True))
    assert [line.recorded_at for line in lines] == [r.recorded_at for r in records]


def test_derived_columns_are_ignored_on_import() -> None:
    text = write_csv(seed_records()[:1]).replace("Russian Federation", "Atlantis")
    text = text.replace(",161,SANCTION,", ",999,NOPE,")
    lines, problems = read(text)
    assert problems == [] and lines[0].event.target == "RU"


def test_a_spreadsheet_csv_with_a_bom_fewer_columns_and_empty_rows_imports() -> None:
    text = (
        "\ufefftype,actor,target,date,precision,summary,confidence\n"
        "ambassador_recalled,Russia,US,2021-03-01,month,Russia recalls its envoy,claimed\r\n"
        ",,,,,,\r\n"
    )
    lines, problems = read(text)
    assert problems == []
    event = lines[0].event
    assert (event.actor, event.occurred_on, event.date_precision) == ("RU", "2021-03", "month")


def test_bad_rows_are_named_by_line_and_column() -> None:
    good = write_csv(seed_records()[:2]).splitlines()
    text = (
        "\n".join(
            [
                good[0],
                "",
                good[1].replace(",2016-12-29,", ",2016-13-29,"),
                good[2].replace(",confirmed,", ",sure,"),
                good[1].replace('""count"": 35', '""count"": -1'),
                "a,b",
                good[1].replace(",2016-12-29,day,", ",2016-12-29,month,"),
            ]
        )
        + "\n"
    )
    _, problems = read(text)
    assert problems[0].startswith("line 3: date: ")
    assert problems[1].startswith("line 4: confidence: ")
    assert problems[2].startswith("line 5: details.count: ")
    assert problems[3] == "line 6: 2 fields, the header has 16"
    assert problems[4].startswith("line 7: date: 2016-12-29 is not the first day of its month")


def test_an_unknown_column_is_a_problem_on_line_1() -> None:
    _, problems = read("type,occured_on\n")
    assert problems[0].startswith("line 1: unknown column 'occured_on'")


def test_details_may_not_repeat_a_column() -> None:
    text = (
        "type,actor,target,date,summary,details\n"
        'talks_held,RU,US,2021-06-16,Talks,"{""summary"": ""x""}"\n'
    )
    _, problems = read(text)
    assert problems == ["line 2: details: summary has its own column"]
