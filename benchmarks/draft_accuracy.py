"""Precision and recall of `tracker draft` on the seed reports and the test reports.

Run: python benchmarks/draft_accuracy.py [--verbose]
Each report is drafted against a store holding the curated seed history
(seeds/us-ru.jsonl: it knows the envoys) plus the one claim the denial report
denies; every candidate counts, duplicates of stored events included. A
candidate matches an expected event on (type, actor, target, occurred_on);
talks and agreements match in either order of the two states. The test
reports (tests/fixtures/reports/) are invented wire copy; the seed reports are
read from ../shared/seeds/ when that folder is there. The held-out reports
(tests/fixtures/heldout/) were written after the rules and never tuned on.
Goal (issue 8): 80% precision and 80% recall.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
REPORTS = ROOT / "tests" / "fixtures" / "reports"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
CLAIM = {
    "type": "agreement_reached",
    "actor": "US",
    "target": "RU",
    "occurred_on": "2025-03-06",
    "terms": ["consulates_reopen"],
    "cities": ["Yekaterinburg", "Vladivostok"],
    "summary": "A US official says Russia agreed to let the US reopen two consulates",
    "confidence": "claimed",
}

Key = tuple[str, str, str, str]
# report file -> (publication day, the events it states)
EXPECTED: dict[Path, tuple[str, set[Key]]] = {
    SEEDS / "000_4d6ef7dbb10a8880.txt": (
        "2021-06-16",
        {
            ("agreement_reached", "RU", "US", "2021-06-16"),
            ("talks_held", "RU", "US", "2021-06-16"),
            ("ambassador_recalled", "RU", "US", "2021"),
            ("ambassador_recalled", "US", "RU", "2021"),
        },
    ),
    SEEDS / "002_aca9e1a878e5d092.txt": (
        "2025-02-26",
        {
            ("talks_held", "RU", "US", "2025-02-27"),
            ("talks_held", "RU", "US", "2025-02"),
            ("agreement_reached", "RU", "US", "2025-02"),
        },
    ),
    REPORTS / "expulsions.txt": (
        "2023-03-17",
        {
            ("diplomats_expelled", "RU", "US", "2023-03-17"),
            ("diplomats_expelled", "US", "RU", "2023-03-08"),
        },
    ),
    REPORTS / "consulates.txt": (
        "2022-10-19",
        {
            ("consulate_closed", "PL", "RU", "2022-10-19"),
            ("consulate_closed", "RU", "PL", "2022-06"),
        },
    ),
    REPORTS / "staff_cap.txt": (
        "2024-05-14",
        {
            ("staff_cap_imposed", "LT", "BY", "2024-05-14"),
            ("ambassador_recalled", "BY", "LT", "2024-05-14"),
        },
    ),
    REPORTS / "departure.txt": (
        "2024-09-16",
        {
            ("ambassador_departed", "US", "RU", "2024-09-15"),
            ("charge_d_affaires_named", "US", "RU", "2024-09-15"),
            ("credentials_presented", "US", "RU", "2022-01"),
        },
    ),
    REPORTS / "denial.txt": (
        "2025-03-11",
        {
            ("corrected", "US", "RU", "2025-03-06"),
        },
    ),
    REPORTS / "known_envoy.txt": (
        "2022-03-14",
        {
            ("ambassador_recalled", "RU", "US", "2022-03-12"),
        },
    ),
    # Held out: written after the rules, never used to tune them.
    HELDOUT / "poland.txt": (
        "2023-05-10",
        {
            ("diplomats_expelled", "PL", "RU", "2023-05-10"),
            ("consulate_closed", "PL", "RU", "2023-05"),
        },
    ),
    HELDOUT / "niger.txt": (
        "2024-02-02",
        {
            ("ambassador_recalled", "NE", "FR", "2024-02-01"),
            ("talks_held", "FR", "NE", "2024-01"),
        },
    ),
    REPORTS / "claim.txt": (
        "2025-03-07",
        {
            ("agreement_reached", "US", "RU", "2025-03-06"),
            ("talks_held", "US", "RU", "2025-04"),
        },
    ),
}
EITHER_ORDER = ("talks_held", "agreement_reached")


def key(record: dict[str, object]) -> Key:
    kind, a, b = str(record["type"]), str(record["actor"]), str(record["target"])
    if kind in EITHER_ORDER:
        a, b = sorted((a, b))
    return kind, a, b, str(record["occurred_on"])


def normal(k: Key) -> Key:
    kind, a, b, when = k
    return (kind, *sorted((a, b)), when) if kind in EITHER_ORDER else k  # type: ignore[return-value]


def known_store() -> Any:
    from events import Recorded, parse
    from tracker.draft import Known

    lines = (ROOT / "seeds" / "us-ru.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()] + [CLAIM]
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    return Known.from_records(Recorded(parse(r), moment, n) for n, r in enumerate(records))


def evaluate(verbose: bool = False) -> tuple[float, float, list[str]]:
    """(precision, recall, per-report lines) over every report that is present."""
    from tracker.draft import draft

    known = known_store()
    hits = drafted = expected_total = 0
    lines = []
    for path, (published, expected) in EXPECTED.items():
        if not path.is_file():
            lines.append(f"{path.name}: not found, left out")
            continue
        result = draft(path.read_text(encoding="utf-8"), date.fromisoformat(published), known=known)
        got = {key(c.record) for c in result.candidates}
        want = {normal(k) for k in expected}
        hits += len(got & want)
        drafted += len(got)
        expected_total += len(want)
        lines.append(f"{path.name}: {len(got & want)}/{len(want)} found, {len(got - want)} extra")
        if verbose:
            lines += [f"    missed {k}" for k in sorted(want - got)]
            lines += [f"    extra  {k}" for k in sorted(got - want)]
    precision = hits / drafted if drafted else 1.0
    recall = hits / expected_total if expected_total else 1.0
    return precision, recall, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List misses and extras.")
    args = parser.parse_args()
    precision, recall, lines = evaluate(args.verbose)
    print("\n".join(lines))
    print(f"precision {precision:.0%}, recall {recall:.0%} (goal: 80% each)")
    sys.exit(0 if precision >= 0.8 and recall >= 0.8 else 1)


if __name__ == "__main__":
    main()
