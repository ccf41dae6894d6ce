"""The installed `tracker` console script, as a user's shell runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import SEEDS

TRACKER = shutil.which("tracker", path=str(Path(sys.executable).parent)) or shutil.which("tracker")


@pytest.fixture
def tracker(tmp_path: Path) -> list[str]:
    if TRACKER is None:
        pytest.fail("the tracker command is not installed (pip install .)")
    return [TRACKER, "--db", str(tmp_path / "store.db")]


def run(cmd: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def test_import_and_status_from_the_shell(tracker: list[str]) -> None:
    assert run([*tracker, "import", str(SEEDS)]).stdout.startswith("added ")
    done = run([*tracker, "status", "RU", "US", "--at", "2021-05-01", "--json"])
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["missions"]["RU->US"]["head"]["status"] == "recalled"


def test_a_bad_line_from_the_shell_is_one_line_and_exit_2(tracker: list[str]) -> None:
    line = json.loads(SEEDS.read_text().splitlines()[0]) | {"occurred_on": "2021-13"}
    done = run([*tracker, "import", "-"], stdin=json.dumps(line) + "\n")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "tracker: line 1: occurred_on: '2021-13' is not a real date"
    ]


def test_an_unexpected_failure_is_one_line_without_a_traceback(
    tracker: list[str], tmp_path: Path
) -> None:
    (tmp_path / "store.db").write_bytes(b"this is not a database" * 100)
    done = run([*tracker, "status", "RU", "US"])
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
