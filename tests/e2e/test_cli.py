"""The tracker command end to end: exit codes, stdout JSON and the one stderr line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.builders import EXAMPLES, SEEDS
from tests.e2e.conftest import Run, out_json


def one_line(result: object) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1, result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in lines[0]
    return lines[0]


def test_import_prints_added_and_skipped_and_a_reimport_adds_nothing(run: Run) -> None:
    first = run("import", str(SEEDS))
    n = len([line for line in SEEDS.read_text().splitlines() if line.strip()])
    assert first.exit_code == 0 and first.stdout.strip() == f"added {n}, skipped 0"
    again = run("import", str(SEEDS), "--json")
    assert out_json(again) == {"added": 0, "skipped": n, "checked": False}


@pytest.mark.parametrize(
    ("at", "status"),
    [
        ("2021-03-01", "at_post"),
        ("2021-05-01", "recalled"),
        ("2021-07-01", "at_post"),
    ],
)
def test_status_before_during_and_after_the_2021_recalls(seeded: Run, at: str, status: str) -> None:
    result = seeded("status", "RU", "US", "--at", at, "--json")
    assert result.exit_code == 0
    p = out_json(result)
    assert p["missions"]["RU->US"]["head"]["status"] == status
    assert p["missions"]["US->RU"]["head"]["status"] == status


def test_status_takes_country_names_and_aliases(seeded: Run) -> None:
    by_name = out_json(seeded("status", "Russia", "United States", "--at", "2021-05-01", "--json"))
    by_code = out_json(seeded("status", "US", "RU", "--at", "2021-05-01", "--json"))
    assert by_name == by_code and by_code["pair"] == ["RU", "US"]


def test_status_shows_a_readable_table_with_approximate_dates_marked(run: Run) -> None:
    run("import", str(EXAMPLES / "events.jsonl"))
    result = run("status", "RU", "US", "--at", "2021-05-01")
    assert result.exit_code == 0
    assert "Anatoly Antonov: recalled" in result.stdout
    assert "~2021-03" in result.stdout
    assert "tracker explain RU US" in result.stdout
    level = next(line for line in result.stdout.splitlines() if " level " in line)
    assert level.count("chargé d'affaires") == 2, level


def test_status_all_lists_every_pair_and_a_country_filter(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "more.jsonl"
    extra.write_text(
        json.dumps(
            {
                "type": "talks_held",
                "actor": "FR",
                "target": "DE",
                "occurred_on": "2020-01-01",
                "summary": "Talks",
                "sources": [{"url": "https://example.org/x"}],
            }
        )
        + "\n"
    )
    run("import", str(SEEDS), str(extra))
    every = out_json(run("status", "--all", "--at", "2022-01-01", "--json"))
    assert [p["pair"] for p in every] == [["DE", "FR"], ["RU", "US"]]
    mine = out_json(run("status", "US", "--all", "--at", "2022-01-01", "--json"))
    assert [p["pair"] for p in mine] == [["RU", "US"]]


def test_status_all_from_the_posture_table_equals_the_fold(seeded: Run) -> None:
    """--as-known-at folds the events; without it the posture table answers."""
    for at in ("0001-01-01", "2016-12-31", "2017-09-01", "2021-05-01", "9999-12-31"):
        table = out_json(seeded("status", "--all", "--at", at, "--json"))
        folded = out_json(
            seeded("status", "--all", "--at", at, "--as-known-at", "2100-01-01", "--json")
        )
        assert [p | {"as_known_at": None} for p in folded] == table
        one = out_json(seeded("status", "RU", "US", "--at", at, "--json"))
        assert table == ([one] if at > "2016" else [])
        unfolded = seeded("status", "RU", "US", "--at", at, "--as-known-at", "2100-01-01", "--json")
        assert out_json(unfolded) | {"as_known_at": None} == one
    seeded("retract", table[0]["missions"]["RU->US"]["head"]["event_ids"][0], "--reason", "test")
    after = out_json(seeded("status", "--all", "--at", "2025-06-30", "--json"))
    folded = out_json(
        seeded("status", "--all", "--at", "2025-06-30", "--as-known-at", "2100-01-01", "--json")
    )
    assert after != table and [p | {"as_known_at": None} for p in folded] == after


def test_record_then_status_then_retract(run: Run) -> None:
    result = run(
        "record",
        "ambassador_recalled",
        "--actor",
        "RU",
        "--target",
        "US",
        "--on",
        "2021-03-17",
        "--person",
        "Anatoly Antonov",
        "--summary",
        "Russia recalls its ambassador",
        "--source",
        "https://example.org/r",
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    ident = out_json(result)["id"]
    p = out_json(run("status", "RU", "US", "--at", "2021-04-01", "--json"))
    assert p["missions"]["RU->US"]["head"]["status"] == "recalled"
    assert run("retract", ident[:8], "--reason", "wrong report").exit_code == 0
    p = out_json(run("status", "RU", "US", "--at", "2021-04-01", "--json"))
    assert p["missions"]["RU->US"]["head"]["status"] == "unknown"
    history = out_json(run("history", "RU", "US", "--json"))
    assert [row["status"] for row in history] == ["retracted", ""]


def test_as_known_at_before_and_after_a_correction(run: Run) -> None:
    run("import", str(EXAMPLES / "events.jsonl"))
    rows = out_json(run("history", "RU", "US", "--json"))
    recorded_at = rows[0]["recorded_at"]
    ident = "1199d1d8"
    assert (
        run(
            "correct", ident, "--set", "occurred_on=2021-05-10", "--reason", "a later report"
        ).exit_code
        == 0
    )
    now = out_json(run("status", "RU", "US", "--at", "2021-05-01", "--json"))
    then = out_json(
        run("status", "RU", "US", "--at", "2021-05-01", "--as-known-at", recorded_at, "--json")
    )
    assert now["missions"]["US->RU"]["head"]["status"] == "unknown"
    assert then["missions"]["US->RU"]["head"]["status"] == "recalled"
    assert then["missions"]["US->RU"]["head"]["since"] == "2021-04-20"


def test_replay_lists_changes_in_order(seeded: Run) -> None:
    steps = out_json(
        seeded("replay", "RU", "US", "--from", "2021-03-01", "--to", "2021-06-30", "--json")
    )
    assert steps[0]["event"]["type"] == "ambassador_recalled"
    assert [s["on"] for s in steps] == sorted(s["on"] for s in steps)
    human = seeded("replay", "RU", "US", "--from", "2021-03-01", "--to", "2021-06-30")
    assert "missions.RU->US.head.status: at_post → recalled" in human.stdout


def test_explain_traces_each_value_to_its_events_and_sources(seeded: Run) -> None:
    rows = out_json(seeded("explain", "RU", "US", "--at", "2021-05-01", "--json"))
    head = next(r for r in rows if r["path"] == "missions.RU->US.head")
    assert head["value"] == "recalled"
    assert head["events"][0]["type"] == "ambassador_recalled"
    assert head["events"][0]["sources"]


def test_explain_and_tenures_of_a_pair_with_nothing_known_say_so(seeded: Run) -> None:
    early = seeded("explain", "RU", "US", "--at", "1990-01-01")
    assert early.exit_code == 0
    assert early.stdout.strip() == "no event of RU–US is in effect by 1990-01-01"
    assert out_json(seeded("explain", "FR", "DE", "--json")) == []
    tenures = seeded("tenures", "FR", "DE")
    assert tenures.exit_code == 0 and tenures.stdout.count("no head recorded") == 2


def test_a_bad_reason_or_id_names_what_the_user_typed(seeded: Run) -> None:
    before = seeded("export").stdout
    empty = seeded("retract", "3f65b9f2", "--reason", " ")
    assert empty.exit_code == 2 and one_line(empty) == "tracker: reason: must not be empty"
    long = seeded("correct", "3f65b9f2", "--set", "count=2", "--reason", "x" * 1001)
    assert long.exit_code == 2 and one_line(long).startswith("tracker: reason: must be at most")
    short = seeded("show", "3f6")
    assert short.exit_code == 2 and "at least its first 4 hex digits" in one_line(short)
    assert seeded("export").stdout == before


def test_status_all_with_nothing_to_show_says_what_was_asked(seeded: Run) -> None:
    one = seeded("status", "FR", "--all", "--at", "2021-01-01")
    assert one.stdout.strip() == "no pair of FR has events in effect by 2021-01-01"
    known = seeded("status", "--all", "--at", "2021-01-01", "--as-known-at", "2000-01-01")
    assert known.stdout.strip() == (
        "no pair has events in effect by 2021-01-01 as known at 2000-01-01"
    )


def test_show_types_tenures_and_check(seeded: Run) -> None:
    assert seeded("show", "3f65b9f2", "--json").exit_code == 0
    types = out_json(seeded("types", "--json"))
    assert {t["type"]: t["cameo"] for t in types}["talks_held"] == "040"
    tenures = out_json(seeded("tenures", "RU", "US", "--json"))
    assert tenures["RU->US"][0]["name"] == "Anatoly Antonov"
    check = seeded("check", "--today", "2021-07-01", "--json")
    assert check.exit_code in (0, 1)
    assert isinstance(out_json(check), list)


def test_export_import_export_round_trips(seeded: Run, tmp_path: Path) -> None:
    first = seeded("export", "--format", "jsonl").stdout
    other = ["--db", str(tmp_path / "other.db")]
    assert seeded("import", "-", stdin=first, store=other).exit_code == 0
    assert seeded("export", store=other).stdout == first


def test_export_filters_by_pair_and_period(seeded: Run) -> None:
    text = seeded(
        "export", "--pair", "US", "RU", "--from", "2021-01-01", "--to", "2021-12-31"
    ).stdout
    dates = [json.loads(line)["occurred_on"] for line in text.splitlines()]
    assert dates and all(d.startswith("2021") for d in dates)


def test_a_bad_line_is_one_error_naming_line_and_field_and_writes_nothing(
    seeded: Run,
    tmp_path: Path,
) -> None:
    before = seeded("export").stdout
    bad = tmp_path / "bad.jsonl"
    good = json.dumps(
        {
            "type": "talks_held",
            "actor": "RU",
            "target": "US",
            "occurred_on": "2030-01-01",
            "summary": "s",
            "sources": [{"url": "https://example.org/a"}],
        }
    )
    bad.write_text(good + "\n\n" + good.replace("2030-01-01", "2030-13") + "\n")
    result = seeded("import", str(bad))
    assert result.exit_code == 2
    assert one_line(result) == "tracker: line 3: occurred_on: '2030-13' is not a real date"
    assert seeded("export").stdout == before


def test_import_check_lists_every_problem_and_writes_nothing(
    run: Run, tmp_path: Path, db: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "nope"}\nnot json\n{"type": "talks_held", "actor": "XX"}\n')
    result = run("import", "--check", str(bad))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line 1: type: unknown event type")
    assert lines[1].startswith("line 2: not valid JSON")
    assert any(line.startswith("line 3: actor: unknown country") for line in lines)
    assert not db.exists()


@pytest.mark.parametrize("odd", ["\r", "\n", "\x0b", "\x1c", "\x85", "\u2028", "\x1b[2J"])
def test_input_that_would_break_the_error_line_is_shown_escaped(
    seeded: Run, tmp_path: Path, odd: str
) -> None:
    shown = repr(odd)[1:-1]
    before = seeded("export").stdout
    record = seeded(*_record("talks_held", *SOURCED, "--set", f"to{odd}pic=x"))
    assert record.exit_code == 2
    assert f"to{shown}pic: unknown field" in one_line(record)
    bad = tmp_path / "odd.jsonl"
    bad.write_text(json.dumps({"type": "talks_held", f"a{odd}b": 1}) + "\n")
    imported = seeded("import", str(bad))
    assert imported.exit_code == 2 and f"a{shown}b: unknown field" in one_line(imported)
    checked = seeded("import", "--check", str(bad))
    assert checked.exit_code == 2
    assert any(f"a{shown}b: unknown field" in line for line in checked.stdout.splitlines())
    assert len(checked.stdout.splitlines()) == len(checked.stdout.split("\n")) - 1
    assert seeded("export").stdout == before


def test_an_import_that_is_not_utf8_names_the_line_and_byte_and_writes_nothing(
    seeded: Run, tmp_path: Path
) -> None:
    before = seeded("export").stdout
    lines = SEEDS.read_bytes().splitlines(keepends=True)
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b"".join(lines[:30]) + b'{"summary": "caf\xe9"}\n' + b"".join(lines[30:]))
    result = seeded("import", str(bad))
    assert result.exit_code == 2
    assert one_line(result) == "tracker: line 31: not UTF-8 text (byte 17 of the line)"
    piped = seeded("import", "-", stdin=bad.read_bytes())
    assert piped.exit_code == 2 and "not UTF-8 text at or after line" in one_line(piped)
    assert seeded("export").stdout == before


@pytest.mark.parametrize(("bad", "listed", "note"), [(50, 50, False), (80, 50, True)])
def test_import_check_says_when_it_stopped_listing(
    run: Run, tmp_path: Path, bad: int, listed: int, note: bool
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "nope"}\n' * bad)
    result = run("import", "--check", str(path))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len([line for line in lines if line.startswith("line ")]) == listed
    assert (lines[-1] == "(only the first 50 problems are listed; there may be more)") is note


def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_was(run: Run, tmp_path: Path) -> None:
    import sqlite3

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all\n" * 300)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE bookmarks (url TEXT)")
    kept = other.read_bytes()
    for path, reason in [(junk, "file is not a database"), (other, "database of something else")]:
        for args in (["import", str(SEEDS)], ["record", *_record("talks_held", *SOURCED)[1:]]):
            result = run(*args, store=["--db", str(path)])
            assert result.exit_code == 1 and reason in one_line(result), result.stderr
    assert "something else" in one_line(run("status", "RU", "US", store=["--db", str(other)]))
    assert "file is not a database" in one_line(run("export", store=["--db", str(junk)]))
    assert junk.read_bytes() == b"not a database at all\n" * 300
    assert other.read_bytes() == kept


def test_a_large_import_read_by_child_processes_answers_as_one_read_here(
    run: Run, tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker import readahead

    bad = tmp_path / "bad.jsonl"
    bad.write_text(SEEDS.read_text() + '{"type": "nope"}\nnot json\n')
    here = [run("import", str(SEEDS)), run("import", str(SEEDS))]
    here += [
        run("--db", str(tmp_path / f"bad{len(check)}.db"), "import", *check, str(bad))
        for check in ([], ["--check"])
    ]
    db.unlink()
    used: list[list[str]] = []
    read_ahead = readahead.read_ahead
    monkeypatch.setattr(readahead, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(readahead, "BATCH", 3)
    monkeypatch.setattr(readahead, "read_ahead", lambda *a: used.append(a[0]) or read_ahead(*a))
    there = [run("import", str(SEEDS)), run("import", str(SEEDS))]
    there += [
        run("--db", str(tmp_path / f"bad{len(check)}-2.db"), "import", *check, str(bad))
        for check in ([], ["--check"])
    ]
    assert len(used) == 4
    assert [(r.exit_code, r.stdout, r.stderr) for r in there] == [
        (r.exit_code, r.stdout, r.stderr) for r in here
    ]
    assert here[0].stdout.startswith("added ") and here[1].stdout.startswith("added 0, ")
    assert here[2].exit_code == here[3].exit_code == 2
    assert not list(tmp_path.glob("*-2.db"))


def test_an_unknown_field_is_refused_with_a_suggestion(run: Run) -> None:
    record = {
        "type": "talks_held",
        "actor": "RU",
        "target": "US",
        "occured_on": "2021-01-01",
        "summary": "s",
        "sources": [{"url": "https://example.org/a"}],
    }
    result = run("import", "-", stdin=json.dumps(record) + "\n")
    assert result.exit_code == 2
    assert "did you mean occurred_on" in one_line(result)


def test_an_id_already_present_with_different_content_is_refused_with_exit_1(seeded: Run) -> None:
    line = json.loads(SEEDS.read_text().splitlines()[0])
    line["summary"] = "something else"
    result = seeded("import", "-", stdin=json.dumps(line) + "\n")
    assert result.exit_code == 1
    assert f"line 1: id {line['id']} is already present" in one_line(result)


SOURCED = ("--source", "https://e.org")


def _record(kind: str, *more: str) -> list[str]:
    """`record KIND` for RU->US in 2021 with a summary, and `more`."""
    return [
        "record",
        kind,
        "--actor",
        "RU",
        "--target",
        "US",
        "--on",
        "2021",
        "--summary",
        "s",
        *more,
    ]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["status", "RU", "Atlantis"], "B: unknown country 'Atlantis'"),
        (["status", "Rusia", "US"], "did you mean Russia"),
        (["status", "RU", "US", "--at", "2021-02-30"], "--at: '2021-02-30' is not a real date"),
        (["status", "RU", "US", "--at", "2021-02"], "--at: '2021-02' needs a full date"),
        (["status", "RU", "US", "--as-known-at", "yesterday"], "--as-known-at:"),
        (["status", "RU", "RU"], "the two countries are the same"),
        (["status", "GB", "uk"], "the two countries are the same (GB)"),
        (["replay", "RU", "US", "--from", "2022-01-01", "--to", "2021-01-01"], "--from:"),
        (_record("talks_held"), "sources: a reported event needs at least one source"),
        (_record("talks_held", "--source", "not a url"), "sources[0].url:"),
        (_record("diplomats_expelled", *SOURCED, "--set", "count=ten"), "count:"),
        (_record("talks_held", *SOURCED, "--set", "nonsense"), "--set:"),
        (["import", "/nonexistent/file.jsonl"], "cannot read"),
        (["export", "--from", "2021-13-01"], "--from:"),
    ],
)
def test_bad_input_gets_one_line_naming_the_field_and_exit_2(
    seeded: Run,
    args: list[str],
    fragment: str,
) -> None:
    result = seeded(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert fragment in one_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "RU", "US"],
        ["history", "RU", "US"],
        ["export"],
        ["check"],
        ["show", "abcd"],
        ["replay", "RU", "US"],
        ["explain", "RU", "US"],
        ["tenures", "RU", "US"],
    ],
)
def test_read_commands_refuse_a_store_that_does_not_exist(
    run: Run, db: Path, args: list[str]
) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert f"no store at {db}" in one_line(result)
    assert not db.exists()


def test_refused_operations_exit_1(seeded: Run) -> None:
    result = seeded("retract", "00000000-0000-4000-8000-000000000000", "--reason", "x")
    assert result.exit_code == 1
    assert "no event" in one_line(result)


def test_typer_usage_errors_keep_the_usage_message_and_exit_2(run: Run) -> None:
    result = run("status", "--bogus")
    assert result.exit_code == 2
    assert "Usage" in result.stderr or "No such option" in result.stderr


def test_stored_text_is_printed_without_terminal_escapes(run: Run, tmp_path: Path) -> None:
    record = {
        "type": "talks_held",
        "actor": "RU",
        "target": "US",
        "occurred_on": "2021-01-01",
        "summary": "[bold red]markup[/] and \u009b31m C1",
        "confidence": "claimed",
    }
    result = run("import", "-", stdin=json.dumps(record) + "\n")
    assert result.exit_code == 2
    record["summary"] = "[bold red]markup[/] stays text"
    assert run("import", "-", stdin=json.dumps(record) + "\n").exit_code == 0
    shown = run("status", "RU", "US", "--at", "2021-02-01")
    assert "[bold red]markup[/] stays text" in shown.stdout
    assert "\x1b" not in shown.stdout


def test_a_piped_import_shows_no_progress_and_says_added_on_stdout(run: Run) -> None:
    result = run("import", str(SEEDS))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("added ")


def test_rebuild_reindexes_and_answers_stay_the_same(seeded: Run) -> None:
    before = seeded("status", "RU", "US", "--at", "2021-05-01", "--json").stdout
    everything = seeded("status", "--all", "--at", "2021-05-01", "--json").stdout
    result = seeded("rebuild", "--quiet")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["dropped", "indexed", "folded"]
    assert lines[1].startswith("indexed 39 events") and lines[2].startswith("folded 1 pair in")
    assert seeded("status", "RU", "US", "--at", "2021-05-01", "--json").stdout == before
    assert seeded("status", "--all", "--at", "2021-05-01", "--json").stdout == everything


@pytest.mark.parametrize(
    "names", [("ru", "us"), ("Russia", "United States"), ("Moscow", "Washington"), ("US", "RU")]
)
def test_status_of_a_pair_is_the_same_whichever_way_the_countries_are_named(
    seeded: Run, names: tuple[str, str]
) -> None:
    by_code = out_json(seeded("status", "RU", "US", "--at", "2021-05-01", "--json"))
    assert out_json(seeded("status", *names, "--at", "2021-05-01", "--json")) == by_code
