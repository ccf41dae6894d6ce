"""The same command-line flows on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.builders import EXAMPLES, SEEDS
from tracker.cli import app
from tracker.store import Location


@pytest.fixture
def cli(location: Location) -> Any:
    runner = CliRunner()
    store = ["--db", str(location.path)] if location.path else ["--database-url", str(location.url)]

    def invoke(*args: str, stdin: str | None = None) -> Any:
        return runner.invoke(app, [*store, *args], input=stdin, catch_exceptions=False)

    return invoke


def test_import_status_and_reimport(cli: Any) -> None:
    assert cli("import", str(SEEDS)).exit_code == 0
    again = cli("import", str(SEEDS))
    assert again.stdout.startswith("added 0,")
    p = json.loads(cli("status", "RU", "US", "--at", "2021-05-01", "--json").stdout)
    assert p["missions"]["US->RU"]["head"]["status"] == "recalled"


def test_a_read_of_a_store_never_written_is_refused_and_a_bad_file_writes_nothing(
    cli: Any,
) -> None:
    refused = cli("status", "RU", "US")
    assert refused.exit_code == 1 and "no store at" in refused.stderr
    lines = SEEDS.read_text().splitlines()
    bad = "\n".join([*lines[:5], lines[5].replace('"day"', '"week"')]) + "\n"
    result = cli("import", "-", stdin=bad)
    assert result.exit_code == 2 and "line 6: date_precision" in result.stderr
    assert cli("export").stdout == ""


def test_corrections_and_as_known_at(cli: Any) -> None:
    cli("import", str(EXAMPLES / "events.jsonl"))
    before = json.loads(cli("history", "RU", "US", "--json").stdout)[-1]["recorded_at"]
    assert cli("retract", "11c90883", "--reason", "wrong").exit_code == 0
    now = json.loads(cli("status", "RU", "US", "--at", "2021-05-01", "--json").stdout)
    then = json.loads(
        cli("status", "RU", "US", "--at", "2021-05-01", "--as-known-at", before, "--json").stdout
    )
    assert now["missions"]["RU->US"]["head"]["status"] == "unknown"
    assert then["missions"]["RU->US"]["head"]["status"] == "recalled"


def test_export_round_trip_with_recorded_at(cli: Any, tmp_path: Any) -> None:
    cli("import", str(SEEDS))
    text = cli("export", "--with-recorded-at").stdout
    other = CliRunner().invoke(app, ["--db", str(tmp_path / "b.db"), "import", "-"], input=text)
    assert other.exit_code == 0
    back = CliRunner().invoke(app, ["--db", str(tmp_path / "b.db"), "export", "--with-recorded-at"])
    assert back.stdout == text


def test_an_id_prefix_finds_one_event_and_an_unknown_one_is_refused(cli: Any) -> None:
    cli("import", str(SEEDS))
    shown = json.loads(cli("show", "3f65b9f2-3d2a", "--json").stdout)
    assert shown["id"] == "3f65b9f2-3d2a-5b7a-b694-3f9d71861a1c"
    missing = cli("show", "ffffffff")
    assert missing.exit_code == 1 and "matches no events" in missing.stderr


def _tracker(url: str, *args: str) -> Any:
    return CliRunner().invoke(app, ["--database-url", url, *args], catch_exceptions=False)


def test_a_write_to_a_postgres_schema_not_there_creates_it_and_a_read_does_not(
    pg_server: str,
) -> None:
    import uuid

    import psycopg

    read, written = (f"n_{uuid.uuid4().hex[:12]}" for _ in range(2))
    try:
        missing = Location(url=f"{pg_server}?schema={read}")
        refused = _tracker(str(missing.url), "status", "RU", "US")
        assert refused.exit_code == 1 and f"no store at {missing.describe()} " in refused.stderr
        assert missing.describe().endswith(f"?schema={read}")
        assert _tracker(f"{pg_server}?schema={written}", "import", str(SEEDS)).exit_code == 0
        status = _tracker(f"{pg_server}?schema={written}", "status", "RU", "US", "--json")
        assert json.loads(status.stdout)["pair"] == ["RU", "US"]
        with psycopg.connect(pg_server) as conn:
            names = conn.execute("SELECT nspname FROM pg_namespace").fetchall()
        assert (written,) in names and (read,) not in names
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            for schema in (read, written):
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_a_postgres_server_that_turns_us_away_says_why_in_one_line(pg_server: str) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on once it is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cases = [
        (f"postgresql://postgres@127.0.0.1:{port}/test", "Connection refused"),
        (pg_server.replace("//postgres@", "//no_such_role@"), 'role "no_such_role" does not exist'),
        (pg_server.rsplit("/", 1)[0] + "/no_such_db", 'database "no_such_db" does not exist'),
    ]
    for url, reason in cases:
        for args in (["status", "RU", "US"], ["import", str(SEEDS)]):
            result = _tracker(url, *args)
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            assert result.exit_code == 1 and len(lines) == 1, result.stderr
            assert lines[0].startswith("tracker: cannot open the store at postgresql://")
            assert lines[0].endswith(reason), lines[0]


def test_without_psycopg_a_postgres_url_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    result = _tracker("postgresql://postgres@127.0.0.1:5432/test", "status", "RU", "US")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "tracker: a PostgreSQL store needs psycopg: pip install 'diplomatic-tracker[postgres]'"
    )
