"""The panel: one row per directed pair and date, coded like the CoW diplomatic exchange data."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from tests.builders import ev, recorded, seed_records
from tracker.formats.panel import panel_csv


def panel(records: list, dates: list[date] | None = None) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(panel_csv(records, dates or [])),
        dtype={"sender": str, "receiver": str, "level": str},
    )


def test_by_default_each_direction_gets_a_row_at_each_year_end() -> None:
    df = panel(seed_records())
    assert len(df) == 2 * len(range(2016, 2026))
    assert set(df["year"]) == set(range(2016, 2026))
    assert set(df["date"].str[5:]) == {"12-31"}
    assert set(zip(df["sender"], df["receiver"], strict=True)) == {("RU", "US"), ("US", "RU")}


def test_levels_are_coded_like_dipex_and_unknown_is_missing() -> None:
    df = panel(seed_records()).set_index(["sender", "year"])
    assert df.loc[("RU", 2017), "dr_at_receiver"] == 3
    assert df.loc[("RU", 2024), ["level", "dr_at_receiver", "head_status"]].tolist() == [
        "charge_d_affaires",
        1,
        "vacant",
    ]
    assert pd.isna(df.loc[("US", 2016), "dr_at_receiver"])
    assert df.loc[("US", 2016), "level"] == "unknown"


def test_given_dates_replace_the_year_ends() -> None:
    df = panel(seed_records(), [date(2021, 7, 1), date(2021, 5, 1)])
    assert df["date"].tolist() == ["2021-05-01", "2021-07-01"] * 2
    assert df["head_status"].tolist() == ["recalled", "at_post"] * 2
    assert df["dr_at_receiver"].tolist() == [1, 3, 1, 3]


def test_severed_relations_code_0_and_an_interests_section_codes_9() -> None:
    records = recorded(
        [
            ev("credentials_presented", "GB", "IR", "2010-01-10", person="A"),
            ev("relations_downgraded", "GB", "IR", "2011-11-30", level="interests_section"),
            ev("relations_severed", "GB", "IR", "2012-06-01"),
        ]
    )
    df = panel(records).set_index(["sender", "year"])
    assert df.loc[("GB", 2010), "dr_at_receiver"] == 3
    assert df.loc[("GB", 2011), "dr_at_receiver"] == 9
    assert df.loc[("GB", 2012), ["level", "dr_at_receiver"]].tolist() == ["none", 0]


def test_every_pair_gets_the_same_years() -> None:
    records = recorded(
        [
            ev("ambassador_recalled", "RU", "US", "2021-03-17"),
            ev("ambassador_recalled", "FR", "AU", "2023-09-17"),
        ]
    )
    df = panel(records)
    assert df.groupby(["sender", "receiver"]).size().tolist() == [3, 3, 3, 3]
