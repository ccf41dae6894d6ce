"""Shared fixtures: a fresh store on SQLite and on the local PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.store import Location

LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"


def pg_url() -> str:
    return os.environ.get("TRACKER_TEST_DATABASE_URL", LOCAL_PG)


def pg_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.split("?")[0], connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.fixture
def pg_server() -> str:
    """The local PostgreSQL's URL (no schema); skipped only off CI with no server."""
    url = pg_url().split("?")[0]
    if not pg_reachable(url):
        if os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL at {url}, and CI must test it")
        pytest.skip(f"no PostgreSQL server at {url} (start it to run these tests)")
    return url


@pytest.fixture
def pg_schema(pg_server: str) -> Iterator[str]:
    """A fresh PostgreSQL schema, dropped afterwards."""
    import psycopg

    url = pg_server
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield schema
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Location:
    """An empty store of each kind."""
    if request.param == "sqlite":
        return Location(path=tmp_path / "store.db")
    schema = request.getfixturevalue("pg_schema")
    return Location(url=f"{pg_url().split('?')[0]}?schema={schema}")


@pytest.fixture(autouse=True)
def _no_store_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the user's store: the default lives in tmp_path."""
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    monkeypatch.delenv("TRACKER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
