"""Hostile input: every bad import or record ends in one line, the right exit, nothing written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.builders import SEEDS
from tracker.cli import app

GOOD = json.loads(SEEDS.read_text().splitlines()[0])
FIELDS = sorted({*GOOD, "person", "mission_of", "city", "cap", "terms", "changes", "event_id"})
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def mutated() -> st.SearchStrategy[bytes]:
    def build(field: str, value: Any, drop: bool) -> bytes:
        record = dict(GOOD)
        record.pop("id")
        if drop:
            record.pop(field, None)
        else:
            record[field] = value
        return (json.dumps(record) + "\n").encode()

    return st.builds(build, st.sampled_from(FIELDS), json_values, st.booleans())


hostile = st.one_of(
    st.binary(min_size=1, max_size=200),
    st.text(min_size=1, max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: (json.dumps(v) + "\n").encode()),
    mutated(),
    st.sampled_from(
        [
            b"\xef\xbb\xbf{not json}\n",
            b"\xff\xfe\x00\x00",
            ("[" * 5000 + "]" * 5000 + "\n").encode(),
            (json.dumps(GOOD | {"summary": "x" * 200_000}) + "\n").encode(),
            (json.dumps(GOOD | {"occurred_on": "2021-02-29"}) + "\n").encode(),
            (json.dumps(GOOD | {"type": "embassy_exploded"}) + "\n").encode(),
            (json.dumps(GOOD | {"actor": "Atlantis"}) + "\n").encode(),
            (json.dumps(GOOD | {"summary": "\x1b]0;pwned\x07"}) + "\n").encode(),
        ]
    ),
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    db = tmp_path_factory.mktemp("fuzz") / "store.db"
    assert CliRunner().invoke(app, ["--db", str(db), "import", str(SEEDS)]).exit_code == 0
    return ["--db", str(db)]


def export(store: list[str]) -> str:
    return CliRunner().invoke(app, [*store, "export"]).stdout


def assert_clean_failure(result: Any, store: list[str], before: str) -> None:
    assert result.exit_code in (1, 2), (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("tracker: "), result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert export(store) == before


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=hostile)
def test_hostile_import_lines_end_in_one_clean_line_and_change_nothing(
    store: list[str],
    payload: bytes,
) -> None:
    before = export(store)
    result = CliRunner().invoke(app, [*store, "import", "-"], input=payload)
    if result.exit_code == 0:
        return  # a mutation that is still a valid event
    assert_clean_failure(result, store, before)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bad=hostile)
def test_a_good_file_with_one_bad_line_at_the_end_writes_nothing(
    store: list[str],
    tmp_path_factory: pytest.TempPathFactory,
    bad: bytes,
) -> None:
    before = export(store)
    fresh = [
        json.dumps(GOOD | {"id": None, "summary": f"new {i}"}).replace('"id": null, ', "")
        for i in range(20)
    ]
    payload = ("\n".join(fresh) + "\n").encode() + bad
    result = CliRunner().invoke(app, [*store, "import", "-"], input=payload)
    if result.exit_code == 0:
        return  # the appended line happened to be blank or valid
    assert_clean_failure(result, store, before)


text_arg = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["talks_held", "diplomats_expelled", "consulate_closed", "nope"]),
    actor=text_arg,
    on=text_arg,
    summary=text_arg,
    source=text_arg,
    extra=text_arg,
)
def test_hostile_record_arguments_end_in_one_clean_line(
    store: list[str],
    kind: str,
    actor: str,
    on: str,
    summary: str,
    source: str,
    extra: str,
) -> None:
    before = export(store)
    args = [
        *store,
        "record",
        kind,
        "--actor",
        actor or "?",
        "--target",
        "US",
        "--on",
        on or "?",
        "--summary",
        summary or " ",
        "--source",
        source or "?",
        "--set",
        extra or "=",
    ]
    result = CliRunner().invoke(app, args)
    if result.exit_code == 0:
        return
    if "Usage:" in result.stderr:
        assert result.exit_code == 2
        return
    assert_clean_failure(result, store, before)


def test_a_bom_at_the_start_of_a_file_is_tolerated(store: list[str], tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + SEEDS.read_bytes())
    result = CliRunner().invoke(app, [*store, "import", str(path)])
    assert result.exit_code == 0 and result.stdout.startswith("added 0,")
