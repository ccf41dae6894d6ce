"""Which store a command uses: options over the environment, a URL over a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.errors import BadInput
from tracker.store import locate, postgres_env

URL = "postgresql://me@db.example:5433/tracker?schema=news"


def test_the_default_store_is_a_file_in_the_user_data_directory(tmp_path: Path) -> None:
    where = locate()
    assert where.path is not None and where.path.name == "tracker.db"
    assert str(tmp_path) in str(where.path)  # XDG_DATA_HOME points into tmp_path


def test_command_line_options_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DATABASE_URL", URL)
    monkeypatch.setenv("TRACKER_DB", "/env/store.db")
    assert locate(db="cli.db").path == Path("cli.db")


def test_at_the_same_level_a_url_wins_over_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    assert locate(db="cli.db", database_url=URL).url == URL
    monkeypatch.setenv("TRACKER_DATABASE_URL", URL)
    monkeypatch.setenv("TRACKER_DB", "/env/store.db")
    assert locate().url == URL


def test_a_url_maps_to_the_libraries_postgres_settings() -> None:
    env = postgres_env(URL)
    assert env["POSTGRES_HOST"] == "db.example" and env["POSTGRES_PORT"] == "5433"
    assert env["POSTGRES_DBNAME"] == "tracker" and env["POSTGRES_USER"] == "me"
    assert env["POSTGRES_SCHEMA"] == "news" and env["POSTGRES_PASSWORD"] == ""
    assert int(env["POSTGRES_POOL_SIZE"]) <= 2


@pytest.mark.parametrize("bad", ["mysql://x/y", "postgresql://host", "not a url"])
def test_a_url_that_is_not_postgresql_is_bad_input(bad: str) -> None:
    with pytest.raises(BadInput, match="--database-url"):
        locate(database_url=bad)


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a directory"):
        locate(db=str(tmp_path))
