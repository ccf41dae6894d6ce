"""Shared helpers for the benchmarks: timing commands, the floors, world files."""

from __future__ import annotations

import compileall
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TRACKER = str(BIN / "tracker")
FLOOR = [sys.executable, "-c", "import eventsourcing.application, pydantic, typer"]
LOCAL_PG = "postgresql://postgres@127.0.0.1:5432/test"
PACKAGES = ("tracker", "events", "projections")


def compile_project() -> None:
    """Compile the project's modules, as `pip install .` leaves them. An editable
    install run with PYTHONDONTWRITEBYTECODE set (as on the development machine)
    would compile them from source in every command, about 20 ms of start-up
    that an installed tracker does not pay; the floor's libraries are compiled."""
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)


def timed(cmd: list[str], *, check: bool = True) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=check, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(cmd: list[str], runs: int) -> float:
    return statistics.median(timed(cmd) for _ in range(runs))


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of one run, from GNU time."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def world_file(n: int, directory: Path) -> Path:
    path = directory / f"world-{n}.jsonl"
    if not path.exists():
        with path.open("w") as out:
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "world.py"), str(n)],
                stdout=out,
                check=True,
            )
    return path


def raw_sqlite_insert(path: Path, db: Path) -> float:
    """The floor: decode each line and insert it as a row of the same shape, one transaction."""
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    with path.open("rb") as lines, conn:
        rows = ((json.loads(line)["id"], 1, "t", line) for line in lines if line.strip())
        conn.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows)
    conn.close()
    return time.perf_counter() - start


def raw_postgres_insert(path: Path, url: str, schema: str) -> float:
    """The floor on PostgreSQL: the same rows, one executemany, one transaction."""
    import psycopg

    start = time.perf_counter()
    with psycopg.connect(url) as conn:
        conn.execute(
            f'CREATE TABLE "{schema}".raw (originator_id uuid, originator_version '
            "bigint, topic text, state bytea, PRIMARY KEY (originator_id, "
            "originator_version))"
        )
        with path.open("rb") as lines, conn.cursor() as cur:
            rows = [(json.loads(line)["id"], 1, "t", line) for line in lines if line.strip()]
            cur.executemany(f'INSERT INTO "{schema}".raw VALUES (%s, %s, %s, %s)', rows)
    return time.perf_counter() - start
