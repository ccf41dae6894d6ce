"""Analyst formats, chart and diff through the tracker command, on real store files."""

from __future__ import annotations

import io
import json
import struct
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.builders import SEEDS
from tests.e2e.conftest import Run, out_json


def one_line(result: object) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1, result.stderr  # type: ignore[attr-defined]
    return lines[0]


def csv_frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_the_csv_export_reads_in_pandas_with_codes_as_text(seeded: Run) -> None:
    result = seeded("export", "--format", "csv")
    assert result.exit_code == 0
    df = csv_frame(result.stdout)
    assert len(df) == len(SEEDS.read_text().splitlines())
    talks = df[df["type"] == "talks_held"].iloc[0]
    assert (talks["cameo"], talks["plover"], talks["date"]) == ("040", "CONSULT", "2021-06-16")
    recall = df[df["type"] == "ambassador_recalled"].iloc[0]
    assert (recall["actor"], recall["actor_name"], recall["target"]) == (
        "RU",
        "Russian Federation",
        "US",
    )
    assert json.loads(recall["details"])["person"] == "Anatoly Antonov"
    dates = pd.read_csv(io.StringIO(result.stdout), parse_dates=["date"])["date"]
    assert str(dates.dtype).startswith("datetime64")


def test_a_csv_round_trip_gives_the_same_csv_and_the_same_jsonl(
    seeded: Run, tmp_path: Path
) -> None:
    exported = tmp_path / "events.csv"
    assert seeded("export", "--format", "csv", "--output", str(exported)).exit_code == 0
    other = ["--db", str(tmp_path / "other.db")]
    imported = seeded("import", str(exported), store=other)
    assert imported.exit_code == 0, imported.stderr
    assert seeded("export", "--format", "csv", store=other).stdout == exported.read_text()
    assert seeded("export", store=other).stdout == seeded("export").stdout


def test_a_csv_with_recorded_at_moves_a_store_beliefs_included(seeded: Run, tmp_path: Path) -> None:
    exported = tmp_path / "events.csv"
    seeded("export", "--format", "csv", "--with-recorded-at", "--output", str(exported))
    other = ["--db", str(tmp_path / "other.db")]
    assert seeded("import", str(exported), store=other).exit_code == 0
    again = seeded("export", "--format", "csv", "--with-recorded-at", store=other)
    assert again.stdout == exported.read_text()


def test_a_bad_csv_row_names_the_line_and_the_column_and_writes_nothing(
    run: Run, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "type,actor,target,date,summary,details\n"
        'talks_held,RU,US,2021-02-30,Talks,"{""sources"": []}"\n'
    )
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert one_line(result) == "tracker: line 2: date: '2021-02-30' is not a real date"
    assert run("export").exit_code == 1


def test_the_panel_export_merges_like_dipex(seeded: Run) -> None:
    result = seeded("export", "--format", "panel")
    assert result.exit_code == 0
    df = pd.read_csv(io.StringIO(result.stdout))
    assert list(df.columns[:6]) == [
        "sender",
        "sender_name",
        "receiver",
        "receiver_name",
        "year",
        "date",
    ]
    us = df[(df["sender"] == "US") & (df["year"] == 2019)].iloc[0]
    assert (us["level"], us["dr_at_receiver"], us["head_status"]) == (
        "charge_d_affaires",
        1,
        "designated",
    )


def test_the_panel_takes_dates(seeded: Run) -> None:
    result = seeded("export", "--format", "panel", "--at", "2021-05-01")
    df = pd.read_csv(io.StringIO(result.stdout))
    assert df[["sender", "date", "head_status"]].values.tolist() == [
        ["RU", "2021-05-01", "recalled"],
        ["US", "2021-05-01", "recalled"],
    ]


def test_the_timeline_export_is_timelinejs_json(seeded: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from tests.unit.test_formats_timelinejs import SCHEMA

    doc = out_json(seeded("export", "--format", "timeline", "--pair", "RU", "US"))
    jsonschema.validate(doc, SCHEMA)
    month = next(e for e in doc["events"] if "Vladivostok" in e["text"]["headline"])
    assert month["start_date"] == {"year": "2020", "month": "3"}


def test_chart_writes_a_png_of_the_seed_history(seeded: Run, tmp_path: Path) -> None:
    out = tmp_path / "us-ru.png"
    result = seeded("chart", "US", "RU", "--to", "2025-12-31", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1300, 830)
    assert out.stat().st_size > 20_000


def test_chart_writes_an_svg_for_a_period(seeded: Run, tmp_path: Path) -> None:
    out = tmp_path / "2021.svg"
    result = seeded(
        "chart", "RU", "US", "--from", "2021-01-01", "--to", "2021-12-31", "--output", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert "Antonov: recalled" in out.read_text()


def test_chart_refuses_an_output_that_is_not_png_or_svg(seeded: Run, tmp_path: Path) -> None:
    result = seeded("chart", "RU", "US", "--output", str(tmp_path / "chart.pdf"))
    assert result.exit_code == 2
    assert one_line(result).startswith("tracker: --output: ")


def test_chart_without_matplotlib_says_how_to_install_it(
    seeded: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = seeded("chart", "RU", "US", "--output", str(tmp_path / "chart.png"))
    assert result.exit_code == 1
    assert "pip install 'diplomatic-tracker[chart]'" in one_line(result)


def test_chart_of_a_pair_without_events_is_refused(seeded: Run, tmp_path: Path) -> None:
    result = seeded("chart", "FR", "US", "--output", str(tmp_path / "chart.png"))
    assert result.exit_code == 1
    assert one_line(result) == "tracker: no events between FR and US to chart"


def test_diff_between_two_dates_lists_values_with_their_events(seeded: Run) -> None:
    result = seeded("diff", "RU", "US", "--at", "2021-03-01", "--at", "2021-05-01", "--json")
    assert result.exit_code == 0
    rows = {r["path"]: r for r in out_json(result)}
    head = rows["missions.RU->US.head.status"]
    assert (head["before"], head["after"]) == ("at_post", "recalled")
    history = out_json(seeded("history", "RU", "US", "--json"))
    recall = [
        r["event"]["id"]
        for r in history
        if r["event"]["type"] == "ambassador_recalled" and r["event"]["actor"] == "RU"
    ]
    assert head["event_ids"] == recall
    assert rows["missions.RU->US.level"]["after"] == "charge_d_affaires"


def test_diff_between_two_moments_shows_what_a_correction_changed(
    seeded: Run, tmp_path: Path
) -> None:
    history = out_json(seeded("history", "RU", "US", "--json"))
    recall = next(r for r in history if r["event"]["type"] == "ambassador_recalled")["event"]["id"]
    t1 = out_json(seeded("show", recall, "--json"))["recorded_at"]
    fixed = seeded("correct", recall, "--set", "occurred_on=2021-03-18", "--reason", "later")
    assert fixed.exit_code == 0, fixed.stderr
    result = seeded(
        "diff",
        "RU",
        "US",
        "--at",
        "2021-05-01",
        "--as-known-at",
        t1,
        "--as-known-at",
        "2100-01-01",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    rows = out_json(result)
    assert [(r["path"], r["before"], r["after"]) for r in rows] == [
        ("missions.RU->US.head.since", "2021-03-17", "2021-03-18"),
    ]
    assert rows[0]["event_ids"][0] == recall and len(rows[0]["event_ids"]) == 2


def test_diff_prints_a_readable_table(seeded: Run) -> None:
    result = seeded("diff", "RU", "US", "--at", "2021-03-01", "--at", "2021-05-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "RU – US: 2021-03-01 → 2021-05-01"
    assert "  missions.RU->US.head.status: at_post → recalled " in result.stdout


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--at", "2021-01-01"], "--at"),
        (["--at", "2021-01-01", "--at", "2021-02-01", "--at", "2021-03-01"], "--at"),
        (
            [
                "--as-known-at",
                "2026-01-01",
                "--as-known-at",
                "2026-02-01",
                "--as-known-at",
                "2026-03-01",
            ],
            "--as-known-at",
        ),
        (
            [
                "--at",
                "2021-01-01",
                "--at",
                "2021-02-01",
                "--as-known-at",
                "2026-01-01",
                "--as-known-at",
                "2026-02-01",
            ],
            "--as-known-at",
        ),
        (["--at", "2021-02-30", "--at", "2021-03-01"], "--at"),
    ],
)
def test_diff_needs_exactly_two_dates_or_two_moments(
    seeded: Run, args: list[str], option: str
) -> None:
    result = seeded("diff", "RU", "US", *args)
    assert result.exit_code == 2
    assert one_line(result).startswith(f"tracker: {option}: ")
