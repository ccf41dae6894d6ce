"""Reliability on both stores: concurrent writers lose nothing, killed imports leave all or none."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tracker.application import DiplomaticTracker
from tracker.store import Location

ROOT = Path(__file__).resolve().parents[2]
WRITERS, EACH = 4, 100

WRITER = """
import sys
from pathlib import Path

from events import parse
from tracker.application import DiplomaticTracker
from tracker.importing import Line
from tracker.store import Location

path, url, worker, each = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
location = Location(path=Path(path)) if path else Location(url=url)
store = DiplomaticTracker(location)
for i in range(each):
    event = parse({"type": "talks_held", "actor": "RU", "target": "US",
                   "occurred_on": "2025-02-27", "summary": f"writer {worker} event {i}",
                   "sources": [{"url": "https://example.org/w"}]})
    store.add([Line(f"writer {worker}", event)])
print("done", worker)
"""


READER = """
import sys, time
from datetime import date
from pathlib import Path

from tracker.application import DiplomaticTracker
from tracker.store import Location

path, url, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
location = Location(path=Path(path)) if path else Location(url=url)
store = DiplomaticTracker(location, create=False)
end, answers = time.monotonic() + seconds, 0
while time.monotonic() < end:
    texts = store.posture_texts(date(2025, 3, 1))
    assert texts is not None
    store.posture("RU", "US", date(2025, 3, 1))
    answers += 1
print("answered", answers)
"""

WRITER_OF_PAIRS = WRITER.replace('"actor": "RU"', '"actor": ["RU", "FR", "DE"][i % 3]')


def _args(location: Location) -> list[str]:
    return [str(location.path or ""), location.url or ""]


def test_four_processes_appending_a_hundred_events_each_lose_nothing(location: Location) -> None:
    DiplomaticTracker(location)  # create the store before the race
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, *_args(location), str(w), str(EACH)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(WRITERS)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    records = DiplomaticTracker(location, create=False).records()
    summaries = [r.event.summary for r in records]
    expected = {f"writer {w} event {i}" for w in range(WRITERS) for i in range(EACH)}
    assert len(summaries) == WRITERS * EACH
    assert set(summaries) == expected
    assert len({r.event.id for r in records}) == WRITERS * EACH
    assert len({r.seq for r in records}) == WRITERS * EACH


def test_readers_of_the_posture_table_during_imports_see_no_error(location: Location) -> None:
    from datetime import date

    from projections import postures

    DiplomaticTracker(location)
    run = [sys.executable, "-c"]
    procs = [
        subprocess.Popen(
            [*run, WRITER_OF_PAIRS, *_args(location), str(w), "40"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(2)
    ]
    time.sleep(0.5)  # the store has events before the readers start
    procs += [
        subprocess.Popen(
            [*run, READER, *_args(location), "4"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        outs.append(out.split())
    assert all(o[0] == "answered" and int(o[1]) > 0 for o in outs[2:])
    store = DiplomaticTracker(location, create=False)
    at = date(2025, 3, 1)
    expected = [json.dumps(p, ensure_ascii=False) for p in postures(store.records(), at)]
    assert len(expected) == 3
    assert store.posture_texts(at) == expected


def _big_file(path: Path, n: int) -> Path:
    lines = [
        json.dumps(
            {
                "type": "talks_held",
                "actor": "FR",
                "target": "DE",
                "occurred_on": f"{1950 + i % 70}-01-01",
                "summary": f"talks {i}",
                "sources": [{"url": f"https://example.org/{i}"}],
            }
        )
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_an_import_killed_at_any_moment_leaves_all_of_the_file_or_none(
    location: Location,
    tmp_path: Path,
) -> None:
    n = 4000
    data = _big_file(tmp_path / "big.jsonl", n)
    store_args = (
        ["--db", str(location.path)] if location.path else ["--database-url", str(location.url)]
    )
    tracker = [sys.executable, "-m", "tracker", *store_args]
    rnd = random.Random(7)
    outcomes = []
    for _ in range(6):
        proc = subprocess.Popen(
            [*tracker, "import", str(data)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rnd.uniform(0.2, 1.6))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        count = len(DiplomaticTracker(location).records())
        assert count in (0, n), count
        outcomes.append(count)
        if count == n:
            break
    done = subprocess.run(
        [*tracker, "import", str(data)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert len(DiplomaticTracker(location, create=False).records()) == n
    assert outcomes, "no kill happened"
