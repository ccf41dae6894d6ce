"""`tracker status` start-up against the floor of Python plus its three libraries.

Run: python benchmarks/startup.py [--runs 15]
Imports the seed history into a temporary SQLite store, then times, in
alternation so that machine noise hits both alike:
  floor:   python -c "import eventsourcing.application, pydantic, typer"
  status:  tracker --db STORE status RU US --at 2021-05-01 --json
  (and the human table, --help, and a one-command typer app that does nothing,
  the least a typer command costs), reporting medians and the ratio to the floor.
Goal (issue 4): status at most 1.3 times the floor.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import FLOOR, ROOT, TRACKER, compile_project, timed

# The least any typer command costs: typer builds pydantic adapters for its options.
MINIMAL_TYPER = """
from typing import Annotated
import eventsourcing.application, pydantic, typer
app = typer.Typer()
@app.command()
def status(a: str, b: str, at: Annotated[str | None, typer.Option()] = None,
           json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    print(a, b)
app()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_project()
    tracker = TRACKER
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seed.db")
        subprocess.run(
            [tracker, "--db", db, "import", str(ROOT / "seeds" / "us-ru.jsonl")],
            check=True,
            capture_output=True,
        )
        cases = {
            "floor": FLOOR,
            "python -c pass": [sys.executable, "-c", "pass"],
            "typer, one command": [sys.executable, "-c", MINIMAL_TYPER, "RU", "US", "--json"],
            "status --json": [
                tracker,
                "--db",
                db,
                "status",
                "RU",
                "US",
                "--at",
                "2021-05-01",
                "--json",
            ],
            "status (table)": [tracker, "--db", db, "status", "RU", "US", "--at", "2021-05-01"],
            "--help": [tracker, "--help"],
        }
        for cmd in cases.values():
            timed(cmd)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, cmd in cases.items():
                samples[name].append(timed(cmd))
    floor = statistics.median(samples["floor"])
    print(f"{'case':18} {'median ms':>10} {'× floor':>8}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:18} {median * 1000:10.1f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
