"""The chart: what it shows (bands and markers) and the picture it writes."""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

from tests.builders import ev, recorded, seed_records
from tracker.formats.chart import bands, draw, short_label, spread

END = date(2025, 12, 31)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def test_each_direction_has_a_head_an_embassy_and_a_band_per_consulate() -> None:
    picture = bands(seed_records(), ("US", "RU"), None, END)
    assert picture is not None
    assert [b.label for b in picture.bands] == [
        "RU ambassador in US",
        "RU embassy in US",
        "RU consulate, San Francisco",
        "RU consulate, Seattle",
        "US ambassador in RU",
        "US embassy in RU",
        "US consulate, Saint Petersburg",
        "US consulate, Vladivostok",
        "US consulate, Yekaterinburg",
    ]
    assert (picture.start, picture.end) == (date(2016, 12, 29), END)


def test_head_bands_follow_the_recall_and_return_of_2021() -> None:
    picture = bands(seed_records(), ("RU", "US"), date(2021, 1, 1), date(2021, 12, 31))
    assert picture is not None
    head = picture.bands[0]
    assert [(s.start, s.status, s.label) for s in head.segments] == [
        (date(2021, 1, 1), "at_post", "Antonov: at post"),
        (date(2021, 3, 17), "recalled", "Antonov: recalled"),
        (date(2021, 6, 20), "at_post", "Antonov: at post"),
    ]
    assert head.segments[-1].end == date(2022, 1, 1)


def test_markers_label_the_events_of_the_period_only() -> None:
    picture = bands(seed_records(), ("RU", "US"), date(2021, 4, 1), date(2021, 4, 30))
    assert picture is not None
    assert picture.marks == [
        (date(2021, 4, 15), "US expels 10 diplomats"),
        (date(2021, 4, 20), "US recalls ambassador"),
        (date(2021, 4, 21), "RU expels 10 diplomats"),
    ]


def test_short_labels_mark_approximate_dates_and_claims() -> None:
    event = ev(
        "consulate_suspended",
        "US",
        "RU",
        "2021-05",
        mission_of="US",
        city="Yekaterinburg",
        confidence="claimed",
    )
    assert short_label(event, approximate=True, claimed=True) == (
        "~US Yekaterinburg consulate suspended *"
    )


def test_a_pair_without_events_has_no_picture() -> None:
    assert bands(seed_records(), ("FR", "US"), None, END) is None


def test_crowded_labels_are_spread_apart_and_kept_inside() -> None:
    assert spread([0, 1, 2, 50], gap=10, high=100) == [0, 10, 20, 50]
    assert spread([95, 96, 97], gap=10, high=100) == [80, 90, 100]


def test_the_seed_chart_is_written_as_png_at_the_expected_size(tmp_path: Path) -> None:
    picture = bands(seed_records(), ("RU", "US"), None, END)
    assert picture is not None
    out = tmp_path / "chart.png"
    draw(picture, out)
    assert out.stat().st_size > 20_000
    assert png_size(out) == (1300, round((0.5 * 9 + 3.8) * 100))


def test_the_chart_is_written_as_svg_with_its_labels(tmp_path: Path) -> None:
    records = recorded([ev("ambassador_recalled", "RU", "US", "2021-03-17", person="A B")])
    picture = bands(records, ("RU", "US"), date(2021, 1, 1), date(2021, 12, 31))
    assert picture is not None
    out = tmp_path / "chart.svg"
    draw(picture, out)
    text = out.read_text()
    assert text.startswith("<?xml") and "<svg" in text
    assert "B: recalled" in text and "RU recalls ambassador" in text
