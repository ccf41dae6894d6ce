"""The tracker command, driven in process (CliRunner) on real store files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.builders import SEEDS
from tracker.cli import app

Run = Callable[..., Any]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def run(db: Path) -> Run:
    """Run `tracker --db DB ARGS...`; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, stdin: str | bytes | None = None, store: list[str] | None = None) -> Any:
        prefix = store if store is not None else ["--db", str(db)]
        return runner.invoke(app, [*prefix, *args], input=stdin, catch_exceptions=False)

    return invoke


@pytest.fixture
def seeded(run: Run) -> Run:
    result = run("import", str(SEEDS))
    assert result.exit_code == 0, result.stderr
    return run


def out_json(result: Any) -> Any:
    return json.loads(result.stdout)
