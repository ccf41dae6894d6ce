"""Import throughput on SQLite and PostgreSQL, against raw inserts of the same rows.

Run: python benchmarks/import_throughput.py [--sizes 10000 100000] [--no-postgres]
For each size, a synthetic world file (benchmarks/world.py) is imported with
`tracker import` into a fresh store; the floor is a raw insert of the same
lines (decoded, one row each, one transaction) measured in the same run.
Also reports the import's peak memory, to show it does not grow with the file.
Goals: SQLite at most 3 times the raw insert; PostgreSQL at least 10,000 events/s.
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from pathlib import Path

from common import (
    LOCAL_PG,
    TRACKER,
    compile_project,
    peak_rss_mb,
    raw_postgres_insert,
    raw_sqlite_insert,
    world_file,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--url", default=LOCAL_PG)
    args = parser.parse_args()
    compile_project()
    print(
        f"{'store':10} {'events':>9} {'seconds':>8} {'events/s':>9} {'raw s':>7} "
        f"{'× raw':>6} {'peak MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in args.sizes:
            data = world_file(n, tmp)
            raw = raw_sqlite_insert(data, tmp / f"raw-{n}.db")
            seconds, mb = peak_rss_mb(
                [TRACKER, "--db", str(tmp / f"t-{n}.db"), "import", "-q", str(data)]
            )
            print(
                f"{'sqlite':10} {n:9,} {seconds:8.2f} {n / seconds:9,.0f} {raw:7.2f} "
                f"{seconds / raw:6.1f} {mb:8.0f}"
            )
            if not args.no_postgres:
                _postgres(n, data, args.url)


def _postgres(n: int, data: Path, url: str) -> None:
    import psycopg

    schemas = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(url, autocommit=True) as conn:
        for s in schemas:
            conn.execute(f'CREATE SCHEMA "{s}"')
    try:
        raw = raw_postgres_insert(data, url, schemas[0])
        seconds, mb = peak_rss_mb(
            [TRACKER, "--database-url", f"{url}?schema={schemas[1]}", "import", "-q", str(data)]
        )
        print(
            f"{'postgres':10} {n:9,} {seconds:8.2f} {n / seconds:9,.0f} {raw:7.2f} "
            f"{seconds / raw:6.1f} {mb:8.0f}"
        )
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for s in schemas:
                conn.execute(f'DROP SCHEMA "{s}" CASCADE')


if __name__ == "__main__":
    main()
