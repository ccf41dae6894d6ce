"""Answers at any date on a world-sized history: 10k, 100k and 1M events.

Run: python benchmarks/scale.py [--sizes 10000 100000 1000000] [--runs 5]
For each size: import a synthetic world (benchmarks/world.py) into a fresh
SQLite store, then time, as ratios to the floor measured in the same run
(Python start-up with eventsourcing, pydantic and typer imported):
  status A B --at D    for the busiest pair and for a quiet one (the first
                       question after an import folds the pair into the
                       posture table; later ones read it),
  status --all --at D  every pair: the first question after the import folds
                       every pair into the posture table, later ones read it,
  status A B           for the busiest pair after one backdated event (folded
                       whole) and after one event of today (the fold goes on),
  rebuild              the pair index and the posture table, in events per second,
and the import itself against a raw sqlite3 insert of the same lines, with its
peak memory. Goals (issue 6): status A B at most 1.5 x floor; --all at most
2 x floor + 100 ms; import at most 3 x raw; rebuild at least 100,000/s; import
memory flat in the file's size.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from common import (
    FLOOR,
    TRACKER,
    compile_project,
    median_of,
    peak_rss_mb,
    raw_sqlite_insert,
    timed,
    world_file,
)


def pairs_by_size(path: Path) -> list[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    with path.open() as lines:
        for line in lines:
            r = json.loads(line)
            if "actor" in r and "event_id" not in r:
                a, b = sorted((r["actor"], r["target"]))
                counts[(a, b)] += 1
    return [p for p, _ in counts.most_common()]


def _one_event(out: Path, pair: tuple[str, str], when: str) -> Path:
    """One talks_held event of `pair` on `when`."""
    a, b = pair
    event = {
        "type": "talks_held",
        "actor": a,
        "target": b,
        "occurred_on": when,
        "summary": f"benchmark talks on {when}",
        "sources": [{"url": "https://example.org/benchmark"}],
    }
    out.write_text(json.dumps(event) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--at", default="2001-06-30")
    args = parser.parse_args()
    compile_project()
    header = f"{'events':>9} {'case':28} {'seconds':>8} {'x floor':>8} {'note':>24}"
    print(header)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for n in args.sizes:
            data = world_file(n, tmp)
            db = tmp / f"world-{n}.db"
            raw = raw_sqlite_insert(data, tmp / f"raw-{n}.db")
            seconds, mb = peak_rss_mb([TRACKER, "--db", str(db), "import", "-q", str(data)])
            print(
                f"{n:9,} {'import':28} {seconds:8.2f} {'':>8} "
                f"{f'{seconds / raw:.1f} x raw, {mb:.0f} MB':>24}"
            )
            floor = median_of(FLOOR, args.runs)
            print(f"{n:9,} {'floor':28} {floor:8.3f} {1.0:8.2f}")
            ranked = pairs_by_size(data)
            for label, (a, b) in (("busiest", ranked[0]), ("quiet", ranked[len(ranked) // 2])):
                cmd = [TRACKER, "--db", str(db), "status", a, b, "--at", args.at, "--json"]
                first = timed(cmd)
                t = median_of(cmd, args.runs)
                print(
                    f"{n:9,} {f'status {a} {b} ({label})':28} {t:8.3f} {t / floor:8.2f} "
                    f"{f'first: {first:.2f} s':>24}"
                )
            cmd = [TRACKER, "--db", str(db), "status", "--all", "--at", args.at, "--json"]
            first = timed(cmd)
            t = median_of(cmd, args.runs)
            note = f"goal {2 * floor + 0.1:.2f} s; first {first:.1f} s"
            print(f"{n:9,} {'status --all':28} {t:8.3f} {t / floor:8.2f} {note:>24}")
            a, b = ranked[0]
            busiest = [TRACKER, "--db", str(db), "status", a, b, "--at", args.at, "--json"]
            for when in ("1960-01-01", "2025-12-31"):
                later = _one_event(tmp / f"later-{n}.jsonl", ranked[0], when)
                subprocess.run(
                    [TRACKER, "--db", str(db), "import", "-q", str(later)],
                    check=True,
                    capture_output=True,
                )
                what = "backdated" if when < "2025" else "news"
                t = timed(busiest)
                note = f"after 1 {what} event"
                label = f"status {a} {b} (busiest)"
                print(f"{n:9,} {label:28} {t:8.3f} {t / floor:8.2f} {note:>24}")
            done = subprocess.run(
                [TRACKER, "--db", str(db), "rebuild", "-q"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for what, rate in zip(
                ("rebuild: index", "rebuild: posture table"),
                re.findall(r"\(([\d,]+)(?: events)?/s\)", done),
                strict=False,
            ):
                print(f"{n:9,} {what:28} {'':>8} {'':>8} {rate + ' events/s':>24}")


if __name__ == "__main__":
    main()
